//! The one place that draws: executes a [`DrawList`] on a 2D canvas context.
//!
//! Fast paths measured by `scripts/bench-layout` (`web/bench.rs`): edges of one style go into one
//! path and one stroke (the list comes sorted by style); at far detail plain nodes are
//! pixel-aligned `fillRect` squares grouped by colour, and a square whose device pixel already
//! holds one of the same colour is skipped.

use wasm_bindgen::JsCast as _;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::layout::Vec2;
use crate::palette::{self, Palette, Rgba};
use crate::scene::{AxisDraw, Detail, DrawList, EdgeDraw, FoldDraw, NodeDraw, NodeRole};

/// Where axis labels start (CSS px from the canvas's top).
const AXIS_LABEL_TOP_PX: f64 = 46.0;
/// Edges per path: a stroke's cost grows faster than its length when wide strokes overlap.
const MAX_PATH_EDGES: usize = 4_096;

fn set_fill(ctx: &CanvasRenderingContext2d, colour: Rgba) {
    ctx.set_fill_style_str(&colour.css());
}

fn set_stroke(ctx: &CanvasRenderingContext2d, colour: Rgba) {
    ctx.set_stroke_style_str(&colour.css());
}

/// Clears the canvas (device pixels `width`×`height`, drawn at `scale` device px per CSS px) and
/// draws `list` in the colours of `colours` (the page's scheme: `web::theme::palette`).
pub fn draw(ctx: &CanvasRenderingContext2d, width: f64, height: f64, scale: f64, list: &DrawList, colours: &Palette) {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok();
    set_fill(ctx, colours.background);
    ctx.fill_rect(0.0, 0.0, width, height);
    ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).ok();

    draw_axis(ctx, colours, height / scale, &list.axis);
    draw_edges(ctx, colours, &list.edges);

    // Collapsed peel chains: one dashed violet step with its summary.
    for peel in &list.peels {
        set_stroke(ctx, colours.peel_stroke);
        ctx.set_line_width(palette::PEEL_WIDTH_PX);
        set_dash(ctx, &palette::PEEL_DASH_PX);
        ctx.begin_path();
        ctx.move_to(peel.from_px.x, peel.from_px.y);
        ctx.line_to(peel.to_px.x, peel.to_px.y);
        ctx.stroke();
        set_dash(ctx, &[]);
        ctx.set_font(&palette::TEXT_FONT.css());
        set_fill(ctx, colours.peel_text);
        let (mid_x, mid_y) = (
            (peel.from_px.x + peel.to_px.x) / 2.0,
            (peel.from_px.y + peel.to_px.y) / 2.0,
        );
        ctx.fill_text(&peel.label, mid_x + 6.0, mid_y - 6.0).ok();
    }

    if list.detail == Detail::Far {
        draw_dots(ctx, colours, width, height, scale, &list.nodes);
        ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).ok();
    }
    for node in list.nodes.iter().filter(|n| !n.dot) {
        draw_node(ctx, colours, node);
    }

    ctx.set_text_baseline("alphabetic");
    for label in &list.labels {
        ctx.set_font(
            &if label.strong {
                palette::STRONG_TEXT_FONT
            } else {
                palette::TEXT_FONT
            }
            .css(),
        );
        set_fill(ctx, colours.label_text);
        ctx.fill_text(&label.text, label.pos_px.x, label.pos_px.y).ok();
    }
    // Badges last: they are controls, never hidden under labels.
    draw_fold_badges(ctx, colours, &list.folds);
    if let Some((a, b)) = list.marquee {
        let (lo, hi) = (a.min(b), a.max(b));
        set_fill(ctx, colours.marquee_fill);
        ctx.fill_rect(lo.x, lo.y, hi.x - lo.x, hi.y - lo.y);
        set_stroke(ctx, colours.marquee_stroke);
        ctx.set_line_width(1.0);
        set_dash(ctx, &palette::MARQUEE_DASH_PX);
        ctx.stroke_rect(lo.x, lo.y, hi.x - lo.x, hi.y - lo.y);
        set_dash(ctx, &[]);
    }
}

