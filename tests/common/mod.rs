//! Helpers shared by integration tests (a folder, so Cargo does not build it as a test of its own).

pub mod esplora;
pub mod in_process;
pub mod memory;
pub mod served;
