//! How each node and edge of the graph looks, worked out once per change of the graph, labels,
//! trace or marks, so that a frame (`scene::SceneStyle::frame`) only transforms and culls.
//!
//! At 50,000 nodes the per-item questions (which label? which taint share? hidden in a peel
//! chain?) cost far more than drawing a frame's geometry; they do not change while the layout
//! moves or the camera pans.

use std::collections::{BTreeMap, BTreeSet};

use crate::chain::{Sats, Txid};
use crate::flow::{Conservation, EdgeKind, FlowGraph, FlowNode, GroupKey, GroupNode, HistoryState, NodeId, Party};
use crate::hubs::Folds;
use crate::i18n::{self, Lang};
use crate::labels::{Category, LabelBook};
use crate::marks::GraphMarks;
use crate::trace::{Outpoint, TraceResult};

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeRole {
    /// An address whose history is not loaded yet.
    Address,
    /// An address whose history is loaded (fully or partly).
    AddressLoaded,
    /// A transaction.
    Tx,
    /// A transaction whose reply broke conservation (inputs ≠ outputs + fee).
    TxWarning,
    /// Addresses drawn as one (an entity or a common-input cluster).
    Group,
    /// The handle of an aggregated flow (address and entity views).
    Transfer,
}

impl NodeRole {
    pub const ALL: [NodeRole; 6] = [
        NodeRole::Address,
        NodeRole::AddressLoaded,
        NodeRole::Tx,
        NodeRole::TxWarning,
        NodeRole::Group,
        NodeRole::Transfer,
    ];
}

/// One node's look, independent of where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeStyle {
    pub id: NodeId,
    pub role: NodeRole,
    /// Radius at zoom 1, in screen px.
    pub base_radius_px: f64,
    /// The address's entity label (category and the name drawn on the canvas).
    pub entity: Option<(Category, String)>,
    /// The transaction has a CoinJoin shape.
    pub coinjoin: bool,
}

/// One edge's look, independent of where its ends are.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeStyle {
    pub from: NodeId,
    pub to: NodeId,
    pub kind: EdgeKind,
    /// Width at zoom 1, in screen px (grows with the value carried).
    pub base_width_px: f64,
    /// Tainted share of the value (0..=1), when a trace result is shown.
    pub taint_share: Option<f64>,
    /// The output is the transaction's likely change.
    pub change: bool,
}

/// A collapsed peel chain: one step from its first to its last transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct PeelStyle {
    pub head: NodeId,
    pub tail: NodeId,
    pub label: String,
}

/// A folded side of a hub: drawn as a "+N more" badge beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldStyle {
    pub hub: NodeId,
    /// The folded leaves are paid by the hub (badge on its right) or pay it (on its left).
    pub outward: bool,
    pub label: String,
}

/// The look of every drawn node and edge (nodes inside collapsed peel chains and folded hub
/// leaves are left out).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SceneStyle {
    pub nodes: Vec<NodeStyle>,
    pub edges: Vec<EdgeStyle>,
    pub peels: Vec<PeelStyle>,
    pub folds: Vec<FoldStyle>,
    /// Nodes not drawn (inside collapsed peel chains, folded leaves): never hit either.
    pub hidden: BTreeSet<NodeId>,
    /// The language of the canvas's words (node and badge labels).
    pub lang: Lang,
}

impl SceneStyle {
    /// Works out the look of `graph` with these labels, trace result and heuristic marks, with
    /// English words.
    #[must_use]
    pub fn new(
        graph: &FlowGraph,
        labels: &LabelBook,
        taint: Option<&TraceResult>,
        marks: &GraphMarks,
        expanded_peels: &BTreeSet<Txid>,
        folds: &Folds,
    ) -> SceneStyle {
        SceneStyle::new_in(graph, labels, taint, marks, expanded_peels, folds, Lang::En)
    }

