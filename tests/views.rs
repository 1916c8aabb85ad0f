#![cfg(not(target_arch = "wasm32"))]
//! Address-level and entity/cluster-level views: aggregated flows list the transactions they sum,
//! amounts are integer proportional shares, and groups expand back into addresses.

#[path = "flow/support.rs"]
mod support;

use std::collections::BTreeSet;

use spoor::chain::{Chain, Sats, TxStatus};
use spoor::flow::FlowGraph;
use spoor::labels::{Category, Label, LabelBook};
use spoor::views::{address_flows, address_flows_of, grouped_flows, AggregatedFlow, GroupKey, Grouping, Party};
use support::{input, output, tx, txid};

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
