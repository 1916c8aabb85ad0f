//! The stand-in's Blockbook v2 API, from the same chain file as its Esplora API: `/v2/tx/<txid>`,
//! `/v2/address/<a>?details=&page=&pageSize=`, and the status (`/v2`, `/status`), under the
//! stand-in's API prefix (so a server root of `http://127.0.0.1:<port>` answers `/api/v2/…`).
//!
//! Shaped like Blockbook: amounts as decimal strings, empty fields left out (a `Vin` spending
//! output 0 has no `vout`), addresses in the form Blockbook writes (Bitcoin Cash with
//! `bitcoincash:`), pages from 1 with mempool txs first and an out-of-range page answered with
//! the nearest one, and every error as JSON `{"error": …}` with HTTP 400 (even "not found").

use crate::chain::{Address, Txid};
use crate::explorer::blockbook::dto::{BlockbookAddress, BlockbookTx, BlockbookVin, BlockbookVout};
use crate::explorer::blockbook::urls::MAX_PAGE_SIZE;
use crate::explorer::esplora::dto::{EsploraTx, EsploraVout};

use super::address::{entries, history};
use super::answer::Answer;
use super::index::{ChainIndex, Entry};

/// Answers a Blockbook path (after the API prefix, `/v2/…` or `/status`, query included), or
/// `None` when the path is not Blockbook's.
pub(super) fn answer(index: &ChainIndex, path_and_query: &str) -> Option<Answer> {
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let answer = match segments.as_slice() {
        ["v2"] | ["v2", ""] | ["status"] => status(index),
        ["v2", "tx", txid] => tx(index, txid),
        ["v2", "address", address] => address_page(index, address, query),
        _ => return None,
    };
    Some(answer)
}

fn error(message: &str) -> Answer {
    Answer {
        status: 400,
        content_type: super::answer::JSON,
        body: serde_json::json!({ "error": message }).to_string(),
    }
}

fn status(index: &ChainIndex) -> Answer {
    let best_height = index.tip_height().unwrap_or(0);
    let body = serde_json::json!({
        "blockbook": {
            "coin": index.chain().name(),
            "bestHeight": best_height,
            "inSync": true,
            "decimals": 8,
        },
        "backend": { "chain": "main", "blocks": best_height },
    });
    Answer::json(body.to_string())
}

fn tx(index: &ChainIndex, text: &str) -> Answer {
    let not_found = || error(&format!("Transaction '{text}' not found"));
    let Ok(txid) = Txid::parse(text) else {
        return not_found();
    };
    match index.find(txid.as_str()) {
        Some(entry) => Answer::serialized(&blockbook_tx(index, entry)),
        None => not_found(),
    }
}

fn address_page(index: &ChainIndex, text: &str, query: &str) -> Answer {
    let address = match Address::parse(index.chain(), text) {
        Ok(address) => address,
        Err(e) => return error(&format!("Invalid address, {e}")),
    };
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
    };
    let page_size = param("pageSize")
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|size| *size > 0)
        .map_or(MAX_PAGE_SIZE, |size| size.min(MAX_PAGE_SIZE));
    let history = history(index, address.as_str());
    // Newest first, mempool txs before the confirmed ones.
    let all: Vec<&Entry> = entries(index, &history.mempool)
        .chain(entries(index, &history.confirmed))
        .collect();
    let total_pages = all.len().div_ceil(page_size as usize).max(1);
    let page = param("page")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, total_pages);
    let on_page = all
        .iter()
        .skip((page - 1) * page_size as usize)
        .take(page_size as usize);
    let details = param("details").unwrap_or("txids");
    let (transactions, txids) = match details {
        "txs" => (Some(on_page.map(|e| blockbook_tx(index, e)).collect::<Vec<_>>()), None),
        "basic" => (None, None),
        _ => (None, Some(on_page.map(|e| e.tx.txid.clone()).collect::<Vec<_>>())),
    };
    Answer::serialized(&BlockbookAddress {
        page: Some(u32::try_from(page).unwrap_or(u32::MAX)),
        total_pages: Some(i64::try_from(total_pages).unwrap_or(i64::MAX)),
        items_on_page: Some(page_size),
        address: address.explorer_text(),
        txs: all.len() as u64,
        unconfirmed_txs: history.mempool.len() as u64,
        transactions: transactions.filter(|t| !t.is_empty()),
        txids: txids.filter(|t| !t.is_empty()),
    })
}

