//! The fetched world a trace computes over, kept apart from the taint arithmetic so that the
//! method or the stop rules can change without fetching again.

use std::collections::BTreeMap;

use super::{Direction, Outpoint};
use crate::chain::{Sats, Tx, Txid};
use crate::explorer::{ExplorerError, Spend};

/// The source outputs of a trace and their starting taint (their full value).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResolvedStart {
    /// Which way the trace goes.
    pub direction: Direction,
    /// Source outputs → value (fully tainted).
    pub sources: BTreeMap<Outpoint, Sats>,
}

impl ResolvedStart {
    /// The sources of an address start: every output paying `address` in a tx that spends no
    /// output of `address` (change back to itself gets taint only by propagation).
    ///
    /// ```
    /// use spoor::trace::{Direction, ResolvedStart};
    /// let start = ResolvedStart::from_address_history(Direction::Forward, "1Thief", &[]);
    /// assert!(start.sources.is_empty());
    /// ```
    #[must_use]
    pub fn from_address_history(direction: Direction, address: &str, txs: &[Tx]) -> ResolvedStart {
        let mut sources = BTreeMap::new();
        for tx in txs {
            let spends_own = tx.inputs.iter().any(|input| {
                input
                    .prevout
                    .as_ref()
                    .and_then(|p| p.address.as_deref())
                    .is_some_and(|a| same_address(a, address))
            });
            if spends_own {
                continue;
            }
            for (vout, output) in (0_u32..).zip(&tx.outputs) {
                if output.address.as_deref().is_some_and(|a| same_address(a, address)) {
                    sources.insert(Outpoint::new(tx.txid.clone(), vout), output.value_sats);
                }
            }
        }
        ResolvedStart { direction, sources }
    }

    /// Every output of `tx` is a source.
    #[must_use]
    pub fn from_tx(direction: Direction, tx: &Tx) -> ResolvedStart {
        let sources = (0_u32..)
            .zip(&tx.outputs)
            .map(|(vout, output)| (Outpoint::new(tx.txid.clone(), vout), output.value_sats))
            .collect();
        ResolvedStart { direction, sources }
    }

    /// The total starting taint (saturating).
    #[must_use]
    pub fn total_sats(&self) -> Sats {
        self.sources.values().copied().sum()
    }
}

/// bech32 addresses compare case-insensitively; base58 ones exactly.
fn same_address(a: &str, b: &str) -> bool {
    let bech32 = |s: &str| {
        let lower = s.get(..3).map(str::to_ascii_lowercase);
        matches!(lower.as_deref(), Some("bc1" | "tb1"))
    };
    if bech32(a) && bech32(b) {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// Everything fetched for a trace: the start, transactions, spends, and what failed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TraceData {
    /// The source outputs.
    pub start: ResolvedStart,
    /// Fetched transactions by txid.
    pub txs: BTreeMap<Txid, Tx>,
    /// Fetched outspends by txid (index = vout; `None` = unspent).
    pub outspends: BTreeMap<Txid, Vec<Option<Spend>>>,
    /// The fetch round that brought each tx (0 = the start); orders equal-depth work.
    pub round_by_txid: BTreeMap<Txid, u32>,
    /// Transactions whose fetch failed, with the error.
    pub failed_txs: BTreeMap<Txid, ExplorerError>,
    /// Outspends whose fetch failed, with the error.
    pub failed_outspends: BTreeMap<Txid, ExplorerError>,
    /// Whether fetching stopped at the transaction limit with more wanted.
    pub limited: bool,
    /// Whether the address history of an address start was loaded completely.
    pub history_complete: bool,
    /// Individual lookups asked of the source (one per txid in a batch, one per history).
    pub lookups: usize,
}

impl TraceData {
    /// Data holding only the start.
    #[must_use]
    pub fn new(start: ResolvedStart) -> TraceData {
        TraceData {
            start,
            history_complete: true,
            ..TraceData::default()
        }
    }

    /// Adds a fetched tx (a tx already present keeps its earlier round).
    pub fn insert_tx(&mut self, tx: Tx, round: u32) {
        self.round_by_txid.entry(tx.txid.clone()).or_insert(round);
        self.failed_txs.remove(&tx.txid);
        self.txs.insert(tx.txid.clone(), tx);
    }

    /// Adds the fetched outspends of `txid`.
    pub fn insert_outspends(&mut self, txid: Txid, spends: Vec<Option<Spend>>) {
        self.failed_outspends.remove(&txid);
        self.outspends.insert(txid, spends);
    }

    /// Transactions fetched beyond the start (round > 0).
    #[must_use]
    pub fn fetched_beyond_start(&self) -> usize {
        self.round_by_txid.values().filter(|&&round| round > 0).count()
    }

    /// The txs spending each output, from the inputs of every fetched tx (for backward traces,
    /// which never fetch outspends).
    #[must_use]
    pub fn spender_index(&self) -> BTreeMap<Outpoint, Txid> {
        let mut index = BTreeMap::new();
        for tx in self.txs.values() {
            for input in &tx.inputs {
                if let Some(prev) = &input.prev_txid {
                    index
                        .entry(Outpoint::new(prev.clone(), input.prev_vout))
                        .or_insert_with(|| tx.txid.clone());
                }
            }
        }
        index
    }
}
