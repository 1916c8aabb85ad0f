//! The graph as GraphML (Gephi, yEd, Cytoscape, NetworkX): typed `<key>`s, the source as graph
//! data, one `<node>` per node and one `<edge>` per merged edge.

use super::fields::coordinate;
use super::rows::{rows, EdgeRow, NodeRow};
use super::xml::XmlWriter;
use super::ExportMeta;
use crate::flow::FlowGraph;
use crate::format::iso_utc;
use crate::labels::LabelBook;
use crate::scene::NodePositions;
use crate::trace::{TaintMethod, TraceResult};

/// `(id, for, attr.name, attr.type)` of every key, graph keys first.
const KEYS: [(&str, &str, &str, &str); 22] = [
    ("g_title", "graph", "title", "string"),
    ("g_data_source", "graph", "data_source", "string"),
    ("g_pinned_height", "graph", "pinned_height", "int"),
    ("g_method", "graph", "method", "string"),
    ("g_target", "graph", "target", "string"),
    ("g_spoor_version", "graph", "spoor_version", "string"),
    ("g_generated_utc", "graph", "generated_utc", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_label", "node", "label", "string"),
    ("n_entity", "node", "entity", "string"),
    ("n_category", "node", "category", "string"),
    ("n_block_height", "node", "block_height", "int"),
    ("n_time", "node", "time", "string"),
    ("n_taint_sats", "node", "taint_sats", "long"),
    ("n_x", "node", "x", "double"),
    ("n_y", "node", "y", "double"),
    ("e_kind", "edge", "kind", "string"),
    ("e_value_sats", "edge", "value_sats", "long"),
    ("e_value_btc", "edge", "value_btc", "string"),
    ("e_weight", "edge", "weight", "double"),
    ("e_parts", "edge", "parts", "int"),
    ("e_taint_sats", "edge", "taint_sats", "long"),
];

/// GraphML of `graph`: nodes `tx:<txid>` and `addr:<address>` sorted by key, directed edges
/// (address → tx for inputs, tx → address for outputs) sorted by their ends. Amounts are exact
/// `long` satoshis (`value_btc` is the exact coin string; `weight`, the same in BTC as a double, is
/// for drawing only). Positions are the layout's with y pointing up, as Gephi draws them.
///
/// ```
/// use spoor::export::{graphml, ExportMeta};
/// use spoor::flow::FlowGraph;
/// use spoor::labels::LabelBook;
/// let meta = ExportMeta {
///     api_base_url: "https://mempool.space/api".into(),
///     pinned_height: Some(541_379),
///     method: None,
///     target: "btc/tx/…".into(),
///     spoor_version: "0.1.0".into(),
///     title: "Empty".into(),
///     generated_at_secs: None,
/// };
/// let xml = graphml(&FlowGraph::new(), None, &LabelBook::new(), None, &meta);
/// assert!(xml.contains("<graph id=\"G\" edgedefault=\"directed\">"));
/// assert!(xml.contains("<data key=\"g_pinned_height\">541379</data>"));
/// ```
#[must_use]
pub fn graphml(
    graph: &FlowGraph,
    taint: Option<&TraceResult>,
    labels: &LabelBook,
    positions: Option<&dyn NodePositions>,
    meta: &ExportMeta,
) -> String {
    let (nodes, edges) = rows(graph, taint, labels, positions);
    let mut xml = XmlWriter::new();
    xml.open(
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    );
    for (id, domain, name, kind) in KEYS {
        xml.empty(
            "key",
            &[("id", id), ("for", domain), ("attr.name", name), ("attr.type", kind)],
        );
    }
    xml.open("graph", &[("id", "G"), ("edgedefault", "directed")]);
    xml.leaf("desc", &[], &meta.caption());
    let pinned_height = meta.pinned_height.map(|h| h.to_string());
    let generated_utc = meta.generated_at_secs.map(iso_utc);
    let graph_data = [
        ("g_title", Some(meta.title.as_str())),
        ("g_data_source", Some(meta.api_base_url.as_str())),
        ("g_pinned_height", pinned_height.as_deref()),
        ("g_method", meta.method.map(TaintMethod::code)),
        ("g_target", Some(meta.target.as_str())),
        ("g_spoor_version", Some(meta.spoor_version.as_str())),
        ("g_generated_utc", generated_utc.as_deref()),
    ];
    write_data(&mut xml, &graph_data);
    for node in &nodes {
        write_node(&mut xml, node);
    }
    for (i, edge) in edges.iter().enumerate() {
        write_edge(&mut xml, &format!("e{i}"), edge);
    }
    xml.close("graph");
    xml.close("graphml");
    xml.finish()
}

fn write_data(xml: &mut XmlWriter, data: &[(&str, Option<&str>)]) {
    for (key, value) in data {
        if let Some(value) = value {
            xml.leaf("data", &[("key", key)], value);
        }
    }
}

fn write_node(xml: &mut XmlWriter, node: &NodeRow) {
    let block_height = node.block_height.map(|h| h.to_string());
    let taint_sats = node.taint_sats.map(|t| t.to_u64().to_string());
    let x = node.position.map(|p| coordinate(p.x));
    let y = node.position.map(|p| coordinate(-p.y));
    xml.open("node", &[("id", &node.id)]);
    write_data(
        xml,
        &[
            ("n_kind", Some(node.kind)),
            ("n_label", Some(&node.label)),
            ("n_entity", node.entity.as_ref().map(|(name, _)| name.as_str())),
            ("n_category", node.entity.as_ref().map(|(_, category)| *category)),
            ("n_block_height", block_height.as_deref()),
            ("n_time", node.time_utc.as_deref()),
            ("n_taint_sats", taint_sats.as_deref()),
            ("n_x", x.as_deref()),
            ("n_y", y.as_deref()),
        ],
    );
    xml.close("node");
}

fn write_edge(xml: &mut XmlWriter, id: &str, edge: &EdgeRow) {
    let value_sats = edge.value_sats.to_u64().to_string();
    let value_btc = edge.value_sats.to_coin_string();
    let parts = edge.parts.to_string();
    let taint_sats = edge.taint_sats.map(|t| t.to_u64().to_string());
    xml.open(
        "edge",
        &[("id", id), ("source", &edge.source), ("target", &edge.target)],
    );
    write_data(
        xml,
        &[
            ("e_kind", Some(edge.kind)),
            ("e_value_sats", Some(&value_sats)),
            ("e_value_btc", Some(&value_btc)),
            ("e_weight", Some(&value_btc)),
            ("e_parts", Some(&parts)),
            ("e_taint_sats", taint_sats.as_deref()),
        ],
    );
    xml.close("edge");
}
