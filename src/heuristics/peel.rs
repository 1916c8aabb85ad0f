//! Peel chains: one-input, two-output transactions that each peel a payment off and pass the rest on.
//!
//! BlockSci calls a 1-in-2-out transaction a peel step when its parent or one of its spending
//! children is also 1-in-2-out. The continuing output is the one the next step spends; without
//! that, the larger one ("the smaller output is typically the payment", am-i.exposed).

use std::collections::{BTreeMap, BTreeSet};

use super::reason::{HeuristicId, Reason};
use super::sentence::Sentence;
use super::shape::looks_like_peel;
use crate::chain::{Sats, Tx, Txid};

/// One step of a peel chain.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PeelStep {
    /// The output that carries the rest of the coins on.
    pub continuing_vout: u32,
    /// The output that was peeled off, likely a payment.
    pub payment_vout: u32,
    /// Why.
    pub reason: Reason,
}

/// A maximal run of peel steps, each spending the previous step's continuing output.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PeelChain {
    /// The steps in spending order.
    pub txids: Vec<Txid>,
    /// Each step's peeled-off output.
    pub payments: Vec<(Txid, u32)>,
    /// Sum of the peeled-off outputs.
    pub total_paid_sats: Sats,
    /// One sentence summing the chain up.
    pub reason: Reason,
}

/// Whether `tx` is a peel step given its parent (the tx its input spends) and the txs that spend
/// its outputs, and which output continues. Parents and children that do not link to `tx` are ignored.
#[must_use]
pub fn peel_step(tx: &Tx, parent: Option<&Tx>, children: &[&Tx]) -> Option<PeelStep> {
    if !looks_like_peel(tx) {
        return None;
    }
    let spent = tx.inputs.first()?.prev_txid.as_ref()?;
    let parent_peels = parent.is_some_and(|p| &p.txid == spent && looks_like_peel(p));
    let child_vouts: BTreeSet<u32> = children
        .iter()
        .filter(|child| looks_like_peel(child))
        .filter_map(|child| child.inputs.first())
        .filter(|input| input.prev_txid.as_ref() == Some(&tx.txid) && input.prev_vout < 2)
        .map(|input| input.prev_vout)
        .collect();
    if !parent_peels && child_vouts.is_empty() {
        return None;
    }
    let [first, second] = tx.outputs.as_slice() else {
        return None;
    };
    let mut vouts = child_vouts.iter();
    let (continuing_vout, next_step_spends) = match (vouts.next(), vouts.next()) {
        (Some(&vout), None) => (vout, true),
        // Equal outputs keep vout 0 so the answer is still deterministic.
        _ if second.value_sats > first.value_sats => (1, false),
        _ => (0, false),
    };
    let payment_vout = 1 - continuing_vout;
    let (continuing, payment) = if continuing_vout == 0 {
        (first, second)
    } else {
        (second, first)
    };
    let sentence = Sentence::PeelStep {
        continuing: continuing_vout,
        continuing_sats: continuing.value_sats,
        next_step_spends,
        payment: payment_vout,
        payment_sats: payment.value_sats,
    };
    Some(PeelStep {
        continuing_vout,
        payment_vout,
        reason: Reason::new(HeuristicId::PeelChain, sentence),
    })
}

/// Finds the maximal peel chains (two steps or more) among `txs`, e.g. all txs of a trace.
/// Chains come in the order of their first transaction in `txs`; duplicates are ignored.
#[must_use]
pub fn peel_chains(txs: &[&Tx]) -> Vec<PeelChain> {
    let mut unique: Vec<&Tx> = Vec::new();
    let mut index_of: BTreeMap<&Txid, usize> = BTreeMap::new();
    for tx in txs {
        if !index_of.contains_key(&tx.txid) {
            index_of.insert(&tx.txid, unique.len());
            unique.push(tx);
        }
    }
    // Who spends each outpoint, in input order.
    let mut spenders: BTreeMap<(&Txid, u32), Vec<usize>> = BTreeMap::new();
    for (index, tx) in unique.iter().enumerate() {
        for input in &tx.inputs {
            if let Some(prev_txid) = &input.prev_txid {
                spenders.entry((prev_txid, input.prev_vout)).or_default().push(index);
            }
        }
    }
    let steps: Vec<Option<PeelStep>> = unique
        .iter()
        .map(|tx| {
            let parent = tx
                .inputs
                .first()
                .and_then(|input| input.prev_txid.as_ref())
                .and_then(|txid| index_of.get(txid))
                .and_then(|&index| unique.get(index).copied());
            let children: Vec<&Tx> = (0..2)
                .flat_map(|vout| spenders_in(&spenders, &tx.txid, vout))
                .filter_map(|&index| unique.get(index).copied())
                .collect();
            peel_step(tx, parent, &children)
        })
        .collect();

    // The next step is the first peel step spending this step's continuing output.
    let mut next: Vec<Option<usize>> = vec![None; unique.len()];
    let mut has_previous = vec![false; unique.len()];
    for (index, (tx, step)) in unique.iter().zip(&steps).enumerate() {
        let Some(step) = step else { continue };
        let follower = spenders_in(&spenders, &tx.txid, step.continuing_vout)
            .iter()
            .copied()
            .find(|&j| j != index && matches!(steps.get(j), Some(Some(_))));
        if let (Some(j), Some(slot)) = (follower, next.get_mut(index)) {
            *slot = Some(j);
            if let Some(flag) = has_previous.get_mut(j) {
                *flag = true;
            }
        }
    }

    let mut chains = Vec::new();
    for start in 0..unique.len() {
        if has_previous.get(start).copied().unwrap_or(true) || !matches!(steps.get(start), Some(Some(_))) {
            continue;
        }
        let mut visited = BTreeSet::new();
        let mut members = Vec::new();
        let mut cursor = Some(start);
        while let Some(index) = cursor {
            if !visited.insert(index) {
                break; // A cycle can only come from bad data; stop rather than loop.
            }
            if let (Some(tx), Some(Some(step))) = (unique.get(index), steps.get(index)) {
                members.push((*tx, step));
            }
            cursor = next.get(index).copied().flatten();
        }
        if members.len() >= 2 {
            chains.push(chain_from(&members));
        }
    }
    chains
}

/// The txs (by index) that spend `txid:vout`.
fn spenders_in<'m, 'k>(spenders: &'m BTreeMap<(&'k Txid, u32), Vec<usize>>, txid: &'k Txid, vout: u32) -> &'m [usize] {
    spenders.get(&(txid, vout)).map_or(&[], Vec::as_slice)
}

fn chain_from(members: &[(&Tx, &PeelStep)]) -> PeelChain {
    let payments: Vec<(Txid, u32)> = members
        .iter()
        .map(|(tx, step)| (tx.txid.clone(), step.payment_vout))
        .collect();
    let total_paid_sats: Sats = members
        .iter()
        .filter_map(|(tx, step)| tx.outputs.get(usize::try_from(step.payment_vout).ok()?))
        .map(|output| output.value_sats)
        .sum();
    let sentence = Sentence::PeelChain {
        steps: members.len(),
        payments: payments.len(),
        total_sats: total_paid_sats,
    };
    PeelChain {
        txids: members.iter().map(|(tx, _)| tx.txid.clone()).collect(),
        payments,
        total_paid_sats,
        reason: Reason::new(HeuristicId::PeelChain, sentence),
    }
}
