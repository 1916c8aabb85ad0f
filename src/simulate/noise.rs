//! Unrelated everyday traffic among clean addresses: the haystack the stolen coins hide in.
//!
//! The pool only ever holds clean coins (never the thief's, the victim's, an exchange's or the
//! mixer's), so noise cannot touch the theft's own history.

use crate::explorer::esplora::dto::EsploraVout;

use super::ledger::{Amount, Built, Coin, Draft, Ledger, Wallet};
use super::script::Kind;

/// Smallest ordinary payment or change the noise makes (well above dust).
const MIN_NOISE_OUTPUT_SATS: u64 = 10_000;

/// Clean unspent coins that noise txs spend and refill.
#[derive(Debug, Default)]
pub(crate) struct Pool {
    coins: Vec<Coin>,
}

impl Pool {
    /// Adds a clean coin.
    pub(crate) fn add(&mut self, coin: Coin) {
        self.coins.push(coin);
    }

    /// Number of clean coins.
    pub(crate) fn len(&self) -> usize {
        self.coins.len()
    }

    /// Removes and returns a random coin.
    pub(crate) fn take_random(&mut self, ledger: &mut Ledger) -> Option<Coin> {
        if self.coins.is_empty() {
            return None;
        }
        let index = ledger.rng.index(self.coins.len());
        Some(self.coins.swap_remove(index))
    }

    /// Removes a coin worth at least `min_sats`: a random one if a few tries find one, else the largest.
    pub(crate) fn take_at_least(&mut self, ledger: &mut Ledger, min_sats: u64) -> Option<Coin> {
        for _ in 0..64 {
            let index = ledger.rng.index(self.coins.len());
            if self.coins.get(index).is_some_and(|coin| coin.value_sats >= min_sats) {
                return Some(self.coins.swap_remove(index));
            }
        }
        let (index, _) = self.coins.iter().enumerate().max_by_key(|(_, coin)| coin.value_sats)?;
        let coin = *self.coins.get(index)?;
        (coin.value_sats >= min_sats).then(|| self.coins.swap_remove(index))
    }

    /// The output template of a random clean coin's address, for address reuse.
    fn reused_template(&self, ledger: &mut Ledger) -> Option<EsploraVout> {
        let coin = *self.coins.get(ledger.rng.index(self.coins.len()))?;
        let mut template = ledger.output(coin)?.clone();
        template.value = 0;
        Some(template)
    }
}

/// One noise tx: 1–3 clean coins pay one or a few clean recipients plus change; outputs rejoin the pool.
pub(crate) fn noise_tx(ledger: &mut Ledger, pool: &mut Pool) -> Option<Built> {
    // Keep a few coins back so address reuse and later story needs always find something.
    let input_count = match ledger.rng.below(100) {
        0..=59 => 1,
        60..=87 => 2,
        _ => 3,
    }
    .min(pool.len().saturating_sub(4));
    if input_count == 0 {
        return None;
    }
    let mut inputs = Vec::with_capacity(input_count);
    for _ in 0..input_count {
        inputs.extend(pool.take_random(ledger));
    }
    let input_sats: u64 = inputs.iter().map(|coin| coin.value_sats).sum();
    let change_kind = inputs
        .first()
        .and_then(|coin| ledger.output(*coin))
        .map_or(Kind::P2pkh, Kind::of_output);
    let feerate_sat_vb = ledger.feerate();
    // A generous fee bound for choosing amounts; the exact fee comes from the built size.
    let spendable = input_sats.saturating_sub(feerate_sat_vb * (input_count as u64 * 300 + 400));
    let mut outputs = Vec::new();
    if spendable >= 4 * MIN_NOISE_OUTPUT_SATS {
        let payments = if ledger.rng.percent(8) {
            ledger.rng.between_usize(3, 6)
        } else {
            1
        };
        let cap = spendable * 3 / 4 / payments as u64;
        for _ in 0..payments {
            let value = ledger
                .rng
                .decades(4, 10)
                .clamp(MIN_NOISE_OUTPUT_SATS, cap.max(MIN_NOISE_OUTPUT_SATS));
            let reused = if ledger.rng.percent(10) {
                pool.reused_template(ledger)
            } else {
                None
            };
            let payee = reused.unwrap_or_else(|| {
                let kind = Kind::random_2018(&mut ledger.rng);
                ledger.keys.fresh(&mut ledger.rng, kind)
            });
            outputs.push((payee, Amount::Fixed(value)));
        }
    }
    // Change (or, for small inputs, a sweep to one new address) to the same type as the input.
    outputs.push((ledger.keys.fresh(&mut ledger.rng, change_kind), Amount::Rest));
    ledger.rng.shuffle(&mut outputs);
    let wallet = if ledger.rng.percent(50) {
        Wallet::Core
    } else {
        Wallet::Legacy
    };
    let draft = Draft {
        wallet,
        inputs,
        outputs,
        feerate_sat_vb,
    };
    match ledger.build(&draft) {
        Some(built) => {
            for coin in &built.outputs {
                pool.add(*coin);
            }
            Some(built)
        }
        None => {
            // Coins too small to pay their own fee are left behind for good (as real wallets do).
            if input_sats >= 4 * MIN_NOISE_OUTPUT_SATS {
                for coin in draft.inputs {
                    pool.add(coin);
                }
            }
            None
        }
    }
}

/// One payment of a clean coin into `payee` (a reused address), change back to the pool.
pub(crate) fn payment_tx(ledger: &mut Ledger, pool: &mut Pool, payee: &EsploraVout) -> Option<Built> {
    let input = pool.take_at_least(ledger, 8 * MIN_NOISE_OUTPUT_SATS)?;
    let change_kind = ledger.output(input).map_or(Kind::P2pkh, Kind::of_output);
    let feerate_sat_vb = ledger.feerate();
    let spendable = input.value_sats.saturating_sub(feerate_sat_vb * 700);
    let value = ledger
        .rng
        .decades(4, 6)
        .clamp(MIN_NOISE_OUTPUT_SATS, (spendable / 2).max(MIN_NOISE_OUTPUT_SATS));
    let mut outputs = vec![
        (payee.clone(), Amount::Fixed(value)),
        (ledger.keys.fresh(&mut ledger.rng, change_kind), Amount::Rest),
    ];
    ledger.rng.shuffle(&mut outputs);
    let draft = Draft {
        wallet: Wallet::Core,
        inputs: vec![input],
        outputs,
        feerate_sat_vb,
    };
    let built = ledger.build(&draft);
    match &built {
        // The payee's output leaves the pool: the exchange never spends it here.
        Some(built) => {
            for coin in &built.outputs {
                if ledger.output(*coin).and_then(|o| o.scriptpubkey_address.as_ref())
                    != payee.scriptpubkey_address.as_ref()
                {
                    pool.add(*coin);
                }
            }
        }
        None => pool.add(input),
    }
    built
}
