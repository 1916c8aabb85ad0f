//! The address-history paging state machine, following electrs' `_history` rules (sans I/O).
//!
//! `GET /address/:a/txs` returns the mempool part plus the first 25 confirmed txs. While a page
//! holds 25 confirmed txs, ask `GET /address/:a/txs/chain/:last_seen_txid` with the txid of the
//! page's LAST confirmed tx; a shorter page is the last one. Txs are deduplicated by txid because
//! a tx can move from mempool to chain between two requests.

use super::urls::EsploraUrls;
use crate::chain::{Tx, TxStatus, Txid};
use crate::explorer::collected::Collected;

/// Confirmed txs per full page (electrs `CHAIN_TXS_PER_PAGE`).
pub const CHAIN_TXS_PER_PAGE: usize = 25;

/// An address's transactions, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressHistory {
    /// The transactions, newest first, without duplicates.
    pub txs: Vec<Tx>,
    /// `false` if paging stopped at `max_txs` (or the explorer stopped honouring the cursor).
    pub complete: bool,
}

/// Counts so far, reported after each page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryProgress {
    /// Pages fetched.
    pub pages: u32,
    /// Distinct txs collected.
    pub txs: usize,
}

/// Which page to ask for next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageRequest {
    /// `GET /address/:a/txs`: mempool part plus the first confirmed page.
    First,
    /// `GET /address/:a/txs/chain/:last_seen_txid`.
    ChainAfter(Txid),
}

impl PageRequest {
    /// The URL of this page for `address`.
    #[must_use]
    pub fn url(&self, urls: &EsploraUrls, address: &str) -> String {
        match self {
            PageRequest::First => urls.address_txs(address),
            PageRequest::ChainAfter(last_seen_txid) => urls.address_txs_chain(address, last_seen_txid),
        }
    }
}

/// Collects pages until a short page or `max_txs`. Drive it with [`HistoryPager::next_request`]
/// and [`HistoryPager::accept_page`]; it does no I/O itself. A pager stopped by `max_txs`
/// remembers where the history goes on, so [`HistoryPager::raise`] continues it ("load more").
#[derive(Debug, Clone)]
pub struct HistoryPager {
    collected: Collected<PageRequest>,
    pages: u32,
}

impl HistoryPager {
    /// A pager that keeps at most `max_txs` transactions (0 asks for nothing).
    #[must_use]
    pub fn new(max_txs: usize) -> HistoryPager {
        HistoryPager {
            collected: Collected::new(max_txs, PageRequest::First),
            pages: 0,
        }
    }

    /// The page to fetch next, or `None` when done.
    #[must_use]
    pub fn next_request(&self) -> Option<&PageRequest> {
        self.collected.next.as_ref()
    }

    /// Takes the txs of the page just fetched (the one `next_request` named) and decides the next.
    pub fn accept_page(&mut self, page: Vec<Tx>) {
        let Some(asked) = self.collected.next.take() else {
            return;
        };
        self.pages = self.pages.saturating_add(1);
        let confirmed = |tx: &&Tx| matches!(tx.status, TxStatus::Confirmed { .. });
        let full_page = page.iter().filter(confirmed).count() >= CHAIN_TXS_PER_PAGE;
        let last_confirmed = page.iter().rev().find(confirmed).map(|tx| tx.txid.clone());
        let added = self.collected.add(page);
        if added.cut {
            // The rest of this page comes first when raised: ask after the last confirmed tx
            // kept (or the first page again; txs seen are skipped).
            let kept = self.collected.txs().iter().rev().find(confirmed);
            let resume = kept.map_or(asked, |tx| PageRequest::ChainAfter(tx.txid.clone()));
            self.collected.stop_at_cap(resume);
            return;
        }
        match last_confirmed {
            Some(last_seen_txid) if full_page => {
                if self.collected.full() {
                    // A full page at the cap: there may be more, but we may not fetch it yet.
                    self.collected.stop_at_cap(PageRequest::ChainAfter(last_seen_txid));
                } else if added.count == 0 {
                    // A full page with nothing new means the explorer ignored the cursor;
                    // asking again would loop forever.
                    self.collected.give_up();
                } else {
                    self.collected.next = Some(PageRequest::ChainAfter(last_seen_txid));
                }
            }
            _ => {}
        }
    }

