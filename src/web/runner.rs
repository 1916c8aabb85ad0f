//! Starts the running job's fetch when the state says a job is running, and dispatches its
//! progress and result back. The explorer client is built per job from the state's base URL.

use std::collections::BTreeSet;

use yew::UseReducerDispatcher;

use super::jobs::{self, Job};
use super::net::GlooTransport;
use super::state::{Action, AppState};
use crate::chain::Txid;
use crate::explorer::{EsploraClient, RetryPolicy};
use crate::flow::FlowNode;

/// Spawns the job on the browser's event loop.
pub fn spawn(job: Job, api_base_url: String, state: &AppState, dispatcher: UseReducerDispatcher<AppState>) {
    let known: BTreeSet<Txid> = state
        .graph
        .nodes()
        .filter_map(|(_, node)| match node {
            FlowNode::Tx(tx) => Some(tx.txid.clone()),
            FlowNode::Address(_) => None,
        })
        .collect();
    wasm_bindgen_futures::spawn_local(async move {
        let client = EsploraClient::new(&api_base_url, GlooTransport, policy_for(&api_base_url));
        let progress_dispatcher = dispatcher.clone();
        let job_id = job.id;
        let result = jobs::run(&client, &job.kind, &known, move |progress| {
            progress_dispatcher.dispatch(Action::ReportProgress { job_id, progress });
        })
        .await
        .map_err(|err| format!("Could not load the {}: {err}", job.kind.describe()));
        dispatcher.dispatch(Action::FinishJob {
            job_id,
            generation: job.generation,
            result,
        });
    });
}

/// Public explorers rate-limit (≤4 requests a second is polite); our own stand-in does not.
fn policy_for(api_base_url: &str) -> RetryPolicy {
    let local =
        api_base_url.starts_with('/') || api_base_url.contains("://127.0.0.1") || api_base_url.contains("://localhost");
    if local {
        RetryPolicy {
            min_interval_ms: 0,
            ..RetryPolicy::default()
        }
    } else {
        RetryPolicy::default()
    }
}
