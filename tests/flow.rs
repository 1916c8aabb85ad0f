#![cfg(not(target_arch = "wasm32"))]
//! The flow graph: building from transactions, merging, conservation, queries.

#[path = "flow/support.rs"]
mod support;

use proptest::prelude::*;
use spoor::chain::{Sats, TxStatus, Txid};
use spoor::flow::{check_conservation, Conservation, EdgeKind, FlowGraph, FlowNode, HistoryState, NodeId, NodeKey};
use support::*;

fn address_id(graph: &FlowGraph, address: &str) -> NodeId {
    graph.id_of(&NodeKey::Address(address.to_string())).unwrap()
}

#[test]
fn theft_tx_with_131_inputs_from_40_addresses_gives_42_nodes_and_41_edges() {
    let mut graph = FlowGraph::new();
    let outcome = graph.add_tx(&theft_tx());
    assert_eq!((graph.node_count(), graph.edge_count()), (42, 41));
    assert_eq!((graph.tx_count(), graph.address_count()), (1, 41));
    assert_eq!(outcome.new_nodes.len(), 42);
    assert_eq!(outcome.new_edges, 41);
    assert!(!outcome.already_known);

    let inputs: Vec<_> = graph.edges().filter(|(_, _, e)| e.kind == EdgeKind::Input).collect();
    assert_eq!(inputs.len(), 40);
    assert_eq!(inputs.iter().map(|(_, _, e)| e.parts).sum::<u32>(), 131);
    // 131 = 40 × 3 + 11: victims 0..=10 have four inputs, the rest three.
    let victim0 = address_id(&graph, "victim0");
    let (_, _, edge0) = inputs.iter().find(|(s, _, _)| *s == victim0).unwrap();
    assert_eq!(edge0.parts, 4);
    assert_eq!(edge0.value_sats, Sats(4_000_000 + 40 + 80 + 120));
    let victim39 = address_id(&graph, "victim39");
    assert_eq!(inputs.iter().find(|(s, _, _)| *s == victim39).unwrap().2.parts, 3);
}

#[test]
fn adding_the_same_tx_twice_changes_nothing() {
    let mut graph = FlowGraph::new();
    graph.add_tx(&theft_tx());
    let before: Vec<_> = graph.edges().map(|(s, t, e)| (s, t, *e)).collect();
    let outcome = graph.add_tx(&theft_tx());
    assert!(outcome.already_known);
    assert!(outcome.new_nodes.is_empty() && outcome.new_edges == 0);
    assert_eq!((graph.node_count(), graph.edge_count()), (42, 41));
    assert_eq!(graph.edges().map(|(s, t, e)| (s, t, *e)).collect::<Vec<_>>(), before);
}

#[test]
fn conservation_is_balanced_when_inputs_equal_outputs_plus_fee() {
    assert_eq!(check_conservation(&theft_tx()), Conservation::Balanced);
}

#[test]
fn conservation_is_unknown_for_a_missing_prevout_or_a_coinbase() {
    let missing = tx(
        txid(1),
        vec![input("a", 10), input_without_prevout()],
        vec![output("b", 5)],
        1,
        confirmed(1),
    );
    assert_eq!(check_conservation(&missing), Conservation::Unknown);
    let coinbase = tx(
        txid(2),
        vec![coinbase_input()],
        vec![output("miner", 625_000_000)],
        0,
        confirmed(2),
    );
    assert_eq!(check_conservation(&coinbase), Conservation::Unknown);
}

#[test]
fn conservation_is_broken_when_sums_differ_and_warns_in_words() {
    let theft = Txid::parse(THEFT_TXID).unwrap();
    let bad = tx(
        theft,
        vec![input("a", 100_000_000)],
        vec![output("b", 90_000_000)],
        10_000,
        confirmed(5),
    );
    let broken = Conservation::Broken {
        inputs_sats: Sats(100_000_000),
        outputs_sats: Sats(90_000_000),
        fee_sats: Sats(10_000),
    };
    assert_eq!(check_conservation(&bad), broken);

    let mut graph = FlowGraph::new();
    graph.add_tx(&payment(9, "x", "y", 1_000));
    graph.add_tx(&bad);
    let warnings = graph.warnings();
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].to_string(),
        "tx c3b9a4a0…4280: inputs 1.0 BTC ≠ outputs 0.9 BTC + fee 0.0001 BTC"
    );
}

#[test]
fn conservation_overflow_is_broken_not_a_panic() {
    let huge = tx(
        txid(3),
        vec![input("a", u64::MAX), input("b", 1)],
        vec![output("c", 1)],
        0,
        confirmed(1),
    );
    assert!(matches!(check_conservation(&huge), Conservation::Broken { .. }));
}

