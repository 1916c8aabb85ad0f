//! Coarser views of one flow graph: address-level (one aggregated flow per pair of addresses,
//! listing the transactions it sums) and entity/cluster-level (addresses grouped by their label
//! entity, else by the common-input heuristic; a group can be expanded back into its addresses).
//!
//! Pure and deterministic, so the canvas and the tests see the same flows. Inside one
//! transaction, money cannot be followed from a particular input to a particular output; each
//! receiver's amount is split over the senders in proportion to what they put in (integer
//! satoshis, rounded down), and the flow names the transactions so every figure can be checked.

mod level;
pub mod table;

pub use level::{view_graph, ViewLevel};

use std::collections::{BTreeMap, BTreeSet};

use crate::chain::{Sats, Tx, TxStatus, Txid};
use crate::flow::{FlowGraph, FlowNode};
pub use crate::flow::{GroupKey, Party};
use crate::heuristics::Clusters;
use crate::labels::LabelBook;
use crate::trace::{Outpoint, TraceResult};

/// Value that moved from one party to another, summed over transactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AggregatedFlow {
    pub from: Party,
    pub to: Party,
    /// The sum of the proportional shares (see the module docs).
    pub value_sats: Sats,
    /// The transactions it sums, in txid order.
    pub txids: Vec<Txid>,
    /// The tainted part, when flows were summed with a trace result: the receiver's tainted
    /// amount split over the senders by their tainted inputs, at most the flow's value.
    pub tainted_sats: Option<Sats>,
    /// The earliest status among its transactions (confirmed before unconfirmed).
    pub status: TxStatus,
    /// Where its first transaction comes in the graph's node order (for a stable drawing order).
    pub first_seen: usize,
}

/// Which addresses form groups in the entity/cluster view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grouping {
    group_of: BTreeMap<String, GroupKey>,
    members: BTreeMap<GroupKey, Vec<String>>,
}

impl Grouping {
    /// Groups the graph's addresses: by the entity of their first tag, else by common-input
    /// cluster (clusters of one address are not groups). Groups in `expanded` are left out: their
    /// addresses stand alone again.
    #[must_use]
    pub fn of(graph: &FlowGraph, labels: &LabelBook, expanded: &BTreeSet<GroupKey>) -> Grouping {
        let txs = graph.txs();
        let clusters = Clusters::build(&txs);
        let mut grouping = Grouping::default();
        for (_, node) in graph.nodes() {
            let FlowNode::Address(address) = node else { continue };
            let entity = labels
                .labels_of_canonical(graph.chain(), &address.address)
                .into_iter()
                .next()
                .map(|tag| GroupKey::Entity(tag.entity));
            let cluster = clusters
                .cluster_of(&address.address)
                .filter(|&c| clusters.members(c).len() > 1)
                .and_then(|c| clusters.members(c).first().cloned())
                .map(GroupKey::Cluster);
            if let Some(key) = entity.or(cluster).filter(|key| !expanded.contains(key)) {
                grouping
                    .members
                    .entry(key.clone())
                    .or_default()
                    .push(address.address.clone());
                grouping.group_of.insert(address.address.clone(), key);
            }
        }
        for members in grouping.members.values_mut() {
            members.sort();
        }
        grouping
    }

    /// The grouping `level` draws with: groups in the entity view, none below it.
    #[must_use]
    pub fn at(level: ViewLevel, graph: &FlowGraph, labels: &LabelBook, expanded: &BTreeSet<GroupKey>) -> Grouping {
        match level {
            ViewLevel::Entities => Grouping::of(graph, labels, expanded),
            ViewLevel::Transactions | ViewLevel::Addresses => Grouping::default(),
        }
    }

    /// The flows between this grouping's parties over the graph's transactions, with their tainted
    /// parts when a trace result is given.
    #[must_use]
    pub fn flows(&self, graph: &FlowGraph, taint: Option<&TraceResult>) -> Vec<AggregatedFlow> {
        sum_flows(graph.txs(), |address| self.party_of(address), taint)
    }

    /// The party an address belongs to in this view.
    #[must_use]
    pub fn party_of(&self, address: &str) -> Party {
        self.group_of
            .get(address)
            .map_or_else(|| Party::Address(address.to_string()), |key| Party::Group(key.clone()))
    }

    /// A group's member addresses (sorted; empty for an unknown group).
    #[must_use]
    pub fn members_of(&self, key: &GroupKey) -> &[String] {
        self.members.get(key).map_or(&[], Vec::as_slice)
    }

    /// Every group with its member addresses (sorted).
    pub fn groups(&self) -> impl Iterator<Item = (&GroupKey, &[String])> {
        self.members.iter().map(|(key, members)| (key, members.as_slice()))
    }
}

/// The address-level view: one flow per (sender, receiver) pair of addresses.
#[must_use]
pub fn address_flows(graph: &FlowGraph) -> Vec<AggregatedFlow> {
    sum_flows(graph.txs(), |address| Party::Address(address.to_string()), None)
}

