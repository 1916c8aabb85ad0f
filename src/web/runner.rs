//! Starts the running job's fetch when the state says a job is running, and dispatches its
//! progress and result back. All jobs of a page share one scheduler per explorer (memory cache,
//! rate limit), backed by the localStorage store of confirmed transactions.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use yew::UseReducerDispatcher;

use super::jobs::{self, Job};
use super::net::GlooTransport;
use super::state::{Action, AppState};
use super::tx_store::LocalTxStore;
use crate::chain::Txid;
use crate::explorer::{Scheduler, SchedulerConfig};
use crate::flow::FlowNode;

/// The page's scheduler, remade when the explorer changes or a cancelled one must be replaced.
pub type SharedScheduler = Rc<RefCell<Option<Rc<Scheduler<GlooTransport>>>>>;

/// The scheduler for `api_base_url`, creating it if needed.
pub fn scheduler_for(shared: &SharedScheduler, api_base_url: &str) -> Rc<Scheduler<GlooTransport>> {
    let mut slot = shared.borrow_mut();
    match slot.as_ref() {
        Some(scheduler) if scheduler.base_url() == api_base_url && !scheduler.cancel_token().is_cancelled() => {
            scheduler.clone()
        }
        _ => {
            let config = SchedulerConfig::for_base_url(api_base_url);
            let scheduler =
                Rc::new(Scheduler::new(api_base_url, GlooTransport, config).with_store(Box::new(LocalTxStore)));
            *slot = Some(scheduler.clone());
            scheduler
        }
    }
}

/// Spawns the job on the browser's event loop.
pub fn spawn(
    job: Job,
    scheduler: Rc<Scheduler<GlooTransport>>,
    state: &AppState,
    dispatcher: UseReducerDispatcher<AppState>,
) {
    let known: BTreeSet<Txid> = state
        .graph
        .nodes()
        .filter_map(|(_, node)| match node {
            FlowNode::Tx(tx) => Some(tx.txid.clone()),
            FlowNode::Address(_) => None,
        })
        .collect();
    let job_id = job.id;
    let labels = state.labels.clone();
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
    wasm_bindgen_futures::spawn_local(async move {
        let result = jobs::run(scheduler.as_ref(), &job.kind, &known, &labels)
            .await
            .map_err(|err| format!("Could not load the {}: {err}", job.kind.describe()));
        dispatcher.dispatch(Action::FinishJob {
            job_id,
            generation: job.generation,
            result,
        });
    });
}
