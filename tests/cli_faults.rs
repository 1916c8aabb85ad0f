#![cfg(not(target_arch = "wasm32"))]
//! Faults over real HTTP: `spoor serve-chain` injecting 5xx, 429 bursts, replies past the
//! client's timeout, truncated and malformed JSON; `spoor trace` (ureq, the scheduler's retries)
//! ends with the same trace as against a stand-in without faults.

mod common;

use common::served::{Served, TRACE_SUMMARY_KEYS};

#[test]
fn spoor_trace_through_a_faulty_stand_in_says_what_it_says_without_faults() {
    let faults = [
        "--fail-rate",
        "0.2",
        "--burst-429",
        "200/2500",
        "--slow-rate",
        "0.1",
        "--slow-ms",
        "1000",
        "--truncate-rate",
        "0.05",
        "--malformed-rate",
        "0.05",
        "--seed",
        "4",
    ];
    let faulty = Served::start_on("faults", spoor::chain::Chain::Btc, &faults);
    let clean = Served::start("faults-clean");
    let labels = faulty.labels_path();
    let thief = faulty.scenario.facts.thief_address.clone();
    let args = ["--from-address", &thief, "--hops", "3", "--labels", &labels];
    let expected = clean.trace_json(&args);
    let json = faulty.trace_json(&[&args[..], &["--request-timeout-ms", "300"]].concat());
    for key in TRACE_SUMMARY_KEYS {
        assert_eq!(json[key], expected[key], "{key}");
    }
    assert_eq!(json["errors"], serde_json::json!([]));
    let retries = json["fetch"]["retries"].as_u64().unwrap();
    let requests = json["fetch"]["requests"].as_u64().unwrap();
    let clean_requests = expected["fetch"]["requests"].as_u64().unwrap();
    assert!(retries > 0, "{}", json["fetch"]);
    assert_eq!(requests, clean_requests + retries, "{}", json["fetch"]);
}
