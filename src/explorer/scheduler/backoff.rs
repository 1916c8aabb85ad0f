//! Retry waits: exponential backoff with deterministic ±25% jitter (seeded splitmix64), so
//! clients that failed together do not retry together, and a run can still be reproduced.

use super::SchedulerConfig;

/// Longest single wait: beyond this a user is better served by an error than by a frozen bar.
const MAX_BACKOFF_MS: f64 = 120_000.0;

/// The wait before retry number `retry` (1-based) of `url`:
/// `first_backoff_ms × 2^(retry−1)`, times a factor in [0.75, 1.25] drawn from the seed, the URL
/// and the retry number (not from a shared counter, so concurrency cannot change the schedule).
pub(crate) fn backoff_ms(config: &SchedulerConfig, url: &str, retry: u32) -> u32 {
    let doublings = retry.saturating_sub(1).min(30);
    let base_ms = f64::from(config.first_backoff_ms) * f64::from(1_u32 << doublings);
    let mixed = splitmix64(config.jitter_seed ^ fnv1a(url.as_bytes()) ^ u64::from(retry).rotate_left(32));
    let factor = 0.75 + 0.5 * unit_interval(mixed);
    let wait_ms = (base_ms * factor).min(MAX_BACKOFF_MS).round();
    // In range 0..=MAX_BACKOFF_MS, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let wait_ms = wait_ms as u32;
    wait_ms
}

/// splitmix64's output function (Vigna): a good 64-bit mixer for seeding.
fn splitmix64(state: u64) -> u64 {
    let mut z = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The top 53 bits as a float in [0, 1).
fn unit_interval(bits: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)] // 53 bits fit an f64 mantissa exactly.
    let top = (bits >> 11) as f64;
    top / 9_007_199_254_740_992.0 // 2^53
}

/// FNV-1a, to fold the URL into the jitter seed.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3)
    })
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
