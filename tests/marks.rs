//! Heuristic marks on the drawn graph: change edges, CoinJoin transactions, collapsible peel chains.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use spoor::chain::{Sats, Tx, TxInput, TxOutput, TxStatus, Txid};
use spoor::flow::{FlowGraph, NodeKey};
use spoor::marks::mark;

fn txid(n: u64) -> Txid {
    Txid::parse(&format!("{n:064x}")).unwrap()
}

fn out(address: &str, sats: u64) -> TxOutput {
    TxOutput {
        address: Some(address.into()),
        value_sats: Sats(sats),
        script_type: "p2pkh".into(),
    }
}

fn tx(n: u64, inputs: Vec<(Txid, u32, TxOutput)>, outputs: Vec<TxOutput>) -> Tx {
    let in_sats: u64 = inputs.iter().map(|(_, _, o)| o.value_sats.to_u64()).sum();
    let out_sats: u64 = outputs.iter().map(|o| o.value_sats.to_u64()).sum();
    Tx {
        txid: txid(n),
        inputs: inputs
            .into_iter()
            .map(|(prev, vout, prevout)| TxInput {
                prev_txid: Some(prev),
                prev_vout: vout,
                prevout: Some(prevout),
            })
            .collect(),
        outputs,
        fee_sats: Sats(in_sats.saturating_sub(out_sats)),
        status: TxStatus::Confirmed {
            height: 600_000 + n as u32,
            block_hash: "00".repeat(32),
            time_secs: 0,
        },
    }
}

/// A 4-step peel chain: each step keeps the big output and pays ~1.95 BTC to a fresh address.
fn peel_graph() -> (FlowGraph, Vec<Tx>) {
    let mut txs = vec![tx(
        1,
        vec![(txid(999), 0, out("1Src", 10_000_000_000))],
        vec![out("1Hop1", 9_999_000_000)],
    )];
    let mut carry = out("1Hop1", 9_999_000_000);
    for step in 0..4_u64 {
        let prev = txs.last().unwrap().txid.clone();
        let keep = carry.value_sats.to_u64() - 195_000_000 - 10_000;
        let next_addr = format!("1Keep{step}");
        let t = tx(
            10 + step,
            vec![(prev, 0, carry.clone())],
            vec![out(&next_addr, keep), out(&format!("1Paid{step}"), 195_000_000)],
        );
        carry = out(&next_addr, keep);
        txs.push(t);
    }
    let mut graph = FlowGraph::new();
    for t in &txs {
        graph.add_tx(t);
    }
    (graph, txs)
}

#[test]
fn a_peel_chain_is_found_and_hides_its_interior_until_expanded() {
    let (graph, txs) = peel_graph();
    let marks = mark(&graph);
    assert_eq!(marks.peel_chains.len(), 1, "{marks:?}");
    let chain = &marks.peel_chains[0];
    assert!(chain.hops >= 3, "{chain:?}");
    let hidden = marks.hidden(&BTreeSet::new());
    // Interior steps and the addresses that only carry the chain on are hidden; the ends are not.
    assert!(!hidden.contains(&chain.head) && !hidden.contains(&chain.tail));
    let interior = graph.id_of(&NodeKey::Tx(txs[2].txid.clone())).unwrap();
    assert!(hidden.contains(&interior));
    let carrier = graph.id_of(&NodeKey::Address("1Keep0".into())).unwrap();
    assert!(hidden.contains(&carrier));
    assert!(chain.total_paid_sats >= Sats(3 * 195_000_000));
    let expanded: BTreeSet<Txid> = [chain.head_txid.clone()].into();
    assert!(marks.hidden(&expanded).is_empty());
}

#[test]
fn address_reuse_marks_the_change_edge() {
    let payer = "1Payer";
    let t = tx(
        5,
        vec![(txid(7), 0, out(payer, 300_000_000))],
        vec![out("1Shop", 100_000_000), out(payer, 199_990_000)],
    );
    let mut graph = FlowGraph::new();
    graph.add_tx(&t);
    let marks = mark(&graph);
    let tx_node = graph.id_of(&NodeKey::Tx(t.txid.clone())).unwrap();
    let change = graph.id_of(&NodeKey::Address(payer.into())).unwrap();
    assert!(marks.change_edges.contains(&(tx_node, change)), "{marks:?}");
    assert!(marks.coinjoin_txs.is_empty());
}

#[test]
fn an_equal_output_mix_is_marked_as_coinjoin() {
    let inputs = (0..5)
        .map(|i| (txid(100 + i), 0, out(&format!("1In{i}"), 1_001_000)))
        .collect();
    let outputs = (0..5).map(|i| out(&format!("1Out{i}"), 1_000_000)).collect();
    let t = tx(50, inputs, outputs);
    let mut graph = FlowGraph::new();
    graph.add_tx(&t);
    let marks = mark(&graph);
    assert!(marks
        .coinjoin_txs
        .contains(&graph.id_of(&NodeKey::Tx(t.txid.clone())).unwrap()));
}
