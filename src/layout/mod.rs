//! A small deterministic force-directed layout for the flow graph, after d3-force.
//!
//! `sync` places nodes new to the graph, `tick` advances the simulation one step; the same
//! seed and the same sequence of calls always give the same positions.

mod forces;
mod lcg;
mod many_body;
mod params;
mod simulation;
mod vec2;

pub use lcg::Lcg;
pub use params::LayoutParams;
pub use simulation::ForceLayout;
pub use vec2::Vec2;
