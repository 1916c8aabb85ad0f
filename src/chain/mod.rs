//! The chain model: what a transaction, an address and an amount are, independent of any explorer.

mod address;
mod query;
pub(crate) mod sats;
mod tx;
mod txid;

pub use address::{Address, AddressError, AddressKind};
pub use query::{parse_query, Query, QueryError};
pub use sats::Sats;
pub use tx::{Tx, TxInput, TxOutput, TxStatus};
pub use txid::{Txid, TxidError};

/// A blockchain Spoor can trace. Bitcoin first; later issues add BCH, LTC, DOGE, MONA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Chain {
    /// Bitcoin mainnet.
    Btc,
}

impl Chain {
    /// The short code used in routes, config files and label CSVs (`btc`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Chain::Btc => "btc",
        }
    }

    /// Parses a route/config code (`btc`).
    #[must_use]
    pub fn from_code(code: &str) -> Option<Chain> {
        match code.to_ascii_lowercase().as_str() {
            "btc" => Some(Chain::Btc),
            _ => None,
        }
    }

    /// The ticker shown next to amounts.
    #[must_use]
    pub fn ticker(self) -> &'static str {
        match self {
            Chain::Btc => "BTC",
        }
    }
}
