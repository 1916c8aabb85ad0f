//! The one place that draws: executes a [`DrawList`] on a 2D canvas context.
//!
//! Fast paths measured by `scripts/bench-layout` (`web/bench.rs`): edges of one style go into one
//! path and one stroke (the list comes sorted by style); at far detail plain nodes are
//! pixel-aligned `fillRect` squares grouped by colour, and a square whose device pixel already
//! holds one of the same colour is skipped.

use wasm_bindgen::JsCast as _;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::layout::Vec2;

use crate::scene::{AxisDraw, Detail, DrawList, EdgeColour, EdgeDraw, FoldDraw, NodeDraw, NodeRole};

const BACKGROUND: &str = "#f7f7f4";
// Okabe–Ito colours (colour-blind safe); every encoding also has a shape or a line style.
const EDGE_INPUT: &str = "rgba(120, 120, 130, 0.55)";
const EDGE_OUTPUT: &str = "rgba(213, 94, 0, 0.55)";
const EDGE_CLEAN: &str = "rgba(150, 150, 160, 0.25)";
const EDGE_HIGHLIGHT: &str = "rgba(20, 20, 20, 0.9)";
/// Where axis labels start (CSS px from the canvas's top).
const AXIS_LABEL_TOP_PX: f64 = 46.0;
/// Edges per path: a stroke's cost grows faster than its length when wide strokes overlap.
const MAX_PATH_EDGES: usize = 4_096;
const ROLES: [NodeRole; 4] = [
    NodeRole::Address,
    NodeRole::AddressLoaded,
    NodeRole::Tx,
    NodeRole::TxWarning,
];

fn node_fill(role: NodeRole, focus: bool) -> &'static str {
    match (role, focus) {
        (_, true) => "#D55E00",
        (NodeRole::Address, false) => "#8a8a8a",
        (NodeRole::AddressLoaded, false) => "#0072B2",
        (NodeRole::Tx, false) => "#E69F00",
        (NodeRole::TxWarning, false) => "#F0E442",
    }
}

fn edge_colour(colour: EdgeColour) -> String {
    match colour {
        EdgeColour::Highlight => EDGE_HIGHLIGHT.into(),
        // With a trace shown, the red's strength is the tainted share of the edge's value.
        EdgeColour::Taint(level) => format!("rgba(213, 94, 0, {:.3})", 0.25 + 0.75 * f64::from(level) / 20.0),
        EdgeColour::Clean => EDGE_CLEAN.into(),
        EdgeColour::Input => EDGE_INPUT.into(),
        EdgeColour::Output => EDGE_OUTPUT.into(),
    }
}

/// Clears the canvas (device pixels `width`×`height`, drawn at `scale` device px per CSS px) and draws `list`.
pub fn draw(ctx: &CanvasRenderingContext2d, width: f64, height: f64, scale: f64, list: &DrawList) {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok();
    ctx.set_fill_style_str(BACKGROUND);
    ctx.fill_rect(0.0, 0.0, width, height);
    ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).ok();

    draw_axis(ctx, height / scale, &list.axis);
    draw_edges(ctx, &list.edges);

    // Collapsed peel chains: one dashed violet step with its summary.
    for peel in &list.peels {
        ctx.set_stroke_style_str("rgba(204, 121, 167, 0.9)");
        ctx.set_line_width(4.0);
        set_dash(ctx, &[10.0, 6.0]);
        ctx.begin_path();
        ctx.move_to(peel.from_px.x, peel.from_px.y);
        ctx.line_to(peel.to_px.x, peel.to_px.y);
        ctx.stroke();
        set_dash(ctx, &[]);
        ctx.set_font("11px system-ui, sans-serif");
        ctx.set_fill_style_str("#8e3f6e");
        let (mid_x, mid_y) = (
            (peel.from_px.x + peel.to_px.x) / 2.0,
            (peel.from_px.y + peel.to_px.y) / 2.0,
        );
        ctx.fill_text(&peel.label, mid_x + 6.0, mid_y - 6.0).ok();
    }

    if list.detail == Detail::Far {
        draw_dots(ctx, width, height, scale, &list.nodes);
        ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).ok();
    }
    for node in list.nodes.iter().filter(|n| !n.dot) {
        draw_node(ctx, node);
    }

    ctx.set_text_baseline("alphabetic");
    for label in &list.labels {
        ctx.set_font(if label.strong {
            "bold 12px system-ui, sans-serif"
        } else {
            "11px system-ui, sans-serif"
        });
        ctx.set_fill_style_str("#1b1b1b");
        ctx.fill_text(&label.text, label.pos_px.x, label.pos_px.y).ok();
    }
    // Badges last: they are controls, never hidden under labels.
    draw_fold_badges(ctx, &list.folds);
    if let Some((a, b)) = list.marquee {
        let (lo, hi) = (a.min(b), a.max(b));
        ctx.set_fill_style_str("rgba(0, 114, 178, 0.10)");
        ctx.fill_rect(lo.x, lo.y, hi.x - lo.x, hi.y - lo.y);
        ctx.set_stroke_style_str("#0072B2");
        ctx.set_line_width(1.0);
        set_dash(ctx, &[5.0, 3.0]);
        ctx.stroke_rect(lo.x, lo.y, hi.x - lo.x, hi.y - lo.y);
        set_dash(ctx, &[]);
    }
}

