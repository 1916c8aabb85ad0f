//! Block-explorer clients, sans I/O: they build requests and decode replies; `web::net` (browser)
//! and `cli::http` (native) are the only places that actually perform HTTP, through [`Transport`].

pub mod api_kind;
pub mod blockbook;
mod collected;
pub mod error;
pub mod esplora;
pub mod scheduler;
pub mod source;
pub mod transport;

pub use api_kind::{unreachable_hint, ApiKind, Provider};
pub use error::ExplorerError;
pub use esplora::{
    AddressHistory, AddressSummary, EsploraClient, EsploraUrls, HistoryPager, HistoryProgress, PageRequest,
    RetryPolicy, Spend, Utxo,
};
pub use scheduler::{
    CancelToken, MemoryTxStore, Progress, Scheduler, SchedulerConfig, TxStore, DEFAULT_REQUEST_TIMEOUT_MS,
};
pub use source::{ChainSource, HISTORY_LIMIT};
pub use transport::{block_on, parse_retry_after, HttpReply, Transport, TransportError};
