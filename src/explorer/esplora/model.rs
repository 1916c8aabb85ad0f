//! Explorer-neutral answers that are not transactions: address summaries, spends, unspent outputs.

use crate::chain::{Sats, TxStatus, Txid};

/// What an explorer knows about an address as a whole (`GET /address/:a`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AddressSummary {
    /// The address as the explorer spelled it.
    pub address: String,
    /// Confirmed transactions touching the address.
    pub confirmed_tx_count: u64,
    /// Unconfirmed transactions touching the address.
    pub mempool_tx_count: u64,
    /// Everything ever received, chain plus mempool.
    pub received_sats: Sats,
    /// Everything ever spent, chain plus mempool.
    pub sent_sats: Sats,
    /// `received_sats - sent_sats`, chain plus mempool, saturating at zero.
    pub balance_sats: Sats,
}

impl AddressSummary {
    /// All transactions, confirmed or not.
    #[must_use]
    pub fn tx_count(&self) -> u64 {
        self.confirmed_tx_count.saturating_add(self.mempool_tx_count)
    }
}

/// The transaction input that spends an output (`GET /tx/:txid/outspends`, one element).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Spend {
    /// The spending transaction.
    pub txid: Txid,
    /// The input index inside the spending transaction.
    pub vin: u32,
    /// Whether the spending transaction is confirmed.
    pub status: TxStatus,
}

/// One unspent output of an address (`GET /address/:a/utxo`, one element).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Utxo {
    /// The transaction that created it.
    pub txid: Txid,
    /// Its output index.
    pub vout: u32,
    /// Its value.
    pub value_sats: Sats,
    /// Whether the creating transaction is confirmed.
    pub status: TxStatus,
}
