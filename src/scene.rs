//! What one canvas frame shows, as plain data: the draw list. Building it is pure (tested natively);
//! `web::canvas2d` only executes it, so it stays the one place that draws.
//!
//! The look of each node and edge comes from [`SceneStyle`] (worked out once per graph change);
//! a frame places it, culls what is off screen and picks the level of detail: with many nodes in
//! view or at far zoom, plain nodes become small squares, only the focus, selection and hover keep
//! a label, and edges shorter than a pixel are skipped. Edges come sorted by style so the canvas
//! strokes one path per style.

use std::collections::BTreeSet;

use crate::camera::Camera;
use crate::chain::Txid;
use crate::flow::{EdgeKind, FlowGraph, NodeId};
use crate::hubs::Folds;
use crate::labels::{Category, LabelBook};
use crate::layout::{Arrangement, AxisTick, ForceLayout, Vec2};
use crate::marks::GraphMarks;
use crate::remote_layout::LayoutMirror;
use crate::trace::TraceResult;

pub use crate::scene_style::{node_label, NodeRole, SceneStyle};

/// Where nodes are, in world space.
pub trait NodePositions: std::fmt::Debug {
    /// The node's position, once placed.
    fn position(&self, id: NodeId) -> Option<Vec2>;
}

impl NodePositions for ForceLayout {
    fn position(&self, id: NodeId) -> Option<Vec2> {
        ForceLayout::position(self, id)
    }
}

impl NodePositions for Arrangement {
    fn position(&self, id: NodeId) -> Option<Vec2> {
        Arrangement::position(self, id)
    }
}

impl NodePositions for LayoutMirror {
    fn position(&self, id: NodeId) -> Option<Vec2> {
        LayoutMirror::position(self, id)
    }
}

/// How much of each item a frame draws.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Detail {
    /// Shapes, rings, dashes and labels where the zoom allows.
    #[default]
    Full,
    /// Many nodes in view or far zoom: plain nodes are small squares, few labels, no sub-pixel edges.
    Far,
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
    /// Drawn as a small pixel-aligned square whose side is `radius_px` (far detail, plain node).
    pub dot: bool,
}

/// An edge's colour class; edges are drawn in this order (highlighted ones on top).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeColour {
    /// Trace shown, untainted.
    Clean,
    Input,
    Output,
    /// Trace shown: tainted share in twentieths, 1..=20 (stronger = more tainted).
    Taint(u8),
    /// Touches the selected or hovered node.
    Highlight,
}

/// One edge in screen space; width grows with the value it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeDraw {
    pub from_px: Vec2,
    pub to_px: Vec2,
    /// Rounded to a quarter pixel so that edges share styles (one path per style).
    pub width_px: f64,
    pub kind: EdgeKind,
    /// Touches the selected or hovered node.
    pub highlighted: bool,
    /// Share of the edge's value that is tainted (0..=1), when a trace result is shown.
    pub taint_share: Option<f64>,
    /// The output is the transaction's likely change (drawn dashed).
    pub change: bool,
    pub colour: EdgeColour,
}

impl EdgeDraw {
    /// Edges with equal keys are stroked together.
    #[must_use]
    pub fn style_key(&self) -> (EdgeColour, u32, bool) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // bounded: 0.25..=30 px
        let quarters = (self.width_px * 4.0).round() as u32;
        (self.colour, quarters, self.change)
    }
}

/// A text label in screen space (left-aligned at `pos_px`).
#[derive(Debug, Clone, PartialEq)]
pub struct LabelDraw {
    pub pos_px: Vec2,
    pub text: String,
    pub strong: bool,
}

/// A collapsed peel chain, drawn as one dashed step from its first to its last transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct PeelDraw {
    pub from_px: Vec2,
    pub to_px: Vec2,
    pub label: String,
}

/// A folded hub side in screen space: a "+N more" badge beside the hub, joined to it by a line.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldDraw {
    pub hub: NodeId,
    /// Which side of the hub is folded (see [`crate::hubs::HubFold::outward`]).
    pub outward: bool,
    pub hub_px: Vec2,
    pub center_px: Vec2,
    pub label: String,
}

