//! Which API an explorer speaks, and the explorer a chain uses when nothing else is configured.

use crate::chain::Chain;

/// The API dialect of an explorer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiKind {
    /// Esplora REST (mempool.space, blockstream.info; base URL ends in `/api`).
    #[default]
    Esplora,
    /// Blockbook v2 (Trezor's indexer; base URL is the server root).
    Blockbook,
}

impl ApiKind {
    /// `esplora` or `blockbook` (CLI flags, config files, URL parameters).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            ApiKind::Esplora => "esplora",
            ApiKind::Blockbook => "blockbook",
        }
    }

    /// Parses [`ApiKind::code`] (any case).
    #[must_use]
    pub fn from_code(code: &str) -> Option<ApiKind> {
        match code.trim().to_ascii_lowercase().as_str() {
            "esplora" => Some(ApiKind::Esplora),
            "blockbook" => Some(ApiKind::Blockbook),
            _ => None,
        }
    }
}

/// An explorer: its API and base URL.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Provider {
    pub kind: ApiKind,
    pub base_url: String,
}

impl Provider {
    /// The public explorer a chain uses by default: mempool.space for Bitcoin; for the others the
    /// Blockbook servers their wallets use (these send no CORS headers, so a browser can only
    /// reach them through a proxy: the app says so and offers the ways that work).
    #[must_use]
    pub fn default_for(chain: Chain) -> Provider {
        let (kind, base_url) = match chain {
            Chain::Btc => (ApiKind::Esplora, "https://mempool.space/api"),
            Chain::Bch => (ApiKind::Blockbook, "https://bch1.trezor.io"),
            Chain::Ltc => (ApiKind::Blockbook, "https://ltc1.trezor.io"),
            Chain::Doge => (ApiKind::Blockbook, "https://doge1.trezor.io"),
            Chain::Mona => (ApiKind::Blockbook, "https://blockbook.electrum-mona.org"),
        };
        Provider {
            kind,
            base_url: base_url.to_string(),
        }
    }
}

/// What to tell a reader whose browser could not reach an explorer at all, in `lang`. Public
/// Blockbook servers send no CORS headers, so a browser blocks them even when they are up: say so,
/// and name the ways that work. `None` for Esplora (mempool.space and blockstream.info allow CORS).
#[must_use]
pub fn unreachable_hint(kind: ApiKind, base_url: &str, lang: crate::i18n::Lang) -> Option<String> {
    (kind == ApiKind::Blockbook).then(|| crate::tr!(lang, "explorer_error.blockbook_unreachable", url = base_url))
}
