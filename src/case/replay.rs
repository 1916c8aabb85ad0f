//! Answers lookups from a snapshot's recorded answers only: a page opened on a case file makes
//! no request to any explorer, however many readers open it.

use std::future::{ready, Future};
use std::rc::Rc;

use super::book::CaseBook;
use crate::chain::{Tx, Txid};
use crate::explorer::{AddressHistory, ChainSource, ExplorerError, Spend};

/// A [`ChainSource`] over a [`CaseBook`]; what the book lacks is
/// [`ExplorerError::NotInSnapshot`].
#[derive(Debug, Clone)]
pub struct Replay {
    book: Rc<CaseBook>,
}

impl Replay {
    #[must_use]
    pub fn new(book: Rc<CaseBook>) -> Replay {
        Replay { book }
    }

    fn tx(&self, txid: &Txid) -> Result<Tx, ExplorerError> {
        self.book
            .txs
            .get(txid)
            .cloned()
            .ok_or_else(|| ExplorerError::NotInSnapshot {
                what: format!("transaction {}", txid.short()),
            })
    }
}

impl ChainSource for Replay {
    fn txs(&self, txids: &[Txid]) -> impl Future<Output = Vec<Result<Tx, ExplorerError>>> {
        ready(txids.iter().map(|txid| self.tx(txid)).collect())
    }

    fn outspends(&self, txids: &[Txid]) -> impl Future<Output = Vec<Result<Vec<Option<Spend>>, ExplorerError>>> {
        let answer = |txid: &Txid| {
            self.book
                .outspends
                .get(txid)
                .cloned()
                .ok_or_else(|| ExplorerError::NotInSnapshot {
                    what: format!("where the outputs of {} went", txid.short()),
                })
        };
        ready(txids.iter().map(answer).collect())
    }

    /// The recorded history, cut to `max_txs` (then incomplete) if the reader asks for fewer.
    fn address_history(
        &self,
        address: &str,
        max_txs: usize,
    ) -> impl Future<Output = Result<AddressHistory, ExplorerError>> {
        let answer = || {
            let recorded = self
                .book
                .histories
                .get(address)
                .ok_or_else(|| ExplorerError::NotInSnapshot {
                    what: format!("the history of {address}"),
                })?;
            let txs = recorded
                .txids
                .iter()
                .take(max_txs)
                .map(|txid| self.tx(txid))
                .collect::<Result<Vec<Tx>, ExplorerError>>()?;
            let complete = recorded.complete && txs.len() == recorded.txids.len();
            Ok(AddressHistory { txs, complete })
        };
        ready(answer())
    }

    fn tip_height(&self) -> impl Future<Output = Result<u32, ExplorerError>> {
        ready(self.book.tip_height.ok_or_else(|| ExplorerError::NotInSnapshot {
            what: "the chain tip".into(),
        }))
    }
}
