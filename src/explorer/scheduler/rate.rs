//! Request spacing: one shared "next free slot" per host, so concurrent requests start at least
//! `1000 / R` ms apart and a rate-limit reply pauses everyone, not only the request that got it.

/// Hands out start times for requests. Pure: the caller passes the clock and does the sleeping.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RateLimiter {
    interval_ms: f64,
    next_slot_ms: Option<f64>,
}

impl RateLimiter {
    /// Slots `interval_ms` apart (0 = no spacing).
    pub(crate) fn new(interval_ms: f64) -> RateLimiter {
        RateLimiter {
            interval_ms: interval_ms.max(0.0),
            next_slot_ms: None,
        }
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
    fn deferral_delays_every_later_slot() {
        let mut limiter = RateLimiter::new(0.0);
        limiter.defer_until(3000.0);
        assert_eq!(limiter.reserve(1000.0), 2000.0);
        assert_eq!(limiter.reserve(1000.0), 2000.0);
    }
}
