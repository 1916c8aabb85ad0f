#![cfg(not(target_arch = "wasm32"))]
//! The flows table (the canvas's accessible alternative): its rows are the canvas's aggregated
//! flows, it sorts by every column in both orders, and its rows point at canvas nodes.

#[path = "flow/support.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};

use spoor::chain::{Sats, TxStatus};
use spoor::flow::{FlowGraph, NodeKey};
use spoor::labels::LabelBook;
use spoor::trace::Outpoint;
use spoor::views::table::{
    flow_rows, row_key, row_touches, sort_flows, taint_share_bp, FlowColumn, FlowSort, SortOrder,
};
use spoor::views::{view_graph, AggregatedFlow, Party, ViewLevel};
use support::{confirmed, input, output, taint_result, tx, txid};

fn addr(a: &str) -> Party {
    Party::Address(a.into())
}

/// thief pays x (block 200) and y (block 100); y pays z unconfirmed.
fn graph() -> FlowGraph {
    let mut graph = FlowGraph::new();
    graph.add_tx(&tx(
        txid(1),
        vec![input("thief", 10_000)],
        vec![output("x", 6_000), output("thief", 3_000)],
        1_000,
        confirmed(200),
    ));
    graph.add_tx(&tx(
        txid(2),
        vec![input("thief", 5_000)],
        vec![output("y", 4_000)],
        1_000,
        confirmed(100),
    ));
    graph.add_tx(&tx(
        txid(3),
        vec![input("y", 4_000)],
        vec![output("z", 3_500)],
        500,
        TxStatus::Unconfirmed,
    ));
    graph
}

fn pairs(rows: &[AggregatedFlow]) -> Vec<(String, String)> {
    rows.iter().map(|r| (r.from.id_text(), r.to.id_text())).collect()
}

fn name(party: &Party) -> String {
    party.id_text()
}

#[test]
fn rows_are_the_canvas_flows_of_the_level() {
    let graph = graph();
    let rows = flow_rows(&graph, ViewLevel::Addresses, &LabelBook::new(), &BTreeSet::new(), None);
    let view = view_graph(&graph, ViewLevel::Addresses, &LabelBook::new(), &BTreeSet::new(), None).unwrap();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        let key = row_key(row, ViewLevel::Addresses).unwrap();
        assert!(view.id_of(&key).is_some(), "{key:?} is drawn");
        assert!(view.id_of(&row.from.node_key()).is_some());
        assert!(view.id_of(&row.to.node_key()).is_some());
    }
    // At the transaction level a row opens its first transaction.
    let rows_tx = flow_rows(
        &graph,
        ViewLevel::Transactions,
        &LabelBook::new(),
        &BTreeSet::new(),
        None,
    );
    assert_eq!(rows_tx, rows);
    let to_x = rows.iter().find(|r| r.to == addr("x")).unwrap();
    assert_eq!(row_key(to_x, ViewLevel::Transactions), Some(NodeKey::Tx(txid(1))));
    assert!(graph.id_of(&NodeKey::Tx(txid(1))).is_some());
    assert_eq!(taint_share_bp(to_x), None, "no trace, no share");
}

#[test]
fn every_column_sorts_both_ways() {
    let rows = flow_rows(
        &graph(),
        ViewLevel::Addresses,
        &LabelBook::new(),
        &BTreeSet::new(),
        None,
    );
    let sorted = |column, order| {
        let mut rows = rows.clone();
        sort_flows(&mut rows, FlowSort { column, order }, name);
        pairs(&rows)
    };
    let (thief, x, y, z) = ("addr:thief", "addr:x", "addr:y", "addr:z");
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    // Amounts: 6,000 > 4,000 > 3,500.
    assert_eq!(
        sorted(FlowColumn::Amount, SortOrder::Descending),
        vec![pair(thief, x), pair(thief, y), pair(y, z)]
    );
    assert_eq!(
        sorted(FlowColumn::Amount, SortOrder::Ascending),
        vec![pair(y, z), pair(thief, y), pair(thief, x)]
    );
    // Time: block 100, block 200, then unconfirmed.
    assert_eq!(
        sorted(FlowColumn::Time, SortOrder::Ascending),
        vec![pair(thief, y), pair(thief, x), pair(y, z)]
    );
    assert_eq!(
        sorted(FlowColumn::Time, SortOrder::Descending),
        vec![pair(y, z), pair(thief, x), pair(thief, y)]
    );
    // From: ties (thief twice) fall back to the pair order.
    assert_eq!(
        sorted(FlowColumn::From, SortOrder::Ascending),
        vec![pair(thief, x), pair(thief, y), pair(y, z)]
    );
    assert_eq!(
        sorted(FlowColumn::To, SortOrder::Descending),
        vec![pair(y, z), pair(thief, y), pair(thief, x)]
    );
}

#[test]
fn taint_share_is_exact_and_sorts() {
    let graph = graph();
    let mut taint = BTreeMap::new();
    // tx 1's 6,000 to x is wholly tainted; tx 3's 3,500 to z has 875 tainted (25%).
    taint.insert(Outpoint::new(txid(0xdead_0000 + 10_000), 0), Sats(10_000));
    taint.insert(Outpoint::new(txid(1), 0), Sats(6_000));
    taint.insert(Outpoint::new(txid(0xdead_0000 + 4_000), 0), Sats(1_000));
    taint.insert(Outpoint::new(txid(3), 0), Sats(875));
    let result = taint_result(taint);
    let mut rows = flow_rows(
        &graph,
        ViewLevel::Addresses,
        &LabelBook::new(),
        &BTreeSet::new(),
        Some(&result),
    );
    sort_flows(&mut rows, FlowSort::default().clicked(FlowColumn::Taint), name);
    let shares: Vec<Option<u64>> = rows.iter().map(taint_share_bp).collect();
    assert_eq!(shares, vec![Some(10_000), Some(2_500), Some(0)]);
}

#[test]
fn a_header_click_flips_its_column_or_starts_another() {
    let start = FlowSort::default();
    assert_eq!(start.column, FlowColumn::Amount);
    assert_eq!(start.clicked(FlowColumn::Amount).order, SortOrder::Ascending);
    assert_eq!(start.clicked(FlowColumn::Time).order, SortOrder::Ascending);
    assert_eq!(start.clicked(FlowColumn::Taint).order, SortOrder::Descending);
    assert_eq!(
        start.clicked(FlowColumn::From).clicked(FlowColumn::From).order,
        SortOrder::Descending
    );
}

#[test]
fn rows_touching_the_selection_are_found_by_any_of_their_nodes() {
    let rows = flow_rows(
        &graph(),
        ViewLevel::Addresses,
        &LabelBook::new(),
        &BTreeSet::new(),
        None,
    );
    let touching = |key: NodeKey| {
        let mut found: Vec<(String, String)> = pairs(
            &rows
                .iter()
                .filter(|r| row_touches(r, &key))
                .cloned()
                .collect::<Vec<_>>(),
        );
        found.sort();
        found
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        touching(NodeKey::Address("y".into())),
        vec![pair("addr:thief", "addr:y"), pair("addr:y", "addr:z")]
    );
    assert_eq!(touching(NodeKey::Tx(txid(3))), vec![pair("addr:y", "addr:z")]);
    assert_eq!(
        touching(NodeKey::Transfer(addr("thief"), addr("x"))),
        vec![pair("addr:thief", "addr:x")]
    );
    assert!(touching(NodeKey::Address("nobody".into())).is_empty());
}
