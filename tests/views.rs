#![cfg(not(target_arch = "wasm32"))]
//! Address-level and entity/cluster-level views: aggregated flows list the transactions they sum,
//! amounts are integer proportional shares, and groups expand back into addresses.

#[path = "flow/support.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};

use spoor::chain::{Chain, Sats, TxStatus};
use spoor::flow::{EdgeKind, FlowGraph, FlowNode, NodeId, NodeKey, TransferNode};
use spoor::labels::{Category, Label, LabelBook};
use spoor::trace::Outpoint;
use spoor::views::{
    address_flows, address_flows_of, grouped_flows, view_graph, AggregatedFlow, GroupKey, Grouping, Party, ViewLevel,
};
use support::{input, output, taint_result, tx, txid};

fn addr(a: &str) -> Party {
    Party::Address(a.into())
}

fn flow<'a>(flows: &'a [AggregatedFlow], from: &Party, to: &Party) -> &'a AggregatedFlow {
    flows
        .iter()
        .find(|f| f.from == *from && f.to == *to)
        .unwrap_or_else(|| panic!("{from:?} -> {to:?} in {flows:?}"))
}

/// thief pays x twice (txs 1 and 2); a and b (spent together in tx 3) pay the exchange.
fn graph() -> FlowGraph {
    let mut graph = FlowGraph::new();
    graph.add_tx(&tx(
        txid(1),
        vec![input("thief", 10_000)],
        vec![output("x", 6_000), output("thief", 3_000)],
        1_000,
        TxStatus::Unconfirmed,
    ));
    graph.add_tx(&tx(
        txid(2),
        vec![input("thief", 5_000)],
        vec![output("x", 4_000)],
        1_000,
        TxStatus::Unconfirmed,
    ));
    graph.add_tx(&tx(
        txid(3),
        vec![input("a", 3_000), input("b", 1_000)],
        vec![output("exchange", 3_000)],
        1_000,
        TxStatus::Unconfirmed,
    ));
    graph
}

#[test]
fn an_address_pair_sums_its_transactions_and_lists_them() {
    let flows = address_flows(&graph());
    let to_x = flow(&flows, &addr("thief"), &addr("x"));
    assert_eq!(to_x.value_sats, Sats(6_000 * 10_000 / 10_000 + 4_000));
    assert_eq!(to_x.txids, vec![txid(1), txid(2)]);
    // Change back to the sender is no flow.
    assert!(flows.iter().all(|f| f.from != f.to));
    // Two senders: the receiver's 3,000 split 3:1.
    assert_eq!(flow(&flows, &addr("a"), &addr("exchange")).value_sats, Sats(2_250));
    assert_eq!(flow(&flows, &addr("b"), &addr("exchange")).value_sats, Sats(750));
    assert_eq!(flows.len(), 3);
    let of_x = address_flows_of(&graph(), "x");
    assert_eq!(of_x, vec![to_x.clone()]);
}

#[test]
fn entities_and_common_input_clusters_group_addresses_and_expand_back() {
    let graph = graph();
    let mut labels = LabelBook::new();
    let tag = |entity: &str| Label {
        entity: entity.into(),
        category: Category::Exchange,
        source_url: "u".into(),
        dataset: "t".into(),
    };
    labels.insert(Chain::Btc, "exchange", tag("Big Exchange"));
    labels.insert(Chain::Btc, "x", tag("Big Exchange"));
    let grouping = Grouping::of(&graph, &labels, &BTreeSet::new());
    let groups: Vec<(GroupKey, Vec<String>)> = grouping.groups().map(|(k, m)| (k.clone(), m.to_vec())).collect();
    assert_eq!(
        groups,
        vec![
            (
                GroupKey::Entity("Big Exchange".into()),
                vec!["exchange".to_string(), "x".to_string()]
            ),
            (GroupKey::Cluster("a".into()), vec!["a".to_string(), "b".to_string()]),
        ]
    );
    let big = Party::Group(GroupKey::Entity("Big Exchange".into()));
    let cluster = Party::Group(GroupKey::Cluster("a".into()));
    let flows = grouped_flows(&graph, &grouping);
    assert_eq!(flow(&flows, &addr("thief"), &big).value_sats, Sats(10_000));
    assert_eq!(flow(&flows, &cluster, &big).value_sats, Sats(3_000));
    assert_eq!(flow(&flows, &cluster, &big).txids, vec![txid(3)]);

    // Expanding the cluster shows its addresses again.
    let expanded = BTreeSet::from([GroupKey::Cluster("a".into())]);
    let grouping = Grouping::of(&graph, &labels, &expanded);
    let flows = grouped_flows(&graph, &grouping);
    assert_eq!(flow(&flows, &addr("a"), &big).value_sats, Sats(2_250));
    assert_eq!(grouping.groups().count(), 1);
}

