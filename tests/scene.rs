//! The draw list: what one frame shows, built without a browser.
#![cfg(not(target_arch = "wasm32"))]

#[path = "flow/support.rs"]
mod support;

use spoor::camera::Camera;
use spoor::chain::Chain;
use spoor::flow::{FlowGraph, NodeKey};
use std::collections::BTreeSet;

use spoor::labels::{Category, Label, LabelBook};
use spoor::layout::{ForceLayout, LayoutParams, Vec2};
use spoor::marks::GraphMarks;
use spoor::scene::{self, SceneInput};
use support::payment;

const THIEF: &str = "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w";
const EXCHANGE: &str = "1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s";

fn settled(graph: &FlowGraph) -> (ForceLayout, Camera) {
    let mut layout = ForceLayout::new(LayoutParams::default(), 1);
    layout.sync(graph);
    for _ in 0..300 {
        layout.tick(graph);
    }
    let mut camera = Camera::new(Vec2 { x: 800.0, y: 600.0 });
    let (min, max) = layout.bounds().unwrap();
    camera.fit(min, max, 30.0);
    (layout, camera)
}

#[test]
fn labelled_addresses_are_drawn_as_entities_and_named() {
    let mut graph = FlowGraph::new();
    graph.add_tx(&payment(1, THIEF, EXCHANGE, 199_000_000));
    let mut labels = LabelBook::new();
    let label = Label {
        entity: "Binance".into(),
        category: Category::Exchange,
        source_url: "u".into(),
    };
    labels.insert(Chain::Btc, EXCHANGE, label);
    let (layout, camera) = settled(&graph);
    let list = scene::build(SceneInput {
        graph: &graph,
        layout: &layout,
        camera: &camera,
        selected: None,
        hovered: None,
        focus: None,
        labels: &labels,
        taint: None,
        marks: &GraphMarks::default(),
        expanded_peels: &BTreeSet::new(),
    });
    let exchange = graph.id_of(&NodeKey::Address(EXCHANGE.into())).unwrap();
    let node = list.nodes.iter().find(|n| n.id == exchange).unwrap();
    assert_eq!(node.entity, Some(Category::Exchange));
    assert!(list.labels.iter().any(|l| l.text == "Binance"));
    assert!(list
        .nodes
        .iter()
        .filter(|n| n.id != exchange)
        .all(|n| n.entity.is_none()));
}

#[test]
fn nodes_outside_the_view_are_culled_and_edges_of_the_selection_highlighted() {
    let mut graph = FlowGraph::new();
    graph.add_tx(&payment(1, THIEF, EXCHANGE, 199_000_000));
    let (layout, camera) = settled(&graph);
    let thief = graph.id_of(&NodeKey::Address(THIEF.into()));
    let input = SceneInput {
        graph: &graph,
        layout: &layout,
        camera: &camera,
        selected: thief,
        hovered: None,
        focus: None,
        labels: &LabelBook::new(),
        taint: None,
        marks: &GraphMarks::default(),
        expanded_peels: &BTreeSet::new(),
    };
    let list = scene::build(input);
    assert_eq!(list.nodes.len(), 3);
    assert_eq!(list.edges.iter().filter(|e| e.highlighted).count(), 1);
    let mut far_away = camera;
    far_away.pan_by_screen(Vec2 { x: 100_000.0, y: 0.0 });
    let list = scene::build(SceneInput {
        camera: &far_away,
        ..input
    });
    assert!(list.nodes.is_empty() && list.edges.is_empty());
}
