//! Esplora replies (`explorer::esplora::decode`): every decoder reads the same body, as a 200
//! reply and under the error statuses electrs and nginx send.
//!
//! Input: a reply body (a seed is a recorded Esplora answer). Invariants: a transaction that
//! decodes alone decodes the same inside a history page; decoded transactions survive the case
//! file's JSON and the flow graph; a summary's balance is at most what was received; a tip
//! height reads back from its own text; no error status decodes as data.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use spoor::chain::Chain;
use spoor::explorer::esplora::decode;
use spoor::explorer::{ExplorerError, HttpReply};
use spoor::i18n::Lang;

const WHAT: &str = "fuzzed reply at https://example.invalid/api/tx/x";

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let reply = HttpReply::json(body);
    match decode::tx(&reply, WHAT) {
        Ok(tx) => {
            common::check_tx(Chain::Btc, &tx);
            let page = HttpReply::json(format!("[{body}]"));
            assert_eq!(decode::txs(&page, WHAT), Ok(vec![tx]), "a tx decodes alike in a page");
        }
        Err(error) => explain(&error),
    }
    if let Ok(txs) = decode::txs(&reply, WHAT) {
        for tx in &txs {
            common::check_tx(Chain::Btc, tx);
        }
    }
    if let Ok(summary) = decode::address_summary(&reply, WHAT) {
        assert!(summary.balance_sats <= summary.received_sats);
        let _ = summary.tx_count();
    }
    let _ = decode::outspends(&reply, WHAT);
    let _ = decode::outspend(&reply, WHAT);
    let _ = decode::utxos(&reply, WHAT);
    match decode::tip_height(&HttpReply::text(200, body), WHAT) {
        Ok(height) => assert_eq!(
            decode::tip_height(&HttpReply::text(200, height.to_string()), WHAT),
            Ok(height)
        ),
        Err(error) => explain(&error),
    }
    for status in [301, 400, 404, 429, 500, 502, 503] {
        let failed = HttpReply::text(status, body);
        let error = decode::tx(&failed, WHAT).expect_err("an error status is never data");
        explain(&error);
        let html = HttpReply {
            content_type: Some("text/html".into()),
            ..failed
        };
        assert!(decode::tip_height(&html, WHAT).is_err());
    }
});

/// Every error is written in every language without panicking.
fn explain(error: &ExplorerError) {
    for lang in Lang::ALL {
        let _ = error.message(lang);
    }
}
