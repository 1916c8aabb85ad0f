//! The only place in the browser that performs HTTP: a gloo-net [`Transport`] for the explorer
//! clients, and the `config.json` loader.

use gloo_net::http::Request;

use crate::explorer::{HttpReply, Transport, TransportError};

/// Plain `GET`s through the browser's `fetch`, with no custom headers: mempool.space answers no
/// CORS preflight, so anything beyond a "simple request" would fail there.
#[derive(Debug, Clone, Copy, Default)]
pub struct GlooTransport;

impl Transport for GlooTransport {
    async fn get(&self, url: &str) -> Result<HttpReply, TransportError> {
        let response = Request::get(url)
            .send()
            .await
            .map_err(|err| TransportError::Network(err.to_string()))?;
        let status = response.status();
        let content_type = response.headers().get("content-type");
        let body = response
            .text()
            .await
            .map_err(|err| TransportError::Network(err.to_string()))?;
        Ok(HttpReply {
            status,
            content_type,
            body,
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

/// Fetches `config.json` beside index.html. A missing or unreadable file is not an error the
/// reader needs to see: the built-in defaults apply, so `None` is returned.
pub async fn load_config_text() -> Option<String> {
    let reply = GlooTransport.get("config.json").await.ok()?;
    (reply.status == 200).then_some(reply.body)
}

/// Fetches and parses one label CSV. Skipped rows (other chains, for now) are summed up in one console line;
/// an unreadable file is an error for the page.
pub async fn load_labels(url: &str) -> Result<crate::labels::LabelBook, String> {
    let reply = GlooTransport
        .get(url)
        .await
        .map_err(|err| format!("Could not load labels {url}: {err}"))?;
    if reply.status != 200 {
        return Err(format!("Could not load labels {url}: HTTP {}", reply.status));
    }
    let (book, warnings) = crate::labels::LabelBook::from_csv(&reply.body, url).map_err(|err| err.to_string())?;
    if let Some(first) = warnings.first() {
        let summary = format!("{url}: {} label rows skipped; the first: {first}", warnings.len());
        web_sys::console::warn_1(&summary.into());
    }
    Ok(book)
}