    /// The same, with the canvas's words in `lang`.
    #[must_use]
    pub fn new_in(
        graph: &FlowGraph,
        labels: &LabelBook,
        taint: Option<&TraceResult>,
        marks: &GraphMarks,
        expanded_peels: &BTreeSet<Txid>,
        folds: &Folds,
        lang: Lang,
    ) -> SceneStyle {
        let mut hidden = marks.hidden(expanded_peels);
        let fold_styles = folds
            .hubs
            .iter()
            .filter(|fold| !hidden.contains(&fold.hub))
            .map(|fold| FoldStyle {
                hub: fold.hub,
                outward: fold.outward,
                label: fold.label(lang),
            })
            .collect();
        hidden.extend(folds.hidden.iter().copied());
        let mut shares = taint.map(|result| TaintShares::new(graph, result));
        let edges = graph
            .edges()
            .filter(|(from, to, _)| !hidden.contains(from) && !hidden.contains(to))
            .map(|(from, to, edge)| EdgeStyle {
                from,
                to,
                kind: edge.kind,
                base_width_px: edge_width_px(edge.value_sats.to_u64()),
                taint_share: shares.as_mut().map(|s| s.share(from, to, edge.kind, edge.value_sats)),
                change: marks.change_edges.contains(&(from, to)),
            })
            .collect();
        let nodes = graph
            .nodes()
            .filter(|(id, _)| !hidden.contains(id))
            .map(|(id, node)| {
                let (role, base_radius_px) = match node {
                    FlowNode::Tx(tx) if matches!(tx.conservation, Conservation::Broken { .. }) => {
                        (NodeRole::TxWarning, 5.0)
                    }
                    FlowNode::Tx(_) => (NodeRole::Tx, 5.0),
                    FlowNode::Address(a) if a.history != HistoryState::NotLoaded => (NodeRole::AddressLoaded, 8.0),
                    FlowNode::Address(_) => (NodeRole::Address, 7.0),
                    FlowNode::Group(group) => (NodeRole::Group, group_radius_px(group.members.len())),
                    FlowNode::Transfer(_) => (NodeRole::Transfer, 4.0),
                };
                let entity = match node {
                    FlowNode::Address(a) => {
                        // The badge names the first tag and counts the others (all are listed
                        // in the side panel).
                        let tags = labels.labels_of_canonical(graph.chain(), &a.address);
                        tags.first().map(|first| {
                            let name = truncate_entity(&first.entity);
                            match tags.len() {
                                1 => (first.category, name),
                                n => (first.category, format!("{name} +{}", n - 1)),
                            }
                        })
                    }
                    // An entity group wears its entity's badge, with the category of its first tag.
                    FlowNode::Group(GroupNode {
                        key: GroupKey::Entity(entity),
                        members,
                    }) => members.first().map(|first| {
                        let category = labels
                            .labels_of_canonical(graph.chain(), first)
                            .first()
                            .map_or(Category::Other, |tag| tag.category);
                        (category, truncate_entity(entity))
                    }),
                    FlowNode::Tx(_) | FlowNode::Group(_) | FlowNode::Transfer(_) => None,
                };
                NodeStyle {
                    id,
                    role,
                    base_radius_px,
                    entity,
                    coinjoin: marks.coinjoin_txs.contains(&id),
                }
            })
            .collect();
        let peels = marks
            .peel_chains
            .iter()
            .filter(|c| !expanded_peels.contains(&c.head_txid))
            .map(|chain| PeelStyle {
                head: chain.head,
                tail: chain.tail,
                label: crate::tr!(
                    lang,
                    "canvas.peel_chain",
                    steps = i18n::group(lang, chain.hops as u64),
                    amount = i18n::coins(lang, chain.total_paid_sats, graph.chain())
                ),
            })
            .collect();
        SceneStyle {
            nodes,
            edges,
            peels,
            folds: fold_styles,
            hidden,
            lang,
        }
    }
}

/// Tainted shares of edges. An edge merges every output of a tx to one address (or every input
/// of one address into a tx), so each transaction's taint is summed by address once: a 50,000-
/// output fan-out costs 50,000 steps, not 50,000².
struct TaintShares<'a> {
    graph: &'a FlowGraph,
    result: &'a TraceResult,
    /// Per tx node: tainted sats by address, of its outputs and of the outputs its inputs spend.
    outputs_by_tx: BTreeMap<NodeId, BTreeMap<&'a str, Sats>>,
    inputs_by_tx: BTreeMap<NodeId, BTreeMap<&'a str, Sats>>,
}

impl<'a> TaintShares<'a> {
    fn new(graph: &'a FlowGraph, result: &'a TraceResult) -> Self {
        TaintShares {
            graph,
            result,
            outputs_by_tx: BTreeMap::new(),
            inputs_by_tx: BTreeMap::new(),
        }
    }

    fn taint_of(&self, txid: &Txid, vout: u32) -> Sats {
        self.result
            .taint_by_outpoint
            .get(&Outpoint::new(txid.clone(), vout))
            .copied()
            .unwrap_or_default()
    }

