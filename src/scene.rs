//! What one canvas frame shows, as plain data: the draw list. Building it is pure (tested natively);
//! `web::canvas2d` only executes it, so it stays the one place that draws.

use crate::camera::Camera;
use crate::chain::Chain;
use std::collections::BTreeSet;

use crate::chain::{Sats, Txid};
use crate::flow::{EdgeKind, FlowEdge, FlowGraph, FlowNode, NodeId};
use crate::labels::{Category, LabelBook};
use crate::layout::{ForceLayout, Vec2};
use crate::marks::GraphMarks;
use crate::trace::{Outpoint, TraceResult};

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeRole {
    /// An address whose history is not loaded yet.
    Address,
    /// An address whose history is loaded (fully or partly).
    AddressLoaded,
    /// A transaction.
    Tx,
    /// A transaction whose reply broke conservation (inputs ≠ outputs + fee).
    TxWarning,
}

/// One node in screen space.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeDraw {
    pub id: NodeId,
    pub center_px: Vec2,
    pub radius_px: f64,
    pub role: NodeRole,
    /// The page's target (the address or tx in the URL).
    pub focus: bool,
    pub selected: bool,
    pub hovered: bool,
    /// The address has an entity label (exchange, mixer, …).
    pub entity: Option<Category>,
    /// The transaction has a CoinJoin shape.
    pub coinjoin: bool,
}

/// One edge in screen space; width grows with the value it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeDraw {
    pub from_px: Vec2,
    pub to_px: Vec2,
    pub width_px: f64,
    pub kind: EdgeKind,
    /// Touches the selected or hovered node.
    pub highlighted: bool,
    /// Share of the edge's value that is tainted (0..=1), when a trace result is shown.
    pub taint_share: Option<f64>,
    /// The output is the transaction's likely change (drawn dashed).
    pub change: bool,
}

/// A text label in screen space (left-aligned at `pos_px`).
#[derive(Debug, Clone, PartialEq)]
pub struct LabelDraw {
    pub pos_px: Vec2,
    pub text: String,
    pub strong: bool,
}

/// Everything one frame draws, back to front: edges, nodes, labels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DrawList {
    pub edges: Vec<EdgeDraw>,
    pub peels: Vec<PeelDraw>,
    pub nodes: Vec<NodeDraw>,
    pub labels: Vec<LabelDraw>,
}

/// The inputs of one frame.
#[derive(Debug, Clone, Copy)]
pub struct SceneInput<'a> {
    pub graph: &'a FlowGraph,
    pub layout: &'a ForceLayout,
    pub camera: &'a Camera,
    pub selected: Option<NodeId>,
    pub hovered: Option<NodeId>,
    pub focus: Option<NodeId>,
    /// Entity labels: labelled addresses are drawn as entities and named.
    pub labels: &'a LabelBook,
    /// A trace result: edges are coloured by the share of their value that is tainted.
    pub taint: Option<&'a TraceResult>,
    /// Heuristic marks of this graph version (change, CoinJoin, peel chains).
    pub marks: &'a GraphMarks,
    /// Peel chains the reader expanded (by first txid); the others are drawn as one step.
    pub expanded_peels: &'a BTreeSet<Txid>,
}

/// A collapsed peel chain, drawn as one dashed step from its first to its last transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct PeelDraw {
    pub from_px: Vec2,
    pub to_px: Vec2,
    pub label: String,
}

/// Above this zoom every node gets a label; below it only the focus, selection and hover do.
const LABEL_ALL_ZOOM: f64 = 1.6;
/// Nodes this far outside the viewport are culled.
const CULL_MARGIN_PX: f64 = 40.0;

