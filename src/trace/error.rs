//! Why a trace could not start. Once started, failed lookups do not abort it: their taint
//! becomes frontier and the errors are listed in the result.

use crate::chain::Txid;
use crate::explorer::ExplorerError;

/// A trace that could not resolve its start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TraceError {
    /// The start address's history could not be loaded.
    #[error("could not load the history of {address}: {source}")]
    History {
        /// The start address.
        address: String,
        /// What the explorer said.
        source: ExplorerError,
    },
    /// A start transaction could not be loaded.
    #[error("could not load start transaction {txid}: {source}")]
    StartTx {
        /// The start tx.
        txid: Txid,
        /// What the explorer said.
        source: ExplorerError,
    },
    /// A start outpoint names an output its transaction does not have.
    #[error("transaction {txid} has no output {vout}")]
    NoSuchOutput {
        /// The tx.
        txid: Txid,
        /// The missing output index.
        vout: u32,
    },
    /// The start has no outputs carrying value (e.g. an address that only ever paid itself).
    #[error("nothing to trace: {what} has no source outputs with value")]
    NothingToTrace {
        /// The start, as the user gave it.
        what: String,
    },
}

impl TraceError {
    /// Why the trace could not start, in `lang` (the `Display` text is the English one).
    #[must_use]
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::tr;
        match self {
            TraceError::History { address, source } => tr!(
                lang,
                "trace_error.history",
                address = address,
                error = source.message(lang)
            ),
            TraceError::StartTx { txid, source } => tr!(
                lang,
                "trace_error.start_tx",
                txid = txid.to_string(),
                error = source.message(lang)
            ),
            TraceError::NoSuchOutput { txid, vout } => tr!(
                lang,
                "trace_error.no_such_output",
                txid = txid.to_string(),
                vout = vout.to_string()
            ),
            TraceError::NothingToTrace { what } => tr!(lang, "trace_error.nothing_to_trace", what = what),
        }
    }

    /// The explorer's error behind it, if any.
    #[must_use]
    pub fn explorer_error(&self) -> Option<&ExplorerError> {
        match self {
            TraceError::History { source, .. } | TraceError::StartTx { source, .. } => Some(source),
            TraceError::NoSuchOutput { .. } | TraceError::NothingToTrace { .. } => None,
        }
    }
}
