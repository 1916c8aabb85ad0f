//! The picture as a standalone SVG: the same draw list the canvas executes, with the canvas's
//! colours (always the light [`Palette`]: exports go into articles), shapes and dash patterns
//! (`crate::palette`), and a footer naming the data source.
//!
//! Geometry mirrors `web::canvas2d` (label offsets, ring gaps, badge shapes). The box-selection
//! marquee is left out: it is a gesture in progress, not part of the view.

use std::fmt::Write as _;

use super::fields::coordinate as num;
use super::xml::XmlWriter;
use super::ExportMeta;
use crate::layout::Vec2;
use crate::palette::{self, Font, Palette, Rgba};
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
    let colours = &Palette::LIGHT;
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
            ("fill", &colours.background.hex()),
        ],
    );

    xml.open("g", &[("clip-path", "url(#spoor-view)")]);
    write_axis(&mut xml, colours, &list.axis, height);
    write_edges(&mut xml, colours, &list.edges);
    write_peels(&mut xml, colours, &list.peels);
    write_nodes(&mut xml, colours, &list.nodes);
    write_labels(&mut xml, colours, &list.labels);
    write_folds(&mut xml, colours, &list.folds);
    xml.close("g");

    write_footer(&mut xml, colours, meta, width, height);
    xml.close("svg");
    xml.finish()
}

