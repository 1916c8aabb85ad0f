//! Common-input ownership (Meiklejohn et al. H1): addresses spent together share an owner,
//! except in CoinJoins, where several owners spend together on purpose.

use std::collections::{BTreeMap, BTreeSet};

use super::coinjoin::is_coinjoin;
use super::reason::{HeuristicId, Reason};
use super::shape::input_addresses;
use crate::chain::{Tx, Txid};

/// Address clusters built from co-spent inputs. Cluster ids are dense (`0..len()`) and ordered by
/// each cluster's alphabetically first address, so the same txs always give the same ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clusters {
    cluster_by_address: BTreeMap<String, usize>,
    members: Vec<Vec<String>>,
    skipped_coinjoins: Vec<Txid>,
}

impl Clusters {
    /// Clusters every input address of `txs`; CoinJoin inputs are not merged (and are listed in
    /// [`Clusters::skipped_coinjoins`]). Duplicate txs count once.
    ///
    /// ```
    /// use spoor::chain::{Sats, Tx, TxInput, TxOutput, TxStatus, Txid};
    /// use spoor::heuristics::Clusters;
    /// let out = |address: &str, value| TxOutput {
    ///     address: Some(address.to_string()), value_sats: Sats(value), script_type: "p2pkh".to_string(),
    /// };
    /// let spend = |address: &str| TxInput {
    ///     prev_txid: Some(Txid::parse(&"cd".repeat(32)).unwrap()), prev_vout: 0, prevout: Some(out(address, 5_000)),
    /// };
    /// // a ──┐
    /// //     ├─► tx ──► shop      a and b were spent together: one owner
    /// // b ──┘
    /// let tx = Tx {
    ///     txid: Txid::parse(&"ab".repeat(32)).unwrap(),
    ///     inputs: vec![spend("a"), spend("b")],
    ///     outputs: vec![out("shop", 9_000)],
    ///     fee_sats: Sats(1_000),
    ///     status: TxStatus::Unconfirmed,
    /// };
    /// let clusters = Clusters::build(&[&tx]);
    /// assert_eq!(clusters.cluster_of("a"), clusters.cluster_of("b"));
    /// assert_eq!(clusters.cluster_of("shop"), None);
    /// ```
    #[must_use]
    pub fn build(txs: &[&Tx]) -> Clusters {
        let mut seen_txids = BTreeSet::new();
        let mut index_by_address: BTreeMap<String, usize> = BTreeMap::new();
        let mut sets = UnionFind::default();
        let mut skipped_coinjoins = Vec::new();
        for tx in txs {
            if !seen_txids.insert(&tx.txid) {
                continue;
            }
            let coinjoin = is_coinjoin(tx);
            if coinjoin {
                skipped_coinjoins.push(tx.txid.clone());
            }
            let mut first: Option<usize> = None;
            for address in input_addresses(tx) {
                let index = *index_by_address
                    .entry(address.to_string())
                    .or_insert_with(|| sets.add());
                match first {
                    None => first = Some(index),
                    Some(root) if !coinjoin => sets.union(root, index),
                    Some(_) => {}
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for (address, index) in &index_by_address {
            groups.entry(sets.find(*index)).or_default().push(address.clone());
        }
        // Addresses iterate sorted, so each group is sorted; order groups by their first address.
        let mut members: Vec<Vec<String>> = groups.into_values().collect();
        members.sort();
        let cluster_by_address = members
            .iter()
            .enumerate()
            .flat_map(|(cluster, group)| group.iter().map(move |address| (address.clone(), cluster)))
            .collect();
        Clusters {
            cluster_by_address,
            members,
            skipped_coinjoins,
        }
    }

    /// The cluster of an address that funded an input, if any did.
    #[must_use]
    pub fn cluster_of(&self, address: &str) -> Option<usize> {
        self.cluster_by_address.get(address).copied()
    }

    /// A cluster's addresses, sorted (empty for an unknown id).
    #[must_use]
    pub fn members(&self, cluster: usize) -> &[String] {
        self.members.get(cluster).map_or(&[], Vec::as_slice)
    }

    /// Number of clusters (single addresses included).
    #[must_use]
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no input address was seen.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The CoinJoins whose inputs were not merged, in input order.
    #[must_use]
    pub fn skipped_coinjoins(&self) -> &[Txid] {
        &self.skipped_coinjoins
    }

    /// Why a cluster of two or more addresses is thought to have one owner.
    #[must_use]
    pub fn reason(&self, cluster: usize) -> Option<Reason> {
        let count = self.members(cluster).len();
        (count >= 2).then(|| {
            Reason::new(
                HeuristicId::CommonInputOwnership,
                super::sentence::Sentence::CommonInput { addresses: count },
            )
        })
    }
}

/// Union-find over dense indices; the smaller root survives a union.
#[derive(Default)]
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn add(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.parent.len() - 1
    }

    fn find(&mut self, mut index: usize) -> usize {
        while let Some(&parent) = self.parent.get(index) {
            if parent == index {
                break;
            }
            // Path halving keeps the trees shallow.
            let grandparent = self.parent.get(parent).copied().unwrap_or(parent);
            if let Some(slot) = self.parent.get_mut(index) {
                *slot = grandparent;
            }
            index = grandparent;
        }
        index
    }

    fn union(&mut self, a: usize, b: usize) {
        let (root_a, root_b) = (self.find(a), self.find(b));
        let (keep, merge) = (root_a.min(root_b), root_a.max(root_b));
        if let Some(slot) = self.parent.get_mut(merge) {
            *slot = keep;
        }
    }
}
