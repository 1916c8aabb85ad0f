#![cfg(not(target_arch = "wasm32"))]
//! The explorer stand-in answers like electrs: paging, ordering, outspends, stats, errors, and a
//! real `spoor serve-chain` process over TCP.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};
use spoor::explorer::esplora::dto::{EsploraStatus, EsploraTx, EsploraVin, EsploraVout};
use spoor::standin::{answer, Answer, ChainFileError, ChainIndex};

const HACKER: &str = "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w";
const VICTIM: &str = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
const MIXER: &str = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy";
const UNUSED: &str = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2";

/// Where a built tx sits.
#[derive(Clone, Copy)]
enum At {
    Block(u32),
    Mempool,
}

/// Builds a small chain whose prevouts always match the outputs they spend.
#[derive(Default)]
struct ChainBuilder {
    txs: Vec<EsploraTx>,
}

fn block_hash(height: u32) -> String {
    format!("{:064x}", 0xb10c_0000_u64 + u64::from(height))
}

fn output(address: &str, value: u64) -> EsploraVout {
    EsploraVout {
        scriptpubkey: "76a914000000000000000000000000000000000000000088ac".into(),
        scriptpubkey_asm: "OP_DUP OP_HASH160 OP_PUSHBYTES_20 00 OP_EQUALVERIFY OP_CHECKSIG".into(),
        scriptpubkey_type: "p2pkh".into(),
        scriptpubkey_address: Some(address.into()),
        value,
    }
}

impl ChainBuilder {
    /// A coinbase paying `outputs`; returns its position.
    fn coinbase(&mut self, height: u32, outputs: &[(&str, u64)]) -> usize {
        let vin = EsploraVin {
            txid: "0".repeat(64),
            vout: u32::MAX,
            prevout: None,
            scriptsig: "03".into(),
            scriptsig_asm: "OP_PUSHBYTES_3".into(),
            witness: None,
            is_coinbase: true,
            sequence: u32::MAX,
            inner_redeemscript_asm: None,
            inner_witnessscript_asm: None,
        };
        self.push(At::Block(height), vec![vin], outputs)
    }

    /// A tx spending `(position, vout)` pairs of earlier txs.
    fn spend(&mut self, at: At, inputs: &[(usize, u32)], outputs: &[(&str, u64)]) -> usize {
        let vins = inputs
            .iter()
            .map(|&(position, vout)| {
                let funding = &self.txs[position];
                EsploraVin {
                    txid: funding.txid.clone(),
                    vout,
                    prevout: Some(funding.vout[vout as usize].clone()),
                    scriptsig: String::new(),
                    scriptsig_asm: String::new(),
                    witness: Some(vec!["30".into()]),
                    is_coinbase: false,
                    sequence: 0xffff_fffd,
                    inner_redeemscript_asm: None,
                    inner_witnessscript_asm: None,
                }
            })
            .collect();
        self.push(at, vins, outputs)
    }

    fn push(&mut self, at: At, vin: Vec<EsploraVin>, outputs: &[(&str, u64)]) -> usize {
        let position = self.txs.len();
        let vout: Vec<EsploraVout> = outputs.iter().map(|&(a, v)| output(a, v)).collect();
        let value_in: u64 = vin.iter().filter_map(|i| i.prevout.as_ref()).map(|p| p.value).sum();
        let value_out: u64 = vout.iter().map(|o| o.value).sum();
        let status = match at {
            At::Block(height) => EsploraStatus {
                confirmed: true,
                block_height: Some(height),
                block_hash: Some(block_hash(height)),
                block_time: Some(1_536_900_000 + u64::from(height)),
            },
            At::Mempool => EsploraStatus {
                confirmed: false,
                block_height: None,
                block_hash: None,
                block_time: None,
            },
        };
        self.txs.push(EsploraTx {
            // Distinct, hash-looking ids that do not sort like the chain order.
            txid: format!(
                "{:08x}",
                (u32::try_from(position).unwrap() + 1).wrapping_mul(0x9e37_79b9)
            )
            .repeat(8),
            version: 2,
            locktime: 0,
            vin,
            vout,
            size: 225,
            weight: 900,
            sigops: None,
            fee: value_in.saturating_sub(value_out),
            status,
        });
        position
    }

