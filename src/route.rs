//! What a URL asks Spoor to show: the route codec (`#/btc/address/<a>`, `#/btc/tx/<txid>`) and the
//! page's query parameters (`?api=<esplora base url>`). Pure, so it is tested natively; the browser
//! shell only hands it strings from `window.location`.

use crate::chain::{Address, AddressError, Chain, Txid, TxidError};

/// The thing a page traces: one address or one transaction on one chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An address and its transactions.
    Address(Address),
    /// One transaction.
    Tx(Chain, Txid),
}

/// Why a route does not name something Spoor can show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RouteError {
    /// The chain code is not one Spoor knows.
    #[error("unknown chain {0:?}: Spoor traces btc, bch, ltc, doge and mona")]
    UnknownChain(String),
    /// The kind segment is neither `address` nor `tx`.
    #[error("unknown page {0:?}: use /<chain>/address/<address> or /<chain>/tx/<txid>")]
    UnknownKind(String),
    /// The address segment does not parse.
    #[error("the address in the link is not valid: {0}")]
    Address(#[from] AddressError),
    /// The txid segment does not parse.
    #[error("the transaction id in the link is not valid: {0}")]
    Txid(#[from] TxidError),
}

impl RouteError {
    /// Why the link shows nothing, in `lang` (the `Display` text is the English one).
    #[must_use]
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            RouteError::UnknownChain(code) => crate::tr!(lang, "route.unknown_chain", chain = format!("{code:?}")),
            RouteError::UnknownKind(kind) => crate::tr!(lang, "route.unknown_kind", kind = format!("{kind:?}")),
            RouteError::Address(err) => crate::tr!(lang, "route.bad_address", error = err.message(lang)),
            RouteError::Txid(err) => crate::tr!(lang, "route.bad_txid", error = err.message(lang)),
        }
    }
}

impl Target {
    /// Reads the three segments of `/<chain>/<kind>/<id>`.
    ///
    /// ```
    /// use spoor::route::Target;
    /// let target = Target::from_segments("btc", "address", "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w").unwrap();
    /// assert_eq!(target.to_path(), "/btc/address/1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w");
    /// assert!(Target::from_segments("eth", "tx", "00").is_err());
    /// ```
    pub fn from_segments(chain: &str, kind: &str, id: &str) -> Result<Target, RouteError> {
        let chain = Chain::from_code(chain).ok_or_else(|| RouteError::UnknownChain(chain.to_string()))?;
        let id = percent_decode(id);
        match kind {
            "address" => Ok(Target::Address(Address::parse(chain, &id)?)),
            "tx" => Ok(Target::Tx(chain, Txid::parse(&id)?)),
            other => Err(RouteError::UnknownKind(other.to_string())),
        }
    }

    /// Reads a hash-route path such as `/btc/tx/<txid>` (a leading `#` is accepted).
    pub fn from_path(path: &str) -> Result<Target, RouteError> {
        let path = path.trim_start_matches('#');
        let path = path.split('?').next().unwrap_or_default();
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        let chain = segments.next().unwrap_or_default();
        let kind = segments.next().unwrap_or_default();
        let id = segments.next().unwrap_or_default();
        Target::from_segments(chain, kind, id)
    }

    /// The route path, without the leading `#`.
    #[must_use]
    pub fn to_path(&self) -> String {
        match self {
            Target::Address(address) => format!("/{}/address/{}", address.chain().code(), address.as_str()),
            Target::Tx(chain, txid) => format!("/{}/tx/{}", chain.code(), txid.as_str()),
        }
    }

    /// The address, or `transaction <short txid>`: how titles name it.
    #[must_use]
    pub fn short_name(&self) -> String {
        match self {
            Target::Address(address) => address.as_str().to_string(),
            Target::Tx(_, txid) => format!("transaction {}", txid.short()),
        }
    }

    /// The chain the target lives on.
    #[must_use]
    pub fn chain(&self) -> Chain {
        match self {
            Target::Address(address) => address.chain(),
            Target::Tx(chain, _) => *chain,
        }
    }
}