/// A kept frame drawn again for another camera: `copy` scaled by `scale` and moved by
/// `offset_device_px` over the background (see `web::frame_cache`).
pub fn draw_reused(
    ctx: &CanvasRenderingContext2d,
    width: f64,
    height: f64,
    copy: &HtmlCanvasElement,
    scale: f64,
    offset_device_px: Vec2,
) {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok();
    ctx.set_fill_style_str(BACKGROUND);
    ctx.fill_rect(0.0, 0.0, width, height);
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
        copy,
        offset_device_px.x,
        offset_device_px.y,
        f64::from(copy.width()) * scale,
        f64::from(copy.height()) * scale,
    )
    .ok();
}

/// Copies what `source` shows into `copy` (resized to match); `None` if `copy` has no 2D context.
pub fn copy_canvas(copy: &HtmlCanvasElement, source: &HtmlCanvasElement) -> Option<()> {
    if copy.width() != source.width() || copy.height() != source.height() {
        copy.set_width(source.width());
        copy.set_height(source.height());
    }
    let ctx = copy
        .get_context("2d")
        .ok()??
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok();
    ctx.draw_image_with_html_canvas_element(source, 0.0, 0.0).ok()?;
    Some(())
}

/// Time or hop marks: faint full-height lines, one path, labels along the top (below the
/// layout switch and the Fit button, which sit over the canvas's top edge).
fn draw_axis(ctx: &CanvasRenderingContext2d, css_height: f64, axis: &[AxisDraw]) {
    if axis.is_empty() {
        return;
    }
    ctx.set_stroke_style_str("rgba(0, 0, 0, 0.12)");
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for tick in axis {
        let x = tick.x_px.round() + 0.5;
        ctx.move_to(x, 0.0);
        ctx.line_to(x, css_height);
    }
    ctx.stroke();
    ctx.set_font("11px system-ui, sans-serif");
    ctx.set_fill_style_str("#555");
    ctx.set_text_baseline("top");
    for tick in axis {
        ctx.fill_text(&tick.label, tick.x_px + 4.0, AXIS_LABEL_TOP_PX).ok();
    }
    ctx.set_text_baseline("alphabetic");
}

/// "+N more" badges: a dashed line from the hub, a white pill with the count.
fn draw_fold_badges(ctx: &CanvasRenderingContext2d, folds: &[FoldDraw]) {
    if folds.is_empty() {
        return;
    }
    ctx.set_stroke_style_str("rgba(90, 90, 100, 0.8)");
    ctx.set_line_width(1.5);
    set_dash(ctx, &[4.0, 3.0]);
    ctx.begin_path();
    for fold in folds {
        ctx.move_to(fold.hub_px.x, fold.hub_px.y);
        ctx.line_to(fold.center_px.x, fold.center_px.y);
    }
    ctx.stroke();
    set_dash(ctx, &[]);
    ctx.set_font("bold 11px system-ui, sans-serif");
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for fold in folds {
        let half = fold.half_size_px();
        let (x, y) = (fold.center_px.x - half.x, fold.center_px.y - half.y);
        ctx.begin_path();
        ctx.round_rect_with_f64(x, y, 2.0 * half.x, 2.0 * half.y, half.y).ok();
        ctx.set_fill_style_str("#ffffff");
        ctx.fill();
        ctx.set_stroke_style_str("#5a5a64");
        ctx.stroke();
        ctx.set_fill_style_str("#1b1b1b");
        ctx.fill_text(&fold.label, fold.center_px.x, fold.center_px.y + 0.5)
            .ok();
    }
    ctx.set_text_align("start");
    ctx.set_text_baseline("alphabetic");
}