    fn txid(&self, position: usize) -> &str {
        &self.txs[position].txid
    }

    fn jsonl(&self) -> String {
        self.txs
            .iter()
            .map(|tx| serde_json::to_string(tx).unwrap() + "\n")
            .collect()
    }

    fn index(&self) -> ChainIndex {
        ChainIndex::from_jsonl(&self.jsonl()).unwrap()
    }
}

fn get_json(index: &ChainIndex, path: &str) -> Value {
    let reply = answer(index, path);
    assert_eq!(
        (reply.status, reply.content_type),
        (200, "application/json"),
        "{path}: {}",
        reply.body
    );
    serde_json::from_str(&reply.body).unwrap()
}

fn txids(index: &ChainIndex, path: &str) -> Vec<String> {
    let list = get_json(index, path);
    list.as_array()
        .unwrap()
        .iter()
        .map(|tx| tx["txid"].as_str().unwrap().to_string())
        .collect()
}

fn text(status: u16, body: &str) -> Answer {
    Answer {
        status,
        content_type: "text/plain",
        body: body.into(),
    }
}

/// 60 coinbases to HACKER, one per block from height 101; returns the txids newest first.
fn sixty_payments() -> (ChainBuilder, Vec<String>) {
    let mut chain = ChainBuilder::default();
    for height in 101..161 {
        chain.coinbase(height, &[(HACKER, 1_000)]);
    }
    let newest_first = chain.txs.iter().rev().map(|tx| tx.txid.clone()).collect();
    (chain, newest_first)
}

#[test]
fn pages_of_25_25_10_follow_the_last_seen_txid() {
    let (chain, newest_first) = sixty_payments();
    let index = chain.index();
    let base = format!("/address/{HACKER}/txs/chain");
    let first = txids(&index, &base);
    assert_eq!(first, newest_first[..25]);
    let second = txids(&index, &format!("{base}/{}", first[24]));
    assert_eq!(second, newest_first[25..50]);
    let third = txids(&index, &format!("{base}/{}", second[24]));
    assert_eq!(third, newest_first[50..]);
    assert!(txids(&index, &format!("{base}/{}", third[9])).is_empty());
}

#[test]
fn empty_page_for_unknown_last_seen_txid() {
    let (chain, _) = sixty_payments();
    let index = chain.index();
    let unknown = "ab".repeat(32);
    assert_eq!(
        answer(&index, &format!("/address/{HACKER}/txs/chain/{unknown}")).body,
        "[]"
    );
}

#[test]
fn unparsable_last_seen_txid_is_ignored_and_gives_the_first_page() {
    let (chain, newest_first) = sixty_payments();
    let index = chain.index();
    assert_eq!(
        txids(&index, &format!("/address/{HACKER}/txs/chain/not-a-txid")),
        newest_first[..25]
    );
}

#[test]
fn exactly_25_txs_fill_one_page_and_the_next_is_empty() {
    let mut chain = ChainBuilder::default();
    for height in 1..26 {
        chain.coinbase(height, &[(VICTIM, 50)]);
    }
    let index = chain.index();
    let page = txids(&index, &format!("/address/{VICTIM}/txs/chain"));
    assert_eq!(page.len(), 25);
    assert_eq!(page[24], chain.txid(0));
    assert_eq!(
        answer(&index, &format!("/address/{VICTIM}/txs/chain/{}", page[24])).body,
        "[]"
    );
}

#[test]
fn history_is_newest_block_first_and_later_line_first_within_a_block() {
    let mut chain = ChainBuilder::default();
    let a = chain.coinbase(5, &[(VICTIM, 10)]);
    let b = chain.coinbase(6, &[(VICTIM, 20)]);
    let c = chain.spend(At::Block(6), &[(b, 0)], &[(VICTIM, 15)]);
    let d = chain.coinbase(7, &[(VICTIM, 30)]);
    let index = chain.index();
    let expected: Vec<&str> = [d, c, b, a].iter().map(|&p| chain.txid(p)).collect();
    assert_eq!(txids(&index, &format!("/address/{VICTIM}/txs/chain")), expected);
}

