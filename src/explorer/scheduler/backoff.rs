//! Retry waits: exponential backoff with deterministic ±25% jitter (seeded splitmix64), so
//! clients that failed together do not retry together, and a run can still be reproduced.

use super::SchedulerConfig;
use crate::seeded;

/// Longest single wait: beyond this a user is better served by an error than by a frozen bar.
const MAX_BACKOFF_MS: f64 = 120_000.0;

/// The wait before retry number `retry` (1-based) of `url`:
/// `first_backoff_ms × 2^(retry−1)`, times a factor in [0.75, 1.25] drawn from the seed, the URL
/// and the retry number (not from a shared counter, so concurrency cannot change the schedule).
pub(crate) fn backoff_ms(config: &SchedulerConfig, url: &str, retry: u32) -> u32 {
    let doublings = retry.saturating_sub(1).min(30);
    let base_ms = f64::from(config.first_backoff_ms) * f64::from(1_u32 << doublings);
    let mixed = seeded::draw(config.jitter_seed, url, u64::from(retry));
    let factor = 0.75 + 0.5 * seeded::unit_interval(mixed);
    let wait_ms = (base_ms * factor).min(MAX_BACKOFF_MS).round();
    // In range 0..=MAX_BACKOFF_MS, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let wait_ms = wait_ms as u32;
    wait_ms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_within_a_quarter_either_way() {
        let config = SchedulerConfig::default();
        for seed in 0..200_u64 {
            let config = SchedulerConfig {
                jitter_seed: seed,
                ..config
            };
            for retry in 1..=5_u32 {
                let nominal = f64::from(1000_u32 << (retry - 1));
                let wait = f64::from(backoff_ms(&config, "https://x/api/tx/1", retry));
                assert!(
                    (0.75 * nominal..=1.25 * nominal).contains(&wait),
                    "{seed} {retry} {wait}"
                );
            }
        }
    }

    #[test]
    fn jitter_spreads_over_the_range() {
        let config = SchedulerConfig::default();
        let waits: Vec<u32> = (0..100).map(|n| backoff_ms(&config, &format!("/tx/{n}"), 1)).collect();
        assert!(
            waits.iter().any(|&w| w < 900) && waits.iter().any(|&w| w > 1100),
            "{waits:?}"
        );
    }

    #[test]
    fn huge_retry_numbers_are_capped_not_overflowed() {
        let wait = backoff_ms(&SchedulerConfig::default(), "/tx", u32::MAX);
        assert_eq!(f64::from(wait), MAX_BACKOFF_MS);
    }
}
