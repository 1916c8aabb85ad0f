//! Esplora wire types, exactly as `GET /tx/:txid` and friends send them (electrs `rest.rs`).
//!
//! Kept apart from the chain model (mempool's frontend mixes the two; we don't). Keys the server
//! omits are `Option` with `skip_serializing_if`, so a decoded reply re-encodes the same way.

use serde::{Deserialize, Serialize};

/// `GET /tx/:txid`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EsploraTx {
    pub txid: String,
    pub version: u32,
    pub locktime: u32,
    pub vin: Vec<EsploraVin>,
    pub vout: Vec<EsploraVout>,
    pub size: u32,
    pub weight: u64,
    /// mempool.space only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigops: Option<u32>,
    /// Satoshis; 0 for a coinbase.
    pub fee: u64,
    pub status: EsploraStatus,
}

/// One input. `prevout` is `null` for a coinbase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EsploraVin {
    pub txid: String,
    pub vout: u32,
    pub prevout: Option<EsploraVout>,
    pub scriptsig: String,
    pub scriptsig_asm: String,
    /// Omitted when empty (old servers sent `null`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub witness: Option<Vec<String>>,
    pub is_coinbase: bool,
    pub sequence: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inner_redeemscript_asm: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inner_witnessscript_asm: Option<String>,
}

/// One output (also the shape of `prevout`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EsploraVout {
    pub scriptpubkey: String,
    pub scriptpubkey_asm: String,
    /// Open set of strings: `p2pkh`, `v0_p2wpkh`, `op_return`, `unknown`, `anchor`, …
    pub scriptpubkey_type: String,
    /// Absent for P2PK, `OP_RETURN`, bare multisig, empty scripts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scriptpubkey_address: Option<String>,
    pub value: u64,
}

/// `status` of a tx; unconfirmed is `{"confirmed":false}` with the block keys omitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EsploraStatus {
    pub confirmed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_height: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_time: Option<u64>,
}

/// `GET /address/:a`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EsploraAddress {
    pub address: String,
    pub chain_stats: EsploraStats,
    pub mempool_stats: EsploraStats,
}

/// Funded/spent counters of an address (satoshis).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EsploraStats {
    pub funded_txo_count: u64,
    pub funded_txo_sum: u64,
    pub spent_txo_count: u64,
    pub spent_txo_sum: u64,
    pub tx_count: u64,
}

/// One element of `GET /tx/:txid/outspends` (index = vout), or `GET /tx/:txid/outspend/:vout`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EsploraSpending {
    pub spent: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub txid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vin: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EsploraStatus>,
}

/// One element of `GET /address/:a/utxo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EsploraUtxo {
    pub txid: String,
    pub vout: u32,
    pub status: EsploraStatus,
    pub value: u64,
}
