//! The one seam between the pure explorer clients and real HTTP.
//!
//! `web::net` (gloo-net, browser) and `cli::http` (ureq, native) implement [`Transport`]; tests use
//! fakes that return scripted replies. Everything above this trait is deterministic and native-testable.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// An HTTP answer of any status, as the transport received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpReply {
    /// The HTTP status code (200, 404, 429, …).
    pub status: u16,
    /// The `Content-Type` header, if any (Esplora errors are `text/plain`, 429 pages `text/html`).
    pub content_type: Option<String>,
    /// The body as text.
    pub body: String,
    /// `Retry-After` in seconds, when the server sent one and the transport could read it
    /// (Blockbook's 429s carry it; a browser sees it only if the server exposes it to CORS).
    pub retry_after_secs: Option<u32>,
}

/// Reads a `Retry-After` header's delay-seconds form (the HTTP-date form is not used by the
/// explorers Spoor reads, and is ignored).
///
/// ```
/// use spoor::explorer::parse_retry_after;
/// assert_eq!(parse_retry_after(" 30 "), Some(30));
/// assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
/// ```
#[must_use]
pub fn parse_retry_after(value: &str) -> Option<u32> {
    value.trim().parse().ok()
}

impl HttpReply {
    /// A `200 application/json` reply; handy for fakes and tests.
    #[must_use]
    pub fn json(body: impl Into<String>) -> HttpReply {
        HttpReply {
            status: 200,
            content_type: Some("application/json".to_string()),
            body: body.into(),
            retry_after_secs: None,
        }
    }

    /// A `text/plain` reply with the given status, the way electrs sends errors and plain numbers.
    #[must_use]
    pub fn text(status: u16, body: impl Into<String>) -> HttpReply {
        HttpReply {
            status,
            content_type: Some("text/plain".to_string()),
            body: body.into(),
            retry_after_secs: None,
        }
    }
}

/// Why a request produced no HTTP reply at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// Fetch failed before any HTTP status: offline, DNS, refused, or a reply the browser hid
    /// (CORS-opaque, typically a 429 without `Access-Control-Allow-Origin`).
    #[error("network error: {0}")]
    Network(String),
    /// No complete reply within the transport's own timeout (the request was given up).
    #[error("no answer within {after_ms} ms")]
    TimedOut {
        /// How long the transport waited.
        after_ms: u32,
    },
}

/// Performs GET requests and waits; the only I/O an explorer client needs.
///
/// Requests must be plain GETs with no custom headers: mempool.space answers no CORS preflight
/// (mempool#4461), so anything that is not a "simple request" fails in the browser.
pub trait Transport {
    /// GETs `url` and returns the reply whatever its status; `Err` only when there is no reply.
    fn get(&self, url: &str) -> impl Future<Output = Result<HttpReply, TransportError>>;

    /// GETs `url` like [`Transport::get`], but gives up with [`TransportError::TimedOut`] when no
    /// whole reply has come after `timeout_ms`: a hung connection or a reply trickling in must
    /// not hang a trace.
    ///
    /// The default races `get` against [`Transport::sleep_ms`] and drops the `get` future when
    /// the timer wins, so a transport must abandon its request when dropped (the browser's
    /// aborts its fetch). A blocking transport cannot be raced and applies the timeout itself.
    fn get_within(&self, url: &str, timeout_ms: u32) -> impl Future<Output = Result<HttpReply, TransportError>> {
        async move {
            within(self.get(url), self.sleep_ms(timeout_ms))
                .await
                .unwrap_or(Err(TransportError::TimedOut { after_ms: timeout_ms }))
        }
    }

    /// Waits `ms` milliseconds (a timer in the browser, `thread::sleep` natively, a no-op in tests).
    fn sleep_ms(&self, ms: u32) -> impl Future<Output = ()>;

    /// A monotonic clock in milliseconds from an arbitrary origin (`performance.now()` in the
    /// browser, an `Instant` natively, a fake in tests): the scheduler spaces requests with it, so
    /// the core itself reads no clock.
    fn now_ms(&self) -> f64;
}

/// Lets a caller keep the transport (e.g. a test fake that records requests) and lend it out.
impl<T: Transport> Transport for &T {
    fn get(&self, url: &str) -> impl Future<Output = Result<HttpReply, TransportError>> {
        (**self).get(url)
    }

    fn get_within(&self, url: &str, timeout_ms: u32) -> impl Future<Output = Result<HttpReply, TransportError>> {
        (**self).get_within(url, timeout_ms)
    }

    fn sleep_ms(&self, ms: u32) -> impl Future<Output = ()> {
        (**self).sleep_ms(ms)
    }

    fn now_ms(&self) -> f64 {
        (**self).now_ms()
    }
}

/// Awaits `work` unless `timer` ends first (then `None`, and `work` is dropped unfinished).
/// `work` is polled first, so a reply that is ready wins over a timer that is ready too.
async fn within<F: Future>(work: F, timer: impl Future<Output = ()>) -> Option<F::Output> {
    let mut work = pin!(work);
    let mut timer = pin!(timer);
    poll_fn(|cx| {
        if let Poll::Ready(output) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}

/// Runs a future whose transport is blocking (native CLI, tests): polls with [`Waker::noop`].
///
/// Loop-polling is fine because native futures here are always ready on the first poll; never use
/// this in the browser, where a pending fetch would spin forever.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        std::hint::spin_loop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Never answers; sleeps end at once.
    struct Hung;

    impl Transport for Hung {
        async fn get(&self, _url: &str) -> Result<HttpReply, TransportError> {
            std::future::pending().await
        }

        async fn sleep_ms(&self, _ms: u32) {}

        fn now_ms(&self) -> f64 {
            0.0
        }
    }

    /// Answers at once.
    struct Quick;

    impl Transport for Quick {
        async fn get(&self, _url: &str) -> Result<HttpReply, TransportError> {
            Ok(HttpReply::json("1"))
        }

        async fn sleep_ms(&self, _ms: u32) {}

        fn now_ms(&self) -> f64 {
            0.0
        }
    }

    #[test]
    fn a_request_that_never_answers_times_out() {
        assert_eq!(
            block_on(Hung.get_within("/x", 1500)),
            Err(TransportError::TimedOut { after_ms: 1500 })
        );
    }

    #[test]
    fn a_ready_reply_beats_a_ready_timer() {
        assert_eq!(block_on(Quick.get_within("/x", 0)), Ok(HttpReply::json("1")));
    }
}
