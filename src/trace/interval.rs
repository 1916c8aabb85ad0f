//! Sets of satoshi positions inside one output, for FIFO taint: sorted, disjoint, merged
//! half-open intervals `[start, end)`.

/// Tainted satoshi positions within one output (position 0 is the output's first satoshi).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct IntervalSet {
    /// Sorted, disjoint, non-adjacent, non-empty `[start, end)` ranges.
    ranges: Vec<(u64, u64)>,
}

impl IntervalSet {
    /// No positions.
    #[must_use]
    pub fn new() -> IntervalSet {
        IntervalSet::default()
    }

    /// Every position of an output of `len` satoshis: `[0, len)`.
    ///
    /// ```
    /// use spoor::trace::IntervalSet;
    /// assert_eq!(IntervalSet::full(5).ranges(), &[(0, 5)]);
    /// assert!(IntervalSet::full(0).is_empty());
    /// ```
    #[must_use]
    pub fn full(len: u64) -> IntervalSet {
        let mut set = IntervalSet::new();
        set.push(0, len);
        set
    }

    /// Normalises any ranges (unsorted, overlapping, empty ones allowed) into a set.
    ///
    /// ```
    /// use spoor::trace::IntervalSet;
    /// let set = IntervalSet::from_ranges([(5, 8), (0, 2), (2, 3), (7, 9), (4, 4)]);
    /// assert_eq!(set.ranges(), &[(0, 3), (5, 9)]);
    /// assert_eq!(set.len_sats(), 7);
    /// ```
    #[must_use]
    pub fn from_ranges(ranges: impl IntoIterator<Item = (u64, u64)>) -> IntervalSet {
        let mut sorted: Vec<(u64, u64)> = ranges.into_iter().filter(|(s, e)| s < e).collect();
        sorted.sort_unstable();
        let mut set = IntervalSet::new();
        for (start, end) in sorted {
            set.push(start, end);
        }
        set
    }

    /// The ranges, sorted and disjoint.
    #[must_use]
    pub fn ranges(&self) -> &[(u64, u64)] {
        &self.ranges
    }

    /// Whether no position is in the set.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Number of positions (saturating).
    #[must_use]
    pub fn len_sats(&self) -> u64 {
        self.ranges.iter().fold(0_u64, |sum, (s, e)| sum.saturating_add(e - s))
    }

    /// One past the last position, 0 when empty.
    #[must_use]
    pub fn end(&self) -> u64 {
        self.ranges.last().map_or(0, |&(_, e)| e)
    }

    /// The positions in either set.
    #[must_use]
    pub fn union(&self, other: &IntervalSet) -> IntervalSet {
        IntervalSet::from_ranges(self.ranges.iter().chain(other.ranges.iter()).copied())
    }

    /// Adds `[start, end)` where `start` is at or past every range's start (merging overlaps).
    pub(crate) fn push(&mut self, start: u64, end: u64) {
        if start >= end {
            return;
        }
        if let Some(last) = self.ranges.last_mut() {
            if start <= last.1 {
                last.1 = last.1.max(end);
                return;
            }
        }
        self.ranges.push((start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_merges_touching_and_overlapping_ranges() {
        let a = IntervalSet::from_ranges([(0, 3), (10, 12)]);
        let b = IntervalSet::from_ranges([(3, 5), (11, 20)]);
        assert_eq!(a.union(&b).ranges(), &[(0, 5), (10, 20)]);
        assert_eq!(a.union(&b).end(), 20);
    }

    #[test]
    fn empty_ranges_are_dropped() {
        assert!(IntervalSet::from_ranges([(3, 3), (5, 2)]).is_empty());
        assert_eq!(IntervalSet::new().len_sats(), 0);
    }
}
