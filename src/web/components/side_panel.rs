//! The selected node's details: an address's transactions, or a transaction's inputs and
//! outputs, each with amounts, times and block heights, and the buttons that expand it.

use std::rc::Rc;

use yew::prelude::*;

use crate::web::state::SharedGraph;

use crate::chain::Txid;
use crate::chain::{Sats, Tx};
use crate::flow::{
    AddressNode, FlowNode, GroupKey, GroupNode, HistoryState, NodeId, NodeKey, Party, TransferNode, TxNode,
};
use crate::hubs::Folds;
use crate::i18n::{self, Lang};
use crate::jobs::{JobKind, HISTORY_LIMIT, MAX_HISTORY_TXS};
use crate::labels::user::{UserLabel, UserLabels};
use crate::labels::LabelBook;
use crate::marks::GraphMarks;
use crate::tr;
use crate::web::components::user_label_editor::UserLabelEditor;
use crate::web::components::HubNote;
use std::collections::BTreeSet;

/// Most inputs or outputs listed: a 50,000-output fan-out would freeze the page as rows.
const LISTED_ROWS: usize = 500;

#[derive(Properties, PartialEq)]
pub struct SidePanelProps {
    /// The transaction graph (every detail is read there).
    pub graph: SharedGraph,
    /// The graph the canvas draws: `selected` is one of its nodes.
    pub shown: SharedGraph,
    pub graph_version: u64,
    pub selected: Option<NodeId>,
    /// Select a node by what it stands for (a transaction from a flow switches to its level).
    pub onselectkey: Callback<NodeKey>,
    pub view_level: crate::views::ViewLevel,
    pub ontogglegroup: Callback<GroupKey>,
    pub onenqueue: Callback<JobKind>,
    pub labels: Rc<LabelBook>,
    pub marks: Rc<GraphMarks>,
    pub expanded_peels: BTreeSet<Txid>,
    pub ontogglepeel: Callback<Txid>,
    pub folds: Rc<Folds>,
    pub unfolded_hubs: BTreeSet<NodeKey>,
    pub ontogglehub: Callback<NodeKey>,
    /// The reader's own labels and notes, and those the link's author shared.
    pub user_labels: Rc<UserLabels>,
    pub link_labels: Rc<UserLabels>,
    pub onsetlabel: Callback<UserLabel>,
}

#[component]
pub fn SidePanel(props: &SidePanelProps) -> Html {
    let lang = crate::web::lang::use_lang();
    let body = match props.selected.and_then(|id| props.shown.node(id)) {
        Some(FlowNode::Address(node)) => address_details(props, lang, node),
        Some(FlowNode::Tx(node)) => tx_details(props, lang, node),
        Some(FlowNode::Group(group)) => group_details(props, lang, group),
        Some(FlowNode::Transfer(transfer)) => transfer_details(props, lang, transfer),
        None => html! {
            <p class="hint">{ tr!(lang, "side_panel.hint") }</p>
        },
    };
    html! { <aside id="side-panel" class="side-panel" aria-label={tr!(lang, "side_panel.label")}>{ body }</aside> }
}

/// The reader's label and note editor for a node (address or txid).
fn user_label(props: &SidePanelProps, node: &str) -> Html {
    let chain = props.graph.chain();
    html! {
        <UserLabelEditor {chain} node={node.to_string()}
            own={props.user_labels.get(chain, node).cloned()}
            from_link={props.link_labels.get(chain, node).cloned()}
            onsave={props.onsetlabel.clone()} />
    }
}

fn coins(props: &SidePanelProps, lang: Lang, value: Sats) -> String {
    i18n::coins(lang, value, props.graph.chain())
}

/// A count as the language writes it (`5,109`, `5.109`).
fn count(lang: Lang, n: usize) -> String {
    i18n::group(lang, n as u64)
}

fn select_key(props: &SidePanelProps, key: NodeKey) -> Callback<MouseEvent> {
    props.onselectkey.reform(move |_| key.clone())
}

/// A party's name as a button selecting it.
fn party_button(props: &SidePanelProps, lang: Lang, party: &Party) -> Html {
    let (key, title, text) = match party {
        Party::Address(address) => (
            NodeKey::Address(address.clone()),
            address.clone(),
            crate::scene_style::short_address(address),
        ),
        Party::Group(group) => (NodeKey::Group(group.clone()), group.name_in(lang), group.name_in(lang)),
    };
    html! { <button class="link mono" onclick={select_key(props, key)} {title}>{ text }</button> }
}

