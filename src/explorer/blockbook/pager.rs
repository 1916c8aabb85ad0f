//! Blockbook's address paging (sans I/O): pages from 1, newest block first, up to `pageSize`
//! txs; on page 1 mempool txs are put first and the list is then cut, so a tx can appear on two
//! pages as the mempool changes: txs are deduplicated by txid. Paging stops at `totalPages`, at a
//! short page, or at `max_txs`.

use crate::chain::Tx;
use crate::explorer::collected::Collected;
use crate::explorer::AddressHistory;

/// Txs asked for per page (Blockbook's maximum; fewer requests for big addresses).
pub const PAGE_SIZE: u32 = 1_000;

/// Collects pages; drive it with [`BlockbookPager::next_page`] and [`BlockbookPager::accept_page`].
/// A pager stopped by `max_txs` remembers the page it stopped in, so [`BlockbookPager::raise`]
/// continues it ("load more").
#[derive(Debug, Clone)]
pub struct BlockbookPager {
    page_size: u32,
    collected: Collected<u32>,
}

impl BlockbookPager {
    /// A pager that keeps at most `max_txs` transactions, asking `page_size` per page.
    #[must_use]
    pub fn new(max_txs: usize, page_size: u32) -> BlockbookPager {
        BlockbookPager {
            page_size: page_size.max(1),
            collected: Collected::new(max_txs, 1),
        }
    }

    /// The page number to ask for next, if any.
    #[must_use]
    pub fn next_page(&self) -> Option<u32> {
        self.collected.next
    }

    /// Txs asked for per page.
    #[must_use]
    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    /// Takes one page (`page` as asked, `total_pages` as the server said).
    pub fn accept_page(&mut self, page: u32, total_pages: Option<i64>, txs: Vec<Tx>) {
        let full = txs.len() >= self.page_size as usize;
        let more_pages = total_pages.map_or(full, |total| i64::from(page) < total);
        let added = self.collected.add(txs);
        if added.cut {
            // This page again when raised: the txs already kept are skipped.
            self.collected.stop_at_cap(page);
        } else if self.collected.full() && more_pages {
            self.collected.stop_at_cap(page.saturating_add(1));
        } else {
            self.collected.next = (more_pages && !self.collected.full()).then(|| page.saturating_add(1));
        }
    }

    /// Whether the pager can give more than `max_txs` transactions by going on (see
    /// [`BlockbookPager::raise`]); also after a failed page, which it asks again.
    #[must_use]
    pub fn continues_to(&self, max_txs: usize) -> bool {
        self.collected.continues_to(max_txs)
    }

    /// Lets the pager keep up to `max_txs`, going on from where its cap stopped it.
    pub fn raise(&mut self, max_txs: usize) {
        self.collected.raise(max_txs);
    }

    /// How many transactions it holds.
    #[must_use]
    pub fn txs_held(&self) -> usize {
        self.collected.txs().len()
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

    /// The history collected.
    #[must_use]
    pub fn finish(self) -> AddressHistory {
        self.collected.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::numbered_confirmed_tx as tx;

    fn page(n: u32) -> Vec<Tx> {
        (n * 10..n * 10 + 10).map(tx).collect()
    }

    #[test]
    fn a_pager_stopped_at_its_cap_goes_on_with_the_next_page_when_raised() {
        let mut pager = BlockbookPager::new(10, 10);
        pager.accept_page(1, Some(3), page(0));
        assert_eq!(pager.next_page(), None);
        assert!(!pager.history().complete);
        assert!(pager.continues_to(11));
        pager.raise(100);
        assert_eq!(pager.next_page(), Some(2));
        pager.accept_page(2, Some(3), page(1));
        pager.accept_page(3, Some(3), page(2));
        let history = pager.finish();
        assert!(history.complete);
        assert_eq!(history.txs, (0..30).map(tx).collect::<Vec<_>>());
    }

    #[test]
    fn a_cap_inside_a_page_asks_that_page_again() {
        let mut pager = BlockbookPager::new(5, 10);
        pager.accept_page(1, Some(2), page(0));
        pager.raise(15);
        assert_eq!(pager.next_page(), Some(1));
        pager.accept_page(1, Some(2), page(0));
        assert_eq!(pager.next_page(), Some(2));
        pager.accept_page(2, Some(2), page(1));
        let history = pager.finish();
        assert!(!history.complete);
        assert_eq!(history.txs, (0..15).map(tx).collect::<Vec<_>>());
        let mut done = BlockbookPager::new(100, 10);
        done.accept_page(1, Some(1), page(0));
        assert!(!done.continues_to(1_000), "the whole history is loaded");
    }
}