#[test]
fn warnings_are_sorted_by_txid() {
    let mut graph = FlowGraph::new();
    for n in [7_u64, 3, 5] {
        graph.add_tx(&tx(
            txid(n),
            vec![input("a", 10)],
            vec![output("b", 10)],
            5,
            confirmed(1),
        ));
    }
    let txids: Vec<Txid> = graph.warnings().into_iter().map(|w| w.txid).collect();
    assert_eq!(txids, vec![txid(3), txid(5), txid(7)]);
}

#[test]
fn coinbase_inputs_and_op_return_outputs_create_no_node_or_edge() {
    let mut graph = FlowGraph::new();
    let coinbase = tx(
        txid(4),
        vec![coinbase_input()],
        vec![output("miner", 625_000_000), op_return(0)],
        0,
        confirmed(4),
    );
    graph.add_tx(&coinbase);
    assert_eq!((graph.node_count(), graph.edge_count()), (2, 1));
    // The tx itself keeps them for the UI.
    assert_eq!(graph.tx(&txid(4)).unwrap().outputs.len(), 2);

    let mixed = tx(
        txid(5),
        vec![addressless_input(50), input_without_prevout(), input("alice", 70)],
        vec![op_return(0), output("bob", 100)],
        20,
        confirmed(5),
    );
    let outcome = graph.add_tx(&mixed);
    assert_eq!(outcome.new_nodes.len(), 3); // tx, alice, bob
    assert_eq!(outcome.new_edges, 2);
}

#[test]
fn parallel_outputs_to_one_address_merge_into_one_edge() {
    let mut graph = FlowGraph::new();
    let split = tx(
        txid(6),
        vec![input("a", 300)],
        vec![output("b", 100), output("b", 150), output("c", 40)],
        10,
        confirmed(1),
    );
    graph.add_tx(&split);
    let b = address_id(&graph, "b");
    let (_, _, edge) = graph.edges().find(|(_, t, _)| *t == b).unwrap();
    assert_eq!(
        (edge.value_sats, edge.parts, edge.kind),
        (Sats(250), 2, EdgeKind::Output)
    );
    assert_eq!(graph.edge_count(), 3);
}

#[test]
fn change_back_to_the_sender_gives_two_edges_but_one_neighbour() {
    let mut graph = FlowGraph::new();
    graph.add_tx(&tx(
        txid(8),
        vec![input("a", 300)],
        vec![output("b", 100), output("a", 190)],
        10,
        confirmed(1),
    ));
    let a = address_id(&graph, "a");
    let tx_node = graph.id_of(&NodeKey::Tx(txid(8))).unwrap();
    assert_eq!(graph.edge_count(), 3);
    assert_eq!(graph.neighbours(a), vec![tx_node]);
    assert_eq!(graph.address_flow_in_tx("a", &txid(8)), (Sats(190), Sats(300)));
    assert_eq!(graph.address_flow_in_tx("b", &txid(8)), (Sats(100), Sats(0)));
    assert_eq!(graph.address_flow_in_tx("a", &txid(99)), (Sats(0), Sats(0)));
}

#[test]
fn txs_of_address_lists_unconfirmed_first_then_by_height_descending_then_txid() {
    let mut graph = FlowGraph::new();
    let heights = [
        (1_u64, Some(100_u32)),
        (2, None),
        (3, Some(200)),
        (5, Some(150)),
        (4, Some(150)),
    ];
    for (n, height) in heights {
        let status = height.map_or(TxStatus::Unconfirmed, confirmed);
        graph.add_tx(&tx(
            txid(n),
            vec![input("hub", 1_000)],
            vec![output(&format!("out{n}"), 900)],
            100,
            status,
        ));
    }
    graph.add_tx(&payment(50, "elsewhere", "other", 5));
    let order: Vec<Txid> = graph
        .txs_of_address("hub")
        .into_iter()
        .map(|t| t.txid.clone())
        .collect();
    assert_eq!(order, vec![txid(2), txid(3), txid(4), txid(5), txid(1)]);
    assert!(graph.txs_of_address("nobody").is_empty());
}

#[test]
fn graph_grows_incrementally_reusing_known_addresses() {
    let mut graph = FlowGraph::new();
    let first = graph.add_tx(&payment(1, "a", "b", 1_000));
    assert_eq!(first.new_nodes, vec![NodeId(0), NodeId(1), NodeId(2)]);
    let second = graph.add_tx(&payment(2, "b", "c", 500));
    // Only the new tx and `c` are new; `b` is shared.
    assert_eq!(second.new_nodes, vec![NodeId(3), NodeId(4)]);
    assert_eq!(second.new_edges, 2);
    assert_eq!((graph.node_count(), graph.edge_count()), (5, 4));
    let b = address_id(&graph, "b");
    assert_eq!(b, NodeId(2));
    assert_eq!(graph.neighbours(b), vec![NodeId(0), NodeId(3)]);
    assert_eq!(graph.key_of(NodeId(4)), Some(NodeKey::Address("c".into())));
    let ids: Vec<NodeId> = graph.nodes().map(|(id, _)| id).collect();
    assert_eq!(ids, (0..5).map(NodeId).collect::<Vec<_>>());
}

