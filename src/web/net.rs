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
}

/// Fetches `config.json` beside index.html. A missing or unreadable file is not an error the
/// reader needs to see: the built-in defaults apply, so `None` is returned.
pub async fn load_config_text() -> Option<String> {
    let reply = GlooTransport.get("config.json").await.ok()?;
    (reply.status == 200).then_some(reply.body)
}
