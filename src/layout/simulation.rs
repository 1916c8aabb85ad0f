//! `ForceLayout`: positions for the flow graph's nodes and the d3-style tick loop.

use std::f64::consts::{PI, TAU};

use super::forces::{apply_center, apply_links, integrate, links_from_pairs, Body};
use super::lcg::Lcg;
use super::many_body::apply_many_body;
use super::params::LayoutParams;
use super::vec2::Vec2;
use crate::flow::{FlowGraph, NodeId};

/// d3's phyllotaxis placement: radius of the first point.
const INITIAL_RADIUS: f64 = 10.0;
/// Alpha after new nodes arrive: enough to settle them without scrambling the rest.
const REHEAT_ALPHA: f64 = 0.5;

/// A deterministic force-directed layout over a [`FlowGraph`].
///
/// Positions are kept per [`NodeId`] (dense, since the graph never removes nodes). All loops
/// run in `NodeId` order, so a seed and a sequence of calls always give the same positions.
#[derive(Debug, Clone)]
pub struct ForceLayout {
    params: LayoutParams,
    rng: Lcg,
    alpha: f64,
    alpha_target: f64,
    /// Indexed by `NodeId`.
    bodies: Vec<Body>,
}

impl ForceLayout {
    /// An empty layout, hot (alpha 1) like a fresh d3 simulation.
    #[must_use]
    pub fn new(params: LayoutParams, seed: u32) -> Self {
        ForceLayout {
            params,
            rng: Lcg::new(seed),
            alpha: 1.0,
            alpha_target: 0.0,
            bodies: Vec::new(),
        }
    }

    /// The parameters in use.
    #[must_use]
    pub fn params(&self) -> LayoutParams {
        self.params
    }

    /// Places nodes new to the graph: near the centroid of their already-placed neighbours
    /// (with seeded jitter), or on d3's phyllotaxis spiral if they have none. Reheats alpha
    /// if anything was added.
    pub fn sync(&mut self, graph: &FlowGraph) {
        let before = self.bodies.len();
        for (id, _) in graph.nodes() {
            if id.index() < self.bodies.len() {
                continue;
            }
            // Ids are dense; fill any gap on the spiral so indices keep matching ids.
            while self.bodies.len() < id.index() {
                self.bodies.push(Body::at(spiral_point(self.bodies.len())));
            }
            let pos = self.placement_for(graph, id);
            self.bodies.push(Body::at(pos));
        }
        if self.bodies.len() > before {
            self.alpha = self.alpha.max(REHEAT_ALPHA);
        }
    }

    fn placement_for(&mut self, graph: &FlowGraph, id: NodeId) -> Vec2 {
        let placed: Vec<Vec2> = graph
            .neighbours(id)
            .into_iter()
            .filter_map(|n| self.bodies.get(n.index()).map(|b| b.pos))
            .collect();
        if placed.is_empty() {
            return spiral_point(id.index());
        }
        let centroid = placed.iter().fold(Vec2::ZERO, |sum, &p| sum + p) / placed.len() as f64;
        // A lone neighbour: sit about one link away; several: close to their middle.
        let reach = if placed.len() == 1 {
            self.params.link_distance
        } else {
            self.params.link_distance * 0.25
        };
        let radius = reach * (0.5 + 0.5 * self.rng.next_f64());
        let angle = TAU * self.rng.next_f64();
        centroid + Vec2::new(radius * angle.cos(), radius * angle.sin())
    }

    /// One simulation step: link springs, many-body repulsion and the pull toward the origin,
    /// then d3's velocity-Verlet move. Nodes not yet placed are synced first. Returns whether
    /// the layout is still moving (alpha above `alpha_min`); a cold layout does not move.
    pub fn tick(&mut self, graph: &FlowGraph) -> bool {
        self.sync(graph);
        if self.alpha < self.params.alpha_min && self.alpha_target < self.params.alpha_min {
            return false;
        }
        self.alpha += (self.alpha_target - self.alpha) * self.params.alpha_decay;
        let pairs: Vec<(usize, usize)> = graph.edges().map(|(s, t, _)| (s.index(), t.index())).collect();
        let links = links_from_pairs(&pairs, self.bodies.len());
        apply_links(
            &mut self.bodies,
            &links,
            self.params.link_distance,
            self.alpha,
            &mut self.rng,
        );
        apply_many_body(&mut self.bodies, self.params.charge, self.alpha, &mut self.rng);
        apply_center(&mut self.bodies, self.params.center_strength, self.alpha);
        integrate(&mut self.bodies, self.params.velocity_decay);
        self.alpha > self.params.alpha_min
    }

