//! How many requests the scheduler may have in flight, how fast it may ask, and how it retries.

/// How long a request may take by default: generous for a slow public explorer, yet a hung
/// connection costs a trace 20 s, not forever.
pub const DEFAULT_REQUEST_TIMEOUT_MS: u32 = 20_000;

/// Limits and retry policy for one explorer host.
///
/// The defaults are safe for mempool.space and blockstream.info, which publish no limits: at most
/// 4 requests per second (≈250 ms spacing avoided 429s, esplora#449) and 4 at once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SchedulerConfig {
    /// At most this many requests pending at once (K); 0 counts as 1.
    pub max_in_flight: usize,
    /// At most this many requests started per second (R); 0, negative or NaN disables spacing.
    pub max_per_second: f64,
    /// Extra attempts after the first for retryable errors (429, 5xx, network, timeouts,
    /// replies that cannot be read); after that the lookup fails with the last error.
    pub max_retries: u32,
    /// Wait before the first retry; doubles for each further retry, then ±25% jitter.
    pub first_backoff_ms: u32,
    /// Seed of the deterministic jitter, so a run (and a test) can be reproduced.
    pub jitter_seed: u64,
    /// A request with no whole reply after this long is given up and retried (0 counts as 1).
    pub request_timeout_ms: u32,
}

impl Default for SchedulerConfig {
    /// K = 4, R = 4/s, 4 retries from 1 s, 20 s per request.
    fn default() -> SchedulerConfig {
        SchedulerConfig {
            max_in_flight: 4,
            max_per_second: 4.0,
            max_retries: 4,
            first_backoff_ms: 1000,
            jitter_seed: 0x5EED_5900_2024_0001,
            request_timeout_ms: DEFAULT_REQUEST_TIMEOUT_MS,
        }
    }
}

impl SchedulerConfig {
    /// The defaults, relaxed to K = 8, R = 1000/s and retries from 250 ms for our own stand-in
    /// or an explorer on this machine: a relative URL (same origin as the page), `localhost`,
    /// `127.0.0.1` or `[::1]`. (A push-back still pauses every request for the retry's wait, and
    /// a `Retry-After` is still honoured.)
    ///
    /// ```
    /// use spoor::explorer::SchedulerConfig;
    /// assert_eq!(SchedulerConfig::for_base_url("https://mempool.space/api").max_per_second, 4.0);
    /// assert_eq!(SchedulerConfig::for_base_url("http://127.0.0.1:3002/api").max_in_flight, 8);
    /// assert_eq!(SchedulerConfig::for_base_url("/api").max_per_second, 1000.0);
    /// ```
    #[must_use]
    pub fn for_base_url(base_url: &str) -> SchedulerConfig {
        let defaults = SchedulerConfig::default();
        if is_local(base_url) {
            SchedulerConfig {
                max_in_flight: 8,
                max_per_second: 1000.0,
                first_backoff_ms: 250,
                ..defaults
            }
        } else {
            defaults
        }
    }

    /// The same limits with another request timeout (config.json's `request_timeout_ms`, the
    /// CLI's `--request-timeout-ms`); `None` keeps this one.
    #[must_use]
    pub fn with_request_timeout_ms(self, timeout_ms: Option<u32>) -> SchedulerConfig {
        SchedulerConfig {
            request_timeout_ms: timeout_ms.unwrap_or(self.request_timeout_ms).max(1),
            ..self
        }
    }

    /// Milliseconds between two request starts; 0 when spacing is disabled.
    #[must_use]
    pub fn interval_ms(&self) -> f64 {
        if self.max_per_second.is_finite() && self.max_per_second > 0.0 {
            1000.0 / self.max_per_second
        } else {
            0.0
        }
    }
}

/// Whether `base_url` points at this machine or at the page's own origin.
fn is_local(base_url: &str) -> bool {
    let trimmed = base_url.trim();
    let Some((_scheme, rest)) = trimmed.split_once("://") else {
        // `/api` or `api`: relative, so served by whoever served the page (our stand-in).
        return true;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_userinfo, host)| host);
    let host = if host_port.starts_with('[') {
        // IPv6 literal: `[::1]:3002`.
        host_port
            .split_once(']')
            .map_or(host_port, |(inside, _port)| inside)
            .trim_start_matches('[')
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    let host = host.to_ascii_lowercase();
    host == "localhost" || host == "127.0.0.1" || host == "::1"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_hosts_keep_the_safe_defaults() {
        for url in [
            "https://mempool.space/api",
            "https://blockstream.info/api/",
            "http://localhost.evil.com/api",
        ] {
            assert_eq!(SchedulerConfig::for_base_url(url), SchedulerConfig::default(), "{url}");
        }
    }

    #[test]
    fn loopback_and_relative_urls_are_relaxed() {
        for url in [
            "/api",
            "http://localhost:3002/api",
            "http://LOCALHOST/api",
            "http://[::1]:80/api",
            "http://u@127.0.0.1/api",
        ] {
            assert_eq!(SchedulerConfig::for_base_url(url).max_in_flight, 8, "{url}");
        }
    }

    #[test]
    fn zero_rate_disables_spacing() {
        let config = SchedulerConfig {
            max_per_second: 0.0,
            ..SchedulerConfig::default()
        };
        assert_eq!(config.interval_ms(), 0.0);
        assert_eq!(SchedulerConfig::default().interval_ms(), 250.0);
    }
}
