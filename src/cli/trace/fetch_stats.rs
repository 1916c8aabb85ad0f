//! How many requests a trace made against how many it could not have done without: one per
//! address-history page, one `/tx` per transaction fetched and one `/outspends` per transaction
//! whose spends were fetched (failed lookups count too: they were asked). Deduplication and the
//! cache are what keep the real count at this bound; retries are what push it above.

use serde_json::{json, Value};

use crate::chain::TxStatus;
use crate::explorer::esplora::pager::CHAIN_TXS_PER_PAGE;
use crate::explorer::SchedulerConfig;
use crate::trace::{TraceData, TraceStart};

/// Requests made and the lower bound they are measured against.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchStats {
    /// Address-history pages the start needed (0 for a tx start).
    pub history_pages: usize,
    /// `GET /tx` lookups: the start txs (tx start) and every tx fetched beyond the start.
    pub tx_lookups: usize,
    /// `GET /tx/:txid/outspends` lookups.
    pub outspends_lookups: usize,
    /// HTTP requests made, retries included.
    pub requests: usize,
    /// Retries after 429s, 5xx and network failures.
    pub retries: usize,
    /// Wall time of the trace, milliseconds.
    pub elapsed_ms: u64,
    /// The scheduler's limits.
    pub config: SchedulerConfig,
}

impl FetchStats {
    /// The figures of a finished trace.
    #[must_use]
    pub fn new(
        data: &TraceData,
        start: &TraceStart,
        requests: usize,
        retries: usize,
        elapsed_ms: u64,
        config: SchedulerConfig,
    ) -> FetchStats {
        let round_zero = || {
            data.round_by_txid
                .iter()
                .filter(|(_, &round)| round == 0)
                .filter_map(|(txid, _)| data.txs.get(txid))
        };
        let (history_pages, start_txs) = match start {
            TraceStart::Address(_) => {
                let confirmed = round_zero()
                    .filter(|tx| matches!(tx.status, TxStatus::Confirmed { .. }))
                    .count();
                (history_pages(confirmed, data.history_complete), 0)
            }
            TraceStart::Tx(_) | TraceStart::Outpoints(_) => (0, round_zero().count()),
        };
        FetchStats {
            history_pages,
            tx_lookups: start_txs + data.fetched_beyond_start() + data.failed_txs.len(),
            outspends_lookups: data.outspends.len() + data.failed_outspends.len(),
            requests,
            retries,
            elapsed_ms,
            config,
        }
    }

    /// The fewest requests that could have fetched the same data.
    #[must_use]
    pub fn lower_bound(&self) -> usize {
        self.history_pages + self.tx_lookups + self.outspends_lookups
    }

    /// The shortest possible wall time at the configured rate: requests ÷ R, in milliseconds
    /// (`None` when spacing is off).
    #[must_use]
    pub fn rate_floor_ms(&self) -> Option<u64> {
        let interval_ms = self.config.interval_ms();
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let floor_ms = (self.requests as f64 * interval_ms).round() as u64;
        (interval_ms > 0.0).then_some(floor_ms)
    }

    /// The figures as the `fetch` object of `spoor trace --json`.
    #[must_use]
    pub fn to_json(&self) -> Value {
        json!({
            "requests": self.requests,
            "lower_bound": self.lower_bound(),
            "history_pages": self.history_pages,
            "tx_lookups": self.tx_lookups,
            "outspends_lookups": self.outspends_lookups,
            "retries": self.retries,
            "elapsed_ms": self.elapsed_ms,
            "max_per_second": self.config.max_per_second,
            "max_in_flight": self.config.max_in_flight,
            "rate_floor_ms": self.rate_floor_ms(),
        })
    }
}

/// Pages of a history with `confirmed` confirmed txs: a complete one ends with a page of fewer
/// than 25 (possibly empty); a capped one stopped after its last full page.
fn history_pages(confirmed: usize, complete: bool) -> usize {
    if complete {
        confirmed / CHAIN_TXS_PER_PAGE + 1
    } else {
        confirmed.div_ceil(CHAIN_TXS_PER_PAGE).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_history_needs_one_page_more_than_its_full_pages() {
        assert_eq!(history_pages(0, true), 1);
        assert_eq!(history_pages(24, true), 1);
        assert_eq!(history_pages(25, true), 2);
        assert_eq!(history_pages(60, true), 3);
        assert_eq!(history_pages(50, false), 2);
    }
}
