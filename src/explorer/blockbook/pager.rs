//! Blockbook's address paging (sans I/O): pages from 1, newest block first, up to `pageSize`
//! txs; on page 1 mempool txs are put first and the list is then cut, so a tx can appear on two
//! pages as the mempool changes: txs are deduplicated by txid. Paging stops at `totalPages`, at a
//! short page, or at `max_txs`.

use std::collections::HashSet;

use crate::chain::{Tx, Txid};
use crate::explorer::AddressHistory;

/// Txs asked for per page (Blockbook's maximum; fewer requests for big addresses).
pub const PAGE_SIZE: u32 = 1_000;

/// Collects pages; drive it with [`BlockbookPager::next_page`] and [`BlockbookPager::accept_page`].
#[derive(Debug, Clone)]
pub struct BlockbookPager {
    max_txs: usize,
    page_size: u32,
    next: Option<u32>,
    seen: HashSet<Txid>,
    txs: Vec<Tx>,
    complete: bool,
}

impl BlockbookPager {
    /// A pager that keeps at most `max_txs` transactions, asking `page_size` per page.
    #[must_use]
    pub fn new(max_txs: usize, page_size: u32) -> BlockbookPager {
        BlockbookPager {
            max_txs,
            page_size: page_size.max(1),
            next: (max_txs > 0).then_some(1),
            seen: HashSet::new(),
            txs: Vec::new(),
            complete: max_txs > 0,
        }
    }

    /// The page number to ask for next, if any.
    #[must_use]
    pub fn next_page(&self) -> Option<u32> {
        self.next
    }

    /// Txs asked for per page.
    #[must_use]
    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    /// Takes one page (`page` as asked, `total_pages` as the server said).
    pub fn accept_page(&mut self, page: u32, total_pages: Option<i64>, txs: Vec<Tx>) {
        let full = txs.len() >= self.page_size as usize;
        for tx in txs {
            if self.txs.len() >= self.max_txs {
                self.complete = false;
                break;
            }
            if self.seen.insert(tx.txid.clone()) {
                self.txs.push(tx);
            }
        }
        let more_pages = total_pages.map_or(full, |total| i64::from(page) < total);
        self.next = if self.txs.len() >= self.max_txs {
            self.complete &= !more_pages;
            None
        } else if more_pages {
            Some(page + 1)
        } else {
            None
        };
    }

    /// The history collected.
    #[must_use]
    pub fn finish(self) -> AddressHistory {
        AddressHistory {
            txs: self.txs,
            complete: self.complete,
        }
    }
}
