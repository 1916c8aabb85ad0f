//! The linear congruential generator d3-force uses for jiggle and placement, so a seed
//! reproduces a layout exactly. See <https://en.wikipedia.org/wiki/Linear_congruential_generator>.

const MULTIPLIER: u32 = 1_664_525;
const INCREMENT: u32 = 1_013_904_223;
/// 2^32, the modulus (applied by wrapping u32 arithmetic).
const MODULUS: f64 = 4_294_967_296.0;

/// A seeded pseudo-random source yielding values in `[0, 1)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lcg {
    state: u32,
}

impl Lcg {
    /// A generator at `seed` (d3 starts at 1).
    #[must_use]
    pub fn new(seed: u32) -> Self {
        Lcg { state: seed }
    }

    /// The next value in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        self.state = self.state.wrapping_mul(MULTIPLIER).wrapping_add(INCREMENT);
        f64::from(self.state) / MODULUS
    }

    /// A tiny random offset (d3's `jiggle`) to separate coincident points.
    pub fn jiggle(&mut self) -> f64 {
        (self.next_f64() - 0.5) * 1e-6
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn produces_same_values_as_d3() {
        // d3-force lcg.js from s = 1: s = (1664525 * s + 1013904223) % 2^32, returning s / 2^32.
        // 1664525 * 1 + 1013904223 = 1015568748; 1015568748 / 2^32 = 0.23645552527159452, …
        let expected = [
            0.236_455_525_271_594_52,
            0.369_270_673_720_166_1,
            0.504_242_032_300_680_9,
            0.704_883_263_679_221_3,
            0.050_543_628_633_022_31,
            0.369_518_354_302_272_2,
        ];
        let mut lcg = Lcg::new(1);
        for want in expected {
            assert!((lcg.next_f64() - want).abs() < 1e-15);
        }
    }

    #[test]
    fn same_seed_gives_same_sequence() {
        let mut a = Lcg::new(42);
        let mut b = Lcg::new(42);
        for _ in 0..100 {
            assert_eq!(a.next_f64().to_bits(), b.next_f64().to_bits());
        }
    }

    #[test]
    fn jiggle_is_tiny_and_centred() {
        let mut lcg = Lcg::new(7);
        for _ in 0..100 {
            assert!(lcg.jiggle().abs() <= 0.5e-6);
        }
    }
}
