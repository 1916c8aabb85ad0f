#![cfg(not(target_arch = "wasm32"))]
//! The Blockbook v2 client and the stand-in's Blockbook API: every shared sample decodes, the
//! stand-in answers in Blockbook's shapes, and `spoor trace --api-kind blockbook` gives the same
//! trace as the Esplora API on simulated Bitcoin Cash and Monacoin chains, with or without a
//! spending index on the server.

mod common;

use std::path::Path;

use common::served::{Served, TRACE_SUMMARY_KEYS};
use serde_json::Value;
use spoor::chain::{Chain, TxStatus};
use spoor::explorer::blockbook::decode::{self, OutputSpend};
use spoor::explorer::blockbook::dto::BlockbookAddress;
use spoor::explorer::{ExplorerError, HttpReply};
use spoor::standin::{answer, ChainIndex};

const SAMPLES: &str = "../shared/fixtures/explorer-samples/blockbook";

fn sample(name: &str) -> HttpReply {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLES).join(name);
    HttpReply::json(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn every_shared_blockbook_sample_decodes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLES);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 6, "{names:?}");

    let (tx, spends) = decode::tx(&sample("tx-unconfirmed-rbf-73b1ad97.json"), "tx", Chain::Btc).unwrap();
    assert_eq!(tx.status, TxStatus::Unconfirmed, "blockHeight -1 is the mempool");
    assert_eq!(tx.inputs[0].prev_vout, 0, "a vin without vout spends output 0");
    assert_eq!(tx.inputs[0].prevout.as_ref().unwrap().value_sats.to_u64(), 371_042);
    assert_eq!(tx.fee_sats.to_u64(), 3_885);
    assert_eq!(tx.output_total().to_u64() + 3_885, 371_042);
    assert!(spends.iter().all(|s| *s == OutputSpend::Unspent));

    let btc = decode::address_page(&sample("address-txs-btc-bech32-bc1qrfr44-13txs.json"), "a", Chain::Btc).unwrap();
    assert_eq!(btc.txs.len(), 13);
    assert!(btc.txs.iter().all(|tx| matches!(tx.status, TxStatus::Confirmed { .. })));

    let bch = "address-txs-bch-cashaddr-page1-of-2014-qq07l6rr.json";
    let page = decode::address_page(&sample(bch), "a", Chain::Bch).unwrap();
    assert_eq!((page.total_pages, page.txs.len()), (Some(2014), 5));
    assert_eq!(page.txs[0].inputs.len(), 115);
    // Cashaddr with its prefix becomes the node key without it.
    let first_input = page.txs[0].inputs[0].prevout.as_ref().unwrap();
    assert_eq!(
        first_input.address.as_deref(),
        Some("qq07l6rr5lsdm3m80qxw80ku2ex0tj76vvsxpvmgme")
    );
    assert_eq!(first_input.script_type, "p2pkh");
    // Spent outputs of a 2020 server carry no spender: found another way.
    let (_, spends) = decode::tx(
        &HttpReply::json(
            serde_json::to_string(&serde_json::from_str::<Value>(&sample(bch).body).unwrap()["transactions"][0])
                .unwrap(),
        ),
        "tx",
        Chain::Bch,
    )
    .unwrap();
    assert!(matches!(&spends[0], OutputSpend::SpentSomewhere { address: Some(a) } if a.starts_with('q')));

    let txids: BlockbookAddress = serde_json::from_str(&sample("address-txids-bech32-bc1q0wd209.json").body).unwrap();
    assert!(!txids.txids.unwrap_or_default().is_empty());
    assert_eq!(decode::tip_height(&sample("status-btc1.json"), "status"), Ok(860_730));
    let block: Value = serde_json::from_str(&sample("block-index-666666.json").body).unwrap();
    assert_eq!(block["blockHash"].as_str().map(str::len), Some(64));
}

fn served_index(chain: Chain) -> (ChainIndex, spoor::simulate::Scenario) {
    let scenario = spoor::simulate::simulate_on(
        chain,
        &spoor::simulate::SimParams {
            seed: 5,
            txs: 200,
            fanout: None,
            busy_txs: 0,
        },
    );
    (
        ChainIndex::from_jsonl_of(chain, &scenario.chain_jsonl()).unwrap(),
        scenario,
    )
}

