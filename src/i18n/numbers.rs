//! Amounts, counts and times written the way each language writes them. Times stay in UTC
//! (they are evidence: a block's time, not the reader's clock) and say so.

use super::Lang;
use crate::chain::{Chain, Sats, TxStatus};

/// Thousands separators: `5,109` (en, zh, ja), `5.109` (de).
#[must_use]
pub fn group(lang: Lang, n: u64) -> String {
    let english = crate::chain::sats::group_thousands(n);
    match lang {
        Lang::De => english.replace(',', "."),
        _ => english,
    }
}

/// `1,234.5 BTC` (en, zh, ja), `1.234,5 BTC` (de).
#[must_use]
pub fn coins(lang: Lang, value: Sats, chain: Chain) -> String {
    format!("{} {}", coin_number(lang, value), chain.ticker())
}

/// The number of coins without the ticker: `1,234.5` (en, zh, ja), `1.234,5` (de).
#[must_use]
pub fn coin_number(lang: Lang, value: Sats) -> String {
    let english = value.to_coin_string_short();
    match lang {
        // Swap the two separators through a placeholder.
        Lang::De => english.replace(',', "\u{0}").replace('.', ",").replace('\u{0}', "."),
        _ => english,
    }
}

/// A UTC time to the minute: `2018-09-14 08:00 UTC`, `14.09.2018, 08:00 UTC`,
/// `2018年9月14日 08:00 UTC`.
#[must_use]
pub fn utc_minutes(lang: Lang, secs: u64) -> String {
    let iso = crate::format::iso_utc(secs);
    let (Some(year), Some(month), Some(day), Some(clock)) =
        (iso.get(0..4), iso.get(5..7), iso.get(8..10), iso.get(11..16))
    else {
        return iso;
    };
    let unpadded = |s: &str| s.trim_start_matches('0').to_string();
    match lang {
        Lang::En => format!("{year}-{month}-{day} {clock} UTC"),
        Lang::De => format!("{day}.{month}.{year}, {clock} UTC"),
        Lang::Zh | Lang::Ja => format!("{year}年{}月{}日 {clock} UTC", unpadded(month), unpadded(day)),
    }
}

/// `block 540,123 · 2018-09-14 08:10 UTC`, or `unconfirmed`, in `lang`.
#[must_use]
pub fn status(lang: Lang, status: &TxStatus) -> String {
    match status {
        TxStatus::Confirmed { height, time_secs, .. } => crate::tr!(
            lang,
            "common.block_at",
            height = group(lang, u64::from(*height)),
            time = utc_minutes(lang, *time_secs)
        ),
        TxStatus::Unconfirmed => crate::tr!(lang, "common.unconfirmed"),
    }
}

/// A share in basis points with two decimals: `12.50%` (en, zh, ja), `12,50 %` (de).
///
/// ```
/// use spoor::i18n::{percent_bp, Lang};
/// assert_eq!(percent_bp(Lang::En, 1_250), "12.50%");
/// assert_eq!(percent_bp(Lang::De, 10_000), "100,00 %");
/// ```
#[must_use]
pub fn percent_bp(lang: Lang, bp: u64) -> String {
    let (whole, hundredths) = (bp / 100, bp % 100);
    match lang {
        Lang::De => format!("{whole},{hundredths:02} %"),
        _ => format!("{whole}.{hundredths:02}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_follow_the_language() {
        assert_eq!(group(Lang::De, 540_123), "540.123");
        assert_eq!(group(Lang::Ja, 540_123), "540,123");
        assert_eq!(coins(Lang::De, Sats(123_456_789_000), Chain::Btc), "1.234,56789 BTC");
        assert_eq!(coins(Lang::En, Sats(123_456_789_000), Chain::Btc), "1,234.56789 BTC");
        assert_eq!(utc_minutes(Lang::En, 1_536_912_000), "2018-09-14 08:00 UTC");
        assert_eq!(utc_minutes(Lang::De, 1_536_912_000), "14.09.2018, 08:00 UTC");
        assert_eq!(utc_minutes(Lang::Ja, 1_536_912_000), "2018年9月14日 08:00 UTC");
    }
}
