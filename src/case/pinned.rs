//! A view pinned to a block height: whatever happened above it (and in the mempool) is left
//! out, so a link opened a year later shows the chain as its author saw it.

use crate::chain::{Tx, TxStatus, Txid};
use crate::explorer::{AddressHistory, ChainSource, ExplorerError, Spend};

/// Wraps a source and hides everything above `height`: history entries and spends confirmed
/// later (or not at all) disappear; an output spent later reads as unspent. A transaction asked
/// for by txid is still answered (a link names it, so it existed when the link was made).
#[derive(Debug, Clone)]
pub struct Pinned<S> {
    inner: S,
    height: u32,
}

impl<S> Pinned<S> {
    #[must_use]
    pub fn new(inner: S, height: u32) -> Pinned<S> {
        Pinned { inner, height }
    }

    /// The block height the view is pinned to.
    #[must_use]
    pub fn height(&self) -> u32 {
        self.height
    }

    fn visible(&self, status: &TxStatus) -> bool {
        status.height().is_some_and(|h| h <= self.height)
    }
}

impl<S: ChainSource> ChainSource for Pinned<S> {
    async fn txs(&self, txids: &[Txid]) -> Vec<Result<Tx, ExplorerError>> {
        self.inner.txs(txids).await
    }

    async fn outspends(&self, txids: &[Txid]) -> Vec<Result<Vec<Option<Spend>>, ExplorerError>> {
        let mut answers = self.inner.outspends(txids).await;
        for spends in answers.iter_mut().flatten() {
            for slot in spends.iter_mut() {
                if slot.as_ref().is_some_and(|spend| !self.visible(&spend.status)) {
                    *slot = None;
                }
            }
        }
        answers
    }

    async fn address_history(&self, address: &str, max_txs: usize) -> Result<AddressHistory, ExplorerError> {
        let mut history = self.inner.address_history(address, max_txs).await?;
        history.txs.retain(|tx| self.visible(&tx.status));
        Ok(history)
    }

    async fn tip_height(&self) -> Result<u32, ExplorerError> {
        Ok(self.height)
    }
}
