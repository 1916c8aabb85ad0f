//! Progress of a scheduler's work for a progress bar: counts and an estimate of the time left.

/// A snapshot of the scheduler's work so far (counts are since the scheduler was made, except
/// `queued` and `in_flight`, which are the work still ahead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Lookups finished by the network (answered or failed after retries; cancelled ones excluded).
    pub done: usize,
    /// Lookups waiting for a free slot.
    pub queued: usize,
    /// Lookups started and not finished (requesting, waiting for the rate limit or a retry).
    pub in_flight: usize,
    /// Retries made after 429s, 5xx replies, timeouts, network failures and replies that could
    /// not be read.
    pub retries: usize,
    /// Lookups answered from the memory cache or the persistent store, with no request.
    pub cache_hits: usize,
    /// HTTP requests made, retries included.
    pub requests: usize,
    /// Estimated milliseconds until `queued` and `in_flight` are done; `None` when unknown.
    pub eta_ms: Option<u64>,
    /// Spenders looked up in an address's history because the server keeps no spending index
    /// (Blockbook without `-extendedindex`): slower, and worth telling the reader.
    pub spends_via_history: usize,
}

/// The counters behind [`Progress`], plus the busy time the estimate divides.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tracker {
    counts: Progress,
    /// Milliseconds spent with work outstanding, over finished busy spans.
    busy_ms: f64,
    /// When the current busy span began (work went from none to some).
    busy_since_ms: Option<f64>,
}

impl Tracker {
    /// A spender is being looked up through an address's history.
    pub(crate) fn spend_via_history(&mut self) {
        self.counts.spends_via_history += 1;
    }

    /// `count` new lookups will need the network.
    pub(crate) fn enqueue(&mut self, count: usize, now_ms: f64) {
        if count > 0 && self.busy_since_ms.is_none() {
            self.busy_since_ms = Some(now_ms);
        }
        self.counts.queued = self.counts.queued.saturating_add(count);
    }

    /// A queued lookup got a slot.
    pub(crate) fn start(&mut self) {
        self.counts.queued = self.counts.queued.saturating_sub(1);
        self.counts.in_flight = self.counts.in_flight.saturating_add(1);
    }

    /// One HTTP request is being made.
    pub(crate) fn request(&mut self) {
        self.counts.requests = self.counts.requests.saturating_add(1);
    }

    /// A failed attempt will be retried.
    pub(crate) fn retry(&mut self) {
        self.counts.retries = self.counts.retries.saturating_add(1);
    }

    /// `count` lookups were answered without a request.
    pub(crate) fn cache_hits(&mut self, count: usize) {
        self.counts.cache_hits = self.counts.cache_hits.saturating_add(count);
    }

    /// A started lookup ended; `answered` is false when it was cancelled.
    pub(crate) fn finish(&mut self, answered: bool, now_ms: f64) {
        self.counts.in_flight = self.counts.in_flight.saturating_sub(1);
        if answered {
            self.counts.done = self.counts.done.saturating_add(1);
        }
        if self.counts.queued == 0 && self.counts.in_flight == 0 {
            if let Some(since_ms) = self.busy_since_ms.take() {
                self.busy_ms += (now_ms - since_ms).max(0.0);
            }
        }
    }

    /// The counts, with `eta_ms` = work left × max(observed busy ms per lookup, the rate limit's
    /// spacing). The spacing is a floor because nothing goes faster than R per second, and it is
    /// the whole estimate before anything has been observed. Time between batches (the user
    /// reading the graph) is not busy time, so it does not inflate the estimate.
    pub(crate) fn snapshot(&self, now_ms: f64, interval_ms: f64) -> Progress {
        let left = self.counts.queued.saturating_add(self.counts.in_flight);
        let busy_ms = self.busy_ms + self.busy_since_ms.map_or(0.0, |since_ms| (now_ms - since_ms).max(0.0));
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        let observed_ms = (self.counts.done > 0).then(|| busy_ms / self.counts.done as f64);
        let eta_ms = if left == 0 {
            Some(0)
        } else if observed_ms.is_none() && interval_ms <= 0.0 {
            None
        } else {
            let per_lookup_ms = observed_ms.unwrap_or(0.0).max(interval_ms);
            #[allow(
                clippy::cast_precision_loss,
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss
            )]
            let eta_ms = (left as f64 * per_lookup_ms).round().min(u64::MAX as f64) as u64;
            Some(eta_ms)
        };
        Progress { eta_ms, ..self.counts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_uses_the_rate_until_lookups_are_observed() {
        let mut tracker = Tracker::default();
        tracker.enqueue(8, 0.0);
        assert_eq!(tracker.snapshot(0.0, 250.0).eta_ms, Some(2000));
        assert_eq!(tracker.snapshot(0.0, 0.0).eta_ms, None);
    }

    #[test]
    fn estimate_follows_observed_speed_when_slower_than_the_rate() {
        let mut tracker = Tracker::default();
        tracker.enqueue(5, 0.0);
        tracker.start();
        tracker.finish(true, 1000.0);
        // 1 done in 1000 ms, 4 left.
        assert_eq!(tracker.snapshot(1000.0, 250.0).eta_ms, Some(4000));
    }

    #[test]
    fn idle_time_between_batches_is_not_counted() {
        let mut tracker = Tracker::default();
        tracker.enqueue(1, 0.0);
        tracker.start();
        tracker.finish(true, 500.0);
        tracker.enqueue(2, 60_000.0);
        assert_eq!(tracker.snapshot(60_000.0, 0.0).eta_ms, Some(1000));
        assert_eq!(tracker.snapshot(60_000.0, 0.0).queued, 2);
    }

    #[test]
    fn nothing_left_means_zero_time_left() {
        assert_eq!(Tracker::default().snapshot(5.0, 250.0).eta_ms, Some(0));
    }
}
