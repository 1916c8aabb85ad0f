//! In the side panel of a hub: which of its leaves are folded into "+N more", and the button
//! that shows them all (or folds them again). The keyboard's way to what a click on the badge does.

use std::rc::Rc;

use yew::prelude::*;

use crate::chain::Chain;
use crate::flow::{NodeId, NodeKey};
use crate::format;
use crate::hubs::{Folds, SHOWN_LEAVES};

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
    let toggle = {
        let (ontoggle, key) = (props.ontoggle.clone(), props.hub_key.clone());
        Callback::from(move |_| ontoggle.emit(key.clone()))
    };
    if props.unfolded {
        return html! {
            <p class="hub-note">{ "All leaves shown. " }
                <button id="toggle-hub" class="link" onclick={toggle}>{ "Fold the small ones again" }</button></p>
        };
    }
    let folds: Vec<_> = props.folds.of_hub(props.hub).collect();
    if folds.is_empty() {
        return html! {};
    }
    html! {
        <div class="hub-note">
            { for folds.iter().map(|fold| html! {
                <p>{ format!(
                    "Shows the {} largest of {} {}; {} more carrying {} are folded into “{}”.",
                    SHOWN_LEAVES.min(fold.leaves),
                    format::group(fold.leaves as u64),
                    if fold.outward { "recipients" } else { "senders" },
                    format::group(fold.folded.len() as u64),
                    format::coins(fold.folded_sats, props.chain),
                    fold.label(),
                ) }</p>
            }) }
            <button id="toggle-hub" class="action" onclick={toggle}>{ "Show all" }</button>
        </div>
    }
}
