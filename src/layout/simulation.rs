//! `ForceLayout`: the app's layout of a [`FlowGraph`], running on the d3-model [`Simulation`].
//!
//! `sync` maps the graph's `NodeId`s to dense simulation indices (new nodes appended, placed
//! near a placed neighbour or on d3's spiral) and refreshes the links when the graph grew;
//! `tick` steps the simulation while it is warm.

use super::bench_graph::phyllotaxis_point;
use super::engine::Simulation;
use super::lcg::Lcg;
use super::params::LayoutParams;
use super::placement::near_neighbours;
use super::vec2::Vec2;
use crate::flow::{FlowGraph, NodeId};

/// Alpha after new nodes arrive: enough to settle them without scrambling the rest.
const REHEAT_ALPHA: f64 = 0.5;
/// Marks a `NodeId` not (yet) in the simulation.
const UNPLACED: u32 = u32::MAX;

/// A deterministic force-directed layout over a [`FlowGraph`].
///
/// Nodes enter the simulation in `NodeId` order and every loop runs in index order, so a seed
/// and a sequence of calls always give the same positions.
#[derive(Debug, Clone)]
pub struct ForceLayout {
    sim: Simulation,
    /// Jitter for placing new nodes (kept apart from the simulation's jiggle stream).
    placement_rng: Lcg,
    /// Simulation index by `NodeId` index (`UNPLACED` if absent).
    index_of: Vec<u32>,
    /// `NodeId` by simulation index.
    ids: Vec<NodeId>,
    /// Edge count of the graph when the links were last built (edges are only ever added).
    edges_seen: usize,
    /// Reused buffer for the link list.
    edge_scratch: Vec<(u32, u32)>,
}

impl ForceLayout {
    /// An empty layout, hot (alpha 1) like a fresh d3 simulation.
    #[must_use]
    pub fn new(params: LayoutParams, seed: u32) -> Self {
        ForceLayout {
            sim: Simulation::new(params, seed),
            placement_rng: Lcg::new(seed),
            index_of: Vec::new(),
            ids: Vec::new(),
            edges_seen: 0,
            edge_scratch: Vec::new(),
        }
    }

    /// The parameters in use.
    #[must_use]
    pub fn params(&self) -> LayoutParams {
        self.sim.params()
    }

    /// The simulation underneath (positions as a flat `f32` buffer, link counts, …).
    #[must_use]
    pub fn simulation(&self) -> &Simulation {
        &self.sim
    }

    /// Places nodes new to the graph: near the centroid of their already-placed neighbours
    /// (with seeded jitter), or on d3's phyllotaxis spiral if they have none; refreshes the
    /// links if the graph grew. Reheats alpha if anything was added. Cheap when nothing changed.
    pub fn sync(&mut self, graph: &FlowGraph) {
        if graph.node_count() == self.ids.len() && graph.edge_count() == self.edges_seen {
            return;
        }
        let before = self.ids.len();
        for (id, _) in graph.nodes() {
            if self.index(id).is_some() {
                continue;
            }
            let pos = self.placement_for(graph, id);
            let index = self.sim.push_node(pos.x, pos.y);
            if self.index_of.len() <= id.index() {
                self.index_of.resize(id.index() + 1, UNPLACED);
            }
            if let Some(slot) = self.index_of.get_mut(id.index()) {
                *slot = index;
            }
            self.ids.push(id);
        }
        let mut edges = std::mem::take(&mut self.edge_scratch);
        edges.clear();
        edges.extend(
            graph
                .edges()
                .filter_map(|(s, t, _)| Some((self.index(s)?, self.index(t)?))),
        );
        self.sim.set_links(&edges);
        self.edge_scratch = edges;
        let grew = self.ids.len() > before || graph.edge_count() > self.edges_seen;
        self.edges_seen = graph.edge_count();
        if grew {
            self.sim.set_alpha(self.sim.alpha().max(REHEAT_ALPHA));
        }
    }

