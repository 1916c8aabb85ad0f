//! The picture as a standalone SVG: the same draw list the canvas executes, with the canvas's
//! colours, shapes and dash patterns (`crate::palette`), and a footer naming the data source.
//!
//! Geometry mirrors `web::canvas2d` (label offsets, ring gaps, badge shapes). The box-selection
//! marquee is left out: it is a gesture in progress, not part of the view.

use std::fmt::Write as _;

use super::fields::coordinate as num;
use super::xml::XmlWriter;
use super::ExportMeta;
use crate::layout::Vec2;
use crate::palette::{self, Font, Rgba};
use crate::scene::{AxisDraw, DrawList, EdgeDraw, FoldDraw, LabelDraw, NodeDraw, NodeRole, PeelDraw};

/// Height of the footer band below the view that holds the source note.
const FOOTER_PX: f64 = 24.0;
/// Space left and right of the footer's text.
const FOOTER_MARGIN_PX: f64 = 8.0;
/// Width of one character of 11 px text (generous), for fitting the footer.
const TEXT_CHAR_PX: f64 = 6.5;
/// Where axis labels start (CSS px from the top), as on the canvas.
const AXIS_LABEL_TOP_PX: f64 = 46.0;

/// An SVG document of the view (`viewport_px` wide and high, plus a footer band with the source
/// note), with a `<title>` and `<desc>` for screen readers. Every node is one element of class
/// `node`; edges of one style share one `<path>`, as on the canvas.
///
/// ```
/// use spoor::export::{svg, ExportMeta};
/// use spoor::layout::Vec2;
/// use spoor::scene::DrawList;
/// let meta = ExportMeta {
///     api_base_url: "https://mempool.space/api".into(),
///     pinned_height: None,
///     method: None,
///     target: "btc/tx/…".into(),
///     spoor_version: "0.1.0".into(),
///     title: "Empty".into(),
///     generated_at_secs: None,
/// };
/// let picture = svg(&DrawList::default(), Vec2::new(800.0, 600.0), &meta);
/// assert!(picture.contains("viewBox=\"0 0 800 624\""));
/// assert!(picture.contains("not pinned"));
/// ```
#[must_use]
pub fn svg(list: &DrawList, viewport_px: Vec2, meta: &ExportMeta) -> String {
    let width = sanitize_size(viewport_px.x);
    let height = sanitize_size(viewport_px.y);
    let total_height = height + FOOTER_PX;
    let mut xml = XmlWriter::new();
    xml.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", &num(width)),
            ("height", &num(total_height)),
            ("viewBox", &format!("0 0 {} {}", num(width), num(total_height))),
            ("font-family", palette::FONT_FAMILY),
            ("role", "img"),
            ("aria-labelledby", "spoor-title spoor-desc"),
        ],
    );
    xml.leaf("title", &[("id", "spoor-title")], &meta.title);
    xml.leaf("desc", &[("id", "spoor-desc")], &meta.caption());
    xml.open("defs", &[]);
    xml.open("clipPath", &[("id", "spoor-view")]);
    xml.empty("rect", &[("width", &num(width)), ("height", &num(height))]);
    xml.close("clipPath");
    xml.close("defs");
    xml.empty(
        "rect",
        &[
            ("width", &num(width)),
            ("height", &num(total_height)),
            ("fill", &palette::BACKGROUND.hex()),
        ],
    );

    xml.open("g", &[("clip-path", "url(#spoor-view)")]);
    write_axis(&mut xml, &list.axis, height);
    write_edges(&mut xml, &list.edges);
    write_peels(&mut xml, &list.peels);
    write_nodes(&mut xml, &list.nodes);
    write_labels(&mut xml, &list.labels);
    write_folds(&mut xml, &list.folds);
    xml.close("g");

    write_footer(&mut xml, meta, width, height);
    xml.close("svg");
    xml.finish()
}

