//! Coarser views of one flow graph: address-level (one aggregated flow per pair of addresses,
//! listing the transactions it sums) and entity/cluster-level (addresses grouped by their label
//! entity, else by the common-input heuristic; a group can be expanded back into its addresses).
//!
//! Pure and deterministic, so the canvas and the tests see the same flows. Inside one
//! transaction, money cannot be followed from a particular input to a particular output; each
//! receiver's amount is split over the senders in proportion to what they put in (integer
//! satoshis, rounded down), and the flow names the transactions so every figure can be checked.

use std::collections::{BTreeMap, BTreeSet};

use crate::chain::{Sats, Tx, Txid};
use crate::flow::{FlowGraph, FlowNode};
use crate::heuristics::Clusters;
use crate::labels::LabelBook;

/// One side of an aggregated flow: an address, or a group of addresses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    Address(String),
    Group(GroupKey),
}

/// What holds a group together.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKey {
    /// Addresses whose first tag names this entity.
    Entity(String),
    /// Addresses spent together (common-input heuristic), named by their first address.
    Cluster(String),
}

impl GroupKey {
    /// A name for people.
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            GroupKey::Entity(entity) => entity.clone(),
            GroupKey::Cluster(first) => format!("cluster of {first}"),
        }
    }
}

/// Value that moved from one party to another, summed over transactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AggregatedFlow {
    pub from: Party,
    pub to: Party,
    /// The sum of the proportional shares (see the module docs).
    pub value_sats: Sats,
    /// The transactions it sums, in txid order.
    pub txids: Vec<Txid>,
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

    /// The party an address belongs to in this view.
    #[must_use]
    pub fn party_of(&self, address: &str) -> Party {
        self.group_of
            .get(address)
            .map_or_else(|| Party::Address(address.to_string()), |key| Party::Group(key.clone()))
    }

    /// Every group with its member addresses (sorted).
    pub fn groups(&self) -> impl Iterator<Item = (&GroupKey, &[String])> {
        self.members.iter().map(|(key, members)| (key, members.as_slice()))
    }
}

/// The address-level view: one flow per (sender, receiver) pair of addresses.
#[must_use]
pub fn address_flows(graph: &FlowGraph) -> Vec<AggregatedFlow> {
    flows(graph, |address| Party::Address(address.to_string()))
}

/// The entity/cluster view: one flow per pair of parties under `grouping` (flows inside a group
/// are left out: they are the group's own business, such as change).
#[must_use]
pub fn grouped_flows(graph: &FlowGraph, grouping: &Grouping) -> Vec<AggregatedFlow> {
    flows(graph, |address| grouping.party_of(address))
}

/// The address-level flows into and out of one address (only its own transactions are read, so
/// this stays cheap on a large graph).
#[must_use]
pub fn address_flows_of(graph: &FlowGraph, address: &str) -> Vec<AggregatedFlow> {
    let own = Party::Address(address.to_string());
    sum_flows(graph.txs_of_address(address), |a| Party::Address(a.to_string()))
        .into_iter()
        .filter(|flow| flow.from == own || flow.to == own)
        .collect()
}

fn flows(graph: &FlowGraph, party_of: impl Fn(&str) -> Party) -> Vec<AggregatedFlow> {
    sum_flows(graph.txs(), party_of)
}

fn sum_flows(txs: Vec<&Tx>, party_of: impl Fn(&str) -> Party) -> Vec<AggregatedFlow> {
    let mut summed: BTreeMap<(Party, Party), (Sats, BTreeSet<Txid>)> = BTreeMap::new();
    for tx in txs {
        for (from, to, value) in tx_shares(tx, &party_of) {
            let entry = summed.entry((from, to)).or_default();
            entry.0 += value;
            entry.1.insert(tx.txid.clone());
        }
    }
    summed
        .into_iter()
        .map(|((from, to), (value_sats, txids))| AggregatedFlow {
            from,
            to,
            value_sats,
            txids: txids.into_iter().collect(),
        })
        .collect()
}

/// Each receiver's amount split over the senders in proportion to their inputs; a party paying
/// itself is left out.
fn tx_shares(tx: &Tx, party_of: &impl Fn(&str) -> Party) -> Vec<(Party, Party, Sats)> {
    let mut senders: BTreeMap<Party, u128> = BTreeMap::new();
    for input in &tx.inputs {
        if let Some(prevout) = &input.prevout {
            if let Some(address) = &prevout.address {
                *senders.entry(party_of(address)).or_default() += u128::from(prevout.value_sats.0);
            }
        }
    }
    let total_in: u128 = senders.values().sum();
    let mut receivers: BTreeMap<Party, u128> = BTreeMap::new();
    for output in &tx.outputs {
        if let Some(address) = &output.address {
            *receivers.entry(party_of(address)).or_default() += u128::from(output.value_sats.0);
        }
    }
    let mut shares = Vec::new();
    if total_in == 0 {
        return shares;
    }
    for (to, received) in &receivers {
        for (from, sent) in &senders {
            if from == to {
                continue;
            }
            let share = u64::try_from(received * sent / total_in).unwrap_or(u64::MAX);
            if share > 0 {
                shares.push((from.clone(), to.clone(), Sats(share)));
            }
        }
    }
    shares
}
