//! Spoor: shows where stolen cryptocurrency went.
//!
//! The pure core (`chain`, `explorer`, `flow`, `layout`, `route`, `camera`, `standin`,
//! `simulate`) compiles and tests natively with no browser crate. `web` is the thin Yew
//! shell (wasm32 only); `cli` is the native command line (never on wasm32).

// Every text of the interface, all four languages, from locales/*.yml (see `i18n`).
rust_i18n::i18n!("locales", fallback = "en");

pub mod camera;
pub mod case;
pub mod cases;
pub mod chain;
pub mod config;
pub mod embed;
pub mod explain;
pub mod explorer;
pub mod export;
pub mod flow;
pub mod format;
pub mod gestures;
pub mod graph_nav;
pub mod heuristics;
pub mod hosting;
pub mod hubs;
pub mod i18n;
pub mod jobs;
pub mod labels;
pub mod layout;
pub mod marks;
pub mod palette;
pub mod permalink;
pub mod remote_layout;
pub mod route;
pub mod saved_positions;
pub mod scene;
pub mod scene_style;
mod seeded;
pub mod simulate;
pub mod spatial;
pub mod standin;
pub mod trace;
pub mod views;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(target_arch = "wasm32")]
pub mod web;
