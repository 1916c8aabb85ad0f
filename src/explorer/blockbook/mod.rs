//! The Blockbook v2 API (Trezor's indexer; the only public API for Bitcoin Cash, Litecoin,
//! Dogecoin and Monacoin), sans I/O like the Esplora client: URLs, status and JSON decoding, and
//! the paging state machine. The [`crate::explorer::Scheduler`] runs them.

pub mod decode;
pub mod dto;
pub mod pager;
pub mod reply;
pub mod urls;

pub use decode::OutputSpend;
pub use pager::BlockbookPager;
pub use urls::BlockbookUrls;
