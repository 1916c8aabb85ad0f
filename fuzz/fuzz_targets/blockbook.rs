//! Blockbook v2 replies (`explorer::blockbook::decode`) for every chain: a transaction, an
//! address page, the status; as a 200 reply and under the error statuses Blockbook sends.
//!
//! Input: a reply body (a seed is a recorded Blockbook answer). Invariants: a transaction gives
//! one spending state per output; every address it names that is valid is already in the
//! chain's canonical form (so cashaddr, prefixed cashaddr and legacy are one node); a
//! transaction decodes alike inside an address page; decoded transactions survive the case
//! file's JSON and the flow graph; no error status decodes as data.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use spoor::chain::{Address, Chain, Tx};
use spoor::explorer::blockbook::decode;
use spoor::explorer::{ExplorerError, HttpReply};
use spoor::i18n::Lang;

const WHAT: &str = "fuzzed reply at https://example.invalid/api/v2/tx/x";

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let reply = HttpReply::json(body);
    for chain in Chain::ALL {
        match decode::tx(&reply, WHAT, chain) {
            Ok((tx, spends)) => {
                assert_eq!(spends.len(), tx.outputs.len(), "one spending state per output");
                check_canonical(chain, &tx);
                common::check_tx(chain, &tx);
                let page = HttpReply::json(format!(
                    r#"{{"page":1,"totalPages":1,"address":"a","transactions":[{body}]}}"#
                ));
                let decoded = decode::address_page(&page, WHAT, chain).map(|page| page.txs);
                assert_eq!(decoded, Ok(vec![tx]), "a tx decodes alike in a page");
            }
            Err(error) => explain(&error),
        }
        if let Ok(page) = decode::address_page(&reply, WHAT, chain) {
            for tx in &page.txs {
                check_canonical(chain, tx);
                common::check_tx(chain, tx);
            }
        }
    }
    let _ = decode::tip_height(&reply, WHAT);
    for status in [301, 400, 404, 429, 500, 503] {
        let failed = HttpReply {
            status,
            retry_after_secs: Some(7),
            ..HttpReply::json(body)
        };
        let error = decode::tx(&failed, WHAT, Chain::Bch).expect_err("an error status is never data");
        explain(&error);
        assert!(decode::tip_height(&failed, WHAT).is_err());
    }
});

/// Addresses come out in the chain's canonical form whatever form the server wrote.
fn check_canonical(chain: Chain, tx: &Tx) {
    let outputs = tx.outputs.iter();
    let prevouts = tx.inputs.iter().filter_map(|input| input.prevout.as_ref());
    for address in outputs.chain(prevouts).filter_map(|output| output.address.as_deref()) {
        if let Ok(parsed) = Address::parse(chain, address) {
            assert_eq!(parsed.as_str(), address, "not canonical on {chain:?}");
        }
    }
}

fn explain(error: &ExplorerError) {
    for lang in Lang::ALL {
        let _ = error.message(lang);
    }
}
