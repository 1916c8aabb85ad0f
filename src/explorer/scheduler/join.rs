//! Runs a batch of futures with at most K pending at a time, keeping results in input order.
//!
//! A small hand-written join (instead of `futures-util`) because it is all we need: every running
//! future is polled on each wake-up, which is cheap for the handful K allows.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Awaits every future in `futures`, starting them in order and never more than `limit` (≥ 1) at once.
pub(crate) async fn join_bounded<F: Future>(futures: Vec<F>, limit: usize) -> Vec<F::Output> {
    let outputs = futures.iter().map(|_| None).collect();
    let waiting: Vec<(usize, Pin<Box<F>>)> = futures.into_iter().map(Box::pin).enumerate().collect();
    BoundedJoin {
        waiting: waiting.into_iter(),
        running: Vec::new(),
        outputs,
        limit: limit.max(1),
    }
    .await
}

/// The future behind [`join_bounded`].
struct BoundedJoin<F: Future> {
    waiting: std::vec::IntoIter<(usize, Pin<Box<F>>)>,
    running: Vec<(usize, Pin<Box<F>>)>,
    outputs: Vec<Option<F::Output>>,
    limit: usize,
}

/// The futures are boxed and outputs are plain values never pinned, so moving the join is fine.
impl<F: Future> Unpin for BoundedJoin<F> {}

impl<F: Future> Future for BoundedJoin<F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        loop {
            while this.running.len() < this.limit {
                let Some(next) = this.waiting.next() else { break };
                this.running.push(next);
            }
            let mut finished_any = false;
            let mut position = 0;
            while let Some((index, future)) = this.running.get_mut(position) {
                if let Poll::Ready(output) = future.as_mut().poll(cx) {
                    if let Some(slot) = this.outputs.get_mut(*index) {
                        *slot = Some(output);
                    }
                    // `remove`, not `swap_remove`: keep polling in start order, so earlier
                    // lookups take earlier rate-limit slots.
                    this.running.remove(position);
                    finished_any = true;
                } else {
                    position += 1;
                }
            }
            if this.running.is_empty() && this.waiting.as_slice().is_empty() {
                return Poll::Ready(this.outputs.drain(..).flatten().collect());
            }
            if !finished_any {
                // Every running future registered `cx`'s waker, so we are polled again.
                return Poll::Pending;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::explorer::block_on;

    /// Pending `polls` times (waking itself), then ready with `value`; counts how many run at once.
    async fn slow(value: u32, polls: u32, running: &Cell<u32>, peak: &Cell<u32>) -> u32 {
        running.set(running.get() + 1);
        peak.set(peak.get().max(running.get()));
        for _ in 0..polls {
            yield_once().await;
        }
        running.set(running.get() - 1);
        value
    }

    async fn yield_once() {
        let mut yielded = false;
        std::future::poll_fn(|cx| {
            if yielded {
                Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
        .await;
    }

    #[test]
    fn results_keep_input_order_and_concurrency_stays_under_the_limit() {
        let (running, peak) = (Cell::new(0), Cell::new(0));
        let futures: Vec<_> = (0..10).map(|n| slow(n, 10 - n, &running, &peak)).collect();
        assert_eq!(block_on(join_bounded(futures, 3)), (0..10).collect::<Vec<_>>());
        assert_eq!(peak.get(), 3);
    }

    #[test]
    fn a_limit_of_zero_still_makes_progress() {
        let (running, peak) = (Cell::new(0), Cell::new(0));
        let futures: Vec<_> = (0..3).map(|n| slow(n, 1, &running, &peak)).collect();
        assert_eq!(block_on(join_bounded(futures, 0)), vec![0, 1, 2]);
        assert_eq!(peak.get(), 1);
    }
}
