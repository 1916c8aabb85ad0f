//! After the theft: the thief address's nine spends and what follows them, interleaved with noise.
//!
//! Shares of the loot, after Crystal's Zaif figures (30% held, 24% to an exchange, the rest split):
//! peel chains 24%, two holdings 17% + 13% three hops away, mixer 10%, consolidation 3%, a little
//! dust and gambling, a CoinJoin, and the remaining third fanned out over many fresh addresses.

use crate::explorer::esplora::dto::EsploraVout;

use super::coinjoin::coinjoin;
use super::exchange::Exchange;
use super::ledger::{Amount, Built, Coin, Draft, Wallet};
use super::plan::BTC;
use super::script::Kind;
use super::story::Sim;

/// Entity names of the exchanges whose deposit addresses the peel chains pay.
const EXCHANGE_A: &str = "Synthetic Exchange A (simulated, not a real entity)";
const EXCHANGE_B: &str = "Synthetic Exchange B (simulated, not a real entity)";
const MIXER: &str = "Synthetic Mixer (simulated, not a real entity)";
const GAMBLING: &str = "Synthetic Dice Site (simulated, not a real entity)";

/// The thief address and the coins the two theft rounds left on it.
#[derive(Debug, Clone)]
pub(crate) struct Thief {
    pub template: EsploraVout,
    pub coins: Vec<Coin>,
}

/// Steps of the laundering that are not peel chain hops, in the order they happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    SplitFirst,
    HoldStart(usize),
    HoldHop(usize),
    HoldFinal(usize),
    MixerUsers,
    MixerDeposit,
    Dust,
    SplitSecond,
    ConsolidationFeed,
    Consolidate,
    MixerSweep,
    Fanout,
    CoinJoin,
}

const STEPS: [Step; 16] = [
    Step::SplitFirst,
    Step::HoldStart(0),
    Step::HoldHop(0),
    Step::HoldStart(1),
    Step::HoldHop(1),
    Step::MixerUsers,
    Step::MixerDeposit,
    Step::Dust,
    Step::HoldFinal(0),
    Step::SplitSecond,
    Step::ConsolidationFeed,
    Step::Consolidate,
    Step::MixerSweep,
    Step::Fanout,
    Step::HoldFinal(1),
    Step::CoinJoin,
];

/// Percent of the loot sent toward each holding address (Zaif: 1,007.6 and 754.5 BTC).
const HOLDING_PERCENT: [u64; 2] = [17, 13];

/// State of the laundering.
#[derive(Debug)]
struct Laundry {
    thief: EsploraVout,
    /// The thief address's unspent coins (two before the first spend, then its change).
    thief_coins: Vec<Coin>,
    stolen_sats: u64,
    chain_budget_sats: u64,
    chains: Vec<Coin>,
    next_chain: usize,
    exchanges: [Exchange; 2],
    holding_routes: [Option<Coin>; 2],
    mixer_deposits: Vec<Coin>,
    consolidation_feed: Option<Coin>,
    coinjoin_denomination_sats: u64,
    steps_left: usize,
}

/// Runs every laundering step, peel hops in between, noise in every gap.
pub(crate) fn run(sim: &mut Sim, thief: Thief) -> Option<()> {
    let expected_hops = sim.plan.expected_peel_hops();
    let stolen_sats = thief.coins.iter().map(|coin| coin.value_sats).sum::<u64>();
    let mut laundry = Laundry {
        thief: thief.template,
        thief_coins: thief.coins,
        stolen_sats,
        chain_budget_sats: stolen_sats * 24 / 100 / sim.plan.peel_chains.max(1) as u64,
        chains: Vec::new(),
        next_chain: 0,
        exchanges: [
            Exchange::new(EXCHANGE_A, Kind::P2pkh),
            Exchange::new(EXCHANGE_B, Kind::P2sh),
        ],
        holding_routes: [None, None],
        mixer_deposits: Vec::new(),
        consolidation_feed: None,
        coinjoin_denomination_sats: sim.ledger.rng.between(BTC / 2, BTC),
        steps_left: STEPS.len() + sim.plan.mixer_users + expected_hops + expected_hops / 8,
    };
    // About half the hops happen while the thief address is still spending, the rest after.
    let hops_per_step = (expected_hops / (2 * STEPS.len())).max(1);
    for step in STEPS {
        laundry.step(sim, step)?;
        laundry.gap(sim);
        for _ in 0..hops_per_step {
            if !laundry.peel_hop(sim)? {
                break;
            }
            laundry.gap(sim);
        }
    }
    while laundry.peel_hop(sim)? {
        laundry.gap(sim);
    }
    Some(())
}

