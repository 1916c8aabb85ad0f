//! What a trace is asked to do: where it starts, which way it goes, how taint is counted and
//! where it stops.

use std::fmt;

use crate::chain::{Sats, TxStatus, Txid};
use crate::labels::Category;

/// One transaction output: `txid:vout`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Outpoint {
    /// The transaction that created the output.
    pub txid: Txid,
    /// The output index inside it.
    pub vout: u32,
}

impl Outpoint {
    /// The output `vout` of `txid`.
    #[must_use]
    pub fn new(txid: Txid, vout: u32) -> Outpoint {
        Outpoint { txid, vout }
    }
}

impl fmt::Display for Outpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.txid, self.vout)
    }
}

/// Where the tainted coins are at the start.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TraceStart {
    /// Every output paying the address in a tx that spends none of the address's own outputs
    /// (its change back to itself is tainted only by propagation, which keeps the sums exact).
    Address(String),
    /// Every output of the transaction.
    Tx(Txid),
    /// These outputs.
    Outpoints(Vec<Outpoint>),
}

/// Which way taint flows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Where did the coins go: from outputs to the transactions spending them.
    #[default]
    Forward,
    /// Where did the coins come from: from outputs back through the inputs that funded them.
    Backward,
}

impl Direction {
    /// `forward` / `backward`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Direction::Forward => "forward",
            Direction::Backward => "backward",
        }
    }
}

/// How a transaction passes taint from its tainted side to the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaintMethod {
    /// Any taint in makes every coin out fully tainted (does not conserve).
    Poison,
    /// Taint in is spread over the outputs in proportion to value; the fee takes the remainder.
    Haircut,
    /// Satoshis keep their order through the tx (first in, first out); the fee is the tail.
    Fifo,
}

impl TaintMethod {
    /// `poison` / `haircut` / `fifo`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            TaintMethod::Poison => "poison",
            TaintMethod::Haircut => "haircut",
            TaintMethod::Fifo => "fifo",
        }
    }

    /// Whether taint in = taint out + fee taint exactly (haircut and FIFO do; poison does not).
    #[must_use]
    pub fn conserves(self) -> bool {
        !matches!(self, TaintMethod::Poison)
    }
}

/// When to stop following taint. Each stop is reported with where and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StopRules {
    /// The chain traced: whose entity labels stop the trace.
    pub chain: crate::chain::Chain,
    /// Outputs paying an address labelled with one of these categories are not followed.
    pub stop_categories: Vec<Category>,
    /// Deepest hop followed (hop 1 = the txs spending the source outputs).
    pub max_hops: u32,
    /// Outputs carrying less taint than this are not followed.
    pub min_taint_sats: Sats,
    /// Most transactions followed (and fetched) beyond the start.
    pub max_txs: usize,
    /// Txs confirmed below this height are not followed.
    pub min_height: Option<u32>,
    /// Txs confirmed above this height (or unconfirmed) are not followed.
    pub max_height: Option<u32>,
    /// Txs with a block time before this (Unix seconds) are not followed.
    pub min_time_secs: Option<u64>,
    /// Txs with a block time after this (or unconfirmed) are not followed.
    pub max_time_secs: Option<u64>,
}

impl Default for StopRules {
    /// Stop at exchanges, mixers, sanctioned entities and services; 6 hops; 546 sat (the dust
    /// limit: less cannot be spent on its own); 500 txs; no time window.
    fn default() -> StopRules {
        StopRules {
            chain: crate::chain::Chain::Btc,
            stop_categories: vec![
                Category::Exchange,
                Category::Mixer,
                Category::Sanctioned,
                Category::Service,
            ],
            max_hops: 6,
            min_taint_sats: Sats(546),
            max_txs: 500,
            min_height: None,
            max_height: None,
            min_time_secs: None,
            max_time_secs: None,
        }
    }
}

impl StopRules {
    /// Whether a tx lies inside the height and time windows (an unconfirmed tx counts as later
    /// than any block, so only an upper bound excludes it).
    #[must_use]
    pub fn within_window(&self, status: &TxStatus) -> bool {
        let height_ok = match status.height() {
            Some(h) => self.min_height.is_none_or(|min| h >= min) && self.max_height.is_none_or(|max| h <= max),
            None => self.max_height.is_none(),
        };
        let time_ok = match status.time_secs() {
            Some(t) => self.min_time_secs.is_none_or(|min| t >= min) && self.max_time_secs.is_none_or(|max| t <= max),
            None => self.max_time_secs.is_none(),
        };
        height_ok && time_ok
    }
}

/// Everything [`run`](super::run) needs besides the chain source and the labels.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TraceRequest {
    /// Where the tainted coins are.
    pub start: TraceStart,
    /// Which way to follow them.
    pub direction: Direction,
    /// How taint passes through a tx.
    pub method: TaintMethod,
    /// Where to stop.
    pub rules: StopRules,
    /// Most transactions of an address history loaded to resolve an address start.
    pub max_history_txs: usize,
}
