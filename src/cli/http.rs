//! The only place in the native CLI that performs HTTP: a blocking ureq [`Transport`].

use std::time::{Duration, Instant};

use crate::explorer::{HttpReply, Transport, TransportError, DEFAULT_REQUEST_TIMEOUT_MS};

/// Blocking GETs; every status is returned as a reply (the explorer client decides what it means).
pub struct UreqTransport {
    agent: ureq::Agent,
    /// The whole-request timeout of [`Transport::get`].
    timeout_ms: u32,
    /// Origin of [`Transport::now_ms`].
    started: Instant,
}

impl UreqTransport {
    /// An agent whose requests give up after the scheduler's default timeout (20 s).
    #[must_use]
    pub fn new() -> UreqTransport {
        UreqTransport::with_timeout_ms(DEFAULT_REQUEST_TIMEOUT_MS)
    }

    /// An agent whose requests (connecting, sending, the whole body) give up after `timeout_ms`.
    #[must_use]
    pub fn with_timeout_ms(timeout_ms: u32) -> UreqTransport {
        let timeout_ms = timeout_ms.max(1);
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_millis(u64::from(timeout_ms))))
            .build();
        UreqTransport {
            agent: ureq::Agent::new_with_config(config),
            timeout_ms,
            started: Instant::now(),
        }
    }

    /// A blocking GET that gives up after `timeout_ms`.
    fn get_blocking(&self, url: &str, timeout_ms: u32) -> Result<HttpReply, TransportError> {
        let failed = |err: ureq::Error| match err {
            ureq::Error::Timeout(_) => TransportError::TimedOut { after_ms: timeout_ms },
            other => TransportError::Network(other.to_string()),
        };
        let mut response = self
            .agent
            .get(url)
            .config()
            .timeout_global(Some(Duration::from_millis(u64::from(timeout_ms.max(1)))))
            .build()
            .call()
            .map_err(failed)?;
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
        // A body cut off mid-way (the connection closed early) is an error here, never a reply.
        let body = response.body_mut().read_to_string().map_err(failed)?;
        Ok(HttpReply {
            status,
            content_type,
            body,
            retry_after_secs,
        })
    }
}

impl Default for UreqTransport {
    fn default() -> Self {
        UreqTransport::new()
    }
}

impl Transport for UreqTransport {
    async fn get(&self, url: &str) -> Result<HttpReply, TransportError> {
        self.get_blocking(url, self.timeout_ms)
    }

    /// Blocking, so it cannot be raced against a timer: ureq applies the timeout itself.
    async fn get_within(&self, url: &str, timeout_ms: u32) -> Result<HttpReply, TransportError> {
        self.get_blocking(url, timeout_ms)
    }

    async fn sleep_ms(&self, ms: u32) {
        std::thread::sleep(Duration::from_millis(u64::from(ms)));
    }

    fn now_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }
}
