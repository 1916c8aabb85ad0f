//! The force layout run somewhere else than the page's main thread (a Web Worker), pure halves.
//!
//! The main thread keeps a [`LayoutMirror`]: which flow-graph node is which simulation index,
//! where new nodes start (near their placed neighbours), the link list, and the latest positions
//! it was sent. When the graph grows it emits a [`LayoutSync`]: "keep your first `from` nodes,
//! append these seeds, use these links". The worker feeds that to a [`LayoutRunner`], a
//! [`crate::layout::Simulation`] that ticks until cool and hands back its `f32` positions.
//! The mirror numbers the nodes and the runner keeps that numbering, so positions need no keys.
//!
//! Every reset of the mirror (a new graph) bumps its `epoch`; the runner echoes the epoch with
//! its positions, so positions of an older graph are never drawn on a newer one.

mod mirror;
mod runner;

pub use mirror::LayoutMirror;
pub use runner::{LayoutRunner, SyncError};

/// What the runner must change to match the main thread's graph.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutSync {
    /// The mirror's epoch; `from == 0` starts a new one.
    pub epoch: u32,
    /// Nodes the runner keeps (its count before this sync); `0` means start afresh.
    pub from: u32,
    /// Start positions of the appended nodes, interleaved `[x0, y0, …]` (world units).
    pub seeds_xy: Vec<f32>,
    /// Every link as interleaved `[source0, target0, …]` indices, when the links changed.
    pub links: Option<Vec<u32>>,
}

impl LayoutSync {
    /// Number of nodes appended.
    #[must_use]
    pub fn added(&self) -> usize {
        self.seeds_xy.len() / 2
    }
}
