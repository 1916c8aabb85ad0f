//! Blockbook replies → chain model. Addresses are written in the chain's canonical form (a
//! Bitcoin Cash `bitcoincash:q…` becomes the node key `q…`, the same as its legacy `1…` form);
//! omitted fields take their empty value; amounts are decimal strings in satoshis.

use super::dto::{BlockbookAddress, BlockbookStatus, BlockbookTx, BlockbookVin, BlockbookVout};
use super::reply::json;
use crate::chain::{Address, AddressKind, Chain, Sats, Tx, TxInput, TxOutput, TxStatus, Txid};
use crate::explorer::esplora::reply::decode_error;
use crate::explorer::{ExplorerError, HttpReply, Spend};

/// What an output's spending looks like on a Blockbook server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputSpend {
    Unspent,
    Spent(Spend),
    /// Spent, but the server has no spending index (`spentTxId` missing): the spender must be
    /// found another way (the receiving address's history).
    SpentSomewhere {
        address: Option<String>,
    },
}

/// A page of an address's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressPage {
    pub total_pages: Option<i64>,
    pub txs: Vec<Tx>,
}

/// `GET /api/v2/tx/<txid>` → the tx and what its outputs' spending looks like.
///
/// # Errors
/// The status error, or `Decode` for bad JSON, bad txids or amounts.
pub fn tx(reply: &HttpReply, what: &str, chain: Chain) -> Result<(Tx, Vec<OutputSpend>), ExplorerError> {
    let dto: BlockbookTx = json(reply, what)?;
    let spends = output_spends(&dto, chain).map_err(|reason| decode_error(what, reason))?;
    let tx = tx_from_dto(dto, chain).map_err(|reason| decode_error(what, reason))?;
    Ok((tx, spends))
}

