#![cfg(not(target_arch = "wasm32"))]
//! The one-pass layouts: time axis (x = block time) and hops (x = hops from the target).

#[path = "flow/support.rs"]
mod support;

use std::collections::BTreeSet;

use proptest::prelude::*;
use spoor::chain::TxStatus;
use spoor::flow::{FlowGraph, NodeId, NodeKey};
use spoor::layout::{arrange, hops, time_axis, Arrangement, LayoutKind, LAYER_GAP, ROW_GAP};
use support::*;

fn at(height: u32, time_secs: u64) -> TxStatus {
    TxStatus::Confirmed {
        height,
        block_hash: "00".repeat(32),
        time_secs,
    }
}

const DAY: u64 = 86_400;
static NONE: BTreeSet<NodeId> = BTreeSet::new();
const T0: u64 = 1_536_883_200; // 2018-09-14 00:00 UTC

/// theft (day 0) → thief; thief → split (day 2) → a, b, c; a → later (day 10) → d.
fn story() -> FlowGraph {
    let mut graph = FlowGraph::new();
    graph.add_tx(&tx(
        txid(1),
        vec![input("victim", 1_000_000)],
        vec![output("thief", 999_000)],
        1_000,
        at(1, T0),
    ));
    graph.add_tx(&tx(
        txid(2),
        vec![input("thief", 999_000)],
        vec![output("a", 500_000), output("b", 300_000), output("c", 198_000)],
        1_000,
        at(2, T0 + 2 * DAY),
    ));
    graph.add_tx(&tx(
        txid(3),
        vec![input("a", 500_000)],
        vec![output("d", 499_000)],
        1_000,
        at(3, T0 + 10 * DAY),
    ));
    graph
}

fn id(graph: &FlowGraph, key: NodeKey) -> NodeId {
    graph.id_of(&key).unwrap()
}

fn addr(graph: &FlowGraph, a: &str) -> NodeId {
    id(graph, NodeKey::Address(a.into()))
}

fn txn(graph: &FlowGraph, n: u64) -> NodeId {
    id(graph, NodeKey::Tx(txid(n)))
}

fn pos(arrangement: &Arrangement, id: NodeId) -> (f64, f64) {
    let p = arrangement.position(id).unwrap();
    (p.x, p.y)
}

/// No two nodes closer than a row gap where they share a column.
fn assert_no_overlap(graph: &FlowGraph, arrangement: &Arrangement) {
    let points: Vec<(f64, f64)> = graph.nodes().map(|(id, _)| pos(arrangement, id)).collect();
    for (i, a) in points.iter().enumerate() {
        for b in &points[i + 1..] {
            let apart = (a.0 - b.0).abs() >= 14.0 || (a.1 - b.1).abs() >= ROW_GAP - 1e-3;
            assert!(apart, "{a:?} and {b:?} overlap");
        }
    }
}

#[test]
fn time_axis_puts_older_transactions_left_in_proportion_to_time() {
    let graph = story();
    let layout = time_axis(&graph, &NONE);
    let (x1, x2, x3) = (
        pos(&layout, txn(&graph, 1)).0,
        pos(&layout, txn(&graph, 2)).0,
        pos(&layout, txn(&graph, 3)).0,
    );
    assert!(x1 < x2 && x2 < x3);
    // Linear in time: day 2 is a fifth of the way from day 0 to day 10.
    assert!(((x2 - x1) / (x3 - x1) - 0.2).abs() < 1e-6);
    // An address sits between the tx that paid it and the tx that spent it.
    let thief = pos(&layout, addr(&graph, "thief")).0;
    assert!(x1 < thief && thief < x2);
    // One that nothing spends sits right of the tx that paid it.
    assert!(pos(&layout, addr(&graph, "b")).0 > x2);
    assert_no_overlap(&graph, &layout);
}

#[test]
fn time_axis_ticks_are_dates_in_order() {
    let layout = time_axis(&story(), &NONE);
    let ticks = layout.ticks();
    assert!(ticks.len() >= 2, "{ticks:?}");
    assert_eq!(ticks[0].label, "2018-09-14");
    assert!(ticks.windows(2).all(|w| w[0].x < w[1].x));
}

#[test]
fn unconfirmed_transactions_go_right_of_the_newest_block() {
    let mut graph = story();
    graph.add_tx(&tx(
        txid(4),
        vec![input("d", 499_000)],
        vec![output("e", 498_000)],
        1_000,
        TxStatus::Unconfirmed,
    ));
    let layout = time_axis(&graph, &NONE);
    assert!(pos(&layout, txn(&graph, 4)).0 > pos(&layout, txn(&graph, 3)).0);
}

#[test]
fn hops_count_layers_from_the_target_both_ways() {
    let graph = story();
    let thief = addr(&graph, "thief");
    let layout = hops(&graph, Some(thief), &NONE);
    assert_eq!(pos(&layout, thief).0, 0.0);
    assert_eq!(
        pos(&layout, txn(&graph, 2)).0,
        LAYER_GAP,
        "what the thief paid into: one layer right"
    );
    assert_eq!(
        pos(&layout, txn(&graph, 1)).0,
        -LAYER_GAP,
        "what paid the thief: one layer left"
    );
    assert_eq!(pos(&layout, addr(&graph, "victim")).0, -2.0 * LAYER_GAP);
    assert_eq!(pos(&layout, addr(&graph, "d")).0, 4.0 * LAYER_GAP);
    let labels: Vec<&str> = layout.ticks().iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["hop -1", "hop 1", "hop 2"]);
    assert_no_overlap(&graph, &layout);
}