fn transfer<'a>(view: &'a FlowGraph, from: &Party, to: &Party) -> &'a TransferNode {
    let id = view
        .id_of(&NodeKey::Transfer(from.clone(), to.clone()))
        .unwrap_or_else(|| panic!("no transfer {from:?} -> {to:?}"));
    match view.node(id) {
        Some(FlowNode::Transfer(t)) => t,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_transaction_level_draws_the_graph_itself() {
    let graph = graph();
    assert!(view_graph(
        &graph,
        ViewLevel::Transactions,
        &LabelBook::new(),
        &BTreeSet::new(),
        None
    )
    .is_none());
}

#[test]
fn the_address_level_links_addresses_through_clickable_flow_handles() {
    let graph = graph();
    let view = view_graph(&graph, ViewLevel::Addresses, &LabelBook::new(), &BTreeSet::new(), None).unwrap();
    let flows = address_flows(&graph);
    // One handle per aggregated flow, one node per address, no transactions.
    assert_eq!(view.tx_count(), 0);
    let transfers: Vec<&TransferNode> = view
        .nodes()
        .filter_map(|(_, n)| match n {
            FlowNode::Transfer(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(transfers.len(), flows.len());
    for flow in &flows {
        let t = transfer(&view, &flow.from, &flow.to);
        assert_eq!((t.value_sats, &t.txids), (flow.value_sats, &flow.txids));
        assert_eq!(t.tainted_sats, None);
    }
    let addresses = view.nodes().filter(|(_, n)| matches!(n, FlowNode::Address(_))).count();
    assert_eq!(addresses, graph.address_count());
    // sender -> handle -> receiver, each edge carrying the flow's value.
    let handle = view.id_of(&NodeKey::Transfer(addr("thief"), addr("x"))).unwrap();
    let thief = view.id_of(&NodeKey::Address("thief".into())).unwrap();
    let x = view.id_of(&NodeKey::Address("x".into())).unwrap();
    let edges: Vec<(NodeId, NodeId, EdgeKind, Sats)> = view
        .edges()
        .filter(|(a, b, _)| *a == handle || *b == handle)
        .map(|(a, b, e)| (a, b, e.kind, e.value_sats))
        .collect();
    assert_eq!(
        edges,
        vec![
            (thief, handle, EdgeKind::Input, Sats(10_000)),
            (handle, x, EdgeKind::Output, Sats(10_000))
        ]
    );
}

#[test]
fn the_entity_level_draws_groups_as_one_node_until_expanded() {
    let graph = graph();
    let mut labels = LabelBook::new();
    labels.insert(
        Chain::Btc,
        "exchange",
        Label {
            entity: "Big Exchange".into(),
            category: Category::Exchange,
            source_url: "u".into(),
            dataset: "t".into(),
        },
    );
    let view = view_graph(&graph, ViewLevel::Entities, &labels, &BTreeSet::new(), None).unwrap();
    let cluster = GroupKey::Cluster("a".into());
    let group = view.id_of(&NodeKey::Group(cluster.clone())).unwrap();
    assert!(matches!(view.node(group), Some(FlowNode::Group(g)) if g.members == ["a", "b"]));
    assert!(view.id_of(&NodeKey::Address("a".into())).is_none());
    let big = Party::Group(GroupKey::Entity("Big Exchange".into()));
    assert_eq!(
        transfer(&view, &Party::Group(cluster.clone()), &big).txids,
        vec![txid(3)]
    );

    let expanded = BTreeSet::from([cluster.clone()]);
    let view = view_graph(&graph, ViewLevel::Entities, &labels, &expanded, None).unwrap();
    assert!(view.id_of(&NodeKey::Group(cluster)).is_none());
    assert_eq!(transfer(&view, &addr("a"), &big).value_sats, Sats(2_250));
}

#[test]
fn a_graph_that_grows_gives_a_view_that_grows_at_its_end() {
    let mut graph = graph();
    let before = view_graph(&graph, ViewLevel::Addresses, &LabelBook::new(), &BTreeSet::new(), None).unwrap();
    graph.add_tx(&tx(
        txid(4),
        vec![input("x", 4_000)],
        vec![output("y", 3_500)],
        500,
        TxStatus::Unconfirmed,
    ));
    let after = view_graph(&graph, ViewLevel::Addresses, &LabelBook::new(), &BTreeSet::new(), None).unwrap();
    let keys = |g: &FlowGraph| g.nodes().map(|(_, n)| n.key()).collect::<Vec<_>>();
    let (before, after) = (keys(&before), keys(&after));
    assert_eq!(after[..before.len()], before[..]);
    assert!(after.contains(&NodeKey::Transfer(addr("x"), addr("y"))));
}

#[test]
fn a_flows_tainted_part_follows_the_tainted_inputs() {
    // a (tainted 3,000 of 3,000) and b (clean) pay the exchange 3,000 in tx 3.
    let graph = graph();
    let mut taint = BTreeMap::new();
    // The support's inputs spend output 0 of txid(0xdead_0000 + value).
    taint.insert(Outpoint::new(txid(0xdead_0000 + 3_000), 0), Sats(3_000));
    taint.insert(Outpoint::new(txid(3), 0), Sats(2_000));
    let result = taint_result(taint);
    let view = view_graph(
        &graph,
        ViewLevel::Addresses,
        &LabelBook::new(),
        &BTreeSet::new(),
        Some(&result),
    )
    .unwrap();
    let from_a = transfer(&view, &addr("a"), &addr("exchange"));
    let from_b = transfer(&view, &addr("b"), &addr("exchange"));
    // All 2,000 tainted sats came from a's tainted input, capped at a's share of 2,250.
    assert_eq!(from_a.tainted_sats, Some(Sats(2_000)));
    assert_eq!(from_b.tainted_sats, Some(Sats(0)));
    assert_eq!(transfer(&view, &addr("thief"), &addr("x")).tainted_sats, Some(Sats(0)));
}
