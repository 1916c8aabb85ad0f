//! Snapshots: pinning hides the chain above a height, a recorded view replays from its case
//! file with identical results and without its source, and damaged files are explained.

mod common;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use common::memory::{scenario_txs as txs_of, MemoryChain};
use proptest::prelude::*;
use spoor::case::{CaseBook, CaseError, CaseFile, Pinned, Provenance, Recorder};
use spoor::chain::{Tx, Txid};
use spoor::explorer::{block_on, ChainSource, ExplorerError};
use spoor::jobs::{self, JobKind, JobOutput, MAX_HISTORY_TXS};
use spoor::labels::LabelBook;
use spoor::permalink::{TraceView, ViewState};
use spoor::route::Target;
use spoor::simulate::{simulate, Scenario, SimParams};
use spoor::trace::{Direction, StopRules, TaintMethod, TraceRequest, TraceStart};

fn scenario() -> Scenario {
    simulate(&SimParams {
        seed: 3,
        txs: 300,
        fanout: None,
        busy_txs: 0,
    })
}

fn labels_of(scenario: &Scenario) -> LabelBook {
    LabelBook::from_csv(&scenario.labels_csv(), "labels.csv").unwrap().0
}

/// A height in the middle of the thief's activity: some of its history lies above it.
fn middle_height(txs: &[Tx], thief: &str) -> u32 {
    let mut heights: Vec<u32> = txs
        .iter()
        .filter(|tx| common::memory::touches(tx, thief))
        .filter_map(|tx| tx.status.height())
        .collect();
    heights.sort_unstable();
    heights[heights.len() / 2]
}

#[test]
fn a_pinned_source_hides_history_and_spends_above_its_height() {
    let scenario = scenario();
    let txs = txs_of(&scenario);
    let thief = scenario.facts.thief_address.clone();
    let pin = middle_height(&txs, &thief);
    let live = MemoryChain::new(txs.clone());
    let pinned = Pinned::new(MemoryChain::new(txs.clone()), pin);

    let full = block_on(live.address_history(&thief, MAX_HISTORY_TXS)).unwrap();
    let cut = block_on(pinned.address_history(&thief, MAX_HISTORY_TXS)).unwrap();
    let expected: Vec<&Txid> = full
        .txs
        .iter()
        .filter(|tx| tx.status.height().is_some_and(|h| h <= pin))
        .map(|tx| &tx.txid)
        .collect();
    assert!(!expected.is_empty() && expected.len() < full.txs.len());
    assert_eq!(cut.txs.iter().map(|tx| &tx.txid).collect::<Vec<_>>(), expected);

    // Outputs spent above the pin read as unspent; spends at or below it stay.
    let all: Vec<Txid> = txs.iter().map(|tx| tx.txid.clone()).collect();
    let (mut hidden, mut kept) = (0, 0);
    for (live, pinned) in block_on(live.outspends(&all))
        .into_iter()
        .zip(block_on(pinned.outspends(&all)))
    {
        for (live, pinned) in live.unwrap().into_iter().zip(pinned.unwrap()) {
            match live {
                Some(spend) if spend.status.height().is_some_and(|h| h <= pin) => {
                    kept += 1;
                    assert_eq!(pinned, Some(spend));
                }
                Some(_) => {
                    hidden += 1;
                    assert_eq!(pinned, None);
                }
                None => assert_eq!(pinned, None),
            }
        }
    }
    assert!(hidden > 0 && kept > 0, "hidden {hidden}, kept {kept}");
    assert_eq!(block_on(pinned.tip_height()), Ok(pin));
}

/// What a page does for a traced view: the tip, the target's history, then the trace.
fn open_traced_view<S: ChainSource>(source: &S, thief: &str, labels: &LabelBook, rules: &StopRules) -> Vec<JobOutput> {
    let request = TraceRequest {
        start: TraceStart::Address(thief.to_string()),
        direction: Direction::Forward,
        method: TaintMethod::Haircut,
        rules: rules.clone(),
        max_history_txs: MAX_HISTORY_TXS,
    };
    let kinds = [JobKind::Tip, JobKind::history(thief), JobKind::Trace(Box::new(request))];
    kinds
        .iter()
        .map(|kind| block_on(jobs::run(source, kind, &BTreeSet::new(), labels)).unwrap())
        .collect()
}

