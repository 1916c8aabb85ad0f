//! Progress while fetching, and the counts of what is drawn. The counts and the hidden node list
//! are also how tests and assistive technology read the canvas. The list names the first
//! [`LISTED_NODES`] nodes and says how many more there are: tens of thousands of list items
//! would freeze the page at every re-render (the counts stay exact).

use yew::prelude::*;

use crate::web::state::SharedGraph;

use crate::flow::{FlowNode, NodeId};
use crate::web::state::Running;

/// Most nodes named in the hidden node list.
pub const LISTED_NODES: usize = 2_000;

#[derive(Properties, PartialEq)]
pub struct StatusBarProps {
    /// The transaction graph (the counts).
    pub graph: SharedGraph,
    /// The graph the canvas draws (the node list; its ids are the canvas's).
    pub shown: SharedGraph,
    pub graph_version: u64,
    pub running: Option<Running>,
    pub queued: usize,
    pub api_base_url: Option<String>,
    pub onselect: Callback<Option<NodeId>>,
}

#[component]
pub fn StatusBar(props: &StatusBarProps) -> Html {
    let lang = crate::web::lang::use_lang();
    let graph = &props.graph;
    let busy = props.running.is_some();
    let progress = match (&props.running, &props.api_base_url) {
        (Some(running), _) => {
            let p = &running.progress;
            let mut text = crate::tr!(
                lang,
                "status_bar.loading",
                job = running.job.kind.describe(lang),
                done = (p.done + p.cache_hits).to_string(),
                total = (p.done + p.cache_hits + p.queued + p.in_flight).to_string()
            );
            if p.retries > 0 {
                text.push_str(&crate::tr!(lang, "status_bar.retries", count = p.retries.to_string()));
            }
            if let Some(eta_ms) = p.eta_ms.filter(|ms| *ms >= 1_000) {
                text.push_str(&crate::tr!(
                    lang,
                    "status_bar.eta",
                    seconds = eta_ms.div_ceil(1_000).to_string()
                ));
            }
            if props.queued > 0 {
                text.push_str(&crate::tr!(lang, "status_bar.queued", count = props.queued.to_string()));
            }
            text
        }
        (None, None) => crate::tr!(lang, "status_bar.reading_config"),
        (None, Some(url)) => crate::tr!(lang, "status_bar.data_from", url = url),
    };
    let summary = crate::tr!(
        lang,
        "status_bar.summary",
        nodes = graph.node_count().to_string(),
        edges = graph.edge_count().to_string(),
        txs = graph.tx_count().to_string(),
        addresses = graph.address_count().to_string()
    );
    let shown = &props.shown;
    let unlisted = shown.node_count().saturating_sub(LISTED_NODES);
    let items = shown.nodes().take(LISTED_NODES).map(|(id, node)| {
        let (kind, key) = match node {
            FlowNode::Tx(tx) => ("tx", tx.txid.to_string()),
            FlowNode::Address(a) => ("address", a.address.clone()),
            FlowNode::Group(group) => ("group", group.key.id_text()),
            FlowNode::Transfer(t) => ("flow", format!("{}>{}", t.from.id_text(), t.to.id_text())),
        };
        let onclick = props.onselect.reform(move |_| Some(id));
        html! {
            <li data-kind={kind} data-key={key.clone()} data-id={id.0.to_string()}>
                // Out of the Tab order: a sighted keyboard user would tab through 2,000 invisible
                // buttons before the graph (screen readers still reach them in the list).
                <button {onclick} tabindex="-1">{ format!("{kind} {key}") }</button>
            </li>
        }
    });
    html! {
        <div class="status-bar">
            <div id="progress" class={classes!("progress", busy.then_some("busy"))} role="status"
                aria-live="polite" data-busy={busy.to_string()}>
                if busy { <span class="spinner" aria-hidden="true"></span> }
                if let Some(running) = &props.running {
                    <progress max={(running.progress.done + running.progress.cache_hits + running.progress.queued
                        + running.progress.in_flight).max(1).to_string()}
                        value={(running.progress.done + running.progress.cache_hits).to_string()}></progress>
                }
                { progress }
            </div>
            <div id="graph-summary" aria-live="polite"
                data-nodes={graph.node_count().to_string()} data-edges={graph.edge_count().to_string()}
                data-txs={graph.tx_count().to_string()} data-addresses={graph.address_count().to_string()}
                data-busy={busy.to_string()}>
                { summary }
            </div>
            <ul id="drawn-nodes" class="visually-hidden" aria-label={crate::tr!(lang, "status_bar.node_list")}>
                { for items }
                if unlisted > 0 {
                    <li class="more" data-more={unlisted.to_string()}>{ crate::tr!(lang, "status_bar.more_nodes", count = unlisted.to_string()) }</li>
                }
            </ul>
        </div>
    }
}