/// An aggregated flow: who paid whom, how much in total (and tainted), and every transaction
/// it sums, each opening the transaction view on it.
fn transfer_details(props: &SidePanelProps, lang: Lang, transfer: &TransferNode) -> Html {
    let (amount, txs) = (
        coins(props, lang, transfer.value_sats),
        count(lang, transfer.txids.len()),
    );
    let total = if transfer.txids.len() == 1 {
        tr!(lang, "side_panel.flow_total_one", amount = amount, count = txs)
    } else {
        tr!(lang, "side_panel.flow_total_many", amount = amount, count = txs)
    };
    let rows = transfer.txids.iter().take(LISTED_ROWS).map(|txid| {
        let status = props
            .graph
            .tx(txid)
            .map(|tx| i18n::status(lang, &tx.status))
            .unwrap_or_default();
        html! {
            <tr data-txid={txid.to_string()}>
                <td><button class="link mono" onclick={select_key(props, NodeKey::Tx(txid.clone()))}
                    title={txid.to_string()}>{ txid.short() }</button></td>
                <td>{ status }</td>
            </tr>
        }
    });
    html! {
        <>
            <h2>{ tr!(lang, "side_panel.flow") }</h2>
            <p class="flow-parties">{ party_button(props, lang, &transfer.from) }{ " → " }{ party_button(props, lang, &transfer.to) }</p>
            <p id="flow-total" data-sats={transfer.value_sats.to_u64().to_string()}>{ total }</p>
            if let Some(tainted) = transfer.tainted_sats {
                <p id="flow-tainted" data-sats={tainted.to_u64().to_string()}>
                    { tr!(lang, "side_panel.tainted", amount = coins(props, lang, tainted)) }
                </p>
            }
            <p class="muted">{ tr!(lang, "side_panel.flow_split") }</p>
            <table id="flow-txs" class="tx-list">
                <thead><tr><th>{ tr!(lang, "side_panel.transaction") }</th><th>{ tr!(lang, "side_panel.block_time") }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if txs.len() > LISTED_ROWS {
                <p class="muted more">{ tr!(lang, "side_panel.more_transactions", count = count(lang, txs.len() - LISTED_ROWS)) }</p>
            }
            if transfer.txids.len() > LISTED_ROWS {
                <p class="muted more">
                    { tr!(lang, "side_panel.more_transactions", count = count(lang, transfer.txids.len() - LISTED_ROWS)) }
                </p>
            }
        </>
    }
}

/// A group of the entity view: why its addresses belong together, its members, its flows, and
/// the button that shows its addresses one by one.
fn group_details(props: &SidePanelProps, lang: Lang, group: &GroupNode) -> Html {
    let (title, why) = match &group.key {
        GroupKey::Entity(_) => (tr!(lang, "side_panel.entity"), tr!(lang, "side_panel.entity_why")),
        GroupKey::Cluster(_) => (tr!(lang, "side_panel.cluster"), tr!(lang, "side_panel.cluster_why")),
    };
    let key = group.key.clone();
    let expand = props.ontogglegroup.reform(move |_| key.clone());
    let flows = props
        .shown
        .id_of(&NodeKey::Group(group.key.clone()))
        .map(|id| props.shown.neighbours(id))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|n| match props.shown.node(n)? {
            FlowNode::Transfer(t) => Some(t.clone()),
            _ => None,
        });
    let own = Party::Group(group.key.clone());
    let flow_items = flows.take(LISTED_ROWS).map(|t| {
        let (arrow, other) = if t.from == own { ("→ ", &t.to) } else { ("← ", &t.from) };
        let select = select_key(props, NodeKey::Transfer(t.from.clone(), t.to.clone()));
        html! {
            <li>{ arrow }{ party_button(props, lang, other) }
                <button class="link" onclick={select}>{ format!(" {}", flow_txs(props, lang, t.value_sats, t.txids.len())) }</button>
            </li>
        }
    });
    html! {
        <>
            <h2>{ title }</h2>
            <p id="group-name" class="selectable" data-key={group.key.id_text()}>{ group.key.name_in(lang) }</p>
            if let Some(first) = group.members.first() {
                { super::entity_tags::tag_list(lang, &props.labels, props.graph.chain(), first) }
            }
            <p class="muted">{ why }</p>
            <button id="expand-group" class="action" onclick={expand}>
                { tr!(lang, "side_panel.show_addresses", count = count(lang, group.members.len())) }
            </button>
            <h3>{ tr!(lang, "side_panel.flows") }</h3>
            <ul class="address-flows">{ for flow_items }</ul>
            <h3>{ tr!(lang, "side_panel.addresses_count", count = count(lang, group.members.len())) }</h3>
            <ul id="group-members" class="io-list">{ for group.members.iter().take(LISTED_ROWS).map(|m| html! {
                <li class="mono selectable">{ m }</li>
            }) }{ more_rows(lang, group.members.len(), More::Addresses) }</ul>
        </>
    }
}

