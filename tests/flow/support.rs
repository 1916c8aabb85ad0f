//! Builders for `Tx` values shared by the flow and layout tests.
#![allow(dead_code)] // Each test crate uses a different subset.

use spoor::chain::{Sats, Tx, TxInput, TxOutput, TxStatus, Txid};

/// The txid of the theft transaction the press quotes (`c3b9a4a0…4280`).
pub const THEFT_TXID: &str = "c3b9a4a0831a65523c81e6a04f6ddf5a7a89f344d990e8a13e5278efe57f4280";

/// A distinct, valid txid for a small number.
pub fn txid(n: u64) -> Txid {
    Txid::parse(&format!("{n:064x}")).unwrap()
}

/// An input spending `value_sats` that `address` had received.
pub fn input(address: &str, value_sats: u64) -> TxInput {
    TxInput {
        prev_txid: Some(txid(value_sats.wrapping_add(0xdead_0000))),
        prev_vout: 0,
        prevout: Some(output(address, value_sats)),
    }
}

/// An input whose prevout has no address (P2PK).
pub fn addressless_input(value_sats: u64) -> TxInput {
    TxInput {
        prev_txid: Some(txid(0xbeef)),
        prev_vout: 1,
        prevout: Some(TxOutput {
            address: None,
            value_sats: Sats(value_sats),
            script_type: "p2pk".into(),
        }),
    }
}

/// An input the explorer sent without its prevout.
pub fn input_without_prevout() -> TxInput {
    TxInput {
        prev_txid: Some(txid(0xf00d)),
        prev_vout: 0,
        prevout: None,
    }
}

/// A coinbase input.
pub fn coinbase_input() -> TxInput {
    TxInput {
        prev_txid: None,
        prev_vout: u32::MAX,
        prevout: None,
    }
}

/// An output paying `address`.
pub fn output(address: &str, value_sats: u64) -> TxOutput {
    TxOutput {
        address: Some(address.to_string()),
        value_sats: Sats(value_sats),
        script_type: "p2pkh".into(),
    }
}

/// An OP_RETURN output (no address).
pub fn op_return(value_sats: u64) -> TxOutput {
    TxOutput {
        address: None,
        value_sats: Sats(value_sats),
        script_type: "op_return".into(),
    }
}

/// A confirmed status at `height`.
pub fn confirmed(height: u32) -> TxStatus {
    TxStatus::Confirmed {
        height,
        block_hash: "00".repeat(32),
        time_secs: 1_700_000_000 + u64::from(height),
    }
}

/// A transaction with the given parts.
pub fn tx(txid: Txid, inputs: Vec<TxInput>, outputs: Vec<TxOutput>, fee_sats: u64, status: TxStatus) -> Tx {
    Tx {
        txid,
        inputs,
        outputs,
        fee_sats: Sats(fee_sats),
        status,
    }
}

/// A balanced one-in, one-out payment `from → to` (fee 100 sats).
pub fn payment(n: u64, from: &str, to: &str, value_sats: u64) -> Tx {
    tx(
        txid(n),
        vec![input(from, value_sats + 100)],
        vec![output(to, value_sats)],
        100,
        confirmed(800_000),
    )
}

/// The theft shape: 131 inputs from 40 distinct addresses into one output.
pub fn theft_tx() -> Tx {
    let inputs: Vec<TxInput> = (0..131_u64)
        .map(|i| input(&format!("victim{}", i % 40), 1_000_000 + i))
        .collect();
    let total: u64 = (0..131_u64).map(|i| 1_000_000 + i).sum();
    tx(
        Txid::parse(THEFT_TXID).unwrap(),
        inputs,
        vec![output("thief", total - 50_000)],
        50_000,
        confirmed(848_000),
    )
}

/// A forward haircut trace result that only says which outputs carry how much taint (for the
/// views and tables that colour by it).
pub fn taint_result(
    taint_by_outpoint: std::collections::BTreeMap<spoor::trace::Outpoint, Sats>,
) -> spoor::trace::TraceResult {
    spoor::trace::TraceResult {
        direction: spoor::trace::Direction::Forward,
        method: spoor::trace::TaintMethod::Haircut,
        summary: spoor::trace::TraceSummary::default(),
        taint_by_outpoint,
        intervals_by_outpoint: std::collections::BTreeMap::new(),
        traced_txs: std::collections::BTreeMap::new(),
        stops: Vec::new(),
        errors: Vec::new(),
        history_complete: true,
    }
}