fn view_of(thief: &str, pin: u32, rules: &StopRules) -> ViewState {
    let mut view = ViewState::of(Target::from_path(&format!("/btc/address/{thief}")).unwrap());
    view.pinned_height = Some(pin);
    view.trace = Some(TraceView {
        method: TaintMethod::Haircut,
        direction: Direction::Forward,
        max_hops: rules.max_hops,
        min_taint_sats: rules.min_taint_sats.to_u64(),
        stop_categories: rules.stop_categories.iter().copied().collect(),
    });
    view
}

fn recorded_case(scenario: &Scenario, pin: u32, rules: &StopRules) -> (CaseFile, Vec<JobOutput>) {
    let thief = &scenario.facts.thief_address;
    let labels = labels_of(scenario);
    let book = Rc::new(RefCell::new(CaseBook::default()));
    let source = Recorder::new(Pinned::new(MemoryChain::new(txs_of(scenario)), pin), book.clone());
    let outputs = open_traced_view(&source, thief, &labels, rules);
    let provenance = Provenance {
        api_base_url: "http://127.0.0.1:1/api".into(),
        fetched_at: "2026-11-21T12:00:00Z".into(),
        tip_height: Some(pin),
        pinned_height: Some(pin),
        spoor_version: "test".into(),
    };
    let answers = book.borrow().clone();
    let case = CaseFile::new(
        "Thief".into(),
        &view_of(thief, pin, rules),
        answers,
        &labels,
        provenance,
    );
    (case, outputs)
}

#[test]
fn a_recorded_view_replays_from_its_case_file_with_the_same_results() {
    let scenario = scenario();
    let txs = txs_of(&scenario);
    let thief = scenario.facts.thief_address.clone();
    let pin = txs.iter().filter_map(|tx| tx.status.height()).max().unwrap();
    let (case, recorded) = recorded_case(&scenario, pin, &StopRules::default());

    let reopened = CaseFile::from_json(&case.to_json()).unwrap();
    assert_eq!(reopened, case);
    assert_eq!(
        reopened.view_state().unwrap(),
        view_of(&thief, pin, &StopRules::default())
    );
    let replayed = open_traced_view(
        &reopened.replay(),
        &thief,
        &reopened.label_book(),
        &StopRules::default(),
    );
    assert_eq!(replayed, recorded);
    let trace = replayed[2].trace.as_ref().unwrap();
    assert!(trace.result.errors.is_empty(), "{:?}", trace.result.errors);
    assert!(trace.result.traced_txs.len() > 10);
    assert_eq!(replayed[0].tip_height, Some(pin));

    // The case keeps the labels of its own addresses, not the whole label file.
    let labels = labels_of(&scenario);
    let addresses = case.answers.addresses();
    assert!(!case.labels.is_empty());
    assert!(case.labels.iter().all(|row| addresses.contains(row.address.as_str())));
    assert!(case.labels.len() < scenario.labels.len());
    for row in &case.labels {
        assert_eq!(labels.labels_of(spoor::chain::Chain::Btc, &row.address).len(), 1);
    }
}

#[test]
fn a_replayed_case_answers_only_what_it_holds() {
    let scenario = scenario();
    let txs = txs_of(&scenario);
    let pin = middle_height(&txs, &scenario.facts.thief_address);
    let (case, _) = recorded_case(&scenario, pin, &StopRules::default());
    let replay = case.replay();
    let missing = txs.iter().find(|tx| !case.answers.txs.contains_key(&tx.txid)).unwrap();
    let answer = block_on(replay.txs(std::slice::from_ref(&missing.txid))).remove(0);
    assert!(matches!(answer, Err(ExplorerError::NotInSnapshot { .. })), "{answer:?}");
    assert!(answer
        .unwrap_err()
        .to_string()
        .contains("holds only what its author loaded"));
    let history = block_on(replay.address_history("1NotInTheCase", 10));
    assert!(matches!(history, Err(ExplorerError::NotInSnapshot { .. })));
    // Nothing above the pin was recorded.
    assert!(case
        .answers
        .txs
        .values()
        .all(|tx| tx.status.height().is_some_and(|h| h <= pin)));
}

