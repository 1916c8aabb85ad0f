#![cfg(not(target_arch = "wasm32"))]
//! Esplora client tests: every recorded fixture decodes to the right model, error replies map to
//! the right `ExplorerError`, and paging/retries run against scripted fake transports.

use std::cell::RefCell;

use spoor::chain::{Sats, TxStatus, Txid};
use spoor::explorer::esplora::decode;
use spoor::explorer::{
    block_on, EsploraClient, ExplorerError, HistoryProgress, HttpReply, RetryPolicy, Transport, TransportError,
};

mod common;

use common::esplora::{numbered_txid, tx_json, ScriptedReplies};

const BASE: &str = "https://mempool.space/api";

fn fixture(name: &str) -> HttpReply {
    let path = format!("{}/tests/fixtures/esplora/{name}", env!("CARGO_MANIFEST_DIR"));
    HttpReply::json(std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}")))
}

fn txid(hex: &str) -> Txid {
    Txid::parse(hex).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Fake transport: scripted replies per URL (served in order, the last one repeats), records
// every requested URL and every sleep.

#[derive(Default)]
struct FakeTransport {
    replies: ScriptedReplies,
    requests: RefCell<Vec<String>>,
    sleeps_ms: RefCell<Vec<u32>>,
}

impl FakeTransport {
    fn script(self, url: &str, reply: Result<HttpReply, TransportError>) -> Self {
        self.replies.push(url, reply);
        self
    }

    fn requests(&self) -> Vec<String> {
        self.requests.borrow().clone()
    }

    fn sleeps(&self) -> Vec<u32> {
        self.sleeps_ms.borrow().clone()
    }
}

impl Transport for FakeTransport {
    async fn get(&self, url: &str) -> Result<HttpReply, TransportError> {
        self.requests.borrow_mut().push(url.to_string());
        self.replies.next(url)
    }

    async fn sleep_ms(&self, ms: u32) {
        self.sleeps_ms.borrow_mut().push(ms);
    }

    /// A fake clock that only sleeping advances.
    fn now_ms(&self) -> f64 {
        self.sleeps_ms.borrow().iter().map(|&ms| f64::from(ms)).sum()
    }
}

fn client(fake: &FakeTransport) -> EsploraClient<&FakeTransport> {
    EsploraClient::new(BASE, fake, RetryPolicy::default())
}

/// A JSON array of txs `range`, all confirmed or all unconfirmed.
fn page(range: std::ops::Range<u32>, confirmed: bool) -> String {
    format!(
        "[{}]",
        range.map(|n| tx_json(n, confirmed)).collect::<Vec<_>>().join(",")
    )
}

fn page_with(mempool: std::ops::Range<u32>, chain: std::ops::Range<u32>) -> String {
    let all: Vec<String> = mempool
        .map(|n| tx_json(n, false))
        .chain(chain.map(|n| tx_json(n, true)))
        .collect();
    format!("[{}]", all.join(","))
}

const ADDRESS: &str = "bc1qexample";

fn txs_url() -> String {
    format!("{BASE}/address/{ADDRESS}/txs")
}

fn chain_url(after: u32) -> String {
    format!("{BASE}/address/{ADDRESS}/txs/chain/{}", numbered_txid(after))
}

// ---------------------------------------------------------------------------------------------
// Fixtures decode.

#[test]
fn p2wsh_multisig_tx_decodes_amounts_addresses_and_block() {
    let tx = decode::tx(&fixture("tx-p2wsh-2of3-in-3out-01c0cf15.json"), "fixture").unwrap();
    assert_eq!(
        tx.txid,
        txid("01c0cf156d8d7396358c60533d03cd0a5ee6ccdabc3b724eddc02e5e6068908f")
    );
    assert_eq!(tx.inputs.len(), 1);
    let input = &tx.inputs[0];
    assert_eq!(
        input.prev_txid,
        Some(txid("1da017b7a11babdea17d2324edb41cf893011bf86fd270295c4ecf6d790f45fc"))
    );
    assert_eq!(input.prev_vout, 1);
    let prevout = input.prevout.as_ref().unwrap();
    assert_eq!(prevout.value_sats, Sats(376_589_779));
    assert_eq!(prevout.script_type, "v0_p2wsh");
    let values: Vec<u64> = tx.outputs.iter().map(|o| o.value_sats.to_u64()).collect();
    assert_eq!(values, [5_000_000, 69_594_023, 301_955_756]);
    assert_eq!(
        tx.outputs[0].address.as_deref(),
        Some("1N5cPM7Uk1ex2mHYFXtfyX8hXqKaJc47YG")
    );
    assert_eq!(tx.fee_sats, Sats(40_000));
    // Inputs = outputs + fee, exactly.
    assert_eq!(tx.input_total(), Some(tx.output_total() + tx.fee_sats));
    assert_eq!(
        tx.status,
        TxStatus::Confirmed {
            height: 720_514,
            block_hash: "00000000000000000006e0a49103f576090adc289de5d3e965a158929a2887f4".to_string(),
            time_secs: 1_643_232_826,
        }
    );
}

#[test]
fn genesis_coinbase_has_no_prev_txid_and_an_address_less_p2pk_output() {
    let tx = decode::tx(&fixture("tx-genesis-coinbase-prevout-null-4a5e1e4b.json"), "fixture").unwrap();
    assert!(tx.is_coinbase());
    assert_eq!(tx.inputs[0].prev_txid, None);
    assert_eq!(tx.inputs[0].prevout, None);
    assert_eq!(tx.inputs[0].prev_vout, u32::MAX);
    assert_eq!(tx.outputs.len(), 1);
    assert_eq!(tx.outputs[0].address, None);
    assert_eq!(tx.outputs[0].script_type, "p2pk");
    assert_eq!(tx.outputs[0].value_sats, Sats(5_000_000_000));
    assert_eq!(tx.fee_sats, Sats::ZERO);
    assert_eq!(tx.input_total(), Some(Sats::ZERO));
    assert_eq!(tx.status.height(), Some(0));
}

#[test]
fn op_return_has_no_address_and_unknown_script_type_is_kept() {
    let tx = decode::tx(
        &fixture("tx-opreturn-and-unknown-outputs-block848136-mempoolspace.json"),
        "fixture",
    )
    .unwrap();
    let kinds: Vec<&str> = tx.outputs.iter().map(|o| o.script_type.as_str()).collect();
    assert_eq!(kinds, ["op_return", "unknown", "v0_p2wpkh"]);
    assert_eq!(tx.outputs[0].address, None);
    assert_eq!(tx.outputs[0].value_sats, Sats::ZERO);
    assert_eq!(
        tx.outputs[1].address.as_deref(),
        Some("bc1p6uwxc048hflxaerh5zlastpqc7ye0zpvq7gq2a")
    );
    assert_eq!(tx.outputs[1].value_sats, Sats(546));
    assert_eq!(tx.outputs[2].value_sats, Sats(23_073));
    assert_eq!(tx.fee_sats, Sats(4_000));
    assert_eq!(tx.input_total(), Some(Sats(27_619)));
    assert_eq!(tx.status.height(), Some(848_136));
    assert_eq!(tx.status.time_secs(), Some(1_718_517_071));
}

#[test]
fn unconfirmed_tx_with_only_confirmed_false_decodes_as_unconfirmed() {
    let tx = decode::tx(&fixture("tx-unconfirmed-p2pkh-mempoolspace.json"), "fixture").unwrap();
    assert_eq!(tx.status, TxStatus::Unconfirmed);
    assert_eq!(
        tx.inputs[0].prev_txid,
        Some(txid("fb16c141d22a3a7af5e44e7478a8663866c35d554cd85107ec8a99b97e5a72e9"))
    );
    assert_eq!(tx.inputs[0].prevout.as_ref().map(|p| p.value_sats), Some(Sats(50_000)));
    assert_eq!(
        tx.outputs[0].address.as_deref(),
        Some("1stAprEZapjCYGUACUcXohQqSHF9MU5Kj")
    );
    assert_eq!(tx.outputs[0].value_sats, Sats(49_040));
    assert_eq!(tx.fee_sats, Sats(960));
}

#[test]
fn address_summary_adds_mempool_activity_to_chain_stats() {
    let summary =
        decode::address_summary(&fixture("address-summary-bech32-with-mempool-activity.json"), "fixture").unwrap();
    assert_eq!(summary.address, "bc1qq7gm20tgeauggamlh7m54fu9e54vkdyzxzy5rh");
    assert_eq!(summary.confirmed_tx_count, 1);
    assert_eq!(summary.mempool_tx_count, 1);
    assert_eq!(summary.received_sats, Sats(94_641));
    assert_eq!(summary.sent_sats, Sats(94_641));
    assert_eq!(summary.balance_sats, Sats::ZERO);
}

#[test]
fn utxo_list_keeps_explorer_order_and_values() {
    let utxos = decode::utxos(&fixture("address-utxo-legacy-13hQVEst-6utxos.json"), "fixture").unwrap();
    assert_eq!(utxos.len(), 6);
    assert_eq!(
        utxos[0].txid,
        txid("7349c0debe5984f39d9088d08a6b2bf8d0bff492e25f5e31c4467920643f14f0")
    );
    assert_eq!(utxos[0].value_sats, Sats(1_770_265_049));
    assert_eq!(utxos[0].status.height(), Some(502_946));
    assert_eq!(utxos[1].status.height(), Some(547_294));
    let total: Sats = utxos.iter().map(|u| u.value_sats).sum();
    assert_eq!(
        total,
        Sats(1_770_265_049 + 888 + 1_262_246_497 + 888 + 1_695_783_402 + 2_194_712_129)
    );
}

#[test]
fn spent_outspend_names_the_spending_input() {
    let spend = decode::outspend(&fixture("outspend-spent-f3e60660.json"), "fixture")
        .unwrap()
        .unwrap();
    assert_eq!(
        spend.txid,
        txid("f3e6066078e815bb24db0dfbff814f738943bddaaa76f8beba360cfe2882480a")
    );
    assert_eq!(spend.vin, 12);
    assert_eq!(spend.status.height(), Some(266_668));
}

#[test]
fn unspent_outspend_decodes_as_none() {
    assert_eq!(
        decode::outspend(&fixture("outspend-unspent.json"), "fixture").unwrap(),
        None
    );
}

#[test]
fn outspends_list_indexes_by_vout_with_none_for_unspent() {
    let spent = fixture("outspend-spent-f3e60660.json").body;
    let unspent = fixture("outspend-unspent.json").body;
    let reply = HttpReply::json(format!("[{unspent},{spent},{unspent}]"));
    let spends = decode::outspends(&reply, "list").unwrap();
    assert_eq!(spends.len(), 3);
    assert!(spends[0].is_none() && spends[2].is_none());
    assert_eq!(spends[1].as_ref().map(|s| s.vin), Some(12));
}

#[test]
fn every_fixture_file_is_covered_by_a_decoder() {
    let dir = format!("{}/tests/fixtures/esplora", env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if std::path::Path::new(&name).extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let reply = fixture(&name);
        let decoded = if name.starts_with("tx-") {
            decode::tx(&reply, &name).map(drop)
        } else if name.starts_with("address-summary") {
            decode::address_summary(&reply, &name).map(drop)
        } else if name.starts_with("address-utxo") {
            decode::utxos(&reply, &name).map(drop)
        } else if name.starts_with("outspend-") {
            decode::outspend(&reply, &name).map(drop)
        } else {
            panic!("no decoder is known for fixture {name}");
        };
        decoded.unwrap_or_else(|err| panic!("{name}: {err}"));
        count += 1;
    }
    assert_eq!(count, 8);
}

#[test]
fn null_witness_and_confirmed_without_block_fields_are_told_apart() {
    let json = fixture("tx-p2wsh-2of3-in-3out-01c0cf15.json").body;
    let with_null_witness = json.replacen(r#""witness": ["#, r#""witness": null, "old_witness": ["#, 1);
    assert!(with_null_witness.contains(r#""witness": null"#));
    assert!(decode::tx(&HttpReply::json(with_null_witness), "tx").is_ok());
    let missing_height = json.replace(r#""block_height": 720514,"#, "");
    let err = decode::tx(&HttpReply::json(missing_height), "tx at https://x/tx/01").unwrap_err();
    assert!(matches!(err, ExplorerError::Decode { .. }), "{err:?}");
    assert!(err.to_string().ends_with("https://x/tx/01"), "{err}");
}

#[test]
fn tip_height_is_parsed_from_plain_text() {
    assert_eq!(
        decode::tip_height(&HttpReply::text(200, "848136\n"), "tip"),
        Ok(848_136)
    );
    assert!(matches!(
        decode::tip_height(&HttpReply::text(200, "tip"), "tip"),
        Err(ExplorerError::Decode { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// Error replies.

#[test]
fn plain_text_404_is_not_found_naming_the_request() {
    let err = decode::tx(
        &HttpReply::text(404, "Transaction not found"),
        "transaction 00…00 at https://x/tx/00",
    )
    .unwrap_err();
    assert_eq!(
        err,
        ExplorerError::NotFound {
            what: "transaction 00…00 at https://x/tx/00".to_string()
        }
    );
    assert!(!err.is_retryable());
}

#[test]
fn plain_text_400_is_bad_request_quoting_the_explorer() {
    let err = decode::address_summary(&HttpReply::text(400, "Invalid Bitcoin address"), "address").unwrap_err();
    assert_eq!(
        err,
        ExplorerError::BadRequest {
            message: "Invalid Bitcoin address".to_string()
        }
    );
    assert!(err.to_string().contains("Invalid Bitcoin address"));
    let err = decode::tx(&HttpReply::text(400, "Invalid hex string\n"), "tx").unwrap_err();
    assert_eq!(
        err,
        ExplorerError::BadRequest {
            message: "Invalid hex string".to_string()
        }
    );
}

#[test]
fn html_429_is_rate_limited_without_parsing_the_body() {
    let reply = HttpReply {
        status: 429,
        content_type: Some("text/html; charset=utf-8".to_string()),
        body: "<html><body><h1>429 Too Many Requests</h1><a href=\"/enterprise\">Enterprise</a></body></html>"
            .to_string(),
        retry_after_secs: None,
    };
    let err = decode::txs(&reply, "page").unwrap_err();
    assert_eq!(err, ExplorerError::RateLimited);
    assert!(err.is_retryable());
}

#[test]
fn status_503_is_retryable_unavailable() {
    let err = decode::tx(&HttpReply::text(503, "lookup failed"), "tx").unwrap_err();
    assert_eq!(
        err,
        ExplorerError::Unavailable {
            status: 503,
            message: "lookup failed".to_string()
        }
    );
    assert!(err.is_retryable());
    let html = HttpReply {
        status: 504,
        content_type: Some("text/html".to_string()),
        body: "<html>gateway</html>".to_string(),
        retry_after_secs: None,
    };
    assert_eq!(
        decode::tx(&html, "tx"),
        Err(ExplorerError::Unavailable {
            status: 504,
            message: String::new()
        })
    );
}

// ---------------------------------------------------------------------------------------------
// Pager.

#[test]
fn sixty_confirmed_txs_take_three_requests_after_the_last_seen_txids() {
    let fake = FakeTransport::default()
        .script(&txs_url(), Ok(HttpReply::json(page(0..25, true))))
        .script(&chain_url(24), Ok(HttpReply::json(page(25..50, true))))
        .script(&chain_url(49), Ok(HttpReply::json(page(50..60, true))));
    let mut progress = Vec::new();
    let history = block_on(client(&fake).address_history(ADDRESS, 1000, |p| progress.push(p))).unwrap();
    assert_eq!(fake.requests(), [txs_url(), chain_url(24), chain_url(49)]);
    assert_eq!(history.txs.len(), 60);
    assert!(history.complete);
    assert_eq!(history.txs[59].txid.as_str(), numbered_txid(59));
    assert_eq!(
        progress,
        [
            HistoryProgress { pages: 1, txs: 25 },
            HistoryProgress { pages: 2, txs: 50 },
            HistoryProgress { pages: 3, txs: 60 }
        ]
    );
}

#[test]
fn exactly_twenty_five_txs_end_with_an_empty_second_page() {
    let fake = FakeTransport::default()
        .script(&txs_url(), Ok(HttpReply::json(page(0..25, true))))
        .script(&chain_url(24), Ok(HttpReply::json("[]")));
    let history = block_on(client(&fake).address_history(ADDRESS, 1000, |_| {})).unwrap();
    assert_eq!(fake.requests(), [txs_url(), chain_url(24)]);
    assert_eq!(history.txs.len(), 25);
    assert!(history.complete);
}

#[test]
fn mempool_part_comes_first_and_the_cursor_is_the_last_confirmed_tx() {
    // Page 1: 3 mempool txs + 25 confirmed; page 2 repeats one tx (it confirmed meanwhile).
    let second = format!(
        "[{},{}]",
        tx_json(2, true),
        page(100..104, true).trim_start_matches('[').trim_end_matches(']')
    );
    let fake = FakeTransport::default()
        .script(&txs_url(), Ok(HttpReply::json(page_with(0..3, 3..28))))
        .script(&chain_url(27), Ok(HttpReply::json(second)));
    let history = block_on(client(&fake).address_history(ADDRESS, 1000, |_| {})).unwrap();
    assert_eq!(fake.requests(), [txs_url(), chain_url(27)]);
    assert_eq!(history.txs.len(), 28 + 4, "the repeated tx is kept once");
    assert_eq!(history.txs[0].status, TxStatus::Unconfirmed);
    assert!(history.txs[3].status.height().is_some());
    assert!(history.complete);
}

#[test]
fn short_first_page_with_mempool_txs_needs_one_request() {
    let fake = FakeTransport::default().script(&txs_url(), Ok(HttpReply::json(page_with(0..30, 30..40))));
    let history = block_on(client(&fake).address_history(ADDRESS, 1000, |_| {})).unwrap();
    assert_eq!(fake.requests(), [txs_url()]);
    assert_eq!(history.txs.len(), 40);
    assert!(history.complete);
}

#[test]
fn max_txs_stops_paging_and_reports_incomplete() {
    let fake = FakeTransport::default()
        .script(&txs_url(), Ok(HttpReply::json(page(0..25, true))))
        .script(&chain_url(24), Ok(HttpReply::json(page(25..50, true))));
    let history = block_on(client(&fake).address_history(ADDRESS, 30, |_| {})).unwrap();
    assert_eq!(fake.requests(), [txs_url(), chain_url(24)]);
    assert_eq!(history.txs.len(), 30);
    assert!(!history.complete);
}

#[test]
fn explorer_ignoring_the_cursor_does_not_loop_forever() {
    let fake = FakeTransport::default()
        .script(&txs_url(), Ok(HttpReply::json(page(0..25, true))))
        .script(&chain_url(24), Ok(HttpReply::json(page(0..25, true))));
    let history = block_on(client(&fake).address_history(ADDRESS, 1000, |_| {})).unwrap();
    assert_eq!(fake.requests().len(), 2);
    assert_eq!(history.txs.len(), 25);
    assert!(!history.complete);
}

#[test]
fn failing_page_surfaces_its_error() {
    let fake = FakeTransport::default()
        .script(&txs_url(), Ok(HttpReply::json(page(0..25, true))))
        .script(&chain_url(24), Ok(HttpReply::text(400, "Too many history entries")));
    let err = block_on(client(&fake).address_history(ADDRESS, 1000, |_| {})).unwrap_err();
    assert_eq!(
        err,
        ExplorerError::BadRequest {
            message: "Too many history entries".to_string()
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Retries and spacing.

fn tip_url() -> String {
    format!("{BASE}/blocks/tip/height")
}

fn rate_limited() -> HttpReply {
    HttpReply {
        status: 429,
        content_type: Some("text/html".to_string()),
        body: "<html>429</html>".to_string(),
        retry_after_secs: None,
    }
}

#[test]
fn two_429s_then_200_succeeds_after_two_doubling_backoffs() {
    let fake = FakeTransport::default()
        .script(&tip_url(), Ok(rate_limited()))
        .script(&tip_url(), Ok(rate_limited()))
        .script(&tip_url(), Ok(HttpReply::text(200, "848136")));
    assert_eq!(block_on(client(&fake).tip_height()), Ok(848_136));
    assert_eq!(fake.requests().len(), 3);
    assert_eq!(fake.sleeps(), [1000, 2000]);
}

#[test]
fn four_429s_give_rate_limited_after_three_retries() {
    let fake = FakeTransport::default().script(&tip_url(), Ok(rate_limited()));
    assert_eq!(block_on(client(&fake).tip_height()), Err(ExplorerError::RateLimited));
    assert_eq!(fake.requests().len(), 4);
    assert_eq!(fake.sleeps(), [1000, 2000, 4000]);
}

#[test]
fn transport_error_is_retried_then_surfaced_as_unreachable() {
    let fake = FakeTransport::default().script(
        &tip_url(),
        Err(TransportError::Network("connection refused".to_string())),
    );
    let err = block_on(client(&fake).tip_height()).unwrap_err();
    assert!(
        matches!(&err, ExplorerError::Unreachable { reason } if reason.contains("connection refused")),
        "{err:?}"
    );
    assert_eq!(fake.requests().len(), 4);
}

#[test]
fn not_found_is_not_retried() {
    let id = txid(&"ab".repeat(32));
    let fake = FakeTransport::default().script(
        &format!("{BASE}/tx/{id}"),
        Ok(HttpReply::text(404, "Transaction not found")),
    );
    let err = block_on(client(&fake).tx(&id)).unwrap_err();
    assert!(
        matches!(&err, ExplorerError::NotFound { what } if what.ends_with(&format!("{BASE}/tx/{id}"))),
        "{err:?}"
    );
    assert_eq!(fake.requests().len(), 1);
    assert!(fake.sleeps().is_empty());
}

#[test]
fn requests_after_the_first_wait_the_minimum_interval() {
    let id = txid(&"cd".repeat(32));
    let fake = FakeTransport::default()
        .script(&tip_url(), Ok(HttpReply::text(200, "1")))
        .script(
            &format!("{BASE}/tx/{id}/outspends"),
            Ok(HttpReply::json(r#"[{"spent":false}]"#)),
        );
    let client = client(&fake);
    assert_eq!(block_on(client.tip_height()), Ok(1));
    assert_eq!(block_on(client.outspends(&id)), Ok(vec![None]));
    assert_eq!(block_on(client.tip_height()), Ok(1));
    assert_eq!(fake.sleeps(), [250, 250]);
}

#[test]
fn client_fetches_and_decodes_tx_and_summary_from_a_relative_base() {
    let genesis = fixture("tx-genesis-coinbase-prevout-null-4a5e1e4b.json");
    let id = txid("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
    let fake = FakeTransport::default()
        .script(&format!("/api/tx/{id}"), Ok(genesis))
        .script(
            "/api/address/bc1qq7gm20tgeauggamlh7m54fu9e54vkdyzxzy5rh",
            Ok(fixture("address-summary-bech32-with-mempool-activity.json")),
        );
    let client = EsploraClient::new("/api/", &fake, RetryPolicy::default());
    assert_eq!(client.base_url(), "/api");
    assert!(block_on(client.tx(&id)).unwrap().is_coinbase());
    let summary = block_on(client.address_summary("bc1qq7gm20tgeauggamlh7m54fu9e54vkdyzxzy5rh")).unwrap();
    assert_eq!(summary.received_sats, Sats(94_641));
}