    fn share(&mut self, from: NodeId, to: NodeId, kind: EdgeKind, value_sats: Sats) -> f64 {
        let transfer = [from, to].into_iter().find_map(|id| match self.graph.node(id) {
            Some(FlowNode::Transfer(transfer)) => Some(transfer),
            _ => None,
        });
        if let Some(transfer) = transfer {
            return ratio(transfer.tainted_sats.unwrap_or_default(), transfer.value_sats);
        }
        let (tx_id, address_id) = match kind {
            EdgeKind::Output => (from, to),
            EdgeKind::Input => (to, from),
        };
        let graph = self.graph;
        let (Some(FlowNode::Tx(node)), Some(FlowNode::Address(address))) = (graph.node(tx_id), graph.node(address_id))
        else {
            return 0.0;
        };
        let Some(tx) = graph.tx(&node.txid) else { return 0.0 };
        let tainted = match kind {
            EdgeKind::Output => {
                if !self.outputs_by_tx.contains_key(&tx_id) {
                    let mut by_address: BTreeMap<&'a str, Sats> = BTreeMap::new();
                    for (vout, output) in (0_u32..).zip(&tx.outputs) {
                        if let Some(a) = output.address.as_deref() {
                            *by_address.entry(a).or_default() += self.taint_of(&tx.txid, vout);
                        }
                    }
                    self.outputs_by_tx.insert(tx_id, by_address);
                }
                self.outputs_by_tx.get(&tx_id)
            }
            EdgeKind::Input => {
                if !self.inputs_by_tx.contains_key(&tx_id) {
                    let mut by_address: BTreeMap<&'a str, Sats> = BTreeMap::new();
                    for input in &tx.inputs {
                        let (Some(a), Some(prev)) = (
                            input.prevout.as_ref().and_then(|p| p.address.as_deref()),
                            input.prev_txid.as_ref(),
                        ) else {
                            continue;
                        };
                        *by_address.entry(a).or_default() += self.taint_of(prev, input.prev_vout);
                    }
                    self.inputs_by_tx.insert(tx_id, by_address);
                }
                self.inputs_by_tx.get(&tx_id)
            }
        }
        .and_then(|by_address| by_address.get(address.address.as_str()).copied())
        .unwrap_or_default();
        ratio(tainted, value_sats)
    }
}

/// The tainted share of a value, 0..=1 (0 for nothing).
fn ratio(tainted: Sats, value_sats: Sats) -> f64 {
    if value_sats.to_u64() == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)] // a colour intensity, not an amount
    let share = tainted.to_u64() as f64 / value_sats.to_u64() as f64;
    share.clamp(0.0, 1.0)
}

/// A group grows with its members, slowly: 10 px for two, about 20 px for a thousand.
fn group_radius_px(members: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)] // geometry only
    let n = members.max(1) as f64;
    (8.5 + 1.7 * n.ln()).min(22.0)
}

/// The short text that names a node on the canvas: `1FmwHh…1f9w`, `c3b9a4a0…4280`.
#[must_use]
pub fn node_label(node: &FlowNode, lang: Lang) -> String {
    match node {
        FlowNode::Tx(tx) => tx.txid.short(),
        FlowNode::Address(a) => short_address(&a.address),
        FlowNode::Group(group) => {
            let name = match &group.key {
                GroupKey::Entity(entity) => truncate_entity(entity),
                GroupKey::Cluster(first) => crate::tr!(lang, "canvas.cluster", address = short_address(first)),
            };
            format!("{name} ({})", group.members.len())
        }
        FlowNode::Transfer(transfer) => {
            let count = transfer.txids.len();
            crate::tr!(
                lang,
                "canvas.transfer",
                amount = i18n::coin_number(lang, transfer.value_sats),
                count = i18n::group(lang, count as u64)
            )
        }
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

/// A party named for lists and tooltips: a shortened address, or the group's name.
#[must_use]
pub fn party_label(party: &Party, lang: Lang) -> String {
    match party {
        Party::Address(address) => short_address(address),
        Party::Group(group) => group.name_in(lang),
    }
}

/// An address shortened for labels and lists: `1FmwHh…1f9w`.
#[must_use]
pub fn short_address(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_addresses_are_shortened_with_an_ellipsis() {
        assert_eq!(short_address("1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w"), "1FmwHh…1f9w");
        assert_eq!(short_address("short"), "short");
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
