//! Blockbook API v2 wire types (`trezor/blockbook` `api/types.go`), as its JSON sends them.
//!
//! Blockbook omits empty fields (0, "", null, []): every field that can be empty is optional
//! here, and the decoder gives the omitted ones their empty value (a `Vin` without `vout`
//! spends output 0). Amounts are decimal strings in satoshis.

use serde::{Deserialize, Serialize};

/// `GET /api/v2/tx/<txid>`, and the elements of an address page's `transactions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockbookTx {
    pub txid: String,
    #[serde(default)]
    pub vin: Vec<BlockbookVin>,
    #[serde(default)]
    pub vout: Vec<BlockbookVout>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_hash: Option<String>,
    /// `-1` (or omitted) for a mempool tx.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_height: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmations: Option<u64>,
    /// Block time; for a mempool tx, when it was first seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_time: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_in: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<String>,
}

/// One input. A coinbase input has `coinbase` and no `txid`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockbookVin {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub txid: Option<String>,
    /// Omitted for output 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vout: Option<u32>,
    #[serde(default)]
    pub n: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<String>>,
    #[serde(default)]
    pub is_address: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coinbase: Option<String>,
}

/// One output; `spentTxId`/`spentIndex`/`spentHeight` only from servers with a spending index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockbookVout {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default)]
    pub n: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "spentTxId")]
    pub spent_tx_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent_index: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent_height: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hex: Option<String>,
    #[serde(default)]
    pub addresses: Vec<String>,
    #[serde(default)]
    pub is_address: bool,
}

/// `GET /api/v2/address/<a>?details=txs|txids&page=&pageSize=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockbookAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// `-1` when `from`/`to` filters are set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_pages: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items_on_page: Option<u32>,
    pub address: String,
    /// Transactions touching the address (a count).
    #[serde(default)]
    pub txs: u64,
    #[serde(default)]
    pub unconfirmed_txs: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transactions: Option<Vec<BlockbookTx>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub txids: Option<Vec<String>>,
}

/// `GET /api/status` (also `/api/v2`): only what Spoor reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockbookStatus {
    pub blockbook: BlockbookInfo,
}

/// The indexer's part of the status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockbookInfo {
    #[serde(default)]
    pub coin: String,
    pub best_height: u32,
    #[serde(default)]
    pub in_sync: bool,
}

/// `{"error": "…"}`: every error Blockbook sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockbookError {
    pub error: String,
}
