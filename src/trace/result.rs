//! What a trace found: where the taint went, where and why it stopped, and the totals.

use std::collections::BTreeMap;
use std::fmt;

use super::{Direction, IntervalSet, Outpoint, TaintMethod};
use crate::chain::{Sats, Txid};
use crate::explorer::ExplorerError;
use crate::labels::Category;

/// Why taint on an output was not followed further. Each reason counts into one summary bucket.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum StopReason {
    /// The output pays an address labelled with a stopping category (→ `by_entity`).
    Entity {
        /// The label's entity name.
        entity: String,
        /// The label's category.
        category: Category,
    },
    /// The output carries less taint than the minimum (→ `below_minimum`).
    BelowMinimum,
    /// The output is unspent: the taint rests there (→ `unspent`).
    Unspent,
    /// Backward only: the coins were minted by a coinbase input (→ `unspent`: nothing earlier
    /// to follow). The outpoint names the coinbase tx and the input index.
    Coinbase,
    /// Following it would go past the hop limit (→ `frontier`).
    HopLimit,
    /// The transaction limit was reached (→ `frontier`).
    TxLimit,
    /// The next tx lies outside the height or time window (→ `frontier`).
    OutsideWindow,
    /// Fetching the next tx or the output's spends failed (→ `frontier`; the error is listed).
    FetchFailed,
    /// The next tx is not in the fetched data (→ `frontier`).
    NotFetched,
    /// The data contradicts itself (a spend the spender does not list, a cycle) (→ `frontier`).
    Inconsistent,
}

impl StopReason {
    /// A short code for tables and JSON (`entity`, `hop_limit`, …).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            StopReason::Entity { .. } => "entity",
            StopReason::BelowMinimum => "below_minimum",
            StopReason::Unspent => "unspent",
            StopReason::Coinbase => "coinbase",
            StopReason::HopLimit => "hop_limit",
            StopReason::TxLimit => "tx_limit",
            StopReason::OutsideWindow => "outside_window",
            StopReason::FetchFailed => "fetch_failed",
            StopReason::NotFetched => "not_fetched",
            StopReason::Inconsistent => "inconsistent",
        }
    }

    /// Whether the taint counts as frontier (could have been followed with more data or limits).
    #[must_use]
    pub fn is_frontier(&self) -> bool {
        matches!(
            self,
            StopReason::HopLimit
                | StopReason::TxLimit
                | StopReason::OutsideWindow
                | StopReason::FetchFailed
                | StopReason::NotFetched
                | StopReason::Inconsistent
        )
    }
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StopReason::Entity { entity, category } => write!(f, "reached {entity} ({category})"),
            other => f.write_str(&other.code().replace('_', " ")),
        }
    }
}

/// Taint that stopped at one output, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stop {
    /// Where it stopped.
    pub outpoint: Outpoint,
    /// Why.
    pub reason: StopReason,
    /// How much taint stopped there.
    pub taint_sats: Sats,
}

/// A transaction that received taint and passed it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TracedTx {
    /// Hops from the start (1 = spends a source output; backward: 1 = creates one).
    pub hop: u32,
    /// Taint received.
    pub taint_in_sats: Sats,
    /// Taint the fee took.
    pub fee_taint_sats: Sats,
}

/// Taint that reached one labelled entity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntityTaint {
    /// The entity's category (of the first label that stopped the trace there).
    pub category: Category,
    /// Taint that reached it.
    pub sats: Sats,
}

/// Which lookup failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FetchKind {
    /// `GET /tx/:txid`.
    Tx,
    /// `GET /tx/:txid/outspends`.
    Outspends,
}

/// A lookup that failed during the trace (its taint became frontier).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchFailure {
    /// Which lookup.
    pub kind: FetchKind,
    /// For which tx.
    pub txid: Txid,
    /// What went wrong.
    pub error: ExplorerError,
}

/// The totals, in satoshis. For haircut and FIFO, exactly:
/// `source = fees + unspent + Σ by_entity + frontier + below_minimum`.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct TraceSummary {
    /// Taint put in at the source outputs.
    pub source_sats: Sats,
    /// Taint taken by fees (and haircut rounding).
    pub fees_sats: Sats,
    /// Taint resting in unspent outputs (backward: taint reaching coinbase inputs).
    pub unspent_sats: Sats,
    /// Taint reaching each labelled entity where the trace stopped.
    pub by_entity: BTreeMap<String, EntityTaint>,
    /// Taint in spent outputs not followed (hop, size or window limits, fetch errors).
    pub frontier_sats: Sats,
    /// Taint in outputs below the minimum.
    pub below_minimum_sats: Sats,
    /// Whether the method conserves taint (poison does not: its buckets overlap the source).
    pub conserves: bool,
}

impl TraceSummary {
    /// Taint reaching all entities.
    #[must_use]
    pub fn entities_sats(&self) -> Sats {
        self.by_entity.values().map(|e| e.sats).sum()
    }

    /// `fees + unspent + Σ by_entity + frontier + below_minimum` (= source when conserving).
    #[must_use]
    pub fn accounted_sats(&self) -> Sats {
        self.fees_sats + self.unspent_sats + self.entities_sats() + self.frontier_sats + self.below_minimum_sats
    }

    /// `part` as basis points of the source (10 000 = 100 %), rounded down; 0 for no source.
    ///
    /// ```
    /// use spoor::chain::Sats;
    /// use spoor::trace::TraceSummary;
    /// let summary = TraceSummary { source_sats: Sats(3), ..TraceSummary::default() };
    /// assert_eq!(summary.share_bp(Sats(1)), 3333);
    /// assert_eq!(summary.share_string(Sats(1)), "33.33%");
    /// ```
    #[must_use]
    pub fn share_bp(&self, part: Sats) -> u64 {
        let source = u128::from(self.source_sats.to_u64());
        if source == 0 {
            return 0;
        }
        u64::try_from(u128::from(part.to_u64()) * 10_000 / source).unwrap_or(u64::MAX)
    }

    /// `part` as a percentage of the source with two decimals (`"30.00%"`), from integers, in
    /// English (the CLI's report).
    #[must_use]
    pub fn share_string(&self, part: Sats) -> String {
        crate::i18n::percent_bp(crate::i18n::Lang::En, self.share_bp(part))
    }
}

/// Everything a trace computed: summary, per-output taint, traced txs, stops and errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceResult {
    /// Which way the trace went.
    pub direction: Direction,
    /// The taint method used.
    pub method: TaintMethod,
    /// The totals.
    pub summary: TraceSummary,
    /// Taint of every tainted output (for colouring edges by taint share).
    pub taint_by_outpoint: BTreeMap<Outpoint, Sats>,
    /// FIFO only: which satoshi positions of each tainted output are tainted.
    pub intervals_by_outpoint: BTreeMap<Outpoint, IntervalSet>,
    /// Transactions that received taint.
    pub traced_txs: BTreeMap<Txid, TracedTx>,
    /// Where taint stopped, sorted by outpoint.
    pub stops: Vec<Stop>,
    /// Lookups that failed (their taint is frontier).
    pub errors: Vec<FetchFailure>,
    /// Whether the address history of an address start was loaded completely.
    pub history_complete: bool,
}
