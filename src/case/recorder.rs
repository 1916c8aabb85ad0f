//! Records every answer a source gives, so the page (or `spoor snapshot`) can write them into a
//! case file that replays the same view without an explorer.

use std::cell::RefCell;
use std::rc::Rc;

use super::book::{CaseBook, RecordedHistory};
use crate::chain::{Tx, Txid};
use crate::explorer::{AddressHistory, ChainSource, ExplorerError, Spend};

/// A source that copies each successful answer of `inner` into a shared [`CaseBook`].
#[derive(Debug, Clone)]
pub struct Recorder<S> {
    inner: S,
    book: Rc<RefCell<CaseBook>>,
    /// Transactions are noted by txid only (`CaseBook::txids_only`).
    txids_only: bool,
}

impl<S> Recorder<S> {
    /// Records into `book` (shared: the page keeps it across jobs).
    #[must_use]
    pub fn new(inner: S, book: Rc<RefCell<CaseBook>>) -> Recorder<S> {
        Recorder {
            inner,
            book,
            txids_only: false,
        }
    }

    /// Records like [`Recorder::new`], but transactions by txid only: the page keeps every
    /// transaction in its graph anyway, and a second copy of a 100,000-transaction case is
    /// hundreds of megabytes. `CaseBook::fill_txs` completes the book when a case is written.
    #[must_use]
    pub fn txids_only(inner: S, book: Rc<RefCell<CaseBook>>) -> Recorder<S> {
        Recorder {
            inner,
            book,
            txids_only: true,
        }
    }

    fn record_tx(&self, book: &mut CaseBook, tx: &Tx) {
        if self.txids_only {
            book.note_txid(&tx.txid);
        } else {
            book.txs.insert(tx.txid.clone(), tx.clone());
        }
    }

    /// The wrapped source.
    pub fn inner(&self) -> &S {
        &self.inner
    }
}

impl<S: ChainSource> ChainSource for Recorder<S> {
    async fn txs(&self, txids: &[Txid]) -> Vec<Result<Tx, ExplorerError>> {
        let answers = self.inner.txs(txids).await;
        let mut book = self.book.borrow_mut();
        for tx in answers.iter().flatten() {
            self.record_tx(&mut book, tx);
        }
        answers
    }

    async fn outspends(&self, txids: &[Txid]) -> Vec<Result<Vec<Option<Spend>>, ExplorerError>> {
        let answers = self.inner.outspends(txids).await;
        let mut book = self.book.borrow_mut();
        for (txid, answer) in txids.iter().zip(&answers) {
            if let Ok(spends) = answer {
                book.outspends.insert(txid.clone(), spends.clone());
            }
        }
        answers
    }

    async fn address_history(&self, address: &str, max_txs: usize) -> Result<AddressHistory, ExplorerError> {
        let history = self.inner.address_history(address, max_txs).await?;
        let mut book = self.book.borrow_mut();
        for tx in &history.txs {
            self.record_tx(&mut book, tx);
        }
        // The longest answer is kept: a replay cuts it to what each request asks ("load more"
        // pages and a trace's first page of the same address both replay).
        let recorded = RecordedHistory {
            txids: history.txs.iter().map(|tx| tx.txid.clone()).collect(),
            complete: history.complete,
        };
        let longer = book
            .histories
            .get(address)
            .is_none_or(|earlier| (recorded.complete, recorded.txids.len()) >= (earlier.complete, earlier.txids.len()));
        if longer {
            book.histories.insert(address.to_string(), recorded);
        }
        Ok(history)
    }

    async fn tip_height(&self) -> Result<u32, ExplorerError> {
        let height = self.inner.tip_height().await?;
        self.book.borrow_mut().tip_height = Some(height);
        Ok(height)
    }
}
