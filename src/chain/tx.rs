//! A transaction as Spoor models it: explorer-neutral, amounts in satoshis, partial data allowed.

use super::{Sats, Txid};

/// Where a transaction stands in the chain.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TxStatus {
    /// In a block.
    Confirmed {
        /// Block height.
        height: u32,
        /// Block hash (hex).
        block_hash: String,
        /// Block time, seconds since the Unix epoch.
        time_secs: u64,
    },
    /// In the mempool (or dropped).
    Unconfirmed,
}

impl TxStatus {
    /// The block height, if confirmed.
    #[must_use]
    pub fn height(&self) -> Option<u32> {
        match self {
            TxStatus::Confirmed { height, .. } => Some(*height),
            TxStatus::Unconfirmed => None,
        }
    }

    /// The block time, if confirmed.
    #[must_use]
    pub fn time_secs(&self) -> Option<u64> {
        match self {
            TxStatus::Confirmed { time_secs, .. } => Some(*time_secs),
            TxStatus::Unconfirmed => None,
        }
    }
}

/// One output of a transaction.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TxOutput {
    /// The receiving address; `None` for scripts without one (OP_RETURN, P2PK, bare multisig).
    pub address: Option<String>,
    /// The value.
    pub value_sats: Sats,
    /// The explorer's script type (`p2pkh`, `v0_p2wpkh`, `op_return`, …), kept as an open string.
    pub script_type: String,
}

/// One input of a transaction.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TxInput {
    /// The spent output's transaction; `None` for a coinbase input.
    pub prev_txid: Option<Txid>,
    /// The spent output's index.
    pub prev_vout: u32,
    /// The spent output, when the explorer sent it (it does not for coinbase inputs).
    pub prevout: Option<TxOutput>,
}

impl TxInput {
    /// A coinbase input creates coins rather than spending an output.
    #[must_use]
    pub fn is_coinbase(&self) -> bool {
        self.prev_txid.is_none()
    }
}

/// A transaction.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tx {
    /// Its id.
    pub txid: Txid,
    /// Inputs in order.
    pub inputs: Vec<TxInput>,
    /// Outputs in order (index = vout).
    pub outputs: Vec<TxOutput>,
    /// Fee as the explorer reported it (0 for a coinbase).
    pub fee_sats: Sats,
    /// Confirmation status.
    pub status: TxStatus,
}

impl Tx {
    /// Sum of input values that are known; `None` if any non-coinbase input lacks its prevout.
    #[must_use]
    pub fn input_total(&self) -> Option<Sats> {
        let mut total = Sats::ZERO;
        for input in self.inputs.iter().filter(|i| !i.is_coinbase()) {
            total = total.checked_add(input.prevout.as_ref()?.value_sats)?;
        }
        Some(total)
    }

    /// Sum of output values (saturating: untrusted data must not panic).
    #[must_use]
    pub fn output_total(&self) -> Sats {
        self.outputs.iter().map(|o| o.value_sats).sum()
    }

    /// Whether any input is a coinbase input.
    #[must_use]
    pub fn is_coinbase(&self) -> bool {
        self.inputs.iter().any(TxInput::is_coinbase)
    }
}

/// A confirmed transaction with nothing in it but txid `n` (64 hex digits) at height `n`: the
/// paging and caching tests only tell transactions apart.
#[cfg(test)]
pub(crate) fn numbered_confirmed_tx(n: u32) -> Tx {
    Tx {
        txid: Txid::parse(&format!("{n:064x}")).expect("64 hex digits"),
        inputs: Vec::new(),
        outputs: Vec::new(),
        fee_sats: crate::chain::Sats::ZERO,
        status: TxStatus::Confirmed {
            height: n,
            block_hash: String::new(),
            time_secs: 0,
        },
    }
}
