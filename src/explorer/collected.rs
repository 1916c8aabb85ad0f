//! What both address pagers (Esplora's cursor pages, Blockbook's numbered pages) keep: the
//! transactions so far, deduplicated and at most `max_txs`; the page to ask next; and, when the
//! cap stopped the paging, the page to go on from once the cap is raised ("load more").

use std::collections::HashSet;

use crate::chain::{Tx, Txid};
use crate::explorer::esplora::AddressHistory;

/// The collected part of a history and where paging stands; `R` names a page.
#[derive(Debug, Clone)]
pub(crate) struct Collected<R> {
    max_txs: usize,
    /// The page to fetch next, `None` when paging stopped.
    pub(crate) next: Option<R>,
    /// Where paging goes on when the cap is raised (set only when the cap stopped it).
    resume: Option<R>,
    seen: HashSet<Txid>,
    txs: Vec<Tx>,
    complete: bool,
}

/// What adding one page's transactions did.
pub(crate) struct Added {
    /// New transactions kept.
    pub(crate) count: usize,
    /// The cap was reached inside the page: some of its new transactions were left.
    pub(crate) cut: bool,
}

impl<R> Collected<R> {
    /// Nothing collected yet; paging starts at `first` (nothing is asked when `max_txs` is 0).
    pub(crate) fn new(max_txs: usize, first: R) -> Collected<R> {
        Collected {
            max_txs,
            next: (max_txs > 0).then_some(first),
            resume: None,
            seen: HashSet::new(),
            txs: Vec::new(),
            complete: max_txs > 0,
        }
    }

    /// Keeps the page's transactions not seen before, up to the cap.
    pub(crate) fn add(&mut self, page: Vec<Tx>) -> Added {
        let mut count = 0;
        for tx in page {
            if self.seen.contains(&tx.txid) {
                continue;
            }
            if self.txs.len() >= self.max_txs {
                return Added { count, cut: true };
            }
            self.seen.insert(tx.txid.clone());
            self.txs.push(tx);
            count += 1;
        }
        Added { count, cut: false }
    }

    /// Whether the cap is reached.
    pub(crate) fn full(&self) -> bool {
        self.txs.len() >= self.max_txs
    }

    /// The transactions so far, newest first.
    pub(crate) fn txs(&self) -> &[Tx] {
        &self.txs
    }

    /// The cap stopped paging: there is more, from `resume` on, once it is raised.
    pub(crate) fn stop_at_cap(&mut self, resume: R) {
        self.complete = false;
        self.next = None;
        self.resume = Some(resume);
    }

    /// Paging stopped for good before the end (an explorer ignoring its cursor).
    pub(crate) fn give_up(&mut self) {
        self.complete = false;
        self.next = None;
    }

    /// Whether going on can give more than `max_txs` transactions: the cap stopped paging (or
    /// a failed page did, `next` still set) below `max_txs`.
    pub(crate) fn continues_to(&self, max_txs: usize) -> bool {
        max_txs > self.txs.len() && (self.resume.is_some() || self.next.is_some())
    }

    /// Lets paging keep up to `max_txs`, going on from where the cap stopped it.
    pub(crate) fn raise(&mut self, max_txs: usize) {
        if max_txs <= self.max_txs {
            return;
        }
        self.max_txs = max_txs;
        if let Some(resume) = self.resume.take() {
            self.next = Some(resume);
            self.complete = true;
        }
    }

    /// Whether paging reached the end of the history.
    pub(crate) fn is_complete(&self) -> bool {
        self.complete && self.next.is_none()
    }

    /// The history so far.
    pub(crate) fn history(&self) -> AddressHistory {
        AddressHistory {
            txs: self.txs.clone(),
            complete: self.is_complete(),
        }
    }

    /// The history, without a copy.
    pub(crate) fn finish(self) -> AddressHistory {
        let complete = self.is_complete();
        AddressHistory {
            txs: self.txs,
            complete,
        }
    }
}
