//! Node and edge weights of the flow graph.

use super::conservation::Conservation;
use super::ids::NodeKey;
use crate::chain::{Sats, TxStatus, Txid};

/// A node: a transaction or an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowNode {
    /// A transaction.
    Tx(TxNode),
    /// An address.
    Address(AddressNode),
}

impl FlowNode {
    /// The key that identifies this node.
    #[must_use]
    pub fn key(&self) -> NodeKey {
        match self {
            FlowNode::Tx(tx) => NodeKey::Tx(tx.txid.clone()),
            FlowNode::Address(address) => NodeKey::Address(address.address.clone()),
        }
    }

    /// Whether this is a transaction node.
    #[must_use]
    pub fn is_tx(&self) -> bool {
        matches!(self, FlowNode::Tx(_))
    }
}

/// What the graph keeps about a transaction on its node (the full `Tx` is in the graph too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxNode {
    /// The transaction's id.
    pub txid: Txid,
    /// Confirmation status.
    pub status: TxStatus,
    /// The fee the explorer reported.
    pub fee_sats: Sats,
    /// Whether inputs = outputs + fee holds.
    pub conservation: Conservation,
}

/// An address node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressNode {
    /// The address's canonical text.
    pub address: String,
    /// How much of the address's history has been fetched.
    pub history: HistoryState,
}

/// Whether the address's full transaction history has been fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistoryState {
    /// Only seen as an input or output of some transaction.
    #[default]
    NotLoaded,
    /// Some pages of the history are loaded.
    Partial {
        /// How many of its transactions have been fetched so far.
        txs_loaded: usize,
    },
    /// Every transaction of the address is loaded.
    Complete,
}

/// Which way value moves along an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// Address → tx: the tx spends outputs the address received.
    Input,
    /// Tx → address: the tx pays the address.
    Output,
}

/// An edge: value moving between an address and a transaction.
///
/// Several inputs (or outputs) of one tx with the same address are merged into one edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowEdge {
    /// The summed value of the merged inputs or outputs.
    pub value_sats: Sats,
    /// How many inputs or outputs were merged (at least 1).
    pub parts: u32,
    /// Input or output.
    pub kind: EdgeKind,
}