    fn index(&self, id: NodeId) -> Option<u32> {
        self.index_of.get(id.index()).copied().filter(|&i| i != UNPLACED)
    }

    fn placement_for(&mut self, graph: &FlowGraph, id: NodeId) -> Vec2 {
        let placed: Vec<Vec2> = graph
            .neighbours(id)
            .into_iter()
            .filter_map(|n| self.position(n))
            .collect();
        if placed.is_empty() {
            let (x, y) = phyllotaxis_point(self.ids.len());
            return Vec2::new(x, y);
        }
        let centroid = placed.iter().fold(Vec2::ZERO, |sum, &p| sum + p) / placed.len() as f64;
        near_neighbours(
            centroid,
            placed.len(),
            self.sim.params().link_distance,
            &mut self.placement_rng,
        )
    }

    /// One simulation step (d3's tick: links, many-body, center, move). Nodes not yet placed
    /// are synced first. Returns whether the layout is still moving (alpha above
    /// `alpha_min`); a cold layout does not move.
    pub fn tick(&mut self, graph: &FlowGraph) -> bool {
        self.sync(graph);
        if self.sim.is_cool() {
            return false;
        }
        self.sim.tick();
        self.sim.alpha() > self.sim.params().alpha_min
    }

    /// The node's position in world space, once placed.
    #[must_use]
    pub fn position(&self, id: NodeId) -> Option<Vec2> {
        let (x, y) = self.sim.position(self.index(id)?)?;
        Some(Vec2::new(x, y))
    }

    /// All placed nodes in `NodeId` order.
    pub fn positions(&self) -> impl Iterator<Item = (NodeId, Vec2)> + '_ {
        self.ids.iter().enumerate().filter_map(|(i, &id)| {
            let (x, y) = self.sim.position(u32::try_from(i).ok()?)?;
            Some((id, Vec2::new(x, y)))
        })
    }

    /// Holds a placed node at a world position (while dragging). Non-finite positions and
    /// unplaced nodes are ignored.
    pub fn pin(&mut self, id: NodeId, pos_in_world: Vec2) {
        if let Some(index) = self.index(id) {
            self.sim.pin(index, pos_in_world.x, pos_in_world.y);
        }
    }

    /// Lets a pinned node move again.
    pub fn unpin(&mut self, id: NodeId) {
        if let Some(index) = self.index(id) {
            self.sim.unpin(index);
        }
    }

    /// Whether the node is pinned.
    #[must_use]
    pub fn is_pinned(&self, id: NodeId) -> bool {
        self.index(id).is_some_and(|i| self.sim.is_pinned(i))
    }

    /// Sets alpha (clamped to 0..=1), e.g. to restart after a drag.
    pub fn reheat(&mut self, alpha: f64) {
        self.sim.set_alpha(alpha);
    }

    /// The value alpha decays toward (d3 `alphaTarget`): set it to ~0.3 while dragging to
    /// keep the layout alive, back to 0 when done.
    pub fn set_alpha_target(&mut self, alpha_target: f64) {
        self.sim.set_alpha_target(alpha_target);
    }

    /// The current "temperature": how far nodes may still move.
    #[must_use]
    pub fn alpha(&self) -> f64 {
        self.sim.alpha()
    }

    /// The smallest box `(min, max)` containing every position; `None` when empty.
    #[must_use]
    pub fn bounds(&self) -> Option<(Vec2, Vec2)> {
        let mut points = self.positions().map(|(_, p)| p);
        let first = points.next()?;
        Some(points.fold((first, first), |(lo, hi), p| (lo.min(p), hi.max(p))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cold_layout_does_not_tick() {
        let mut layout = ForceLayout::new(LayoutParams::default(), 1);
        layout.reheat(0.0);
        assert!(!layout.tick(&FlowGraph::new()));
    }

    #[test]
    fn sync_without_changes_keeps_alpha() {
        let mut layout = ForceLayout::new(LayoutParams::default(), 1);
        layout.reheat(0.1);
        layout.sync(&FlowGraph::new());
        assert_eq!(layout.alpha(), 0.1);
    }
}
