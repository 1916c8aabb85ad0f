//! In the side panel of a hub: which of its leaves are folded into "+N more", and the button
//! that shows them all (or folds them again). The keyboard's way to what a click on the badge does.

use std::rc::Rc;

use yew::prelude::*;

use crate::chain::Chain;
use crate::flow::{NodeId, NodeKey};
use crate::hubs::{Folds, HubFold, SHOWN_LEAVES};
use crate::i18n;

#[derive(Properties, PartialEq)]
pub struct HubNoteProps {
    pub hub: NodeId,
    pub hub_key: NodeKey,
    pub folds: Rc<Folds>,
    /// The reader unfolded this hub.
    pub unfolded: bool,
    pub ontoggle: Callback<NodeKey>,
    /// The amounts' unit.
    pub chain: Chain,
}

#[component]
pub fn HubNote(props: &HubNoteProps) -> Html {
    let lang = crate::web::lang::use_lang();
    let toggle = {
        let (ontoggle, key) = (props.ontoggle.clone(), props.hub_key.clone());
        Callback::from(move |_| ontoggle.emit(key.clone()))
    };
    if props.unfolded {
        return html! {
            <p class="hub-note">{ crate::tr!(lang, "hub_note.all_shown") }{ " " }
                <button id="toggle-hub" class="link" onclick={toggle}>{ crate::tr!(lang, "hub_note.fold_again") }</button></p>
        };
    }
    let folds: Vec<_> = props.folds.of_hub(props.hub).collect();
    if folds.is_empty() {
        return html! {};
    }
    html! {
        <div class="hub-note">
            { for folds.iter().map(|fold| html! {
                <p>{ fold_text(lang, fold, props.chain) }</p>
            }) }
            <button id="toggle-hub" class="action" onclick={toggle}>{ crate::tr!(lang, "hub_note.show_all") }</button>
        </div>
    }
}

/// “Shows the 20 largest of 1,234 recipients; … are folded into “+1,214 more”.”
fn fold_text(lang: i18n::Lang, fold: &HubFold, chain: Chain) -> String {
    let shown = SHOWN_LEAVES.min(fold.leaves).to_string();
    let total = i18n::group(lang, fold.leaves as u64);
    let folded = i18n::group(lang, fold.folded.len() as u64);
    let amount = i18n::coins(lang, fold.folded_sats, chain);
    let label = fold.label(lang);
    if fold.outward {
        crate::tr!(
            lang,
            "hub_note.folded_recipients",
            shown = shown,
            total = total,
            folded = folded,
            amount = amount,
            label = label
        )
    } else {
        crate::tr!(
            lang,
            "hub_note.folded_senders",
            shown = shown,
            total = total,
            folded = folded,
            amount = amount,
            label = label
        )
    }
}
