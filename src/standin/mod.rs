//! The explorer stand-in: answers the Esplora REST API from a chain file, the way electrs does,
//! and the Blockbook v2 API from the same file (`blockbook`).
//!
//! Pure (no I/O, no clock): `ChainIndex::from_jsonl` loads the JSON Lines chain file, `answer` maps
//! a request path to status + content type + body. `cli::serve` wraps it in a tiny HTTP server; the
//! throttling, fault and static-file helpers it needs live here too so they can be unit tested.

mod address;
mod answer;
mod blockbook;
mod error;
mod faults;
mod index;
mod static_path;
mod throttle;

pub use answer::{answer, Answer};
pub use error::ChainFileError;
pub use faults::{parse_burst, Burst, Fault, FaultError, FaultInjector, FaultPlan, Malformation};
pub use index::ChainIndex;
pub use static_path::{content_type_for, static_file_path, StaticPathError};
pub use throttle::{parse_rate_limit, RateLimitError, TokenBucket};
