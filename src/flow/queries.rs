//! Read-only questions the UI asks the flow graph.

use std::cmp::Ordering;

use petgraph::visit::EdgeRef as _;

use super::conservation::{Conservation, ConservationWarning};
use super::graph::FlowGraph;
use super::ids::{NodeId, NodeKey};
use super::node::{FlowEdge, FlowNode};
use crate::chain::{Sats, Tx, Txid};

impl FlowGraph {
    /// Number of nodes (transactions and addresses).
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of (merged) edges.
    #[must_use]
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Number of transaction nodes.
    #[must_use]
    pub fn tx_count(&self) -> usize {
        self.tx_by_txid.len()
    }

    /// Number of address nodes.
    #[must_use]
    pub fn address_count(&self) -> usize {
        self.node_count().saturating_sub(self.tx_count())
    }

    /// The node for a key, if the graph has it.
    #[must_use]
    pub fn id_of(&self, key: &NodeKey) -> Option<NodeId> {
        self.index_by_key.get(key).copied().map(NodeId::from_index)
    }

    /// The node's weight.
    #[must_use]
    pub fn node(&self, id: NodeId) -> Option<&FlowNode> {
        self.graph.node_weight(id.to_index())
    }

    /// The node's key.
    #[must_use]
    pub fn key_of(&self, id: NodeId) -> Option<NodeKey> {
        self.node(id).map(FlowNode::key)
    }

    /// All nodes in `NodeId` order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &FlowNode)> {
        self.graph
            .node_indices()
            .filter_map(|ix| Some((NodeId::from_index(ix), self.graph.node_weight(ix)?)))
    }

    /// All edges as `(source, target, edge)`, in creation order.
    pub fn edges(&self) -> impl Iterator<Item = (NodeId, NodeId, &FlowEdge)> {
        self.graph.edge_indices().filter_map(|e| {
            let (source, target) = self.graph.edge_endpoints(e)?;
            Some((
                NodeId::from_index(source),
                NodeId::from_index(target),
                self.graph.edge_weight(e)?,
            ))
        })
    }

    /// Nodes linked to `id` in either direction, sorted and deduplicated.
    #[must_use]
    pub fn neighbours(&self, id: NodeId) -> Vec<NodeId> {
        let mut neighbours: Vec<NodeId> = self
            .graph
            .neighbors_undirected(id.to_index())
            .map(NodeId::from_index)
            .collect();
        neighbours.sort_unstable();
        neighbours.dedup();
        neighbours
    }

    /// The nodes one step along the node's edges, outgoing (`outward`) or incoming, with the value
    /// of each link (parallel edges summed); largest value first, then by `NodeId`.
    #[must_use]
    pub fn linked(&self, id: NodeId, outward: bool) -> Vec<(NodeId, Sats)> {
        let direction = if outward {
            petgraph::Direction::Outgoing
        } else {
            petgraph::Direction::Incoming
        };
        let mut linked: std::collections::BTreeMap<NodeId, Sats> = std::collections::BTreeMap::new();
        for edge in self.graph.edges_directed(id.to_index(), direction) {
            let other = if outward { edge.target() } else { edge.source() };
            *linked.entry(NodeId::from_index(other)).or_insert(Sats::ZERO) += edge.weight().value_sats;
        }
        let mut linked: Vec<(NodeId, Sats)> = linked.into_iter().collect();
        linked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        linked
    }

    /// The value on the node's incoming and on its outgoing edges. For an address: what it
    /// received and spent in the loaded transactions; in a view graph, what a party received
    /// from others and paid to others.
    #[must_use]
    pub fn value_in_out(&self, id: NodeId) -> (Sats, Sats) {
        let sum = |direction| {
            self.graph
                .edges_directed(id.to_index(), direction)
                .map(|e| e.weight().value_sats)
                .sum::<Sats>()
        };
        (sum(petgraph::Direction::Incoming), sum(petgraph::Direction::Outgoing))
    }

    /// The full transaction as it was added.
    #[must_use]
    pub fn tx(&self, txid: &Txid) -> Option<&Tx> {
        self.tx_by_txid.get(txid)
    }

    /// Every transaction of the graph (node order).
    #[must_use]
    pub fn txs(&self) -> Vec<&Tx> {
        self.nodes()
            .filter_map(|(_, node)| match node {
                FlowNode::Tx(tx) => self.tx(&tx.txid),
                _ => None,
            })
            .collect()
    }

    /// The address's transactions known to the graph, newest first
    /// (unconfirmed first, then by height descending, then by txid).
    #[must_use]
    pub fn txs_of_address(&self, address: &str) -> Vec<&Tx> {
        let Some(id) = self.id_of(&NodeKey::Address(address.to_string())) else {
            return Vec::new();
        };
        let mut txs: Vec<&Tx> = self
            .neighbours(id)
            .into_iter()
            .filter_map(|n| match self.node(n)? {
                FlowNode::Tx(tx_node) => self.tx(&tx_node.txid),
                _ => None,
            })
            .collect();
        txs.sort_by(|a, b| newest_first(a, b));
        txs
    }

    /// How one address took part in one tx: `(received_sats, spent_sats)`, i.e. the sum of
    /// the outputs paying it and the sum of its inputs. Zeros if the tx is unknown.
    #[must_use]
    pub fn address_flow_in_tx(&self, address: &str, txid: &Txid) -> (Sats, Sats) {
        let Some(tx) = self.tx(txid) else {
            return (Sats::ZERO, Sats::ZERO);
        };
        let received_sats = tx
            .outputs
            .iter()
            .filter(|o| o.address.as_deref() == Some(address))
            .map(|o| o.value_sats)
            .sum();
        let spent_sats = tx
            .inputs
            .iter()
            .filter_map(|i| i.prevout.as_ref())
            .filter(|p| p.address.as_deref() == Some(address))
            .map(|p| p.value_sats)
            .sum();
        (received_sats, spent_sats)
    }

    /// Transactions whose values do not add up, sorted by txid.
    #[must_use]
    pub fn warnings(&self) -> Vec<ConservationWarning> {
        let mut warnings: Vec<ConservationWarning> = self
            .nodes()
            .filter_map(|(_, node)| match node {
                FlowNode::Tx(tx) => match tx.conservation {
                    Conservation::Broken {
                        inputs_sats,
                        outputs_sats,
                        fee_sats,
                    } => Some(ConservationWarning {
                        txid: tx.txid.clone(),
                        inputs_sats,
                        outputs_sats,
                        fee_sats,
                        chain: self.chain,
                    }),
                    Conservation::Balanced | Conservation::Unknown => None,
                },
                _ => None,
            })
            .collect();
        warnings.sort_by(|a, b| a.txid.cmp(&b.txid));
        warnings
    }
}

/// Unconfirmed before confirmed, higher blocks before lower, then txid for a stable order.
fn newest_first(a: &Tx, b: &Tx) -> Ordering {
    let by_height = match (a.status.height(), b.status.height()) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(ha), Some(hb)) => hb.cmp(&ha),
    };
    by_height.then_with(|| a.txid.cmp(&b.txid))
}