/// The caption in the band below the view: with the target when it fits, else the source note
/// alone, squeezed to the width if even that is too long (a long explorer URL).
fn write_footer(xml: &mut XmlWriter, meta: &ExportMeta, width: f64, height: f64) {
    let available_px = (width - 2.0 * FOOTER_MARGIN_PX).max(1.0);
    let estimated_px = |text: &str| {
        #[allow(clippy::cast_precision_loss)] // a rough text width
        let chars = text.chars().count() as f64;
        chars * TEXT_CHAR_PX
    };
    let caption = meta.caption();
    let text = if estimated_px(&caption) <= available_px {
        caption
    } else {
        meta.source_note()
    };
    let mut attributes = vec![
        ("class", "source-note".to_string()),
        ("x", num(FOOTER_MARGIN_PX)),
        ("y", num(height + 16.0)),
    ];
    if estimated_px(&text) > available_px {
        attributes.push(("textLength", num(available_px)));
        attributes.push(("lengthAdjust", "spacingAndGlyphs".to_string()));
    }
    attributes.extend(font_attributes(palette::TEXT_FONT));
    attributes.extend(fill(palette::AXIS_TEXT));
    leaf(xml, "text", &attributes, &text);
}

/// A finite size of at least one pixel.
fn sanitize_size(px: f64) -> f64 {
    if px.is_finite() {
        px.clamp(1.0, 1.0e6)
    } else {
        1.0
    }
}

