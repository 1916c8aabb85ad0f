//! The run: root coinbases, the victim's hot wallet filling up, the two theft rounds, then the
//! laundering (`launder`) and noise up to the requested size, ending with a few mempool txs.

use crate::chain::Chain;
use crate::explorer::esplora::dto::EsploraVout;

use super::launder::{self, Thief};
use super::ledger::{Amount, Built, Coin, Draft, Ledger, Wallet};
use super::noise::{noise_tx, payment_tx, Pool};
use super::plan::{Plan, BTC};
use super::script::Kind;
use super::{LabelRow, Scenario, ScenarioFacts, SimParams};

/// Height of the first simulated block (Zaif's theft was mined around 540,4xx).
const FIRST_HEIGHT: u32 = 540_000;
/// 2018-09-14 08:00:00 UTC, when the Zaif intrusion began.
const START_TIME: u64 = 1_536_912_000;
/// Blocks the funding history before the theft spans (about two hours).
const PRE_THEFT_BLOCKS: usize = 9;
/// Outputs per root coinbase.
const ROOT_OUTPUTS: usize = 200;

/// Entity name of the victim exchange.
pub(crate) const VICTIM: &str = "Synthetic Exchange Z hot wallet, hack victim (simulated, not a real entity)";
/// The busy exchange's entity (see [`SimParams::busy_txs`]).
const BUSY_EXCHANGE: &str = "Synthetic Exchange B hot wallet (simulated, not a real entity)";

/// Everything a run builds up.
#[derive(Debug)]
pub(crate) struct Sim {
    pub ledger: Ledger,
    pub pool: Pool,
    pub plan: Plan,
    pub facts: ScenarioFacts,
    pub labels: Vec<LabelRow>,
    /// Clean coins kept out of the noise for the CoinJoin, the consolidation and mixer users.
    pub reserved: Vec<Coin>,
    source_url: String,
    /// Noise txs wanted in total (the story's own txs are estimated and left out).
    pub noise_target: usize,
    noise_done: usize,
    /// Payments into the busy exchange's hot wallet (0: none).
    busy_txs: usize,
}

/// Simulates one scenario (see [`super::simulate`]).
pub(crate) fn run(params: &SimParams, chain: Chain) -> Scenario {
    let mut plan = Plan::for_size(params.txs);
    if let Some(width) = params.fanout {
        plan.fanout_width = width.max(1);
    }
    let mut sim = Sim::new(params, plan, chain);
    if sim.story().is_none() {
        sim.facts
            .notes
            .push("The story stopped early: an amount plan did not fit (please report the seed).".into());
    }
    sim.fill_tail();
    sim.finish()
}

impl Sim {
    fn new(params: &SimParams, plan: Plan, chain: Chain) -> Sim {
        let noise_target = plan.txs.saturating_sub(plan.mempool_txs + plan.expected_story_txs());
        Sim {
            ledger: Ledger::new(params.seed, FIRST_HEIGHT, START_TIME, plan.txs + 16, chain),
            pool: Pool::default(),
            facts: ScenarioFacts {
                seed: params.seed,
                requested_txs: params.txs,
                first_height: FIRST_HEIGHT,
                start_time: START_TIME,
                ..ScenarioFacts::default()
            },
            plan,
            labels: Vec::new(),
            reserved: Vec::new(),
            source_url: if chain == Chain::Btc {
                format!("urn:spoor:simulate?seed={}&txs={}", params.seed, params.txs)
            } else {
                format!(
                    "urn:spoor:simulate?seed={}&txs={}&coin={}",
                    params.seed,
                    params.txs,
                    chain.code()
                )
            },
            noise_target,
            noise_done: 0,
            busy_txs: params.busy_txs,
        }
    }

    /// Labels `address` as `entity` of `category`.
    pub(crate) fn label(&mut self, address: &str, entity: &str, category: &str) {
        self.labels.push(LabelRow {
            chain: self.ledger.keys.chain().code().to_string(),
            address: address.to_string(),
            entity: entity.to_string(),
            category: category.to_string(),
            source_url: self.source_url.clone(),
        });
    }

    /// A never-used output template of `kind`.
    pub(crate) fn fresh(&mut self, kind: Kind) -> EsploraVout {
        self.ledger.keys.fresh(&mut self.ledger.rng, kind)
    }

    /// The output of `built` paying `template`'s script.
    pub(crate) fn coin_to(&self, built: &Built, template: &EsploraVout) -> Option<Coin> {
        built.outputs.iter().copied().find(|coin| {
            self.ledger
                .output(*coin)
                .is_some_and(|output| output.scriptpubkey == template.scriptpubkey)
        })
    }