#[test]
fn txs_lists_mempool_newest_first_then_the_first_25_confirmed() {
    let mut chain = ChainBuilder::default();
    let funding: Vec<usize> = (1..31).map(|h| chain.coinbase(h, &[(HACKER, 100)])).collect();
    let pending: Vec<usize> = funding[..3]
        .iter()
        .map(|&f| chain.spend(At::Mempool, &[(f, 0)], &[(MIXER, 90)]))
        .collect();
    let index = chain.index();
    let listed = txids(&index, &format!("/address/{HACKER}/txs"));
    assert_eq!(listed.len(), 28);
    let expected_mempool: Vec<&str> = pending.iter().rev().map(|&p| chain.txid(p)).collect();
    assert_eq!(listed[..3], expected_mempool);
    let expected_chain: Vec<&str> = funding.iter().rev().take(25).map(|&p| chain.txid(p)).collect();
    assert_eq!(listed[3..], expected_chain);
    assert_eq!(
        txids(&index, &format!("/address/{MIXER}/txs/mempool")),
        expected_mempool
    );
}

#[test]
fn mempool_lists_are_capped_at_50() {
    let mut chain = ChainBuilder::default();
    let funding = chain.coinbase(1, &[(VICTIM, 1_000_000)]);
    let mut previous = chain.spend(At::Mempool, &[(funding, 0)], &[(HACKER, 999_000)]);
    for _ in 0..54 {
        previous = chain.spend(At::Mempool, &[(previous, 0)], &[(HACKER, 999_000)]);
    }
    let index = chain.index();
    let mempool = txids(&index, &format!("/address/{HACKER}/txs/mempool"));
    assert_eq!(mempool.len(), 50);
    assert_eq!(mempool[0], chain.txid(previous));
    assert_eq!(txids(&index, &format!("/address/{HACKER}/txs")).len(), 50);
}

#[test]
fn outspends_are_derived_from_later_inputs() {
    let mut chain = ChainBuilder::default();
    let other = chain.coinbase(1, &[(VICTIM, 5)]);
    let hack = chain.coinbase(2, &[(HACKER, 10), (HACKER, 20), (HACKER, 30)]);
    let confirmed = chain.spend(At::Block(3), &[(other, 0), (hack, 2)], &[(MIXER, 35)]);
    let pending = chain.spend(At::Mempool, &[(hack, 0)], &[(MIXER, 9)]);
    let index = chain.index();
    let expected = json!([
        {"spent": true, "txid": chain.txid(pending), "vin": 0, "status": {"confirmed": false}},
        {"spent": false},
        {"spent": true, "txid": chain.txid(confirmed), "vin": 1,
         "status": {"confirmed": true, "block_height": 3, "block_hash": block_hash(3), "block_time": 1_536_900_003}},
    ]);
    let hack_txid = chain.txid(hack);
    assert_eq!(get_json(&index, &format!("/tx/{hack_txid}/outspends")), expected);
    assert_eq!(get_json(&index, &format!("/tx/{hack_txid}/outspend/2")), expected[2]);
    assert_eq!(
        get_json(&index, &format!("/tx/{hack_txid}/outspend/1")),
        json!({"spent": false})
    );
    // Like electrs: no existence check on the single-output form.
    assert_eq!(
        get_json(&index, &format!("/tx/{}/outspend/7", "cd".repeat(32))),
        json!({"spent": false})
    );
    assert_eq!(
        answer(&index, &format!("/tx/{}/outspends", "cd".repeat(32))),
        text(404, "Transaction not found")
    );
}

#[test]
fn address_stats_sum_funded_and_spent_outputs_apart_for_chain_and_mempool() {
    let mut chain = ChainBuilder::default();
    let first = chain.coinbase(1, &[(HACKER, 500_000_000)]);
    let second = chain.coinbase(2, &[(HACKER, 700_000_000), (VICTIM, 1)]);
    chain.spend(At::Block(3), &[(first, 0)], &[(MIXER, 499_990_000)]);
    let pending = chain.spend(
        At::Mempool,
        &[(second, 0)],
        &[(MIXER, 599_990_000), (HACKER, 100_000_000)],
    );
    let index = chain.index();
    assert_eq!(
        get_json(&index, &format!("/address/{HACKER}")),
        json!({
            "address": HACKER,
            "chain_stats": {"funded_txo_count": 2, "funded_txo_sum": 1_200_000_000_u64,
                            "spent_txo_count": 1, "spent_txo_sum": 500_000_000, "tx_count": 3},
            "mempool_stats": {"funded_txo_count": 1, "funded_txo_sum": 100_000_000,
                              "spent_txo_count": 1, "spent_txo_sum": 700_000_000, "tx_count": 1},
        })
    );
    assert_eq!(
        get_json(&index, &format!("/address/{HACKER}/utxo")),
        json!([{"txid": chain.txid(pending), "vout": 1, "status": {"confirmed": false}, "value": 100_000_000}])
    );
}

