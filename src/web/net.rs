//! The only place in the browser that performs HTTP: a gloo-net [`Transport`] for the explorer
//! clients, and the `config.json` loader.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;

use crate::explorer::{HttpReply, Transport, TransportError};

/// Plain `GET`s through the browser's `fetch`, with no custom headers: mempool.space answers no
/// CORS preflight, so anything beyond a "simple request" would fail there.
#[derive(Debug, Clone, Copy, Default)]
pub struct GlooTransport;

/// A request that has not answered after this long is aborted and counts as timed out (which
/// the scheduler retries): a hung connection must not hang the trace. The scheduler passes its
/// own timeout (config.json's `request_timeout_ms`); this one is for the page's other files.
pub const REQUEST_TIMEOUT_MS: u32 = 20_000;

impl Transport for GlooTransport {
    async fn get(&self, url: &str) -> Result<HttpReply, TransportError> {
        self.get_within(url, REQUEST_TIMEOUT_MS).await
    }

    /// Aborts the fetch (connection and body) once `timeout_ms` has passed, or when the future
    /// is dropped unfinished, so an abandoned request never keeps one of the browser's few
    /// connections to the host busy.
    async fn get_within(&self, url: &str, timeout_ms: u32) -> Result<HttpReply, TransportError> {
        let guard = AbortOnDrop::new();
        if let Some(controller) = guard.controller.clone() {
            let finished = guard.finished.clone();
            wasm_bindgen_futures::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(timeout_ms).await;
                if !finished.get() {
                    controller.abort();
                }
            });
        }
        let signal = guard.controller.as_ref().map(web_sys::AbortController::signal);
        let reply = fetch(url, signal.as_ref()).await;
        guard.finished.set(true);
        reply.map_err(|err| {
            if signal.as_ref().is_some_and(web_sys::AbortSignal::aborted) {
                TransportError::TimedOut { after_ms: timeout_ms }
            } else {
                err
            }
        })
    }

    async fn sleep_ms(&self, ms: u32) {
        gloo_timers::future::TimeoutFuture::new(ms).await;
    }

    /// `performance.now()` (monotonic); `Date.now()` if the page has no `Performance`.
    fn now_ms(&self) -> f64 {
        web_sys::window()
            .and_then(|window| window.performance())
            .map_or_else(js_sys::Date::now, |performance| performance.now())
    }
}

/// One request's abort switch: aborts when dropped before the request finished.
struct AbortOnDrop {
    controller: Option<web_sys::AbortController>,
    finished: Rc<Cell<bool>>,
}

impl AbortOnDrop {
    fn new() -> AbortOnDrop {
        AbortOnDrop {
            controller: web_sys::AbortController::new().ok(),
            finished: Rc::new(Cell::new(false)),
        }
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if !self.finished.get() {
            if let Some(controller) = &self.controller {
                controller.abort();
            }
        }
    }
}

async fn fetch(url: &str, signal: Option<&web_sys::AbortSignal>) -> Result<HttpReply, TransportError> {
    let response = Request::get(url)
        .abort_signal(signal)
        .send()
        .await
        .map_err(|err| TransportError::Network(err.to_string()))?;
    let status = response.status();
    let content_type = response.headers().get("content-type");
    let retry_after_secs = response
        .headers()
        .get("retry-after")
        .as_deref()
        .and_then(crate::explorer::parse_retry_after);
    let body = response
        .text()
        .await
        .map_err(|err| TransportError::Network(err.to_string()))?;
    Ok(HttpReply {
        status,
        content_type,
        body,
        retry_after_secs,
    })
}

/// Fetches `config.json` beside index.html. A missing or unreadable file is not an error the
/// reader needs to see: the built-in defaults apply, so `None` is returned.
pub async fn load_config_text() -> Option<String> {
    let reply = GlooTransport.get("config.json").await.ok()?;
    (reply.status == 200).then_some(reply.body)
}

/// GETs a text file the page needs; a failure or a non-200 answer is an error for the page
/// naming `what` and the URL.
async fn get_text(url: &str, what: &str) -> Result<String, String> {
    let reply = GlooTransport
        .get(url)
        .await
        .map_err(|err| format!("Could not load {what} {url}: {err}"))?;
    if reply.status != 200 {
        return Err(format!("Could not load {what} {url}: HTTP {}", reply.status));
    }
    Ok(reply.body)
}

/// Fetches and parses one label CSV. Skipped rows (other chains, for now) are summed up in one console line;
/// an unreadable file is an error for the page.
pub async fn load_labels(url: &str) -> Result<crate::labels::LabelBook, String> {
    let text = get_text(url, "labels").await?;
    let (book, warnings) = crate::labels::LabelBook::from_csv(&text, url).map_err(|err| err.to_string())?;
    if let Some(first) = warnings.first() {
        let summary = format!("{url}: {} label rows skipped; the first: {first}", warnings.len());
        web_sys::console::warn_1(&summary.into());
    }
    Ok(book)
}

/// Fetches the label bundles' manifest (`index.json`).
pub async fn load_label_manifest(url: &str) -> Result<crate::labels::bundle::Manifest, String> {
    crate::labels::bundle::Manifest::from_json(&get_text(url, "the label index").await?)
}

/// Fetches and decodes one chain's label bundle (binary, so read as bytes, not text).
pub async fn load_label_bundle(url: &str, chain: crate::chain::Chain) -> Result<crate::labels::LabelIndex, String> {
    let failed = |why: String| format!("Could not load the {} labels {url}: {why}", chain.name());
    let response = Request::get(url).send().await.map_err(|err| failed(err.to_string()))?;
    if response.status() != 200 {
        return Err(failed(format!("HTTP {}", response.status())));
    }
    let bytes = response.binary().await.map_err(|err| failed(err.to_string()))?;
    crate::labels::LabelIndex::decode(chain, &bytes).map_err(|err| failed(err.to_string()))
}

/// Fetches a case file (same origin, or a host that allows CORS) and reads it.
pub async fn load_case(url: &str) -> Result<crate::case::CaseFile, String> {
    crate::case::CaseFile::from_json(&get_text(url, "the snapshot").await?)
        .map_err(|err| format!("Could not open the snapshot {url}: {err}"))
}
