//! The draw list: what one frame shows, built without a browser.
#![cfg(not(target_arch = "wasm32"))]

#[path = "flow/support.rs"]
mod support;

use spoor::camera::Camera;
use spoor::chain::{Chain, Sats, TxStatus};
use spoor::flow::{FlowGraph, NodeId, NodeKey};
use std::collections::{BTreeMap, BTreeSet};

use spoor::hubs::{fold_hubs, Folds};
use spoor::labels::{Category, Label, LabelBook};
use spoor::layout::{ForceLayout, LayoutParams, Vec2};
use spoor::marks::GraphMarks;
use spoor::scene::{self, Detail, FrameInput, NodePositions, SceneInput, SceneStyle};
use spoor::trace::{Direction, Outpoint, TaintMethod, TraceResult, TraceSummary};
use support::{input, output, payment, tx, txid};

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
        dataset: "test".into(),
    };
    labels.insert(Chain::Btc, EXCHANGE, label);
    let (layout, camera) = settled(&graph);
    let list = scene::build(SceneInput {
        frame: FrameInput::new(&graph, &layout, &camera),
        labels: &labels,
        taint: None,
        marks: &GraphMarks::default(),
        expanded_peels: &BTreeSet::new(),
        folds: &Folds::default(),
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
        frame: FrameInput {
            selected: thief,
            ..FrameInput::new(&graph, &layout, &camera)
        },
        labels: &LabelBook::new(),
        taint: None,
        marks: &GraphMarks::default(),
        expanded_peels: &BTreeSet::new(),
        folds: &Folds::default(),
    };
    let list = scene::build(input);
    assert_eq!(list.nodes.len(), 3);
    assert_eq!(list.detail, Detail::Full, "a few nodes keep full detail");
    assert!(list.nodes.iter().all(|n| !n.dot));
    assert_eq!(list.edges.iter().filter(|e| e.highlighted).count(), 1);
    let mut far_away = camera;
    far_away.pan_by_screen(Vec2 { x: 100_000.0, y: 0.0 });
    let list = scene::build(SceneInput {
        frame: FrameInput {
            camera: &far_away,
            ..input.frame
        },
        ..input
    });
    assert!(list.nodes.is_empty() && list.edges.is_empty());
}

/// Positions given outright, by `NodeId` (a layout without running one).
#[derive(Debug)]
struct Placed(Vec<Vec2>);

impl NodePositions for Placed {
    fn position(&self, id: NodeId) -> Option<Vec2> {
        self.0.get(id.index()).copied()
    }
}

/// The thief pays `width` addresses 10,000 sats each in one transaction.
fn fan_out(width: u64) -> FlowGraph {
    let outputs = (0..width).map(|i| output(&format!("bc1qfan{i}"), 10_000)).collect();
    let mut graph = FlowGraph::new();
    graph.add_tx(&tx(
        txid(1),
        vec![input(THIEF, width * 10_000)],
        outputs,
        0,
        TxStatus::Unconfirmed,
    ));
    graph
}

/// Every node on a square lattice `spacing` world units apart, in `NodeId` order.
fn lattice(graph: &FlowGraph, spacing: f64) -> Placed {
    let side = (graph.node_count() as f64).sqrt().ceil() as u32;
    Placed(
        (0..graph.node_count() as u32)
            .map(|i| Vec2::new(f64::from(i % side) * spacing, f64::from(i / side) * spacing))
            .collect(),
    )
}

fn fitted(positions: &Placed) -> Camera {
    let mut camera = Camera::new(Vec2 { x: 1280.0, y: 800.0 });
    let min = positions.0.iter().fold(positions.0[0], |a, &p| a.min(p));
    let max = positions.0.iter().fold(positions.0[0], |a, &p| a.max(p));
    camera.fit(min, max, 40.0);
    camera
}

static NO_FOLDS: Folds = Folds::NONE;

fn input_for<'a>(
    graph: &'a FlowGraph,
    layout: &'a dyn NodePositions,
    camera: &'a Camera,
    labels: &'a LabelBook,
    marks: &'a GraphMarks,
    peels: &'a BTreeSet<spoor::chain::Txid>,
) -> SceneInput<'a> {
    SceneInput {
        frame: FrameInput {
            focus: graph.id_of(&NodeKey::Address(THIEF.into())),
            ..FrameInput::new(graph, layout, camera)
        },
        labels,
        taint: None,
        marks,
        expanded_peels: peels,
        folds: &NO_FOLDS,
    }
}

