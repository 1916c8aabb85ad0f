//! `FlowGraph`: the incremental graph of transactions and addresses, and how a tx is added.

use std::collections::HashMap;

use petgraph::stable_graph::{NodeIndex, StableDiGraph};

use super::conservation::check_conservation;
use super::ids::{NodeId, NodeKey};
use super::node::{AddressNode, EdgeKind, FlowEdge, FlowNode, HistoryState, TxNode};
use crate::chain::{Chain, Sats, Tx, Txid};

/// What [`FlowGraph::add_tx`] changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AddOutcome {
    /// Nodes created, in creation order (the tx node first, then new addresses).
    pub new_nodes: Vec<NodeId>,
    /// How many edges were created.
    pub new_edges: usize,
    /// The tx was already in the graph; nothing changed.
    pub already_known: bool,
}

/// Transactions and addresses linked by the value they move.
///
/// ```text
///   addr A ──Input 1.0 BTC (2 parts)──▶ tx ──Output 0.9 BTC──▶ addr B
/// ```
/// Nodes are never removed, so [`NodeId`]s stay valid and dense.
#[derive(Debug, Clone, Default)]
pub struct FlowGraph {
    pub(super) graph: StableDiGraph<FlowNode, FlowEdge>,
    pub(super) index_by_key: HashMap<NodeKey, NodeIndex>,
    pub(super) tx_by_txid: HashMap<Txid, Tx>,
    /// The chain its transactions are on (amounts' unit, labels' chain).
    pub(super) chain: Chain,
}

impl FlowGraph {
    /// An empty graph (of Bitcoin transactions).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty graph of `chain`'s transactions.
    #[must_use]
    pub fn of_chain(chain: Chain) -> Self {
        FlowGraph {
            chain,
            ..Self::default()
        }
    }

    /// The chain its transactions are on.
    #[must_use]
    pub fn chain(&self) -> Chain {
        self.chain
    }

    /// Adds a transaction: its node, address nodes not seen before, and one edge per distinct
    /// input address (address → tx) and per distinct output address (tx → address).
    ///
    /// Inputs without a prevout address (coinbase, P2PK, missing prevout) and outputs without
    /// an address (`OP_RETURN`, bare multisig) make no node and no edge; the stored `Tx` keeps them.
    /// Adding a tx that is already known changes nothing.
    pub fn add_tx(&mut self, tx: &Tx) -> AddOutcome {
        let key = NodeKey::Tx(tx.txid.clone());
        if self.index_by_key.contains_key(&key) {
            return AddOutcome {
                already_known: true,
                ..AddOutcome::default()
            };
        }
        let tx_ix = self.graph.add_node(FlowNode::Tx(TxNode {
            txid: tx.txid.clone(),
            status: tx.status.clone(),
            fee_sats: tx.fee_sats,
            conservation: check_conservation(tx),
        }));
        self.index_by_key.insert(key, tx_ix);
        self.tx_by_txid.insert(tx.txid.clone(), tx.clone());

        let mut outcome = AddOutcome {
            new_nodes: vec![NodeId::from_index(tx_ix)],
            ..AddOutcome::default()
        };
        let inputs = merge_by_address(
            tx.inputs
                .iter()
                .filter(|input| !input.is_coinbase())
                .filter_map(|input| input.prevout.as_ref())
                .filter_map(|prevout| Some((prevout.address.as_deref()?, prevout.value_sats))),
        );
        for (address, edge) in inputs {
            let address_ix = self.address_index(address, &mut outcome.new_nodes);
            self.graph.add_edge(
                address_ix,
                tx_ix,
                FlowEdge {
                    kind: EdgeKind::Input,
                    ..edge
                },
            );
            outcome.new_edges += 1;
        }
        let outputs = merge_by_address(
            tx.outputs
                .iter()
                .filter_map(|output| Some((output.address.as_deref()?, output.value_sats))),
        );
        for (address, edge) in outputs {
            let address_ix = self.address_index(address, &mut outcome.new_nodes);
            self.graph.add_edge(
                tx_ix,
                address_ix,
                FlowEdge {
                    kind: EdgeKind::Output,
                    ..edge
                },
            );
            outcome.new_edges += 1;
        }
        outcome
    }

    /// Records how much of an address's history is loaded, creating its node if missing. It
    /// never goes down: a smaller page asked later (a trace's, a link's) leaves more loaded.
    pub fn set_history(&mut self, address: &str, state: HistoryState) -> NodeId {
        let mut created = Vec::new();
        let ix = self.address_index(address, &mut created);
        if let Some(FlowNode::Address(node)) = self.graph.node_weight_mut(ix) {
            node.history = node.history.max(state);
        }
        NodeId::from_index(ix)
    }

    /// The address's node, created (with history not loaded) if missing.
    fn address_index(&mut self, address: &str, new_nodes: &mut Vec<NodeId>) -> NodeIndex {
        let key = NodeKey::Address(address.to_string());
        if let Some(&ix) = self.index_by_key.get(&key) {
            return ix;
        }
        let ix = self.graph.add_node(FlowNode::Address(AddressNode {
            address: address.to_string(),
            history: HistoryState::NotLoaded,
        }));
        self.index_by_key.insert(key, ix);
        new_nodes.push(NodeId::from_index(ix));
        ix
    }
}

/// Sums values per address, keeping first-appearance order so edge creation is deterministic.
/// The returned edges carry a placeholder kind that the caller overrides.
fn merge_by_address<'a>(items: impl Iterator<Item = (&'a str, Sats)>) -> Vec<(&'a str, FlowEdge)> {
    let mut position_by_address: HashMap<&str, usize> = HashMap::new();
    let mut merged: Vec<(&str, FlowEdge)> = Vec::new();
    for (address, value_sats) in items {
        if let Some(edge) = position_by_address.get(address).and_then(|&i| merged.get_mut(i)) {
            edge.1.value_sats += value_sats;
            edge.1.parts = edge.1.parts.saturating_add(1);
        } else {
            position_by_address.insert(address, merged.len());
            merged.push((
                address,
                FlowEdge {
                    value_sats,
                    parts: 1,
                    kind: EdgeKind::Input,
                },
            ));
        }
    }
    merged
}
