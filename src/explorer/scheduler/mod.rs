//! The fetch scheduler shared by the app and the CLI: one per explorer host, it answers
//! [`ChainSource`](crate::explorer::ChainSource) batches by deduplicating lookups, answering
//! immutable ones from caches, keeping at most K requests in flight and at most R per second,
//! giving up on a request after a timeout, retrying transient failures (429 after its
//! `Retry-After`, 5xx, network failures, timeouts, replies that cannot be read) with jittered
//! exponential backoff a bounded number of times, stopping when cancelled (and working again
//! with its caches after [`Scheduler::resume`]), and reporting [`Progress`] after every request.
//!
//! It is sans I/O like the rest of the explorer: the [`Transport`] does the HTTP, the sleeping
//! and tells the time. Single-threaded by design (wasm), hence `RefCell`s and an `Rc` cancel flag.

mod backoff;
mod blockbook_source;
mod cache;
mod cancel;
mod config;
mod join;
mod paused;
mod progress;
mod rate;
mod source;

use std::cell::RefCell;

pub use cache::{MemoryTxStore, TxStore};
pub use cancel::CancelToken;
pub use config::{SchedulerConfig, DEFAULT_REQUEST_TIMEOUT_MS};
pub use progress::Progress;

use self::cache::Cache;
use self::paused::Paused;
use self::progress::Tracker;
use self::rate::RateLimiter;
use super::blockbook::BlockbookUrls;
use super::{ApiKind, EsploraUrls, ExplorerError, HttpReply, Provider, Transport, TransportError};
use crate::chain::Chain;

/// The API the scheduler's host speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Api {
    Esplora(EsploraUrls),
    Blockbook(BlockbookUrls),
}

/// Longest `Retry-After` honoured (ms): a server asking for more is retried sooner.
const MAX_RETRY_AFTER_MS: u32 = 120_000;

/// Receives a [`Progress`] snapshot whenever the scheduler's work changes.
type ProgressListener = Box<dyn Fn(Progress)>;

/// Fetches from one explorer host (Esplora or Blockbook) on behalf of a whole trace. See the
/// module docs.
pub struct Scheduler<T: Transport> {
    api: Api,
    transport: T,
    config: SchedulerConfig,
    /// The current job's token; [`Scheduler::resume`] replaces a cancelled one.
    cancel: RefCell<CancelToken>,
    cache: RefCell<Cache>,
    /// Address pagers stopped at their cap, to go on from ("load more").
    paused_esplora: RefCell<Paused<super::HistoryPager>>,
    paused_blockbook: RefCell<Paused<super::blockbook::BlockbookPager>>,
    rate: RefCell<RateLimiter>,
    tracker: RefCell<Tracker>,
    listener: RefCell<Option<ProgressListener>>,
}

impl<T: Transport> Scheduler<T> {
    /// A scheduler for `base_url` (`https://mempool.space/api`, or `/api` for the stand-in); pick
    /// `config` with [`SchedulerConfig::for_base_url`] unless you know better.
    pub fn new(base_url: &str, transport: T, config: SchedulerConfig) -> Self {
        Scheduler::with_api(Api::Esplora(EsploraUrls::new(base_url)), transport, config)
    }

    /// A scheduler for `provider` (Esplora or Blockbook) serving `chain`.
    pub fn for_provider(provider: &Provider, chain: Chain, transport: T, config: SchedulerConfig) -> Self {
        let api = match provider.kind {
            ApiKind::Esplora => Api::Esplora(EsploraUrls::new(&provider.base_url)),
            ApiKind::Blockbook => Api::Blockbook(BlockbookUrls::new(&provider.base_url, chain)),
        };
        Scheduler::with_api(api, transport, config)
    }

    fn with_api(api: Api, transport: T, config: SchedulerConfig) -> Self {
        Scheduler {
            api,
            transport,
            config,
            cancel: RefCell::new(CancelToken::new()),
            cache: RefCell::new(Cache::default()),
            paused_esplora: RefCell::new(Paused::default()),
            paused_blockbook: RefCell::new(Paused::default()),
            rate: RefCell::new(RateLimiter::new(config.interval_ms())),
            tracker: RefCell::new(Tracker::default()),
            listener: RefCell::new(None),
        }
    }

    /// Puts a persistent cache of confirmed txs behind the memory one.
    #[must_use]
    pub fn with_store(self, store: Box<dyn TxStore>) -> Self {
        self.cache.borrow_mut().set_store(store);
        self
    }

    /// The token that cancels this scheduler's remaining work (until [`Scheduler::resume`]).
    pub fn cancel_token(&self) -> CancelToken {
        self.cancel.borrow().clone()
    }

    /// Lets a cancelled scheduler work again: a fresh token for the next job (the old one, and
    /// its clones, stay cancelled). The caches stay, so a trace started again after a cancel
    /// asks only for what it had not got. Call it between jobs, when nothing is in flight.
    pub fn resume(&self) {
        let mut token = self.cancel.borrow_mut();
        if token.is_cancelled() {
            *token = CancelToken::new();
        }
    }

    /// Calls `listener` with fresh [`Progress`] whenever a batch is queued and after every request.
    /// The listener may read [`Scheduler::progress`] or cancel, but must not set a new listener.
    pub fn set_progress_listener(&self, listener: Box<dyn Fn(Progress)>) {
        if let Ok(mut slot) = self.listener.try_borrow_mut() {
            *slot = Some(listener);
        }
    }

