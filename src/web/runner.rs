//! Starts the running job's fetch when the state says a job is running, and dispatches its
//! progress and result back. Live pages share one scheduler per explorer (memory cache, rate
//! limit, backed by the localStorage store of confirmed transactions), seen through the view's
//! pinned height; a page opened on a case file answers from the file alone. Either way every
//! answer is recorded, so the page can write the case file of what it shows.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use yew::UseReducerDispatcher;

use super::net::GlooTransport;
use super::state::{Action, AppState};
use super::tx_store::LocalTxStore;
use crate::case::{CaseBook, Pinned, Recorder, Replay};
use crate::chain::{Chain, Tx, Txid};
use crate::explorer::{AddressHistory, ChainSource, ExplorerError, Provider, Scheduler, SchedulerConfig, Spend};
use crate::flow::FlowNode;
use crate::jobs::{self, Job, JobKind};

/// The page's live scheduler.
pub type PageScheduler = Rc<Scheduler<GlooTransport>>;

/// The page's scheduler and what it was made for (explorer and chain), remade when those or
/// its limits change. A cancelled one is resumed, not replaced: its caches serve the next job.
pub type SharedScheduler = Rc<RefCell<Option<(Provider, Chain, Rc<Scheduler<GlooTransport>>)>>>;

/// The answers of the current target's jobs (cleared when the target changes), for the case file.
#[derive(Debug, Default)]
pub struct PageRecord {
    pub generation: u64,
    pub book: Rc<RefCell<CaseBook>>,
}

pub type SharedRecord = Rc<RefCell<PageRecord>>;

/// The scheduler for `provider` on `chain`, creating it if needed; `request_timeout_ms` is
/// config.json's (`None`: the default).
pub fn scheduler_for(
    shared: &SharedScheduler,
    provider: &Provider,
    chain: Chain,
    request_timeout_ms: Option<u32>,
) -> Rc<Scheduler<GlooTransport>> {
    let config = SchedulerConfig::for_base_url(&provider.base_url).with_request_timeout_ms(request_timeout_ms);
    let mut slot = shared.borrow_mut();
    match slot.as_ref() {
        Some((made_for, made_chain, scheduler))
            if made_for == provider && *made_chain == chain && *scheduler.config() == config =>
        {
            scheduler.clone()
        }
        _ => {
            let scheduler = Rc::new(
                Scheduler::for_provider(provider, chain, GlooTransport, config).with_store(Box::new(LocalTxStore)),
            );
            *slot = Some((provider.clone(), chain, scheduler.clone()));
            scheduler
        }
    }
}

/// Where a page's lookups are answered.
pub enum PageSource {
    /// An explorer, through the scheduler, pinned when the view has a height.
    Live {
        scheduler: Rc<Scheduler<GlooTransport>>,
        pinned_height: Option<u32>,
    },
    /// A case file: no request leaves the page.
    Case(Replay),
}

impl ChainSource for PageSource {
    async fn txs(&self, txids: &[Txid]) -> Vec<Result<Tx, ExplorerError>> {
        match self {
            PageSource::Live { scheduler, .. } => scheduler.txs(txids).await,
            PageSource::Case(replay) => replay.txs(txids).await,
        }
    }

    async fn outspends(&self, txids: &[Txid]) -> Vec<Result<Vec<Option<Spend>>, ExplorerError>> {
        match self {
            PageSource::Live {
                scheduler,
                pinned_height: Some(height),
            } => Pinned::new(scheduler.as_ref(), *height).outspends(txids).await,
            PageSource::Live { scheduler, .. } => scheduler.outspends(txids).await,
            PageSource::Case(replay) => replay.outspends(txids).await,
        }
    }

    async fn address_history(&self, address: &str, max_txs: usize) -> Result<AddressHistory, ExplorerError> {
        match self {
            PageSource::Live {
                scheduler,
                pinned_height: Some(height),
            } => {
                Pinned::new(scheduler.as_ref(), *height)
                    .address_history(address, max_txs)
                    .await
            }
            PageSource::Live { scheduler, .. } => scheduler.address_history(address, max_txs).await,
            PageSource::Case(replay) => replay.address_history(address, max_txs).await,
        }
    }

    async fn tip_height(&self) -> Result<u32, ExplorerError> {
        match self {
            PageSource::Live {
                pinned_height: Some(height),
                ..
            } => Ok(*height),
            PageSource::Live { scheduler, .. } => scheduler.tip_height().await,
            PageSource::Case(replay) => replay.tip_height().await,
        }
    }
}

/// The source for the page's next job, and the book that records its answers.
pub fn source_for(
    shared: &SharedScheduler,
    record: &SharedRecord,
    state: &AppState,
) -> Option<(Recorder<PageSource>, Option<PageScheduler>)> {
    let book = {
        let mut record = record.borrow_mut();
        if record.generation != state.generation {
            *record = PageRecord {
                generation: state.generation,
                book: Rc::default(),
            };
        }
        record.book.clone()
    };
    if let Some(case) = &state.snapshot {
        return Some((Recorder::txids_only(PageSource::Case(case.replay()), book), None));
    }
    let timeout_ms = state.config.as_ref().and_then(|config| config.request_timeout_ms);
    let scheduler = scheduler_for(shared, &state.provider()?, state.chain(), timeout_ms);
    let source = PageSource::Live {
        scheduler: scheduler.clone(),
        pinned_height: state.pinned_height,
    };
    Some((Recorder::txids_only(source, book), Some(scheduler)))
}

/// Spawns the job on the browser's event loop.
pub fn spawn(
    job: Job,
    source: Recorder<PageSource>,
    scheduler: Option<PageScheduler>,
    state: &AppState,
    dispatcher: UseReducerDispatcher<AppState>,
) {
    let known: BTreeSet<Txid> = state
        .graph
        .nodes()
        .filter_map(|(_, node)| match node {
            FlowNode::Tx(tx) => Some(tx.txid.clone()),
            _ => None,
        })
        .collect();
    let job_id = job.id;
    let labels = state.labels.clone();
    // A trace started again after Stop (or after lookups that gave up) resumes: the answers
    // the view's last trace got are used again, only the rest is asked.
    let earlier = matches!(job.kind, JobKind::Trace(_))
        .then(|| state.trace.as_ref().map(|trace| trace.data.clone()))
        .flatten();
    if let Some(scheduler) = &scheduler {
        // Jobs run one at a time: the one before has finished, so a Stop it got is over.
        scheduler.resume();
        let progress_dispatcher = dispatcher.clone();
        // The scheduler counts since it was made; the bar shows this job's share.
        let before = scheduler.progress();
        scheduler.set_progress_listener(Box::new(move |mut progress| {
            progress.done = progress.done.saturating_sub(before.done);
            progress.requests = progress.requests.saturating_sub(before.requests);
            progress.retries = progress.retries.saturating_sub(before.retries);
            progress.cache_hits = progress.cache_hits.saturating_sub(before.cache_hits);
            progress_dispatcher.dispatch(Action::ReportProgress { job_id, progress });
        }));
    }
    wasm_bindgen_futures::spawn_local(async move {
        let result = jobs::run_reusing(&source, &job.kind, &known, &labels, earlier.as_deref())
            .await
            .map_err(|error| crate::web::state::UiError::Job {
                kind: job.kind.clone(),
                error,
            });
        dispatcher.dispatch(Action::FinishJob {
            job_id,
            generation: job.generation,
            result,
        });
    });
}
