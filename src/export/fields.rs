//! How single values are written in every export: dates, shares and coordinates.

use crate::chain::Sats;
use crate::format;

/// The date alone, `2023-11-14` (GEXF's `lastmodifieddate` is an `xs:date`).
pub(crate) fn iso_date(secs: u64) -> String {
    format::iso_utc(secs).split('T').next().unwrap_or_default().to_string()
}

/// `part ÷ whole` with four decimals, rounded down, from integers: `"0.2500"`. Zero when `whole`
/// is zero; above one when bad data gives a part larger than the whole.
pub(crate) fn share_4dp(part: Sats, whole: Sats) -> String {
    let whole = u128::from(whole.to_u64());
    if whole == 0 {
        return "0.0000".to_string();
    }
    let ten_thousandths = u128::from(part.to_u64()) * 10_000 / whole;
    format!("{}.{:04}", ten_thousandths / 10_000, ten_thousandths % 10_000)
}

/// A coordinate with at most two decimals and no trailing zeros (`12.5`, `-3`); non-finite
/// values become `0` so a broken position cannot break the document.
pub(crate) fn coordinate(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_8601() {
        assert_eq!(iso_date(951_782_400), "2000-02-29");
        assert_eq!(iso_date(1_700_000_000), "2023-11-14");
    }

    #[test]
    fn shares_have_four_decimals_rounded_down() {
        assert_eq!(share_4dp(Sats(1), Sats(4)), "0.2500");
        assert_eq!(share_4dp(Sats(1), Sats(3)), "0.3333");
        assert_eq!(share_4dp(Sats(5), Sats(5)), "1.0000");
        assert_eq!(share_4dp(Sats(5), Sats(0)), "0.0000");
        assert_eq!(share_4dp(Sats(u64::MAX), Sats(1)), format!("{}.0000", u64::MAX));
    }

    #[test]
    fn coordinates_are_short_and_always_numbers() {
        assert_eq!(coordinate(12.5), "12.5");
        assert_eq!(coordinate(-3.0), "-3");
        assert_eq!(coordinate(-0.001), "0");
        assert_eq!(coordinate(f64::NAN), "0");
        assert_eq!(coordinate(0.126), "0.13");
    }
}
