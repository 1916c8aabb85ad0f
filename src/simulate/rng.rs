//! The simulator's only source of chance: SplitMix64 (Steele, Lea & Flood 2014), seeded by the user.
//!
//! Own code rather than the `rand` crate so the byte stream, and with it every output file, can never
//! change under a dependency upgrade.

/// A seeded SplitMix64 generator.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose whole stream is fixed by `seed`.
    pub(crate) fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        let next = crate::seeded::splitmix64(self.state);
        self.state = self.state.wrapping_add(crate::seeded::GAMMA);
        next
    }

    /// Uniform in `0..bound` (Lemire's multiply-shift; 0 when `bound` is 0).
    pub(crate) fn below(&mut self, bound: u64) -> u64 {
        let wide = u128::from(self.next_u64()) * u128::from(bound);
        u64::try_from(wide >> 64).unwrap_or(0)
    }

    /// Uniform index in `0..len` (0 when `len` is 0).
    pub(crate) fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).unwrap_or(0)
    }

    /// Uniform in `low..=high` (`low` when the range is empty).
    pub(crate) fn between(&mut self, low: u64, high: u64) -> u64 {
        if high <= low {
            return low;
        }
        low + self.below(high - low + 1)
    }

    /// Uniform `usize` in `low..=high`.
    pub(crate) fn between_usize(&mut self, low: usize, high: usize) -> usize {
        usize::try_from(self.between(low as u64, high as u64)).unwrap_or(low)
    }

    /// True with probability `percent`/100.
    pub(crate) fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// An amount spread over several decades: a uniform decade in `10^low_exp..10^high_exp`, then
    /// uniform inside it, so small and large payments are both common (integer maths only).
    pub(crate) fn decades(&mut self, low_exp: u32, high_exp: u32) -> u64 {
        let exp = u32::try_from(self.between(u64::from(low_exp), u64::from(high_exp.max(low_exp + 1) - 1)))
            .unwrap_or(low_exp);
        let floor = 10_u64.saturating_pow(exp);
        self.between(floor, floor.saturating_mul(10) - 1)
    }

    /// Fills `bytes` with random bytes.
    pub(crate) fn fill(&mut self, bytes: &mut [u8]) {
        for chunk in bytes.chunks_mut(8) {
            let word = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
    }

    /// `N` random bytes.
    pub(crate) fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0_u8; N];
        self.fill(&mut out);
        out
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_same_stream_and_other_seed_differs() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let mut c = SplitMix64::new(8);
        let first: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        assert_eq!(first, (0..4).map(|_| b.next_u64()).collect::<Vec<_>>());
        assert_ne!(first, (0..4).map(|_| c.next_u64()).collect::<Vec<_>>());
    }

    #[test]
    fn matches_the_reference_splitmix64_output_for_seed_zero() {
        // First output of the reference C implementation seeded with 0.
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn between_and_decades_stay_in_range() {
        let mut rng = SplitMix64::new(3);
        for _ in 0..1000 {
            let v = rng.between(5, 9);
            assert!((5..=9).contains(&v));
            let d = rng.decades(3, 6);
            assert!((1_000..1_000_000).contains(&d));
        }
    }
}
