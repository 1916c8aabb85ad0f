//! What the heuristics mark on the drawn graph: likely-change edges, CoinJoin transactions and
//! peel chains (which the canvas can collapse into one step). Computed once per graph version.

use std::collections::{BTreeMap, BTreeSet};

use crate::chain::{Sats, Txid};
use crate::flow::{FlowGraph, FlowNode, NodeId, NodeKey};
use crate::heuristics::{detect_change, is_coinjoin, peel_chains, ChangeContext};

/// One peel chain of the graph, as node ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeelGroup {
    /// The chain's first transaction: its key for expanding and collapsing.
    pub head_txid: Txid,
    pub head: NodeId,
    pub tail: NodeId,
    /// Steps (transactions) in the chain.
    pub hops: usize,
    pub total_paid_sats: Sats,
    /// Nodes hidden while the chain is collapsed: interior transactions, the addresses that only
    /// carry the chain on, and payment addresses seen nowhere else.
    pub hidden: BTreeSet<NodeId>,
}

/// The marks of one graph version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GraphMarks {
    pub coinjoin_txs: BTreeSet<NodeId>,
    /// `(tx, address)` output edges that are the transaction's likely change.
    pub change_edges: BTreeSet<(NodeId, NodeId)>,
    pub peel_chains: Vec<PeelGroup>,
}

impl GraphMarks {
    /// Nodes hidden by the chains that are collapsed (every chain but those in `expanded`).
    #[must_use]
    pub fn hidden(&self, expanded: &BTreeSet<Txid>) -> BTreeSet<NodeId> {
        self.peel_chains
            .iter()
            .filter(|chain| !expanded.contains(&chain.head_txid))
            .flat_map(|chain| chain.hidden.iter().copied())
            .collect()
    }

    /// The chain a transaction node heads, ends or belongs to.
    #[must_use]
    pub fn chain_of(&self, id: NodeId) -> Option<&PeelGroup> {
        self.peel_chains
            .iter()
            .find(|c| c.head == id || c.tail == id || c.hidden.contains(&id))
    }
}

/// Marks a graph. Change uses no address history (first appearance stays unknown here).
#[must_use]
pub fn mark(graph: &FlowGraph) -> GraphMarks {
    let txs = graph.txs();
    let tx_id = |txid: &Txid| graph.id_of(&NodeKey::Tx(txid.clone()));
    let address_id = |address: &str| graph.id_of(&NodeKey::Address(address.to_string()));

    let mut marks = GraphMarks::default();
    for tx in &txs {
        let Some(id) = tx_id(&tx.txid) else { continue };
        if is_coinjoin(tx) {
            marks.coinjoin_txs.insert(id);
        }
        let verdict = detect_change(tx, &ChangeContext::without_history());
        let change = verdict
            .change_vout
            .and_then(|vout| tx.outputs.get(vout as usize)?.address.as_deref());
        if let Some(address_node) = change.and_then(address_id) {
            marks.change_edges.insert((id, address_node));
        }
    }

    for chain in peel_chains(&txs) {
        let ids: Vec<NodeId> = chain.txids.iter().filter_map(tx_id).collect();
        let (Some(&head), Some(&tail), Some(head_txid)) = (ids.first(), ids.last(), chain.txids.first().cloned())
        else {
            continue;
        };
        let in_chain: BTreeSet<NodeId> = ids.iter().copied().collect();
        let mut hidden: BTreeSet<NodeId> = ids.iter().copied().filter(|id| *id != head && *id != tail).collect();
        // Addresses whose every neighbour is in the chain carry it on or are paid only by it.
        let mut candidates: BTreeMap<NodeId, ()> = BTreeMap::new();
        for id in &ids {
            for neighbour in graph.neighbours(*id) {
                if matches!(graph.node(neighbour), Some(FlowNode::Address(_))) {
                    candidates.insert(neighbour, ());
                }
            }
        }
        for address in candidates.into_keys() {
            let neighbours = graph.neighbours(address);
            let only_interior = neighbours.iter().all(|n| hidden.contains(n));
            let between_steps = neighbours.len() >= 2 && neighbours.iter().all(|n| in_chain.contains(n));
            if only_interior || between_steps {
                hidden.insert(address);
            }
        }
        marks.peel_chains.push(PeelGroup {
            head_txid,
            head,
            tail,
            hops: ids.len(),
            total_paid_sats: chain.total_paid_sats,
            hidden,
        });
    }
    marks
}