/// One tx of the file as Blockbook writes it.
fn blockbook_tx(index: &ChainIndex, entry: &Entry) -> BlockbookTx {
    let tx: &EsploraTx = &entry.tx;
    let chain = index.chain();
    let explorer_form = |address: &Option<String>| -> Vec<String> {
        address
            .iter()
            .map(|a| Address::parse(chain, a).map_or_else(|_| a.clone(), |a| a.explorer_text()))
            .collect()
    };
    let amount = |sats: u64| (sats > 0).then(|| sats.to_string());
    let vin = tx
        .vin
        .iter()
        .enumerate()
        .map(|(n, input)| {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            if input.is_coinbase {
                return BlockbookVin {
                    txid: None,
                    vout: None,
                    n,
                    addresses: None,
                    is_address: false,
                    value: None,
                    coinbase: Some(if input.scriptsig.is_empty() {
                        "00".into()
                    } else {
                        input.scriptsig.clone()
                    }),
                };
            }
            let addresses = input.prevout.as_ref().map(|p| explorer_form(&p.scriptpubkey_address));
            BlockbookVin {
                txid: Some(input.txid.clone()),
                vout: (input.vout > 0).then_some(input.vout),
                n,
                is_address: addresses.as_ref().is_some_and(|a| !a.is_empty()),
                addresses: addresses.filter(|a| !a.is_empty()),
                value: input.prevout.as_ref().and_then(|p| amount(p.value)),
                coinbase: None,
            }
        })
        .collect();
    let vout = tx
        .vout
        .iter()
        .enumerate()
        .map(|(n, output)| blockbook_vout(index, entry, n, output, &explorer_form(&output.scriptpubkey_address)))
        .collect();
    let (block_height, block_hash, confirmations) = match (tx.status.block_height, &tx.status.block_hash) {
        (Some(height), Some(hash)) if tx.status.confirmed => (
            i64::from(height),
            Some(hash.clone()),
            index.tip_height().map(|tip| u64::from(tip.saturating_sub(height)) + 1),
        ),
        _ => (-1, None, None),
    };
    let value_out: u64 = tx.vout.iter().map(|o| o.value).fold(0, u64::saturating_add);
    let value_in: u64 = tx
        .vin
        .iter()
        .filter_map(|i| i.prevout.as_ref())
        .map(|p| p.value)
        .fold(0, u64::saturating_add);
    BlockbookTx {
        txid: tx.txid.clone(),
        vin,
        vout,
        block_hash,
        block_height: Some(block_height),
        confirmations,
        block_time: tx.status.block_time,
        value: amount(value_out),
        value_in: amount(value_in),
        fees: amount(tx.fee),
    }
}

fn blockbook_vout(
    index: &ChainIndex,
    entry: &Entry,
    n: usize,
    output: &EsploraVout,
    addresses: &[String],
) -> BlockbookVout {
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    let spender = index.spender(&entry.txid, n);
    let named = spender.filter(|_| index.has_spending_index());
    BlockbookVout {
        value: (output.value > 0).then(|| output.value.to_string()),
        n,
        spent: spender.is_some().then_some(true),
        spent_tx_id: named.map(|(e, _)| e.tx.txid.clone()),
        spent_index: named.and_then(|(_, vin)| (vin > 0).then_some(vin)),
        spent_height: named.and_then(|(e, _)| e.tx.status.block_height),
        hex: (!output.scriptpubkey.is_empty()).then(|| output.scriptpubkey.clone()),
        addresses: if addresses.is_empty() {
            // Blockbook names script-only outputs by their type, e.g. "OP_RETURN (…)".
            vec![format!("{} script", output.scriptpubkey_type)]
        } else {
            addresses.to_vec()
        },
        is_address: !addresses.is_empty(),
    }
}