/// The caption in the band below the view: with the target when it fits, else the source note
/// alone, squeezed to the width if even that is too long (a long explorer URL).
fn write_footer(xml: &mut XmlWriter, colours: &Palette, meta: &ExportMeta, width: f64, height: f64) {
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
    attributes.extend(fill(colours.axis_text));
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
fn write_axis(xml: &mut XmlWriter, colours: &Palette, axis: &[AxisDraw], height: f64) {
    if axis.is_empty() {
        return;
    }
    xml.open("g", &[("class", "axis")]);
    let d = line_path(axis.iter().map(|tick| {
        let x = tick.x_px.round() + 0.5;
        (Vec2::new(x, 0.0), Vec2::new(x, height))
    }));
    let mut attributes = vec![("d", d), ("fill", "none".to_string())];
    attributes.extend(stroke(colours.axis_line, 1.0));
    empty(xml, "path", &attributes);
    for tick in axis {
        let mut attributes = vec![
            ("x", num(tick.x_px + 4.0)),
            ("y", num(AXIS_LABEL_TOP_PX)),
            ("dominant-baseline", "hanging".to_string()),
        ];
        attributes.extend(font_attributes(palette::TEXT_FONT));
        attributes.extend(fill(colours.axis_text));
        leaf(xml, "text", &attributes, &tick.label);
    }
    xml.close("g");
}

/// One path per run of edges with the same style (the list comes sorted by style); wide edges
/// get round caps, hairlines butt caps, change outputs a dash.
fn write_edges(xml: &mut XmlWriter, colours: &Palette, edges: &[EdgeDraw]) {
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
        attributes.extend(stroke(colours.edge_stroke(first.colour), first.width_px));
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
fn write_peels(xml: &mut XmlWriter, colours: &Palette, peels: &[PeelDraw]) {
    if peels.is_empty() {
        return;
    }
    xml.open("g", &[("class", "peels")]);
    for peel in peels {
        let mut attributes = vec![
            ("d", line_path(std::iter::once((peel.from_px, peel.to_px)))),
            ("fill", "none".to_string()),
        ];
        attributes.extend(stroke(colours.peel_stroke, palette::PEEL_WIDTH_PX));
        attributes.extend(dash(&palette::PEEL_DASH_PX));
        empty(xml, "path", &attributes);
        let mid = Vec2::new(
            f64::midpoint(peel.from_px.x, peel.to_px.x),
            f64::midpoint(peel.from_px.y, peel.to_px.y),
        );
        let mut attributes = vec![("x", num(mid.x + 6.0)), ("y", num(mid.y - 6.0))];
        attributes.extend(font_attributes(palette::TEXT_FONT));
        attributes.extend(fill(colours.peel_text));
        leaf(xml, "text", &attributes, &peel.label);
    }
    xml.close("g");
}

/// Each node is one shape of class `node` (a square for transactions, a circle for addresses, a
/// small square at far detail), followed by its CoinJoin frame, entity ring and selection stroke.
fn write_nodes(xml: &mut XmlWriter, colours: &Palette, nodes: &[NodeDraw]) {
    if nodes.is_empty() {
        return;
    }
    xml.open("g", &[("class", "nodes")]);
    for node in nodes {
        write_node(xml, colours, node);
    }
    xml.close("g");
}

fn write_node(xml: &mut XmlWriter, colours: &Palette, node: &NodeDraw) {
    let (x, y, r) = (node.center_px.x, node.center_px.y, node.radius_px.max(0.0));
    let look = colours.node(node.role, node.focus);
    let mut shape = vec![("class", "node".to_string())];
    shape.extend(fill(look.fill));
    if node.dot {
        // Far detail: a square whose side is the radius, as the canvas's pixel squares.
        let side = r.round().max(1.0);
        shape.extend(square(x, y, side / 2.0));
        empty(xml, "rect", &shape);
        return;
    }
    if let Some(outline) = look.outline {
        shape.extend(stroke(outline, palette::NODE_OUTLINE_WIDTH_PX));
    }
    let (element, geometry) = shape_of(node.role, x, y, r);
    shape.extend(geometry.iter().cloned());
    empty(xml, element, &shape);
    if node.role == NodeRole::Group {
        let mut ring = vec![("class", "group-ring".to_string()), ("fill", "none".to_string())];
        ring.extend(circle(x, y, r * 0.6));
        ring.extend(stroke(colours.background, 1.5));
        empty(xml, "circle", &ring);
    }
    let gap = palette::RING_GAP_PX;
    if node.coinjoin {
        let mut frame = vec![("class", "coinjoin".to_string()), ("fill", "none".to_string())];
        frame.extend(square(x, y, r + gap));
        frame.extend(stroke(colours.coinjoin_frame, palette::COINJOIN_FRAME_WIDTH_PX));
        empty(xml, "rect", &frame);
    }
    if node.entity.is_some() {
        let mut ring = vec![("class", "entity".to_string()), ("fill", "none".to_string())];
        ring.extend(circle(x, y, r + gap));
        ring.extend(stroke(colours.entity_ring, palette::ENTITY_RING_WIDTH_PX));
        empty(xml, "circle", &ring);
    }
    if node.selected || node.hovered {
        // The canvas strokes the last path: the entity ring if there is one, else the shape.
        let (colour, width_px, class) = if node.selected {
            (colours.selected_stroke, palette::SELECTED_WIDTH_PX, "selected")
        } else {
            (colours.hovered_stroke, palette::HOVERED_WIDTH_PX, "hovered")
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

fn write_labels(xml: &mut XmlWriter, colours: &Palette, labels: &[LabelDraw]) {
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
        attributes.extend(fill(colours.label_text));
        leaf(xml, "text", &attributes, &label.text);
    }
    xml.close("g");
}

/// "+N more" badges: a dashed line from the hub to a pill with the count.
fn write_folds(xml: &mut XmlWriter, colours: &Palette, folds: &[FoldDraw]) {
    if folds.is_empty() {
        return;
    }
    xml.open("g", &[("class", "folds")]);
    let mut line = vec![
        ("d", line_path(folds.iter().map(|f| (f.hub_px, f.center_px)))),
        ("fill", "none".to_string()),
    ];
    line.extend(stroke(colours.fold_line, palette::FOLD_LINE_WIDTH_PX));
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
        pill.extend(fill(colours.badge_fill));
        pill.extend(stroke(colours.badge_stroke, palette::FOLD_LINE_WIDTH_PX));
        empty(xml, "rect", &pill);
        let mut text = vec![
            ("x", num(fold.center_px.x)),
            ("y", num(fold.center_px.y + 0.5)),
            ("text-anchor", "middle".to_string()),
            ("dominant-baseline", "central".to_string()),
        ];
        text.extend(font_attributes(palette::BADGE_FONT));
        text.extend(fill(colours.label_text));
        leaf(xml, "text", &text, &fold.label);
    }
    xml.close("g");
}
