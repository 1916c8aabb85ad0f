//! Tracing heuristics: likely change, CoinJoin shapes, peel chains and common-input clusters.
//!
//! Each heuristic is a pure function of `chain::Tx` values and explains itself with [`Reason`]s
//! that name the heuristic and its published source (shown on hover in the UI). The tracer and
//! the UI use these verdicts to mark, collapse and flag; they never change taint arithmetic.
//! Definitions follow the project's heuristics notes (Esplora's privacy analysis, BlockSci,
//! Meiklejohn et al., am-i.exposed).

mod change;
mod cluster;
mod coinjoin;
mod peel;
mod reason;
mod sentence;
mod shape;
mod signals;

pub use change::{detect_change, ChangeContext, ChangeVerdict};
pub use cluster::Clusters;
pub use coinjoin::{detect_coinjoin, is_coinjoin, CoinJoinKind, WHIRLPOOL_DENOMINATIONS_SATS};
pub use peel::{peel_chains, peel_step, PeelChain, PeelStep};
pub use reason::{HeuristicId, Reason};
pub use sentence::Sentence;
