//! Seeded, reproducible chance without a dependency: SplitMix64's mixer (Steele, Lea & Flood 2014),
//! FNV-1a to fold text into a seed, and 53 bits as a number in [0, 1). The simulator's generator,
//! the scheduler's retry jitter and the stand-in's fault plan all draw from here, so a seed means
//! the same stream everywhere and a dependency upgrade never changes it.

/// SplitMix64's golden-ratio step.
pub(crate) const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output for `state` (the generator's next value when its state is `state`).
#[must_use]
pub(crate) fn splitmix64(state: u64) -> u64 {
    let mut z = state.wrapping_add(GAMMA);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A draw fixed by a seed, a text (a URL or path) and a number (which retry, which request), not
/// by a shared counter: concurrency cannot change it.
#[must_use]
pub(crate) fn draw(seed: u64, text: &str, n: u64) -> u64 {
    splitmix64(seed ^ fnv1a(text.as_bytes()) ^ n.rotate_left(32))
}

/// The top 53 bits as a number in [0, 1).
#[must_use]
pub(crate) fn unit_interval(bits: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)] // 53 bits fit an f64 mantissa exactly.
    let top = (bits >> 11) as f64;
    top / 9_007_199_254_740_992.0 // 2^53
}

/// FNV-1a of some bytes.
#[must_use]
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}
