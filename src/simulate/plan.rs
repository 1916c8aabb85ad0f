//! How the scenario scales with the requested size: the thief's own neighbourhood stays small, while
//! the theft's width, the fan-out, the peel chains and above all the noise grow with `txs`.

/// One bitcoin in satoshis.
pub(crate) const BTC: u64 = 100_000_000;

/// Sizes and amounts of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Requested total number of txs.
    pub txs: usize,
    /// Inputs of the main theft tx (Zaif: 131).
    pub theft_inputs: usize,
    /// Inputs of the second, smaller theft round.
    pub second_round_inputs: usize,
    /// Addresses of the victim's hot wallet (reused across deposits, as exchanges did).
    pub hot_addresses: usize,
    /// Average value of one hot-wallet coin.
    pub mean_hot_coin_sats: u64,
    /// Number of peel chains.
    pub peel_chains: usize,
    /// Fresh thief addresses receiving a share in the big fan-out.
    pub fanout_width: usize,
    /// Clean participants besides the thief in the CoinJoin.
    pub coinjoin_clean: usize,
    /// Other users' deposits the mixer sweeps together with the thief's.
    pub mixer_users: usize,
    /// Clean coins created at the start for story needs (CoinJoin, consolidation, mixer users).
    pub reserved_coins: usize,
    /// Coins the clean noise economy starts with.
    pub pool_coins: usize,
    /// Trailing unconfirmed txs.
    pub mempool_txs: usize,
}

/// `low` at 1,000 txs rising linearly to `high` at 100,000 (clamped outside that range).
fn scale(txs: usize, low: usize, high: usize) -> usize {
    let position = txs.clamp(1_000, 100_000) - 1_000;
    low + (high - low) * position / 99_000
}

impl Plan {
    /// The plan for about `txs` transactions.
    pub(crate) fn for_size(txs: usize) -> Plan {
        let theft_inputs = scale(txs, 60, 131);
        let coinjoin_clean = scale(txs, 4, 7);
        let mixer_users = scale(txs, 4, 12);
        Plan {
            txs,
            theft_inputs,
            second_round_inputs: (theft_inputs / 6).max(6),
            hot_addresses: (theft_inputs / 4).max(8),
            mean_hot_coin_sats: scale(txs, 5, 45) as u64 * BTC,
            peel_chains: scale(txs, 4, 24),
            fanout_width: scale(txs, 30, 400),
            coinjoin_clean,
            mixer_users,
            reserved_coins: coinjoin_clean + mixer_users + 4,
            pool_coins: (txs / 40).clamp(80, 1_000),
            mempool_txs: if txs >= 100 { 3 } else { 0 },
        }
    }

    /// Expected stolen amount (both rounds), for estimates only.
    pub(crate) fn expected_stolen_sats(&self) -> u64 {
        (self.theft_inputs + self.second_round_inputs) as u64 * self.mean_hot_coin_sats
    }

    /// Expected peel hops over all chains (24% of the loot in ~1.95 BTC payments).
    pub(crate) fn expected_peel_hops(&self) -> usize {
        usize::try_from(self.expected_stolen_sats() * 24 / 100 / (195 * BTC / 100)).unwrap_or(0)
    }

    /// Expected number of story txs (everything that is not noise), for spacing the noise.
    pub(crate) fn expected_story_txs(&self) -> usize {
        let roots = self.pool_coins.div_ceil(200) + 2;
        let funding = self.theft_inputs + self.second_round_inputs;
        let hops = self.expected_peel_hops();
        // 2 thefts, 9 spends, 4 holding hops, consolidation, mixer sweep, exchange sweeps.
        roots + funding + 2 + 9 + 4 + 2 + self.mixer_users + hops + hops / 10
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theft_width_spans_zaif_scale_from_1k_to_100k() {
        assert_eq!(Plan::for_size(1_000).theft_inputs, 60);
        assert_eq!(Plan::for_size(100_000).theft_inputs, 131);
        assert_eq!(Plan::for_size(10).theft_inputs, 60);
    }

    #[test]
    fn story_leaves_most_of_a_default_run_to_noise() {
        let plan = Plan::for_size(1_000);
        assert!(plan.expected_story_txs() < 300, "{}", plan.expected_story_txs());
    }
}
