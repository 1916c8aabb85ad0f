//! A box selection (Shift + drag on the canvas): how many addresses and transactions, what the
//! addresses received and sent in the loaded transactions, and actions on all of them at once.

use std::collections::BTreeSet;

use yew::prelude::*;

use crate::chain::Sats;
use crate::flow::{FlowNode, HistoryState, NodeId, NodeKey};
use crate::i18n;
use crate::jobs::JobKind;
use crate::web::state::SharedGraph;

/// Most members listed by name.
const LISTED: usize = 50;

#[derive(Properties, PartialEq)]
pub struct SelectionPanelProps {
    /// The transaction graph (amounts, histories).
    pub graph: SharedGraph,
    /// The graph the canvas draws: `members` are its node ids.
    pub shown: SharedGraph,
    pub graph_version: u64,
    pub members: BTreeSet<NodeId>,
    pub onselect: Callback<Option<NodeId>>,
    pub onenqueue: Callback<JobKind>,
    pub onclear: Callback<()>,
}

#[component]
pub fn SelectionPanel(props: &SelectionPanelProps) -> Html {
    let lang = crate::web::lang::use_lang();
    let (graph, shown) = (&props.graph, &props.shown);
    let (mut addresses, mut txs) = (Vec::new(), 0_usize);
    let (mut received, mut sent) = (Sats::ZERO, Sats::ZERO);
    // Addresses are read in the transaction graph; a group stands for its members.
    let mut add_address = |address: &str| {
        let Some(Some(FlowNode::Address(a))) = graph
            .id_of(&NodeKey::Address(address.to_string()))
            .map(|id| graph.node(id))
        else {
            return;
        };
        for tx in graph.txs_of_address(&a.address) {
            let (r, s) = graph.address_flow_in_tx(&a.address, &tx.txid);
            received += r;
            sent += s;
        }
        addresses.push(a.clone());
    };
    for &id in &props.members {
        match shown.node(id) {
            Some(FlowNode::Address(a)) => add_address(&a.address),
            Some(FlowNode::Group(group)) => group.members.iter().for_each(|m| add_address(m)),
            Some(FlowNode::Tx(_)) => txs += 1,
            Some(FlowNode::Transfer(_)) | None => {}
        }
    }
    let unloaded: Vec<String> = addresses
        .iter()
        // Partly loaded ones are left out: each would load another page ("load more").
        .filter(|a| a.history == HistoryState::NotLoaded)
        .map(|a| a.address.clone())
        .collect();
    let load_all = {
        let (onenqueue, unloaded) = (props.onenqueue.clone(), unloaded.clone());
        Callback::from(move |_| {
            for address in &unloaded {
                onenqueue.emit(JobKind::history(address));
            }
        })
    };
    let clear = props.onclear.reform(|_| ());
    let coins = |v: Sats| i18n::coins(lang, v, props.graph.chain());
    html! {
        <section id="selection-panel" class="selection-panel" aria-label={crate::tr!(lang, "selection_panel.label")}>
            <h2>{ crate::tr!(lang, "selection_panel.selected", count = i18n::group(lang, props.members.len() as u64)) }</h2>
            <p id="selection-counts" data-addresses={addresses.len().to_string()} data-txs={txs.to_string()}>
                { crate::tr!(
                    lang,
                    "selection_panel.counts",
                    addresses = i18n::group(lang, addresses.len() as u64),
                    txs = i18n::group(lang, txs as u64)
                ) }
            </p>
            if !addresses.is_empty() {
                <p>{ crate::tr!(lang, "selection_panel.flows", received = coins(received), sent = coins(sent)) }</p>
            }
            <div class="actions">
                if !unloaded.is_empty() {
                    <button id="load-selected" class="action" onclick={load_all}>
                        { crate::tr!(lang, "selection_panel.load_history", count = i18n::group(lang, unloaded.len() as u64)) }
                    </button>
                }
                <button class="action" onclick={clear}>{ crate::tr!(lang, "selection_panel.clear") }</button>
            </div>
            <ul class="io-list">{ for props.members.iter().take(LISTED).filter_map(|&id| {
                let text = shown.node(id).map(|node| crate::scene::node_label(node, lang))?;
                let onselect = props.onselect.reform(move |_| Some(id));
                Some(html! { <li><button class="link mono" onclick={onselect}>{ text }</button></li> })
            }) }</ul>
            if props.members.len() > LISTED {
                <p class="hint">{ crate::tr!(lang, "selection_panel.more", count = i18n::group(lang, (props.members.len() - LISTED) as u64)) }</p>
            }
        </section>
    }
}
