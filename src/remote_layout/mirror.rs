//! `LayoutMirror`: the main thread's side of a layout that ticks elsewhere. It never ticks; it
//! numbers nodes, seeds new ones, lists links, and keeps the latest positions it was sent.

use super::LayoutSync;
use crate::flow::{FlowGraph, NodeId};
use crate::layout::bench_graph::phyllotaxis_point;
use crate::layout::{near_neighbours, LayoutParams, Lcg, Vec2};

/// Marks a `NodeId` not (yet) in the layout.
const UNPLACED: u32 = u32::MAX;

/// Node numbering, seeds, links and latest positions of a layout run by a [`super::LayoutRunner`].
///
/// Nodes get indices in the order they are first laid out (`NodeId` order within one sync).
#[derive(Debug, Clone)]
pub struct LayoutMirror {
    params: LayoutParams,
    seed: u32,
    placement_rng: Lcg,
    /// Index by `NodeId` index (`UNPLACED` if absent).
    index_of: Vec<u32>,
    /// `NodeId` by index.
    ids: Vec<NodeId>,
    /// Latest positions by index, interleaved `[x0, y0, …]`.
    positions_xy: Vec<f32>,
    /// The links last sent, interleaved `[source0, target0, …]`.
    links: Vec<u32>,
    edges_seen: usize,
    /// A hash of the mirrored nodes' keys in order: a graph whose nodes at those ids have other
    /// keys is another graph (another target, or a view graph regrouped).
    keys_hash: u64,
    epoch: u32,
    /// Bumped whenever a position changes (for caches such as the hit-test grid).
    version: u64,
}

impl LayoutMirror {
    /// An empty mirror; `params` must be the runner's (link distance places new nodes).
    #[must_use]
    pub fn new(params: LayoutParams, seed: u32) -> LayoutMirror {
        LayoutMirror {
            params,
            seed,
            placement_rng: Lcg::new(seed),
            index_of: Vec::new(),
            ids: Vec::new(),
            positions_xy: Vec::new(),
            links: Vec::new(),
            edges_seen: 0,
            keys_hash: keys_hash(&FlowGraph::new(), &[]),
            epoch: 0,
            version: 0,
        }
    }

    /// Brings the mirror up to `graph` and says what the runner must change; `None` when
    /// nothing did. A graph that does not extend the mirrored one (another target) starts a new
    /// epoch from nothing (`from == 0`).
    pub fn sync(&mut self, graph: &FlowGraph) -> Option<LayoutSync> {
        self.sync_filtered(graph, &|_| true)
    }

    /// As [`LayoutMirror::sync`], laying out only the nodes `include` accepts (folded hub leaves
    /// are left out). A node that was laid out and is no longer included starts a new epoch in
    /// which every remaining node keeps its position as its seed.
    pub fn sync_filtered(&mut self, graph: &FlowGraph, include: &dyn Fn(NodeId) -> bool) -> Option<LayoutSync> {
        let known = self.ids.len();
        let included = graph.nodes().filter(|(id, _)| include(*id)).count();
        let extends = included >= known && self.keys_hash == keys_hash(graph, &self.ids);
        let dropped = extends && self.ids.iter().any(|&id| !include(id));
        let fresh = !extends || dropped || known == 0;
        // Nodes that stay keep where they were.
        let kept: std::collections::BTreeMap<NodeId, Vec2> = if dropped {
            self.ids
                .iter()
                .filter_map(|&id| Some((id, self.position(id)?)))
                .collect()
        } else {
            std::collections::BTreeMap::new()
        };
        if fresh {
            if known == 0 && included == 0 && self.epoch > 0 {
                return None;
            }
            self.reset();
        } else if included == known && graph.edge_count() == self.edges_seen {
            return None;
        }
        let from = self.ids.len();
        for (id, _) in graph.nodes() {
            if self.index(id).is_some() || !include(id) {
                continue;
            }
            let seed = match kept.get(&id) {
                Some(&p) => p,
                None => self.placement_for(graph, id),
            };
            let index = u32::try_from(self.ids.len()).unwrap_or(UNPLACED);
            if self.index_of.len() <= id.index() {
                self.index_of.resize(id.index() + 1, UNPLACED);
            }
            if let Some(slot) = self.index_of.get_mut(id.index()) {
                *slot = index;
            }
            self.ids.push(id);
            #[allow(clippy::cast_possible_truncation)] // world coordinates fit f32
            self.positions_xy.extend_from_slice(&[seed.x as f32, seed.y as f32]);
        }
        let links_changed = fresh || graph.edge_count() != self.edges_seen || self.ids.len() != from;
        if links_changed {
            self.links.clear();
            for (source, target, _) in graph.edges() {
                if let (Some(s), Some(t)) = (self.index(source), self.index(target)) {
                    self.links.extend_from_slice(&[s, t]);
                }
            }
            self.edges_seen = graph.edge_count();
        }
        self.keys_hash = keys_hash(graph, &self.ids);
        self.version += 1;
        Some(LayoutSync {
            epoch: self.epoch,
            from: if fresh { 0 } else { u32::try_from(from).unwrap_or(0) },
            seeds_xy: self.positions_xy.get(2 * from..).unwrap_or(&[]).to_vec(),
            links: links_changed.then(|| self.links.clone()),
        })
    }