    /// Whether the pager can give more than `max_txs` transactions by going on (see
    /// [`HistoryPager::raise`]); also after a failed page, which it asks again.
    #[must_use]
    pub fn continues_to(&self, max_txs: usize) -> bool {
        self.collected.continues_to(max_txs)
    }

    /// Lets the pager keep up to `max_txs`, going on from where its cap stopped it.
    pub fn raise(&mut self, max_txs: usize) {
        self.collected.raise(max_txs);
    }

    /// Pages and distinct txs so far.
    #[must_use]
    pub fn progress(&self) -> HistoryProgress {
        HistoryProgress {
            pages: self.pages,
            txs: self.collected.txs().len(),
        }
    }

    /// The collected history; `complete` is meaningful once `next_request` is `None`.
    #[must_use]
    pub fn finish(self) -> AddressHistory {
        self.collected.finish()
    }

    /// Whether paging reached the end of the history.
    pub(crate) fn is_complete(&self) -> bool {
        self.collected.is_complete()
    }

    /// The history collected so far (the pager stays, to be raised later).
    #[must_use]
    pub fn history(&self) -> AddressHistory {
        self.collected.history()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::numbered_confirmed_tx as confirmed_tx;

    #[test]
    fn zero_max_txs_asks_for_nothing() {
        let pager = HistoryPager::new(0);
        assert_eq!(pager.next_request(), None);
        assert!(!pager.finish().complete);
    }

    #[test]
    fn full_page_asks_for_the_chain_after_its_last_tx() {
        let mut pager = HistoryPager::new(100);
        pager.accept_page((0..25).map(confirmed_tx).collect());
        assert_eq!(
            pager.next_request(),
            Some(&PageRequest::ChainAfter(confirmed_tx(24).txid))
        );
        pager.accept_page(vec![confirmed_tx(25)]);
        assert_eq!(pager.next_request(), None);
        assert_eq!(pager.progress(), HistoryProgress { pages: 2, txs: 26 });
        assert!(pager.finish().complete);
    }

    #[test]
    fn a_pager_stopped_at_its_cap_goes_on_when_raised() {
        let mut pager = HistoryPager::new(25);
        pager.accept_page((0..25).map(confirmed_tx).collect());
        assert_eq!(pager.next_request(), None);
        assert!(!pager.history().complete);
        assert!(pager.continues_to(50));
        assert!(!pager.continues_to(25));
        pager.raise(50);
        assert_eq!(
            pager.next_request(),
            Some(&PageRequest::ChainAfter(confirmed_tx(24).txid))
        );
        pager.accept_page((25..40).map(confirmed_tx).collect());
        let history = pager.finish();
        assert!(history.complete);
        assert_eq!(history.txs, (0..40).map(confirmed_tx).collect::<Vec<_>>());
    }

    #[test]
    fn a_cap_inside_a_page_resumes_after_the_last_tx_kept() {
        let mut pager = HistoryPager::new(10);
        pager.accept_page((0..25).map(confirmed_tx).collect());
        assert_eq!(pager.history().txs.len(), 10);
        pager.raise(30);
        assert_eq!(
            pager.next_request(),
            Some(&PageRequest::ChainAfter(confirmed_tx(9).txid))
        );
        pager.accept_page((10..35).map(confirmed_tx).collect());
        let history = pager.finish();
        assert!(!history.complete, "cut at 30 again");
        assert_eq!(history.txs, (0..30).map(confirmed_tx).collect::<Vec<_>>());
    }
}
