//! What can be wrong with a chain file; every variant names the 1-based line.

/// Why a chain file was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainFileError {
    /// The line is not a JSON `GET /tx/:txid` object.
    #[error("chain file line {line}: not an Esplora transaction: {message}")]
    BadJson {
        /// 1-based line number.
        line: usize,
        /// The JSON decoder's complaint.
        message: String,
    },
    /// The `txid` is not 64 hex digits.
    #[error("chain file line {line}: bad txid {txid:?}")]
    BadTxid {
        /// 1-based line number.
        line: usize,
        /// The txid as written.
        txid: String,
    },
    /// The same txid appeared on an earlier line.
    #[error("chain file line {line}: duplicate txid {txid} (first on line {first_line})")]
    DuplicateTxid {
        /// 1-based line number of the repeat.
        line: usize,
        /// 1-based line number of the first occurrence.
        first_line: usize,
        /// The repeated txid.
        txid: String,
    },
    /// `status.confirmed` is true but `status.block_height` is missing.
    #[error("chain file line {line}: tx {txid} is confirmed but has no block_height")]
    ConfirmedWithoutHeight {
        /// 1-based line number.
        line: usize,
        /// The tx concerned.
        txid: String,
    },
    /// Two txs at one height name different block hashes.
    #[error("chain file line {line}: block {height} has hash {hash}, but an earlier line says {earlier_hash}")]
    BlockHashConflict {
        /// 1-based line number.
        line: usize,
        /// The block height.
        height: u32,
        /// The hash on this line.
        hash: String,
        /// The hash an earlier line gave.
        earlier_hash: String,
    },
}
