//! The address-history paging state machine, following electrs' `_history` rules (sans I/O).
//!
//! `GET /address/:a/txs` returns the mempool part plus the first 25 confirmed txs. While a page
//! holds 25 confirmed txs, ask `GET /address/:a/txs/chain/:last_seen_txid` with the txid of the
//! page's LAST confirmed tx; a shorter page is the last one. Txs are deduplicated by txid because
//! a tx can move from mempool to chain between two requests.

use std::collections::HashSet;

use super::urls::EsploraUrls;
use crate::chain::{Tx, TxStatus, Txid};

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
/// and [`HistoryPager::accept_page`]; it does no I/O itself.
#[derive(Debug, Clone)]
pub struct HistoryPager {
    max_txs: usize,
    next: Option<PageRequest>,
    seen: HashSet<Txid>,
    txs: Vec<Tx>,
    pages: u32,
    complete: bool,
}

impl HistoryPager {
    /// A pager that keeps at most `max_txs` transactions (0 asks for nothing).
    #[must_use]
    pub fn new(max_txs: usize) -> HistoryPager {
        let next = (max_txs > 0).then_some(PageRequest::First);
        HistoryPager {
            max_txs,
            next,
            seen: HashSet::new(),
            txs: Vec::new(),
            pages: 0,
            complete: max_txs > 0,
        }
    }

    /// The page to fetch next, or `None` when done.
    #[must_use]
    pub fn next_request(&self) -> Option<&PageRequest> {
        self.next.as_ref()
    }

    /// Takes the txs of the page just fetched (the one `next_request` named) and decides the next.
    pub fn accept_page(&mut self, page: Vec<Tx>) {
        if self.next.is_none() {
            return;
        }
        self.pages = self.pages.saturating_add(1);
        let confirmed_in_page = page
            .iter()
            .filter(|tx| matches!(tx.status, TxStatus::Confirmed { .. }))
            .count();
        let last_confirmed = page
            .iter()
            .rev()
            .find(|tx| matches!(tx.status, TxStatus::Confirmed { .. }))
            .map(|tx| tx.txid.clone());
        let mut added = 0_usize;
        for tx in page {
            if self.seen.contains(&tx.txid) {
                continue;
            }
            if self.txs.len() >= self.max_txs {
                // More txs than we may keep: the history goes on beyond what we return.
                self.complete = false;
                break;
            }
            self.seen.insert(tx.txid.clone());
            self.txs.push(tx);
            added += 1;
        }
        self.next = match last_confirmed {
            Some(last_seen_txid) if confirmed_in_page >= CHAIN_TXS_PER_PAGE => {
                if self.txs.len() >= self.max_txs {
                    // A full page at the cap: there may be more, but we may not fetch them.
                    self.complete = false;
                    None
                } else if added == 0 {
                    // A full page with nothing new means the explorer ignored the cursor;
                    // asking again would loop forever.
                    self.complete = false;
                    None
                } else {
                    Some(PageRequest::ChainAfter(last_seen_txid))
                }
            }
            _ => None,
        };
    }

    /// Pages and distinct txs so far.
    #[must_use]
    pub fn progress(&self) -> HistoryProgress {
        HistoryProgress {
            pages: self.pages,
            txs: self.txs.len(),
        }
    }

    /// The collected history; `complete` is meaningful once `next_request` is `None`.
    #[must_use]
    pub fn finish(self) -> AddressHistory {
        AddressHistory {
            txs: self.txs,
            complete: self.complete && self.next.is_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::Sats;

    fn confirmed_tx(n: u32) -> Tx {
        Tx {
            txid: Txid::parse(&format!("{n:064x}")).unwrap(),
            inputs: Vec::new(),
            outputs: Vec::new(),
            fee_sats: Sats::ZERO,
            status: TxStatus::Confirmed {
                height: n,
                block_hash: String::new(),
                time_secs: 0,
            },
        }
    }

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
}
