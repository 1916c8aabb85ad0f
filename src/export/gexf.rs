//! The graph as GEXF 1.3, Gephi's own format: typed attributes, exact satoshi values, edge
//! weights in BTC and `viz:position`s from the layout.

use super::fields::{coordinate, iso_date};
use super::rows::{rows, EdgeRow, NodeRow};
use super::xml::XmlWriter;
use super::ExportMeta;
use crate::flow::FlowGraph;
use crate::labels::LabelBook;
use crate::scene::NodePositions;
use crate::trace::TraceResult;

/// `(id, type)` of the node attributes (the id is also the title).
const NODE_ATTRIBUTES: [(&str, &str); 6] = [
    ("kind", "string"),
    ("entity", "string"),
    ("category", "string"),
    ("block_height", "integer"),
    ("time", "string"),
    ("taint_sats", "long"),
];

/// `(id, type)` of the edge attributes.
const EDGE_ATTRIBUTES: [(&str, &str); 5] = [
    ("kind", "string"),
    ("value_sats", "long"),
    ("value_btc", "string"),
    ("parts", "integer"),
    ("taint_sats", "long"),
];

/// GEXF 1.3 of `graph`, with the same node ids, sorting and attributes as
/// [`graphml`](fn@super::graphml). `<meta>` names Spoor as the creator, the title, source note and target as
/// the description and, when known, the generation date. An edge's `weight` is its value in BTC
/// (written from the integer satoshis; a double only for Gephi's drawing), its exact value the
/// `value_sats` attribute. Positions have y pointing up, as Gephi draws them.
///
/// ```
/// use spoor::export::{gexf, ExportMeta};
/// use spoor::flow::FlowGraph;
/// use spoor::labels::LabelBook;
/// let meta = ExportMeta {
///     api_base_url: "https://mempool.space/api".into(),
///     pinned_height: None,
///     method: None,
///     target: "btc/tx/…".into(),
///     spoor_version: "0.1.0".into(),
///     title: "Empty".into(),
///     generated_at_secs: Some(1_700_000_000),
/// };
/// let xml = gexf(&FlowGraph::new(), None, &LabelBook::new(), None, &meta);
/// assert!(xml.contains("<meta lastmodifieddate=\"2023-11-14\">"));
/// assert!(xml.contains("<creator>Spoor 0.1.0</creator>"));
/// ```
#[must_use]
pub fn gexf(
    graph: &FlowGraph,
    taint: Option<&TraceResult>,
    labels: &LabelBook,
    positions: Option<&dyn NodePositions>,
    meta: &ExportMeta,
) -> String {
    let (nodes, edges) = rows(graph, taint, labels, positions);
    let mut xml = XmlWriter::new();
    xml.open(
        "gexf",
        &[
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"),
            ("version", "1.3"),
        ],
    );
    let date = meta.generated_at_secs.map(iso_date);
    match &date {
        Some(date) => xml.open("meta", &[("lastmodifieddate", date)]),
        None => xml.open("meta", &[]),
    }
    xml.leaf("creator", &[], &format!("Spoor {}", meta.spoor_version));
    xml.leaf("description", &[], &format!("{}: {}", meta.title, meta.caption()));
    xml.close("meta");

    xml.open("graph", &[("defaultedgetype", "directed"), ("mode", "static")]);
    write_attributes(&mut xml, "node", &NODE_ATTRIBUTES);
    write_attributes(&mut xml, "edge", &EDGE_ATTRIBUTES);
    xml.open("nodes", &[]);
    for node in &nodes {
        write_node(&mut xml, node);
    }
    xml.close("nodes");
    xml.open("edges", &[]);
    for (i, edge) in edges.iter().enumerate() {
        write_edge(&mut xml, &format!("e{i}"), edge);
    }
    xml.close("edges");
    xml.close("graph");
    xml.close("gexf");
    xml.finish()
}

fn write_attributes(xml: &mut XmlWriter, class: &str, attributes: &[(&str, &str)]) {
    xml.open("attributes", &[("class", class)]);
    for (id, kind) in attributes {
        xml.empty("attribute", &[("id", id), ("title", id), ("type", kind)]);
    }
    xml.close("attributes");
}

fn write_values(xml: &mut XmlWriter, values: &[(&str, Option<&str>)]) {
    xml.open("attvalues", &[]);
    for (id, value) in values {
        if let Some(value) = value {
            xml.empty("attvalue", &[("for", id), ("value", value)]);
        }
    }
    xml.close("attvalues");
}

fn write_node(xml: &mut XmlWriter, node: &NodeRow) {
    let block_height = node.block_height.map(|h| h.to_string());
    let taint_sats = node.taint_sats.map(|t| t.to_u64().to_string());
    xml.open("node", &[("id", &node.id), ("label", &node.label)]);
    write_values(
        xml,
        &[
            ("kind", Some(node.kind)),
            ("entity", node.entity.as_ref().map(|(name, _)| name.as_str())),
            ("category", node.entity.as_ref().map(|(_, category)| *category)),
            ("block_height", block_height.as_deref()),
            ("time", node.time_utc.as_deref()),
            ("taint_sats", taint_sats.as_deref()),
        ],
    );
    if let Some(position) = node.position {
        xml.empty(
            "viz:position",
            &[
                ("x", &coordinate(position.x)),
                ("y", &coordinate(-position.y)),
                ("z", "0"),
            ],
        );
    }
    xml.close("node");
}

fn write_edge(xml: &mut XmlWriter, id: &str, edge: &EdgeRow) {
    let value_sats = edge.value_sats.to_u64().to_string();
    let value_btc = edge.value_sats.to_coin_string();
    let parts = edge.parts.to_string();
    let taint_sats = edge.taint_sats.map(|t| t.to_u64().to_string());
    xml.open(
        "edge",
        &[
            ("id", id),
            ("source", &edge.source),
            ("target", &edge.target),
            ("weight", &value_btc),
        ],
    );
    write_values(
        xml,
        &[
            ("kind", Some(edge.kind)),
            ("value_sats", Some(&value_sats)),
            ("value_btc", Some(&value_btc)),
            ("parts", Some(&parts)),
            ("taint_sats", taint_sats.as_deref()),
        ],
    );
    xml.close("edge");
}