#[test]
fn thousands_of_nodes_in_view_are_drawn_as_dots_with_hairlines_and_only_the_focus_named() {
    let graph = fan_out(3_000);
    let positions = lattice(&graph, 30.0);
    let camera = fitted(&positions);
    let (labels, marks, peels) = (LabelBook::new(), GraphMarks::default(), BTreeSet::new());
    let list = scene::build(input_for(&graph, &positions, &camera, &labels, &marks, &peels));
    assert_eq!(list.detail, Detail::Far);
    assert_eq!(list.nodes.len(), graph.node_count());
    let plain: Vec<_> = list.nodes.iter().filter(|n| !n.focus).collect();
    assert!(plain.iter().all(|n| n.dot), "plain nodes are squares");
    assert!(
        list.nodes.iter().filter(|n| n.focus).all(|n| !n.dot),
        "the focus keeps its shape"
    );
    assert_eq!(list.labels.len(), 1, "only the focus is named");
    assert!(list.edges.iter().all(|e| e.width_px == 1.0));
    assert!(
        list.edges.windows(2).all(|w| w[0].style_key() <= w[1].style_key()),
        "edges grouped by style"
    );
}

#[test]
fn far_detail_skips_edges_shorter_than_a_pixel() {
    let graph = fan_out(3_000);
    let mut positions = lattice(&graph, 30.0);
    let tx_id = graph.id_of(&NodeKey::Tx(txid(1))).unwrap();
    let leaf = graph.id_of(&NodeKey::Address("bc1qfan7".into())).unwrap();
    let tx_at = positions.0[tx_id.index()];
    positions.0[leaf.index()] = tx_at + Vec2::new(0.01, 0.0);
    let camera = fitted(&positions);
    let (labels, marks, peels) = (LabelBook::new(), GraphMarks::default(), BTreeSet::new());
    let list = scene::build(input_for(&graph, &positions, &camera, &labels, &marks, &peels));
    let leaf_px = camera.screen_from_world(positions.0[leaf.index()]);
    assert!(list.edges.iter().all(|e| e.from_px.distance(e.to_px) >= 1.0));
    assert!(!list.edges.iter().any(|e| e.to_px == leaf_px));
    assert_eq!(list.edges.len(), graph.edge_count() - 1);
}

#[test]
fn sorted_edges_keep_full_detail_widths_when_zoomed_in() {
    let mut graph = FlowGraph::new();
    graph.add_tx(&payment(1, THIEF, EXCHANGE, 199_000_000));
    graph.add_tx(&payment(2, EXCHANGE, THIEF, 1_000));
    let (layout, camera) = settled(&graph);
    let (labels, marks, peels) = (LabelBook::new(), GraphMarks::default(), BTreeSet::new());
    let list = scene::build(input_for(&graph, &layout, &camera, &labels, &marks, &peels));
    assert_eq!(list.detail, Detail::Full);
    assert!(list.edges.iter().any(|e| e.width_px > 2.0), "large payments stay wide");
    assert!(list.edges.windows(2).all(|w| w[0].style_key() <= w[1].style_key()));
}

#[test]
fn taint_shares_of_a_twenty_thousand_output_fan_out_are_worked_out_per_address() {
    let graph = fan_out(20_000);
    let fan_txid = txid(1);
    // Even outputs fully tainted, odd ones clean.
    let taint_by_outpoint: BTreeMap<Outpoint, Sats> = (0..20_000_u32)
        .filter(|vout| vout % 2 == 0)
        .map(|vout| (Outpoint::new(fan_txid.clone(), vout), Sats(10_000)))
        .collect();
    let result = TraceResult {
        direction: Direction::Forward,
        method: TaintMethod::Haircut,
        summary: TraceSummary::default(),
        taint_by_outpoint,
        intervals_by_outpoint: BTreeMap::new(),
        traced_txs: BTreeMap::new(),
        stops: Vec::new(),
        errors: Vec::new(),
        history_complete: true,
    };
    let style = SceneStyle::new(
        &graph,
        &LabelBook::new(),
        Some(&result),
        &GraphMarks::default(),
        &BTreeSet::new(),
        &Folds::default(),
    );
    let share_to = |address: &str| {
        let id = graph.id_of(&NodeKey::Address(address.into())).unwrap();
        style.edges.iter().find(|e| e.to == id).and_then(|e| e.taint_share)
    };
    assert_eq!(share_to("bc1qfan0"), Some(1.0));
    assert_eq!(share_to("bc1qfan1"), Some(0.0));
    assert_eq!(share_to("bc1qfan19998"), Some(1.0));
    assert_eq!(
        style.edges.iter().filter(|e| e.taint_share == Some(1.0)).count(),
        10_000
    );
}