    /// Everything from nothing, for a runner that starts now (a worker that just became ready,
    /// or the fallback taking over): current positions as seeds, every link.
    #[must_use]
    pub fn full_sync(&self) -> LayoutSync {
        LayoutSync {
            epoch: self.epoch,
            from: 0,
            seeds_xy: self.positions_xy.clone(),
            links: Some(self.links.clone()),
        }
    }

    /// Takes positions from the runner. Positions of another epoch are refused (`false`);
    /// a shorter buffer (nodes the runner has not received yet) updates what it covers.
    pub fn receive(&mut self, epoch: u32, positions_xy: &[f32]) -> bool {
        if epoch != self.epoch {
            return false;
        }
        let covered = positions_xy.len().min(self.positions_xy.len());
        if let (Some(to), Some(from)) = (self.positions_xy.get_mut(..covered), positions_xy.get(..covered)) {
            to.copy_from_slice(from);
        }
        self.version += 1;
        true
    }

    /// Moves one node now (the one being dragged), before the runner confirms it.
    pub fn set_position(&mut self, id: NodeId, pos: Vec2) {
        let Some(index) = self.index(id) else { return };
        let i = 2 * index as usize;
        if let (Some(slot), true) = (self.positions_xy.get_mut(i..i + 2), pos.is_finite()) {
            #[allow(clippy::cast_possible_truncation)]
            slot.copy_from_slice(&[pos.x as f32, pos.y as f32]);
            self.version += 1;
        }
    }

    /// The node's index in the layout, once placed.
    #[must_use]
    pub fn index(&self, id: NodeId) -> Option<u32> {
        self.index_of.get(id.index()).copied().filter(|&i| i != UNPLACED)
    }

    /// The node at a layout index.
    #[must_use]
    pub fn id_at(&self, index: u32) -> Option<NodeId> {
        self.ids.get(index as usize).copied()
    }

    /// The node's latest position in world space.
    #[must_use]
    pub fn position(&self, id: NodeId) -> Option<Vec2> {
        let i = 2 * self.index(id)? as usize;
        match self.positions_xy.get(i..i + 2)? {
            &[x, y] => Some(Vec2::new(f64::from(x), f64::from(y))),
            _ => None,
        }
    }

    /// Latest positions by index, interleaved `[x0, y0, …]`.
    #[must_use]
    pub fn positions_xy(&self) -> &[f32] {
        &self.positions_xy
    }

    /// The smallest box `(min, max)` holding every finite position; `None` when there is none.
    #[must_use]
    pub fn bounds(&self) -> Option<(Vec2, Vec2)> {
        crate::layout::bounds_of_xy(&self.positions_xy)
    }

    /// Number of mirrored nodes.
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    /// The current graph's epoch (bumped by every fresh start).
    #[must_use]
    pub fn epoch(&self) -> u32 {
        self.epoch
    }

    /// Bumped by every position change.
    #[must_use]
    pub fn version(&self) -> u64 {
        self.version
    }

    fn reset(&mut self) {
        let epoch = self.epoch.wrapping_add(1);
        let version = self.version;
        *self = LayoutMirror::new(self.params, self.seed);
        self.epoch = epoch;
        self.version = version + 1;
    }

    /// Near the centroid of the placed neighbours (about one link away from a lone one), with
    /// seeded jitter; on d3's phyllotaxis spiral when none is placed. As in `ForceLayout`.
    fn placement_for(&mut self, graph: &FlowGraph, id: NodeId) -> Vec2 {
        let (mut sum, mut count) = (Vec2::ZERO, 0_usize);
        for neighbour in graph.neighbours(id) {
            if let Some(p) = self.position(neighbour) {
                sum += p;
                count += 1;
            }
        }
        if count == 0 {
            let (x, y) = phyllotaxis_point(self.ids.len());
            return Vec2::new(x, y);
        }
        #[allow(clippy::cast_precision_loss)]
        let centroid = sum / count as f64;
        near_neighbours(centroid, count, self.params.link_distance, &mut self.placement_rng)
    }
}

