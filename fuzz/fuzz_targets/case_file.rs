//! Snapshot / case files (`case::CaseFile::from_json`), then what opening one does: its view,
//! its labels, and the view's jobs replayed from the file into the graph the canvas draws.
//!
//! Input: a case file's text (a seed is a `spoor snapshot` output). Invariants: a case file that
//! reads writes out to JSON that reads back as the same case; its view decodes; a replayed
//! transaction is one the file holds; opening it (jobs, flow graph, heuristics, hub folds, the
//! scene's style, the address and entity views) never panics.

#![no_main]

mod common;

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use spoor::case::CaseFile;
use spoor::explorer::block_on;
use spoor::flow::{FlowGraph, NodeKey};
use spoor::jobs::{self, JobKind};
use spoor::scene_style::SceneStyle;
use spoor::views::{self, ViewLevel};

/// Most expansions of a view replayed per input (each may load up to 50 transactions).
const MAX_EXPANSIONS: usize = 8;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let case = match CaseFile::from_json(text) {
        Ok(case) => case,
        Err(error) => {
            let _ = error.to_string();
            return;
        }
    };
    assert_eq!(
        CaseFile::from_json(&case.to_json()).as_ref(),
        Ok(&case),
        "a case file reads back as written"
    );
    let view = case.view_state().expect("from_json checked the view");
    let chain = view.target.chain();
    let labels = case.label_book();
    let _ = case.answers.addresses();
    let replay = case.replay();

    let mut kinds = vec![JobKind::Tip, JobKind::open(&view.target)];
    kinds.extend(
        view.expansions
            .iter()
            .take(MAX_EXPANSIONS)
            .map(JobKind::of_expansion),
    );
    if let Some(trace) = &view.trace {
        kinds.push(JobKind::trace_of(&view.target, trace));
    }

    let mut graph = FlowGraph::of_chain(chain);
    let mut known = BTreeSet::new();
    let mut taint = None;
    for kind in &kinds {
        let output = match block_on(jobs::run(&replay, kind, &known, &labels)) {
            Ok(output) => output,
            Err(error) => {
                let _ = error.to_string();
                continue;
            }
        };
        for tx in &output.txs {
            assert_eq!(case.answers.txs.get(&tx.txid), Some(tx), "replayed from the file");
            common::check_tx(chain, tx);
            graph.add_tx(tx);
            known.insert(tx.txid.clone());
        }
        if let Some((address, state)) = output.history {
            graph.set_history(&address, state);
        }
        if let Some(trace) = output.trace {
            taint = Some(trace.result);
        }
    }

    let marks = spoor::marks::mark(&graph);
    let unfolded: BTreeSet<NodeKey> = view.unfolded_hubs.clone();
    let folds = spoor::hubs::fold_hubs(&graph, &unfolded, |_| false);
    let _ = SceneStyle::new(&graph, &labels, taint.as_deref(), &marks, &view.expanded_peels, &folds);
    for tx in case.answers.txs.values().take(20) {
        let _ = spoor::explain::explain_tx(&graph, tx);
    }
    let _ = views::address_flows(&graph);
    for level in ViewLevel::ALL {
        let _ = views::view_graph(&graph, level, &labels, &view.expanded_groups, taint.as_deref());
    }
});