impl Laundry {
    /// Noise before the next step.
    fn gap(&mut self, sim: &mut Sim) {
        self.steps_left = self.steps_left.saturating_sub(1);
        sim.gap(sim.noise_target, self.steps_left);
    }

    fn step(&mut self, sim: &mut Sim, step: Step) -> Option<()> {
        let loot = self.stolen_sats;
        match step {
            Step::SplitFirst => self.split(sim, sim.plan.peel_chains.div_ceil(2)),
            Step::SplitSecond => self.split(sim, sim.plan.peel_chains / 2),
            Step::HoldStart(route) => {
                let hop = sim.fresh(Kind::P2pkh);
                let percent = HOLDING_PERCENT.get(route).copied().unwrap_or(10);
                let built = self.spend_thief(sim, vec![(hop.clone(), Amount::Fixed(loot * percent / 100))])?;
                *self.holding_routes.get_mut(route)? = Some(sim.coin_to(&built, &hop)?);
                Some(())
            }
            Step::HoldHop(route) | Step::HoldFinal(route) => {
                let coin = self.holding_routes.get(route).copied().flatten()?;
                let next = sim.fresh(Kind::P2sh);
                let built = self.plain(sim, vec![coin], vec![(next.clone(), Amount::Rest)])?;
                let landed = sim.coin_to(&built, &next)?;
                if step == Step::HoldFinal(route) {
                    sim.facts
                        .holding_addresses
                        .push(next.scriptpubkey_address.unwrap_or_default());
                    sim.facts.holding_sats.push(landed.value_sats);
                } else {
                    *self.holding_routes.get_mut(route)? = Some(landed);
                }
                Some(())
            }
            Step::MixerUsers => self.mixer_users(sim),
            Step::MixerDeposit => {
                let deposit = sim.fresh(Kind::P2pkh);
                let address = deposit.scriptpubkey_address.clone().unwrap_or_default();
                sim.label(&address, MIXER, "mixer");
                let built = self.spend_thief(sim, vec![(deposit.clone(), Amount::Fixed(loot / 10))])?;
                self.mixer_deposits.push(sim.coin_to(&built, &deposit)?);
                sim.facts.mixer_deposit_address = address;
                sim.facts.mixer_deposit_txid = built.txid;
                Some(())
            }
            Step::MixerSweep => {
                let hot = sim.fresh(Kind::P2sh);
                sim.label(&hot.scriptpubkey_address.clone().unwrap_or_default(), MIXER, "mixer");
                let mut inputs = std::mem::take(&mut self.mixer_deposits);
                sim.ledger.rng.shuffle(&mut inputs);
                let built = self.plain(sim, inputs, vec![(hot, Amount::Rest)])?;
                sim.facts.mixer_sweep_txid = built.txid;
                Some(())
            }
            Step::Dust => self.dust(sim),
            Step::ConsolidationFeed => {
                let feed = sim.fresh(Kind::P2pkh);
                let built = self.spend_thief(sim, vec![(feed.clone(), Amount::Fixed(loot * 3 / 100))])?;
                self.consolidation_feed = Some(sim.coin_to(&built, &feed)?);
                Some(())
            }
            Step::Consolidate => self.consolidate(sim),
            Step::Fanout => self.fanout(sim),
            Step::CoinJoin => {
                let thief_coins = std::mem::take(&mut self.thief_coins);
                let built = coinjoin(sim, thief_coins, self.coinjoin_denomination_sats)?;
                sim.facts.thief_outgoing_txids.push(built.txid);
                Some(())
            }
        }
    }

