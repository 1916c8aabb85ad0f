//! The growing chain: builds valid txs from coins and output templates, places them in blocks.
//!
//! Every tx is measured in its real serialization, charged `feerate × vsize`, and the one `Rest`
//! output takes what is left, so value is conserved exactly and fees follow from the size.

use crate::explorer::esplora::dto::{EsploraStatus, EsploraTx, EsploraVout};

use super::hash::{hex, sha256d};
use super::rng::SplitMix64;
use crate::chain::Chain;

use super::script::{coinbase_input, Keys, SEQUENCE_FINAL, SEQUENCE_RBF};
use super::wire::{size_and_weight, txid, vsize};

/// The smallest output a node relays (the P2PKH dust limit); only deliberate dust goes below it.
pub(crate) const DUST_LIMIT_SATS: u64 = 546;
/// Seconds between blocks on average.
const BLOCK_INTERVAL_SECS: u64 = 600;

/// An unspent output we know the value of: output `vout` of `txs[tx]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Coin {
    pub tx: u32,
    pub vout: u32,
    pub value_sats: u64,
}

/// How an output's value is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Amount {
    /// Exactly this many satoshis.
    Fixed(u64),
    /// Whatever the inputs leave after the fixed outputs and the fee (at most one per tx).
    Rest,
}

/// The fingerprint of the wallet that builds a tx (nVersion, nLockTime, nSequence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wallet {
    /// Bitcoin Core style: version 2, locktime = tip height (anti fee sniping), RBF sequence.
    Core,
    /// Older or custom software: version 1, locktime 0, final sequence.
    Legacy,
}

/// A tx to build.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub wallet: Wallet,
    pub inputs: Vec<Coin>,
    pub outputs: Vec<(EsploraVout, Amount)>,
    pub feerate_sat_vb: u64,
}

/// What a built tx produced.
#[derive(Debug, Clone)]
pub(crate) struct Built {
    pub txid: String,
    /// Its outputs as coins, in `vout` order (a dropped sub-dust `Rest` output is absent).
    pub outputs: Vec<Coin>,
}

/// The chain built so far, with the block it is filling.
#[derive(Debug)]
pub(crate) struct Ledger {
    pub txs: Vec<EsploraTx>,
    pub rng: SplitMix64,
    pub keys: Keys,
    seed: u64,
    first_height: u32,
    start_time: u64,
    height: u32,
    block_hash: String,
    block_time: u64,
    slots_left: usize,
    in_block: usize,
    /// Txs per block, drawn uniformly from this range for each new block.
    block_size: (usize, usize),
    mempool: bool,
}

impl Ledger {
    /// An empty chain whose first block is `first_height`, mined at `start_time` (unix seconds).
    pub(crate) fn new(seed: u64, first_height: u32, start_time: u64, capacity: usize, chain: Chain) -> Ledger {
        Ledger {
            txs: Vec::with_capacity(capacity),
            rng: SplitMix64::new(seed),
            keys: Keys::new(chain),
            seed,
            first_height,
            start_time,
            height: first_height.saturating_sub(1),
            block_hash: String::new(),
            block_time: start_time,
            slots_left: 0,
            in_block: 0,
            block_size: (2, 7),
            mempool: false,
        }
    }

    /// Height of the block being filled.
    pub(crate) fn height(&self) -> u32 {
        self.height
    }

    /// Txs per block from the next block on: uniform in `low..=high`.
    pub(crate) fn set_block_size(&mut self, low: usize, high: usize) {
        self.block_size = (low.max(1), high.max(low.max(1)));
    }

    /// From now on txs go to the mempool (unconfirmed).
    pub(crate) fn enter_mempool(&mut self) {
        self.mempool = true;
    }

    /// Closes the current block if it has txs, so the next tx opens a new one.
    pub(crate) fn start_block(&mut self) {
        if self.in_block > 0 || self.height < self.first_height {
            self.advance_block();
        }
    }

    /// The output a coin points at.
    pub(crate) fn output(&self, coin: Coin) -> Option<&EsploraVout> {
        self.txs.get(coin.tx as usize)?.vout.get(coin.vout as usize)
    }

    /// A fee rate as seen in September 2018: mostly 1–10 sat/vB, sometimes more.
    pub(crate) fn feerate(&mut self) -> u64 {
        match self.rng.below(10) {
            0..=5 => self.rng.between(1, 5),
            6..=8 => self.rng.between(5, 15),
            _ => self.rng.between(15, 40),
        }
    }

    /// A coinbase opening a new block, paying `outputs` (templates with their values).
    pub(crate) fn coinbase(&mut self, outputs: Vec<EsploraVout>) -> Built {
        self.start_block();
        let mut tx = blank_tx(1, 0);
        tx.vin.push(coinbase_input(self.height));
        tx.vout = outputs;
        self.finish(tx, 0)
    }

    /// Virtual size `draft` will have once built (its amounts do not change the size).
    pub(crate) fn vsize_of(&self, draft: &Draft) -> Option<u64> {
        // A scratch copy of the generator: measuring must not shift the stream.
        let mut scratch = self.rng.clone();
        let assembled = assemble(self, &mut scratch, draft)?;
        Some(vsize(size_and_weight(&assembled.tx).1))
    }

