//! `Simulation`: d3-force's simulation over dense node indices, built for speed.
//!
//! One tick is d3's `simulation.tick()`: `alpha += (alphaTarget − alpha) × alphaDecay`, then
//! link, many-body (Barnes–Hut) and center forces in that order, then `x += vx *= 1 − decay`
//! unless the node is pinned. Bodies are packed `x, y, vx, vy` records (the link and many-body
//! forces touch all four of a random body at once: one cache line instead of four arrays);
//! pins, strengths and links are separate arrays. Every buffer, the quadtree's included, is
//! reused, so a tick allocates nothing. A flat `f32` copy of the positions is refreshed at the
//! end of each tick for cheap hand-off to a renderer.

use super::bench_graph::{phyllotaxis, phyllotaxis_point, BenchGraph};
use super::lcg::Lcg;
use super::links::Links;
use super::many_body::apply_many_body;
use super::params::LayoutParams;
use super::quadtree::QuadTree;

/// One node's state (d3's `x, y, vx, vy`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Body {
    pub x: f64,
    pub y: f64,
    pub vx: f64,
    pub vy: f64,
}

/// A d3-force simulation over nodes `0..node_count()`; deterministic for a seed.
#[derive(Debug, Clone)]
pub struct Simulation {
    params: LayoutParams,
    alpha: f64,
    alpha_target: f64,
    rng: Lcg,
    bodies: Vec<Body>,
    /// Per node: where it is held (d3 `fx, fy`), if pinned.
    pins: Vec<Option<(f64, f64)>>,
    /// Per node many-body strength (all `params.charge` for now, as in d3's default).
    strengths: Vec<f64>,
    links: Links,
    tree: QuadTree,
    positions_xy: Vec<f32>,
}

impl Simulation {
    /// An empty simulation, hot (alpha 1) like a fresh d3 one; d3 seeds its LCG with 1.
    #[must_use]
    pub fn new(params: LayoutParams, seed: u32) -> Self {
        Simulation {
            params,
            alpha: 1.0,
            alpha_target: 0.0,
            rng: Lcg::new(seed),
            bodies: Vec::new(),
            pins: Vec::new(),
            strengths: Vec::new(),
            links: Links::default(),
            tree: QuadTree::default(),
            positions_xy: Vec::new(),
        }
    }

    /// `n` nodes with the given links and the d3 defaults (seed 1). `positions_xy` holds
    /// interleaved `[x0, y0, …]`; nodes it does not cover (or gives non-finite values for)
    /// start on d3's phyllotaxis spiral, as in d3.
    #[must_use]
    pub fn from_edges(node_count: usize, edges: &[(u32, u32)], positions_xy: &[f64]) -> Self {
        let mut sim = Simulation::new(LayoutParams::default(), 1);
        for i in 0..node_count {
            let at = |k: usize| positions_xy.get(2 * i + k).copied().filter(|v| v.is_finite());
            let (x, y) = match (at(0), at(1)) {
                (Some(x), Some(y)) => (x, y),
                _ => phyllotaxis_point(i),
            };
            sim.push_node(x, y);
        }
        sim.set_links(edges);
        sim
    }

    /// The benchmark graph from d3's initial positions, with the d3 defaults.
    #[must_use]
    pub fn from_bench_graph(graph: &BenchGraph) -> Self {
        Self::from_edges(graph.node_count, &graph.links(), &phyllotaxis(graph.node_count))
    }

    /// Appends a node at rest at `(x, y)` and returns its index. Non-finite coordinates are
    /// replaced by its phyllotaxis point so no NaN ever enters the simulation.
    pub fn push_node(&mut self, x: f64, y: f64) -> u32 {
        let index = self.bodies.len();
        let (x, y) = if x.is_finite() && y.is_finite() {
            (x, y)
        } else {
            phyllotaxis_point(index)
        };
        self.bodies.push(Body { x, y, vx: 0.0, vy: 0.0 });
        self.pins.push(None);
        self.strengths.push(self.params.charge);
        self.positions_xy.extend_from_slice(&[x as f32, y as f32]);
        u32::try_from(index).unwrap_or(u32::MAX)
    }

    /// Replaces the links (`(source, target)` node indices). Self-loops and unknown nodes are
    /// dropped; each link's strength and bias follow d3 from the node degrees.
    pub fn set_links(&mut self, edges: &[(u32, u32)]) {
        self.links.set(edges, self.bodies.len());
    }

    /// One d3 tick (always steps, whatever alpha is; see [`Simulation::is_cool`]).
    pub fn tick(&mut self) {
        self.alpha += (self.alpha_target - self.alpha) * self.params.alpha_decay;
        let alpha = self.alpha;
        self.links
            .apply(&mut self.bodies, self.params.link_distance, alpha, &mut self.rng);
        if self.params.charge != 0.0 {
            let theta = self.params.theta;
            self.tree.rebuild(&self.bodies, &self.strengths, theta * theta);
            apply_many_body(&mut self.bodies, &self.strengths, &self.tree, alpha, &mut self.rng);
        }
        self.center_and_integrate(alpha);
    }