/// The entity/cluster view: one flow per pair of parties under `grouping` (flows inside a group
/// are left out: they are the group's own business, such as change).
#[must_use]
pub fn grouped_flows(graph: &FlowGraph, grouping: &Grouping) -> Vec<AggregatedFlow> {
    grouping.flows(graph, None)
}

/// The address-level flows into and out of one address (only its own transactions are read, so
/// this stays cheap on a large graph).
#[must_use]
pub fn address_flows_of(graph: &FlowGraph, address: &str) -> Vec<AggregatedFlow> {
    let own = Party::Address(address.to_string());
    sum_flows(graph.txs_of_address(address), |a| Party::Address(a.to_string()), None)
        .into_iter()
        .filter(|flow| flow.from == own || flow.to == own)
        .collect()
}

/// Flows summed over `txs` (taken in order: `first_seen` counts them), with their tainted parts
/// when a trace result is given.
fn sum_flows(txs: Vec<&Tx>, party_of: impl Fn(&str) -> Party, taint: Option<&TraceResult>) -> Vec<AggregatedFlow> {
    let mut summed: BTreeMap<(Party, Party), AggregatedFlow> = BTreeMap::new();
    for (position, tx) in txs.into_iter().enumerate() {
        for share in tx_shares(tx, &party_of, taint) {
            let flow = summed
                .entry((share.from.clone(), share.to.clone()))
                .or_insert_with(|| AggregatedFlow {
                    from: share.from,
                    to: share.to,
                    value_sats: Sats::ZERO,
                    txids: Vec::new(),
                    tainted_sats: taint.map(|_| Sats::ZERO),
                    status: tx.status.clone(),
                    first_seen: position,
                });
            flow.value_sats += share.value_sats;
            if let (Some(sum), Some(tainted)) = (flow.tainted_sats.as_mut(), share.tainted_sats) {
                *sum += tainted;
            }
            if is_earlier(&tx.status, &flow.status) {
                flow.status = tx.status.clone();
            }
            flow.txids.push(tx.txid.clone());
        }
    }
    summed
        .into_values()
        .map(|mut flow| {
            flow.txids.sort();
            flow.txids.dedup();
            flow
        })
        .collect()
}

/// Confirmed in a lower block comes first; unconfirmed last.
fn is_earlier(a: &TxStatus, b: &TxStatus) -> bool {
    match (a.height(), b.height()) {
        (Some(a), Some(b)) => a < b,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// What one sender passes one receiver inside one transaction.
struct Share {
    from: Party,
    to: Party,
    value_sats: Sats,
    tainted_sats: Option<Sats>,
}

/// Each receiver's amount split over the senders in proportion to their inputs (and its tainted
/// amount in proportion to their tainted inputs); a party paying itself is left out.
fn tx_shares(tx: &Tx, party_of: &impl Fn(&str) -> Party, taint: Option<&TraceResult>) -> Vec<Share> {
    let taint_of = |txid: &Txid, vout: u32| -> u128 {
        taint
            .and_then(|result| result.taint_by_outpoint.get(&Outpoint::new(txid.clone(), vout)))
            .map_or(0, |sats| u128::from(sats.0))
    };
    // Per sender: value in, tainted value in.
    let mut senders: BTreeMap<Party, (u128, u128)> = BTreeMap::new();
    for input in &tx.inputs {
        let Some(prevout) = &input.prevout else { continue };
        if let Some(address) = &prevout.address {
            let sender = senders.entry(party_of(address)).or_default();
            sender.0 += u128::from(prevout.value_sats.0);
            sender.1 += input
                .prev_txid
                .as_ref()
                .map_or(0, |prev| taint_of(prev, input.prev_vout));
        }
    }
    let total_in: u128 = senders.values().map(|s| s.0).sum();
    let tainted_in: u128 = senders.values().map(|s| s.1).sum();
    // Per receiver: value out, tainted value out.
    let mut receivers: BTreeMap<Party, (u128, u128)> = BTreeMap::new();
    for (vout, output) in (0_u32..).zip(&tx.outputs) {
        if let Some(address) = &output.address {
            let receiver = receivers.entry(party_of(address)).or_default();
            receiver.0 += u128::from(output.value_sats.0);
            receiver.1 += taint_of(&tx.txid, vout);
        }
    }
    let mut shares = Vec::new();
    if total_in == 0 {
        return shares;
    }
    let sats = |v: u128| Sats(u64::try_from(v).unwrap_or(u64::MAX));
    for (to, (received, received_tainted)) in &receivers {
        for (from, (sent, sent_tainted)) in &senders {
            if from == to {
                continue;
            }
            let value = received * sent / total_in;
            if value == 0 {
                continue;
            }
            let tainted = (received_tainted * sent_tainted).checked_div(tainted_in).unwrap_or(0);
            shares.push(Share {
                from: from.clone(),
                to: to.clone(),
                value_sats: sats(value),
                tainted_sats: taint.map(|_| sats(tainted.min(value))),
            });
        }
    }
    shares
}
