//! Integer satoshi amounts; formatting to coins happens only at the edge.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign};

/// Satoshis per coin (BTC and every Bitcoin-derived chain Spoor supports).
pub const SATS_PER_COIN: u64 = 100_000_000;

/// An amount in satoshis. Never a float.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Sats(pub u64);

impl Sats {
    /// Zero satoshis.
    pub const ZERO: Sats = Sats(0);

    /// The raw satoshi count.
    #[must_use]
    pub fn to_u64(self) -> u64 {
        self.0
    }

    /// Adds, returning `None` on overflow (explorer data is untrusted).
    #[must_use]
    pub fn checked_add(self, other: Sats) -> Option<Sats> {
        self.0.checked_add(other.0).map(Sats)
    }

    /// Subtracts, returning `None` below zero.
    #[must_use]
    pub fn checked_sub(self, other: Sats) -> Option<Sats> {
        self.0.checked_sub(other.0).map(Sats)
    }

    /// Formats as coins with all 8 decimals, e.g. `Sats(150_000_000)` → `"1.50000000"`.
    ///
    /// ```
    /// use spoor::chain::Sats;
    /// assert_eq!(Sats(150_000_000).to_coin_string(), "1.50000000");
    /// assert_eq!(Sats(1).to_coin_string(), "0.00000001");
    /// ```
    #[must_use]
    pub fn to_coin_string(self) -> String {
        format!("{}.{:08}", self.0 / SATS_PER_COIN, self.0 % SATS_PER_COIN)
    }

    /// Formats as coins without trailing zeros (at least one decimal), grouping thousands:
    /// `Sats(596_600_000_000)` → `"5,966.0"`.
    ///
    /// ```
    /// use spoor::chain::Sats;
    /// assert_eq!(Sats(596_600_000_000).to_coin_string_short(), "5,966.0");
    /// assert_eq!(Sats(12_345).to_coin_string_short(), "0.00012345");
    /// ```
    #[must_use]
    pub fn to_coin_string_short(self) -> String {
        let whole = self.0 / SATS_PER_COIN;
        let frac = format!("{:08}", self.0 % SATS_PER_COIN);
        let frac = frac.trim_end_matches('0');
        let frac = if frac.is_empty() { "0" } else { frac };
        format!("{}.{frac}", group_thousands(whole))
    }
}

/// Thousands separators: `5109` → `5,109` (also used by `crate::format`).
pub(crate) fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl fmt::Display for Sats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} sat", self.0)
    }
}

impl Add for Sats {
    type Output = Sats;
    /// Saturating: a sum of untrusted explorer values must not panic the page.
    fn add(self, rhs: Sats) -> Sats {
        Sats(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Sats {
    fn add_assign(&mut self, rhs: Sats) {
        *self = *self + rhs;
    }
}

impl Sum for Sats {
    fn sum<I: Iterator<Item = Sats>>(iter: I) -> Sats {
        iter.fold(Sats::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_in_whole_coins() {
        assert_eq!(Sats(123_456_789_000_000).to_coin_string_short(), "1,234,567.89");
        assert_eq!(Sats(0).to_coin_string_short(), "0.0");
    }

    #[test]
    fn addition_saturates_instead_of_panicking() {
        assert_eq!(Sats(u64::MAX) + Sats(1), Sats(u64::MAX));
        assert_eq!(Sats(u64::MAX).checked_add(Sats(1)), None);
    }
}
