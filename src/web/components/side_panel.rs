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
use crate::format;
use crate::hubs::Folds;
use crate::jobs::JobKind;
use crate::labels::user::{UserLabel, UserLabels};
use crate::labels::LabelBook;
use crate::marks::GraphMarks;
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
    let body = match props.selected.and_then(|id| props.shown.node(id)) {
        Some(FlowNode::Address(node)) => address_details(props, node),
        Some(FlowNode::Tx(node)) => tx_details(props, node),
        Some(FlowNode::Group(group)) => group_details(props, group),
        Some(FlowNode::Transfer(transfer)) => transfer_details(props, transfer),
        None => html! {
            <p class="hint">{ "Click a node to see its transactions. Double-click to expand it. Drag to move, scroll to zoom, Shift + drag to select several." }</p>
        },
    };
    html! { <aside id="side-panel" class="side-panel" aria-label="Selected node">{ body }</aside> }
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

fn coins(props: &SidePanelProps, value: Sats) -> String {
    format::coins(value, props.graph.chain())
}

fn select_key(props: &SidePanelProps, key: NodeKey) -> Callback<MouseEvent> {
    props.onselectkey.reform(move |_| key.clone())
}

/// A party's name as a button selecting it.
fn party_button(props: &SidePanelProps, party: &Party) -> Html {
    let (key, title) = match party {
        Party::Address(address) => (NodeKey::Address(address.clone()), address.clone()),
        Party::Group(group) => (NodeKey::Group(group.clone()), group.name()),
    };
    let text = crate::scene_style::party_label(party);
    html! { <button class="link mono" onclick={select_key(props, key)} {title}>{ text }</button> }
}

/// An aggregated flow: who paid whom, how much in total (and tainted), and every transaction
/// it sums, each opening the transaction view on it.
fn transfer_details(props: &SidePanelProps, transfer: &TransferNode) -> Html {
    let plural = if transfer.txids.len() == 1 { "" } else { "s" };
    let rows = transfer.txids.iter().take(LISTED_ROWS).map(|txid| {
        let status = props
            .graph
            .tx(txid)
            .map(|tx| format::status(&tx.status))
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
            <h2>{ "Flow" }</h2>
            <p class="flow-parties">{ party_button(props, &transfer.from) }{ " → " }{ party_button(props, &transfer.to) }</p>
            <p id="flow-total" data-sats={transfer.value_sats.to_u64().to_string()}>
                { format!("{} in {} transaction{plural}", coins(props, transfer.value_sats), transfer.txids.len()) }
            </p>
            if let Some(tainted) = transfer.tainted_sats {
                <p id="flow-tainted" data-sats={tainted.to_u64().to_string()}>{ format!("Tainted: {}", coins(props, tainted)) }</p>
            }
            <p class="muted">{ "Inside a transaction each receiver's amount is split over the senders in proportion to their inputs. Choose a transaction to see it in the transaction view." }</p>
            <table id="flow-txs" class="tx-list">
                <thead><tr><th>{ "Transaction" }</th><th>{ "Block · time" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if transfer.txids.len() > LISTED_ROWS {
                <p class="muted more">{ format!("and {} more transactions", transfer.txids.len() - LISTED_ROWS) }</p>
            }
        </>
    }
}

/// A group of the entity view: why its addresses belong together, its members, its flows, and
/// the button that shows its addresses one by one.
fn group_details(props: &SidePanelProps, group: &GroupNode) -> Html {
    let (title, why) = match &group.key {
        GroupKey::Entity(_) => ("Entity", "Addresses whose first tag names this entity."),
        GroupKey::Cluster(_) => (
            "Cluster",
            "Addresses spent together as inputs of one transaction (common-input heuristic): most likely one owner, unless a CoinJoin mixed them.",
        ),
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
            <li>{ arrow }{ party_button(props, other) }
                <button class="link" onclick={select}>{ format!(" {} in {} tx", coins(props, t.value_sats), t.txids.len()) }</button>
            </li>
        }
    });
    html! {
        <>
            <h2>{ title }</h2>
            <p id="group-name" class="selectable" data-key={group.key.id_text()}>{ group.key.name() }</p>
            if let Some(first) = group.members.first() {
                { super::entity_tags::tag_list(&props.labels, props.graph.chain(), first) }
            }
            <p class="muted">{ why }</p>
            <button id="expand-group" class="action" onclick={expand}>
                { format!("Show its {} addresses", group.members.len()) }
            </button>
            <h3>{ "Flows" }</h3>
            <ul class="address-flows">{ for flow_items }</ul>
            <h3>{ format!("Addresses ({})", group.members.len()) }</h3>
            <ul id="group-members" class="io-list">{ for group.members.iter().take(LISTED_ROWS).map(|m| html! {
                <li class="mono selectable">{ m }</li>
            }) }{ more_rows(group.members.len(), "addresses") }</ul>
        </>
    }
}

