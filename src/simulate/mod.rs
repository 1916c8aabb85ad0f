//! A deterministic synthetic hack, modelled on the Zaif theft of 14 September 2018 and scaled.
//!
//! `simulate` builds a valid Bitcoin-shaped chain of Esplora txs: a victim exchange's hot wallet is
//! funded, drained in two rounds into one thief address, and the loot is laundered through splits,
//! peel chains into exchange deposit addresses, a mixer, a CoinJoin, a consolidation with clean
//! coins, dust and long-term holdings, all hidden among unrelated noise. Pure: no I/O, no clock;
//! the same seed and size give byte-identical output.

mod coinjoin;
mod exchange;
mod hash;
mod launder;
mod ledger;
mod noise;
mod output;
mod plan;
mod rng;
mod script;
mod story;
mod wire;

use serde::{Deserialize, Serialize};

use crate::explorer::esplora::dto::EsploraTx;

/// What to simulate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimParams {
    /// Seed of the only random source.
    pub seed: u64,
    /// Requested number of txs (honoured exactly once it exceeds the story's own ~150–1,200 txs).
    pub txs: usize,
    /// Recipients of the thief's fan-out tx; `None` scales with `txs` (30–400). The Zaif thief
    /// reached 5,109 addresses; benchmarks set thousands here.
    pub fanout: Option<usize>,
    /// Customer payments into one busy exchange hot wallet (address reuse at scale, for
    /// "load more" on an address with thousands of transactions); 0 leaves it out.
    pub busy_txs: usize,
}

/// One row of a label CSV (`chain,address,entity,category,source_url`, as in the shared label data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelRow {
    /// Chain code (`btc`).
    pub chain: String,
    /// The labelled address.
    pub address: String,
    /// Who controls it; always marked as simulated.
    pub entity: String,
    /// One of exchange, mixer, sanctioned, theft, ransomware, darknet, gambling, service, other.
    pub category: String,
    /// Where the label comes from: a `urn:spoor:simulate?…` naming seed and size.
    pub source_url: String,
}

/// Facts about the simulated story, for tests and the demo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioFacts {
    /// The seed used.
    pub seed: u64,
    /// The size asked for.
    pub requested_txs: usize,
    /// Txs written (confirmed and mempool).
    pub tx_count: usize,
    /// Trailing unconfirmed txs (all noise).
    pub mempool_tx_count: usize,
    /// Height of the first block.
    pub first_height: u32,
    /// Height of the last block.
    pub tip_height: u32,
    /// Unix time of the first block (2018-09-14 08:00 UTC).
    pub start_time: u64,
    /// The address both theft rounds pay (like Zaif's 1FmwHh6…).
    pub thief_address: String,
    /// The main theft tx.
    pub theft_txid: String,
    /// Its number of inputs, all from the victim's hot wallet.
    pub theft_input_count: usize,
    /// The second, smaller theft round into the same address.
    pub second_round_txid: String,
    /// Both theft txs, in order.
    pub theft_txids: Vec<String>,
    /// Satoshis the thief address received from the two rounds.
    pub stolen_sats: u64,
    /// The thief address's spending txs, in order (like Zaif's nine).
    pub thief_outgoing_txids: Vec<String>,
    /// The victim's hot-wallet addresses.
    pub hot_wallet_addresses: Vec<String>,
    /// Exchange deposit addresses paid by peel chain hops (one per hop).
    pub exchange_deposit_addresses: Vec<String>,
    /// Satoshis paid into those deposit addresses.
    pub exchange_deposit_sats: u64,
    /// Txs in which the exchanges sweep deposits into their hot wallets.
    pub exchange_sweep_txids: Vec<String>,
    /// Number of peel chains.
    pub peel_chain_count: usize,
    /// Hops over all peel chains.
    pub peel_hop_count: usize,
    /// The mixer deposit address the thief paid.
    pub mixer_deposit_address: String,
    /// The thief's tx paying it.
    pub mixer_deposit_txid: String,
    /// The mixer's sweep of the thief's deposit together with other users' deposits.
    pub mixer_sweep_txid: String,
    /// The CoinJoin-like tx with the thief among clean participants.
    pub coinjoin_txid: String,
    /// Value of each equal CoinJoin output.
    pub coinjoin_equal_output_sats: u64,
    /// Participants (inputs) of the CoinJoin, thief included.
    pub coinjoin_participants: usize,
    /// The tx joining a tainted coin with clean coins.
    pub consolidation_txid: String,
    /// Where the consolidation paid (left unspent).
    pub consolidation_address: String,
    /// The thief's fan-out into many fresh addresses.
    pub fanout_txid: String,
    /// How many addresses the fan-out paid.
    pub fanout_address_count: usize,
    /// The busy exchange hot wallet (empty unless asked for), and how many txs pay it.
    #[serde(default)]
    pub busy_address: String,
    #[serde(default)]
    pub busy_address_txs: usize,
    /// Long-term holding addresses three hops from the thief (like Zaif's 3MyE8… and 3EGDAa…).
    pub holding_addresses: Vec<String>,
    /// What each holding address keeps, unspent.
    pub holding_sats: Vec<u64>,
    /// Deliberate sub-546-sat outputs, as `txid:vout`; no other output is below 546 sats.
    pub dust_outputs: Vec<String>,
    /// What is synthetic or simplified about this data.
    pub notes: Vec<String>,
}

/// A simulated chain with its labels and facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// Txs in chain order (parents before children), as `GET /tx/:txid` would answer.
    pub txs: Vec<EsploraTx>,
    /// Labels of the synthetic entities.
    pub labels: Vec<LabelRow>,
    /// Facts about the story.
    pub facts: ScenarioFacts,
}

/// Simulates a hack of about `params.txs` txs, deterministically from `params.seed`.
///
/// ```
/// use spoor::simulate::{simulate, SimParams};
/// let scenario = simulate(&SimParams { seed: 1, txs: 400, fanout: None, busy_txs: 0 });
/// assert_eq!(scenario.txs.len(), 400);
/// assert!(scenario.facts.theft_input_count >= 60);
/// ```
#[must_use]
pub fn simulate(params: &SimParams) -> Scenario {
    story::run(params, crate::chain::Chain::Btc)
}

/// [`simulate`] on another coin: the same story with that coin's addresses (P2PKH only on coins
/// without segwit), and labels of that chain.
#[must_use]
pub fn simulate_on(chain: crate::chain::Chain, params: &SimParams) -> Scenario {
    story::run(params, chain)
}