/// One path and one stroke per run of edges with the same style (at most [`MAX_PATH_EDGES`]
/// per path). Wide edges get round caps; 1-px ones butt caps, which keeps them on the
/// rasteriser's hairline fast path.
fn draw_edges(ctx: &CanvasRenderingContext2d, edges: &[EdgeDraw]) {
    let mut rest = edges;
    while let Some(first) = rest.first() {
        let key = first.style_key();
        let run = rest
            .iter()
            .take(MAX_PATH_EDGES)
            .take_while(|e| e.style_key() == key)
            .count()
            .max(1);
        let (batch, after) = rest.split_at(run.min(rest.len()));
        ctx.set_stroke_style_str(&edge_colour(first.colour));
        ctx.set_line_width(first.width_px);
        ctx.set_line_cap(if first.width_px > 1.0 { "round" } else { "butt" });
        set_dash(ctx, if first.change { &[6.0, 4.0] } else { &[] });
        ctx.begin_path();
        for edge in batch {
            ctx.move_to(edge.from_px.x, edge.from_px.y);
            ctx.line_to(edge.to_px.x, edge.to_px.y);
        }
        ctx.stroke();
        rest = after;
    }
    set_dash(ctx, &[]);
}

/// Far detail: plain nodes as squares on whole device pixels (no anti-aliasing work), one
/// colour at a time; a square whose top-left device pixel already got one of that colour and
/// size is skipped, which at far zoom is most of them.
fn draw_dots(ctx: &CanvasRenderingContext2d, width: f64, height: f64, scale: f64, nodes: &[NodeDraw]) {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // canvas sizes are small and positive
    let (w, h) = (width.max(0.0) as usize, height.max(0.0) as usize);
    let mut drawn = vec![0_u64; (w * h).div_ceil(64)];
    for role in ROLES {
        drawn.fill(0);
        ctx.set_fill_style_str(node_fill(role, false));
        for node in nodes.iter().filter(|n| n.dot && n.role == role) {
            let side = (node.radius_px * scale).round().max(1.0);
            let left = (node.center_px.x * scale - side / 2.0).round();
            let top = (node.center_px.y * scale - side / 2.0).round();
            if left + side <= 0.0 || top + side <= 0.0 || left >= width || top >= height {
                continue;
            }
            if left >= 0.0 && top >= 0.0 {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // inside the canvas
                let bit = top as usize * w + left as usize;
                let Some(word) = drawn.get_mut(bit / 64) else { continue };
                let mask = 1_u64 << (bit % 64);
                if *word & mask != 0 {
                    continue;
                }
                *word |= mask;
            }
            ctx.fill_rect(left, top, side, side);
        }
    }
}

fn draw_node(ctx: &CanvasRenderingContext2d, node: &NodeDraw) {
    ctx.set_fill_style_str(node_fill(node.role, node.focus));
    ctx.begin_path();
    let (x, y, r) = (node.center_px.x, node.center_px.y, node.radius_px);
    match node.role {
        NodeRole::Tx | NodeRole::TxWarning => ctx.rect(x - r, y - r, 2.0 * r, 2.0 * r),
        NodeRole::Address | NodeRole::AddressLoaded => {
            ctx.arc(x, y, r, 0.0, std::f64::consts::TAU).ok();
        }
    }
    ctx.fill();
    if node.coinjoin {
        // CoinJoin-shaped transactions get a dark double frame: mixing, taint is ambiguous.
        ctx.set_stroke_style_str("#111");
        ctx.set_line_width(2.0);
        ctx.stroke_rect(x - r - 3.0, y - r - 3.0, 2.0 * r + 6.0, 2.0 * r + 6.0);
    }
    if node.entity.is_some() {
        // Labelled entities (exchanges, mixers, sanctioned) get a violet ring.
        ctx.begin_path();
        ctx.arc(x, y, r + 3.0, 0.0, std::f64::consts::TAU).ok();
        ctx.set_stroke_style_str("#CC79A7");
        ctx.set_line_width(2.5);
        ctx.stroke();
    }
    if node.selected || node.hovered {
        ctx.set_stroke_style_str(if node.selected { "#000" } else { "#333" });
        ctx.set_line_width(if node.selected { 3.0 } else { 1.5 });
        ctx.stroke();
    }
}

fn set_dash(ctx: &CanvasRenderingContext2d, pattern: &[f64]) {
    let array = js_sys::Array::new();
    for value in pattern {
        array.push(&wasm_bindgen::JsValue::from_f64(*value));
    }
    ctx.set_line_dash(&array).ok();
}
