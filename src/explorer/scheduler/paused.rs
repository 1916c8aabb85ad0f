//! Address pagers stopped at their cap (or by a failed page), kept so that asking the same
//! address for more ("load more", or the same history again after an error) goes on from the
//! page where they stopped instead of fetching every earlier page again. A request for no more
//! than a pager holds starts afresh (answers already given are never served again as new) and
//! leaves the longer pager kept.

use std::collections::VecDeque;

use crate::explorer::blockbook::BlockbookPager;
use crate::explorer::{AddressHistory, HistoryPager};

/// Most pagers kept: only the latest few are asked for more.
const MAX_PAUSED: usize = 16;
/// Most transactions all kept pagers hold together. A pager at the limit is not kept: nobody
/// asks it for more.
const MAX_PAUSED_TXS: usize = crate::explorer::HISTORY_LIMIT;

/// Paused pagers by address with the transactions each holds, the newest last; the oldest are
/// dropped beyond [`MAX_PAUSED`] pagers or [`MAX_PAUSED_TXS`] transactions.
pub(crate) struct Paused<P> {
    entries: VecDeque<(String, P, usize)>,
}

impl<P> Default for Paused<P> {
    fn default() -> Self {
        Paused {
            entries: VecDeque::new(),
        }
    }
}

/// What the scheduler needs of a pager (Esplora's and Blockbook's) to pause it.
pub(crate) trait Pager {
    /// Transactions it holds.
    fn held(&self) -> usize;
    /// Whether paging reached the end of the history.
    fn complete(&self) -> bool;
    /// The history so far, the pager staying.
    fn history(&self) -> AddressHistory;
    /// The history, without a copy.
    fn finish(self) -> AddressHistory;
}

impl Pager for HistoryPager {
    fn held(&self) -> usize {
        self.progress().txs
    }
    fn complete(&self) -> bool {
        self.is_complete()
    }
    fn history(&self) -> AddressHistory {
        HistoryPager::history(self)
    }
    fn finish(self) -> AddressHistory {
        HistoryPager::finish(self)
    }
}

impl Pager for BlockbookPager {
    fn held(&self) -> usize {
        self.txs_held()
    }
    fn complete(&self) -> bool {
        self.is_complete()
    }
    fn history(&self) -> AddressHistory {
        BlockbookPager::history(self)
    }
    fn finish(self) -> AddressHistory {
        BlockbookPager::finish(self)
    }
}

impl<P: Pager> Paused<P> {
    /// Keeps a pager a failed page stopped: asking again goes on from that page.
    pub(crate) fn keep_interrupted(&mut self, address: &str, pager: P) {
        self.keep(address, pager.held(), pager);
    }

    /// The answer of a pager that has stopped paging, at most `max_txs` newest first; the pager
    /// is kept when the history goes on beyond the answer.
    pub(crate) fn answer(&mut self, address: &str, pager: P, max_txs: usize) -> AddressHistory {
        let held = pager.held();
        if held <= max_txs && pager.complete() {
            return pager.finish();
        }
        let mut history = pager.history();
        if held > max_txs {
            // A pager paused after an error may have been raised further by an earlier request.
            history.txs.truncate(max_txs);
            history.complete = false;
        }
        self.keep(address, held, pager);
        history
    }
}

impl<P> Paused<P> {
    /// Takes the address's pager out if `wanted` says it can serve the request (else it stays).
    pub(crate) fn take(&mut self, address: &str, wanted: impl FnOnce(&P) -> bool) -> Option<P> {
        let at = self.entries.iter().position(|(a, _, _)| a == address)?;
        let (_, pager, _) = self.entries.get(at)?;
        if !wanted(pager) {
            return None;
        }
        self.entries.remove(at).map(|(_, pager, _)| pager)
    }

    /// Keeps the address's pager, holding `txs` transactions, unless one kept for the address
    /// holds more (a smaller request, such as a trace's first page, must not lose a longer one).
    pub(crate) fn keep(&mut self, address: &str, txs: usize, pager: P) {
        if self.entries.iter().any(|(a, _, held)| a == address && *held > txs) {
            return;
        }
        self.entries.retain(|(a, _, _)| a != address);
        if txs >= MAX_PAUSED_TXS {
            return;
        }
        let mut held: usize = self.entries.iter().map(|(_, _, n)| n).sum();
        while !self.entries.is_empty() && (self.entries.len() >= MAX_PAUSED || held + txs > MAX_PAUSED_TXS) {
            if let Some((_, _, n)) = self.entries.pop_front() {
                held -= n;
            }
        }
        self.entries.push_back((address.to_string(), pager, txs));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_latest_pagers_and_hands_each_out_once() {
        let mut paused = Paused::default();
        for n in 0..=MAX_PAUSED {
            paused.keep(&format!("a{n}"), 1, n);
        }
        assert_eq!(paused.take("a0", |_| true), None, "the oldest was dropped");
        assert_eq!(paused.take("a1", |&n| n > 5), None, "not wanted");
        assert_eq!(paused.take("a1", |_| true), Some(1), "but kept");
        assert_eq!(paused.take("a2", |_| true), Some(2));
        assert_eq!(paused.take("a2", |_| true), None);
    }

    #[test]
    fn the_pagers_kept_hold_at_most_the_limit_of_transactions_together() {
        let mut paused = Paused::default();
        paused.keep("a", 60_000, 'a');
        paused.keep("b", 30_000, 'b');
        paused.keep("c", 20_000, 'c');
        assert_eq!(paused.take("a", |_| true), None, "let go for c");
        paused.keep("big", 99_999, 'x');
        assert_eq!(paused.take("b", |_| true), None);
        assert_eq!(paused.take("big", |_| true), Some('x'));
        paused.keep("big", 99_999, 'x');
        paused.keep("big", 1_000, 'y');
        assert_eq!(
            paused.take("big", |_| true),
            Some('x'),
            "a smaller one does not replace it"
        );
        paused.keep("limit", MAX_PAUSED_TXS, 'l');
        assert_eq!(
            paused.take("limit", |_| true),
            None,
            "at the limit: never asked for more"
        );
    }
}
