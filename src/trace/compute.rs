//! The pure half of a trace: taint over already-fetched data, for any method and stop rules.
//!
//! Taint lives on outputs ("edges"). Each tx is computed once, in dependency order, with all its
//! tainted incoming edges; every tainted edge it produces either flows into a fetched tx still to
//! come or stops (with a reason that names its summary bucket). Fees take the rest, so for
//! conserving methods the source equals the sum of stops and fees exactly.

use std::collections::{BTreeMap, BTreeSet};

use super::method::{self, Incoming, Passed};
use super::order::dependency_order;
use super::sides::{in_slots, out_slots, OutSlot};
use super::{
    Direction, EntityTaint, FetchFailure, FetchKind, IntervalSet, Outpoint, ResolvedStart, Stop, StopReason, StopRules,
    TaintMethod, TraceData, TraceResult, TraceSummary, TracedTx,
};
use crate::chain::{Sats, Txid};
use crate::labels::LabelBook;

/// Computes taint over `data` from `start` with `method`, stopping per `rules` and `labels`.
/// Pure and deterministic: switching method or rules needs no refetch.
#[must_use]
pub fn compute(
    data: &TraceData,
    start: &ResolvedStart,
    method: TaintMethod,
    rules: &StopRules,
    labels: &LabelBook,
) -> TraceResult {
    let mut engine = Engine {
        data,
        start,
        method,
        rules,
        labels,
        direction: start.direction,
        spenders: match start.direction {
            Direction::Forward => BTreeMap::new(),
            Direction::Backward => data.spender_index(),
        },
        pending: BTreeMap::new(),
        produced: BTreeSet::new(),
        sources_done: BTreeSet::new(),
        followed: 0,
        result: TraceResult {
            direction: start.direction,
            method,
            summary: TraceSummary {
                conserves: method.conserves(),
                ..TraceSummary::default()
            },
            taint_by_outpoint: BTreeMap::new(),
            intervals_by_outpoint: BTreeMap::new(),
            traced_txs: BTreeMap::new(),
            stops: Vec::new(),
            errors: Vec::new(),
            history_complete: data.history_complete,
        },
    };
    engine.run();
    engine.finish()
}

/// Taint on one output.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Edge {
    taint_sats: u64,
    /// FIFO positions (empty for other methods).
    intervals: IntervalSet,
    /// Hop of the tx that produced it (0 for a source nobody traced into).
    hop: u32,
}

/// Where an edge's taint goes next.
enum Next {
    /// Into this fetched tx, when it is computed.
    Tx(Txid),
    /// Nowhere: it stops here.
    Stop(StopReason),
}

struct Engine<'a> {
    data: &'a TraceData,
    start: &'a ResolvedStart,
    method: TaintMethod,
    rules: &'a StopRules,
    labels: &'a LabelBook,
    direction: Direction,
    /// Backward: the fetched tx spending each output (the producer of that edge).
    spenders: BTreeMap<Outpoint, Txid>,
    /// Tainted edges waiting for their consumer tx.
    pending: BTreeMap<Outpoint, (Edge, Txid)>,
    /// Edges already produced (a second production means contradictory data).
    produced: BTreeSet<Outpoint>,
    /// Sources already given their taint.
    sources_done: BTreeSet<Outpoint>,
    /// Txs followed so far (for `max_txs`).
    followed: usize,
    result: TraceResult,
}

