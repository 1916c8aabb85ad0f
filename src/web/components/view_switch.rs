//! The switch between the graph's levels: every transaction, one flow per address pair, or
//! addresses grouped by entity and cluster (with a way back from expanded groups).

use yew::prelude::*;

use crate::views::ViewLevel;

#[derive(Properties, PartialEq)]
pub struct ViewSwitchProps {
    pub level: ViewLevel,
    pub onlevel: Callback<ViewLevel>,
    /// How many groups are expanded into their addresses.
    pub expanded: usize,
    pub oncollapse: Callback<()>,
}

#[component]
pub fn ViewSwitch(props: &ViewSwitchProps) -> Html {
    let lang = crate::web::lang::use_lang();
    let buttons = ViewLevel::ALL.into_iter().map(|level| {
        let (name, title) = level_names(lang, level);
        let onclick = props.onlevel.reform(move |_| level);
        html! {
            <button id={format!("view-{}", level.code())} aria-pressed={(level == props.level).to_string()}
                {title} {onclick}>{ name }</button>
        }
    });
    let collapse = props.oncollapse.reform(|_| ());
    html! {
        <div class="view-switch" role="group" aria-label={crate::tr!(lang, "view_switch.show_as")}>
            { for buttons }
            if props.level == ViewLevel::Entities && props.expanded > 0 {
                <button id="collapse-groups" class="link" onclick={collapse}>
                    { if props.expanded == 1 {
                        crate::tr!(lang, "view_switch.collapse_one", count = props.expanded.to_string())
                    } else {
                        crate::tr!(lang, "view_switch.collapse_other", count = props.expanded.to_string())
                    } }
                </button>
            }
        </div>
    }
}

fn level_names(lang: crate::i18n::Lang, level: ViewLevel) -> (String, String) {
    match level {
        ViewLevel::Transactions => (
            crate::tr!(lang, "view_switch.transactions"),
            crate::tr!(lang, "view_switch.transactions_title"),
        ),
        ViewLevel::Addresses => (
            crate::tr!(lang, "view_switch.addresses"),
            crate::tr!(lang, "view_switch.addresses_title"),
        ),
        ViewLevel::Entities => (
            crate::tr!(lang, "view_switch.entities"),
            crate::tr!(lang, "view_switch.entities_title"),
        ),
    }
}
