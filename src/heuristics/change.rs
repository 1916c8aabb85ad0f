//! Which output of a transaction is likely change: every signal, then one verdict.
//!
//! Follows Esplora: only transactions with exactly two spendable outputs are judged; coinbases and
//! CoinJoins have no change. When the signals agree the verdict names the output with all their
//! reasons; when they disagree it names none and says the signals conflict.

use std::collections::BTreeSet;

use super::coinjoin::detect_coinjoin;
use super::reason::Reason;
use super::shape::spendable_outputs;
use super::signals::{self, Side, Signal};
use crate::chain::{Tx, Txid};

/// What the change heuristics may know beyond the transaction itself.
pub struct ChangeContext<'a> {
    /// `Some(true)` if the address's first appearance on chain is in this transaction, `Some(false)`
    /// if it appeared earlier, `None` if unknown (its history is not loaded).
    pub first_seen: &'a dyn Fn(&str, &Txid) -> Option<bool>,
}

fn history_unknown(_address: &str, _txid: &Txid) -> Option<bool> {
    None
}

impl ChangeContext<'static> {
    /// A context with no address history: the first-appearance signal stays silent.
    #[must_use]
    pub fn without_history() -> ChangeContext<'static> {
        ChangeContext {
            first_seen: &history_unknown,
        }
    }
}

/// The change verdict for one transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChangeVerdict {
    /// The likely change output, when the signals point at one.
    pub change_vout: Option<u32>,
    /// Every signal that spoke, in a fixed order (plus the CoinJoin reason when that rules change out).
    pub reasons: Vec<Reason>,
    /// Signals pointed at different outputs, so no change is named.
    pub conflicting: bool,
}

/// Judges which output of `tx` is likely change.
///
/// ```
/// use spoor::chain::{Sats, Tx, TxInput, TxOutput, TxStatus, Txid};
/// use spoor::heuristics::{detect_change, ChangeContext, HeuristicId};
/// let out = |address: &str, value| TxOutput {
///     address: Some(address.to_string()), value_sats: Sats(value), script_type: "v0_p2wpkh".to_string(),
/// };
/// // sender ──1.0 BTC──► tx ──0.5 BTC──► shop     (vout 0, round)
/// //                        └─0.49987654──► sender (vout 1, pays the input's address)
/// let tx = Tx {
///     txid: Txid::parse(&"ab".repeat(32)).unwrap(),
///     inputs: vec![TxInput {
///         prev_txid: Some(Txid::parse(&"cd".repeat(32)).unwrap()),
///         prev_vout: 0,
///         prevout: Some(out("sender", 100_000_000)),
///     }],
///     outputs: vec![out("shop", 50_000_000), out("sender", 49_987_654)],
///     fee_sats: Sats(12_346),
///     status: TxStatus::Unconfirmed,
/// };
/// let verdict = detect_change(&tx, &ChangeContext::without_history());
/// assert_eq!(verdict.change_vout, Some(1));
/// assert!(verdict.reasons.iter().any(|r| r.heuristic == HeuristicId::AddressReuse));
/// assert!(!verdict.conflicting);
/// ```
#[must_use]
pub fn detect_change(tx: &Tx, ctx: &ChangeContext<'_>) -> ChangeVerdict {
    if tx.is_coinbase() {
        return ChangeVerdict::default();
    }
    if let Some((_, reason)) = detect_coinjoin(tx) {
        return ChangeVerdict {
            reasons: vec![reason],
            ..ChangeVerdict::default()
        };
    }
    let spendable = spendable_outputs(tx);
    let [(vout_a, output_a), (vout_b, output_b)] = spendable.as_slice() else {
        return ChangeVerdict::default();
    };
    let a = Side {
        vout: *vout_a,
        output: output_a,
    };
    let b = Side {
        vout: *vout_b,
        output: output_b,
    };
    let signals: Vec<Signal> = [
        signals::address_reuse(tx, a, b),
        signals::script_type_mismatch(tx, a, b),
        signals::round_payment(a, b),
        signals::unnecessary_input(tx, a, b),
        signals::first_appearance(&tx.txid, ctx.first_seen, a, b),
        signals::value_disparity(a, b),
    ]
    .into_iter()
    .flatten()
    .collect();
    combine(signals)
}

/// Agreeing signals name their output; disagreeing ones name none and mark the conflict.
fn combine(signals: Vec<Signal>) -> ChangeVerdict {
    let candidates: BTreeSet<u32> = signals.iter().filter_map(|signal| signal.change_vout).collect();
    let reasons = signals.into_iter().map(|signal| signal.reason).collect();
    let mut candidates = candidates.into_iter();
    match (candidates.next(), candidates.next()) {
        (Some(vout), None) => ChangeVerdict {
            change_vout: Some(vout),
            reasons,
            conflicting: false,
        },
        (Some(_), Some(_)) => ChangeVerdict {
            change_vout: None,
            reasons,
            conflicting: true,
        },
        (None, _) => ChangeVerdict {
            change_vout: None,
            reasons,
            conflicting: false,
        },
    }
}
