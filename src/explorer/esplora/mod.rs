//! The Esplora REST API (blockstream.info/api, mempool.space/api, and our stand-in).

pub mod client;
pub mod decode;
pub mod dto;
pub mod model;
pub mod pager;
pub mod reply;
pub mod urls;

pub use client::{EsploraClient, RetryPolicy};
pub use model::{AddressSummary, Spend, Utxo};
pub use pager::{AddressHistory, HistoryPager, HistoryProgress, PageRequest};
pub use urls::EsploraUrls;