/// Builds the draw list of one frame.
#[must_use]
pub fn build(input: SceneInput<'_>) -> DrawList {
    let SceneInput {
        graph,
        layout,
        camera,
        selected,
        hovered,
        focus,
        labels,
        taint,
        marks,
        expanded_peels,
    } = input;
    let hidden = marks.hidden(expanded_peels);
    let mut list = DrawList::default();
    let screen = |id: NodeId| layout.position(id).map(|p| camera.screen_from_world(p));
    let node_scale = camera.zoom.sqrt().clamp(0.35, 2.5);

    for (from, to, edge) in graph.edges() {
        if hidden.contains(&from) || hidden.contains(&to) {
            continue;
        }
        let (Some(from_px), Some(to_px)) = (screen(from), screen(to)) else {
            continue;
        };
        if !camera_sees_segment(camera, from_px, to_px) {
            continue;
        }
        let touches = |id: Option<NodeId>| id.is_some_and(|id| id == from || id == to);
        list.edges.push(EdgeDraw {
            from_px,
            to_px,
            width_px: edge_width_px(edge.value_sats.to_u64()) * node_scale,
            kind: edge.kind,
            highlighted: touches(selected) || touches(hovered),
            taint_share: taint.map(|result| taint_share(graph, result, from, to, edge)),
            change: marks.change_edges.contains(&(from, to)),
        });
    }
    for chain in marks
        .peel_chains
        .iter()
        .filter(|c| !expanded_peels.contains(&c.head_txid))
    {
        let (Some(from_px), Some(to_px)) = (screen(chain.head), screen(chain.tail)) else {
            continue;
        };
        if camera_sees_segment(camera, from_px, to_px) {
            list.peels.push(PeelDraw {
                from_px,
                to_px,
                label: format!(
                    "peel chain: {} steps, {} BTC paid out",
                    chain.hops,
                    chain.total_paid_sats.to_coin_string_short()
                ),
            });
        }
    }

    for (id, node) in graph.nodes() {
        if hidden.contains(&id) {
            continue;
        }
        let Some(center_px) = screen(id) else { continue };
        if !camera_sees_point(camera, center_px) {
            continue;
        }
        let (role, base_radius) = match node {
            FlowNode::Tx(tx) if matches!(tx.conservation, crate::flow::Conservation::Broken { .. }) => {
                (NodeRole::TxWarning, 5.0)
            }
            FlowNode::Tx(_) => (NodeRole::Tx, 5.0),
            FlowNode::Address(a) if a.history != crate::flow::HistoryState::NotLoaded => (NodeRole::AddressLoaded, 8.0),
            FlowNode::Address(_) => (NodeRole::Address, 7.0),
        };
        let is = |other: Option<NodeId>| other == Some(id);
        let label = match node {
            FlowNode::Address(a) => labels.labels_of(Chain::Btc, &a.address).first(),
            FlowNode::Tx(_) => None,
        };
        let draw = NodeDraw {
            id,
            center_px,
            radius_px: base_radius * node_scale * if is(focus) { 1.4 } else { 1.0 },
            role,
            focus: is(focus),
            selected: is(selected),
            hovered: is(hovered),
            entity: label.map(|l| l.category),
            coinjoin: marks.coinjoin_txs.contains(&id),
        };
        if camera.zoom >= LABEL_ALL_ZOOM || draw.focus || draw.selected || draw.hovered || label.is_some() {
            list.labels.push(LabelDraw {
                pos_px: Vec2 {
                    x: center_px.x + draw.radius_px + 3.0,
                    y: center_px.y + 4.0,
                },
                text: label.map_or_else(|| node_label(node), |l| truncate_entity(&l.entity)),
                strong: draw.focus || draw.selected,
            });
        }
        list.nodes.push(draw);
    }
    list
}

