//! The Esplora REST API (blockstream.info/api, mempool.space/api, and our stand-in).

pub mod dto;
