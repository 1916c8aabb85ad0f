#![cfg(not(target_arch = "wasm32"))]
//! Keyboard navigation of the graph: arrows follow edges (largest link first), ↑/↓ step through
//! the siblings of the last step or through every node, hidden nodes are skipped.

#[path = "flow/support.rs"]
mod support;

use spoor::chain::TxStatus;
use spoor::flow::{FlowGraph, NodeId, NodeKey};
use spoor::graph_nav::{step, NavKey, Step};
use support::{input, output, tx, txid};

/// thief → tx1 → {x: 6,000, y: 3,000, z: 1,000}; lone tx2 from w to v.
fn graph() -> FlowGraph {
    let mut graph = FlowGraph::new();
    graph.add_tx(&tx(
        txid(1),
        vec![input("thief", 10_500)],
        vec![output("y", 3_000), output("x", 6_000), output("z", 1_000)],
        500,
        TxStatus::Unconfirmed,
    ));
    graph.add_tx(&tx(
        txid(2),
        vec![input("w", 900)],
        vec![output("v", 800)],
        100,
        TxStatus::Unconfirmed,
    ));
    graph
}

fn id(graph: &FlowGraph, key: NodeKey) -> NodeId {
    graph.id_of(&key).unwrap()
}

fn address(graph: &FlowGraph, a: &str) -> NodeId {
    id(graph, NodeKey::Address(a.into()))
}

#[test]
fn arrows_follow_the_money_largest_first_and_back() {
    let graph = graph();
    let all = |_: NodeId| true;
    let thief = address(&graph, "thief");
    let tx1 = id(&graph, NodeKey::Tx(txid(1)));
    let go = |at: Option<Step>, key| {
        step(
            &graph,
            &all,
            at.map(|s| s.node),
            at.and_then(|s| s.trail),
            Some(thief),
            key,
        )
    };
    // Nothing selected: any arrow starts at the target.
    let start = go(None, NavKey::Forward).unwrap();
    assert_eq!(start.node, thief);
    let at_tx = go(Some(start), NavKey::Forward).unwrap();
    assert_eq!(at_tx.node, tx1);
    let at_x = go(Some(at_tx), NavKey::Forward).unwrap();
    assert_eq!(at_x.node, address(&graph, "x"), "the largest output first");
    // ↓ walks the other recipients by size and wraps; ↑ goes back.
    let at_y = go(Some(at_x), NavKey::Next).unwrap();
    assert_eq!(at_y.node, address(&graph, "y"));
    let at_z = go(Some(at_y), NavKey::Next).unwrap();
    assert_eq!(at_z.node, address(&graph, "z"));
    assert_eq!(go(Some(at_z), NavKey::Next).unwrap().node, address(&graph, "x"));
    assert_eq!(go(Some(at_y), NavKey::Previous).unwrap().node, address(&graph, "x"));
    // ← goes back to where the money came from; x has no outgoing edge.
    assert_eq!(go(Some(at_z), NavKey::Back).unwrap().node, tx1);
    assert_eq!(go(Some(at_x), NavKey::Forward), None);
}

#[test]
fn without_siblings_up_and_down_reach_every_node_and_hidden_ones_are_skipped() {
    let graph = graph();
    let thief = address(&graph, "thief");
    let x = address(&graph, "x");
    // x hidden (say, in a folded hub): → from the tx goes to y.
    let visible = |n: NodeId| n != x;
    let tx1 = id(&graph, NodeKey::Tx(txid(1)));
    let to = step(&graph, &visible, Some(tx1), None, None, NavKey::Forward).unwrap();
    assert_eq!(to.node, address(&graph, "y"));
    // ↓ from the thief (no trail): every visible node in graph order, around to the start.
    let mut seen = vec![thief];
    let mut at = Step {
        node: thief,
        trail: None,
    };
    for _ in 0..graph.node_count() - 1 {
        at = step(&graph, &visible, Some(at.node), at.trail, None, NavKey::Next).unwrap();
        seen.push(at.node);
    }
    assert_eq!(seen.first(), seen.last());
    let mut distinct: Vec<NodeId> = seen.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), graph.node_count() - 1, "every node but the hidden one");
    assert!(!seen.contains(&x));
    // A hidden current node is like none: start over at the start node.
    assert_eq!(
        step(&graph, &visible, Some(x), None, Some(thief), NavKey::Back)
            .unwrap()
            .node,
        thief
    );
    assert_eq!(NavKey::from_dom("ArrowDown"), Some(NavKey::Next));
    assert_eq!(NavKey::from_dom("Enter"), None);
}
