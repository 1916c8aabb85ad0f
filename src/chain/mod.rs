//! The chain model: what a transaction, an address and an amount are, independent of any explorer.

mod address;
mod query;
pub(crate) mod sats;
mod tx;
mod txid;

pub use address::{Address, AddressError, AddressKind};
pub use query::{parse_query, Query, QueryError};
pub use sats::Sats;
#[cfg(test)]
pub(crate) use tx::numbered_confirmed_tx;
pub use tx::{Tx, TxInput, TxOutput, TxStatus};
pub use txid::{Txid, TxidError};

/// A blockchain Spoor can trace: Bitcoin and the UTXO coins the Zaif thief took (Bitcoin Cash,
/// Monacoin) or that share their model (Litecoin, Dogecoin).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Chain {
    /// Bitcoin mainnet.
    #[default]
    Btc,
    /// Bitcoin Cash (split from Bitcoin in 2017; cashaddr addresses).
    Bch,
    /// Litecoin.
    Ltc,
    /// Dogecoin.
    Doge,
    /// Monacoin.
    Mona,
}

impl Chain {
    /// Every chain, in the order menus list them.
    pub const ALL: [Chain; 5] = [Chain::Btc, Chain::Bch, Chain::Ltc, Chain::Doge, Chain::Mona];

    /// The short code used in routes, config files and label CSVs (`btc`, `bch`, `ltc`, `doge`, `mona`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Chain::Btc => "btc",
            Chain::Bch => "bch",
            Chain::Ltc => "ltc",
            Chain::Doge => "doge",
            Chain::Mona => "mona",
        }
    }

    /// Parses a route/config code (`btc`, …; any case).
    #[must_use]
    pub fn from_code(code: &str) -> Option<Chain> {
        let code = code.to_ascii_lowercase();
        Chain::ALL.into_iter().find(|chain| chain.code() == code)
    }

    /// The ticker shown next to amounts.
    #[must_use]
    pub fn ticker(self) -> &'static str {
        match self {
            Chain::Btc => "BTC",
            Chain::Bch => "BCH",
            Chain::Ltc => "LTC",
            Chain::Doge => "DOGE",
            Chain::Mona => "MONA",
        }
    }

    /// The chain's name in sentences.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Chain::Btc => "Bitcoin",
            Chain::Bch => "Bitcoin Cash",
            Chain::Ltc => "Litecoin",
            Chain::Doge => "Dogecoin",
            Chain::Mona => "Monacoin",
        }
    }
}
