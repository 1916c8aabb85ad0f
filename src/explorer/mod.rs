//! Block-explorer clients, sans I/O: they build requests and decode replies; `web::net` (browser)
//! and `cli::http` (native) are the only places that actually perform HTTP.

pub mod esplora;
