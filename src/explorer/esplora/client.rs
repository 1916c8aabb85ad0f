//! The Esplora client: URLs + transport + retries + decoding, with no I/O of its own.

use std::sync::atomic::{AtomicBool, Ordering};

use super::decode;
use super::model::{AddressSummary, Spend, Utxo};
use super::pager::{AddressHistory, HistoryPager, HistoryProgress};
use super::reply::check_status;
use super::urls::EsploraUrls;
use crate::chain::{Tx, Txid};
use crate::explorer::{ExplorerError, HttpReply, Transport};

/// How hard to retry and how fast to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Extra attempts after the first for retryable errors (429, 5xx, network).
    pub max_retries: u32,
    /// Wait before the first retry; doubles for each further retry.
    pub first_backoff_ms: u32,
    /// Wait before every request but a client's first, to stay under public rate limits.
    pub min_interval_ms: u32,
}

impl Default for RetryPolicy {
    /// 3 retries, 1 s doubling backoff, 250 ms spacing (≤ 4 req/s, which avoided 429s on
    /// blockstream.info per esplora#449).
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_retries: 3,
            first_backoff_ms: 1000,
            min_interval_ms: 250,
        }
    }
}

/// An Esplora API client over any [`Transport`]. Requests are serial; each method is one logical
/// call (several HTTP requests for paged history).
#[derive(Debug)]
pub struct EsploraClient<T: Transport> {
    urls: EsploraUrls,
    transport: T,
    policy: RetryPolicy,
    requested_before: AtomicBool,
}

impl<T: Transport> EsploraClient<T> {
    /// A client for `base_url` (`https://mempool.space/api`, trailing slash tolerated, or `/api`).
    pub fn new(base_url: &str, transport: T, policy: RetryPolicy) -> Self {
        EsploraClient {
            urls: EsploraUrls::new(base_url),
            transport,
            policy,
            requested_before: AtomicBool::new(false),
        }
    }

    /// The normalised base URL (no trailing slash).
    pub fn base_url(&self) -> &str {
        self.urls.base_url()
    }

    /// The URL builders this client uses.
    pub fn urls(&self) -> &EsploraUrls {
        &self.urls
    }

    /// `GET /tx/:txid`.
    ///
    /// # Errors
    /// Any [`ExplorerError`]; `NotFound` for an unknown txid.
    pub async fn tx(&self, txid: &Txid) -> Result<Tx, ExplorerError> {
        let url = self.urls.tx(txid);
        let what = format!("transaction {} at {url}", txid.short());
        decode::tx(&self.fetch(&url, &what).await?, &what)
    }

    /// `GET /address/:a`.
    ///
    /// # Errors
    /// Any [`ExplorerError`]; `BadRequest` for an invalid address.
    pub async fn address_summary(&self, address: &str) -> Result<AddressSummary, ExplorerError> {
        let url = self.urls.address(address);
        let what = format!("address {address} at {url}");
        decode::address_summary(&self.fetch(&url, &what).await?, &what)
    }

    /// All pages up to `max_txs`, newest first; `on_progress` is called after each page with the
    /// counts so far.
    ///
    /// # Errors
    /// The first page request that still fails after retries.
    pub async fn address_history(
        &self,
        address: &str,
        max_txs: usize,
        mut on_progress: impl FnMut(HistoryProgress),
    ) -> Result<AddressHistory, ExplorerError> {
        let mut pager = HistoryPager::new(max_txs);
        while let Some(request) = pager.next_request() {
            let url = request.url(&self.urls, address);
            let what = format!(
                "history page {} of address {address} at {url}",
                pager.progress().pages + 1
            );
            let page = decode::txs(&self.fetch(&url, &what).await?, &what)?;
            pager.accept_page(page);
            on_progress(pager.progress());
        }
        Ok(pager.finish())
    }

    /// `GET /tx/:txid/outspends`: index = vout, `None` = unspent.
    ///
    /// # Errors
    /// Any [`ExplorerError`]; `NotFound` for an unknown txid.
    pub async fn outspends(&self, txid: &Txid) -> Result<Vec<Option<Spend>>, ExplorerError> {
        let url = self.urls.tx_outspends(txid);
        let what = format!("spends of transaction {} at {url}", txid.short());
        decode::outspends(&self.fetch(&url, &what).await?, &what)
    }

    /// `GET /address/:a/utxo` (unpaged; mempool.space refuses more than 500).
    ///
    /// # Errors
    /// Any [`ExplorerError`]; `BadRequest` for an invalid address or too many outputs.
    pub async fn utxos(&self, address: &str) -> Result<Vec<Utxo>, ExplorerError> {
        let url = self.urls.address_utxo(address);
        let what = format!("unspent outputs of address {address} at {url}");
        decode::utxos(&self.fetch(&url, &what).await?, &what)
    }

    /// `GET /blocks/tip/height` (a text/plain integer).
    ///
    /// # Errors
    /// Any [`ExplorerError`].
    pub async fn tip_height(&self) -> Result<u32, ExplorerError> {
        let url = self.urls.tip_height();
        let what = format!("tip height at {url}");
        decode::tip_height(&self.fetch(&url, &what).await?, &what)
    }

    /// One GET with spacing and retries; returns only a 200 reply.
    async fn fetch(&self, url: &str, what: &str) -> Result<HttpReply, ExplorerError> {
        let mut attempt: u32 = 0;
        loop {
            // One wait covers both needs: the backoff after a failure is never shorter than the
            // spacing between requests.
            let spacing_ms = if self.requested_before.swap(true, Ordering::Relaxed) {
                self.policy.min_interval_ms
            } else {
                0
            };
            let wait_ms = spacing_ms.max(self.backoff_ms(attempt));
            if wait_ms > 0 {
                self.transport.sleep_ms(wait_ms).await;
            }
            let result = match self.transport.get(url).await {
                Ok(reply) => check_status(&reply, what).map(|()| reply),
                Err(err) => Err(ExplorerError::Unreachable {
                    reason: err.to_string(),
                }),
            };
            match result {
                Err(err) if err.is_retryable() && attempt < self.policy.max_retries => attempt += 1,
                other => return other,
            }
        }
    }

    /// 0 before the first attempt, then `first_backoff_ms`, doubling, saturating.
    fn backoff_ms(&self, attempt: u32) -> u32 {
        match attempt {
            0 => 0,
            n => self.policy.first_backoff_ms.saturating_mul(2_u32.saturating_pow(n - 1)),
        }
    }
}