impl FoldDraw {
    /// Half the badge's width and height (CSS px).
    #[must_use]
    pub fn half_size_px(&self) -> Vec2 {
        #[allow(clippy::cast_precision_loss)] // label lengths are tiny
        let width = self.label.chars().count() as f64 * LABEL_CHAR_PX + 14.0;
        Vec2::new(width / 2.0, 10.0)
    }

    /// Whether a screen point is on the badge.
    #[must_use]
    pub fn contains(&self, p: Vec2) -> bool {
        let half = self.half_size_px();
        (p.x - self.center_px.x).abs() <= half.x && (p.y - self.center_px.y).abs() <= half.y
    }
}

/// A mark of the x axis (time or hops) in screen space: a faint vertical line with its label on top.
#[derive(Debug, Clone, PartialEq)]
pub struct AxisDraw {
    pub x_px: f64,
    pub label: String,
}

/// Everything one frame draws, back to front: axis, edges (sorted by [`EdgeDraw::style_key`]),
/// peel steps, nodes, labels, "+N more" badges.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DrawList {
    pub detail: Detail,
    pub axis: Vec<AxisDraw>,
    pub folds: Vec<FoldDraw>,
    /// The box being dragged out to select nodes (two opposite corners), drawn on top.
    pub marquee: Option<(Vec2, Vec2)>,
    pub edges: Vec<EdgeDraw>,
    pub peels: Vec<PeelDraw>,
    pub nodes: Vec<NodeDraw>,
    pub labels: Vec<LabelDraw>,
}

/// The inputs of a one-shot draw list (styles worked out on the spot).
#[derive(Debug, Clone, Copy)]
pub struct SceneInput<'a> {
    /// Where things are and what the pointer does.
    pub frame: FrameInput<'a>,
    /// Entity labels: labelled addresses are drawn as entities and named.
    pub labels: &'a LabelBook,
    /// A trace result: edges are coloured by the share of their value that is tainted.
    pub taint: Option<&'a TraceResult>,
    /// Heuristic marks of this graph version (change, CoinJoin, peel chains).
    pub marks: &'a GraphMarks,
    /// Peel chains the reader expanded (by first txid); the others are drawn as one step.
    pub expanded_peels: &'a BTreeSet<Txid>,
    /// Hubs folded into "+N more".
    pub folds: &'a Folds,
}

/// What changes from frame to frame: where things are and what the pointer does.
#[derive(Debug, Clone, Copy)]
pub struct FrameInput<'a> {
    pub graph: &'a FlowGraph,
    pub layout: &'a dyn NodePositions,
    pub camera: &'a Camera,
    pub selected: Option<NodeId>,
    pub hovered: Option<NodeId>,
    pub focus: Option<NodeId>,
    /// Marks of the layout's x axis (none for the force layout).
    pub axis: &'a [AxisTick],
    /// Nodes selected together (box selection), drawn as selected.
    pub selection: &'a BTreeSet<NodeId>,
}