    /// d3 `forceCenter` (shift the mean to the origin), optional `forceX`/`forceY` gravity,
    /// then the velocity-Verlet step and the `f32` copy, fused into one pass.
    fn center_and_integrate(&mut self, alpha: f64) {
        let n = self.bodies.len();
        let (mut shift_x, mut shift_y) = (0.0, 0.0);
        if n > 0 && self.params.center_strength != 0.0 {
            let (mut sx, mut sy) = (0.0, 0.0);
            for body in &self.bodies {
                sx += body.x;
                sy += body.y;
            }
            shift_x = (sx / n as f64 - 0.0) * self.params.center_strength;
            shift_y = (sy / n as f64 - 0.0) * self.params.center_strength;
        }
        let decay = 1.0 - self.params.velocity_decay;
        let gravity = self.params.gravity * alpha;
        let rows = self
            .bodies
            .iter_mut()
            .zip(&self.pins)
            .zip(self.positions_xy.chunks_exact_mut(2));
        for ((body, pin), out) in rows {
            body.x -= shift_x;
            body.y -= shift_y;
            if gravity != 0.0 {
                body.vx += (0.0 - body.x) * gravity;
                body.vy += (0.0 - body.y) * gravity;
            }
            if let Some((fx, fy)) = *pin {
                *body = Body {
                    x: fx,
                    y: fy,
                    vx: 0.0,
                    vy: 0.0,
                };
            } else {
                body.vx *= decay;
                body.x += body.vx;
                body.vy *= decay;
                body.y += body.vy;
            }
            out.copy_from_slice(&[body.x as f32, body.y as f32]);
        }
    }

    /// Positions as `f32`, interleaved `[x0, y0, x1, y1, …]`, as of the last change.
    #[must_use]
    pub fn positions_xy(&self) -> &[f32] {
        &self.positions_xy
    }

    /// Node `index`'s position in full precision.
    #[must_use]
    pub fn position(&self, index: u32) -> Option<(f64, f64)> {
        self.bodies.get(index as usize).map(|b| (b.x, b.y))
    }

    /// Node `index`'s velocity.
    #[must_use]
    pub fn velocity(&self, index: u32) -> Option<(f64, f64)> {
        self.bodies.get(index as usize).map(|b| (b.vx, b.vy))
    }

    /// Holds node `index` at `(x, y)` (d3 `fx, fy`) and moves it there now; non-finite
    /// positions are ignored.
    pub fn pin(&mut self, index: u32, x: f64, y: f64) {
        if !(x.is_finite() && y.is_finite()) {
            return;
        }
        let i = index as usize;
        if let (Some(body), Some(pin)) = (self.bodies.get_mut(i), self.pins.get_mut(i)) {
            *pin = Some((x, y));
            *body = Body { x, y, vx: 0.0, vy: 0.0 };
            if let Some(out) = self.positions_xy.get_mut(2 * i..2 * i + 2) {
                out.copy_from_slice(&[x as f32, y as f32]);
            }
        }
    }

    /// Moves node `index` to `(x, y)` at rest (no velocity) without holding it there;
    /// non-finite positions are ignored.
    pub fn place(&mut self, index: u32, x: f64, y: f64) {
        if !(x.is_finite() && y.is_finite()) {
            return;
        }
        let i = index as usize;
        if let Some(body) = self.bodies.get_mut(i) {
            *body = Body { x, y, vx: 0.0, vy: 0.0 };
            if let Some(out) = self.positions_xy.get_mut(2 * i..2 * i + 2) {
                #[allow(clippy::cast_possible_truncation)] // f32 is the drawing precision
                out.copy_from_slice(&[x as f32, y as f32]);
            }
        }
    }

    /// Lets node `index` move again.
    pub fn unpin(&mut self, index: u32) {
        if let Some(pin) = self.pins.get_mut(index as usize) {
            *pin = None;
        }
    }

    /// Whether node `index` is pinned.
    #[must_use]
    pub fn is_pinned(&self, index: u32) -> bool {
        self.pins.get(index as usize).is_some_and(Option::is_some)
    }

    /// The current alpha ("temperature").
    #[must_use]
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Sets alpha (clamped to 0..=1; non-finite values are ignored).
    pub fn set_alpha(&mut self, alpha: f64) {
        if alpha.is_finite() {
            self.alpha = alpha.clamp(0.0, 1.0);
        }
    }

    /// The value alpha decays toward (d3 `alphaTarget`).
    #[must_use]
    pub fn alpha_target(&self) -> f64 {
        self.alpha_target
    }

    /// Sets the alpha target (clamped to 0..=1; non-finite values are ignored).
    pub fn set_alpha_target(&mut self, alpha_target: f64) {
        if alpha_target.is_finite() {
            self.alpha_target = alpha_target.clamp(0.0, 1.0);
        }
    }

    /// Whether the simulation has cooled down (alpha and its target below `alpha_min`).
    #[must_use]
    pub fn is_cool(&self) -> bool {
        self.alpha < self.params.alpha_min && self.alpha_target < self.params.alpha_min
    }

    /// A value in `[0, 1)` from the simulation's LCG (for seeded placement).
    pub fn random(&mut self) -> f64 {
        self.rng.next_f64()
    }

    /// Number of nodes.
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.bodies.len()
    }

    /// Number of links kept (self-loops and unknown nodes dropped).
    #[must_use]
    pub fn link_count(&self) -> usize {
        self.links.len()
    }

    /// Links touching each node, indexed by node.
    #[must_use]
    pub fn link_counts(&self) -> &[u32] {
        self.links.counts()
    }

    /// The parameters in use.
    #[must_use]
    pub fn params(&self) -> LayoutParams {
        self.params
    }
}