#[test]
fn damaged_case_files_are_explained() {
    let scenario = scenario();
    let (case, _) = recorded_case(&scenario, 1_000_000, &StopRules::default());
    let json: serde_json::Value = serde_json::from_str(&case.to_json()).unwrap();
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut value = json.clone();
        edit(&mut value);
        CaseFile::from_json(&value.to_string())
    };

    assert!(matches!(
        CaseFile::from_json("{\"format\": "),
        Err(CaseError::NotJson(_))
    ));
    assert_eq!(CaseFile::from_json("{\"nodes\": []}"), Err(CaseError::NotACase));
    assert_eq!(with(&|v| v["version"] = 2.into()), Err(CaseError::UnknownVersion(2)));
    assert!(matches!(
        with(&|v| v["view"] = "v1.!!".into()),
        Err(CaseError::BadView(_))
    ));
    assert!(matches!(
        with(&|v| v["answers"]["txs"] = 5.into()),
        Err(CaseError::Malformed(_))
    ));

    let first = case.answers.txs.keys().next().unwrap().to_string();
    let other = "ab".repeat(32);
    let moved = with(&|v| {
        let tx = v["answers"]["txs"][&first].take();
        v["answers"]["txs"].as_object_mut().unwrap().remove(&first);
        v["answers"]["txs"][&other] = tx;
    });
    let message = moved.unwrap_err().to_string();
    assert!(message.contains("is stored under the id"), "{message}");

    let (address, history) = case.answers.histories.iter().next().unwrap();
    let dropped = history.txids[0].to_string();
    let missing = with(&|v| {
        v["answers"]["txs"].as_object_mut().unwrap().remove(&dropped);
    });
    let message = missing.unwrap_err().to_string();
    assert!(
        message.contains(address.as_str()) && message.contains("does not hold"),
        "{message}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn reading_any_text_as_a_case_file_never_panics(text in ".{0,200}") {
        let _ = CaseFile::from_json(&text);
        let _ = CaseFile::from_json(&format!("{{\"format\":\"spoor-case\",\"version\":1,{text}}}"));
    }
}

proptest! {
    // Large simulated cases (thousands of transactions, a traced view): few cases, each heavy.
    #![proptest_config(ProptestConfig::with_cases(3))]

    /// Export → import is lossless on a large case: a trace followed as far as it goes (every hop,
    /// every satoshi) through a fan-out to thousands of addresses reads back as the same case, its
    /// view as the same view, and replays to the recorded results to the satoshi.
    #[test]
    fn a_large_case_survives_export_and_import(seed in 0_u64..1_000, fanout in 1_000_usize..3_000) {
        // The thief's fan-out pays `fanout` addresses: the trace follows every one of them.
        let scenario = simulate(&SimParams { seed, txs: 3_000, fanout: Some(fanout), busy_txs: 0 });
        let thief = scenario.facts.thief_address.clone();
        let all = txs_of(&scenario);
        let pin = all.iter().filter_map(|tx| tx.status.height()).max().unwrap();
        let rules = StopRules {
            max_hops: 1_000,
            min_taint_sats: spoor::chain::Sats(1),
            max_txs: 100_000,
            stop_categories: Vec::new(),
            ..StopRules::default()
        };
        let (case, recorded) = recorded_case(&scenario, pin, &rules);
        let text = case.to_json();
        // Large: every recipient of the fan-out is in it (hundreds of kilobytes of answers).
        prop_assert!(case.answers.addresses().len() > fanout, "{} addresses", case.answers.addresses().len());
        let reopened = CaseFile::from_json(&text).unwrap();
        prop_assert_eq!(&reopened, &case);
        prop_assert_eq!(reopened.to_json(), text);
        prop_assert_eq!(reopened.view_state().unwrap(), view_of(&thief, pin, &rules));
        let replayed = open_traced_view(&reopened.replay(), &thief, &reopened.label_book(), &rules);
        prop_assert_eq!(replayed, recorded);
    }
}