    /// A tx by the thief's wallet software (version 1, locktime 0, generous fee).
    fn plain(&self, sim: &mut Sim, inputs: Vec<Coin>, outputs: Vec<(EsploraVout, Amount)>) -> Option<Built> {
        let feerate_sat_vb = sim.ledger.rng.between(8, 30);
        sim.ledger.build(&Draft {
            wallet: Wallet::Legacy,
            inputs,
            outputs,
            feerate_sat_vb,
        })
    }

    /// A spend from the thief address: `outputs` plus change back to the same address (address
    /// reuse, so the address's history stays 2 receipts + 9 spends, like Zaif's 1FmwHh6…).
    fn spend_thief(&mut self, sim: &mut Sim, mut outputs: Vec<(EsploraVout, Amount)>) -> Option<Built> {
        outputs.push((self.thief.clone(), Amount::Rest));
        sim.ledger.rng.shuffle(&mut outputs);
        let inputs = std::mem::take(&mut self.thief_coins);
        let built = self.plain(sim, inputs, outputs)?;
        self.thief_coins = vec![sim.coin_to(&built, &self.thief)?];
        sim.facts.thief_outgoing_txids.push(built.txid.clone());
        Some(built)
    }

    /// Splits `count` peel chain budgets off the thief address to fresh addresses.
    fn split(&mut self, sim: &mut Sim, count: usize) -> Option<()> {
        let starts: Vec<EsploraVout> = (0..count).map(|_| sim.fresh(Kind::P2pkh)).collect();
        let outputs = starts
            .iter()
            .map(|start| (start.clone(), Amount::Fixed(self.chain_budget_sats)))
            .collect();
        let built = self.spend_thief(sim, outputs)?;
        for start in &starts {
            self.chains.push(sim.coin_to(&built, start)?);
        }
        sim.facts.peel_chain_count += count;
        Some(())
    }

    /// One peel hop on the next chain: ~1.9–2 BTC to a new exchange deposit address, the rest to a
    /// fresh change address. `Some(false)` once every chain has run dry (its remainder stays put).
    fn peel_hop(&mut self, sim: &mut Sim) -> Option<bool> {
        while !self.chains.is_empty() {
            let index = self.next_chain % self.chains.len();
            let coin = *self.chains.get(index)?;
            let payment_sats = sim.ledger.rng.between(190 * BTC / 100, 2 * BTC);
            if coin.value_sats < payment_sats + BTC / 2 {
                self.chains.swap_remove(index);
                continue;
            }
            self.next_chain = index + 1;
            let which = usize::from(!sim.ledger.rng.percent(65));
            let exchange = self.exchanges.get_mut(which)?;
            let deposit = sim.ledger.keys.fresh(&mut sim.ledger.rng, exchange.deposit_kind());
            let address = deposit.scriptpubkey_address.clone().unwrap_or_default();
            let entity = exchange.entity();
            sim.label(&address, entity, "exchange");
            let change = sim.fresh(Kind::P2pkh);
            let mut outputs = vec![
                (deposit.clone(), Amount::Fixed(payment_sats)),
                (change.clone(), Amount::Rest),
            ];
            sim.ledger.rng.shuffle(&mut outputs);
            let built = self.plain(sim, vec![coin], outputs)?;
            *self.chains.get_mut(index)? = sim.coin_to(&built, &change)?;
            sim.facts.exchange_deposit_addresses.push(address);
            sim.facts.exchange_deposit_sats += payment_sats;
            sim.facts.peel_hop_count += 1;
            let paid = sim.coin_to(&built, &deposit)?;
            self.exchanges.get_mut(which)?.deposit(sim, paid)?;
            return Some(true);
        }
        Some(false)
    }