impl Engine<'_> {
    fn run(&mut self) {
        // Sources whose producer was not fetched start right away; the others once it is computed.
        let orphan_sources: Vec<Outpoint> = self
            .start
            .sources
            .keys()
            .filter(|op| !self.producer_fetched(op))
            .cloned()
            .collect();
        for outpoint in orphan_sources {
            let address = self.source_address(&outpoint);
            self.settle(outpoint, Edge::default(), address);
        }
        let order = dependency_order(self.data, self.direction);
        for txid in &order.sorted {
            self.process(txid);
        }
        let leftover: Vec<Outpoint> = self
            .start
            .sources
            .keys()
            .filter(|op| !self.sources_done.contains(*op))
            .cloned()
            .collect();
        for outpoint in leftover {
            let address = self.source_address(&outpoint);
            self.settle(outpoint, Edge::default(), address);
        }
        // Whatever still waits had a consumer that never took it (cycle, contradictory spends).
        for (outpoint, (edge, _)) in std::mem::take(&mut self.pending) {
            self.stop(outpoint, StopReason::Inconsistent, edge.taint_sats);
        }
    }

    fn finish(mut self) -> TraceResult {
        self.result
            .stops
            .sort_by(|a, b| (&a.outpoint, &a.reason).cmp(&(&b.outpoint, &b.reason)));
        let failures = |kind, map: &BTreeMap<Txid, crate::explorer::ExplorerError>| {
            map.iter()
                .map(move |(txid, error)| FetchFailure {
                    kind,
                    txid: txid.clone(),
                    error: error.clone(),
                })
                .collect::<Vec<_>>()
        };
        self.result.errors = failures(FetchKind::Tx, &self.data.failed_txs);
        self.result
            .errors
            .extend(failures(FetchKind::Outspends, &self.data.failed_outspends));
        self.result
    }

    fn producer_fetched(&self, outpoint: &Outpoint) -> bool {
        match self.direction {
            Direction::Forward => self.data.txs.contains_key(&outpoint.txid),
            Direction::Backward => self.spenders.contains_key(outpoint),
        }
    }

    /// The address of a source output, when its tx was fetched.
    fn source_address(&self, outpoint: &Outpoint) -> Option<String> {
        let tx = self.data.txs.get(&outpoint.txid)?;
        tx.outputs.get(usize::try_from(outpoint.vout).ok()?)?.address.clone()
    }

    /// Computes one tx: takes its tainted incoming edges, passes taint across, settles the rest.
    fn process(&mut self, txid: &Txid) {
        let Some(tx) = self.data.txs.get(txid) else { return };
        let mut incoming = Vec::new();
        let mut taken: Vec<(Outpoint, Edge)> = Vec::new();
        for slot in in_slots(tx, self.direction) {
            let edge = slot
                .outpoint
                .as_ref()
                .filter(|op| self.pending.get(*op).is_some_and(|(_, consumer)| consumer == txid))
                .and_then(|op| self.pending.remove(op).map(|(edge, _)| (op.clone(), edge)));
            let (taint_sats, intervals) = edge
                .as_ref()
                .map_or((0, IntervalSet::new()), |(_, e)| (e.taint_sats, e.intervals.clone()));
            let value_sats = slot.value_sats.max(taint_sats).max(intervals.end());
            incoming.push(Incoming {
                value_sats,
                taint_sats,
                intervals,
            });
            taken.extend(edge);
        }
        let slots = out_slots(tx, self.direction);
        let Some(min_hop) = taken.iter().map(|(_, e)| e.hop).min() else {
            self.settle_outgoing(&slots, None);
            return;
        };
        let hop = min_hop.saturating_add(1);
        let refusal = if hop > self.rules.max_hops {
            Some(StopReason::HopLimit)
        } else if !self.rules.within_window(&tx.status) {
            Some(StopReason::OutsideWindow)
        } else if self.followed >= self.rules.max_txs {
            Some(StopReason::TxLimit)
        } else {
            None
        };
        if let Some(reason) = refusal {
            for (outpoint, edge) in taken {
                self.stop(outpoint, reason.clone(), edge.taint_sats);
            }
            self.settle_outgoing(&slots, None);
            return;
        }
        self.followed += 1;
        let values: Vec<u64> = slots.iter().map(|s| s.value_sats).collect();
        let passed = match self.method {
            TaintMethod::Poison => method::poison(&incoming, &values),
            TaintMethod::Haircut => method::haircut(&incoming, &values),
            TaintMethod::Fifo => method::fifo(&incoming, &values),
        };
        let taint_in = incoming.iter().fold(0_u64, |sum, i| sum.saturating_add(i.taint_sats));
        self.result.summary.fees_sats += Sats(passed.fee_taint_sats);
        self.result.traced_txs.insert(
            txid.clone(),
            TracedTx {
                hop,
                taint_in_sats: Sats(taint_in),
                fee_taint_sats: Sats(passed.fee_taint_sats),
            },
        );
        self.settle_outgoing(&slots, Some((&passed, hop)));
    }

    /// Settles every outgoing slot of a computed tx (with the taint passed, if it was followed);
    /// sources among them get topped up to full taint.
    fn settle_outgoing(&mut self, slots: &[OutSlot], passed: Option<(&Passed, u32)>) {
        for (index, slot) in slots.iter().enumerate() {
            let edge = match passed {
                Some((passed, hop)) => Edge {
                    taint_sats: passed.taint_sats.get(index).copied().unwrap_or(0),
                    intervals: passed.intervals.get(index).cloned().unwrap_or_default(),
                    hop,
                },
                None => Edge::default(),
            };
            if slot.coinbase {
                if edge.taint_sats > 0 {
                    self.stop(slot.outpoint.clone(), StopReason::Coinbase, edge.taint_sats);
                }
            } else if passed.is_some() || self.start.sources.contains_key(&slot.outpoint) {
                self.settle(slot.outpoint.clone(), edge, slot.address.clone());
            }
        }
    }

    /// Gives a produced edge its final taint (topping up a source) and sends it on or stops it.
    fn settle(&mut self, outpoint: Outpoint, mut edge: Edge, address: Option<String>) {
        // A source produced a second time (contradictory data) is an ordinary, inconsistent edge.
        let source_value = (!self.sources_done.contains(&outpoint))
            .then(|| self.start.sources.get(&outpoint).map(|v| v.to_u64()))
            .flatten();
        if let Some(value) = source_value {
            self.sources_done.insert(outpoint.clone());
            self.result.summary.source_sats += Sats(value.saturating_sub(edge.taint_sats));
            edge.taint_sats = edge.taint_sats.max(value);
            if self.method == TaintMethod::Fifo {
                edge.intervals = edge.intervals.union(&IntervalSet::full(value));
                edge.taint_sats = edge.intervals.len_sats();
            }
        }
        if edge.taint_sats == 0 {
            return;
        }
        if !self.produced.insert(outpoint.clone()) {
            self.stop(outpoint, StopReason::Inconsistent, edge.taint_sats);
            return;
        }
        self.result
            .taint_by_outpoint
            .insert(outpoint.clone(), Sats(edge.taint_sats));
        if self.method == TaintMethod::Fifo {
            self.result
                .intervals_by_outpoint
                .insert(outpoint.clone(), edge.intervals.clone());
        }
        // The start is where the trace begins, so a labelled source address does not stop it.
        let label = address
            .filter(|_| source_value.is_none())
            .and_then(|a| self.labels.first_in(self.rules.chain, &a, &self.rules.stop_categories));
        let next = if let Some(label) = label {
            Next::Stop(StopReason::Entity {
                entity: label.entity,
                category: label.category,
            })
        } else if edge.taint_sats < self.rules.min_taint_sats.to_u64() {
            Next::Stop(StopReason::BelowMinimum)
        } else {
            self.next_of(&outpoint, edge.hop)
        };
        match next {
            Next::Tx(consumer) => {
                self.pending.insert(outpoint, (edge, consumer));
            }
            Next::Stop(reason) => self.stop(outpoint, reason, edge.taint_sats),
        }
    }

    /// The fetched tx an edge's taint flows into, or why it stops.
    fn next_of(&self, outpoint: &Outpoint, hop: u32) -> Next {
        let consumer = match self.direction {
            Direction::Backward => outpoint.txid.clone(),
            Direction::Forward => {
                let Some(spends) = self.data.outspends.get(&outpoint.txid) else {
                    let failed = self.data.failed_outspends.contains_key(&outpoint.txid);
                    return Next::Stop(if failed {
                        StopReason::FetchFailed
                    } else {
                        StopReason::NotFetched
                    });
                };
                match usize::try_from(outpoint.vout).ok().and_then(|i| spends.get(i)) {
                    Some(Some(spend)) => spend.txid.clone(),
                    Some(None) => return Next::Stop(StopReason::Unspent),
                    None => return Next::Stop(StopReason::Inconsistent),
                }
            }
        };
        if self.data.txs.contains_key(&consumer) {
            Next::Tx(consumer)
        } else if hop >= self.rules.max_hops {
            Next::Stop(StopReason::HopLimit)
        } else if self.data.failed_txs.contains_key(&consumer) {
            Next::Stop(StopReason::FetchFailed)
        } else if self.data.limited {
            Next::Stop(StopReason::TxLimit)
        } else {
            Next::Stop(StopReason::NotFetched)
        }
    }

    /// Records taint stopping at `outpoint` and adds it to the reason's summary bucket.
    fn stop(&mut self, outpoint: Outpoint, reason: StopReason, taint_sats: u64) {
        if taint_sats == 0 {
            return;
        }
        let summary = &mut self.result.summary;
        match &reason {
            StopReason::Entity { entity, category } => {
                let entry = summary.by_entity.entry(entity.clone()).or_insert(EntityTaint {
                    category: *category,
                    sats: Sats::ZERO,
                });
                entry.sats += Sats(taint_sats);
            }
            StopReason::BelowMinimum => summary.below_minimum_sats += Sats(taint_sats),
            StopReason::Unspent | StopReason::Coinbase => summary.unspent_sats += Sats(taint_sats),
            _ => summary.frontier_sats += Sats(taint_sats),
        }
        self.result.stops.push(Stop {
            outpoint,
            reason,
            taint_sats: Sats(taint_sats),
        });
    }
}
