//! Routing a request path to an electrs-shaped answer; the tx and block endpoints.

use serde::Serialize;

use crate::chain::Txid;
use crate::explorer::esplora::dto::EsploraSpending;

use super::address;
use super::index::ChainIndex;

/// `Content-Type` of JSON answers.
pub(crate) const JSON: &str = "application/json";
/// `Content-Type` of plain-text answers (numbers, hashes, errors), as electrs sends them.
pub(crate) const TEXT: &str = "text/plain";

/// One HTTP answer: status, content type and body, exactly what electrs would send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type` header value.
    pub content_type: &'static str,
    /// Response body.
    pub body: String,
}

impl Answer {
    /// A 200 JSON answer with a ready body.
    pub(crate) fn json(body: String) -> Answer {
        Answer {
            status: 200,
            content_type: JSON,
            body,
        }
    }

    /// A plain-text answer (electrs sends errors this way too).
    pub(crate) fn text(status: u16, body: impl Into<String>) -> Answer {
        Answer {
            status,
            content_type: TEXT,
            body: body.into(),
        }
    }

    /// A 200 JSON answer serialised from a DTO.
    pub(crate) fn serialized<T: Serialize>(value: &T) -> Answer {
        match serde_json::to_string(value) {
            Ok(body) => Answer::json(body),
            Err(e) => Answer::text(500, format!("Internal server error: {e}")),
        }
    }

    /// A JSON array of raw tx lines, joined without re-encoding them.
    pub(crate) fn raw_list<'a>(raws: impl IntoIterator<Item = &'a str>) -> Answer {
        let mut body = String::from("[");
        for (i, raw) in raws.into_iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            body.push_str(raw);
        }
        body.push(']');
        Answer::json(body)
    }
}

/// Answers one GET request. `path` is what follows the API prefix, query string allowed
/// (ignored by Esplora paths), e.g. `/address/1Fmw…/txs/chain/<txid>`; Blockbook's `/v2/…`
/// and `/status` go to `standin::blockbook`. Unknown endpoints get electrs' 404.
#[must_use]
pub fn answer(index: &ChainIndex, path: &str) -> Answer {
    if let Some(answer) = super::blockbook::answer(index, path) {
        return answer;
    }
    let path = path.split_once('?').map_or(path, |(before, _)| before);
    let segments: Vec<&str> = path.strip_prefix('/').unwrap_or("").split('/').collect();
    let result = match segments.as_slice() {
        ["tx", txid] => tx(index, txid),
        ["tx", txid, "status"] => tx_status(index, txid),
        ["tx", txid, "outspends"] => outspends(index, txid),
        ["tx", txid, "outspend", vout] => outspend(index, txid, vout),
        ["address", a] => address::info(index, a),
        ["address", a, "txs"] => address::txs(index, a),
        ["address", a, "txs", "chain"] => address::chain(index, a, None),
        ["address", a, "txs", "chain", last_seen] => address::chain(index, a, Some(last_seen)),
        ["address", a, "txs", "mempool"] => address::mempool(index, a),
        ["address", a, "utxo"] => address::utxo(index, a),
        ["blocks", "tip", "height"] => tip_height(index),
        ["blocks", "tip", "hash"] => tip_hash(index),
        ["block-height", height] => block_at(index, height),
        _ => Err(Answer::text(404, format!("endpoint does not exist {path:?}"))),
    };
    result.unwrap_or_else(|error| error)
}

/// The lower-case txid, or electrs' 400.
fn parse_txid(text: &str) -> Result<String, Answer> {
    Txid::parse(text)
        .map(|txid| txid.as_str().to_string())
        .map_err(|_| Answer::text(400, "Invalid hex string"))
}

/// A decimal number from the path, or electrs' 400.
fn parse_number(text: &str) -> Result<u32, Answer> {
    text.parse().map_err(|_| Answer::text(400, "Invalid number"))
}

fn tx_not_found() -> Answer {
    Answer::text(404, "Transaction not found")
}

fn block_not_found() -> Answer {
    Answer::text(404, "Block not found")
}

fn tx(index: &ChainIndex, txid: &str) -> Result<Answer, Answer> {
    let entry = index.find(&parse_txid(txid)?).ok_or_else(tx_not_found)?;
    Ok(Answer::json(entry.raw.clone()))
}

fn tx_status(index: &ChainIndex, txid: &str) -> Result<Answer, Answer> {
    let entry = index.find(&parse_txid(txid)?).ok_or_else(tx_not_found)?;
    Ok(Answer::serialized(&entry.tx.status))
}

fn outspends(index: &ChainIndex, txid: &str) -> Result<Answer, Answer> {
    let txid = parse_txid(txid)?;
    let entry = index.find(&txid).ok_or_else(tx_not_found)?;
    let spendings: Vec<EsploraSpending> = (0..entry.tx.vout.len())
        .map_while(|vout| u32::try_from(vout).ok())
        .map(|vout| spending(index, &txid, vout))
        .collect();
    Ok(Answer::serialized(&spendings))
}

/// Like electrs, no existence check: an unknown txid or vout is simply unspent.
fn outspend(index: &ChainIndex, txid: &str, vout: &str) -> Result<Answer, Answer> {
    let txid = parse_txid(txid)?;
    let vout = parse_number(vout)?;
    Ok(Answer::serialized(&spending(index, &txid, vout)))
}

fn spending(index: &ChainIndex, txid: &str, vout: u32) -> EsploraSpending {
    match index.spender(txid, vout) {
        Some((spender, vin)) => EsploraSpending {
            spent: true,
            txid: Some(spender.tx.txid.clone()),
            vin: Some(vin),
            status: Some(spender.tx.status.clone()),
        },
        None => EsploraSpending {
            spent: false,
            txid: None,
            vin: None,
            status: None,
        },
    }
}

fn tip_height(index: &ChainIndex) -> Result<Answer, Answer> {
    let height = index.tip_height().ok_or_else(block_not_found)?;
    Ok(Answer::text(200, height.to_string()))
}

fn tip_hash(index: &ChainIndex) -> Result<Answer, Answer> {
    let height = index.tip_height().ok_or_else(block_not_found)?;
    let hash = index.block_hash(height).ok_or_else(block_not_found)?;
    Ok(Answer::text(200, hash))
}

/// A height with no tx in the file (a gap, or past the tip) is "not found".
fn block_at(index: &ChainIndex, height: &str) -> Result<Answer, Answer> {
    let height = parse_number(height)?;
    let hash = index.block_hash(height).ok_or_else(block_not_found)?;
    Ok(Answer::text(200, hash))
}