fn address_details(props: &SidePanelProps, lang: Lang, node: &AddressNode) -> Html {
    let address = node.address.clone();
    let history = match node.history {
        HistoryState::NotLoaded => tr!(lang, "side_panel.history_not_loaded"),
        HistoryState::Partial { txs_loaded } => {
            tr!(lang, "side_panel.history_partial", count = count(lang, txs_loaded))
        }
        HistoryState::Complete => tr!(lang, "side_panel.history_complete"),
    };
    let txs = props.graph.txs_of_address(&address);
    let rows = txs.iter().take(LISTED_ROWS).map(|tx| {
        let (received, spent) = props.graph.address_flow_in_tx(&address, &tx.txid);
        html! {
            <tr>
                <td><button class="link" onclick={select_key(props, NodeKey::Tx(tx.txid.clone()))}
                    title={tx.txid.to_string()}>{ tx.txid.short() }</button></td>
                <td>{ i18n::status(lang, &tx.status) }</td>
                <td class="amount in">{ (received > Sats::ZERO).then(|| format!("+{}", coins(props, lang, received))) }</td>
                <td class="amount out">{ (spent > Sats::ZERO).then(|| format!("−{}", coins(props, lang, spent))) }</td>
            </tr>
        }
    });
    // Asked again, the state loads the next page after those loaded ("load more").
    let load = props.onenqueue.reform({
        let address = address.clone();
        move |_| JobKind::history(&address)
    });
    let load_button = match node.history {
        HistoryState::Complete => Html::default(),
        HistoryState::NotLoaded => html! {
            <button id="load-history" class="action" onclick={load}>{ tr!(lang, "side_panel.load_history") }</button>
        },
        HistoryState::Partial { txs_loaded } if txs_loaded >= HISTORY_LIMIT => html! {
            <p class="muted">{ tr!(lang, "side_panel.history_at_limit", count = count(lang, HISTORY_LIMIT)) }</p>
        },
        HistoryState::Partial { .. } => html! {
            <button id="load-history" class="action" onclick={load}>
                { tr!(lang, "side_panel.load_more_history", count = count(lang, MAX_HISTORY_TXS)) }
            </button>
        },
    };
    html! {
        <>
            <h2>{ tr!(lang, "side_panel.address") }</h2>
            <p class="mono selectable">{ &address }</p>
            { hub_note(props, NodeKey::Address(address.clone())) }
            { super::entity_tags::tag_list(lang, &props.labels, props.graph.chain(), &address) }
            { user_label(props, &address) }
            <p id="history-state" class="muted">{ history }</p>
            { load_button }
            <table class="tx-list">
                <thead><tr>
                    <th>{ tr!(lang, "side_panel.transaction") }</th><th>{ tr!(lang, "side_panel.block_time") }</th>
                    <th>{ tr!(lang, "side_panel.received") }</th><th>{ tr!(lang, "side_panel.sent") }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if txs.len() > LISTED_ROWS {
                <p class="muted more">{ tr!(lang, "side_panel.more_transactions", count = count(lang, txs.len() - LISTED_ROWS)) }</p>
            }
            { counterparties(props, lang, &address) }
        </>
    }
}

