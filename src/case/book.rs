//! The answers a snapshot holds: every lookup its author's page (or `spoor snapshot`) made,
//! keyed the way [`ChainSource`](crate::explorer::ChainSource) asks for them.

use std::collections::BTreeMap;

use crate::chain::{Tx, Txid};
use crate::explorer::Spend;

/// An address history as it was answered: the txids in the explorer's order (newest first) and
/// whether paging reached the end.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecordedHistory {
    pub txids: Vec<Txid>,
    pub complete: bool,
}

/// Recorded answers. Transactions are stored once, histories refer to them by txid.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct CaseBook {
    /// The chain tip the answers were pinned to, if it was asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip_height: Option<u32>,
    #[serde(default)]
    pub txs: BTreeMap<Txid, Tx>,
    /// Index = vout; `None` = unspent (at the pinned height).
    #[serde(default)]
    pub outspends: BTreeMap<Txid, Vec<Option<Spend>>>,
    #[serde(default)]
    pub histories: BTreeMap<String, RecordedHistory>,
    /// Transactions recorded by txid only, while their data is kept elsewhere (the page's
    /// graph): [`CaseBook::fill_txs`] takes them from there when a case file is written.
    #[serde(skip)]
    pub txids_only: std::collections::BTreeSet<Txid>,
}

impl CaseBook {
    /// Records a transaction that `lookup` (see [`CaseBook::fill_txs`]) will give later.
    pub fn note_txid(&mut self, txid: &Txid) {
        if !self.txs.contains_key(txid) {
            self.txids_only.insert(txid.clone());
        }
    }

    /// Takes the transactions recorded by txid only from `lookup`. One it does not know (its job
    /// was cancelled or failed before the page kept its answer) is left out, and so is a history
    /// naming it: a case file holds only answers it can give whole.
    pub fn fill_txs<'a>(&mut self, lookup: impl Fn(&Txid) -> Option<&'a Tx>) {
        for txid in std::mem::take(&mut self.txids_only) {
            if let Some(tx) = lookup(&txid) {
                self.txs.insert(txid, tx.clone());
            }
        }
        let txs = &self.txs;
        self.histories
            .retain(|_, history| history.txids.iter().all(|txid| txs.contains_key(txid)));
    }

    /// Every address the book's transactions pay or spend from (for the labels a case keeps).
    #[must_use]
    pub fn addresses(&self) -> std::collections::BTreeSet<&str> {
        let mut addresses = std::collections::BTreeSet::new();
        for tx in self.txs.values() {
            let spent = tx.inputs.iter().filter_map(|i| i.prevout.as_ref()?.address.as_deref());
            let paid = tx.outputs.iter().filter_map(|o| o.address.as_deref());
            addresses.extend(spent.chain(paid));
        }
        addresses.extend(self.histories.keys().map(String::as_str));
        addresses
    }
}