fn address_details(props: &SidePanelProps, node: &AddressNode) -> Html {
    let address = node.address.clone();
    let history = match node.history {
        HistoryState::NotLoaded => "history not loaded".to_string(),
        HistoryState::Partial { txs_loaded } => format!("newest {txs_loaded} transactions loaded"),
        HistoryState::Complete => "full history loaded".to_string(),
    };
    let txs = props.graph.txs_of_address(&address);
    let rows = txs.iter().map(|tx| {
        let (received, spent) = props.graph.address_flow_in_tx(&address, &tx.txid);
        html! {
            <tr>
                <td><button class="link" onclick={select_key(props, NodeKey::Tx(tx.txid.clone()))}
                    title={tx.txid.to_string()}>{ tx.txid.short() }</button></td>
                <td>{ format::status(&tx.status) }</td>
                <td class="amount in">{ (received > Sats::ZERO).then(|| format!("+{}", coins(props, received))) }</td>
                <td class="amount out">{ (spent > Sats::ZERO).then(|| format!("−{}", coins(props, spent))) }</td>
            </tr>
        }
    });
    let load = props.onenqueue.reform({
        let address = address.clone();
        move |_| JobKind::AddressHistory {
            address: address.clone(),
        }
    });
    html! {
        <>
            <h2>{ "Address" }</h2>
            <p class="mono selectable">{ &address }</p>
            { hub_note(props, NodeKey::Address(address.clone())) }
            { super::entity_tags::tag_list(&props.labels, props.graph.chain(), &address) }
            { user_label(props, &address) }
            <p class="muted">{ history }</p>
            if node.history != HistoryState::Complete {
                <button class="action" onclick={load}>{ "Load history" }</button>
            }
            <table class="tx-list">
                <thead><tr><th>{ "Transaction" }</th><th>{ "Block · time" }</th><th>{ "Received" }</th><th>{ "Sent" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            { counterparties(props, &address) }
        </>
    }
}

/// The address-level view of this address: one aggregated flow per counterparty, opening to
/// the transactions it sums (amounts are proportional shares inside each transaction).
fn counterparties(props: &SidePanelProps, address: &str) -> Html {
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
        let plural = if flow.txids.len() == 1 { "" } else { "s" };
        html! {
            <li>
                <details class="address-flow" data-counterparty={other.clone()}>
                    <summary>
                        { format!("{arrow} ") }
                        <button class="link mono" onclick={select_key(props, NodeKey::Address(other.clone()))} title={other.clone()}>
                            { crate::scene_style::short_address(other) }
                        </button>
                        { format!(" {} in {} tx{plural}", coins(props, flow.value_sats), flow.txids.len()) }
                    </summary>
                    <ul class="flow-txs">{ for flow.txids.iter().map(|txid| html! {
                        <li><button class="link mono" onclick={select_key(props, NodeKey::Tx(txid.clone()))}
                            title={txid.to_string()}>{ txid.short() }</button></li>
                    }) }</ul>
                </details>
            </li>
        }
    });
    html! {
        <section class="counterparties" aria-label="Counterparties">
            <h3>{ format!("Counterparties ({})", flows.len()) }</h3>
            <p class="muted">{ "Summed over the transactions shown; inside a transaction each receiver's amount is split over the senders in proportion to their inputs." }</p>
            <ul class="address-flows">{ for items }</ul>
        </section>
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

fn tx_details(props: &SidePanelProps, node: &TxNode) -> Html {
    let Some(tx) = props.graph.tx(&node.txid) else {
        return html! {};
    };
    let forward = props.onenqueue.reform({
        let txid = tx.txid.clone();
        move |_| JobKind::SpendingTxs { txid: txid.clone() }
    });
    let back = props.onenqueue.reform({
        let txid = tx.txid.clone();
        move |_| JobKind::FundingTxs { txid: txid.clone() }
    });
    html! {
        <>
            <h2>{ "Transaction" }</h2>
            <p class="mono selectable">{ tx.txid.to_string() }</p>
            { user_label(props, tx.txid.as_str()) }
            <p>{ format::status(&tx.status) }</p>
            <p>{ format!("Fee {}", coins(props, tx.fee_sats)) }</p>
            { hub_note(props, NodeKey::Tx(tx.txid.clone())) }
            { conservation(props, tx) }
            { heuristics(props, tx) }
            { peel_chain(props, node) }
            <div class="actions">
                <button class="action" onclick={back}>{ "← Where inputs came from" }</button>
                <button class="action" onclick={forward}>{ "Where outputs went →" }</button>
            </div>
            <h3>{ format!("Inputs ({})", tx.inputs.len()) }</h3>
            <ul class="io-list">{ for tx.inputs.iter().take(LISTED_ROWS).map(|input| {
                let address = input.prevout.as_ref().and_then(|p| p.address.clone());
                let value = input.prevout.as_ref().map(|p| coins(props, p.value_sats));
                let label = if input.is_coinbase() { "new coins (coinbase)".to_string() }
                    else { address.clone().unwrap_or_else(|| "script without address".into()) };
                io_row(props, address, label, value.unwrap_or_else(|| "amount unknown".into()))
            }) }{ more_rows(tx.inputs.len(), "inputs") }</ul>
            <h3>{ format!("Outputs ({})", tx.outputs.len()) }</h3>
            <ul class="io-list">{ for tx.outputs.iter().take(LISTED_ROWS).map(|output| {
                let label = output.address.clone().unwrap_or_else(|| format!("{} (no address)", output.script_type));
                io_row(props, output.address.clone(), label, coins(props, output.value_sats))
            }) }{ more_rows(tx.outputs.len(), "outputs") }</ul>
        </>
    }
}

/// The line after a capped list: how many rows are not shown.
fn more_rows(total: usize, what: &str) -> Html {
    let more = total.saturating_sub(LISTED_ROWS);
    if more == 0 {
        return html! {};
    }
    html! { <li class="muted more">{ format!("and {more} more {what}") }</li> }
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

fn conservation(props: &SidePanelProps, tx: &Tx) -> Html {
    match (tx.input_total(), tx.is_coinbase()) {
        (_, true) => html! { <p class="muted">{ "Coinbase: creates new coins." }</p> },
        (None, false) => html! { <p class="muted">{ "Some input amounts are unknown." }</p> },
        (Some(inputs), false) => {
            let balanced = inputs.checked_sub(tx.fee_sats) == Some(tx.output_total());
            html! {
                <p class={if balanced { "ok" } else { "warning" }}>{
                    format!("Inputs {} = outputs {} + fee {}{}", coins(props, inputs), coins(props, tx.output_total()),
                        coins(props, tx.fee_sats), if balanced { " ✓" } else { " — does not add up" })
                }</p>
            }
        }
    }
}

fn heuristics(props: &SidePanelProps, tx: &Tx) -> Html {
    let explanations = crate::explain::explain_tx(&props.graph, tx);
    if explanations.is_empty() {
        return html! {};
    }
    html! {
        <ul class="heuristics" aria-label="What the heuristics say">
            { for explanations.into_iter().map(|e| html! {
                <li title={e.source}>
                    { e.text }
                    if !e.source.is_empty() { <span class="muted source">{ format!(" — {}", e.source) }</span> }
                </li>
            }) }
        </ul>
    }
}

fn peel_chain(props: &SidePanelProps, node: &TxNode) -> Html {
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
            { format!("Part of a peel chain: {} steps paying out {} in total. ", chain.hops, coins(props, chain.total_paid_sats)) }
            <button class="action" id="toggle-peel" {onclick}>{ if expanded { "Collapse chain" } else { "Expand chain" } }</button>
        </p>
    }
}
