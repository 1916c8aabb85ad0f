#![cfg(not(target_arch = "wasm32"))]
//! Hub folding: a fan-out shows its largest leaves and "+N more".

#[path = "flow/support.rs"]
mod support;

use std::collections::BTreeSet;

use spoor::chain::{Sats, TxStatus};
use spoor::flow::{FlowGraph, NodeId, NodeKey};
use spoor::hubs::{fold_hubs, FOLD_ABOVE_LEAVES, SHOWN_LEAVES};
use support::{input, output, payment, tx, txid};

/// The thief pays `width` addresses, recipient `i` getting `1_000 + i` sats.
fn fan_out(width: u64) -> FlowGraph {
    let outputs = (0..width).map(|i| output(&format!("r{i}"), 1_000 + i)).collect();
    let total = (0..width).map(|i| 1_000 + i).sum::<u64>();
    let mut graph = FlowGraph::new();
    graph.add_tx(&tx(
        txid(1),
        vec![input("thief", total)],
        outputs,
        0,
        TxStatus::Unconfirmed,
    ));
    graph
}

fn id(graph: &FlowGraph, address: &str) -> NodeId {
    graph.id_of(&NodeKey::Address(address.into())).unwrap()
}

#[test]
fn a_wide_fan_out_shows_its_largest_leaves_and_folds_the_rest() {
    let graph = fan_out(100);
    let folds = fold_hubs(&graph, &BTreeSet::new(), |_| false);
    assert_eq!(folds.hubs.len(), 1);
    let fold = &folds.hubs[0];
    assert_eq!(fold.hub_key, NodeKey::Tx(txid(1)));
    assert_eq!((fold.leaves, fold.folded.len()), (100, 100 - SHOWN_LEAVES));
    assert!(fold.outward);
    assert_eq!(fold.label(spoor::i18n::Lang::En), "+88 more");
    assert_eq!(fold.label(spoor::i18n::Lang::De), "+88 weitere");
    // The 12 largest (r88..r99) stay; the folded ones carry exactly their value.
    for i in 88..100 {
        assert!(!folds.is_folded(id(&graph, &format!("r{i}"))));
    }
    assert!(folds.is_folded(id(&graph, "r0")));
    assert_eq!(fold.folded_sats, Sats((0..88).map(|i| 1_000 + i).sum()));
    // Sides fold apart: the one input is not folded with the hundred outputs.
    assert!(!folds.is_folded(id(&graph, "thief")));
}

#[test]
fn hubs_at_or_below_the_threshold_are_not_folded() {
    let graph = fan_out(FOLD_ABOVE_LEAVES as u64 - 1);
    assert!(fold_hubs(&graph, &BTreeSet::new(), |_| false).hubs.is_empty());
}

#[test]
fn an_unfolded_hub_and_kept_leaves_stay_shown() {
    let graph = fan_out(100);
    let unfolded = BTreeSet::from([NodeKey::Tx(txid(1))]);
    assert!(fold_hubs(&graph, &unfolded, |_| false).hidden.is_empty());
    let target = id(&graph, "r3");
    let folds = fold_hubs(&graph, &BTreeSet::new(), |leaf| leaf == target);
    assert!(!folds.is_folded(target));
    assert_eq!(folds.hubs[0].folded.len(), 100 - SHOWN_LEAVES - 1);
}

#[test]
fn a_recipient_that_moved_its_coins_on_is_not_a_leaf() {
    let mut graph = fan_out(100);
    graph.add_tx(&payment(2, "r0", "onward", 900));
    let folds = fold_hubs(&graph, &BTreeSet::new(), |_| false);
    assert!(
        !folds.is_folded(id(&graph, "r0")),
        "r0 leads somewhere: folding it would hide that"
    );
    assert_eq!(folds.hubs[0].folded.len(), 100 - SHOWN_LEAVES - 1);
    assert_eq!(folds.of_hub(folds.hubs[0].hub).count(), 1);
}
