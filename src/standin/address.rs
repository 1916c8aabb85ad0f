//! The `/address/:a…` endpoints: stats, history pages (electrs `_history` paging) and UTXOs.

use crate::chain::{Address, Txid};
use crate::explorer::esplora::dto::{EsploraAddress, EsploraStats, EsploraUtxo};

use super::answer::Answer;
use super::index::{ChainIndex, Entry, History};

/// Confirmed txs per page (electrs `CHAIN_TXS_PER_PAGE`).
const CHAIN_TXS_PER_PAGE: usize = 25;
/// Unconfirmed txs listed at most (electrs `MAX_MEMPOOL_TXS`).
const MAX_MEMPOOL_TXS: usize = 50;

/// An address with no tx in the file has an empty history.
static EMPTY: History = History {
    confirmed: Vec::new(),
    mempool: Vec::new(),
};

/// The canonical address text, or electrs' 400.
fn parse(index: &ChainIndex, text: &str) -> Result<String, Answer> {
    Address::parse(index.chain(), text)
        .map(|address| address.as_str().to_string())
        .map_err(|_| Answer::text(400, format!("Invalid {} address", index.chain().name())))
}

pub(super) fn history<'a>(index: &'a ChainIndex, address: &str) -> &'a History {
    index.history(address).unwrap_or(&EMPTY)
}

pub(super) fn entries<'a>(index: &'a ChainIndex, list: &'a [usize]) -> impl Iterator<Item = &'a Entry> + 'a {
    list.iter().filter_map(|&i| index.entry(i))
}

/// `GET /address/:a`: funded/spent counts and sums, confirmed and unconfirmed apart.
pub(super) fn info(index: &ChainIndex, text: &str) -> Result<Answer, Answer> {
    let address = parse(index, text)?;
    let history = history(index, &address);
    Ok(Answer::serialized(&EsploraAddress {
        chain_stats: stats(entries(index, &history.confirmed), &address),
        mempool_stats: stats(entries(index, &history.mempool), &address),
        address,
    }))
}

fn stats<'a>(txs: impl Iterator<Item = &'a Entry>, address: &str) -> EsploraStats {
    let mut stats = EsploraStats::default();
    for entry in txs {
        stats.tx_count += 1;
        for output in entry
            .tx
            .vout
            .iter()
            .filter(|o| o.scriptpubkey_address.as_deref() == Some(address))
        {
            stats.funded_txo_count += 1;
            stats.funded_txo_sum = stats.funded_txo_sum.saturating_add(output.value);
        }
        let spent = entry.tx.vin.iter().filter_map(|i| i.prevout.as_ref());
        for prevout in spent.filter(|p| p.scriptpubkey_address.as_deref() == Some(address)) {
            stats.spent_txo_count += 1;
            stats.spent_txo_sum = stats.spent_txo_sum.saturating_add(prevout.value);
        }
    }
    stats
}

/// `GET /address/:a/txs`: up to 50 unconfirmed, then the first page of confirmed, newest first.
pub(super) fn txs(index: &ChainIndex, text: &str) -> Result<Answer, Answer> {
    let address = parse(index, text)?;
    let history = history(index, &address);
    let mempool = entries(index, &history.mempool).take(MAX_MEMPOOL_TXS);
    let confirmed = entries(index, &history.confirmed).take(CHAIN_TXS_PER_PAGE);
    Ok(Answer::raw_list(mempool.chain(confirmed).map(|e| e.raw.as_str())))
}

/// `GET /address/:a/txs/chain[/:last_seen_txid]`, electrs `_history`: newest→oldest,
/// skip to `last_seen`, skip it, take 25. An unknown `last_seen` gives `[]`; one that is not a
/// txid at all is ignored (first page).
pub(super) fn chain(index: &ChainIndex, text: &str, last_seen: Option<&str>) -> Result<Answer, Answer> {
    let address = parse(index, text)?;
    let rows = entries(index, &history(index, &address).confirmed);
    let last_seen = last_seen.and_then(|t| Txid::parse(t).ok());
    let page: Vec<&str> = match last_seen {
        None => rows.take(CHAIN_TXS_PER_PAGE).map(|e| e.raw.as_str()).collect(),
        Some(seen) => rows
            .skip_while(|e| e.txid != seen.as_str())
            .skip(1)
            .take(CHAIN_TXS_PER_PAGE)
            .map(|e| e.raw.as_str())
            .collect(),
    };
    Ok(Answer::raw_list(page))
}

/// `GET /address/:a/txs/mempool`: up to 50 unconfirmed, newest first, no paging.
pub(super) fn mempool(index: &ChainIndex, text: &str) -> Result<Answer, Answer> {
    let address = parse(index, text)?;
    let rows = entries(index, &history(index, &address).mempool).take(MAX_MEMPOOL_TXS);
    Ok(Answer::raw_list(rows.map(|e| e.raw.as_str())))
}

/// `GET /address/:a/utxo`: outputs to the address that no tx of the file spends (mempool
/// spends included, as electrs does); unconfirmed first, then newest first, vout ascending.
pub(super) fn utxo(index: &ChainIndex, text: &str) -> Result<Answer, Answer> {
    let address = parse(index, text)?;
    let history = history(index, &address);
    let mut utxos = Vec::new();
    for entry in entries(index, &history.mempool).chain(entries(index, &history.confirmed)) {
        for (vout, output) in entry.tx.vout.iter().enumerate() {
            let Ok(vout) = u32::try_from(vout) else { break };
            let pays_address = output.scriptpubkey_address.as_deref() == Some(address.as_str());
            if pays_address && index.spender(&entry.txid, vout).is_none() {
                utxos.push(EsploraUtxo {
                    txid: entry.tx.txid.clone(),
                    vout,
                    status: entry.tx.status.clone(),
                    value: output.value,
                });
            }
        }
    }
    Ok(Answer::serialized(&utxos))
}
