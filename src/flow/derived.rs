//! Building the graphs of the coarser views (`crate::views`): parties (addresses, groups) linked
//! through the handles of aggregated flows. They hold no transactions of their own; every
//! transfer names the txids it sums, to be read in the transaction graph it came from.

use petgraph::stable_graph::NodeIndex;

use super::graph::FlowGraph;
use super::ids::{NodeId, NodeKey};
use super::node::{AddressNode, EdgeKind, FlowEdge, FlowNode, GroupNode, TransferNode};
use super::party::Party;

impl FlowGraph {
    /// Adds an address node unless the graph has it (whose history state is kept then).
    pub fn add_address_node(&mut self, node: AddressNode) -> NodeId {
        NodeId::from_index(self.insert_keyed(FlowNode::Address(node)))
    }

    /// Adds a group node unless the graph has it.
    pub fn add_group(&mut self, node: GroupNode) -> NodeId {
        NodeId::from_index(self.insert_keyed(FlowNode::Group(node)))
    }

    /// Adds an aggregated flow's handle between its two parties, which must be in the graph
    /// already (`None` otherwise, or when the graph has this transfer): sender → handle →
    /// receiver, both edges carrying its value.
    pub fn add_transfer(&mut self, transfer: TransferNode) -> Option<NodeId> {
        let party_ix = |party: &Party| self.index_by_key.get(&party.node_key()).copied();
        let (from, to) = (party_ix(&transfer.from)?, party_ix(&transfer.to)?);
        let key = NodeKey::Transfer(transfer.from.clone(), transfer.to.clone());
        if self.index_by_key.contains_key(&key) {
            return None;
        }
        let edge = |kind| FlowEdge {
            value_sats: transfer.value_sats,
            parts: u32::try_from(transfer.txids.len()).unwrap_or(u32::MAX),
            kind,
        };
        let (input, output) = (edge(EdgeKind::Input), edge(EdgeKind::Output));
        let ix = self.insert_keyed(FlowNode::Transfer(transfer));
        self.graph.add_edge(from, ix, input);
        self.graph.add_edge(ix, to, output);
        Some(NodeId::from_index(ix))
    }

    fn insert_keyed(&mut self, node: FlowNode) -> NodeIndex {
        let key = node.key();
        if let Some(&ix) = self.index_by_key.get(&key) {
            return ix;
        }
        let ix = self.graph.add_node(node);
        self.index_by_key.insert(key, ix);
        ix
    }
}
