//! `spoor snapshot`: runs what the app runs when it opens a traced view (the target, then the
//! trace) against an explorer, pinned to a block, and writes every answer into a case file.
//! Natively there are no CORS limits, so a newsroom can make the file and host it beside the embed.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::time::{SystemTime, UNIX_EPOCH};

use super::http::UreqTransport;
use super::trace::{args, labels};
use super::SnapshotArgs;
use crate::case::{CaseBook, CaseFile, Pinned, Provenance, Recorder};
use crate::chain::{Address, Txid};
use crate::explorer::{block_on, ChainSource, Scheduler};
use crate::jobs::{self, JobKind, HISTORY_LIMIT, MAX_HISTORY_TXS};
use crate::permalink::{TraceView, ViewState};
use crate::route::Target;

/// Runs `spoor snapshot`; errors come back in words.
pub fn run(args: &SnapshotArgs) -> Result<(), String> {
    let target = target(args)?;
    let trace = TraceView {
        method: args::method(&args.rules.method)?,
        direction: args::direction(&args.rules.direction)?,
        max_hops: args.rules.hops,
        min_taint_sats: args.rules.min_sats,
        stop_categories: args::stop_categories(&args.rules.stop)?.into_iter().collect(),
    };
    let config = args::limits(&args.api, args.rate, args.in_flight)?;
    let chain = args::chain_of(&args.chain)?;
    let (labels, _) = labels::load_with_bundled(chain, &args.labels, args.no_bundled_labels)?;
    let provider = args::provider(&args.api, &args.api_kind)?;
    let scheduler = Scheduler::for_provider(
        &provider,
        chain,
        UreqTransport::with_timeout_ms(config.request_timeout_ms),
        config,
    );
    let tip = block_on(scheduler.tip_height()).map_err(|err| format!("{err} (API {})", args.api))?;
    let height = args.height.unwrap_or(tip);
    if height > tip {
        return Err(format!("--height {height} is above the explorer's tip {tip}"));
    }

    let more_history = more_history(&target, args.history_txs)?;
    let book = Rc::new(RefCell::new(CaseBook::default()));
    let source = Recorder::new(Pinned::new(&scheduler, height), book.clone());
    let known = BTreeSet::new();
    let kinds = [JobKind::Tip, JobKind::open(&target)]
        .into_iter()
        .chain(more_history.clone())
        .chain([JobKind::trace_of(&target, &trace)]);
    for kind in kinds {
        eprintln!("snapshot: {}", kind.describe(crate::i18n::Lang::En));
        let output =
            block_on(jobs::run(&source, &kind, &known, &labels)).map_err(|err| format!("{err} (API {})", args.api))?;
        if let Some(note) = output.note {
            eprintln!("snapshot: {note}");
        }
    }

    let mut view = ViewState::of(target.clone());
    view.pinned_height = Some(height);
    view.trace = Some(trace);
    view.expansions
        .extend(more_history.as_ref().and_then(JobKind::expansion));
    let provenance = Provenance {
        api_base_url: args.api.clone(),
        fetched_at: crate::format::iso_utc(now_secs()),
        tip_height: Some(tip),
        pinned_height: Some(height),
        spoor_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| format!("Where the coins of {} went", target.short_name()));
    let answers = book.borrow().clone();
    let case = CaseFile::new(title, &view, answers, &labels, provenance);
    std::fs::write(&args.out, case.to_json()).map_err(|err| format!("cannot write {}: {err}", args.out.display()))?;
    eprintln!(
        "snapshot: wrote {} ({} transactions, {} requests, pinned at block {height})",
        args.out.display(),
        case.answers.txs.len(),
        scheduler.requests_made()
    );
    Ok(())
}

/// The job loading the address's history beyond its first page, if `--history-txs` asks for it.
fn more_history(target: &Target, history_txs: usize) -> Result<Option<JobKind>, String> {
    if !(MAX_HISTORY_TXS..=HISTORY_LIMIT).contains(&history_txs) {
        return Err(format!(
            "--history-txs {history_txs}: give {MAX_HISTORY_TXS} to {HISTORY_LIMIT}"
        ));
    }
    if history_txs == MAX_HISTORY_TXS {
        return Ok(None);
    }
    match target {
        Target::Address(address) => Ok(Some(JobKind::AddressHistory {
            address: address.as_str().to_string(),
            max_txs: history_txs,
        })),
        Target::Tx(..) => Err("--history-txs needs --from-address".to_string()),
    }
}

fn target(args: &SnapshotArgs) -> Result<Target, String> {
    let chain = args::chain_of(&args.chain)?;
    match (&args.from_address, &args.from_tx) {
        (Some(address), None) => Address::parse(chain, address.trim())
            .map(Target::Address)
            .map_err(|err| format!("--from-address {address:?}: {err}")),
        (None, Some(txid)) => Txid::parse(txid.trim())
            .map(|txid| Target::Tx(chain, txid))
            .map_err(|err| format!("--from-tx {txid:?}: {err}")),
        _ => Err("give --from-address ADDRESS or --from-tx TXID".to_string()),
    }
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
