//! The browser shell (wasm32 only): Yew components, the one HTTP transport (`net`) and the one
//! drawing module (`canvas2d`). Everything it shows comes from the pure core. The force layout
//! ticks in a Web Worker (`layout_worker`, the `spoor-layout-worker` binary), driven through
//! `layout_host`.

mod app;
mod autosave;
pub mod bench;
pub mod canvas2d;
mod components;
mod download;
mod embed_host;
mod exports;
mod frame_cache;
mod lang;
mod layout_host;
mod layout_protocol;
pub mod layout_worker;
pub mod net;
mod panic;
mod runner;
mod state;
mod theme;
pub mod tx_store;
mod user_store;
mod view_link;

/// Installs the panic hook and mounts the app on `<body>`.
pub fn start() {
    panic::install();
    yew::Renderer::<app::App>::new().render();
}