#[test]
fn axis_marks_are_thinned_so_their_labels_never_overlap_and_culled_off_screen() {
    use spoor::layout::AxisTick;
    let graph = fan_out(3);
    let positions = lattice(&graph, 10.0);
    let ticks: Vec<AxisTick> = (0..400)
        .map(|i| AxisTick {
            x: f64::from(i) * 10.0,
            label: format!("day {i:06}"),
        })
        .collect();
    let style = SceneStyle::new(
        &graph,
        &LabelBook::new(),
        None,
        &GraphMarks::default(),
        &BTreeSet::new(),
        &Folds::default(),
    );
    let frame_at = |zoom: f64| {
        let mut camera = Camera::new(Vec2 { x: 800.0, y: 600.0 });
        camera.center_in_world = Vec2::new(2_000.0, 0.0);
        camera.zoom = zoom;
        scene::frame(
            &style,
            &FrameInput {
                axis: &ticks,
                ..FrameInput::new(&graph, &positions, &camera)
            },
        )
    };
    let far = frame_at(0.5);
    assert!(far.axis.len() >= 4, "{}", far.axis.len());
    let min_gap = far
        .axis
        .windows(2)
        .map(|w| w[1].x_px - w[0].x_px)
        .fold(f64::INFINITY, f64::min);
    assert!(min_gap >= 10.0 * 6.5, "labels {min_gap} px apart");
    let near = frame_at(20.0);
    // 200 px per tick: every tick in view is kept, none outside it.
    assert!((4..=6).contains(&near.axis.len()), "{}", near.axis.len());
    assert!(near.axis.iter().all(|t| (-40.0..=840.0).contains(&t.x_px)));
}

#[test]
fn a_folded_fan_out_draws_its_largest_leaves_and_one_badge_that_can_be_hit() {
    let graph = fan_out(500);
    let folds = fold_hubs(&graph, &BTreeSet::new(), |_| false);
    let positions = lattice(&graph, 10.0);
    let camera = fitted(&positions);
    let (labels, marks, peels) = (LabelBook::new(), GraphMarks::default(), BTreeSet::new());
    let list = scene::build(SceneInput {
        folds: &folds,
        ..input_for(&graph, &positions, &camera, &labels, &marks, &peels)
    });
    // The tx, the thief, 12 recipients; one badge right of the tx.
    assert_eq!(list.nodes.len(), 14);
    assert_eq!(list.edges.len(), 13);
    assert_eq!(list.folds.len(), 1);
    let badge = &list.folds[0];
    assert_eq!(badge.label, "+488 more");
    assert!(badge.center_px.x > badge.hub_px.x);
    assert!(badge.contains(badge.center_px));
    assert!(!badge.contains(badge.hub_px), "the hub itself stays clickable");
}

#[test]
fn a_box_selects_the_drawn_nodes_inside_it_and_never_folded_ones() {
    let graph = fan_out(100);
    let positions = lattice(&graph, 10.0);
    let camera = fitted(&positions);
    let all = SceneStyle::new(
        &graph,
        &LabelBook::new(),
        None,
        &GraphMarks::default(),
        &BTreeSet::new(),
        &NO_FOLDS,
    );
    let corner_a = camera.screen_from_world(Vec2::new(-1.0, -1.0));
    let corner_b = camera.screen_from_world(Vec2::new(25.0, 15.0));
    // Corners in either order: the lattice's first row x 0, 10, 20 and second row x 0, 10, 20.
    let mut picked = scene::nodes_in_rect(&all, &positions, &camera, corner_b, corner_a);
    picked.sort();
    let side = (graph.node_count() as f64).sqrt().ceil() as u32;
    let expected: Vec<NodeId> = [0, 1, 2, side, side + 1, side + 2].into_iter().map(NodeId).collect();
    assert_eq!(picked, expected);
    // Folded leaves are not drawn, so a box around everything does not select them.
    let folds = fold_hubs(&graph, &BTreeSet::new(), |_| false);
    let folded = SceneStyle::new(
        &graph,
        &LabelBook::new(),
        None,
        &GraphMarks::default(),
        &BTreeSet::new(),
        &folds,
    );
    let everything = scene::nodes_in_rect(&folded, &positions, &camera, Vec2::new(-1e6, -1e6), Vec2::new(1e6, 1e6));
    assert_eq!(everything.len(), graph.node_count() - folds.hidden.len());
}