/// The address-level view of this address: one aggregated flow per counterparty, opening to
/// the transactions it sums (amounts are proportional shares inside each transaction).
fn counterparties(props: &SidePanelProps, lang: Lang, address: &str) -> Html {
    let flows = crate::views::address_flows_of(&props.graph, address);
    if flows.is_empty() {
        return Html::default();
    }
    let own = Party::Address(address.to_string());
    let items = flows.iter().take(LISTED_ROWS).map(|flow| {
        let (arrow, other) = if flow.from == own { ("→", &flow.to) } else { ("←", &flow.from) };
        let Party::Address(other) = other else {
            return Html::default();
        };
        html! {
            // The counterparty's button sits outside the summary: a control inside another is
            // unreachable for assistive technology.
            <li class="counterparty">
                { format!("{arrow} ") }
                <button class="link mono" onclick={select_key(props, NodeKey::Address(other.clone()))} title={other.clone()}>
                    { crate::scene_style::short_address(other) }
                </button>
                <details class="address-flow" data-counterparty={other.clone()}>
                    <summary>{ flow_txs(props, lang, flow.value_sats, flow.txids.len()) }</summary>
                    <ul class="flow-txs">{ for flow.txids.iter().map(|txid| html! {
                        <li><button class="link mono" onclick={select_key(props, NodeKey::Tx(txid.clone()))}
                            title={txid.to_string()}>{ txid.short() }</button></li>
                    }) }</ul>
                </details>
            </li>
        }
    });
    html! {
        <section class="counterparties" aria-label={tr!(lang, "side_panel.counterparties")}>
            <h3>{ tr!(lang, "side_panel.counterparties_count", count = count(lang, flows.len())) }</h3>
            <p class="muted">{ tr!(lang, "side_panel.counterparties_help") }</p>
            <ul class="address-flows">{ for items }</ul>
        </section>
    }
}

/// "0.5 BTC in 3 txs": an aggregated flow's amount and how many transactions it sums.
fn flow_txs(props: &SidePanelProps, lang: Lang, value: Sats, txs: usize) -> String {
    let (amount, many) = (coins(props, lang, value), count(lang, txs));
    if txs == 1 {
        tr!(lang, "side_panel.flow_txs_one", amount = amount, count = many)
    } else {
        tr!(lang, "side_panel.flow_txs_many", amount = amount, count = many)
    }
}

fn hub_note(props: &SidePanelProps, key: NodeKey) -> Html {
    let Some(hub) = props.shown.id_of(&key) else {
        return html! {};
    };
    html! {
        <HubNote {hub} chain={props.graph.chain()} unfolded={props.unfolded_hubs.contains(&key)} hub_key={key}
            folds={props.folds.clone()} ontoggle={props.ontogglehub.clone()} />
    }
}

fn tx_details(props: &SidePanelProps, lang: Lang, node: &TxNode) -> Html {
    let Some(tx) = props.graph.tx(&node.txid) else {
        return html! {};
    };
    let forward = props.onenqueue.reform({
        let txid = tx.txid.clone();
        move |_| JobKind::spending(&txid)
    });
    let back = props.onenqueue.reform({
        let txid = tx.txid.clone();
        move |_| JobKind::funding(&txid)
    });
    html! {
        <>
            <h2>{ tr!(lang, "side_panel.transaction") }</h2>
            <p class="mono selectable">{ tx.txid.to_string() }</p>
            { user_label(props, tx.txid.as_str()) }
            <p>{ i18n::status(lang, &tx.status) }</p>
            <p>{ tr!(lang, "side_panel.fee", amount = coins(props, lang, tx.fee_sats)) }</p>
            { hub_note(props, NodeKey::Tx(tx.txid.clone())) }
            { conservation(props, lang, tx) }
            { heuristics(props, lang, tx) }
            { peel_chain(props, lang, node) }
            <div class="actions">
                <button class="action" onclick={back}>{ tr!(lang, "side_panel.where_inputs_came_from") }</button>
                <button class="action" onclick={forward}>{ tr!(lang, "side_panel.where_outputs_went") }</button>
            </div>
            <h3>{ tr!(lang, "side_panel.inputs_count", count = count(lang, tx.inputs.len())) }</h3>
            <ul class="io-list">{ for tx.inputs.iter().take(LISTED_ROWS).map(|input| {
                let address = input.prevout.as_ref().and_then(|p| p.address.clone());
                let value = input.prevout.as_ref().map(|p| coins(props, lang, p.value_sats));
                let label = if input.is_coinbase() { tr!(lang, "side_panel.coinbase_input") }
                    else { address.clone().unwrap_or_else(|| tr!(lang, "side_panel.script_without_address")) };
                io_row(props, address, label, value.unwrap_or_else(|| tr!(lang, "side_panel.amount_unknown")))
            }) }{ more_rows(lang, tx.inputs.len(), More::Inputs) }</ul>
            <h3>{ tr!(lang, "side_panel.outputs_count", count = count(lang, tx.outputs.len())) }</h3>
            <ul class="io-list">{ for tx.outputs.iter().take(LISTED_ROWS).map(|output| {
                let label = output.address.clone().unwrap_or_else(|| {
                    tr!(lang, "side_panel.no_address", script_type = output.script_type.as_str())
                });
                io_row(props, output.address.clone(), label, coins(props, lang, output.value_sats))
            }) }{ more_rows(lang, tx.outputs.len(), More::Outputs) }</ul>
        </>
    }
}

