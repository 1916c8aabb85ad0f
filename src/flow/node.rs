//! Node and edge weights of the flow graph.

use super::conservation::Conservation;
use super::ids::NodeKey;
use super::party::{GroupKey, Party};
use crate::chain::{Sats, TxStatus, Txid};

/// A node: a transaction or an address; in the graphs of the coarser views (`crate::views`),
/// an address, a group of addresses, or the handle of an aggregated flow between two of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowNode {
    /// A transaction.
    Tx(TxNode),
    /// An address.
    Address(AddressNode),
    /// Addresses drawn as one (entity/cluster view).
    Group(GroupNode),
    /// Value summed over transactions from one party to another, drawn between them so it can
    /// be clicked (address and entity views).
    Transfer(TransferNode),
}

impl FlowNode {
    /// The key that identifies this node.
    #[must_use]
    pub fn key(&self) -> NodeKey {
        match self {
            FlowNode::Tx(tx) => NodeKey::Tx(tx.txid.clone()),
            FlowNode::Address(address) => NodeKey::Address(address.address.clone()),
            FlowNode::Group(group) => NodeKey::Group(group.key.clone()),
            FlowNode::Transfer(transfer) => NodeKey::Transfer(transfer.from.clone(), transfer.to.clone()),
        }
    }

    /// Whether this is a transaction node.
    #[must_use]
    pub fn is_tx(&self) -> bool {
        matches!(self, FlowNode::Tx(_))
    }

    /// Whether value passes through this node from senders to receivers (a transaction, or an
    /// aggregated flow's handle): the columns of the arranged layouts.
    #[must_use]
    pub fn is_step(&self) -> bool {
        matches!(self, FlowNode::Tx(_) | FlowNode::Transfer(_))
    }
}

/// A group of addresses shown as one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupNode {
    pub key: GroupKey,
    /// The member addresses, sorted.
    pub members: Vec<String>,
}

/// Value that moved from one party to another over one or more transactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferNode {
    pub from: Party,
    pub to: Party,
    /// Summed proportional shares (see `crate::views`).
    pub value_sats: Sats,
    /// The tainted part of it, when a trace is shown.
    pub tainted_sats: Option<Sats>,
    /// The transactions it sums, in txid order.
    pub txids: Vec<Txid>,
    /// The earliest of their statuses (confirmed before unconfirmed): where the time axis puts it.
    pub status: TxStatus,
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

/// Whether the address's full transaction history has been fetched (ordered by how much is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
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
