//! Tuning knobs of the force layout, defaulting to d3-force's values.

/// Force-layout parameters. `Default` is the benchmark's d3-force model: `forceLink` (distance
/// 30, 1 iteration), `forceManyBody` (strength −30, θ 0.9), `forceCenter` at the origin, and
/// `forceSimulation`'s alpha schedule and velocity decay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutParams {
    /// Rest length of a link spring, in world units (d3: 30).
    pub link_distance: f64,
    /// Many-body strength of every node; negative repels (d3: −30).
    pub charge: f64,
    /// Barnes–Hut accuracy: a cell of width w at distance l is treated as one body when
    /// w / l < theta (d3: 0.9).
    pub theta: f64,
    /// d3 `forceCenter` strength: the share of the mean position's offset from the origin
    /// removed each tick (d3: 1; 0 disables it).
    pub center_strength: f64,
    /// d3 `forceX`/`forceY` toward the origin per unit of distance, scaled by alpha: keeps
    /// disconnected parts together. Not in the benchmark model, so 0 (off) by default.
    pub gravity: f64,
    /// How fast alpha falls toward its target each tick (d3: `1 - 0.001^(1/300)`, ≈300 ticks).
    pub alpha_decay: f64,
    /// Fraction of velocity lost each tick, like friction (d3: 0.4).
    pub velocity_decay: f64,
    /// Below this alpha the layout stops (d3: 0.001).
    pub alpha_min: f64,
}

impl Default for LayoutParams {
    fn default() -> Self {
        let alpha_min = 0.001;
        LayoutParams {
            link_distance: 30.0,
            charge: -30.0,
            theta: 0.9,
            center_strength: 1.0,
            gravity: 0.0,
            alpha_decay: 1.0 - f64::powf(alpha_min, 1.0 / 300.0),
            velocity_decay: 0.4,
            alpha_min,
        }
    }
}
