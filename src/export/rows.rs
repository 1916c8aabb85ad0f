//! The graph as sorted node and edge rows with their attributes, shared by GraphML and GEXF.

use super::taint::Taints;
use crate::chain::{Chain, Sats};
use crate::flow::{EdgeKind, FlowGraph, FlowNode, NodeId, NodeKey};
use crate::format::iso_utc;
use crate::labels::LabelBook;
use crate::layout::Vec2;
use crate::scene::{node_label, NodePositions};
use crate::trace::TraceResult;

/// One node and what the exports say about it.
#[derive(Debug)]
pub(crate) struct NodeRow {
    /// Sort key: transactions by txid, then addresses.
    key: NodeKey,
    /// `tx:<txid>` or `addr:<address>`.
    pub(crate) id: String,
    /// `tx` or `address`.
    pub(crate) kind: &'static str,
    /// The entity's name for a labelled address, the short txid or address otherwise.
    pub(crate) label: String,
    /// The first label's entity and category.
    pub(crate) entity: Option<(String, &'static str)>,
    pub(crate) block_height: Option<u32>,
    /// ISO 8601 UTC block time.
    pub(crate) time_utc: Option<String>,
    /// `None` when no trace is shown.
    pub(crate) taint_sats: Option<Sats>,
    /// Layout position (world space, y down).
    pub(crate) position: Option<Vec2>,
}

/// One (merged) edge.
#[derive(Debug)]
pub(crate) struct EdgeRow {
    sort_key: (NodeKey, NodeKey),
    pub(crate) source: String,
    pub(crate) target: String,
    /// `input` (address → tx) or `output` (tx → address).
    pub(crate) kind: &'static str,
    pub(crate) value_sats: Sats,
    /// How many inputs or outputs the edge merges.
    pub(crate) parts: u32,
    /// `None` when no trace is shown.
    pub(crate) taint_sats: Option<Sats>,
}

/// Nodes sorted by key (txids, then addresses) and edges sorted by their ends' keys.
pub(crate) fn rows(
    graph: &FlowGraph,
    taint: Option<&TraceResult>,
    labels: &LabelBook,
    positions: Option<&dyn NodePositions>,
) -> (Vec<NodeRow>, Vec<EdgeRow>) {
    let taints = taint.map(|result| Taints::new(graph, result));
    let mut nodes: Vec<NodeRow> = graph
        .nodes()
        .map(|(id, node)| node_row(graph.chain(), id, node, taints.as_ref(), labels, positions))
        .collect();
    nodes.sort_by(|a, b| a.key.cmp(&b.key));
    let mut edges: Vec<EdgeRow> = graph
        .edges()
        .filter_map(|(from, to, edge)| {
            let (from_key, to_key) = (graph.key_of(from)?, graph.key_of(to)?);
            Some(EdgeRow {
                source: node_id(&from_key),
                target: node_id(&to_key),
                sort_key: (from_key, to_key),
                kind: match edge.kind {
                    EdgeKind::Input => "input",
                    EdgeKind::Output => "output",
                },
                value_sats: edge.value_sats,
                parts: edge.parts,
                taint_sats: taints.as_ref().map(|t| t.edge(from, to)),
            })
        })
        .collect();
    edges.sort_by(|a, b| a.sort_key.cmp(&b.sort_key));
    (nodes, edges)
}

fn node_row(
    chain: Chain,
    id: NodeId,
    node: &FlowNode,
    taints: Option<&Taints>,
    labels: &LabelBook,
    positions: Option<&dyn NodePositions>,
) -> NodeRow {
    let key = node.key();
    let (kind, entity, block_height, time_utc) = match node {
        FlowNode::Tx(tx) => ("tx", None, tx.status.height(), tx.status.time_secs().map(iso_utc)),
        FlowNode::Address(address) => {
            let entity = labels
                .labels_of(chain, &address.address)
                .first()
                .map(|label| (label.entity.clone(), label.category.code()));
            ("address", entity, None, None)
        }
        FlowNode::Group(_) => ("group", None, None, None),
        FlowNode::Transfer(transfer) => (
            "transfer",
            None,
            transfer.status.height(),
            transfer.status.time_secs().map(iso_utc),
        ),
    };
    NodeRow {
        id: node_id(&key),
        key,
        kind,
        label: entity
            .as_ref()
            .map_or_else(|| node_label(node, crate::i18n::Lang::En), |(name, _)| name.clone()),
        entity,
        block_height,
        time_utc,
        taint_sats: taints.map(|t| t.node(id)),
        position: positions
            .and_then(|p| p.position(id))
            .filter(|p| p.x.is_finite() && p.y.is_finite()),
    }
}

/// The id both formats give a node: `tx:<txid>` or `addr:<address>`.
fn node_id(key: &NodeKey) -> String {
    match key {
        NodeKey::Tx(txid) => format!("tx:{txid}"),
        NodeKey::Address(address) => format!("addr:{address}"),
        NodeKey::Group(group) => group.id_text(),
        NodeKey::Transfer(from, to) => format!("flow:{}>{}", from.id_text(), to.id_text()),
    }
}
