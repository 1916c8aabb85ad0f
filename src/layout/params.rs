//! Tuning knobs of the force layout, defaulting to d3-force's values.

/// Force-layout parameters. `Default` follows d3-force (`forceLink`, `forceManyBody`,
/// `forceSimulation`); centering is a weak pull toward the origin, like d3's `forceX`/`forceY`,
/// so disconnected parts of the graph stay on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutParams {
    /// Rest length of a link spring, in world units (d3: 30).
    pub link_distance: f64,
    /// Many-body strength; negative repels (d3: -30).
    pub charge: f64,
    /// Pull toward the origin per unit of distance, scaled by alpha (0 disables it).
    pub center_strength: f64,
    /// How fast alpha falls toward 0 each tick (d3: `1 - 0.001^(1/300)`, ≈300 ticks).
    pub alpha_decay: f64,
    /// Fraction of velocity lost each tick, like friction (d3: 0.4).
    pub velocity_decay: f64,
    /// Below this alpha the simulation stops (d3: 0.001).
    pub alpha_min: f64,
}

impl Default for LayoutParams {
    fn default() -> Self {
        let alpha_min = 0.001;
        LayoutParams {
            link_distance: 30.0,
            charge: -30.0,
            center_strength: 0.05,
            alpha_decay: 1.0 - f64::powf(alpha_min, 1.0 / 300.0),
            velocity_decay: 0.4,
            alpha_min,
        }
    }
}
