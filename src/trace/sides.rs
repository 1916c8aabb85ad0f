//! The two sides of a transaction as a trace sees them: the side taint comes in through and the
//! side it leaves by. Forward that is inputs → outputs; backward, outputs → inputs.

use super::{Direction, Outpoint};
use crate::chain::Tx;

/// One element of the side taint comes in through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InSlot {
    /// The output carrying taint in (`None` for a coinbase input, which carries none).
    pub outpoint: Option<Outpoint>,
    /// Its value as this tx sees it.
    pub value_sats: u64,
}

/// One element of the side taint leaves by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutSlot {
    /// The output taint goes to; for a backward coinbase input, the tx and the input index.
    pub outpoint: Outpoint,
    /// Its value.
    pub value_sats: u64,
    /// The address it pays (forward) or spends from (backward), if any.
    pub address: Option<String>,
    /// Backward only: a coinbase input, where the coins were minted.
    pub coinbase: bool,
}

/// The side taint comes in through, in order (vin order forward, vout order backward).
pub(crate) fn in_slots(tx: &Tx, direction: Direction) -> Vec<InSlot> {
    match direction {
        Direction::Forward => tx
            .inputs
            .iter()
            .map(|input| InSlot {
                outpoint: input.prev_txid.clone().map(|prev| Outpoint::new(prev, input.prev_vout)),
                value_sats: input.prevout.as_ref().map_or(0, |p| p.value_sats.to_u64()),
            })
            .collect(),
        Direction::Backward => (0_u32..)
            .zip(&tx.outputs)
            .map(|(vout, output)| InSlot {
                outpoint: Some(Outpoint::new(tx.txid.clone(), vout)),
                value_sats: output.value_sats.to_u64(),
            })
            .collect(),
    }
}

/// The side taint leaves by, in order (vout order forward, vin order backward).
pub(crate) fn out_slots(tx: &Tx, direction: Direction) -> Vec<OutSlot> {
    match direction {
        Direction::Forward => (0_u32..)
            .zip(&tx.outputs)
            .map(|(vout, output)| OutSlot {
                outpoint: Outpoint::new(tx.txid.clone(), vout),
                value_sats: output.value_sats.to_u64(),
                address: output.address.clone(),
                coinbase: false,
            })
            .collect(),
        Direction::Backward => {
            // A coinbase input has no value of its own: it mints what the outputs take beyond
            // the other inputs (given to the first coinbase input only).
            let known_in = tx
                .inputs
                .iter()
                .filter_map(|i| i.prevout.as_ref())
                .fold(0_u64, |sum, p| sum.saturating_add(p.value_sats.to_u64()));
            let mut minted = tx.output_total().to_u64().saturating_sub(known_in);
            (0_u32..)
                .zip(&tx.inputs)
                .map(|(vin, input)| match &input.prev_txid {
                    Some(prev) => OutSlot {
                        outpoint: Outpoint::new(prev.clone(), input.prev_vout),
                        value_sats: input.prevout.as_ref().map_or(0, |p| p.value_sats.to_u64()),
                        address: input.prevout.as_ref().and_then(|p| p.address.clone()),
                        coinbase: false,
                    },
                    None => OutSlot {
                        outpoint: Outpoint::new(tx.txid.clone(), vin),
                        value_sats: std::mem::take(&mut minted),
                        address: None,
                        coinbase: true,
                    },
                })
                .collect()
        }
    }
}
