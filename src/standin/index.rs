//! The loaded chain file: the raw tx lines plus the lookups the endpoints need.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::chain::{Chain, Txid};
use crate::explorer::esplora::dto::EsploraTx;

use super::ChainFileError;

/// One tx of the chain file.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The line text without surrounding white space: served byte for byte, never re-encoded.
    pub raw: String,
    /// The decoded tx, for stats, spends and status.
    pub tx: EsploraTx,
    /// The txid in lower case (the lookup key).
    pub txid: String,
    /// 1-based line number in the chain file.
    pub line: usize,
}

/// Where an output was spent: which tx (entry index) and which of its inputs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spend {
    /// Index of the spending tx in `ChainIndex::entries`.
    pub entry: usize,
    /// Input index inside the spending tx.
    pub vin: u32,
}

/// The txs touching one address, each list newest first (entry indexes).
#[derive(Debug, Default)]
pub(crate) struct History {
    /// Confirmed: block height descending, later line first within a block.
    pub confirmed: Vec<usize>,
    /// Unconfirmed: later line first.
    pub mempool: Vec<usize>,
}

/// A chain file, indexed for the Esplora endpoints.
#[derive(Debug)]
pub struct ChainIndex {
    entries: Vec<Entry>,
    by_txid: HashMap<String, usize>,
    spends: HashMap<(String, u32), Spend>,
    histories: HashMap<String, History>,
    block_hashes: BTreeMap<u32, String>,
    tip_height: Option<u32>,
    /// The coin whose addresses the file holds (how request addresses are read).
    chain: Chain,
    /// Whether the Blockbook API names spenders (`spentTxId`), as a server with
    /// `-extendedindex` does; without it, outputs only say they are spent.
    spending_index: bool,
}

impl ChainIndex {
    /// Loads a chain file: JSON Lines, one Esplora `GET /tx/:txid` object per line, in chain order.
    /// Blank lines are skipped.
    ///
    /// # Errors
    /// The first bad line: undecodable JSON, a bad or duplicate txid, a confirmed status without a
    /// height, or a block hash that contradicts an earlier line.
    pub fn from_jsonl(text: &str) -> Result<ChainIndex, ChainFileError> {
        ChainIndex::from_jsonl_of(Chain::Btc, text)
    }