/// A kept frame drawn again for another camera: `copy` scaled by `scale` and moved by
/// `offset_device_px` over the background of `colours` (see `web::frame_cache`).
pub fn draw_reused(
    ctx: &CanvasRenderingContext2d,
    width: f64,
    height: f64,
    copy: &HtmlCanvasElement,
    scale: f64,
    offset_device_px: Vec2,
    colours: &Palette,
) {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok();
    set_fill(ctx, colours.background);
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
fn draw_axis(ctx: &CanvasRenderingContext2d, colours: &Palette, css_height: f64, axis: &[AxisDraw]) {
    if axis.is_empty() {
        return;
    }
    set_stroke(ctx, colours.axis_line);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for tick in axis {
        let x = tick.x_px.round() + 0.5;
        ctx.move_to(x, 0.0);
        ctx.line_to(x, css_height);
    }
    ctx.stroke();
    ctx.set_font(&palette::TEXT_FONT.css());
    set_fill(ctx, colours.axis_text);
    ctx.set_text_baseline("top");
    for tick in axis {
        ctx.fill_text(&tick.label, tick.x_px + 4.0, AXIS_LABEL_TOP_PX).ok();
    }
    ctx.set_text_baseline("alphabetic");
}

/// "+N more" badges: a dashed line from the hub, a pill with the count.
fn draw_fold_badges(ctx: &CanvasRenderingContext2d, colours: &Palette, folds: &[FoldDraw]) {
    if folds.is_empty() {
        return;
    }
    set_stroke(ctx, colours.fold_line);
    ctx.set_line_width(palette::FOLD_LINE_WIDTH_PX);
    set_dash(ctx, &palette::FOLD_DASH_PX);
    ctx.begin_path();
    for fold in folds {
        ctx.move_to(fold.hub_px.x, fold.hub_px.y);
        ctx.line_to(fold.center_px.x, fold.center_px.y);
    }
    ctx.stroke();
    set_dash(ctx, &[]);
    ctx.set_font(&palette::BADGE_FONT.css());
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for fold in folds {
        let half = fold.half_size_px();
        let (x, y) = (fold.center_px.x - half.x, fold.center_px.y - half.y);
        ctx.begin_path();
        ctx.round_rect_with_f64(x, y, 2.0 * half.x, 2.0 * half.y, half.y).ok();
        set_fill(ctx, colours.badge_fill);
        ctx.fill();
        set_stroke(ctx, colours.badge_stroke);
        ctx.stroke();
        set_fill(ctx, colours.label_text);
        ctx.fill_text(&fold.label, fold.center_px.x, fold.center_px.y + 0.5)
            .ok();
    }
    ctx.set_text_align("start");
    ctx.set_text_baseline("alphabetic");
}

/// One path and one stroke per run of edges with the same style (at most [`MAX_PATH_EDGES`]
/// per path). Wide edges get round caps; 1-px ones butt caps, which keeps them on the
/// rasteriser's hairline fast path.
fn draw_edges(ctx: &CanvasRenderingContext2d, colours: &Palette, edges: &[EdgeDraw]) {
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
        set_stroke(ctx, colours.edge_stroke(first.colour));
        ctx.set_line_width(first.width_px);
        ctx.set_line_cap(if first.width_px > 1.0 { "round" } else { "butt" });
        set_dash(ctx, if first.change { &palette::CHANGE_DASH_PX } else { &[] });
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
fn draw_dots(
    ctx: &CanvasRenderingContext2d,
    colours: &Palette,
    width: f64,
    height: f64,
    scale: f64,
    nodes: &[NodeDraw],
) {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // canvas sizes are small and positive
    let (w, h) = (width.max(0.0) as usize, height.max(0.0) as usize);
    let mut drawn = vec![0_u64; (w * h).div_ceil(64)];
    for role in NodeRole::ALL {
        drawn.fill(0);
        set_fill(ctx, colours.node_fill(role, false));
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

fn draw_node(ctx: &CanvasRenderingContext2d, colours: &Palette, node: &NodeDraw) {
    let look = colours.node(node.role, node.focus);
    set_fill(ctx, look.fill);
    ctx.begin_path();
    let (x, y, r) = (node.center_px.x, node.center_px.y, node.radius_px);
    match node.role {
        NodeRole::Tx | NodeRole::TxWarning => ctx.rect(x - r, y - r, 2.0 * r, 2.0 * r),
        NodeRole::Transfer => {
            // A diamond: the handle of a summed flow, told from a transaction by shape too.
            let d = r * std::f64::consts::SQRT_2;
            ctx.move_to(x, y - d);
            ctx.line_to(x + d, y);
            ctx.line_to(x, y + d);
            ctx.line_to(x - d, y);
            ctx.close_path();
        }
        NodeRole::Address | NodeRole::AddressLoaded | NodeRole::Group => {
            ctx.arc(x, y, r, 0.0, std::f64::consts::TAU).ok();
        }
    }
    ctx.fill();
    if let Some(outline) = look.outline {
        // A fill too faint on this background gets a thin outline (the path stays for the
        // selection stroke).
        set_stroke(ctx, outline);
        ctx.set_line_width(palette::NODE_OUTLINE_WIDTH_PX);
        ctx.stroke();
    }
    if node.role == NodeRole::Group {
        // An inner ring in the background colour: a group reads as "many" without its colour.
        ctx.begin_path();
        ctx.arc(x, y, r * 0.6, 0.0, std::f64::consts::TAU).ok();
        set_stroke(ctx, colours.background);
        ctx.set_line_width(1.5);
        ctx.stroke();
        ctx.begin_path();
        ctx.arc(x, y, r, 0.0, std::f64::consts::TAU).ok();
    }
    let gap = palette::RING_GAP_PX;
    if node.coinjoin {
        set_stroke(ctx, colours.coinjoin_frame);
        ctx.set_line_width(palette::COINJOIN_FRAME_WIDTH_PX);
        ctx.stroke_rect(x - r - gap, y - r - gap, 2.0 * (r + gap), 2.0 * (r + gap));
    }
    if node.entity.is_some() {
        ctx.begin_path();
        ctx.arc(x, y, r + gap, 0.0, std::f64::consts::TAU).ok();
        set_stroke(ctx, colours.entity_ring);
        ctx.set_line_width(palette::ENTITY_RING_WIDTH_PX);
        ctx.stroke();
    }
    if node.selected || node.hovered {
        let (colour, width_px) = if node.selected {
            (colours.selected_stroke, palette::SELECTED_WIDTH_PX)
        } else {
            (colours.hovered_stroke, palette::HOVERED_WIDTH_PX)
        };
        set_stroke(ctx, colour);
        ctx.set_line_width(width_px);
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

/// Height of the caption band under an exported picture (CSS px).
pub const CAPTION_BAND_PX: f64 = 24.0;

/// Draws an exported picture on `ctx` (a canvas of (`viewport` + caption band) × `scale` device
/// px): the frame, then the caption (the source note) in a band under it, so the picture says
/// where its numbers come from wherever it is reused. Always in the light palette: exported
/// pictures go into articles, whatever scheme the page shows.
pub fn draw_picture(ctx: &CanvasRenderingContext2d, list: &DrawList, viewport: Vec2, scale: f64, caption: &str) {
    let colours = &Palette::LIGHT;
    let height = viewport.y + CAPTION_BAND_PX;
    draw(ctx, viewport.x * scale, height * scale, scale, list, colours);
    ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).ok();
    set_fill(ctx, colours.background);
    ctx.fill_rect(0.0, viewport.y, viewport.x, CAPTION_BAND_PX);
    set_stroke(ctx, colours.axis_line);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    ctx.move_to(0.0, viewport.y + 0.5);
    ctx.line_to(viewport.x, viewport.y + 0.5);
    ctx.stroke();
    set_fill(ctx, colours.axis_text);
    ctx.set_font(&palette::TEXT_FONT.css());
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    ctx.fill_text(caption, 8.0, viewport.y + CAPTION_BAND_PX / 2.0).ok();
}
