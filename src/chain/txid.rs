//! Transaction ids: 64 hex digits, kept in the explorers' (big-endian display) order.

use std::fmt;
use std::str::FromStr;

/// Why a string is not a txid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TxidError {
    /// Wrong number of characters.
    #[error("a transaction id has 64 hex characters, this has {0}")]
    Length(usize),
    /// A character outside 0-9, a-f.
    #[error("a transaction id uses only 0-9 and a-f, found {0:?}")]
    NotHex(char),
}

impl TxidError {
    /// What is wrong, in `lang` (the `Display` text is the English one).
    #[must_use]
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            TxidError::Length(length) => crate::tr!(lang, "txid_error.length", length = length.to_string()),
            TxidError::NotHex(character) => {
                crate::tr!(lang, "txid_error.not_hex", character = format!("{character:?}"))
            }
        }
    }
}

/// A transaction id, stored lower-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Txid(String);

impl Txid {
    /// Parses 64 hex digits (either case; surrounding white space is trimmed).
    ///
    /// ```
    /// use spoor::chain::Txid;
    /// let txid = Txid::parse("C3B9A4A0831A65523C81E6A04F6DDF5A7A89F344D990E8A13E5278EFE57F4280").unwrap();
    /// assert!(txid.as_str().starts_with("c3b9a4a0"));
    /// assert!(Txid::parse("c3b9").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Txid, TxidError> {
        let s = s.trim();
        if let Some(bad) = s.chars().find(|c| !c.is_ascii_hexdigit()) {
            return Err(TxidError::NotHex(bad));
        }
        if s.len() != 64 {
            return Err(TxidError::Length(s.chars().count()));
        }
        Ok(Txid(s.to_ascii_lowercase()))
    }

    /// The 64 lower-case hex digits.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first 8 and last 4 digits, as the press writes them: `c3b9a4a0…4280`.
    #[must_use]
    pub fn short(&self) -> String {
        format!("{}…{}", &self.0[..8], &self.0[60..])
    }

    /// The coinbase marker txid (64 zeros) that explorers put on coinbase inputs.
    #[must_use]
    pub fn is_null(&self) -> bool {
        self.0.bytes().all(|b| b == b'0')
    }
}

impl FromStr for Txid {
    type Err = TxidError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Txid::parse(s)
    }
}

impl TryFrom<String> for Txid {
    type Error = TxidError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Txid::parse(&s)
    }
}

impl From<Txid> for String {
    fn from(t: Txid) -> String {
        t.0
    }
}

impl fmt::Display for Txid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
