//! Small facts about a transaction's shape that several heuristics share.

use std::collections::{BTreeMap, BTreeSet};

use crate::chain::{Sats, Tx, TxOutput};

/// Script types that cannot be spent (Esplora's `isSpendable` list).
const UNSPENDABLE_SCRIPT_TYPES: [&str; 4] = ["empty", "op_return", "provably_unspendable", "fee"];

/// Whether an output can be spent later (OP_RETURN and friends cannot).
pub(crate) fn is_spendable(output: &TxOutput) -> bool {
    !UNSPENDABLE_SCRIPT_TYPES.contains(&output.script_type.as_str())
}

/// The spendable outputs with their vouts, in vout order.
pub(crate) fn spendable_outputs(tx: &Tx) -> Vec<(u32, &TxOutput)> {
    tx.outputs
        .iter()
        .enumerate()
        .filter(|(_, output)| is_spendable(output))
        .filter_map(|(vout, output)| Some((u32::try_from(vout).ok()?, output)))
        .collect()
}

/// Decimal trailing zeros of a satoshi amount (Esplora's `lostPrecision`; 0 for 0).
pub(crate) fn trailing_zeros(value_sats: Sats) -> u32 {
    let mut value = value_sats.to_u64();
    if value == 0 {
        return 0;
    }
    let mut count = 0;
    while value.is_multiple_of(10) {
        value /= 10;
        count += 1;
    }
    count
}

/// One input, two outputs, not a coinbase: the shape of a peel-chain step (BlockSci).
pub(crate) fn looks_like_peel(tx: &Tx) -> bool {
    tx.inputs.len() == 1 && tx.outputs.len() == 2 && !tx.is_coinbase()
}

/// The addresses that funded the inputs (known prevouts only).
pub(crate) fn input_addresses(tx: &Tx) -> BTreeSet<&str> {
    tx.inputs
        .iter()
        .filter_map(|input| input.prevout.as_ref()?.address.as_deref())
        .collect()
}

/// Number of non-coinbase inputs.
pub(crate) fn spending_input_count(tx: &Tx) -> usize {
    tx.inputs.iter().filter(|input| !input.is_coinbase()).count()
}

/// How often each value occurs, ascending by value.
pub(crate) fn value_counts<'a>(outputs: impl IntoIterator<Item = &'a TxOutput>) -> BTreeMap<Sats, usize> {
    let mut counts = BTreeMap::new();
    for output in outputs {
        *counts.entry(output.value_sats).or_insert(0) += 1;
    }
    counts
}

/// The most common value and its count. Ties go to a value `preferred` accepts, then to the
/// larger value, so the answer never depends on iteration order.
pub(crate) fn most_common_value(
    counts: &BTreeMap<Sats, usize>,
    preferred: impl Fn(Sats) -> bool,
) -> Option<(Sats, usize)> {
    let top = counts.values().copied().max()?;
    let tied = counts
        .iter()
        .filter(|(_, count)| **count == top)
        .map(|(value, _)| *value);
    let chosen = tied
        .clone()
        .filter(|value| preferred(*value))
        .max()
        .or_else(|| tied.max())?;
    Some((chosen, top))
}

/// "0.01 {unit}", for reason sentences: the unit is the chain's ticker, filled in when the
/// sentence is shown (see [`super::Reason::text_in`]); the heuristics do not know the chain.
pub(crate) fn amount(value_sats: Sats) -> String {
    format!("{} {}", value_sats.to_coin_string_short(), super::reason::UNIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_zeros_count_decimal_digits_and_zero_has_none() {
        assert_eq!(trailing_zeros(Sats(50_000_000)), 7);
        assert_eq!(trailing_zeros(Sats(12_345_678)), 0);
        assert_eq!(trailing_zeros(Sats(1_230_000)), 4);
        assert_eq!(trailing_zeros(Sats(0)), 0);
    }

    #[test]
    fn most_common_value_breaks_ties_by_preference_then_size() {
        let counts = BTreeMap::from([(Sats(546), 3), (Sats(1_000), 3), (Sats(2_000), 1)]);
        assert_eq!(most_common_value(&counts, |_| true), Some((Sats(1_000), 3)));
        assert_eq!(most_common_value(&counts, |v| v == Sats(546)), Some((Sats(546), 3)));
        assert_eq!(most_common_value(&BTreeMap::new(), |_| true), None);
    }

    #[test]
    fn op_return_and_fee_outputs_are_not_spendable() {
        let output = |script_type: &str| TxOutput {
            address: None,
            value_sats: Sats(0),
            script_type: script_type.to_string(),
        };
        assert!(!is_spendable(&output("op_return")));
        assert!(!is_spendable(&output("fee")));
        assert!(is_spendable(&output("p2pk")));
    }
}
