//! The interface languages: English, German, Simplified Chinese and Japanese.
//!
//! Texts live in `locales/*.yml` (rust-i18n's one-file-per-topic format: every key lists all four
//! languages), compiled into the binary. [`tr!`](crate::tr) looks a key up in one language; the
//! page's language comes from `?lang=`, a link's view, or the browser (see [`Lang::negotiate`]).
//! `tests/i18n.rs` fails when any language lacks a key the code uses.

mod numbers;

pub use numbers::{coin_number, coins, group, percent_bp, status, utc_minutes};

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    De,
    Zh,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::De, Lang::Zh, Lang::Ja];

    /// The code links carry (`lang=en|de|zh|ja`) and the locale files use.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Zh => "zh",
            Lang::Ja => "ja",
        }
    }

    /// The BCP 47 tag for `<html lang>` (Simplified Chinese is told apart from Traditional).
    #[must_use]
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hans",
            other => other.code(),
        }
    }

    /// The language's own name, for the language menu.
    #[must_use]
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Zh => "中文",
            Lang::Ja => "日本語",
        }
    }

    /// A language from a code or a browser tag (`de`, `de-AT`, `zh-CN`, `zh-Hans`, `ja-JP`, any
    /// case). Traditional Chinese (`zh-TW`, `zh-HK`, `zh-Hant`) is not offered: `None`.
    #[must_use]
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        let primary = parts.next()?;
        let lang = Lang::ALL.into_iter().find(|l| l.code() == primary)?;
        if lang == Lang::Zh && parts.any(|p| matches!(p, "tw" | "hk" | "mo" | "hant")) {
            return None;
        }
        Some(lang)
    }

    /// The first of the reader's preferred languages (browser order) that the interface speaks;
    /// English otherwise.
    #[must_use]
    pub fn negotiate<S: AsRef<str>>(preferred: &[S]) -> Lang {
        preferred
            .iter()
            .find_map(|tag| Lang::from_tag(tag.as_ref()))
            .unwrap_or_default()
    }
}

/// The text of `key` in `lang`, with `%{name}` placeholders filled: `tr!(lang, "key")`,
/// `tr!(lang, "key", count = n)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:expr) => {
        ::rust_i18n::t!($key, locale = $crate::i18n::Lang::code($lang)).into_owned()
    };
    ($lang:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        ::rust_i18n::t!($key, locale = $crate::i18n::Lang::code($lang), $($name = $value),+).into_owned()
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_pick_a_language() {
        assert_eq!(Lang::from_tag("de-AT"), Some(Lang::De));
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh-TW"), None);
        assert_eq!(Lang::from_tag("JA_jp"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::negotiate(&["fr-FR", "zh-TW", "ja", "de"]), Lang::Ja);
        assert_eq!(Lang::negotiate::<&str>(&[]), Lang::En);
    }
}
