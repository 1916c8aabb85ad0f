//! Address pagers stopped at their cap (or by a failed page), kept so that asking the same
//! address for more ("load more", or the same history again after an error) goes on from the
//! page where they stopped instead of fetching every earlier page again. A request for no more
//! than a pager holds starts afresh: answers already given are never served again as new.

use std::collections::VecDeque;

/// Most pagers kept: each holds its transactions, and only the latest few are asked for more.
const MAX_PAUSED: usize = 16;

/// Paused pagers by address, the newest last; the oldest is dropped beyond [`MAX_PAUSED`].
pub(crate) struct Paused<P> {
    entries: VecDeque<(String, P)>,
}

impl<P> Default for Paused<P> {
    fn default() -> Self {
        Paused {
            entries: VecDeque::new(),
        }
    }
}

impl<P> Paused<P> {
    /// Takes the address's pager out, if `wanted` says it can serve the request.
    pub(crate) fn take(&mut self, address: &str, wanted: impl FnOnce(&P) -> bool) -> Option<P> {
        let at = self.entries.iter().position(|(a, _)| a == address)?;
        let (_, pager) = self.entries.remove(at)?;
        wanted(&pager).then_some(pager)
    }

    /// Keeps the address's pager (replacing an older one).
    pub(crate) fn keep(&mut self, address: &str, pager: P) {
        self.entries.retain(|(a, _)| a != address);
        if self.entries.len() >= MAX_PAUSED {
            self.entries.pop_front();
        }
        self.entries.push_back((address.to_string(), pager));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_latest_pagers_and_hands_each_out_once() {
        let mut paused = Paused::default();
        for n in 0..=MAX_PAUSED {
            paused.keep(&format!("a{n}"), n);
        }
        assert_eq!(paused.take("a0", |_| true), None, "the oldest was dropped");
        assert_eq!(paused.take("a1", |&n| n > 5), None, "not wanted: dropped too");
        assert_eq!(paused.take("a1", |_| true), None);
        assert_eq!(paused.take("a2", |_| true), Some(2));
        assert_eq!(paused.take("a2", |_| true), None);
    }
}