    /// The node's position in world space, once placed.
    #[must_use]
    pub fn position(&self, id: NodeId) -> Option<Vec2> {
        self.bodies.get(id.index()).map(|b| b.pos)
    }

    /// All placed nodes in `NodeId` order.
    pub fn positions(&self) -> impl Iterator<Item = (NodeId, Vec2)> + '_ {
        self.bodies
            .iter()
            .enumerate()
            .filter_map(|(i, b)| Some((NodeId(u32::try_from(i).ok()?), b.pos)))
    }

    /// Holds a placed node at a world position (while dragging). Non-finite positions and
    /// unplaced nodes are ignored.
    pub fn pin(&mut self, id: NodeId, pos_in_world: Vec2) {
        if !pos_in_world.is_finite() {
            return;
        }
        if let Some(body) = self.bodies.get_mut(id.index()) {
            body.pinned = Some(pos_in_world);
            body.pos = pos_in_world;
            body.vel = Vec2::ZERO;
        }
    }

    /// Lets a pinned node move again.
    pub fn unpin(&mut self, id: NodeId) {
        if let Some(body) = self.bodies.get_mut(id.index()) {
            body.pinned = None;
        }
    }

    /// Whether the node is pinned.
    #[must_use]
    pub fn is_pinned(&self, id: NodeId) -> bool {
        self.bodies.get(id.index()).is_some_and(|b| b.pinned.is_some())
    }

    /// Sets alpha (clamped to 0..=1), e.g. to restart after a drag.
    pub fn reheat(&mut self, alpha: f64) {
        if alpha.is_finite() {
            self.alpha = alpha.clamp(0.0, 1.0);
        }
    }

    /// The value alpha decays toward (d3 `alphaTarget`): set it to ~0.3 while dragging to
    /// keep the layout alive, back to 0 when done.
    pub fn set_alpha_target(&mut self, alpha_target: f64) {
        if alpha_target.is_finite() {
            self.alpha_target = alpha_target.clamp(0.0, 1.0);
        }
    }

    /// The current "temperature": how far nodes may still move.
    #[must_use]
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// The smallest box `(min, max)` containing every position; `None` when empty.
    #[must_use]
    pub fn bounds(&self) -> Option<(Vec2, Vec2)> {
        let first = self.bodies.first()?.pos;
        Some(
            self.bodies
                .iter()
                .fold((first, first), |(lo, hi), b| (lo.min(b.pos), hi.max(b.pos))),
        )
    }
}

/// d3's initial placement of node `index`: a phyllotaxis (sunflower) spiral around the origin.
fn spiral_point(index: usize) -> Vec2 {
    let i = index as f64;
    let radius = INITIAL_RADIUS * (0.5 + i).sqrt();
    let angle = i * PI * (3.0 - 5.0_f64.sqrt());
    Vec2::new(radius * angle.cos(), radius * angle.sin())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spiral_matches_d3_initial_positions() {
        // d3: radius = 10 * sqrt(0.5 + i), angle = i * PI * (3 - sqrt(5)).
        let p0 = spiral_point(0);
        assert!((p0.x - 10.0 * 0.5_f64.sqrt()).abs() < 1e-12 && p0.y.abs() < 1e-12);
        let p1 = spiral_point(1);
        assert!((p1.length() - 10.0 * 1.5_f64.sqrt()).abs() < 1e-9);
    }

    #[test]
    fn cold_layout_does_not_tick() {
        let mut layout = ForceLayout::new(LayoutParams::default(), 1);
        layout.reheat(0.0);
        assert!(!layout.tick(&FlowGraph::new()));
    }
}
