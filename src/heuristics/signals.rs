//! The individual change signals for a two-output transaction; `change.rs` combines them.

use super::reason::{HeuristicId, Reason};
use super::sentence::Sentence;
use super::shape::{input_addresses, trailing_zeros};
use crate::chain::{Sats, Tx, TxOutput, Txid};

/// One output of the two, with its vout.
#[derive(Clone, Copy)]
pub(crate) struct Side<'t> {
    pub vout: u32,
    pub output: &'t TxOutput,
}

/// What one heuristic says: an output that is likely change (or none, for UIH2), and why.
pub(crate) struct Signal {
    pub change_vout: Option<u32>,
    pub reason: Reason,
}

fn change(side: Side<'_>, heuristic: HeuristicId, sentence: Sentence) -> Option<Signal> {
    Some(Signal {
        change_vout: Some(side.vout),
        reason: Reason::new(heuristic, sentence),
    })
}

/// Exactly one output pays an address that also funded an input: that output is change.
pub(crate) fn address_reuse(tx: &Tx, a: Side<'_>, b: Side<'_>) -> Option<Signal> {
    let inputs = input_addresses(tx);
    let reused = |side: Side<'_>| {
        side.output
            .address
            .as_deref()
            .is_some_and(|address| inputs.contains(address))
    };
    let (change_side, other) = match (reused(a), reused(b)) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return None,
    };
    let sentence = Sentence::AddressReuse {
        change: change_side.vout,
        payment: other.vout,
    };
    change(change_side, HeuristicId::AddressReuse, sentence)
}

/// The outputs' script types differ and only one of them appears among the inputs: that one is change.
pub(crate) fn script_type_mismatch(tx: &Tx, a: Side<'_>, b: Side<'_>) -> Option<Signal> {
    if a.output.script_type == b.output.script_type {
        return None;
    }
    let in_inputs = |side: Side<'_>| {
        tx.inputs
            .iter()
            .filter_map(|input| input.prevout.as_ref())
            .any(|prevout| prevout.script_type == side.output.script_type)
    };
    let (change_side, other) = match (in_inputs(a), in_inputs(b)) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return None,
    };
    let sentence = Sentence::ScriptTypeMismatch {
        change: change_side.vout,
        change_script: change_side.output.script_type.clone(),
        other: other.vout,
        other_script: other.output.script_type.clone(),
    };
    change(change_side, HeuristicId::ScriptTypeMismatch, sentence)
}

/// The outputs' decimal trailing-zero counts differ by at least 3: the round one is the payment.
pub(crate) fn round_payment(a: Side<'_>, b: Side<'_>) -> Option<Signal> {
    let zeros_a = trailing_zeros(a.output.value_sats);
    let zeros_b = trailing_zeros(b.output.value_sats);
    if zeros_a.abs_diff(zeros_b) < 3 {
        return None;
    }
    let (payment, change_side) = if zeros_a > zeros_b { (a, b) } else { (b, a) };
    let sentence = Sentence::RoundPayment {
        payment: payment.vout,
        payment_sats: payment.output.value_sats,
        change: change_side.vout,
        change_sats: change_side.output.value_sats,
    };
    change(change_side, HeuristicId::RoundPayment, sentence)
}

/// Unnecessary-input heuristic. With m = Σin − min(in): m ≥ larger + fee is UIH2 (exotic, no
/// change); else m ≥ smaller + fee is UIH1 (the smaller output is change). Skipped for one input,
/// unknown prevouts, or inputs that repeat an address (wallets spend those together on purpose).
pub(crate) fn unnecessary_input(tx: &Tx, a: Side<'_>, b: Side<'_>) -> Option<Signal> {
    let values: Vec<Sats> = tx
        .inputs
        .iter()
        .map(|input| input.prevout.as_ref().map(|prevout| prevout.value_sats))
        .collect::<Option<_>>()?;
    let addresses: Vec<&str> = tx
        .inputs
        .iter()
        .filter_map(|input| input.prevout.as_ref()?.address.as_deref())
        .collect();
    if values.len() < 2 || input_addresses(tx).len() < addresses.len() {
        return None;
    }
    let total = values
        .iter()
        .try_fold(Sats::ZERO, |sum, value| sum.checked_add(*value))?;
    let smallest_input = values.iter().copied().min()?;
    let without_smallest = total.checked_sub(smallest_input)?;
    let (small, large) = if a.output.value_sats <= b.output.value_sats {
        (a, b)
    } else {
        (b, a)
    };
    let covers = |side: Side<'_>| {
        side.output
            .value_sats
            .checked_add(tx.fee_sats)
            .is_some_and(|needed| without_smallest >= needed)
    };
    if covers(large) {
        let sentence = Sentence::UnnecessaryInput {
            smallest_input_sats: smallest_input,
        };
        return Some(Signal {
            change_vout: None,
            reason: Reason::new(HeuristicId::ExoticUih2, sentence),
        });
    }
    if !covers(small) {
        return None;
    }
    let sentence = Sentence::OptimalChange {
        small: small.vout,
        large: large.vout,
    };
    change(small, HeuristicId::OptimalChange, sentence)
}

/// The only output whose address appears for the first time is change (needs both answers known).
pub(crate) fn first_appearance(
    txid: &Txid,
    first_seen: &dyn Fn(&str, &Txid) -> Option<bool>,
    a: Side<'_>,
    b: Side<'_>,
) -> Option<Signal> {
    let fresh = |side: Side<'_>| first_seen(side.output.address.as_deref()?, txid);
    let (change_side, other) = match (fresh(a)?, fresh(b)?) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return None,
    };
    let sentence = Sentence::FirstAppearance {
        change: change_side.vout,
        other: other.vout,
    };
    change(change_side, HeuristicId::FirstAppearance, sentence)
}

/// One output at least 100 times the other (and the smaller not zero): the larger is change.
pub(crate) fn value_disparity(a: Side<'_>, b: Side<'_>) -> Option<Signal> {
    let (small, large) = if a.output.value_sats <= b.output.value_sats {
        (a, b)
    } else {
        (b, a)
    };
    let small_sats = u128::from(small.output.value_sats.to_u64());
    if small_sats == 0 || u128::from(large.output.value_sats.to_u64()) < small_sats * 100 {
        return None;
    }
    let sentence = Sentence::ValueDisparity {
        large: large.vout,
        large_sats: large.output.value_sats,
        small: small.vout,
        small_sats: small.output.value_sats,
    };
    change(large, HeuristicId::ValueDisparity, sentence)
}