type Attributes = Vec<(&'static str, String)>;

fn as_refs(attributes: &Attributes) -> Vec<(&str, &str)> {
    attributes.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn empty(xml: &mut XmlWriter, name: &str, attributes: &Attributes) {
    xml.empty(name, &as_refs(attributes));
}

fn leaf(xml: &mut XmlWriter, name: &str, attributes: &Attributes, text: &str) {
    xml.leaf(name, &as_refs(attributes), text);
}

fn fill(colour: Rgba) -> Attributes {
    let mut attributes = vec![("fill", colour.hex())];
    if colour.alpha < 1.0 {
        attributes.push(("fill-opacity", format!("{:.3}", colour.alpha)));
    }
    attributes
}

fn stroke(colour: Rgba, width_px: f64) -> Attributes {
    let mut attributes = vec![("stroke", colour.hex()), ("stroke-width", num(width_px))];
    if colour.alpha < 1.0 {
        attributes.push(("stroke-opacity", format!("{:.3}", colour.alpha.max(0.0))));
    }
    attributes
}

fn dash(pattern: &[f64]) -> Attributes {
    let values: Vec<String> = pattern.iter().map(|v| num(*v)).collect();
    vec![("stroke-dasharray", values.join(" "))]
}

fn font_attributes(font: Font) -> Attributes {
    let mut attributes = vec![("font-size", font.size_px.to_string())];
    if font.bold {
        attributes.push(("font-weight", "bold".to_string()));
    }
    attributes
}

fn line_path(segments: impl Iterator<Item = (Vec2, Vec2)>) -> String {
    let mut d = String::new();
    for (from, to) in segments {
        if !d.is_empty() {
            d.push(' ');
        }
        let _ = write!(d, "M{} {}L{} {}", num(from.x), num(from.y), num(to.x), num(to.y));
    }
    d
}

/// Faint full-height lines on whole pixels, labels along the top.
fn write_axis(xml: &mut XmlWriter, axis: &[AxisDraw], height: f64) {
    if axis.is_empty() {
        return;
    }
    xml.open("g", &[("class", "axis")]);
    let d = line_path(axis.iter().map(|tick| {
        let x = tick.x_px.round() + 0.5;
        (Vec2::new(x, 0.0), Vec2::new(x, height))
    }));
    let mut attributes = vec![("d", d), ("fill", "none".to_string())];
    attributes.extend(stroke(palette::AXIS_LINE, 1.0));
    empty(xml, "path", &attributes);
    for tick in axis {
        let mut attributes = vec![
            ("x", num(tick.x_px + 4.0)),
            ("y", num(AXIS_LABEL_TOP_PX)),
            ("dominant-baseline", "hanging".to_string()),
        ];
        attributes.extend(font_attributes(palette::TEXT_FONT));
        attributes.extend(fill(palette::AXIS_TEXT));
        leaf(xml, "text", &attributes, &tick.label);
    }
    xml.close("g");
}

/// One path per run of edges with the same style (the list comes sorted by style); wide edges
/// get round caps, hairlines butt caps, change outputs a dash.
fn write_edges(xml: &mut XmlWriter, edges: &[EdgeDraw]) {
    if edges.is_empty() {
        return;
    }
    xml.open("g", &[("class", "edges"), ("fill", "none")]);
    let mut rest = edges;
    while let Some(first) = rest.first() {
        let key = first.style_key();
        let run = rest.iter().take_while(|e| e.style_key() == key).count().max(1);
        let (batch, after) = rest.split_at(run.min(rest.len()));
        let mut attributes = vec![("d", line_path(batch.iter().map(|e| (e.from_px, e.to_px))))];
        attributes.extend(stroke(palette::edge_stroke(first.colour), first.width_px));
        let cap = if first.width_px > 1.0 { "round" } else { "butt" };
        attributes.push(("stroke-linecap", cap.to_string()));
        if first.change {
            attributes.extend(dash(&palette::CHANGE_DASH_PX));
        }
        empty(xml, "path", &attributes);
        rest = after;
    }
    xml.close("g");
}

/// Collapsed peel chains: one dashed violet step with its summary beside the middle.
fn write_peels(xml: &mut XmlWriter, peels: &[PeelDraw]) {
    if peels.is_empty() {
        return;
    }
    xml.open("g", &[("class", "peels")]);
    for peel in peels {
        let mut attributes = vec![
            ("d", line_path(std::iter::once((peel.from_px, peel.to_px)))),
            ("fill", "none".to_string()),
        ];
        attributes.extend(stroke(palette::PEEL_STROKE, palette::PEEL_WIDTH_PX));
        attributes.extend(dash(&palette::PEEL_DASH_PX));
        empty(xml, "path", &attributes);
        let mid = Vec2::new(
            f64::midpoint(peel.from_px.x, peel.to_px.x),
            f64::midpoint(peel.from_px.y, peel.to_px.y),
        );
        let mut attributes = vec![("x", num(mid.x + 6.0)), ("y", num(mid.y - 6.0))];
        attributes.extend(font_attributes(palette::TEXT_FONT));
        attributes.extend(fill(palette::PEEL_TEXT));
        leaf(xml, "text", &attributes, &peel.label);
    }
    xml.close("g");
}

/// Each node is one shape of class `node` (a square for transactions, a circle for addresses, a
/// small square at far detail), followed by its CoinJoin frame, entity ring and selection stroke.
fn write_nodes(xml: &mut XmlWriter, nodes: &[NodeDraw]) {
    if nodes.is_empty() {
        return;
    }
    xml.open("g", &[("class", "nodes")]);
    for node in nodes {
        write_node(xml, node);
    }
    xml.close("g");
}

fn write_node(xml: &mut XmlWriter, node: &NodeDraw) {
    let (x, y, r) = (node.center_px.x, node.center_px.y, node.radius_px.max(0.0));
    let mut shape = vec![("class", "node".to_string())];
    shape.extend(fill(palette::node_fill(node.role, node.focus)));
    if node.dot {
        // Far detail: a square whose side is the radius, as the canvas's pixel squares.
        let side = r.round().max(1.0);
        shape.extend(square(x, y, side / 2.0));
        empty(xml, "rect", &shape);
        return;
    }
    let (element, geometry) = shape_of(node.role, x, y, r);
    shape.extend(geometry.iter().cloned());
    empty(xml, element, &shape);
    if node.role == NodeRole::Group {
        let mut ring = vec![("class", "group-ring".to_string()), ("fill", "none".to_string())];
        ring.extend(circle(x, y, r * 0.6));
        ring.extend(stroke(palette::BACKGROUND, 1.5));
        empty(xml, "circle", &ring);
    }
    let gap = palette::RING_GAP_PX;
    if node.coinjoin {
        let mut frame = vec![("class", "coinjoin".to_string()), ("fill", "none".to_string())];
        frame.extend(square(x, y, r + gap));
        frame.extend(stroke(palette::COINJOIN_FRAME, palette::COINJOIN_FRAME_WIDTH_PX));
        empty(xml, "rect", &frame);
    }
    if node.entity.is_some() {
        let mut ring = vec![("class", "entity".to_string()), ("fill", "none".to_string())];
        ring.extend(circle(x, y, r + gap));
        ring.extend(stroke(palette::ENTITY_RING, palette::ENTITY_RING_WIDTH_PX));
        empty(xml, "circle", &ring);
    }
    if node.selected || node.hovered {
        // The canvas strokes the last path: the entity ring if there is one, else the shape.
        let (colour, width_px, class) = if node.selected {
            (palette::SELECTED_STROKE, palette::SELECTED_WIDTH_PX, "selected")
        } else {
            (palette::HOVERED_STROKE, palette::HOVERED_WIDTH_PX, "hovered")
        };
        let mut outline = vec![("class", class.to_string()), ("fill", "none".to_string())];
        outline.extend(stroke(colour, width_px));
        if node.entity.is_some() {
            outline.extend(circle(x, y, r + gap));
            empty(xml, "circle", &outline);
        } else {
            outline.extend(geometry);
            empty(xml, element, &outline);
        }
    }
}

/// The element and geometry of a node's shape: a square (transaction), a diamond (an
/// aggregated flow's handle) or a circle (address, group).
fn shape_of(role: NodeRole, x: f64, y: f64, r: f64) -> (&'static str, Attributes) {
    match role {
        NodeRole::Tx | NodeRole::TxWarning => ("rect", square(x, y, r)),
        NodeRole::Transfer => {
            let d = r * std::f64::consts::SQRT_2;
            let points = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
                .iter()
                .map(|(px, py)| format!("{},{}", num(*px), num(*py)))
                .collect::<Vec<_>>()
                .join(" ");
            ("polygon", vec![("points", points)])
        }
        NodeRole::Address | NodeRole::AddressLoaded | NodeRole::Group => ("circle", circle(x, y, r)),
    }
}

fn square(x: f64, y: f64, half_side: f64) -> Attributes {
    vec![
        ("x", num(x - half_side)),
        ("y", num(y - half_side)),
        ("width", num(2.0 * half_side)),
        ("height", num(2.0 * half_side)),
    ]
}

fn circle(x: f64, y: f64, r: f64) -> Attributes {
    vec![("cx", num(x)), ("cy", num(y)), ("r", num(r))]
}

fn write_labels(xml: &mut XmlWriter, labels: &[LabelDraw]) {
    if labels.is_empty() {
        return;
    }
    xml.open("g", &[("class", "labels")]);
    for label in labels {
        let font = if label.strong {
            palette::STRONG_TEXT_FONT
        } else {
            palette::TEXT_FONT
        };
        let mut attributes = vec![("x", num(label.pos_px.x)), ("y", num(label.pos_px.y))];
        attributes.extend(font_attributes(font));
        attributes.extend(fill(palette::LABEL_TEXT));
        leaf(xml, "text", &attributes, &label.text);
    }
    xml.close("g");
}

/// "+N more" badges: a dashed line from the hub to a white pill with the count.
fn write_folds(xml: &mut XmlWriter, folds: &[FoldDraw]) {
    if folds.is_empty() {
        return;
    }
    xml.open("g", &[("class", "folds")]);
    let mut line = vec![
        ("d", line_path(folds.iter().map(|f| (f.hub_px, f.center_px)))),
        ("fill", "none".to_string()),
    ];
    line.extend(stroke(palette::FOLD_LINE, palette::FOLD_LINE_WIDTH_PX));
    line.extend(dash(&palette::FOLD_DASH_PX));
    empty(xml, "path", &line);
    for fold in folds {
        let half = fold.half_size_px();
        let mut pill = vec![
            ("x", num(fold.center_px.x - half.x)),
            ("y", num(fold.center_px.y - half.y)),
            ("width", num(2.0 * half.x)),
            ("height", num(2.0 * half.y)),
            ("rx", num(half.y)),
        ];
        pill.extend(fill(palette::BADGE_FILL));
        pill.extend(stroke(palette::BADGE_STROKE, palette::FOLD_LINE_WIDTH_PX));
        empty(xml, "rect", &pill);
        let mut text = vec![
            ("x", num(fold.center_px.x)),
            ("y", num(fold.center_px.y + 0.5)),
            ("text-anchor", "middle".to_string()),
            ("dominant-baseline", "central".to_string()),
        ];
        text.extend(font_attributes(palette::BADGE_FONT));
        text.extend(fill(palette::LABEL_TEXT));
        leaf(xml, "text", &text, &fold.label);
    }
    xml.close("g");
}
