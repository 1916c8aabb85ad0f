//! Hub folding: a node with many leaves (a fan-out paying thousands of one-time addresses, a
//! deposit address fed by thousands of transactions) shows only its largest leaves and one
//! "+N more" node for the rest, until the reader unfolds it.
//!
//! A leaf is a neighbour with no other neighbour: folding it hides nothing else of the graph.
//! Leaves the reader must see (the page's target, labelled entities) are never folded.
//! Folded nodes are left out of the layout as well as the drawing, so a folded 50,000-way fan-out
//! costs what a 12-way one does.

use std::collections::BTreeSet;

use crate::chain::Sats;
use crate::flow::{FlowGraph, NodeId, NodeKey};

/// A node with more leaves than this is folded.
pub const FOLD_ABOVE_LEAVES: usize = 40;
/// How many of its leaves (the largest by value) a folded hub still shows.
pub const SHOWN_LEAVES: usize = 12;

/// The folded leaves on one side of a hub (what it pays, or what pays it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubFold {
    pub hub: NodeId,
    pub hub_key: NodeKey,
    /// The leaves not shown, largest value first.
    pub folded: Vec<NodeId>,
    /// The value on the folded leaves' edges.
    pub folded_sats: Sats,
    /// Leaves on this side in all (shown and folded).
    pub leaves: usize,
    /// The side: leaves the hub pays (`true`), or leaves that pay the hub.
    pub outward: bool,
}

impl HubFold {
    /// `+49,988 more` in `lang`.
    #[must_use]
    pub fn label(&self, lang: crate::i18n::Lang) -> String {
        crate::tr!(
            lang,
            "canvas.more",
            count = crate::i18n::group(lang, self.folded.len() as u64)
        )
    }
}

/// Every fold of one graph, with the union of folded nodes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folds {
    pub hubs: Vec<HubFold>,
    pub hidden: BTreeSet<NodeId>,
}

impl Folds {
    /// No fold at all.
    pub const NONE: Folds = Folds {
        hubs: Vec::new(),
        hidden: BTreeSet::new(),
    };

    /// The folds of this hub (one per folded side).
    pub fn of_hub(&self, hub: NodeId) -> impl Iterator<Item = &HubFold> {
        self.hubs.iter().filter(move |f| f.hub == hub)
    }

    /// Whether the node is folded away (not laid out, not drawn).
    #[must_use]
    pub fn is_folded(&self, id: NodeId) -> bool {
        self.hidden.contains(&id)
    }
}

/// Folds every hub of `graph` with more than [`FOLD_ABOVE_LEAVES`] leaves, except those in
/// `unfolded`; leaves for which `keep` says yes stay shown.
#[must_use]
pub fn fold_hubs(graph: &FlowGraph, unfolded: &BTreeSet<NodeKey>, keep: impl Fn(NodeId) -> bool) -> Folds {
    let slots = graph.nodes().map(|(id, _)| id.index() + 1).max().unwrap_or(0);
    // Per node: how many distinct neighbours, and the last one seen (the hub, for a leaf).
    let mut degree = vec![0_u32; slots];
    let mut neighbour = vec![None::<NodeId>; slots];
    for (from, to, _) in graph.edges() {
        for (a, b) in [(from, to), (to, from)] {
            if let (Some(d), Some(n)) = (degree.get_mut(a.index()), neighbour.get_mut(a.index())) {
                if *n != Some(b) {
                    *d += 1;
                    *n = Some(b);
                }
            }
        }
    }
    // Leaves by hub and side (inputs, outputs): (value, leaf).
    let mut leaves_of: Vec<[Vec<(Sats, NodeId)>; 2]> = vec![[Vec::new(), Vec::new()]; slots];
    for (from, to, edge) in graph.edges() {
        for (leaf, hub, outward) in [(to, from, true), (from, to, false)] {
            if degree.get(leaf.index()) == Some(&1) && degree.get(hub.index()).is_some_and(|&d| d > 1) {
                if let Some(sides) = leaves_of.get_mut(hub.index()) {
                    sides[usize::from(outward)].push((edge.value_sats, leaf));
                }
            }
        }
    }
    let mut folds = Folds::default();
    for (hub, _) in graph.nodes() {
        let Some(hub_key) = graph.key_of(hub) else { continue };
        if unfolded.contains(&hub_key) {
            continue;
        }
        let Some(sides) = leaves_of.get_mut(hub.index()) else {
            continue;
        };
        let [inputs, outputs] = sides;
        for (outward, leaves) in [(false, inputs), (true, outputs)] {
            if leaves.len() <= FOLD_ABOVE_LEAVES {
                continue;
            }
            leaves.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let folded: Vec<(Sats, NodeId)> = leaves
                .iter()
                .skip(SHOWN_LEAVES)
                .filter(|(_, leaf)| !keep(*leaf))
                .copied()
                .collect();
            if folded.len() < 2 {
                continue;
            }
            folds.hidden.extend(folded.iter().map(|(_, leaf)| *leaf));
            folds.hubs.push(HubFold {
                hub,
                hub_key: hub_key.clone(),
                folded_sats: folded.iter().map(|(value, _)| *value).sum(),
                folded: folded.into_iter().map(|(_, leaf)| leaf).collect(),
                leaves: leaves.len(),
                outward,
            });
        }
    }
    folds
}
