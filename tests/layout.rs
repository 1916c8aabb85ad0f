#![cfg(not(target_arch = "wasm32"))]
//! The force layout: determinism, what the forces do, placement of new nodes, pinning, cooling.

#[path = "flow/support.rs"]
mod support;

use spoor::flow::{FlowGraph, NodeId, NodeKey};
use spoor::layout::{ForceLayout, LayoutParams, Vec2};
use support::*;

/// A theft tx, then a peel chain from the thief's address.
fn peel_chain_graph() -> FlowGraph {
    let mut graph = FlowGraph::new();
    graph.add_tx(&theft_tx());
    let mut from = "thief".to_string();
    for hop in 0..8_u64 {
        let next = format!("hop{hop}");
        graph.add_tx(&tx(
            txid(100 + hop),
            vec![input(&from, 10_000)],
            vec![output(&next, 9_000), output(&format!("exchange{hop}"), 900)],
            100,
            confirmed(800_000),
        ));
        from = next;
    }
    graph
}

fn settle(layout: &mut ForceLayout, graph: &FlowGraph, ticks: usize) {
    for _ in 0..ticks {
        layout.tick(graph);
    }
}

fn id(graph: &FlowGraph, address: &str) -> NodeId {
    graph.id_of(&NodeKey::Address(address.to_string())).unwrap()
}

#[test]
fn same_seed_gives_identical_positions_after_300_ticks() {
    let graph = peel_chain_graph();
    let run = || {
        let mut layout = ForceLayout::new(LayoutParams::default(), 7);
        settle(&mut layout, &graph, 300);
        layout
            .positions()
            .map(|(id, p)| (id, p.x.to_bits(), p.y.to_bits()))
            .collect::<Vec<_>>()
    };
    let first = run();
    assert_eq!(first.len(), graph.node_count());
    assert_eq!(first, run());
}

#[test]
fn linked_nodes_end_closer_than_unlinked_ones() {
    let graph = peel_chain_graph();
    let mut layout = ForceLayout::new(LayoutParams::default(), 1);
    settle(&mut layout, &graph, 300);
    let pos = |n: NodeId| layout.position(n).unwrap();
    let linked: Vec<f64> = graph.edges().map(|(s, t, _)| pos(s).distance(pos(t))).collect();
    let ids: Vec<NodeId> = graph.nodes().map(|(n, _)| n).collect();
    let mut unlinked = Vec::new();
    for (i, &a) in ids.iter().enumerate() {
        for &b in &ids[i + 1..] {
            if !graph.neighbours(a).contains(&b) {
                unlinked.push(pos(a).distance(pos(b)));
            }
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    assert!(
        mean(&linked) < 0.5 * mean(&unlinked),
        "linked {} unlinked {}",
        mean(&linked),
        mean(&unlinked)
    );
    // Springs hold links near their rest length.
    assert!(mean(&linked) < 3.0 * LayoutParams::default().link_distance);
}

#[test]
fn new_nodes_appear_near_their_placed_neighbour() {
    let mut graph = peel_chain_graph();
    let mut layout = ForceLayout::new(LayoutParams::default(), 3);
    settle(&mut layout, &graph, 300);
    let anchor = layout.position(id(&graph, "exchange5")).unwrap();

    let outcome = graph.add_tx(&payment(999, "exchange5", "cold_wallet", 500));
    layout.sync(&graph);
    let new_tx = outcome.new_nodes[0];
    let cold = id(&graph, "cold_wallet");
    let link_distance = LayoutParams::default().link_distance;
    assert!(layout.position(new_tx).unwrap().distance(anchor) <= link_distance + 1e-9);
    assert!(layout.position(cold).unwrap().distance(anchor) <= 2.0 * link_distance + 1e-9);
    // Existing nodes did not move on sync.
    assert_eq!(layout.position(id(&graph, "exchange5")), Some(anchor));
}

#[test]
fn sync_reheats_a_cooled_layout_when_nodes_are_added() {
    let mut graph = peel_chain_graph();
    let mut layout = ForceLayout::new(LayoutParams::default(), 3);
    while layout.tick(&graph) {}
    layout.sync(&graph);
    assert!(layout.alpha() < 0.01, "nothing new, so no reheat");
    graph.add_tx(&payment(999, "hop7", "next", 500));
    layout.sync(&graph);
    assert!(layout.alpha() >= 0.5);
    assert!(layout.tick(&graph));
}

#[test]
fn pinned_node_stays_exactly_where_it_is_held() {
    let graph = peel_chain_graph();
    let mut layout = ForceLayout::new(LayoutParams::default(), 5);
    layout.sync(&graph);
    let thief = id(&graph, "thief");
    let held = Vec2::new(400.0, -250.0);
    layout.pin(thief, held);
    settle(&mut layout, &graph, 100);
    assert_eq!(layout.position(thief), Some(held));
    layout.unpin(thief);
    layout.reheat(1.0);
    settle(&mut layout, &graph, 20);
    assert_ne!(layout.position(thief), Some(held));
}

#[test]
fn alpha_decays_until_the_layout_stops_after_about_300_ticks() {
    let graph = peel_chain_graph();
    let mut layout = ForceLayout::new(LayoutParams::default(), 2);
    let mut ticks = 0;
    while layout.tick(&graph) {
        ticks += 1;
        assert!(ticks < 1_000, "never stopped");
    }
    assert!((250..=350).contains(&ticks), "stopped after {ticks} ticks");
    let frozen: Vec<_> = layout.positions().collect();
    assert!(!layout.tick(&graph));
    assert_eq!(layout.positions().collect::<Vec<_>>(), frozen);
}

#[test]
fn bounds_contain_every_position() {
    let graph = peel_chain_graph();
    let mut layout = ForceLayout::new(LayoutParams::default(), 9);
    assert_eq!(layout.bounds(), None);
    settle(&mut layout, &graph, 50);
    let (min, max) = layout.bounds().unwrap();
    for (_, p) in layout.positions() {
        assert!(p.x >= min.x && p.y >= min.y && p.x <= max.x && p.y <= max.y);
    }
}

#[test]
fn large_graph_ticks_stay_finite_with_barnes_hut() {
    let mut graph = FlowGraph::new();
    for n in 0..1_200_u64 {
        graph.add_tx(&payment(n, &format!("from{}", n % 700), &format!("to{n}"), 1_000));
    }
    assert!(graph.node_count() > 2_000);
    let mut layout = ForceLayout::new(LayoutParams::default(), 4);
    settle(&mut layout, &graph, 3);
    assert!(layout.positions().all(|(_, p)| p.is_finite()));
}