    /// Emits about `(noise_goal − noise so far) / (steps_left + 1)` noise txs, so noise spreads
    /// evenly over the story steps still to come.
    pub(crate) fn gap(&mut self, noise_goal: usize, steps_left: usize) {
        let remaining = noise_goal.saturating_sub(self.noise_done);
        let mean = remaining / (steps_left + 1);
        let count = if mean == 0 {
            usize::from(self.ledger.rng.below(steps_left as u64 + 1) < remaining as u64)
        } else {
            (mean / 2 + self.ledger.rng.index(mean + 1)).min(remaining)
        };
        for _ in 0..count {
            self.noise();
        }
    }

    /// One noise tx (a few tries: a draw of coins too small to pay a fee yields nothing).
    pub(crate) fn noise(&mut self) -> bool {
        for _ in 0..8 {
            if noise_tx(&mut self.ledger, &mut self.pool).is_some() {
                self.noise_done += 1;
                return true;
            }
        }
        false
    }

    /// Roots, hot-wallet funding and both theft rounds.
    fn story(&mut self) -> Option<()> {
        let thief = self.fund_and_steal()?;
        launder::run(self, thief)
    }

    fn fund_and_steal(&mut self) -> Option<Thief> {
        let pre_theft_goal = self.noise_target / 20;
        let pool_roots = self.plan.pool_coins.div_ceil(ROOT_OUTPUTS);
        let deposits = self.plan.theft_inputs + self.plan.second_round_inputs;
        let mut steps_left = pool_roots + 1 + deposits;
        // Fuller blocks before the theft, so it lands around 09:30–10:00 UTC as Zaif's did.
        let per_block = (steps_left + pre_theft_goal).div_ceil(PRE_THEFT_BLOCKS).max(2);
        self.ledger.set_block_size(per_block, per_block + per_block / 2);
        for root in 0..pool_roots {
            let count = ROOT_OUTPUTS.min(self.plan.pool_coins - root * ROOT_OUTPUTS);
            let reserved = if root == 0 { self.plan.reserved_coins } else { 0 };
            let mut outputs = Vec::with_capacity(count + reserved);
            for index in 0..count + reserved {
                let kind = Kind::random_2018(&mut self.ledger.rng);
                let mut output = self.fresh(kind);
                output.value = if index < count {
                    self.ledger.rng.decades(5, 10)
                } else {
                    self.ledger.rng.between(2 * BTC, 20 * BTC)
                };
                outputs.push(output);
            }
            let built = self.ledger.coinbase(outputs);
            for (index, coin) in built.outputs.into_iter().enumerate() {
                if index < count {
                    self.pool.add(coin);
                } else {
                    self.reserved.push(coin);
                }
            }
            steps_left -= 1;
            self.gap(pre_theft_goal, steps_left);
        }
        let hot_coins = self.fill_hot_wallet(deposits, pre_theft_goal, &mut steps_left)?;
        let thief = self.fresh(Kind::P2pkh);
        let thief_address = thief.scriptpubkey_address.clone().unwrap_or_default();
        self.label(
            &thief_address,
            "Synthetic hack 2018-09-14, thief address (simulated, not a real entity)",
            "theft",
        );
        self.facts.thief_address = thief_address;

        let (first, second) = hot_coins.split_at(self.plan.theft_inputs.min(hot_coins.len()));
        let theft = self.steal(first, &thief)?;
        self.ledger.set_block_size(2, 7);
        self.facts.theft_txid = theft.txid.clone();
        self.facts.theft_input_count = first.len();
        // "A second round a few blocks later", with ordinary traffic in between.
        let theft_height = self.ledger.height();
        for _ in 0..200 {
            if self.ledger.height() >= theft_height + 3 {
                break;
            }
            if !self.noise() {
                self.ledger.start_block();
            }
        }
        let second_round = self.steal(second, &thief)?;
        self.facts.second_round_txid = second_round.txid.clone();
        self.facts.theft_txids = vec![theft.txid.clone(), second_round.txid.clone()];
        let coins = vec![self.coin_to(&theft, &thief)?, self.coin_to(&second_round, &thief)?];
        self.facts.stolen_sats = coins.iter().map(|coin| coin.value_sats).sum();
        Some(Thief { template: thief, coins })
    }