    /// Progress so far, with an estimate of the time left.
    pub fn progress(&self) -> Progress {
        self.tracker
            .borrow()
            .snapshot(self.transport.now_ms(), self.config.interval_ms())
    }

    /// HTTP requests made so far, retries included.
    pub fn requests_made(&self) -> usize {
        self.tracker.borrow().snapshot(0.0, 0.0).requests
    }

    /// The normalised base URL.
    pub fn base_url(&self) -> &str {
        match &self.api {
            Api::Esplora(urls) => urls.base_url(),
            Api::Blockbook(urls) => urls.base_url(),
        }
    }

    /// The API the host speaks.
    pub fn api_kind(&self) -> ApiKind {
        match &self.api {
            Api::Esplora(_) => ApiKind::Esplora,
            Api::Blockbook(_) => ApiKind::Blockbook,
        }
    }

    /// The limits this scheduler keeps.
    pub fn config(&self) -> &SchedulerConfig {
        &self.config
    }

    /// One queued lookup: takes its slot, retries, then counts it done. Returns what `decode`
    /// makes of a 200 reply; a reply it cannot read is retried like a failed request, so a
    /// truncated or malformed body is never taken as data.
    async fn fetch<V>(
        &self,
        url: &str,
        what: &str,
        decode: impl Fn(&HttpReply) -> Result<V, ExplorerError>,
    ) -> Result<V, ExplorerError> {
        self.tracker.borrow_mut().start();
        let result = self.fetch_with_retries(url, what, decode).await;
        let answered = !matches!(result, Err(ExplorerError::Cancelled));
        self.tracker.borrow_mut().finish(answered, self.transport.now_ms());
        self.report();
        result
    }

    async fn fetch_with_retries<V>(
        &self,
        url: &str,
        what: &str,
        decode: impl Fn(&HttpReply) -> Result<V, ExplorerError>,
    ) -> Result<V, ExplorerError> {
        let mut retry: u32 = 0;
        loop {
            let wait_ms = self.rate.borrow_mut().reserve(self.transport.now_ms());
            self.sleep(wait_ms).await?;
            // Checked again right before the request: the wait may have been long.
            self.check_cancelled()?;
            self.tracker.borrow_mut().request();
            let timeout_ms = self.config.request_timeout_ms.max(1);
            let (result, retry_after_secs) = match self.transport.get_within(url, timeout_ms).await {
                Ok(reply) => {
                    let checked = match &self.api {
                        Api::Esplora(_) => super::esplora::reply::check_status(&reply, what),
                        Api::Blockbook(_) => super::blockbook::reply::check_status(&reply, what),
                    };
                    (checked.and_then(|()| decode(&reply)), reply.retry_after_secs)
                }
                Err(TransportError::TimedOut { after_ms }) => (Err(ExplorerError::TimedOut { after_ms }), None),
                Err(err @ TransportError::Network(_)) => (
                    Err(ExplorerError::Unreachable {
                        reason: err.to_string(),
                    }),
                    None,
                ),
            };
            match result {
                Err(err) if err.is_retryable() && retry < self.config.max_retries => {
                    retry += 1;
                    // The server's own `Retry-After` (bounded) when it is longer than our backoff.
                    let asked_ms = retry_after_secs.map_or(0, |secs| secs.saturating_mul(1000).min(MAX_RETRY_AFTER_MS));
                    let backoff_ms = backoff::backoff_ms(&self.config, url, retry).max(asked_ms);
                    if matches!(err, ExplorerError::RateLimited | ExplorerError::Unreachable { .. }) {
                        // The host is pushing back (a browser sees a 429 without CORS headers as
                        // a network failure): pause every request to it, not only this one.
                        let resume_ms = self.transport.now_ms() + f64::from(backoff_ms);
                        let mut rate = self.rate.borrow_mut();
                        rate.defer_until(resume_ms);
                        rate.slow_down(self.transport.now_ms());
                    }
                    self.tracker.borrow_mut().retry();
                    self.report();
                    self.sleep(f64::from(backoff_ms)).await?;
                }
                other => {
                    if other.is_ok() {
                        self.rate.borrow_mut().speed_up();
                    }
                    return other;
                }
            }
        }
    }

    /// Sleeps `wait_ms` (rounded; nothing under half a millisecond) unless cancelled first.
    async fn sleep(&self, wait_ms: f64) -> Result<(), ExplorerError> {
        self.check_cancelled()?;
        let wait_ms = wait_ms.round();
        if wait_ms >= 1.0 {
            // Clamped to u32's range first, so the conversion is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let wait_ms = wait_ms.min(f64::from(u32::MAX)) as u32;
            self.transport.sleep_ms(wait_ms).await;
        }
        Ok(())
    }

    fn check_cancelled(&self) -> Result<(), ExplorerError> {
        if self.cancel.borrow().is_cancelled() {
            Err(ExplorerError::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Sends the current progress to the listener, if any.
    fn report(&self) {
        let progress = self.progress();
        // `try_borrow`: a listener that (wrongly) sets a listener must not panic the page.
        if let Ok(listener) = self.listener.try_borrow() {
            if let Some(listener) = listener.as_ref() {
                listener(progress);
            }
        }
    }
}
