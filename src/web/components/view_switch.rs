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
    let buttons = ViewLevel::ALL.into_iter().map(|level| {
        let (name, title) = level_names(level);
        let onclick = props.onlevel.reform(move |_| level);
        html! {
            <button id={format!("view-{}", level.code())} aria-pressed={(level == props.level).to_string()}
                {title} {onclick}>{ name }</button>
        }
    });
    let collapse = props.oncollapse.reform(|_| ());
    html! {
        <div class="view-switch" role="group" aria-label="Show the graph as">
            { for buttons }
            if props.level == ViewLevel::Entities && props.expanded > 0 {
                <button id="collapse-groups" class="link" onclick={collapse}>
                    { format!("Collapse {} expanded group{}", props.expanded, if props.expanded == 1 { "" } else { "s" }) }
                </button>
            }
        </div>
    }
}

fn level_names(level: ViewLevel) -> (&'static str, &'static str) {
    match level {
        ViewLevel::Transactions => ("Transactions", "Every transaction and address"),
        ViewLevel::Addresses => (
            "Addresses",
            "One flow per pair of addresses, summed over their transactions (click a ◆ to list them)",
        ),
        ViewLevel::Entities => (
            "Entities",
            "Addresses grouped by label entity and by common-input cluster; double-click a group to expand it",
        ),
    }
}