/// `GET /api/v2/address/<a>?details=txs` → one page of txs, newest first as sent.
///
/// # Errors
/// As [`tx`]; the reason names the failing element.
pub fn address_page(reply: &HttpReply, what: &str, chain: Chain) -> Result<AddressPage, ExplorerError> {
    let dto: BlockbookAddress = json(reply, what)?;
    let txs = dto
        .transactions
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(index, tx)| {
            tx_from_dto(tx, chain).map_err(|reason| decode_error(what, format!("tx #{index}: {reason}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AddressPage {
        total_pages: dto.total_pages,
        txs,
    })
}

/// `GET /api/v2` (or `/api/status`) → the indexer's best height.
///
/// # Errors
/// The status error, or `Decode` without `blockbook.bestHeight`.
pub fn tip_height(reply: &HttpReply, what: &str) -> Result<u32, ExplorerError> {
    let dto: BlockbookStatus = json(reply, what)?;
    Ok(dto.blockbook.best_height)
}

/// A wire tx → the chain model.
///
/// # Errors
/// A bad txid or amount, or a tx in a block without its hash.
pub fn tx_from_dto(dto: BlockbookTx, chain: Chain) -> Result<Tx, String> {
    let txid = parse_txid(&dto.txid, "txid")?;
    let inputs = dto
        .vin
        .into_iter()
        .map(|vin| {
            let n = vin.n;
            input_from_dto(vin, chain).map_err(|reason| format!("input {n}: {reason}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let outputs = dto
        .vout
        .iter()
        .map(|vout| output_from_dto(vout, chain).map_err(|reason| format!("output {}: {reason}", vout.n)))
        .collect::<Result<Vec<_>, _>>()?;
    let status = match (dto.block_height, dto.block_hash, dto.block_time) {
        (Some(height), Some(block_hash), time) if height >= 0 => TxStatus::Confirmed {
            height: u32::try_from(height).map_err(|_| format!("block height {height} is out of range"))?,
            block_hash,
            time_secs: time.unwrap_or(0),
        },
        (Some(height), None, _) if height >= 0 => return Err(format!("in block {height} but without a block hash")),
        _ => TxStatus::Unconfirmed,
    };
    Ok(Tx {
        txid,
        inputs,
        outputs,
        fee_sats: amount(dto.fees.as_deref(), "fees")?,
        status,
    })
}

fn input_from_dto(vin: BlockbookVin, chain: Chain) -> Result<TxInput, String> {
    let Some(prev_txid) = vin.txid.filter(|_| vin.coinbase.is_none()) else {
        return Ok(TxInput {
            prev_txid: None,
            prev_vout: u32::MAX,
            prevout: None,
        });
    };
    let address = vin
        .is_address
        .then(|| {
            vin.addresses
                .as_ref()
                .and_then(|a| a.first())
                .map(|a| canonical(a, chain))
        })
        .flatten();
    Ok(TxInput {
        prev_txid: Some(parse_txid(&prev_txid, "prevout txid")?),
        prev_vout: vin.vout.unwrap_or(0),
        prevout: Some(TxOutput {
            script_type: script_type(address.as_deref(), None, chain),
            address,
            value_sats: amount(vin.value.as_deref(), "value")?,
        }),
    })
}

fn output_from_dto(vout: &BlockbookVout, chain: Chain) -> Result<TxOutput, String> {
    let address = vout
        .is_address
        .then(|| vout.addresses.first().map(|a| canonical(a, chain)))
        .flatten();
    Ok(TxOutput {
        script_type: script_type(address.as_deref(), vout.hex.as_deref(), chain),
        address,
        value_sats: amount(vout.value.as_deref(), "value")?,
    })
}

/// Each output's spending as the server knows it.
fn output_spends(dto: &BlockbookTx, chain: Chain) -> Result<Vec<OutputSpend>, String> {
    dto.vout
        .iter()
        .map(|vout| {
            if vout.spent != Some(true) {
                return Ok(OutputSpend::Unspent);
            }
            let Some(spender) = &vout.spent_tx_id else {
                let address = vout
                    .is_address
                    .then(|| vout.addresses.first().map(|a| canonical(a, chain)))
                    .flatten();
                return Ok(OutputSpend::SpentSomewhere { address });
            };
            let status = match vout.spent_height {
                // Blockbook gives the spending block's height only; its hash and time come with
                // the spending tx itself.
                Some(height) if height > 0 => TxStatus::Confirmed {
                    height,
                    block_hash: String::new(),
                    time_secs: 0,
                },
                _ => TxStatus::Unconfirmed,
            };
            Ok(OutputSpend::Spent(Spend {
                txid: parse_txid(spender, "spentTxId")?,
                vin: vout.spent_index.unwrap_or(0),
                status,
            }))
        })
        .collect()
}

/// The address in the chain's canonical text (unparseable ones are kept as sent).
fn canonical(text: &str, chain: Chain) -> String {
    Address::parse(chain, text).map_or_else(|_| text.to_string(), |a| a.as_str().to_string())
}

/// Esplora's script-type names, from the address (Blockbook has no type field) or the script.
fn script_type(address: Option<&str>, hex: Option<&str>, chain: Chain) -> String {
    let kind = address.and_then(|a| Address::parse(chain, a).ok()).map(|a| a.kind());
    match kind {
        Some(AddressKind::P2pkh) => "p2pkh",
        Some(AddressKind::P2sh) => "p2sh",
        Some(AddressKind::P2wpkh) => "v0_p2wpkh",
        Some(AddressKind::P2wsh) => "v0_p2wsh",
        Some(AddressKind::P2tr) => "v1_p2tr",
        Some(AddressKind::WitnessOther) => "unknown",
        None if hex.is_some_and(|h| h.starts_with("6a")) => "op_return",
        None => "unknown",
    }
    .to_string()
}

/// A decimal string of satoshis; omitted means 0 (Blockbook leaves out empty fields).
fn amount(text: Option<&str>, field: &str) -> Result<Sats, String> {
    match text {
        None => Ok(Sats::ZERO),
        Some(text) => text
            .parse::<u64>()
            .map(Sats)
            .map_err(|_| format!("{field} {text:?} is not a whole number of satoshis")),
    }
}

fn parse_txid(text: &str, field: &str) -> Result<Txid, String> {
    Txid::parse(text).map_err(|err| format!("{field}: {err}"))
}
