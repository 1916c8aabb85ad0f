//! An exchange receiving peel chain payments at one-time deposit addresses, sweeping them into its
//! hot wallet in batches (as Binance did with the Zaif deposits).

use crate::explorer::esplora::dto::EsploraVout;

use super::ledger::{Amount, Coin, Draft, Wallet};
use super::script::Kind;
use super::story::Sim;

/// One synthetic exchange.
#[derive(Debug)]
pub(crate) struct Exchange {
    entity: &'static str,
    deposit_kind: Kind,
    /// Its hot wallet, created at the first sweep.
    hot: Option<EsploraVout>,
    /// Deposits not swept yet.
    pending: Vec<Coin>,
    /// Deposits that trigger the next sweep.
    batch: usize,
}

impl Exchange {
    /// An exchange named `entity` whose deposit addresses are of `deposit_kind`.
    pub(crate) fn new(entity: &'static str, deposit_kind: Kind) -> Exchange {
        Exchange {
            entity,
            deposit_kind,
            hot: None,
            pending: Vec::new(),
            batch: 8,
        }
    }

    /// Its label entity name.
    pub(crate) fn entity(&self) -> &'static str {
        self.entity
    }

    /// The type of its deposit addresses.
    pub(crate) fn deposit_kind(&self) -> Kind {
        self.deposit_kind
    }

    /// Records a deposit; once a batch is full, sweeps all pending deposits into the hot wallet.
    pub(crate) fn deposit(&mut self, sim: &mut Sim, coin: Coin) -> Option<()> {
        self.pending.push(coin);
        if self.pending.len() < self.batch {
            return Some(());
        }
        self.batch = sim.ledger.rng.between_usize(5, 15);
        let hot = match &self.hot {
            Some(hot) => hot.clone(),
            None => {
                let hot = sim.fresh(Kind::P2sh);
                sim.label(
                    &hot.scriptpubkey_address.clone().unwrap_or_default(),
                    self.entity,
                    "exchange",
                );
                self.hot = Some(hot.clone());
                hot
            }
        };
        let inputs = std::mem::take(&mut self.pending);
        let feerate_sat_vb = sim.ledger.feerate();
        let draft = Draft {
            wallet: Wallet::Legacy,
            inputs,
            outputs: vec![(hot, Amount::Rest)],
            feerate_sat_vb,
        };
        let built = sim.ledger.build(&draft)?;
        sim.facts.exchange_sweep_txids.push(built.txid);
        Some(())
    }
}