/// The keys of `ids` in `graph`, in order, hashed (a missing node hashes as `None`).
fn keys_hash(graph: &FlowGraph, ids: &[NodeId]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for &id in ids {
        graph.key_of(id).hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::{Sats, Tx, TxOutput, TxStatus, Txid};

    fn payout(txid_byte: &str, addresses: &[&str]) -> Tx {
        Tx {
            txid: Txid::parse(&txid_byte.repeat(32)).unwrap(),
            inputs: vec![],
            outputs: addresses
                .iter()
                .map(|a| TxOutput {
                    address: Some((*a).into()),
                    value_sats: Sats(1_000),
                    script_type: "v0_p2wpkh".into(),
                })
                .collect(),
            fee_sats: Sats(0),
            status: TxStatus::Unconfirmed,
        }
    }

    #[test]
    fn first_sync_sends_every_node_and_link_from_nothing() {
        let mut graph = FlowGraph::new();
        graph.add_tx(&payout("ab", &["bc1qa", "bc1qb"]));
        let mut mirror = LayoutMirror::new(LayoutParams::default(), 1);
        let sync = mirror.sync(&graph).unwrap();
        assert_eq!((sync.from, sync.added(), sync.epoch), (0, 3, 1));
        assert_eq!(sync.links.as_deref().map(<[u32]>::len), Some(4));
        assert!(mirror.sync(&graph).is_none(), "nothing changed");
        // Leaves sit about one link from the tx they hang on.
        let tx = mirror.position(NodeId(0)).unwrap();
        let leaf = mirror.position(NodeId(1)).unwrap();
        assert!((14.0..=31.0).contains(&tx.distance(leaf)));
    }

    #[test]
    fn growth_sends_only_the_new_nodes() {
        let mut graph = FlowGraph::new();
        graph.add_tx(&payout("ab", &["bc1qa"]));
        let mut mirror = LayoutMirror::new(LayoutParams::default(), 1);
        mirror.sync(&graph).unwrap();
        graph.add_tx(&payout("cd", &["bc1qa", "bc1qc"]));
        let sync = mirror.sync(&graph).unwrap();
        assert_eq!((sync.from, sync.added(), sync.epoch), (2, 2, 1));
        assert_eq!(mirror.node_count(), 4);
        assert_eq!(mirror.full_sync().seeds_xy.len(), 8);
    }

    #[test]
    fn excluded_nodes_are_not_laid_out_and_dropping_one_keeps_the_others_in_place() {
        let mut graph = FlowGraph::new();
        graph.add_tx(&payout("ab", &["bc1qa", "bc1qb", "bc1qc"]));
        let mut mirror = LayoutMirror::new(LayoutParams::default(), 1);
        let folded = NodeId(3);
        let sync = mirror.sync_filtered(&graph, &|id| id != folded).unwrap();
        assert_eq!(sync.added(), 3);
        assert_eq!(
            sync.links.as_deref().map(<[u32]>::len),
            Some(4),
            "no link to the excluded node"
        );
        assert!(mirror.position(folded).is_none());
        assert!(
            mirror.sync_filtered(&graph, &|id| id != folded).is_none(),
            "nothing changed"
        );
        // Unfolding appends it.
        let sync = mirror.sync(&graph).unwrap();
        assert_eq!((sync.from, sync.added(), sync.epoch), (3, 1, 1));
        assert_eq!(sync.links.as_deref().map(<[u32]>::len), Some(6));
        // Folding again starts afresh, with the remaining nodes where they were.
        let before = mirror.position(NodeId(1)).unwrap();
        let sync = mirror.sync_filtered(&graph, &|id| id != folded).unwrap();
        assert_eq!((sync.from, sync.added(), sync.epoch), (0, 3, 2));
        assert_eq!(mirror.position(NodeId(1)), Some(before));
        assert!(mirror.position(folded).is_none());
    }

    #[test]
    fn another_graph_starts_a_new_epoch_and_old_positions_are_refused() {
        let mut graph = FlowGraph::new();
        graph.add_tx(&payout("ab", &["bc1qa"]));
        let mut mirror = LayoutMirror::new(LayoutParams::default(), 1);
        mirror.sync(&graph).unwrap();
        let mut other = FlowGraph::new();
        other.add_tx(&payout("ef", &["bc1qz", "bc1qy", "bc1qx"]));
        let sync = mirror.sync(&other).unwrap();
        assert_eq!((sync.from, sync.added(), sync.epoch), (0, 4, 2));
        assert!(!mirror.receive(1, &[9.0; 8]));
        assert!(mirror.receive(2, &[9.0; 4]), "a shorter buffer updates what it covers");
        assert_eq!(mirror.position(NodeId(1)), Some(Vec2::new(9.0, 9.0)));
        assert_ne!(mirror.position(NodeId(2)), Some(Vec2::new(9.0, 9.0)));
        assert_eq!(mirror.id_at(3), Some(NodeId(3)));
        let (lo, hi) = mirror.bounds().unwrap();
        assert!(lo.x <= 9.0 && hi.x >= 9.0);
    }
}
