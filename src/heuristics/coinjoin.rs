//! CoinJoin shapes: Whirlpool, WabiSabi, BlockSci's `isCoinjoin` and Esplora's "CoinJoin-like".
//!
//! A CoinJoin mixes several owners' coins, so change and common-input ownership do not apply to it.

use std::collections::BTreeSet;

use super::reason::{HeuristicId, Reason};
use super::sentence::Sentence;
use super::shape::{most_common_value, spendable_outputs, spending_input_count, value_counts};
use crate::chain::{Sats, Tx};

/// Whirlpool pool sizes: 0.0005, 0.001, 0.01, 0.05 and 0.5 BTC (am-i.exposed).
pub const WHIRLPOOL_DENOMINATIONS_SATS: [Sats; 5] = [
    Sats(50_000),
    Sats(100_000),
    Sats(1_000_000),
    Sats(5_000_000),
    Sats(50_000_000),
];

/// Dust values BlockSci refuses as a CoinJoin's common output (546 and 2730 sats).
const BLOCKSCI_DUST_SATS: [Sats; 2] = [Sats(546), Sats(2730)];

/// Which CoinJoin shape a transaction has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CoinJoinKind {
    /// BlockSci's generic shape: each participant gets one equal output (and maybe change).
    BlockSci {
        /// Participants, `(outputs + 1) / 2`.
        participants: u32,
    },
    /// A Whirlpool mix at one pool size.
    Whirlpool {
        /// The pool size.
        denomination_sats: Sats,
    },
    /// A WabiSabi (Wasabi 2) round.
    WabiSabi,
    /// Esplora's looser equal-output rule.
    EsploraLike,
}

/// Whether the transaction has any CoinJoin shape.
#[must_use]
pub fn is_coinjoin(tx: &Tx) -> bool {
    detect_coinjoin(tx).is_some()
}

/// The most specific CoinJoin shape the transaction has (Whirlpool, then WabiSabi, then BlockSci,
/// then Esplora's rule), with a sentence saying why; `None` for coinbases and ordinary payments.
#[must_use]
pub fn detect_coinjoin(tx: &Tx) -> Option<(CoinJoinKind, Reason)> {
    if tx.is_coinbase() || spending_input_count(tx) < 2 {
        return None;
    }
    whirlpool(tx)
        .or_else(|| wabisabi(tx))
        .or_else(|| blocksci(tx))
        .or_else(|| esplora_like(tx))
}

/// 5–10 spendable outputs, at least 5 of them exactly one pool size, at most one other.
fn whirlpool(tx: &Tx) -> Option<(CoinJoinKind, Reason)> {
    let spendable = spendable_outputs(tx);
    if !(5..=10).contains(&spendable.len()) {
        return None;
    }
    WHIRLPOOL_DENOMINATIONS_SATS.iter().find_map(|&denomination_sats| {
        let equal = spendable
            .iter()
            .filter(|(_, o)| o.value_sats == denomination_sats)
            .count();
        let others = spendable.len() - equal;
        (equal >= 5 && others <= 1).then(|| {
            let sentence = Sentence::Whirlpool {
                equal,
                outputs: spendable.len(),
                denomination_sats,
            };
            (
                CoinJoinKind::Whirlpool { denomination_sats },
                Reason::new(HeuristicId::Whirlpool, sentence),
            )
        })
    })
}

/// At least 20 inputs and 20 spendable outputs, the most common value at least 5 times.
fn wabisabi(tx: &Tx) -> Option<(CoinJoinKind, Reason)> {
    let spendable = spendable_outputs(tx);
    let inputs = spending_input_count(tx);
    if inputs < 20 || spendable.len() < 20 {
        return None;
    }
    let (value_sats, count) = most_common_value(&value_counts(spendable.iter().map(|(_, o)| *o)), |_| true)?;
    (count >= 5).then(|| {
        let sentence = Sentence::WabiSabi {
            inputs,
            outputs: spendable.len(),
            count,
            value_sats,
        };
        (CoinJoinKind::WabiSabi, Reason::new(HeuristicId::WabiSabi, sentence))
    })
}

/// BlockSci `isCoinjoin`: ≥2 inputs, ≥3 outputs, p = (outputs+1)/2 participants at most the
/// inputs and the distinct input addresses, the most common output value exactly p times, not dust.
fn blocksci(tx: &Tx) -> Option<(CoinJoinKind, Reason)> {
    let outputs = tx.outputs.len();
    if tx.inputs.len() < 2 || outputs < 3 {
        return None;
    }
    let participants = outputs.div_ceil(2);
    // An input without a known address counts as its own participant, keyed by its outpoint.
    let distinct_inputs: BTreeSet<String> = tx
        .inputs
        .iter()
        .map(|input| match input.prevout.as_ref().and_then(|p| p.address.clone()) {
            Some(address) => address,
            None => format!("{:?}:{}", input.prev_txid, input.prev_vout),
        })
        .collect();
    if participants > tx.inputs.len() || participants > distinct_inputs.len() {
        return None;
    }
    let counts = value_counts(&tx.outputs);
    let (value_sats, count) = most_common_value(&counts, |v| !BLOCKSCI_DUST_SATS.contains(&v))?;
    if count != participants || BLOCKSCI_DUST_SATS.contains(&value_sats) {
        return None;
    }
    let participants = u32::try_from(participants).ok()?;
    let sentence = Sentence::CoinJoin {
        participants,
        value_sats,
    };
    Some((
        CoinJoinKind::BlockSci { participants },
        Reason::new(HeuristicId::CoinJoinBlockSci, sentence),
    ))
}

/// Esplora: more than one input and some output value at least min(max(⌊outputs/2⌋, 2), 5) times.
fn esplora_like(tx: &Tx) -> Option<(CoinJoinKind, Reason)> {
    let target = (tx.outputs.len() / 2).clamp(2, 5);
    let (value_sats, count) = most_common_value(&value_counts(&tx.outputs), |_| true)?;
    (count >= target).then(|| {
        let sentence = Sentence::EqualOutputs {
            count,
            outputs: tx.outputs.len(),
            value_sats,
        };
        (
            CoinJoinKind::EsploraLike,
            Reason::new(HeuristicId::CoinJoinEqualOutputs, sentence),
        )
    })
}