#[test]
fn the_stand_in_answers_in_blockbook_shapes_and_errors() {
    let (index, scenario) = served_index(Chain::Bch);
    let thief = &scenario.facts.thief_address;
    assert!(thief.starts_with('q'), "Bitcoin Cash addresses are cashaddr: {thief}");

    let tx = answer(&index, &format!("/v2/tx/{}", scenario.facts.theft_txid));
    assert_eq!(tx.status, 200);
    let json: Value = serde_json::from_str(&tx.body).unwrap();
    assert!(
        json["vout"][0]["value"].is_string(),
        "amounts are strings: {}",
        json["vout"][0]
    );
    let theft = scenario
        .txs
        .iter()
        .find(|t| t.txid == scenario.facts.theft_txid)
        .unwrap();
    // A vin spending output 0 has no `vout` key (Blockbook leaves out empty fields); others carry it.
    for (vin, esplora) in json["vin"].as_array().unwrap().iter().zip(&theft.vin) {
        match esplora.vout {
            0 => assert!(vin.get("vout").is_none(), "{vin}"),
            n => assert_eq!(vin["vout"].as_u64(), Some(u64::from(n)), "{vin}"),
        }
    }
    assert!(json["vout"][0]["addresses"][0]
        .as_str()
        .unwrap()
        .starts_with("bitcoincash:"));
    assert_eq!(
        json["blockHeight"].as_i64(),
        theft.status.block_height.map(i64::from),
        "the block the chain file puts it in"
    );

    // Both address forms, with or without prefix, and the legacy form, name the same history.
    let address = spoor::chain::Address::parse(Chain::Bch, thief).unwrap();
    let legacy = address.legacy_text().unwrap();
    let pages: Vec<Value> = [address.explorer_text(), thief.clone(), legacy]
        .iter()
        .map(|form| {
            serde_json::from_str(&answer(&index, &format!("/v2/address/{form}?details=txs&pageSize=2")).body).unwrap()
        })
        .collect();
    assert!(pages.windows(2).all(|w| w[0] == w[1]));
    let total = pages[0]["txs"].as_u64().unwrap();
    assert_eq!(pages[0]["totalPages"].as_u64(), Some(total.div_ceil(2)));
    // A page past the end is answered with the last one.
    let past: Value =
        serde_json::from_str(&answer(&index, &format!("/v2/address/{thief}?details=txs&pageSize=2&page=9999")).body)
            .unwrap();
    assert_eq!(past["page"].as_u64(), Some(total.div_ceil(2)));

    let missing = answer(&index, &format!("/v2/tx/{}", "ab".repeat(32)));
    assert_eq!(missing.status, 400, "Blockbook says 400 even for not found");
    assert!(missing.body.contains("not found"));
    let reply = HttpReply {
        status: missing.status,
        content_type: Some(missing.content_type.into()),
        body: missing.body,
        retry_after_secs: None,
    };
    assert!(matches!(
        spoor::explorer::blockbook::reply::check_status(&reply, "tx"),
        Err(ExplorerError::NotFound { .. })
    ));
    let bad = answer(&index, "/v2/address/1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9W?details=txs");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("Invalid address"), "{}", bad.body);
    let status: Value = serde_json::from_str(&answer(&index, "/v2").body).unwrap();
    assert_eq!(
        status["blockbook"]["bestHeight"].as_u64(),
        Some(u64::from(scenario.facts.tip_height))
    );

    // Without a spending index, outputs say they are spent, not by whom.
    let no_index = index.without_spending_index();
    let theft: Value =
        serde_json::from_str(&answer(&no_index, &format!("/v2/tx/{}", scenario.facts.theft_txid)).body).unwrap();
    let spent = theft["vout"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["spent"] == true)
        .unwrap();
    assert!(spent.get("spentTxId").is_none());
}

/// Traces the served thief through both APIs, checks they agree, returns the Blockbook run.
fn traces_agree_across_apis(chain: Chain, server_args: &[&str]) -> Value {
    let name = format!("bb-{}-{}", chain.code(), server_args.len());
    let served = Served::start_on(&name, chain, server_args);
    let thief = served.scenario.facts.thief_address.clone();
    let labels = served.labels_path();
    let common = [
        "--from-address",
        thief.as_str(),
        "--labels",
        labels.as_str(),
        "--chain",
        chain.code(),
    ];
    let esplora = served.trace_json(&common);
    let blockbook = served.trace_json(&[&common[..], &["--api", &served.root, "--api-kind", "blockbook"]].concat());
    for key in TRACE_SUMMARY_KEYS {
        assert_eq!(
            esplora[key], blockbook[key],
            "{key} differs between the Esplora and Blockbook APIs"
        );
    }
    assert!(esplora["traced_txs"].as_array().unwrap().len() > 5);
    let via_history = blockbook["fetch"]["spends_via_history"].as_u64().unwrap();
    if server_args.contains(&"--no-spending-index") {
        assert!(via_history > 0, "spenders were looked up in address histories");
    } else {
        assert_eq!(via_history, 0);
    }
    assert!(!esplora["by_entity"].as_object().unwrap().is_empty(), "{esplora}");
    blockbook
}

#[test]
fn bitcoin_cash_traces_the_same_through_esplora_and_blockbook() {
    traces_agree_across_apis(Chain::Bch, &[]);
}

#[test]
fn monacoin_traces_the_same_through_esplora_and_blockbook() {
    traces_agree_across_apis(Chain::Mona, &[]);
}

#[test]
fn a_rate_limited_blockbook_is_waited_for_as_it_asks_and_gives_the_same_trace() {
    let blockbook = traces_agree_across_apis(Chain::Mona, &["--rate-limit", "20/s"]);
    assert!(
        blockbook["fetch"]["retries"].as_u64() > Some(0),
        "the limit was hit: {}",
        blockbook["fetch"]
    );
}

#[test]
fn a_blockbook_without_spending_index_still_gives_the_same_trace() {
    traces_agree_across_apis(Chain::Bch, &["--no-spending-index"]);
}
