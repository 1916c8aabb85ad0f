#![cfg(not(target_arch = "wasm32"))]
//! `spoor trace` end to end on the native side: simulate a hack, serve it with `spoor
//! serve-chain`, trace the thief through the real ureq transport and the scheduler, and compare
//! the JSON with the same trace run in-process over the chain held in memory.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;
use spoor::chain::Txid;
use spoor::explorer::block_on;
use spoor::labels::LabelBook;
use spoor::trace::{self, Direction, StopRules, TaintMethod, TraceRequest, TraceResult, TraceStart};

mod common;

use common::memory::{spends_from, MemoryChain};
use common::served::{Served, TRACE_SUMMARY_KEYS};

/// The same trace as the CLI's defaults, run in-process over the chain in memory.
fn in_process(served: &Served, start: TraceStart, method: TaintMethod) -> TraceResult {
    let (labels, warnings) = LabelBook::from_csv(&served.scenario.labels_csv(), "labels.csv").unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let request = TraceRequest {
        start,
        direction: Direction::Forward,
        method,
        rules: StopRules::default(),
        max_history_txs: 10_000,
    };
    let memory = MemoryChain::new(served.txs());
    block_on(trace::run(&memory, &request, &labels, |_| {})).unwrap().1
}

fn sats(json: &Value, key: &str) -> u64 {
    json[key].as_u64().unwrap_or_else(|| panic!("{key} missing in {json}"))
}

/// fees + unspent + Σ by_entity + frontier + below_minimum.
fn accounted(json: &Value) -> u64 {
    let entities: u64 = json["by_entity"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    ["fees_sats", "unspent_sats", "frontier_sats", "below_minimum_sats"]
        .iter()
        .map(|key| sats(json, key))
        .sum::<u64>()
        + entities
}

#[test]
fn haircut_trace_of_the_thief_matches_the_engine_run_in_process_and_adds_up() {
    let served = Served::start("haircut");
    let thief = served.scenario.facts.thief_address.clone();
    let labels = served.labels_path();
    let json = served.trace_json(&["--from-address", &thief, "--labels", &labels, "--method", "haircut"]);

    // The source is every output paying the thief from outside (not its own change).
    let source: u64 = served
        .txs()
        .iter()
        .filter(|tx| !spends_from(tx, &thief))
        .flat_map(|tx| &tx.outputs)
        .filter(|o| o.address.as_deref() == Some(thief.as_str()))
        .map(|o| o.value_sats.to_u64())
        .sum();
    assert_eq!(sats(&json, "source_sats"), source);
    assert!(source >= served.scenario.facts.stolen_sats);
    assert_eq!(accounted(&json), source, "{json}");
    assert_eq!(json["method"], "haircut");
    assert_eq!(json["conserves"], true);

    let expected = in_process(&served, TraceStart::Address(thief), TaintMethod::Haircut).to_json(0);
    for key in TRACE_SUMMARY_KEYS {
        assert_eq!(json[key], expected[key], "{key}");
    }

    // The simulated exchanges and the mixer are where the trace stops.
    let categories: BTreeSet<&str> = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["category"].as_str().unwrap())
        .collect();
    assert!(
        categories.contains("exchange") && categories.contains("mixer"),
        "{categories:?}"
    );
    let labelled: BTreeSet<&str> = served.scenario.labels.iter().map(|l| l.entity.as_str()).collect();
    for entity in json["by_entity"].as_object().unwrap().keys() {
        assert!(labelled.contains(entity.as_str()), "{entity}");
    }

    // With no faults, deduplication keeps the requests exactly at the bound.
    let requests = sats(&json, "requests");
    assert!(requests > 0);
    assert_eq!(json["fetch"]["requests"], json["requests"]);
    assert_eq!(
        json["fetch"]["lower_bound"].as_u64(),
        Some(requests),
        "{}",
        json["fetch"]
    );
    assert!(json["traced_txs"].as_array().unwrap().len() > 5);
}

