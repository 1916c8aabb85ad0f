//! Text for people in English (the CLI, files, and the core's messages): amounts in coins and UTC
//! times, as `crate::i18n` writes them for `Lang::En`. The model keeps sats and seconds.

use crate::chain::{Chain, Sats, TxStatus};
use crate::i18n::Lang;

/// `1,234.5 BTC`.
#[must_use]
pub fn coins(value: Sats, chain: Chain) -> String {
    crate::i18n::coins(Lang::En, value, chain)
}

/// `2018-09-14 08:10 UTC` from seconds since the Unix epoch.
///
/// ```
/// assert_eq!(spoor::format::utc_minutes(1_536_912_000), "2018-09-14 08:00 UTC");
/// ```
#[must_use]
pub fn utc_minutes(secs: u64) -> String {
    crate::i18n::utc_minutes(Lang::En, secs)
}

/// ISO 8601 UTC with seconds (`2018-09-14T08:00:00Z`), for files read by programs.
///
/// ```
/// assert_eq!(spoor::format::iso_utc(1_536_912_000), "2018-09-14T08:00:00Z");
/// ```
#[must_use]
pub fn iso_utc(secs: u64) -> String {
    let (year, month, day) = civil_from_days(secs / 86_400);
    let rem = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// `block 540,123 · 2018-09-14 08:10 UTC`, or `unconfirmed`.
#[must_use]
pub fn status(status: &TxStatus) -> String {
    crate::i18n::status(Lang::En, status)
}

/// Thousands separators: `5109` → `5,109`.
#[must_use]
pub fn group(n: u64) -> String {
    crate::i18n::group(Lang::En, n)
}

/// Howard Hinnant's days-from-civil inverse, for dates from 1970 on.
fn civil_from_days(days_since_epoch: u64) -> (u64, u64, u64) {
    let z = days_since_epoch + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_dates() {
        assert_eq!(utc_minutes(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_minutes(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_minutes(1_700_000_000), "2023-11-14 22:13 UTC");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group(5109), "5,109");
        assert_eq!(group(999), "999");
        assert_eq!(group(1_000_000), "1,000,000");
    }
}
