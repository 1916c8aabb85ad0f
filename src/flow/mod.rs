//! The flow graph: transactions and addresses as nodes, satoshis moving along edges.
//!
//! ```text
//!   address A ──input──▶ tx ──output──▶ address B
//!                         └──output──▶ address C
//! ```
//! Built incrementally from [`crate::chain::Tx`] values as the explorer answers.

mod conservation;
mod derived;
mod graph;
mod ids;
mod node;
mod party;
mod queries;

pub use conservation::{check_conservation, Conservation, ConservationWarning};
pub use graph::{AddOutcome, FlowGraph};
pub use ids::{NodeId, NodeKey};
pub use node::{AddressNode, EdgeKind, FlowEdge, FlowNode, GroupNode, HistoryState, TransferNode, TxNode};
pub use party::{GroupKey, Party};