/// What a capped list lists.
#[derive(Clone, Copy)]
enum More {
    Addresses,
    Inputs,
    Outputs,
}

/// The line after a capped list: how many rows are not shown.
fn more_rows(lang: Lang, total: usize, what: More) -> Html {
    let more = total.saturating_sub(LISTED_ROWS);
    if more == 0 {
        return html! {};
    }
    let more = count(lang, more);
    let text = match what {
        More::Addresses => tr!(lang, "side_panel.more_addresses", count = more),
        More::Inputs => tr!(lang, "side_panel.more_inputs", count = more),
        More::Outputs => tr!(lang, "side_panel.more_outputs", count = more),
    };
    html! { <li class="muted more">{ text }</li> }
}

fn io_row(props: &SidePanelProps, address: Option<String>, label: String, value: String) -> Html {
    let name = match address {
        Some(address) => html! {
            <button class="link mono" onclick={select_key(props, NodeKey::Address(address))}>{ label }</button>
        },
        None => html! { <span class="muted">{ label }</span> },
    };
    html! { <li>{ name }<span class="amount">{ value }</span></li> }
}

fn conservation(props: &SidePanelProps, lang: Lang, tx: &Tx) -> Html {
    match (tx.input_total(), tx.is_coinbase()) {
        (_, true) => html! { <p class="muted">{ tr!(lang, "side_panel.coinbase") }</p> },
        (None, false) => html! { <p class="muted">{ tr!(lang, "side_panel.inputs_unknown") }</p> },
        (Some(inputs), false) => {
            let balanced = inputs.checked_sub(tx.fee_sats) == Some(tx.output_total());
            let (inputs, outputs, fee) = (
                coins(props, lang, inputs),
                coins(props, lang, tx.output_total()),
                coins(props, lang, tx.fee_sats),
            );
            let text = if balanced {
                tr!(
                    lang,
                    "side_panel.balanced",
                    inputs = inputs,
                    outputs = outputs,
                    fee = fee
                )
            } else {
                tr!(
                    lang,
                    "side_panel.unbalanced",
                    inputs = inputs,
                    outputs = outputs,
                    fee = fee
                )
            };
            html! { <p class={if balanced { "ok" } else { "warning" }}>{ text }</p> }
        }
    }
}

fn heuristics(props: &SidePanelProps, lang: Lang, tx: &Tx) -> Html {
    let explanations = crate::explain::explain_tx_in(&props.graph, tx, lang);
    if explanations.is_empty() {
        return html! {};
    }
    html! {
        <ul class="heuristics" aria-label={tr!(lang, "side_panel.heuristics")}>
            { for explanations.into_iter().map(|e| html! {
                <li title={e.source}>
                    { e.text }
                    if !e.source.is_empty() { <span class="muted source">{ format!(" — {}", e.source) }</span> }
                </li>
            }) }
        </ul>
    }
}

fn peel_chain(props: &SidePanelProps, lang: Lang, node: &TxNode) -> Html {
    let Some(id) = props.shown.id_of(&NodeKey::Tx(node.txid.clone())) else {
        return html! {};
    };
    let Some(chain) = props.marks.chain_of(id) else {
        return html! {};
    };
    let expanded = props.expanded_peels.contains(&chain.head_txid);
    let head = chain.head_txid.clone();
    let onclick = props.ontogglepeel.reform(move |_| head.clone());
    html! {
        <p class="peel">
            { tr!(
                lang,
                "side_panel.peel_chain",
                steps = count(lang, chain.hops),
                amount = coins(props, lang, chain.total_paid_sats)
            ) }
            { " " }
            <button class="action" id="toggle-peel" {onclick}>{
                if expanded { tr!(lang, "side_panel.collapse_chain") } else { tr!(lang, "side_panel.expand_chain") }
            }</button>
        </p>
    }
}
