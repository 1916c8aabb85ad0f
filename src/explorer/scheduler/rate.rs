//! Request spacing: one shared "next free slot" per host, so concurrent requests start at least
//! `1000 / R` ms apart and a rate-limit reply pauses everyone, not only the request that got it.

/// Hands out start times for requests. Pure: the caller passes the clock and does the sleeping.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RateLimiter {
    /// The configured spacing (1000 / R); the floor that `speed_up` returns to.
    base_interval_ms: f64,
    /// The spacing in force: widened when the host pushes back, narrowed again on success.
    interval_ms: f64,
    next_slot_ms: Option<f64>,
    /// When the spacing was last widened: failures of one burst (K requests in flight) widen it once.
    last_slow_down_ms: Option<f64>,
}

/// Spacing after the first push-back when none was configured (our stand-in, localhost).
const MIN_BACKOFF_INTERVAL_MS: f64 = 100.0;
/// The widest spacing the limiter adapts to: one request every five seconds.
const MAX_INTERVAL_MS: f64 = 5_000.0;

impl RateLimiter {
    /// Slots `interval_ms` apart (0 = no spacing).
    pub(crate) fn new(interval_ms: f64) -> RateLimiter {
        let interval_ms = interval_ms.max(0.0);
        RateLimiter {
            base_interval_ms: interval_ms,
            interval_ms,
            next_slot_ms: None,
            last_slow_down_ms: None,
        }
    }

    /// The host pushed back (429, or a hidden 429): halve the rate (double the spacing). Unknown
    /// real limits are why: a fixed R that is too high would keep failing every retry.
    pub(crate) fn slow_down(&mut self, now_ms: f64) {
        // Requests already in flight when the host pushed back fail together: count them once.
        let window_ms = self.interval_ms.max(MIN_BACKOFF_INTERVAL_MS);
        if self
            .last_slow_down_ms
            .is_some_and(|last_ms| now_ms < last_ms + window_ms)
        {
            return;
        }
        self.last_slow_down_ms = Some(now_ms);
        self.interval_ms = (self.interval_ms * 2.0).clamp(MIN_BACKOFF_INTERVAL_MS, MAX_INTERVAL_MS);
    }

    /// A request succeeded: creep back towards the configured rate (10% faster each time).
    pub(crate) fn speed_up(&mut self) {
        self.interval_ms = (self.interval_ms * 0.9).max(self.base_interval_ms);
    }

    /// Reserves the next free slot at or after `now_ms`; returns how long to wait for it.
    ///
    /// Reserving before sleeping is what spaces concurrent requests: each one takes its own slot.
    pub(crate) fn reserve(&mut self, now_ms: f64) -> f64 {
        let slot_ms = self.next_slot_ms.map_or(now_ms, |next_ms| next_ms.max(now_ms));
        self.next_slot_ms = Some(slot_ms + self.interval_ms);
        slot_ms - now_ms
    }

    /// No slot before `at_ms` (after a 429 or a network failure, which is often a hidden 429).
    pub(crate) fn defer_until(&mut self, at_ms: f64) {
        self.next_slot_ms = Some(self.next_slot_ms.map_or(at_ms, |next_ms| next_ms.max(at_ms)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reservations_made_at_the_same_instant_are_spaced() {
        let mut limiter = RateLimiter::new(250.0);
        let waits: Vec<f64> = (0..4).map(|_| limiter.reserve(1000.0)).collect();
        assert_eq!(waits, vec![0.0, 250.0, 500.0, 750.0]);
    }

    #[test]
    fn an_idle_limiter_does_not_make_the_next_request_wait() {
        let mut limiter = RateLimiter::new(250.0);
        assert_eq!(limiter.reserve(0.0), 0.0);
        assert_eq!(limiter.reserve(5000.0), 0.0);
    }

    #[test]
    fn push_back_widens_the_spacing_and_success_narrows_it_to_the_configured_rate() {
        let mut limiter = RateLimiter::new(250.0);
        limiter.slow_down(0.0);
        limiter.slow_down(1_000.0);
        assert_eq!(limiter.interval_ms, 1000.0);
        for _ in 0..100 {
            limiter.speed_up();
        }
        assert_eq!(limiter.interval_ms, 250.0);
        let mut unlimited = RateLimiter::new(0.0);
        unlimited.slow_down(0.0);
        assert_eq!(unlimited.interval_ms, MIN_BACKOFF_INTERVAL_MS);
        for _ in 0..2_000 {
            unlimited.speed_up();
        }
        assert!(unlimited.interval_ms < 1.0);
        for step in 0..20 {
            unlimited.slow_down(10_000.0 * f64::from(step + 1));
        }
        assert_eq!(unlimited.interval_ms, MAX_INTERVAL_MS);
    }

    #[test]
    fn failures_of_one_burst_widen_the_spacing_once() {
        let mut limiter = RateLimiter::new(0.0);
        for _ in 0..8 {
            limiter.slow_down(500.0);
        }
        assert_eq!(limiter.interval_ms, MIN_BACKOFF_INTERVAL_MS);
    }

    #[test]
    fn deferral_delays_every_later_slot() {
        let mut limiter = RateLimiter::new(0.0);
        limiter.defer_until(3000.0);
        assert_eq!(limiter.reserve(1000.0), 2000.0);
        assert_eq!(limiter.reserve(1000.0), 2000.0);
    }
}