#[test]
fn set_history_creates_the_address_node_and_later_txs_reuse_it() {
    let mut graph = FlowGraph::new();
    let id = graph.set_history("lonely", HistoryState::Partial { txs_loaded: 25 });
    assert_eq!(graph.node_count(), 1);
    graph.add_tx(&payment(1, "lonely", "b", 10));
    assert_eq!(address_id(&graph, "lonely"), id);
    assert_eq!(graph.set_history("lonely", HistoryState::Complete), id);
    let Some(FlowNode::Address(node)) = graph.node(id) else {
        panic!("not an address node")
    };
    assert_eq!(node.history, HistoryState::Complete);
    let Some(FlowNode::Address(b)) = graph.node(address_id(&graph, "b")) else {
        panic!("not an address node")
    };
    assert_eq!(b.history, HistoryState::NotLoaded);
}

#[test]
fn tx_nodes_carry_status_fee_and_conservation() {
    let mut graph = FlowGraph::new();
    graph.add_tx(&theft_tx());
    let id = graph.id_of(&NodeKey::Tx(Txid::parse(THEFT_TXID).unwrap())).unwrap();
    let Some(FlowNode::Tx(node)) = graph.node(id) else {
        panic!("not a tx node")
    };
    assert_eq!(
        (node.fee_sats, node.conservation, node.status.height()),
        (Sats(50_000), Conservation::Balanced, Some(848_000))
    );
}

/// A random balanced tx: inputs and outputs over a small address pool (so merges happen),
/// some outputs without an address, and a fee.
fn balanced_tx() -> impl Strategy<Value = spoor::chain::Tx> {
    let inputs = prop::collection::vec((0_usize..6, 1_u64..100_000_000), 1..25);
    let outputs = prop::collection::vec((prop::option::weighted(0.8, 0_usize..6), 0_u64..100_000_000), 0..25);
    (inputs, outputs, 0_u64..1_000_000, any::<u16>()).prop_map(|(inputs, outputs, fee, n)| {
        let mut inputs: Vec<_> = inputs.into_iter().map(|(a, v)| input(&format!("pool{a}"), v)).collect();
        let mut outputs: Vec<_> = outputs
            .into_iter()
            .map(|(a, v)| a.map_or_else(|| op_return(v), |a| output(&format!("pool{a}"), v)))
            .collect();
        let in_sum: u64 = inputs.iter().map(|i| i.prevout.as_ref().unwrap().value_sats.0).sum();
        let out_sum: u64 = outputs.iter().map(|o| o.value_sats.0).sum::<u64>() + fee;
        // Top up whichever side is short so the tx balances.
        if in_sum < out_sum {
            inputs.push(input("topup", out_sum - in_sum));
        } else if in_sum > out_sum {
            outputs.push(output("change", in_sum - out_sum));
        }
        tx(txid(u64::from(n)), inputs, outputs, fee, confirmed(1))
    })
}

proptest! {
    #[test]
    fn edges_of_a_balanced_tx_account_for_every_satoshi(tx in balanced_tx()) {
        let mut graph = FlowGraph::new();
        graph.add_tx(&tx);
        let tx_node = graph.id_of(&NodeKey::Tx(tx.txid.clone())).unwrap();
        let input_total = tx.input_total().unwrap();
        let (mut input_edges, mut output_edges, mut input_parts) = (Sats::ZERO, Sats::ZERO, 0_u32);
        for (source, target, edge) in graph.edges() {
            match edge.kind {
                EdgeKind::Input => { prop_assert_eq!(target, tx_node); input_edges += edge.value_sats; input_parts += edge.parts; }
                EdgeKind::Output => { prop_assert_eq!(source, tx_node); output_edges += edge.value_sats; }
            }
        }
        let addressless: Sats = tx.outputs.iter().filter(|o| o.address.is_none()).map(|o| o.value_sats).sum();
        prop_assert_eq!(input_edges, input_total);
        prop_assert_eq!(input_parts as usize, tx.inputs.len());
        prop_assert_eq!(output_edges + addressless + tx.fee_sats, input_total);
        prop_assert_eq!(check_conservation(&tx), Conservation::Balanced);
        prop_assert!(graph.warnings().is_empty());
    }
}