impl<'a> FrameInput<'a> {
    /// A frame of `graph` at `layout` seen through `camera`: nothing selected, hovered or in
    /// focus, no axis.
    #[must_use]
    pub fn new(graph: &'a FlowGraph, layout: &'a dyn NodePositions, camera: &'a Camera) -> FrameInput<'a> {
        FrameInput {
            graph,
            layout,
            camera,
            selected: None,
            hovered: None,
            focus: None,
            axis: &[],
            selection: &NO_SELECTION,
        }
    }
}

/// Above this zoom every node gets a label; below it only the focus, selection and hover do.
const LABEL_ALL_ZOOM: f64 = 1.6;
/// Gap (screen px) between a hub and the near edge of its "+N more" badge, and how far below
/// the hub the badge sits.
const FOLD_OFFSET_PX: f64 = 14.0;
const FOLD_DROP_PX: f64 = 20.0;
/// The empty selection, for frames without a box selection.
static NO_SELECTION: BTreeSet<NodeId> = BTreeSet::new();
/// Width of one character of 11 px sans-serif text (generous), for sizing badges and spacing axis labels.
const LABEL_CHAR_PX: f64 = 6.5;
/// Nodes this far outside the viewport are culled.
const CULL_MARGIN_PX: f64 = 40.0;
/// More nodes in view than this: far detail.
const FAR_NODE_COUNT: usize = 2_500;
/// A plain address smaller than this radius: far detail.
const FAR_RADIUS_PX: f64 = 2.5;
/// Far detail skips edges shorter than this (they hide under their nodes).
const MIN_EDGE_PX: f64 = 1.0;
/// Far detail draws every edge this wide: Chromium's software rasteriser strokes 1-px lines on a
/// fast path, while tens of thousands of overlapping wide strokes in one path take seconds.
const FAR_EDGE_WIDTH_PX: f64 = 1.0;

/// Builds the draw list of one frame (styles worked out on the spot; the canvas keeps a
/// [`SceneStyle`] across frames instead).
#[must_use]
pub fn build(input: SceneInput<'_>) -> DrawList {
    let style = SceneStyle::new(
        input.frame.graph,
        input.labels,
        input.taint,
        input.marks,
        input.expanded_peels,
        input.folds,
    );
    frame(&style, &input.frame)
}

/// Places, culls and picks the detail of one frame of `style`.
#[must_use]
pub fn frame(style: &SceneStyle, input: &FrameInput<'_>) -> DrawList {
    let FrameInput {
        graph,
        layout,
        camera,
        selected,
        hovered,
        focus,
        axis,
        selection,
    } = *input;
    let screen = |id: NodeId| layout.position(id).map(|p| camera.screen_from_world(p));
    let node_scale = camera.zoom.sqrt().clamp(0.35, 2.5);
    let mut list = DrawList::default();

    let visible: Vec<(usize, Vec2)> = style
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(i, node)| Some((i, screen(node.id)?)))
        .filter(|(_, p)| camera_sees_point(camera, *p))
        .collect();
    let far = visible.len() > FAR_NODE_COUNT || 7.0 * node_scale < FAR_RADIUS_PX;
    list.detail = if far { Detail::Far } else { Detail::Full };

    // Ticks crowd when zoomed out: keep every k-th so labels do not overlap.
    #[allow(clippy::cast_precision_loss)] // label lengths are tiny
    let label_px = axis.iter().map(|t| t.label.chars().count()).max().unwrap_or(0) as f64 * LABEL_CHAR_PX + 16.0;
    let spacing_px = axis
        .windows(2)
        .map(|w| (w[1].x - w[0].x).abs() * camera.zoom)
        .fold(f64::INFINITY, f64::min);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // small positive count
    let keep_every = if spacing_px.is_finite() && spacing_px > 0.0 {
        (label_px / spacing_px).ceil().max(1.0) as usize
    } else {
        1
    };
    for tick in axis.iter().step_by(keep_every) {
        let x_px = camera.screen_from_world(Vec2::new(tick.x, 0.0)).x;
        if (-CULL_MARGIN_PX..=camera.viewport_px.x + CULL_MARGIN_PX).contains(&x_px) {
            list.axis.push(AxisDraw {
                x_px,
                label: tick.label.clone(),
            });
        }
    }

    for edge in &style.edges {
        let (Some(from_px), Some(to_px)) = (screen(edge.from), screen(edge.to)) else {
            continue;
        };
        if !camera_sees_segment(camera, from_px, to_px) || (far && from_px.distance(to_px) < MIN_EDGE_PX) {
            continue;
        }
        let touches = |id: Option<NodeId>| id.is_some_and(|id| id == edge.from || id == edge.to);
        let highlighted = touches(selected) || touches(hovered);
        let colour = match (highlighted, edge.taint_share, edge.kind) {
            (true, _, _) => EdgeColour::Highlight,
            (false, Some(share), _) if share > 0.0 => EdgeColour::Taint(taint_level(share)),
            (false, Some(_), _) => EdgeColour::Clean,
            (false, None, EdgeKind::Input) => EdgeColour::Input,
            (false, None, EdgeKind::Output) => EdgeColour::Output,
        };
        list.edges.push(EdgeDraw {
            from_px,
            to_px,
            width_px: if far {
                FAR_EDGE_WIDTH_PX
            } else {
                ((edge.base_width_px * node_scale * 4.0).round() / 4.0).max(0.25)
            },
            kind: edge.kind,
            highlighted,
            taint_share: edge.taint_share,
            change: edge.change,
            colour,
        });
    }
    // Stable: edges of one style keep the graph's order.
    list.edges.sort_by_key(EdgeDraw::style_key);

