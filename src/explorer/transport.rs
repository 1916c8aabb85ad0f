//! The one seam between the pure explorer clients and real HTTP.
//!
//! `web::net` (gloo-net, browser) and `cli::http` (ureq, native) implement [`Transport`]; tests use
//! fakes that return scripted replies. Everything above this trait is deterministic and native-testable.

use std::future::Future;
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
}

/// Performs GET requests and waits; the only I/O an explorer client needs.
///
/// Requests must be plain GETs with no custom headers: mempool.space answers no CORS preflight
/// (mempool#4461), so anything that is not a "simple request" fails in the browser.
pub trait Transport {
    /// GETs `url` and returns the reply whatever its status; `Err` only when there is no reply.
    fn get(&self, url: &str) -> impl Future<Output = Result<HttpReply, TransportError>>;

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

    fn sleep_ms(&self, ms: u32) -> impl Future<Output = ()> {
        (**self).sleep_ms(ms)
    }

    fn now_ms(&self) -> f64 {
        (**self).now_ms()
    }
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
