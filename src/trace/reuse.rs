//! Resuming a trace: the answers an interrupted run already got (cancelled, or some lookups
//! given up after their retries) are offered before the source, so running the trace again
//! asks only for what is missing and ends exactly where an uninterrupted run would.
//!
//! The trace is run again from its start over these answers rather than continued from where
//! it stopped: the driver's rounds (which order equal-depth work) then come out the same as in
//! one uninterrupted run, and so does the result, to the satoshi.

use std::collections::BTreeMap;

use super::TraceData;
use crate::chain::{Tx, Txid};
use crate::explorer::{AddressHistory, ChainSource, ExplorerError, Spend};

/// A [`ChainSource`] that answers transactions and outspends from an earlier run's
/// [`TraceData`] where it has them (its failures are asked again), and everything else from
/// `source`.
///
/// Only use it with data fetched from the same source at the same pinned height: the answers
/// are taken as they are.
pub struct Reuse<'a, S> {
    source: S,
    earlier: Option<&'a TraceData>,
}

impl<'a, S: ChainSource> Reuse<'a, S> {
    /// `source`, with `earlier`'s answers first (none when `earlier` is `None`).
    pub fn new(source: S, earlier: Option<&'a TraceData>) -> Self {
        Reuse { source, earlier }
    }

    /// Answers `keys` in order: from `known` where it has them, the rest from one `fetch` call.
    async fn merged<V: Clone>(
        keys: &[Txid],
        known: Option<&BTreeMap<Txid, V>>,
        fetch: impl AsyncFnOnce(&[Txid]) -> Vec<Result<V, ExplorerError>>,
    ) -> Vec<Result<V, ExplorerError>> {
        let cached = |key: &Txid| known.and_then(|map| map.get(key));
        let missing: Vec<Txid> = keys.iter().filter(|key| cached(key).is_none()).cloned().collect();
        let mut fetched = if missing.is_empty() {
            Vec::new()
        } else {
            fetch(&missing).await
        }
        .into_iter();
        keys.iter()
            .map(|key| match cached(key) {
                Some(value) => Ok(value.clone()),
                None => fetched.next().unwrap_or_else(|| {
                    Err(ExplorerError::Unreachable {
                        reason: "the chain source gave no answer for this lookup".to_string(),
                    })
                }),
            })
            .collect()
    }
}

impl<S: ChainSource> ChainSource for Reuse<'_, S> {
    async fn txs(&self, txids: &[Txid]) -> Vec<Result<Tx, ExplorerError>> {
        let known = self.earlier.map(|data| &data.txs);
        Self::merged(txids, known, async |missing: &[Txid]| self.source.txs(missing).await).await
    }

    async fn outspends(&self, txids: &[Txid]) -> Vec<Result<Vec<Option<Spend>>, ExplorerError>> {
        let known = self.earlier.map(|data| &data.outspends);
        Self::merged(txids, known, async |missing: &[Txid]| {
            self.source.outspends(missing).await
        })
        .await
    }

    /// Always asked again: a history is one cheap lookup, and the data keeps only its txs.
    async fn address_history(&self, address: &str, max_txs: usize) -> Result<AddressHistory, ExplorerError> {
        self.source.address_history(address, max_txs).await
    }

    async fn tip_height(&self) -> Result<u32, ExplorerError> {
        self.source.tip_height().await
    }
}
