//! The tracing engine: follows stolen coins hop by hop with poison, haircut or FIFO taint.
//!
//! Two halves: [`run`] fetches the world a trace needs through a
//! [`ChainSource`](crate::explorer::ChainSource) into a [`TraceData`]; [`compute`] is a pure
//! function of that data, so the method or the stop rules can change without refetching.
//! [`Reuse`] resumes an interrupted trace: run again over the answers it already had, it asks
//! only for the rest and ends as an uninterrupted run would.
//! All amounts are integer satoshis; for haircut and FIFO the summary adds up exactly:
//! `source = fees + unspent + Σ by_entity + frontier + below_minimum`.

mod compute;
mod data;
mod driver;
mod error;
mod interval;
mod json;
mod method;
mod order;
mod request;
mod result;
mod reuse;
mod sides;

pub use compute::compute;
pub use data::{ResolvedStart, TraceData};
pub use driver::{run, TraceProgress};
pub use error::TraceError;
pub use interval::IntervalSet;
pub use request::{Direction, Outpoint, StopRules, TaintMethod, TraceRequest, TraceStart};
pub use result::{EntityTaint, FetchFailure, FetchKind, Stop, StopReason, TraceResult, TraceSummary, TracedTx};
pub use reuse::Reuse;