    /// [`ChainIndex::from_jsonl`] for a file of `chain`'s transactions.
    ///
    /// # Errors
    /// As [`ChainIndex::from_jsonl`].
    pub fn from_jsonl_of(chain: Chain, text: &str) -> Result<ChainIndex, ChainFileError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut index = ChainIndex {
            entries: Vec::new(),
            by_txid: HashMap::new(),
            spends: HashMap::new(),
            histories: HashMap::new(),
            block_hashes: BTreeMap::new(),
            tip_height: None,
            chain,
            spending_index: true,
        };
        for (line_index, line_text) in text.lines().enumerate() {
            let raw = line_text.trim();
            if !raw.is_empty() {
                index.add_line(line_index + 1, raw)?;
            }
        }
        index.build_spends();
        index.build_histories();
        Ok(index)
    }

    /// Answers Blockbook requests like a server without a spending index (outputs say they are
    /// spent, not by whom).
    #[must_use]
    pub fn without_spending_index(mut self) -> ChainIndex {
        self.spending_index = false;
        self
    }

    /// The coin of the file.
    #[must_use]
    pub fn chain(&self) -> Chain {
        self.chain
    }

    pub(crate) fn has_spending_index(&self) -> bool {
        self.spending_index
    }

    /// Number of transactions in the file.
    #[must_use]
    pub fn tx_count(&self) -> usize {
        self.entries.len()
    }

    /// Highest block height of any confirmed tx; `None` when nothing is confirmed.
    #[must_use]
    pub fn tip_height(&self) -> Option<u32> {
        self.tip_height
    }

    fn add_line(&mut self, line: usize, raw: &str) -> Result<(), ChainFileError> {
        let tx: EsploraTx = serde_json::from_str(raw).map_err(|e| ChainFileError::BadJson {
            line,
            message: e.to_string(),
        })?;
        let txid = match Txid::parse(&tx.txid) {
            Ok(txid) => txid.as_str().to_string(),
            Err(_) => return Err(ChainFileError::BadTxid { line, txid: tx.txid }),
        };
        if let Some(first) = self.by_txid.get(&txid).and_then(|&i| self.entries.get(i)) {
            return Err(ChainFileError::DuplicateTxid {
                line,
                first_line: first.line,
                txid,
            });
        }
        if tx.status.confirmed {
            let Some(height) = tx.status.block_height else {
                return Err(ChainFileError::ConfirmedWithoutHeight { line, txid });
            };
            self.tip_height = Some(self.tip_height.map_or(height, |tip| tip.max(height)));
            if let Some(hash) = &tx.status.block_hash {
                match self.block_hashes.get(&height) {
                    Some(earlier) if earlier != hash => {
                        return Err(ChainFileError::BlockHashConflict {
                            line,
                            height,
                            hash: hash.clone(),
                            earlier_hash: earlier.clone(),
                        });
                    }
                    Some(_) => {}
                    None => {
                        self.block_hashes.insert(height, hash.clone());
                    }
                }
            }
        }
        self.by_txid.insert(txid.clone(), self.entries.len());
        self.entries.push(Entry {
            raw: raw.to_string(),
            tx,
            txid,
            line,
        });
        Ok(())
    }

    /// Records, for every outpoint, the first tx in file order that spends it.
    fn build_spends(&mut self) {
        for (entry_index, entry) in self.entries.iter().enumerate() {
            for (vin_index, vin) in entry.tx.vin.iter().enumerate() {
                let Ok(vin_index) = u32::try_from(vin_index) else {
                    break;
                };
                if vin.is_coinbase {
                    continue;
                }
                self.spends
                    .entry((vin.txid.to_ascii_lowercase(), vin.vout))
                    .or_insert(Spend {
                        entry: entry_index,
                        vin: vin_index,
                    });
            }
        }
    }

    /// Fills the per-address histories, newest first.
    fn build_histories(&mut self) {
        let mut confirmed: Vec<usize> = (0..self.entries.len()).filter(|&i| self.is_confirmed(i)).collect();
        // Stable: within one block, file order is chain order.
        confirmed.sort_by_key(|&i| self.entries.get(i).and_then(|e| e.tx.status.block_height));
        let mempool = (0..self.entries.len()).filter(|&i| !self.is_confirmed(i));
        let mempool: Vec<usize> = mempool.collect();
        let (entries, histories) = (&self.entries, &mut self.histories);
        let in_chain_order = confirmed
            .into_iter()
            .map(|i| (i, false))
            .chain(mempool.into_iter().map(|i| (i, true)));
        for (entry_index, is_mempool) in in_chain_order {
            let Some(entry) = entries.get(entry_index) else {
                continue;
            };
            for address in addresses_of(&entry.tx) {
                let history = histories.entry(address.to_string()).or_default();
                let list = if is_mempool {
                    &mut history.mempool
                } else {
                    &mut history.confirmed
                };
                list.push(entry_index);
            }
        }
        for history in self.histories.values_mut() {
            history.confirmed.reverse();
            history.mempool.reverse();
        }
    }

    fn is_confirmed(&self, entry_index: usize) -> bool {
        self.entries.get(entry_index).is_some_and(|e| e.tx.status.confirmed)
    }

    /// The tx at an entry index.
    pub(crate) fn entry(&self, entry_index: usize) -> Option<&Entry> {
        self.entries.get(entry_index)
    }

    /// The tx with this (lower-case) txid.
    pub(crate) fn find(&self, txid: &str) -> Option<&Entry> {
        self.by_txid.get(txid).and_then(|&i| self.entries.get(i))
    }

    /// The tx and input that spend `txid:vout`, if any tx of the file does.
    pub(crate) fn spender(&self, txid: &str, vout: u32) -> Option<(&Entry, u32)> {
        let spend = self.spends.get(&(txid.to_string(), vout))?;
        Some((self.entries.get(spend.entry)?, spend.vin))
    }

    /// The txs touching an address (as written in the file), if any.
    pub(crate) fn history(&self, address: &str) -> Option<&History> {
        self.histories.get(address)
    }

    /// The block hash the file gives for a height.
    pub(crate) fn block_hash(&self, height: u32) -> Option<&str> {
        self.block_hashes.get(&height).map(String::as_str)
    }
}

/// The distinct addresses a tx pays to or spends from.
fn addresses_of(tx: &EsploraTx) -> BTreeSet<&str> {
    let outputs = tx.vout.iter().filter_map(|o| o.scriptpubkey_address.as_deref());
    let inputs = tx
        .vin
        .iter()
        .filter_map(|i| i.prevout.as_ref()?.scriptpubkey_address.as_deref());
    inputs.chain(outputs).collect()
}