    /// Users deposit into the victim's hot wallet (one coinbase funds the depositors); returns the
    /// hot-wallet coins in shuffled order.
    fn fill_hot_wallet(&mut self, deposits: usize, noise_goal: usize, steps_left: &mut usize) -> Option<Vec<Coin>> {
        let mut hot = Vec::with_capacity(self.plan.hot_addresses);
        for _ in 0..self.plan.hot_addresses {
            let kind = if self.ledger.rng.percent(60) {
                Kind::P2pkh
            } else {
                Kind::P2sh
            };
            let template = self.fresh(kind);
            let address = template.scriptpubkey_address.clone().unwrap_or_default();
            self.label(&address, VICTIM, "exchange");
            self.facts.hot_wallet_addresses.push(address);
            hot.push(template);
        }
        let mean = self.plan.mean_hot_coin_sats;
        let amounts: Vec<u64> = (0..deposits)
            .map(|_| self.ledger.rng.between(mean * 3 / 10, mean * 17 / 10))
            .collect();
        let mut funding = Vec::with_capacity(deposits);
        for amount in &amounts {
            let kind = Kind::random_2018(&mut self.ledger.rng);
            let mut output = self.fresh(kind);
            output.value = amount + self.ledger.rng.decades(5, 8) + 200_000;
            funding.push(output);
        }
        let depositors = self.ledger.coinbase(funding).outputs;
        *steps_left = steps_left.saturating_sub(1);
        let mut hot_coins = Vec::with_capacity(deposits);
        for (depositor, amount) in depositors.into_iter().zip(amounts) {
            let target = hot.get(self.ledger.rng.index(hot.len()))?.clone();
            let change_kind = self.ledger.output(depositor).map_or(Kind::P2pkh, Kind::of_output);
            let mut outputs = vec![
                (target.clone(), Amount::Fixed(amount)),
                (self.fresh(change_kind), Amount::Rest),
            ];
            self.ledger.rng.shuffle(&mut outputs);
            let wallet = if self.ledger.rng.percent(50) {
                Wallet::Core
            } else {
                Wallet::Legacy
            };
            let feerate_sat_vb = self.ledger.feerate();
            let built = self.ledger.build(&Draft {
                wallet,
                inputs: vec![depositor],
                outputs,
                feerate_sat_vb,
            })?;
            let hot_coin = self.coin_to(&built, &target)?;
            for coin in &built.outputs {
                if *coin != hot_coin {
                    self.pool.add(*coin);
                }
            }
            hot_coins.push(hot_coin);
            *steps_left = steps_left.saturating_sub(1);
            self.gap(noise_goal, *steps_left);
        }
        self.ledger.rng.shuffle(&mut hot_coins);
        Some(hot_coins)
    }

    /// One theft round: hot-wallet coins, all to the thief address, no change.
    fn steal(&mut self, coins: &[Coin], thief: &EsploraVout) -> Option<Built> {
        let feerate_sat_vb = self.ledger.rng.between(10, 30);
        let draft = Draft {
            wallet: Wallet::Legacy,
            inputs: coins.to_vec(),
            outputs: vec![(thief.clone(), Amount::Rest)],
            feerate_sat_vb,
        };
        self.ledger.build(&draft)
    }

    /// The busy exchange's hot wallet, if asked for: customers pay it again and again from
    /// clean coins (their change rejoins the noise), like a big exchange's deposit address.
    fn busy_address(&mut self, payments: usize) {
        if payments == 0 {
            return;
        }
        let template = self.fresh(Kind::P2wpkh);
        let address = template.scriptpubkey_address.clone().unwrap_or_default();
        self.label(&address, BUSY_EXCHANGE, "exchange");
        let mut failures = 0;
        let mut paid = 0;
        while paid < payments && failures < 1_000 {
            if payment_tx(&mut self.ledger, &mut self.pool, &template).is_some() {
                paid += 1;
            } else {
                failures += 1;
            }
        }
        self.facts.busy_address = address;
        self.facts.busy_address_txs = paid;
    }

    /// Noise up to the requested size, then the mempool txs.
    fn fill_tail(&mut self) {
        self.busy_address(self.busy_txs);
        let confirmed_target = self.plan.txs.saturating_sub(self.plan.mempool_txs);
        let mut failures = 0;
        while self.ledger.txs.len() < confirmed_target && failures < 1_000 {
            if !self.noise() {
                failures += 1;
            }
        }
        self.ledger.enter_mempool();
        for _ in 0..self.plan.mempool_txs {
            self.noise();
        }
    }

    fn finish(self) -> Scenario {
        let Sim {
            ledger,
            mut facts,
            labels,
            ..
        } = self;
        facts.tx_count = ledger.txs.len();
        facts.mempool_tx_count = ledger.txs.iter().filter(|tx| !tx.status.confirmed).count();
        facts.tip_height = ledger
            .txs
            .iter()
            .filter_map(|tx| tx.status.block_height)
            .max()
            .unwrap_or(FIRST_HEIGHT);
        facts.notes = notes(facts.notes);
        Scenario {
            txs: ledger.txs,
            labels,
            facts,
        }
    }
}

/// What is synthetic or simplified, for anyone reading scenario.json.
fn notes(mut extra: Vec<String>) -> Vec<String> {
    let mut notes: Vec<String> = [
        "Synthetic data: every address, entity and transaction is simulated; none is a real entity.",
        "The first coinbases stand in for earlier history: their value is not limited to the block subsidy and coinbase maturity is not modelled.",
        "Signatures and public keys are random bytes of the right shape; nothing is signed. P2PKH/P2SH hashes are random (no RIPEMD160); P2WSH programs are the SHA256 of their witness scripts.",
        "txids are double-SHA256 of the real serialization; size and weight are measured; fee = feerate x vsize.",
        "Block hashes are deterministic stand-ins (no proof of work); blocks hold only the simulated txs.",
    ]
    .map(String::from)
    .to_vec();
    notes.append(&mut extra);
    notes
}
