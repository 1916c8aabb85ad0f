//! Typed node identities: the dense numeric id the layout indexes by, and the semantic key.

use petgraph::stable_graph::NodeIndex;

use super::party::{GroupKey, Party};
use crate::chain::Txid;

/// A node of the [`super::FlowGraph`]. Stable across additions (nodes are never removed),
/// dense from 0, and ordered by creation, so it doubles as a deterministic iteration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The id as a `usize`, for indexing dense per-node arrays.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub(crate) fn from_index(ix: NodeIndex) -> NodeId {
        // The graph's index type is u32, so this never saturates.
        NodeId(u32::try_from(ix.index()).unwrap_or(u32::MAX))
    }

    pub(crate) fn to_index(self) -> NodeIndex {
        NodeIndex::new(self.index())
    }
}

/// What a node stands for: one transaction or one address; in the coarser views
/// (`crate::views`) also a group of addresses, or the aggregated flow from one party to another.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKey {
    /// A transaction node.
    Tx(Txid),
    /// An address node (the address's canonical text).
    Address(String),
    /// A group of addresses (entity/cluster view).
    Group(GroupKey),
    /// The aggregated flow from one party to another (address and entity views).
    Transfer(Party, Party),
}
