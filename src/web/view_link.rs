//! The page's state ↔ its permalink (`crate::permalink`): what goes into the address bar as the
//! reader works, and what a link's `?view=` inside the hash restores.
//!
//! Carried so far: target, trace (method, direction, hops, minimum, stop categories; re-run on
//! open), layout, expansions (replayed in order), expanded peel chains, unfolded hubs, the
//! selected node, the camera, the pinned block height, the nodes the reader pinned and where
//! every node was drawn, and a link's language (passed on; the interface has one until issue 8).

use crate::jobs::JobKind;
use crate::permalink::{self, TraceView, ViewState};
use crate::web::state::{AppState, TraceSettings};

/// The view to write into the address bar, `None` without a target.
#[must_use]
pub fn view_of(state: &AppState) -> Option<ViewState> {
    let mut view = ViewState::of(state.target.clone()?);
    view.layout = state.layout;
    // A trace shown, or asked for and not finished yet (a reload meanwhile must not drop it).
    let trace_job = |kind: &JobKind| matches!(kind, JobKind::Trace(_));
    let tracing = state.trace.is_some()
        || state.trace_when_ready
        || state.running.as_ref().is_some_and(|r| trace_job(&r.job.kind))
        || state.queue.iter().any(|job| trace_job(&job.kind));
    view.trace = tracing.then(|| state.trace_settings.view());
    view.pinned_height = state.pinned_height;
    view.expansions.clone_from(&state.expansions);
    view.camera = state.camera;
    view.pinned.clone_from(&state.pins);
    view.language.clone_from(&state.language);
    view.positions = state.drawn_positions.as_deref().cloned();
    // Until a link's selection is fetched, keep it in the link.
    view.selected = state
        .selected
        .and_then(|id| state.shown.key_of(id))
        .or_else(|| state.pending_selection.clone());
    view.expanded_peels.clone_from(&state.expanded_peels);
    view.unfolded_hubs.clone_from(&state.unfolded_hubs);
    view.user_labels = labels_in_link(state);
    view.view_level = state.view_level;
    view.expanded_groups.clone_from(&state.expanded_groups);
    Some(view)
}

/// The labels and notes a link carries: the ones it was opened with, and the reader's own on
/// the nodes shown when they chose to share them (the reader's win for the same node).
fn labels_in_link(state: &AppState) -> Vec<crate::labels::user::UserLabel> {
    let mut labels = (*state.link_labels).clone();
    if state.share_user_labels {
        let chain = state.chain();
        let shown = |key: &str| {
            let node = match crate::chain::Txid::parse(key) {
                Ok(txid) => crate::flow::NodeKey::Tx(txid),
                Err(_) => crate::flow::NodeKey::Address(key.to_string()),
            };
            state.graph.id_of(&node).is_some()
        };
        for label in state.user_labels.iter().filter(|l| l.chain == chain && shown(&l.key)) {
            labels.set(label.clone());
        }
    }
    labels.iter().cloned().collect()
}

/// The hash for a view: `#/btc/address/<a>`, with `?view=v1.…` when there is more than the target.
#[must_use]
pub fn hash_of(view: &ViewState) -> String {
    let path = view.target.to_path();
    if *view == ViewState::of(view.target.clone()) {
        format!("#{path}")
    } else {
        format!("#{path}?view={}", permalink::encode(view))
    }
}

/// The `view=` parameter of a hash such as `#/btc/tx/<txid>?view=v1.…`.
#[must_use]
pub fn view_param(hash: &str) -> Option<&str> {
    let (_, query) = hash.split_once('?')?;
    query.split('&').find_map(|pair| pair.strip_prefix("view="))
}

/// The trace controls a view asks for.
#[must_use]
pub fn settings_of(trace: &TraceView) -> TraceSettings {
    TraceSettings {
        method: trace.method,
        direction: trace.direction,
        max_hops: trace.max_hops,
        min_taint_sats: crate::chain::Sats(trace.min_taint_sats),
        stop_categories: trace.stop_categories.iter().copied().collect(),
    }
}