/// Parameters read from the page's query string (before the `#`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageParams {
    /// `?api=` overrides the configured explorer's base URL for this page.
    pub api_base_url: Option<String>,
    /// `?api_kind=esplora|blockbook`: the API `?api=` speaks (default: the chain's configured one).
    pub api_kind: Option<crate::explorer::ApiKind>,
    /// `?embed=1`: the page is embedded in another (an article); gestures are cooperative.
    pub embed: bool,
    /// `?snapshot=<url>`: open this case file and ask no explorer.
    pub snapshot: Option<String>,
    /// `?theme=light|dark`: overrides the reader's colour-scheme preference.
    pub theme: Option<Theme>,
    /// `?childId=` (added by a Pym.js parent) or `?frame=`: which iframe the height messages name.
    pub frame_id: Option<String>,
    /// Whether the id came from Pym.js (then its string messages are sent too).
    pub pym: bool,
    /// `?lang=en|de|zh|ja`: the interface language, over the link's and the browser's.
    pub lang: Option<crate::i18n::Lang>,
}

/// A colour scheme asked for in the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    /// The `theme=` spelling.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

impl PageParams {
    /// Parses `?api=https%3A%2F%2Fblockstream.info%2Fapi&…`; unknown keys are ignored.
    ///
    /// ```
    /// use spoor::route::PageParams;
    /// let params = PageParams::from_query("?api=http%3A%2F%2F127.0.0.1%3A3000%2Fapi");
    /// assert_eq!(params.api_base_url.as_deref(), Some("http://127.0.0.1:3000/api"));
    /// let embed = PageParams::from_query("?embed=1&snapshot=cases%2Fzaif.json&theme=dark");
    /// assert!(embed.embed);
    /// assert_eq!(embed.snapshot.as_deref(), Some("cases/zaif.json"));
    /// assert_eq!(embed.theme, Some(spoor::route::Theme::Dark));
    /// assert_eq!(PageParams::from_query("?lang=ja").lang, Some(spoor::i18n::Lang::Ja));
    /// ```
    #[must_use]
    pub fn from_query(query: &str) -> PageParams {
        let mut params = PageParams::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if key == "api" && !value.is_empty() {
                params.api_base_url = Some(percent_decode(&value.replace('+', " ")));
            }
            if key == "api_kind" {
                params.api_kind = crate::explorer::ApiKind::from_code(value);
            }
            if key == "embed" {
                params.embed = matches!(value, "1" | "true" | "");
            }
            if key == "snapshot" && !value.is_empty() {
                params.snapshot = Some(percent_decode(&value.replace('+', " ")));
            }
            if (key == "childId" || key == "frame") && !value.is_empty() && params.frame_id.is_none() {
                params.frame_id = Some(percent_decode(value));
                params.pym = key == "childId";
            }
            if key == "lang" {
                params.lang = crate::i18n::Lang::from_tag(value);
            }
            if key == "theme" {
                params.theme = match value {
                    "light" => Some(Theme::Light),
                    "dark" => Some(Theme::Dark),
                    _ => None,
                };
            }
        }
        params
    }
}

/// Decodes `%XX` escapes; malformed escapes are kept as written (a URL typed by hand must not fail here).
#[must_use]
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes everything but unreserved characters, for putting a URL into a query parameter.
#[must_use]
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tx_route_round_trips() {
        let path = "/btc/tx/c3b9a4a0831a65523c81e6a04f6ddf5a7a89f344d990e8a13e5278efe57f4280";
        let target = Target::from_path(&format!("#{path}")).unwrap();
        assert_eq!(target.to_path(), path);
    }

    #[test]
    fn unknown_kind_is_named_in_the_error() {
        let err = Target::from_path("/btc/block/123").unwrap_err();
        assert_eq!(err, RouteError::UnknownKind("block".into()));
    }

    #[test]
    fn bad_txid_in_link_says_what_is_wrong() {
        let err = Target::from_path("/btc/tx/abc").unwrap_err();
        assert!(err.to_string().contains("64 hex characters"), "{err}");
    }

    #[test]
    fn embed_is_read_from_the_query() {
        assert!(PageParams::from_query("?embed=1&api=x").embed);
        assert!(PageParams::from_query("?embed").embed);
        assert!(!PageParams::from_query("?embed=0").embed);
        assert!(!PageParams::from_query("").embed);
    }

    #[test]
    fn percent_codec_round_trips_urls() {
        let url = "http://127.0.0.1:3000/api?x=1&y=ä";
        assert_eq!(percent_decode(&percent_encode(url)), url);
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }
}
