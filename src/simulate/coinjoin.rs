//! A JoinMarket-like CoinJoin: the thief's coin among clean participants' coins, one equal output
//! per participant plus a change output each, the fee shared equally.

use super::ledger::{Amount, Built, Coin, Draft, Wallet};
use super::plan::BTC;
use super::script::Kind;
use super::story::Sim;

/// Joins `thief_coins` with `plan.coinjoin_clean` clean coins at `denomination_sats` per participant.
pub(crate) fn coinjoin(sim: &mut Sim, thief_coins: Vec<Coin>, denomination_sats: u64) -> Option<Built> {
    let mut inputs = thief_coins;
    for _ in 0..sim.plan.coinjoin_clean {
        let coin = match sim.reserved.pop() {
            Some(coin) if coin.value_sats > denomination_sats + BTC / 100 => coin,
            _ => sim.pool.take_at_least(&mut sim.ledger, denomination_sats + BTC / 10)?,
        };
        inputs.push(coin);
    }
    sim.ledger.rng.shuffle(&mut inputs);
    let participants = inputs.len();
    // The first half are the equal outputs, the second half each participant's change (set below).
    let mut outputs = Vec::with_capacity(2 * participants);
    for _ in 0..2 * participants {
        outputs.push((sim.fresh(Kind::P2sh), Amount::Fixed(denomination_sats)));
    }
    let feerate_sat_vb = sim.ledger.rng.between(5, 15);
    let probe = Draft {
        wallet: Wallet::Core,
        inputs: inputs.clone(),
        outputs: outputs.clone(),
        feerate_sat_vb,
    };
    let fee_sats = feerate_sat_vb * sim.ledger.vsize_of(&probe)?;
    let share_sats = fee_sats / participants as u64;
    let odd_sats = fee_sats % participants as u64;
    for (index, (coin, change)) in (0_u64..).zip(inputs.iter().zip(outputs.iter_mut().skip(participants))) {
        // The first `odd_sats` participants pay one satoshi more, so the shares add up to the fee.
        let paid_sats = denomination_sats + share_sats + u64::from(index < odd_sats);
        change.1 = Amount::Fixed(coin.value_sats.checked_sub(paid_sats)?);
    }
    sim.ledger.rng.shuffle(&mut outputs);
    let built = sim.ledger.build(&Draft {
        wallet: Wallet::Core,
        inputs,
        outputs,
        feerate_sat_vb,
    })?;
    sim.facts.coinjoin_txid = built.txid.clone();
    sim.facts.coinjoin_equal_output_sats = denomination_sats;
    sim.facts.coinjoin_participants = participants;
    Some(built)
}
