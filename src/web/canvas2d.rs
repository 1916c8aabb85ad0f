//! The one place that draws: executes a [`DrawList`] on a 2D canvas context.

use web_sys::CanvasRenderingContext2d;

use crate::flow::EdgeKind;
use crate::scene::{DrawList, NodeRole};

const BACKGROUND: &str = "#f7f7f4";
// Okabe–Ito colours (colour-blind safe); every encoding also has a shape or a line style.
const EDGE_INPUT: &str = "rgba(120, 120, 130, 0.55)";
const EDGE_OUTPUT: &str = "rgba(213, 94, 0, 0.55)";
const EDGE_CLEAN: &str = "rgba(150, 150, 160, 0.25)";
const EDGE_HIGHLIGHT: &str = "rgba(20, 20, 20, 0.9)";

fn node_fill(role: NodeRole, focus: bool) -> &'static str {
    match (role, focus) {
        (_, true) => "#D55E00",
        (NodeRole::Address, false) => "#8a8a8a",
        (NodeRole::AddressLoaded, false) => "#0072B2",
        (NodeRole::Tx, false) => "#E69F00",
        (NodeRole::TxWarning, false) => "#F0E442",
    }
}

/// Clears the canvas (device pixels `width`×`height`, drawn at `scale` device px per CSS px) and draws `list`.
pub fn draw(ctx: &CanvasRenderingContext2d, width: f64, height: f64, scale: f64, list: &DrawList) {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok();
    ctx.set_fill_style_str(BACKGROUND);
    ctx.fill_rect(0.0, 0.0, width, height);
    ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).ok();

    ctx.set_line_cap("round");
    for edge in &list.edges {
        let taint_colour;
        let color = match (edge.highlighted, edge.taint_share, edge.kind) {
            (true, _, _) => EDGE_HIGHLIGHT,
            // With a trace shown, the red's strength is the tainted share of the edge's value.
            (false, Some(share), _) if share > 0.0 => {
                taint_colour = format!("rgba(213, 94, 0, {:.2})", 0.25 + 0.75 * share);
                taint_colour.as_str()
            }
            (false, Some(_), _) => EDGE_CLEAN,
            (false, None, EdgeKind::Input) => EDGE_INPUT,
            (false, None, EdgeKind::Output) => EDGE_OUTPUT,
        };
        ctx.set_stroke_style_str(color);
        ctx.set_line_width(edge.width_px);
        set_dash(ctx, if edge.change { &[6.0, 4.0] } else { &[] });
        ctx.begin_path();
        ctx.move_to(edge.from_px.x, edge.from_px.y);
        ctx.line_to(edge.to_px.x, edge.to_px.y);
        ctx.stroke();
    }
    set_dash(ctx, &[]);

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

    for node in &list.nodes {
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
}

fn set_dash(ctx: &CanvasRenderingContext2d, pattern: &[f64]) {
    let array = js_sys::Array::new();
    for value in pattern {
        array.push(&wasm_bindgen::JsValue::from_f64(*value));
    }
    ctx.set_line_dash(&array).ok();
}