#[test]
fn unused_valid_address_has_zero_stats_and_empty_lists() {
    let mut chain = ChainBuilder::default();
    chain.coinbase(1, &[(HACKER, 5)]);
    let index = chain.index();
    let zero =
        json!({"funded_txo_count": 0, "funded_txo_sum": 0, "spent_txo_count": 0, "spent_txo_sum": 0, "tx_count": 0});
    assert_eq!(
        get_json(&index, &format!("/address/{UNUSED}")),
        json!({"address": UNUSED, "chain_stats": zero, "mempool_stats": zero})
    );
    for suffix in ["txs", "txs/chain", "txs/mempool", "utxo"] {
        assert_eq!(
            answer(&index, &format!("/address/{UNUSED}/{suffix}")).body,
            "[]",
            "{suffix}"
        );
    }
}

#[test]
fn tip_and_block_heights_are_plain_text() {
    let mut chain = ChainBuilder::default();
    for height in [100, 101, 103] {
        chain.coinbase(height, &[(VICTIM, 1)]);
    }
    let index = chain.index();
    assert_eq!(index.tip_height(), Some(103));
    assert_eq!(index.tx_count(), 3);
    assert_eq!(answer(&index, "/blocks/tip/height"), text(200, "103"));
    assert_eq!(answer(&index, "/blocks/tip/hash"), text(200, &block_hash(103)));
    assert_eq!(answer(&index, "/block-height/101"), text(200, &block_hash(101)));
    assert_eq!(answer(&index, "/block-height/104"), text(404, "Block not found"));
    assert_eq!(answer(&index, "/block-height/tip"), text(400, "Invalid number"));
}