    /// Other users' deposits to the mixer, from clean coins (their change rejoins the clean pool).
    fn mixer_users(&mut self, sim: &mut Sim) -> Option<()> {
        for _ in 0..sim.plan.mixer_users {
            let coin = match sim.reserved.pop() {
                Some(coin) => coin,
                None => sim.pool.take_at_least(&mut sim.ledger, 2 * BTC)?,
            };
            let deposit = sim.fresh(Kind::P2pkh);
            sim.label(
                &deposit.scriptpubkey_address.clone().unwrap_or_default(),
                MIXER,
                "mixer",
            );
            let change_kind = sim.ledger.output(coin).map_or(Kind::P2pkh, Kind::of_output);
            let amount = sim.ledger.rng.between(BTC / 20, 3 * BTC / 2);
            let mut outputs = vec![
                (deposit.clone(), Amount::Fixed(amount)),
                (sim.fresh(change_kind), Amount::Rest),
            ];
            sim.ledger.rng.shuffle(&mut outputs);
            let feerate_sat_vb = sim.ledger.feerate();
            let built = sim.ledger.build(&Draft {
                wallet: Wallet::Core,
                inputs: vec![coin],
                outputs,
                feerate_sat_vb,
            })?;
            let paid = sim.coin_to(&built, &deposit)?;
            for coin in &built.outputs {
                if *coin != paid {
                    sim.pool.add(*coin);
                }
            }
            self.mixer_deposits.push(paid);
            self.gap(sim);
        }
        Some(())
    }

    /// A small payment to a dice site plus three deliberate dust outputs (294–545 sats).
    fn dust(&mut self, sim: &mut Sim) -> Option<()> {
        let site = sim.fresh(Kind::P2pkh);
        sim.label(
            &site.scriptpubkey_address.clone().unwrap_or_default(),
            GAMBLING,
            "gambling",
        );
        let bet_sats = sim.ledger.rng.between(BTC / 10, BTC / 2);
        let mut outputs = vec![(site, Amount::Fixed(bet_sats))];
        for _ in 0..3 {
            let dust_sats = sim.ledger.rng.between(294, 545);
            outputs.push((sim.fresh(Kind::P2pkh), Amount::Fixed(dust_sats)));
        }
        let built = self.spend_thief(sim, outputs)?;
        for coin in &built.outputs {
            if coin.value_sats < super::ledger::DUST_LIMIT_SATS {
                sim.facts.dust_outputs.push(format!("{}:{}", built.txid, coin.vout));
            }
        }
        Some(())
    }

    /// A tainted coin spent together with 2–4 clean coins into one fresh address (left unspent).
    fn consolidate(&mut self, sim: &mut Sim) -> Option<()> {
        let mut inputs = vec![self.consolidation_feed.take()?];
        for _ in 0..sim.ledger.rng.between(2, 4) {
            inputs.extend(sim.reserved.pop());
        }
        sim.ledger.rng.shuffle(&mut inputs);
        let target = sim.fresh(Kind::P2sh);
        let built = self.plain(sim, inputs, vec![(target.clone(), Amount::Rest)])?;
        sim.facts.consolidation_address = target.scriptpubkey_address.unwrap_or_default();
        sim.facts.consolidation_txid = built.txid;
        Some(())
    }

    /// The thief address pays what is left, minus the CoinJoin stake, to many fresh addresses.
    fn fanout(&mut self, sim: &mut Sim) -> Option<()> {
        let left_sats: u64 = self.thief_coins.iter().map(|coin| coin.value_sats).sum();
        let stake_sats = self.coinjoin_denomination_sats + sim.ledger.rng.between(BTC / 10, 4 * BTC / 10);
        // Room for this tx's fee and the thief's CoinJoin fee share.
        let fanout_sats = left_sats.checked_sub(stake_sats + 2_000_000)?;
        let width = sim.plan.fanout_width;
        let weights: Vec<u64> = (0..width).map(|_| sim.ledger.rng.between(80, 120)).collect();
        let total_weight: u64 = weights.iter().sum();
        let mut outputs = Vec::with_capacity(width);
        for weight in weights {
            let kind = if sim.ledger.rng.percent(70) {
                Kind::P2pkh
            } else {
                Kind::P2sh
            };
            outputs.push((
                sim.fresh(kind),
                Amount::Fixed(fanout_sats / total_weight.max(1) * weight),
            ));
        }
        let built = self.spend_thief(sim, outputs)?;
        sim.facts.fanout_txid = built.txid;
        sim.facts.fanout_address_count = width;
        Some(())
    }
}