    for peel in &style.peels {
        let (Some(from_px), Some(to_px)) = (screen(peel.head), screen(peel.tail)) else {
            continue;
        };
        if camera_sees_segment(camera, from_px, to_px) {
            list.peels.push(PeelDraw {
                from_px,
                to_px,
                label: peel.label.clone(),
            });
        }
    }

    for fold in &style.folds {
        let Some(hub_px) = screen(fold.hub) else { continue };
        let side = if fold.outward { 1.0 } else { -1.0 };
        let mut badge = FoldDraw {
            hub: fold.hub,
            outward: fold.outward,
            hub_px,
            center_px: hub_px,
            label: fold.label.clone(),
        };
        // Beside the hub and a little below, clear of the hub's own label.
        let half = badge.half_size_px();
        badge.center_px = Vec2::new(hub_px.x + side * (half.x + FOLD_OFFSET_PX), hub_px.y + FOLD_DROP_PX);
        if camera_sees_point(camera, badge.center_px) {
            list.folds.push(badge);
        }
    }

    for (i, center_px) in visible {
        let Some(node) = style.nodes.get(i) else { continue };
        let id = node.id;
        let is = |other: Option<NodeId>| other == Some(id);
        let (is_focus, is_selected, is_hovered) = (is(focus), is(selected) || selection.contains(&id), is(hovered));
        let marked = is_focus || is_selected || is_hovered || node.entity.is_some() || node.coinjoin;
        let draw = NodeDraw {
            id,
            center_px,
            radius_px: node.base_radius_px * node_scale * if is_focus { 1.4 } else { 1.0 },
            role: node.role,
            focus: is_focus,
            selected: is_selected,
            hovered: is_hovered,
            entity: node.entity.as_ref().map(|(category, _)| *category),
            coinjoin: node.coinjoin,
            dot: far && !marked,
        };
        let pointed = is_focus || is_selected || is_hovered;
        let wants_label = pointed || (!far && (camera.zoom >= LABEL_ALL_ZOOM || node.entity.is_some()));
        if wants_label {
            let text = match &node.entity {
                Some((_, name)) => Some(name.clone()),
                None => graph.node(id).map(|node| node_label(node, style.lang)),
            };
            if let Some(text) = text {
                list.labels.push(LabelDraw {
                    pos_px: Vec2 {
                        x: center_px.x + draw.radius_px + 3.0,
                        y: center_px.y + 4.0,
                    },
                    text,
                    strong: is_focus || is_selected,
                });
            }
        }
        list.nodes.push(draw);
    }
    list
}

/// The drawn nodes (not hidden in a peel chain or a fold) whose centres lie in the screen
/// rectangle with opposite corners `a_px` and `b_px`: a box selection.
#[must_use]
pub fn nodes_in_rect(
    style: &SceneStyle,
    layout: &dyn NodePositions,
    camera: &Camera,
    a_px: Vec2,
    b_px: Vec2,
) -> Vec<NodeId> {
    let (lo, hi) = (a_px.min(b_px), a_px.max(b_px));
    style
        .nodes
        .iter()
        .filter(|node| {
            layout.position(node.id).is_some_and(|p| {
                let s = camera.screen_from_world(p);
                s.x >= lo.x && s.x <= hi.x && s.y >= lo.y && s.y <= hi.y
            })
        })
        .map(|node| node.id)
        .collect()
}

/// A positive tainted share in twentieths (1..=20): few colours, so few paths.
fn taint_level(share: f64) -> u8 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to 1..=20
    let level = (share * 20.0).ceil().clamp(1.0, 20.0) as u8;
    level
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
    fn taint_levels_cover_every_positive_share() {
        assert_eq!(taint_level(1e-9), 1);
        assert_eq!(taint_level(0.5), 10);
        assert_eq!(taint_level(1.0), 20);
        assert_eq!(taint_level(7.0), 20);
    }
}