#[test]
fn hops_from_a_transaction_number_its_layer_zero() {
    let graph = story();
    let layout = hops(&graph, Some(txn(&graph, 2)), &NONE);
    let labels: Vec<&str> = layout.ticks().iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["hop -1", "hop 0", "hop 1"]);
}

#[test]
fn y_follows_the_flow_and_siblings_stack_around_their_parent() {
    let graph = story();
    let layout = hops(&graph, Some(addr(&graph, "thief")), &NONE);
    let split_y = pos(&layout, txn(&graph, 2)).1;
    let ys: Vec<f64> = ["a", "b", "c"]
        .iter()
        .map(|a| pos(&layout, addr(&graph, a)).1)
        .collect();
    let mean = ys.iter().sum::<f64>() / 3.0;
    assert!((mean - split_y).abs() < 1e-6, "{ys:?} around {split_y}");
    // d follows a.
    let (a_y, d_y) = (ys[0], pos(&layout, addr(&graph, "d")).1);
    assert!((a_y - d_y).abs() < 1e-6);
}

#[test]
fn another_component_is_laid_out_below_not_dropped() {
    let mut graph = story();
    graph.add_tx(&payment(50, "elsewhere", "far", 10_000));
    let layout = hops(&graph, Some(addr(&graph, "thief")), &NONE);
    let far = pos(&layout, addr(&graph, "far"));
    let lowest_story = ["victim", "thief", "a", "b", "c", "d"]
        .iter()
        .map(|a| pos(&layout, addr(&graph, a)).1)
        .fold(f64::MIN, f64::max);
    assert!(far.1 > lowest_story);
}

#[test]
fn force_is_not_arranged_and_codes_round_trip() {
    assert!(arrange(LayoutKind::Force, &story(), None, &NONE).is_none());
    for kind in LayoutKind::ALL {
        assert_eq!(LayoutKind::from_code(kind.code()), Some(kind));
    }
    assert!(arrange(LayoutKind::TimeAxis, &FlowGraph::new(), None, &NONE)
        .unwrap()
        .bounds()
        .is_none());
}

#[test]
fn a_wide_fan_out_stacks_without_overlap_and_same_input_same_output() {
    let mut graph = FlowGraph::new();
    let outputs = (0..2_000).map(|i| output(&format!("r{i}"), 1_000)).collect();
    graph.add_tx(&tx(txid(9), vec![input("thief", 2_001_000)], outputs, 1_000, at(5, T0)));
    for kind in [LayoutKind::TimeAxis, LayoutKind::Hops] {
        let a = arrange(kind, &graph, None, &NONE).unwrap();
        assert_eq!(a, arrange(kind, &graph, None, &NONE).unwrap());
        assert!(a.positions_xy().iter().all(|v| v.is_finite()));
        let (lo, hi) = a.bounds().unwrap();
        assert!(hi.y - lo.y >= 1_999.0 * ROW_GAP - 1.0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Random payment graphs: every node placed, finite, columns never overlap.
    #[test]
    fn every_node_is_placed_without_overlap(edges in prop::collection::vec((0_u8..12, 0_u8..12, 1_u32..5, 1_u64..1_000_000), 1..30)) {
        let mut graph = FlowGraph::new();
        for (n, (from, to, day, value)) in edges.into_iter().enumerate() {
            graph.add_tx(&tx(
                txid(n as u64 + 1),
                vec![input(&format!("a{from}"), value + 100)],
                vec![output(&format!("a{to}"), value)],
                100,
                at(day, T0 + u64::from(day) * DAY),
            ));
        }
        let root = graph.nodes().next().map(|(id, _)| id);
        for kind in [LayoutKind::TimeAxis, LayoutKind::Hops] {
            let layout = arrange(kind, &graph, root, &NONE).unwrap();
            for (id, _) in graph.nodes() {
                prop_assert!(layout.position(id).is_some());
            }
            assert_no_overlap(&graph, &layout);
        }
    }
}

#[test]
fn hidden_nodes_get_no_place_and_take_no_room() {
    let mut graph = FlowGraph::new();
    let outputs = (0..100).map(|i| output(&format!("r{i}"), 1_000)).collect();
    graph.add_tx(&tx(txid(9), vec![input("thief", 101_000)], outputs, 1_000, at(5, T0)));
    let hidden: BTreeSet<NodeId> = (10..100).map(|i| addr(&graph, &format!("r{i}"))).collect();
    for kind in [LayoutKind::TimeAxis, LayoutKind::Hops] {
        let a = arrange(kind, &graph, None, &hidden).unwrap();
        assert!(a.position(addr(&graph, "r50")).is_none());
        let (lo, hi) = a.bounds().unwrap();
        assert!(hi.y - lo.y <= 10.0 * ROW_GAP, "{kind:?}: {}", hi.y - lo.y);
    }
}