#[test]
fn errors_use_electrs_statuses_and_plain_text_bodies() {
    let mut chain = ChainBuilder::default();
    let only = chain.coinbase(1, &[(HACKER, 5)]);
    let index = chain.index();
    assert_eq!(
        answer(&index, &format!("/tx/{}", "ef".repeat(32))),
        text(404, "Transaction not found")
    );
    assert_eq!(answer(&index, "/tx/c3b9a4a0"), text(400, "Invalid hex string"));
    assert_eq!(
        answer(&index, &format!("/tx/{}", "zz".repeat(32))),
        text(400, "Invalid hex string")
    );
    assert_eq!(answer(&index, "/address//txs"), text(400, "Invalid Bitcoin address"));
    assert_eq!(
        answer(&index, "/address/1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"),
        text(400, "Invalid Bitcoin address")
    );
    assert_eq!(
        answer(&index, "/blocks/tip/nothing"),
        text(404, r#"endpoint does not exist "/blocks/tip/nothing""#)
    );
    let hex_path = format!("/tx/{}/hex", chain.txid(only));
    assert_eq!(
        answer(&index, &hex_path),
        text(404, &format!("endpoint does not exist {hex_path:?}"))
    );
}

#[test]
fn tx_is_served_byte_identical_to_its_line() {
    let mut chain = ChainBuilder::default();
    let first = chain.coinbase(1, &[(HACKER, 5)]);
    chain.coinbase(2, &[(VICTIM, 5)]);
    let upper_txid = chain.txid(first).to_ascii_uppercase();
    // Odd spacing and a key our DTO does not know must survive untouched.
    let odd_line = serde_json::to_string(&chain.txs[first])
        .unwrap()
        .replace("\":", "\" : ")
        .replacen('{', "{\"x_extra\": [1, 2],", 1);
    let second_line = serde_json::to_string(&chain.txs[1]).unwrap();
    let file = format!("{odd_line}\r\n\n{second_line}\n");
    let index = ChainIndex::from_jsonl(&file).unwrap();
    assert_eq!(answer(&index, &format!("/tx/{upper_txid}")).body, odd_line);
    assert_eq!(
        answer(&index, &format!("/address/{HACKER}/txs?max_txs=5")).body,
        format!("[{odd_line}]")
    );
    let status = get_json(&index, &format!("/tx/{}/status", chain.txid(first)));
    assert_eq!(
        status,
        json!({"confirmed": true, "block_height": 1, "block_hash": block_hash(1), "block_time": 1_536_900_001})
    );
}

#[test]
fn bad_chain_files_name_the_line_and_the_fault() {
    let mut chain = ChainBuilder::default();
    let first = chain.coinbase(1, &[(HACKER, 5)]);
    let good = serde_json::to_string(&chain.txs[first]).unwrap();

    let bad_json = ChainIndex::from_jsonl(&format!("{good}\n\n{{\"txid\": 5\n")).unwrap_err();
    assert!(
        matches!(bad_json, ChainFileError::BadJson { line: 3, .. }),
        "{bad_json:?}"
    );
    assert!(bad_json.to_string().contains("line 3"), "{bad_json}");

    let duplicate = ChainIndex::from_jsonl(&format!("{good}\n{good}\n")).unwrap_err();
    assert!(
        matches!(
            duplicate,
            ChainFileError::DuplicateTxid {
                line: 2,
                first_line: 1,
                ..
            }
        ),
        "{duplicate:?}"
    );

    let mut no_height = chain.txs[first].clone();
    no_height.status.block_height = None;
    let no_height = ChainIndex::from_jsonl(&serde_json::to_string(&no_height).unwrap()).unwrap_err();
    assert!(
        matches!(no_height, ChainFileError::ConfirmedWithoutHeight { line: 1, .. }),
        "{no_height:?}"
    );
}

/// Kills the server when the test ends, also when it fails.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One HTTP/1.1 GET; returns the status, the raw header block (lower-cased) and the body.
fn http_get(port: u16, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_ascii_lowercase(), body.to_string())
}

#[test]
fn serve_chain_process_answers_with_cors_and_rate_limits_without_it() {
    let mut chain = ChainBuilder::default();
    let first = chain.coinbase(1, &[(HACKER, 5)]);
    let file = std::env::temp_dir().join(format!("spoor-standin-{}.jsonl", std::process::id()));
    std::fs::write(&file, chain.jsonl()).unwrap();

    let child = Command::new(env!("CARGO_BIN_EXE_spoor"))
        .args(["serve-chain", "--port", "0", "--rate-limit", "2/s", "--chain"])
        .arg(&file)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = KillOnDrop(child);
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line
        .trim()
        .strip_prefix("spoor serve-chain: listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .parse()
        .unwrap();

    let (status, head, body) = http_get(port, &format!("/api/tx/{}", chain.txid(first)));
    assert_eq!(status, 200);
    assert!(head.contains("access-control-allow-origin: *"), "{head}");
    assert_eq!(body, serde_json::to_string(&chain.txs[first]).unwrap());

    let (status, head, body) = http_get(port, &format!("/api/tx/{}", "ab".repeat(32)));
    assert_eq!((status, body.as_str()), (404, "Transaction not found"));
    assert!(head.contains("access-control-allow-origin: *"), "{head}");

    // Let the bucket refill, then burst past 2/s.
    std::thread::sleep(Duration::from_millis(1_100));
    let burst: Vec<(u16, String, String)> = (0..10).map(|_| http_get(port, "/api/blocks/tip/height")).collect();
    let limited: Vec<_> = burst.iter().filter(|(status, _, _)| *status == 429).collect();
    assert!(!limited.is_empty(), "no 429 in a burst of 10 at 2/s");
    for (_, head, body) in &limited {
        assert!(!head.contains("access-control-allow-origin"), "{head}");
        assert!(body.contains("429 Too Many Requests"), "{body}");
    }
    assert!(burst.iter().any(|(status, _, body)| *status == 200 && body == "1"));
    let _ = std::fs::remove_file(&file);
}
