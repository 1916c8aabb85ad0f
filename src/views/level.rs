//! The graph each view level draws: the transaction graph itself, or parties (addresses, and
//! in the entity view groups) linked through the handles of their aggregated flows.

use std::collections::BTreeSet;

use super::{Grouping, Party};
use crate::flow::{AddressNode, FlowGraph, FlowNode, GroupKey, GroupNode, HistoryState, TransferNode};
use crate::labels::LabelBook;
use crate::trace::TraceResult;

/// How coarsely the graph is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum ViewLevel {
    /// Every transaction and address (the flow graph as fetched).
    #[default]
    Transactions,
    /// One aggregated flow per pair of addresses.
    Addresses,
    /// Addresses grouped by label entity or common-input cluster.
    Entities,
}

impl ViewLevel {
    pub const ALL: [ViewLevel; 3] = [ViewLevel::Transactions, ViewLevel::Addresses, ViewLevel::Entities];

    /// The short code pages and tests use (`tx`, `address`, `entity`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            ViewLevel::Transactions => "tx",
            ViewLevel::Addresses => "address",
            ViewLevel::Entities => "entity",
        }
    }
}

/// The graph to draw at `level` (`None` at the transaction level: the graph itself).
///
/// Nodes come in the order the transaction graph introduces them (a party when its first
/// address or flow appears, a flow's handle after its first transaction), so a graph that grew
/// by some transactions gives a view graph that grew at its end, and the layout keeps its places.
#[must_use]
pub fn view_graph(
    graph: &FlowGraph,
    level: ViewLevel,
    labels: &LabelBook,
    expanded: &BTreeSet<GroupKey>,
    taint: Option<&TraceResult>,
) -> Option<FlowGraph> {
    if level == ViewLevel::Transactions {
        return None;
    }
    let grouping = Grouping::at(level, graph, labels, expanded);
    let mut flows = grouping.flows(graph, taint);
    flows.sort_by(|a, b| (a.first_seen, &a.from, &a.to).cmp(&(b.first_seen, &b.from, &b.to)));
    let history_of = |address: &str| match graph.id_of(&crate::flow::NodeKey::Address(address.to_string())) {
        Some(id) => match graph.node(id) {
            Some(FlowNode::Address(node)) => node.history,
            _ => HistoryState::NotLoaded,
        },
        None => HistoryState::NotLoaded,
    };
    let mut view = FlowGraph::of_chain(graph.chain());
    let add_party = |view: &mut FlowGraph, party: &Party| match party {
        Party::Address(address) => {
            view.add_address_node(AddressNode {
                address: address.clone(),
                history: history_of(address),
            });
        }
        Party::Group(key) => {
            view.add_group(GroupNode {
                key: key.clone(),
                members: grouping.members_of(key).to_vec(),
            });
        }
    };
    // The transaction graph's addresses in its order first: a target whose history is not
    // loaded yet (no flow) is shown too.
    let mut flows = flows.into_iter().peekable();
    let mut txs_seen = 0;
    for (_, node) in graph.nodes() {
        match node {
            FlowNode::Address(address) => add_party(&mut view, &grouping.party_of(&address.address)),
            FlowNode::Tx(_) => {
                while let Some(flow) = flows.next_if(|flow| flow.first_seen <= txs_seen) {
                    add_party(&mut view, &flow.from);
                    add_party(&mut view, &flow.to);
                    view.add_transfer(TransferNode {
                        from: flow.from,
                        to: flow.to,
                        value_sats: flow.value_sats,
                        tainted_sats: flow.tainted_sats,
                        txids: flow.txids,
                        status: flow.status,
                    });
                }
                txs_seen += 1;
            }
            FlowNode::Group(_) | FlowNode::Transfer(_) => {}
        }
    }
    Some(view)
}
