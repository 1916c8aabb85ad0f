//! `spoor serve-chain`'s fault options: what trouble the stand-in injects, reproducibly.

use crate::standin::{parse_burst, FaultPlan};

/// Injected trouble, each kind a share of API requests decided from `--seed` (the same seed,
/// path and repeat always get the same treatment).
#[derive(Debug, Clone, clap::Args)]
pub struct FaultArgs {
    /// Answer a share of API requests (0.0–1.0) with 500, 502 or 503.
    #[arg(long, default_value_t = 0.0)]
    pub fail_rate: f64,
    /// Bursts of 429: LENGTH_MS/EVERY_MS refuses every API request in the last LENGTH_MS of
    /// every EVERY_MS, with a `Retry-After` that ends the burst (e.g. `500/4000`).
    #[arg(long = "burst-429", value_name = "LENGTH_MS/EVERY_MS")]
    pub burst_429: Option<String>,
    /// Answer a share of API requests only after --slow-ms (past the client's timeout).
    #[arg(long, default_value_t = 0.0)]
    pub slow_rate: f64,
    /// The delay of a slow reply, in milliseconds (the app gives up after 20 s unless
    /// --request-timeout-ms says otherwise).
    #[arg(long, default_value_t = 25_000)]
    pub slow_ms: u64,
    /// Cut a share of 200 JSON bodies off mid-way.
    #[arg(long, default_value_t = 0.0)]
    pub truncate_rate: f64,
    /// Make a share of 200 JSON bodies invalid (a control byte, a `)]}'` prefix, an HTML page).
    #[arg(long, default_value_t = 0.0)]
    pub malformed_rate: f64,
    /// Seed of the injected faults.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Tell the served app (config.json `request_timeout_ms`) to give up on a request after this
    /// many milliseconds and retry it.
    #[arg(long, value_name = "MS")]
    pub request_timeout_ms: Option<u32>,
}

impl FaultArgs {
    /// The checked plan.
    ///
    /// # Errors
    /// A rate outside 0–1, rates adding up to more than 1, or a bad `--burst-429`.
    pub fn plan(&self) -> Result<FaultPlan, String> {
        let plan = FaultPlan {
            seed: self.seed,
            fail_rate: self.fail_rate,
            slow_rate: self.slow_rate,
            slow_ms: self.slow_ms,
            truncate_rate: self.truncate_rate,
            malformed_rate: self.malformed_rate,
            burst_429: self
                .burst_429
                .as_deref()
                .map(parse_burst)
                .transpose()
                .map_err(|e| e.to_string())?,
        };
        plan.check().map_err(|e| e.to_string())?;
        if self.request_timeout_ms == Some(0) {
            return Err("--request-timeout-ms must be at least 1".to_string());
        }
        Ok(plan)
    }
}
