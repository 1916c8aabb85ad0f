//! The order a trace computes transactions in: each tx after every fetched tx its taint can come
//! from (forward: the txs it spends from; backward: the txs spending it), shallow rounds first.

use std::collections::{BTreeMap, BTreeSet};

use super::{Direction, TraceData};
use crate::chain::Txid;

/// The fetched txs in dependency order, and those left over because the data has a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Order {
    /// Txs in the order to compute them.
    pub sorted: Vec<Txid>,
    /// Txs on or behind a cycle (invalid data): never computed.
    pub cyclic: Vec<Txid>,
}

/// Kahn's algorithm over the fetched DAG; ties broken by (fetch round, txid), so deterministic.
pub(crate) fn dependency_order(data: &TraceData, direction: Direction) -> Order {
    // `before[a]` = txs that must wait for `a`; `waiting[b]` = how many txs `b` still waits for.
    let mut before: BTreeMap<&Txid, BTreeSet<&Txid>> = BTreeMap::new();
    let mut waiting: BTreeMap<&Txid, usize> = data.txs.keys().map(|t| (t, 0)).collect();
    for (txid, tx) in &data.txs {
        for input in &tx.inputs {
            let Some((parent, _)) = input
                .prev_txid
                .as_ref()
                .and_then(|p| data.txs.get_key_value(p))
                .filter(|(p, _)| *p != txid)
            else {
                continue;
            };
            let (first, second) = match direction {
                Direction::Forward => (parent, txid),
                Direction::Backward => (txid, parent),
            };
            if before.entry(first).or_default().insert(second) {
                *waiting.entry(second).or_default() += 1;
            }
        }
    }
    let round = |t: &Txid| data.round_by_txid.get(t).copied().unwrap_or(0);
    let mut ready: BTreeSet<(u32, &Txid)> = waiting
        .iter()
        .filter(|(_, &n)| n == 0)
        .map(|(t, _)| (round(t), *t))
        .collect();
    let mut sorted = Vec::with_capacity(data.txs.len());
    while let Some((_, txid)) = ready.pop_first() {
        sorted.push(txid.clone());
        for next in before.get(txid).into_iter().flatten() {
            if let Some(n) = waiting.get_mut(next) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    ready.insert((round(next), next));
                }
            }
        }
    }
    let done: BTreeSet<&Txid> = sorted.iter().collect();
    let cyclic = data.txs.keys().filter(|t| !done.contains(t)).cloned().collect();
    Order { sorted, cyclic }
}
