//! Value conservation: a transaction's inputs must equal its outputs plus its fee.
//!
//! Explorer data is untrusted, so a mismatch is reported as a warning rather than hidden.

use std::fmt;

use crate::chain::{Chain, Sats, Tx, Txid};

/// Whether `inputs = outputs + fee` holds for a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conservation {
    /// The sums match.
    Balanced,
    /// Cannot be checked: a prevout is missing, or the tx is a coinbase (it creates coins).
    Unknown,
    /// The sums differ, or one of them overflows.
    Broken {
        /// The sum of input values (saturated on overflow).
        inputs_sats: Sats,
        /// The sum of output values (saturated on overflow).
        outputs_sats: Sats,
        /// The reported fee.
        fee_sats: Sats,
    },
}

/// Checks `inputs = outputs + fee` with checked arithmetic (overflow ⇒ `Broken`).
///
/// ```
/// use spoor::chain::{Sats, Tx, TxStatus, Txid};
/// use spoor::flow::{check_conservation, Conservation};
/// let coinbase = Tx {
///     txid: Txid::parse(&"ab".repeat(32)).unwrap(),
///     inputs: vec![spoor::chain::TxInput { prev_txid: None, prev_vout: u32::MAX, prevout: None }],
///     outputs: vec![],
///     fee_sats: Sats(0),
///     status: TxStatus::Unconfirmed,
/// };
/// assert_eq!(check_conservation(&coinbase), Conservation::Unknown);
/// ```
#[must_use]
pub fn check_conservation(tx: &Tx) -> Conservation {
    if tx.is_coinbase() {
        return Conservation::Unknown;
    }
    let mut inputs = Some(Sats::ZERO);
    for input in &tx.inputs {
        let Some(prevout) = &input.prevout else {
            return Conservation::Unknown;
        };
        inputs = inputs.and_then(|sum| sum.checked_add(prevout.value_sats));
    }
    let outputs = tx
        .outputs
        .iter()
        .try_fold(Sats::ZERO, |sum, output| sum.checked_add(output.value_sats));
    let spent = outputs.and_then(|sum| sum.checked_add(tx.fee_sats));
    match (inputs, spent) {
        (Some(inputs), Some(spent)) if inputs == spent => Conservation::Balanced,
        _ => Conservation::Broken {
            inputs_sats: tx
                .inputs
                .iter()
                .filter_map(|i| i.prevout.as_ref())
                .map(|o| o.value_sats)
                .sum(),
            outputs_sats: tx.output_total(),
            fee_sats: tx.fee_sats,
        },
    }
}

/// A transaction whose values do not add up, for the UI's warning list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConservationWarning {
    /// The offending transaction.
    pub txid: Txid,
    /// The sum of its input values.
    pub inputs_sats: Sats,
    /// The sum of its output values.
    pub outputs_sats: Sats,
    /// Its reported fee.
    pub fee_sats: Sats,
    /// The chain (the amounts' unit).
    pub chain: Chain,
}

impl ConservationWarning {
    /// The mismatch in `lang`, amounts written its way (`Display` is the English text).
    #[must_use]
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        let coins = |value: Sats| crate::i18n::coins(lang, value, self.chain);
        crate::tr!(
            lang,
            "conservation.mismatch",
            txid = self.txid.short(),
            inputs = coins(self.inputs_sats),
            outputs = coins(self.outputs_sats),
            fee = coins(self.fee_sats)
        )
    }
}

impl fmt::Display for ConservationWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ticker = self.chain.ticker();
        write!(
            f,
            "tx {}: inputs {} {ticker} ≠ outputs {} {ticker} + fee {} {ticker}",
            self.txid.short(),
            self.inputs_sats.to_coin_string_short(),
            self.outputs_sats.to_coin_string_short(),
            self.fee_sats.to_coin_string_short(),
        )
    }
}
