//! Drawn positions kept in a link: captured in key order, applied only to the same nodes,
//! whatever order the graph was grown in.

mod common;

use common::memory::scenario_txs;
use spoor::flow::{FlowGraph, NodeId};
use spoor::layout::Vec2;
use spoor::saved_positions::{capture, may_still_apply, placements, MAX_SAVED_NODES};
use spoor::simulate::{simulate, SimParams};

fn params(seed: u64) -> SimParams {
    SimParams {
        seed,
        txs: 150,
        fanout: Some(30),
        busy_txs: 0,
    }
}

fn scenario_graph(reverse: bool) -> FlowGraph {
    let scenario = simulate(&params(7));
    let mut txs = scenario_txs(&scenario);
    if reverse {
        txs.reverse();
    }
    let mut graph = FlowGraph::new();
    for tx in &txs {
        graph.add_tx(tx);
    }
    graph
}

/// A made-up drawing: each node somewhere that depends only on its key.
fn drawn_at(graph: &FlowGraph, id: NodeId) -> Option<Vec2> {
    let key = format!("{:?}", graph.key_of(id)?);
    let hash = key.bytes().fold(7_i64, |h, b| (h * 31 + i64::from(b)) % 10_007);
    #[allow(clippy::cast_precision_loss)]
    Some(Vec2::new(hash as f64 - 5_000.4, (hash % 613) as f64 + 0.6))
}

#[test]
fn positions_reopen_on_the_same_nodes_grown_in_another_order() {
    let author = scenario_graph(false);
    let saved = capture(&author, |id| drawn_at(&author, id)).unwrap();
    assert_eq!(saved.points.len(), author.node_count());

    let reader = scenario_graph(true);
    assert!(
        (0..author.node_count()).any(|i| author.key_of(NodeId(i as u32)) != reader.key_of(NodeId(i as u32))),
        "the reader's graph numbers its nodes differently"
    );
    let placed = placements(&reader, &saved).unwrap();
    assert_eq!(placed.len(), reader.node_count());
    for (id, at) in placed {
        let key = reader.key_of(id).unwrap();
        let original = drawn_at(&author, author.id_of(&key).unwrap()).unwrap();
        assert_eq!((at.x, at.y), (original.x.round(), original.y.round()), "{key:?}");
    }
}

#[test]
fn positions_of_other_nodes_do_not_apply() {
    let full = scenario_graph(false);
    let saved = capture(&full, |id| drawn_at(&full, id)).unwrap();
    // The same count of nodes but not the same nodes.
    let mut wrong = saved.clone();
    wrong.fingerprint ^= 1;
    assert_eq!(placements(&full, &wrong), None);
    let scenario = simulate(&params(8));
    let mut other = FlowGraph::new();
    for tx in scenario_txs(&scenario) {
        other.add_tx(&tx);
    }
    assert_eq!(placements(&other, &saved), None);
    // A graph still growing toward the saved one.
    let mut part = FlowGraph::new();
    part.add_tx(&scenario_txs(&simulate(&params(7)))[0]);
    assert_eq!(placements(&part, &saved), None);
    assert!(may_still_apply(&part, &saved));
    assert!(!may_still_apply(&full, &capture(&part, |_| None).unwrap()));
}

#[test]
fn undrawn_nodes_are_skipped_and_huge_graphs_keep_nothing() {
    let graph = scenario_graph(false);
    let first = NodeId(0);
    let saved = capture(&graph, |id| if id == first { None } else { drawn_at(&graph, id) }).unwrap();
    assert_eq!(saved.points.iter().filter(|p| p.is_none()).count(), 1);
    let placed = placements(&graph, &saved).unwrap();
    assert!(placed.iter().all(|(id, _)| *id != first));
    assert!(capture(&FlowGraph::new(), |_| None).is_none());
    assert!(graph.node_count() <= MAX_SAVED_NODES);
}