/// The tainted share of one edge: the taint of the outputs it merges (tx → address) or of the
/// spent outputs it merges (address → tx), over the edge's value.
fn taint_share(graph: &FlowGraph, result: &TraceResult, from: NodeId, to: NodeId, edge: &FlowEdge) -> f64 {
    let node_tx = |id| match graph.node(id) {
        Some(FlowNode::Tx(tx)) => graph.tx(&tx.txid),
        _ => None,
    };
    let node_address = |id| match graph.node(id) {
        Some(FlowNode::Address(a)) => Some(a.address.as_str()),
        _ => None,
    };
    let taint_of = |txid: &Txid, vout: u32| {
        result
            .taint_by_outpoint
            .get(&Outpoint::new(txid.clone(), vout))
            .copied()
            .unwrap_or_default()
    };
    let tainted: Sats = match edge.kind {
        EdgeKind::Output => {
            let (Some(tx), Some(address)) = (node_tx(from), node_address(to)) else {
                return 0.0;
            };
            (0_u32..)
                .zip(&tx.outputs)
                .filter(|(_, o)| o.address.as_deref() == Some(address))
                .map(|(vout, _)| taint_of(&tx.txid, vout))
                .sum()
        }
        EdgeKind::Input => {
            let (Some(address), Some(tx)) = (node_address(from), node_tx(to)) else {
                return 0.0;
            };
            tx.inputs
                .iter()
                .filter(|i| i.prevout.as_ref().and_then(|p| p.address.as_deref()) == Some(address))
                .filter_map(|i| Some(taint_of(i.prev_txid.as_ref()?, i.prev_vout)))
                .sum()
        }
    };
    if edge.value_sats.to_u64() == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)] // a colour intensity, not an amount
    let share = tainted.to_u64() as f64 / edge.value_sats.to_u64() as f64;
    share.clamp(0.0, 1.0)
}

/// The short text that names a node on the canvas: `1FmwHh…1f9w`, `c3b9a4a0…4280`.
#[must_use]
pub fn node_label(node: &FlowNode) -> String {
    match node {
        FlowNode::Tx(tx) => tx.txid.short(),
        FlowNode::Address(a) => shorten(&a.address),
    }
}

/// Entity names can be long ("Synthetic Exchange Z hot wallet, …"); the canvas shows the start.
fn truncate_entity(entity: &str) -> String {
    const MAX_CHARS: usize = 24;
    if entity.chars().count() <= MAX_CHARS {
        return entity.to_string();
    }
    let head: String = entity.chars().take(MAX_CHARS - 1).collect();
    format!("{}…", head.trim_end())
}

fn shorten(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 14 {
        return text.to_string();
    }
    let head: String = chars.iter().take(6).collect();
    let tail: String = chars.iter().skip(chars.len() - 4).collect();
    format!("{head}…{tail}")
}

/// Logarithmic so that 0.001 BTC and 1,000 BTC both stay visible: 1 px up to about 12 px.
fn edge_width_px(value_sats: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)] // geometry only; amounts themselves stay integer
    let coins = value_sats as f64 / 100_000_000.0;
    (1.0 + 1.6 * (1.0 + coins).ln()).clamp(1.0, 12.0)
}

fn camera_sees_point(camera: &Camera, p: Vec2) -> bool {
    p.x >= -CULL_MARGIN_PX
        && p.y >= -CULL_MARGIN_PX
        && p.x <= camera.viewport_px.x + CULL_MARGIN_PX
        && p.y <= camera.viewport_px.y + CULL_MARGIN_PX
}

fn camera_sees_segment(camera: &Camera, a: Vec2, b: Vec2) -> bool {
    let (min_x, max_x) = (a.x.min(b.x), a.x.max(b.x));
    let (min_y, max_y) = (a.y.min(b.y), a.y.max(b.y));
    max_x >= -CULL_MARGIN_PX
        && max_y >= -CULL_MARGIN_PX
        && min_x <= camera.viewport_px.x + CULL_MARGIN_PX
        && min_y <= camera.viewport_px.y + CULL_MARGIN_PX
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_addresses_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w"), "1FmwHh…1f9w");
        assert_eq!(shorten("short"), "short");
    }

    #[test]
    fn long_entity_names_are_truncated_on_the_canvas() {
        assert_eq!(truncate_entity("Binance"), "Binance");
        assert_eq!(
            truncate_entity("Synthetic Exchange Z hot wallet, hack victim"),
            "Synthetic Exchange Z ho…"
        );
    }

    #[test]
    fn edge_width_grows_with_value_and_is_bounded() {
        assert!((edge_width_px(0) - 1.0).abs() < 1e-9);
        assert!(edge_width_px(100_000_000) > edge_width_px(1_000_000));
        assert!((edge_width_px(u64::MAX) - 12.0).abs() < 1e-9);
    }
}
