//! The embed mode's pure half: the iframe code, the height messages, the text alternative.

mod common;

use std::collections::BTreeSet;

use common::memory::MemoryChain;
use spoor::embed::{height_messages, iframe_snippet, text_alternative, HeightMessage};
use spoor::explorer::block_on;
use spoor::flow::FlowGraph;
use spoor::i18n::Lang;
use spoor::jobs::{self, JobKind};
use spoor::labels::LabelBook;
use spoor::simulate::{simulate, SimParams};

#[test]
fn the_iframe_code_is_one_well_formed_element_with_the_recommended_attributes() {
    let url = "https://spoor.example/?embed=1&snapshot=cases%2Fzaif.json#/btc/address/1A?view=v1.x";
    let html = iframe_snippet(url, "Zaif <2018> & \"after\"", "spoor-1");
    let (iframe, script) = html.split_once('\n').unwrap();
    let doc = roxmltree::Document::parse(iframe).unwrap();
    let element = doc.root_element();
    assert_eq!(element.tag_name().name(), "iframe");
    assert_eq!(element.attribute("src"), Some(url));
    assert_eq!(element.attribute("title"), Some("Zaif <2018> & \"after\""));
    assert_eq!(element.attribute("loading"), Some("lazy"));
    assert_eq!(
        element.attribute("referrerpolicy"),
        Some("strict-origin-when-cross-origin")
    );
    let sandbox: BTreeSet<&str> = element.attribute("sandbox").unwrap().split(' ').collect();
    assert!(sandbox.contains("allow-scripts") && sandbox.contains("allow-top-navigation-by-user-activation"));
    assert!(
        !sandbox.contains("allow-top-navigation"),
        "leaving the article needs a click"
    );
    assert!(element.attribute("style").unwrap().contains("aspect-ratio:4/3"));
    // The listener only trusts messages from its own iframe.
    assert!(script.contains("e.source!==f.contentWindow") && script.contains("\"spoor-1\""));
}

#[test]
fn height_messages_speak_pym_only_when_a_pym_parent_asked() {
    let with_pym = height_messages(480, Some("graph"), "graph");
    assert_eq!(with_pym.len(), 3);
    assert_eq!(
        with_pym[0],
        HeightMessage::Text("pymxPYMxgraphxPYMxheightxPYMx480".into())
    );
    let plain = height_messages(480, None, "f");
    assert_eq!(plain.len(), 2);
    let HeightMessage::Json(amp) = &plain[0] else {
        panic!("{plain:?}")
    };
    assert_eq!(amp["sentinel"], "amp");
    assert_eq!(amp["type"], "embed-size");
    assert_eq!(amp["height"], 480);
    let HeightMessage::Json(own) = &plain[1] else {
        panic!("{plain:?}")
    };
    assert_eq!(own["spoor-height"]["id"], "f");
    assert_eq!(own["spoor-height"]["height"], 480);
}

#[test]
fn the_text_alternative_names_the_largest_transfers_with_txids_and_blocks() {
    let scenario = simulate(&SimParams {
        seed: 3,
        txs: 300,
        fanout: None,
        busy_txs: 0,
    });
    let txs = common::memory::scenario_txs(&scenario);
    let (labels, _) = LabelBook::from_csv(&scenario.labels_csv(), "labels.csv").unwrap();
    let kind = JobKind::history(&scenario.facts.thief_address);
    let output = block_on(jobs::run(&MemoryChain::new(txs), &kind, &BTreeSet::new(), &labels)).unwrap();
    let mut graph = FlowGraph::new();
    for tx in &output.txs {
        graph.add_tx(tx);
    }
    let text = text_alternative(&graph, None, &labels, Lang::En);
    assert!(text
        .summary
        .starts_with(&format!("The graph shows {} transactions", graph.tx_count())));
    assert!(!text.transfers.is_empty() && text.transfers.len() <= 25);
    assert!(text
        .transfers
        .iter()
        .all(|t| t.contains(" in transaction ") && t.contains("block ")));
    assert_eq!(
        text,
        text_alternative(&graph, None, &labels, Lang::En),
        "the same graph, the same words"
    );
    // The same words in German and Japanese, with the same counts, txids and blocks.
    let german = text_alternative(&graph, None, &labels, Lang::De);
    assert!(german
        .summary
        .starts_with(&format!("Der Graph zeigt {} Transaktionen", graph.tx_count())));
    assert_eq!(german.transfers.len(), text.transfers.len());
    assert!(german
        .transfers
        .iter()
        .all(|t| t.contains(" in Transaktion ") && t.contains("Block ")));
    let japanese = text_alternative(&graph, None, &labels, Lang::Ja);
    assert!(japanese
        .summary
        .contains(&format!("トランザクション {} 件", graph.tx_count())));
    assert_eq!(FlowGraph::new().tx_count(), 0);
    let empty = text_alternative(&FlowGraph::new(), None, &labels, Lang::En);
    assert!(empty.transfers.is_empty() && empty.more == 0);
}
