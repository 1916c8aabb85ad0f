//! A deterministic force-directed layout for the flow graph: d3-force's model (link, many-body
//! with Barnes–Hut, center; seeded d3 LCG), fast enough for 100k nodes.
//!
//! [`Simulation`] is the engine over dense node indices; [`ForceLayout`] runs it for a
//! [`crate::flow::FlowGraph`] (`sync` places new nodes, `tick` advances one step). The same
//! seed and the same sequence of calls always give the same positions.
//! [`arrange`] gives the other layouts, computed in one pass: a time axis and a hop layout.
//! [`bench_graph`] is the benchmark's synthetic graph, ported bit-exactly from JavaScript.

mod arranged;
pub mod bench_graph;
mod engine;
mod fdlibm;
mod lcg;
mod links;
mod many_body;
mod params;
mod placement;
mod quadtree;
mod simulation;
mod vec2;

pub use arranged::{arrange, hops, time_axis, Arrangement, AxisTick, LayoutKind, LAYER_GAP, ROW_GAP};
pub use engine::Simulation;
pub use lcg::Lcg;
pub use params::LayoutParams;
pub use placement::near_neighbours;
pub use simulation::ForceLayout;
pub use vec2::{bounds_of_xy, Vec2};
