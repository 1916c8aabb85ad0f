//! Exports of the current view that investigators and journalists expect: the transfers as CSV,
//! the graph as GraphML and GEXF (Gephi, yEd, Cytoscape) and the picture as SVG.
//!
//! Every export states where its numbers come from ([`ExportMeta::source_note`]: the explorer, the
//! pinned block height, the taint method), so a reader can check them. Output is deterministic
//! (rows and nodes sorted by txid, vout and address) and money is written from integer satoshis.
//! None of these functions can fail or panic, whatever the graph holds.

mod csv;
mod fields;
mod gexf;
mod graphml;
mod meta;
mod rows;
mod svg;
mod taint;
pub(crate) mod xml;

pub use csv::transfers_csv;
pub use gexf::gexf;
pub use graphml::graphml;
pub use meta::{ExportMeta, SPOOR_VERSION};
pub use svg::svg;
