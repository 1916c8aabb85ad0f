//! The chain in memory as a [`ChainSource`]: what an explorer would answer for a list of txs
//! (no network, no scheduler).
#![allow(dead_code)] // Each test crate uses a different subset.

use std::collections::BTreeMap;
use std::future::{ready, Future};

use spoor::chain::{Tx, Txid};
use spoor::explorer::esplora::decode::tx_from_dto;
use spoor::explorer::{AddressHistory, ChainSource, ExplorerError, Spend};
use spoor::simulate::Scenario;

/// A simulated chain's transactions, decoded as the explorer client decodes them.
pub fn scenario_txs(scenario: &Scenario) -> Vec<Tx> {
    scenario
        .txs
        .iter()
        .map(|dto| tx_from_dto(dto.clone()).unwrap())
        .collect()
}

/// The chain in memory, answering like the explorer would (no network, no scheduler).
pub struct MemoryChain {
    txs: Vec<Tx>,
    by_txid: BTreeMap<Txid, Tx>,
    spends: BTreeMap<(Txid, u32), Spend>,
}

impl MemoryChain {
    pub fn new(txs: Vec<Tx>) -> MemoryChain {
        let mut spends = BTreeMap::new();
        for tx in &txs {
            for (vin, input) in (0_u32..).zip(&tx.inputs) {
                if let Some(prev) = &input.prev_txid {
                    let spend = Spend {
                        txid: tx.txid.clone(),
                        vin,
                        status: tx.status.clone(),
                    };
                    spends.insert((prev.clone(), input.prev_vout), spend);
                }
            }
        }
        let by_txid = txs.iter().map(|tx| (tx.txid.clone(), tx.clone())).collect();
        MemoryChain { txs, by_txid, spends }
    }
}

fn not_found() -> ExplorerError {
    ExplorerError::Unreachable {
        reason: "not in the chain".to_string(),
    }
}

impl ChainSource for MemoryChain {
    fn txs(&self, txids: &[Txid]) -> impl Future<Output = Vec<Result<Tx, ExplorerError>>> {
        ready(
            txids
                .iter()
                .map(|t| self.by_txid.get(t).cloned().ok_or_else(not_found))
                .collect(),
        )
    }

    fn outspends(&self, txids: &[Txid]) -> impl Future<Output = Vec<Result<Vec<Option<Spend>>, ExplorerError>>> {
        ready(
            txids
                .iter()
                .map(|t| {
                    let tx = self.by_txid.get(t).ok_or_else(not_found)?;
                    Ok((0_u32..)
                        .take(tx.outputs.len())
                        .map(|vout| self.spends.get(&(t.clone(), vout)).cloned())
                        .collect())
                })
                .collect(),
        )
    }

    fn address_history(
        &self,
        address: &str,
        max_txs: usize,
    ) -> impl Future<Output = Result<AddressHistory, ExplorerError>> {
        let touching: Vec<Tx> = self
            .txs
            .iter()
            .rev()
            .filter(|tx| touches(tx, address))
            .cloned()
            .collect();
        let complete = touching.len() <= max_txs;
        ready(Ok(AddressHistory {
            txs: touching.into_iter().take(max_txs).collect(),
            complete,
        }))
    }

    /// The highest block of the chain.
    fn tip_height(&self) -> impl Future<Output = Result<u32, ExplorerError>> {
        ready(
            self.txs
                .iter()
                .filter_map(|tx| tx.status.height())
                .max()
                .ok_or_else(not_found),
        )
    }
}

pub fn pays(tx: &Tx, address: &str) -> bool {
    tx.outputs.iter().any(|o| o.address.as_deref() == Some(address))
}

pub fn spends_from(tx: &Tx, address: &str) -> bool {
    tx.inputs
        .iter()
        .any(|i| i.prevout.as_ref().and_then(|p| p.address.as_deref()) == Some(address))
}

pub fn touches(tx: &Tx, address: &str) -> bool {
    pays(tx, address) || spends_from(tx, address)
}