    /// Builds, places and records `draft`; `None` when the inputs cannot pay the outputs and fee.
    pub(crate) fn build(&mut self, draft: &Draft) -> Option<Built> {
        let mut rng = self.rng.clone();
        let Assembled {
            mut tx,
            input_sats,
            fixed_sats,
            rest_index,
        } = assemble(self, &mut rng, draft)?;
        self.rng = rng;
        let fee = |tx: &EsploraTx| draft.feerate_sat_vb.max(1) * vsize(size_and_weight(tx).1);
        let fee_sats = match rest_index {
            Some(index) => {
                let rest = input_sats.checked_sub(fixed_sats)?.checked_sub(fee(&tx))?;
                if rest >= DUST_LIMIT_SATS {
                    let output = tx.vout.get_mut(index)?;
                    output.value = rest;
                    fee(&tx)
                } else {
                    // Change below dust is not worth an output: the miner gets it (as wallets do).
                    tx.vout.remove(index);
                    input_sats - fixed_sats
                }
            }
            None => input_sats.checked_sub(fixed_sats)?,
        };
        if fee_sats == 0 || tx.vout.is_empty() {
            return None;
        }
        Some(self.finish(tx, fee_sats))
    }

    /// Sets size, weight, fee, status and txid, and appends the tx.
    fn finish(&mut self, mut tx: EsploraTx, fee_sats: u64) -> Built {
        let (size, weight) = size_and_weight(&tx);
        tx.size = size;
        tx.weight = weight;
        tx.fee = fee_sats;
        tx.status = self.place();
        tx.txid = txid(&tx);
        let index = u32::try_from(self.txs.len()).unwrap_or(u32::MAX);
        let outputs = (0_u32..)
            .zip(&tx.vout)
            .map(|(vout, output)| Coin {
                tx: index,
                vout,
                value_sats: output.value,
            })
            .collect();
        let built = Built {
            txid: tx.txid.clone(),
            outputs,
        };
        self.txs.push(tx);
        built
    }

    /// The status of the next tx: a slot in the current block (opening a new one when full), or mempool.
    fn place(&mut self) -> EsploraStatus {
        if self.mempool {
            return EsploraStatus {
                confirmed: false,
                block_height: None,
                block_hash: None,
                block_time: None,
            };
        }
        if self.slots_left == 0 {
            self.advance_block();
        }
        self.slots_left = self.slots_left.saturating_sub(1);
        self.in_block += 1;
        EsploraStatus {
            confirmed: true,
            block_height: Some(self.height),
            block_hash: Some(self.block_hash.clone()),
            block_time: Some(self.block_time),
        }
    }

    /// Opens the next block: a few tx slots, a deterministic hash, ~600 s after the previous one.
    fn advance_block(&mut self) {
        self.height = if self.height < self.first_height {
            self.first_height
        } else {
            self.height + 1
        };
        self.slots_left = self.rng.between_usize(self.block_size.0, self.block_size.1);
        self.in_block = 0;
        let offset = u64::from(self.height - self.first_height);
        // Jitter below half an interval keeps block times strictly increasing.
        let jitter = if offset == 0 {
            0
        } else {
            self.rng.below(BLOCK_INTERVAL_SECS / 2)
        };
        self.block_time = self.start_time + offset * BLOCK_INTERVAL_SECS + jitter;
        let mut preimage = b"spoor simulate block".to_vec();
        preimage.extend_from_slice(&self.seed.to_le_bytes());
        preimage.extend_from_slice(&self.height.to_le_bytes());
        let digest = sha256d(&preimage);
        // Leading zeros like a 2018 proof of work (display order).
        self.block_hash = format!("{}{}", "0".repeat(18), hex(&digest).get(..46).unwrap_or(""));
    }
}

/// A tx with no inputs or outputs yet.
fn blank_tx(version: u32, locktime: u32) -> EsploraTx {
    EsploraTx {
        txid: String::new(),
        version,
        locktime,
        vin: Vec::new(),
        vout: Vec::new(),
        size: 0,
        weight: 0,
        sigops: None,
        fee: 0,
        status: EsploraStatus {
            confirmed: false,
            block_height: None,
            block_hash: None,
            block_time: None,
        },
    }
}

/// A tx with inputs and outputs in place, before fee and status.
struct Assembled {
    tx: EsploraTx,
    input_sats: u64,
    fixed_sats: u64,
    /// Index of the `Rest` output, if any (its value is still 0).
    rest_index: Option<usize>,
}

/// Spends `draft`'s coins and lays out its outputs; `None` if a coin does not exist or sums overflow.
fn assemble(ledger: &Ledger, rng: &mut SplitMix64, draft: &Draft) -> Option<Assembled> {
    let (version, sequence) = match draft.wallet {
        Wallet::Core => (2, SEQUENCE_RBF),
        Wallet::Legacy => (1, SEQUENCE_FINAL),
    };
    let locktime = match draft.wallet {
        Wallet::Core if !ledger.mempool => ledger.height.saturating_sub(1),
        Wallet::Core => ledger.height,
        Wallet::Legacy => 0,
    };
    let mut tx = blank_tx(version, locktime);
    let mut input_sats: u64 = 0;
    for coin in &draft.inputs {
        let prevout = ledger.output(*coin)?;
        let prev_txid = &ledger.txs.get(coin.tx as usize)?.txid;
        input_sats = input_sats.checked_add(prevout.value)?;
        tx.vin
            .push(ledger.keys.spend(rng, prevout, prev_txid, coin.vout, sequence));
    }
    if tx.vin.is_empty() {
        return None;
    }
    let mut rest_index = None;
    let mut fixed_sats: u64 = 0;
    for (index, (template, amount)) in draft.outputs.iter().enumerate() {
        let mut output = template.clone();
        match amount {
            Amount::Fixed(value) => {
                output.value = *value;
                fixed_sats = fixed_sats.checked_add(*value)?;
            }
            Amount::Rest => rest_index = Some(index),
        }
        tx.vout.push(output);
    }
    Some(Assembled {
        tx,
        input_sats,
        fixed_sats,
        rest_index,
    })
}
