//! `--fail-rate`: a seeded `SplitMix64` decides which requests get an injected 500.

/// Decides, reproducibly from a seed, which requests fail.
#[derive(Debug, Clone)]
pub struct FaultInjector {
    state: u64,
    fail_rate: f64,
}

impl FaultInjector {
    /// `fail_rate` is the share of requests that fail (clamped to 0.0–1.0; NaN counts as 0).
    #[must_use]
    pub fn new(seed: u64, fail_rate: f64) -> FaultInjector {
        let fail_rate = if fail_rate.is_nan() {
            0.0
        } else {
            fail_rate.clamp(0.0, 1.0)
        };
        FaultInjector { state: seed, fail_rate }
    }

    /// Draws once: `true` means "answer this request with a 500".
    pub fn should_fail(&mut self) -> bool {
        if self.fail_rate <= 0.0 {
            return false;
        }
        // 53 random bits → a uniform number in [0, 1).
        #[allow(clippy::cast_precision_loss)]
        let uniform = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        uniform < self.fail_rate
    }

    /// `SplitMix64` (Steele, Lea, Flood 2014).
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draws(seed: u64, rate: f64) -> Vec<bool> {
        let mut faults = FaultInjector::new(seed, rate);
        (0..1000).map(|_| faults.should_fail()).collect()
    }

    #[test]
    fn same_seed_fails_the_same_requests() {
        assert_eq!(draws(7, 0.3), draws(7, 0.3));
        assert_ne!(draws(7, 0.3), draws(8, 0.3));
    }

    #[test]
    fn fails_about_the_requested_share() {
        let failures = draws(1, 0.25).into_iter().filter(|&f| f).count();
        assert!((200..300).contains(&failures), "{failures} of 1000");
        assert!(draws(1, 0.0).iter().all(|&f| !f));
        assert!(draws(1, 1.0).iter().all(|&f| f));
    }
}
