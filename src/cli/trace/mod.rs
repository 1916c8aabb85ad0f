//! `spoor trace`: follows stolen coins from an address or from transaction outputs through an
//! Esplora or Blockbook API with the tracing engine, and prints where they went (a summary, or `--json`).
//!
//! The shell only wires things: options → [`TraceRequest`](crate::trace::TraceRequest), label
//! files → [`LabelBook`](crate::labels::LabelBook), the [`Scheduler`] over the ureq transport as
//! the chain source, [`trace::run`](crate::trace::run) under [`block_on`], then the report.

pub(super) mod args;
mod fetch_stats;
pub(super) mod labels;
mod report;

use std::time::Instant;

pub use args::default_stop_codes;

use self::fetch_stats::FetchStats;
use super::http::UreqTransport;
use super::TraceArgs;
use crate::explorer::{block_on, Scheduler};
use crate::trace::{self, TraceProgress};

/// Runs `spoor trace`; errors come back in words (the caller prints them and exits 1).
pub fn run(args: &TraceArgs) -> Result<(), String> {
    let chain = args::chain(args)?;
    let request = args::request(args, chain)?;
    let config = args::scheduler_config(args)?;
    let (labels, other_chain_rows) = labels::load_with_bundled(chain, &args.labels, args.no_bundled_labels)?;
    if other_chain_rows > 0 {
        eprintln!(
            "labels: skipped {other_chain_rows} rows of chains other than {}",
            chain.code()
        );
    }
    let provider = args::provider(&args.api, &args.api_kind)?;
    let scheduler = Scheduler::for_provider(
        &provider,
        chain,
        UreqTransport::with_timeout_ms(config.request_timeout_ms),
        config,
    );
    let started = Instant::now();
    let on_progress = |p: TraceProgress| {
        eprintln!(
            "round {}: {} txs, {} outspends, {} tainted txs, {} failures, {} requests, {:.1} s",
            p.round,
            p.txs,
            p.outspends,
            p.tainted_txs,
            p.failures,
            scheduler.requests_made(),
            started.elapsed().as_secs_f64()
        );
    };
    let outcome = block_on(trace::run(&scheduler, &request, &labels, on_progress));
    let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let (data, result) = outcome.map_err(|err| format!("{err} (API {})", args.api))?;
    let stats = FetchStats::new(
        &data,
        &request.start,
        scheduler.requests_made(),
        scheduler.progress().retries,
        elapsed_ms,
        *scheduler.config(),
    );
    let via_history = scheduler.progress().spends_via_history;
    if via_history > 0 {
        eprintln!(
            "note: the server keeps no spending index: {via_history} spenders were found through the receiving addresses' histories (slower, and capped at their newest transactions)"
        );
    }
    if args.json {
        let mut json = result.to_json(stats.requests);
        if let Some(object) = json.as_object_mut() {
            let mut fetch = stats.to_json();
            if let Some(fetch) = fetch.as_object_mut() {
                fetch.insert("spends_via_history".to_string(), via_history.into());
            }
            object.insert("fetch".to_string(), fetch);
        }
        println!("{json}");
    } else {
        print!("{}", report::summary(&result, &stats, chain));
    }
    Ok(())
}
