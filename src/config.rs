//! `config.json`, read once at start-up from beside index.html: which explorer serves each chain.
//! A self-hoster edits this one file; `spoor serve-chain --static` answers one pointing at itself.

use std::collections::BTreeMap;

use crate::chain::Chain;
use crate::explorer::{ApiKind, Provider};

/// One chain's entry in config.json: a base URL (speaking the chain's default API, see
/// [`Provider::default_for`]) or `{"kind": "esplora"|"blockbook", "url": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum ExplorerEntry {
    Url(String),
    Provider { kind: ApiKind, url: String },
}

/// The parsed config file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct AppConfig {
    /// Explorer per chain code, e.g. `{"btc": "https://mempool.space/api",
    /// "bch": {"kind": "blockbook", "url": "https://bch.example"}}`.
    #[serde(default)]
    pub explorers: BTreeMap<String, ExplorerEntry>,
    /// Label CSV files to load besides the bundled data, relative to the page (e.g.
    /// `extra-labels/mine.csv`).
    #[serde(default)]
    pub labels: Vec<String>,
    /// The bundled label data's manifest, relative to the page; each chain's file loads when a
    /// graph of that chain is first shown. Default `labels/index.json`; `""` loads none.
    #[serde(default = "default_label_index")]
    pub label_index: String,
    /// The route to open when the URL names nothing (e.g. `/btc/address/<a>`); without one the
    /// page opens on the case gallery.
    #[serde(default)]
    pub start: Option<String>,
    /// Routes of the synthetic demo case (one per coin), listed last in the case gallery; the
    /// offline demo's stand-in names its simulated thieves here.
    #[serde(default)]
    pub demo_routes: Vec<String>,
    /// Give up on an explorer request after this many milliseconds and retry it (default
    /// 20,000: `explorer::DEFAULT_REQUEST_TIMEOUT_MS`).
    #[serde(default)]
    pub request_timeout_ms: Option<u32>,
}

fn default_label_index() -> String {
    "labels/index.json".to_string()
}

/// Why config.json could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// Not the expected JSON shape.
    #[error("config.json is not valid: {0}")]
    Invalid(String),
}

impl Default for AppConfig {
    fn default() -> AppConfig {
        AppConfig {
            explorers: BTreeMap::new(),
            labels: Vec::new(),
            label_index: default_label_index(),
            start: None,
            demo_routes: Vec::new(),
            request_timeout_ms: None,
        }
    }
}

impl AppConfig {
    /// Parses config.json.
    ///
    /// ```
    /// use spoor::config::AppConfig;
    /// use spoor::chain::Chain;
    /// let config = AppConfig::from_json(r#"{"explorers":{"btc":"/api"}}"#).unwrap();
    /// assert_eq!(config.provider_for(Chain::Btc).base_url, "/api");
    /// ```
    pub fn from_json(text: &str) -> Result<AppConfig, ConfigError> {
        serde_json::from_str(text).map_err(|err| ConfigError::Invalid(err.to_string()))
    }

    /// The explorer for a chain: the configured one, else [`Provider::default_for`].
    #[must_use]
    pub fn provider_for(&self, chain: Chain) -> Provider {
        let default = Provider::default_for(chain);
        match self.explorers.get(chain.code()) {
            Some(ExplorerEntry::Url(url)) if !url.trim().is_empty() => Provider {
                kind: default.kind,
                base_url: url.trim().to_string(),
            },
            Some(ExplorerEntry::Provider { kind, url }) if !url.trim().is_empty() => Provider {
                kind: *kind,
                base_url: url.trim().to_string(),
            },
            _ => default,
        }
    }
}

/// The explorer a page uses for `chain`: what the reader typed this session, else the URL's
/// `?api=` (speaking `?api_kind=`, else the chain's configured API), else config.json, else the
/// built-in default.
#[must_use]
pub fn choose_provider(
    config: &AppConfig,
    chain: Chain,
    session: Option<&str>,
    url: Option<(&str, Option<ApiKind>)>,
) -> Provider {
    let configured = config.provider_for(chain);
    match (session, url) {
        (Some(base_url), _) => Provider {
            kind: configured.kind,
            base_url: base_url.to_string(),
        },
        (None, Some((base_url, kind))) => Provider {
            kind: kind.unwrap_or(configured.kind),
            base_url: base_url.to_string(),
        },
        (None, None) => configured,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_beats_the_url_which_beats_the_config_file() {
        let config = AppConfig::from_json(r#"{"explorers":{"btc":"/api"}}"#).unwrap();
        let url = Some(("http://x/api", None));
        assert_eq!(choose_provider(&config, Chain::Btc, None, url).base_url, "http://x/api");
        assert_eq!(
            choose_provider(&config, Chain::Btc, Some("/mine"), url).base_url,
            "/mine"
        );
        assert_eq!(choose_provider(&config, Chain::Btc, None, None).base_url, "/api");
        // The URL's explorer speaks the chain's API unless it says otherwise.
        assert_eq!(choose_provider(&config, Chain::Bch, None, url).kind, ApiKind::Blockbook);
        let esplora = choose_provider(
            &config,
            Chain::Bch,
            None,
            Some(("http://x/api", Some(ApiKind::Esplora))),
        );
        assert_eq!(esplora.kind, ApiKind::Esplora);
    }

    #[test]
    fn empty_config_falls_back_to_mempool_space() {
        let config = AppConfig::from_json("{}").unwrap();
        assert_eq!(config.provider_for(Chain::Btc).base_url, "https://mempool.space/api");
        assert!(AppConfig::from_json("[1]").is_err());
    }

    #[test]
    fn entries_are_urls_in_the_default_api_or_name_their_api() {
        let config = AppConfig::from_json(
            r#"{"explorers":{"bch":"https://bb.example","mona":{"kind":"esplora","url":"/mona/api"}}}"#,
        )
        .unwrap();
        assert_eq!(
            config.provider_for(Chain::Bch),
            Provider {
                kind: ApiKind::Blockbook,
                base_url: "https://bb.example".into()
            }
        );
        assert_eq!(config.provider_for(Chain::Mona).kind, ApiKind::Esplora);
        assert_eq!(config.provider_for(Chain::Doge), Provider::default_for(Chain::Doge));
    }
}