#[test]
fn poison_says_it_does_not_conserve_in_json_and_in_words() {
    let served = Served::start("poison");
    let thief = served.scenario.facts.thief_address.clone();
    let labels = served.labels_path();
    let json = served.trace_json(&["--from-address", &thief, "--labels", &labels, "--method", "poison"]);
    assert_eq!(json["method"], "poison");
    assert_eq!(json["conserves"], false);
    let expected = in_process(&served, TraceStart::Address(thief.clone()), TaintMethod::Poison).to_json(0);
    assert_eq!(json["by_entity"], expected["by_entity"]);

    let output = served.trace(&["--from-address", &thief, "--labels", &labels, "--method", "poison"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(stdout.contains("does NOT conserve"), "{stdout}");
    assert!(stdout.contains("→ Synthetic Mixer"), "{stdout}");
    for line in [
        "source",
        "fees",
        "unspent",
        "frontier",
        "below minimum",
        "traced txs:",
        "requests:",
    ] {
        assert!(stdout.contains(line), "{line} missing in:\n{stdout}");
    }
}

#[test]
fn one_output_of_the_theft_tx_is_traced_and_adds_up() {
    let served = Served::start("outpoint");
    let theft = served.scenario.facts.theft_txid.clone();
    let labels = served.labels_path();
    let json = served.trace_json(&[
        "--from-tx",
        &format!("{theft}:0"),
        "--labels",
        &labels,
        "--method",
        "fifo",
    ]);
    let theft_tx = served.txs().into_iter().find(|tx| tx.txid.as_str() == theft).unwrap();
    assert_eq!(sats(&json, "source_sats"), theft_tx.outputs[0].value_sats.to_u64());
    assert_eq!(accounted(&json), sats(&json, "source_sats"), "{json}");
    let outpoint = spoor::trace::Outpoint::new(Txid::parse(&theft).unwrap(), 0);
    let expected = in_process(&served, TraceStart::Outpoints(vec![outpoint]), TaintMethod::Fifo).to_json(0);
    assert_eq!(json["by_entity"], expected["by_entity"]);
    assert_eq!(json["traced_txs"], expected["traced_txs"]);
    assert_eq!(json["fetch"]["history_pages"], 0);
}

#[test]
fn a_bad_label_file_fails_naming_the_file_and_line() {
    let served = Served::start("badlabels");
    let bad = served.dir.join("bad.csv");
    std::fs::write(
        &bad,
        "chain,address,entity,category,source_url\nbtc,1A,X,exchange,u\nbtc,1B,Y,casino,u\n",
    )
    .unwrap();
    let thief = served.scenario.facts.thief_address.clone();
    let output = served.trace(&["--from-address", &thief, "--labels", &bad.display().to_string()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad.csv line 3"), "{stderr}");
    assert!(stderr.contains("casino"), "{stderr}");
}

#[test]
fn a_trace_without_a_start_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_spoor"))
        .args(["trace", "--api", "http://127.0.0.1:9/api"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--from-address") && stderr.contains("--from-tx"),
        "{stderr}"
    );
}

#[test]
fn a_bad_start_is_refused_in_words_before_any_request() {
    for args in [
        ["--from-address", "1abc"].as_slice(),
        ["--from-tx", "nothex:0"].as_slice(),
        [
            "--from-address",
            "13g7PTcV6GiuHuTUgBUw55QVtsxUxj773F",
            "--stop",
            "exchange,casino",
        ]
        .as_slice(),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_spoor"))
            .args(["trace", "--api", "http://127.0.0.1:9/api"])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.starts_with("spoor: "), "{stderr}");
    }
}

#[test]
fn snapshot_writes_a_case_file_that_replays_the_pinned_trace_without_the_explorer() {
    let served = Served::start("snapshot");
    let thief = served.scenario.facts.thief_address.clone();
    let out = served.dir.join("case.json");
    let output = Command::new(env!("CARGO_BIN_EXE_spoor"))
        .args([
            "snapshot",
            "--api",
            &served.api,
            "--from-address",
            &thief,
            "--labels",
            &served.labels_path(),
        ])
        .args(["--title", "Thief & co"])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let tip = served.scenario.facts.tip_height;
    assert!(stderr.contains(&format!("pinned at block {tip}")), "{stderr}");

    let case = spoor::case::CaseFile::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(case.title, "Thief & co");
    assert_eq!(case.provenance.api_base_url, served.api);
    assert_eq!(case.provenance.pinned_height, Some(tip));
    assert!(
        case.provenance.fetched_at.ends_with('Z'),
        "{}",
        case.provenance.fetched_at
    );
    let view = case.view_state().unwrap();
    assert_eq!(view.pinned_height, Some(tip));
    let trace = view.trace.clone().unwrap();

    // What the app runs on opening the view, answered by the file alone, equals the same trace
    // run in-process over the whole chain pinned at the same block.
    let target = view.target.clone();
    let labels = case.label_book();
    let known = BTreeSet::new();
    let run = |source: &dyn Fn(&spoor::jobs::JobKind) -> spoor::jobs::JobOutput| {
        [
            spoor::jobs::JobKind::open(&target),
            spoor::jobs::JobKind::trace_of(&target, &trace),
        ]
        .map(|kind| source(&kind))
    };
    let replay = case.replay();
    let replayed = run(&|kind| block_on(spoor::jobs::run(&replay, kind, &known, &labels)).unwrap());
    let pinned = spoor::case::Pinned::new(MemoryChain::new(served.txs()), tip);
    let (full_labels, _) = LabelBook::from_csv(&served.scenario.labels_csv(), "labels.csv").unwrap();
    let direct = run(&|kind| block_on(spoor::jobs::run(&pinned, kind, &known, &full_labels)).unwrap());
    assert_eq!(replayed[0].txs, direct[0].txs);
    let (replayed, direct) = (replayed[1].trace.as_ref().unwrap(), direct[1].trace.as_ref().unwrap());
    assert_eq!(replayed.result, direct.result);
    assert!(replayed.result.errors.is_empty());
    assert!(!replayed.result.summary.by_entity.is_empty());
}

#[test]
fn snapshot_keeps_more_history_when_asked_and_refuses_sizes_out_of_range() {
    let served = Served::start("snapshot-history");
    let thief = served.scenario.facts.thief_address.clone();
    let out = served.dir.join("case.json");
    let snapshot = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_spoor"))
            .args(["snapshot", "--api", &served.api, "--no-bundled-labels"])
            .args(extra)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    let output = snapshot(&["--from-address", &thief, "--history-txs", "3000"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let case = spoor::case::CaseFile::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let view = case.view_state().unwrap();
    assert_eq!(
        view.expansions,
        vec![spoor::permalink::Expansion::History {
            address: thief.clone(),
            max_txs: 3_000
        }]
    );
    let job = spoor::jobs::JobKind::of_expansion(&view.expansions[0]);
    let replayed = block_on(spoor::jobs::run(
        &case.replay(),
        &job,
        &BTreeSet::new(),
        &LabelBook::default(),
    ))
    .unwrap();
    assert_eq!(
        replayed.history.map(|(_, state)| state),
        Some(spoor::flow::HistoryState::Complete)
    );

    for (args, says) in [
        (
            vec!["--from-address", thief.as_str(), "--history-txs", "999"],
            "--history-txs 999",
        ),
        (
            vec!["--from-address", thief.as_str(), "--history-txs", "100001"],
            "--history-txs 100001",
        ),
        (
            vec![
                "--from-tx",
                served.scenario.facts.theft_txid.as_str(),
                "--history-txs",
                "2000",
            ],
            "needs --from-address",
        ),
    ] {
        let output = snapshot(&args);
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{stderr}");
    }
}
