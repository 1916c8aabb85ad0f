//! The only place in the native CLI that performs HTTP: a blocking ureq [`Transport`].

use std::time::{Duration, Instant};

use crate::explorer::{HttpReply, Transport, TransportError};

/// Blocking GETs; every status is returned as a reply (the explorer client decides what it means).
pub struct UreqTransport {
    agent: ureq::Agent,
    /// Origin of [`Transport::now_ms`].
    started: Instant,
}

impl UreqTransport {
    /// An agent with a 30 s overall timeout per request.
    #[must_use]
    pub fn new() -> UreqTransport {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build();
        UreqTransport {
            agent: ureq::Agent::new_with_config(config),
            started: Instant::now(),
        }
    }
}

impl Default for UreqTransport {
    fn default() -> Self {
        UreqTransport::new()
    }
}

impl Transport for UreqTransport {
    async fn get(&self, url: &str) -> Result<HttpReply, TransportError> {
        let mut response = self
            .agent
            .get(url)
            .call()
            .map_err(|err| TransportError::Network(err.to_string()))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let retry_after_secs = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(crate::explorer::parse_retry_after);
        let body = response
            .body_mut()
            .read_to_string()
            .map_err(|err| TransportError::Network(err.to_string()))?;
        Ok(HttpReply {
            status,
            content_type,
            body,
            retry_after_secs,
        })
    }

    async fn sleep_ms(&self, ms: u32) {
        std::thread::sleep(Duration::from_millis(u64::from(ms)));
    }

    fn now_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }
}
