//! [`ChainSource`] for the scheduler: batches are deduplicated, answered from the caches where
//! possible, and the rest fetched with at most K in flight.

use std::collections::HashMap;
use std::future::Future;

use super::join::join_bounded;
use super::{Api, Scheduler};
use crate::chain::{Tx, Txid};
use crate::explorer::esplora::decode;
use crate::explorer::esplora::reply::decode_error;
use crate::explorer::{AddressHistory, ChainSource, ExplorerError, HistoryPager, Spend, Transport};

impl<T: Transport> ChainSource for Scheduler<T> {
    async fn txs(&self, txids: &[Txid]) -> Vec<Result<Tx, ExplorerError>> {
        self.batch(
            txids,
            |scheduler, txid| scheduler.cache.borrow_mut().tx(txid),
            |txid| self.fetch_tx(txid),
        )
        .await
    }

    async fn outspends(&self, txids: &[Txid]) -> Vec<Result<Vec<Option<Spend>>, ExplorerError>> {
        self.batch(
            txids,
            |scheduler, txid| scheduler.cache.borrow().outspends(txid),
            |txid| self.fetch_outspends(txid),
        )
        .await
    }

    /// Pages on demand, serially (each page's cursor comes from the previous one), and stops at
    /// `max_txs`: an exchange hot wallet with millions of txs is never fetched whole. Confirmed
    /// txs of the pages go into the tx cache, so expanding them later costs no request. Asking
    /// an address for more than its last answer held goes on from where that stopped.
    async fn address_history(&self, address: &str, max_txs: usize) -> Result<AddressHistory, ExplorerError> {
        let urls = match &self.api {
            Api::Esplora(urls) => urls,
            Api::Blockbook(urls) => return self.blockbook_history(urls, address, max_txs).await,
        };
        let paused = self
            .paused_esplora
            .borrow_mut()
            .take(address, |pager| pager.continues_to(max_txs));
        let mut pager = paused.unwrap_or_else(|| HistoryPager::new(max_txs));
        pager.raise(max_txs);
        while let Some(request) = pager.next_request() {
            let url = request.url(urls, address);
            let what = format!(
                "history page {} of address {address} at {url}",
                pager.progress().pages.saturating_add(1)
            );
            self.tracker.borrow_mut().enqueue(1, self.transport.now_ms());
            let page = match self.fetch(&url, &what, |reply| decode::txs(reply, &what)).await {
                Ok(page) => page,
                Err(err) => {
                    self.paused_esplora.borrow_mut().keep_interrupted(address, pager);
                    return Err(err);
                }
            };
            {
                let mut cache = self.cache.borrow_mut();
                for tx in &page {
                    cache.remember_tx(tx);
                }
            }
            pager.accept_page(page);
        }
        Ok(self.paused_esplora.borrow_mut().answer(address, pager, max_txs))
    }

    /// Never cached: the tip moves.
    async fn tip_height(&self) -> Result<u32, ExplorerError> {
        let url = match &self.api {
            Api::Esplora(urls) => urls.tip_height(),
            Api::Blockbook(urls) => urls.status(),
        };
        let what = format!("tip height at {url}");
        self.tracker.borrow_mut().enqueue(1, self.transport.now_ms());
        self.fetch(&url, &what, |reply| match &self.api {
            Api::Esplora(_) => decode::tip_height(reply, &what),
            Api::Blockbook(_) => crate::explorer::blockbook::decode::tip_height(reply, &what),
        })
        .await
    }
}

impl<T: Transport> Scheduler<T> {
    /// Answers `keys` in order: each distinct key is looked up in the cache once, and the misses
    /// are fetched once each, at most K at a time.
    async fn batch<V: Clone, F: Future<Output = Result<V, ExplorerError>>>(
        &self,
        keys: &[Txid],
        cached: impl Fn(&Self, &Txid) -> Option<V>,
        fetch: impl Fn(Txid) -> F,
    ) -> Vec<Result<V, ExplorerError>> {
        let mut answers: HashMap<Txid, Result<V, ExplorerError>> = HashMap::new();
        let mut misses: Vec<Txid> = Vec::new();
        let mut hits = 0_usize;
        for key in keys {
            if answers.contains_key(key) || misses.contains(key) {
                continue;
            }
            match cached(self, key) {
                Some(value) => {
                    hits += 1;
                    answers.insert(key.clone(), Ok(value));
                }
                None => misses.push(key.clone()),
            }
        }
        {
            let mut tracker = self.tracker.borrow_mut();
            tracker.cache_hits(hits);
            tracker.enqueue(misses.len(), self.transport.now_ms());
        }
        self.report();
        let futures: Vec<F> = misses.iter().cloned().map(fetch).collect();
        let results = join_bounded(futures, self.config.max_in_flight).await;
        answers.extend(misses.into_iter().zip(results));
        keys.iter()
            .map(|key| {
                // Every key was answered above; the fallback only keeps this free of panics.
                answers.get(key).cloned().unwrap_or(Err(ExplorerError::Cancelled))
            })
            .collect()
    }

    /// `GET /tx/:txid`, checked to be the tx asked for, remembered if confirmed.
    async fn fetch_tx(&self, txid: Txid) -> Result<Tx, ExplorerError> {
        let urls = match &self.api {
            Api::Esplora(urls) => urls,
            Api::Blockbook(urls) => return self.blockbook_tx(urls, txid).await.map(|(tx, _)| tx),
        };
        let url = urls.tx(&txid);
        let what = format!("transaction {} at {url}", txid.short());
        let tx = self
            .fetch(&url, &what, |reply| {
                let tx = decode::tx(reply, &what)?;
                if tx.txid != txid {
                    // Never cache (or show) a tx under another's id.
                    return Err(decode_error(
                        &what,
                        format!("the explorer sent transaction {}", tx.txid.short()),
                    ));
                }
                Ok(tx)
            })
            .await?;
        self.cache.borrow_mut().remember_tx(&tx);
        Ok(tx)
    }

    /// `GET /tx/:txid/outspends`, remembered when every output is spent and confirmed.
    async fn fetch_outspends(&self, txid: Txid) -> Result<Vec<Option<Spend>>, ExplorerError> {
        let urls = match &self.api {
            Api::Esplora(urls) => urls,
            Api::Blockbook(urls) => return self.blockbook_outspends(urls, txid).await,
        };
        let url = urls.tx_outspends(&txid);
        let what = format!("spends of transaction {} at {url}", txid.short());
        let spends = self.fetch(&url, &what, |reply| decode::outspends(reply, &what)).await?;
        self.cache.borrow_mut().remember_outspends(&txid, &spends);
        Ok(spends)
    }
}
