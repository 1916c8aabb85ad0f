//! Esplora replies → chain model: status check, JSON → DTO, DTO → `crate::chain` types.
//!
//! Every decoder takes the reply and `what` (a description of the request ending with its URL,
//! used in error messages). Explorer data is untrusted: nothing here panics, and a reply that breaks
//! the API's promises becomes [`ExplorerError::Decode`].

use super::dto::{EsploraAddress, EsploraSpending, EsploraStatus, EsploraTx, EsploraUtxo, EsploraVin, EsploraVout};
use super::model::{AddressSummary, Spend, Utxo};
use super::reply::{check_status, decode_error, json};
use crate::chain::{Sats, Tx, TxInput, TxOutput, TxStatus, Txid};
use crate::explorer::{ExplorerError, HttpReply};

/// The `vout` a coinbase input carries (`0xffffffff`).
const COINBASE_VOUT: u32 = u32::MAX;

/// `GET /tx/:txid` → [`Tx`].
///
/// # Errors
/// The status error, or `Decode` for bad JSON, a bad txid, or confirmed without block fields.
pub fn tx(reply: &HttpReply, what: &str) -> Result<Tx, ExplorerError> {
    let dto: EsploraTx = json(reply, what)?;
    tx_from_dto(dto).map_err(|reason| decode_error(what, reason))
}

/// `GET /address/:a/txs` and `/txs/chain[/:last_seen]` → txs, newest first as sent.
///
/// # Errors
/// As [`tx`]; the reason names the failing element's index.
pub fn txs(reply: &HttpReply, what: &str) -> Result<Vec<Tx>, ExplorerError> {
    let dtos: Vec<EsploraTx> = json(reply, what)?;
    dtos.into_iter()
        .enumerate()
        .map(|(index, dto)| tx_from_dto(dto).map_err(|reason| decode_error(what, format!("tx #{index}: {reason}"))))
        .collect()
}

/// `GET /address/:a` → [`AddressSummary`] (chain + mempool stats combined).
///
/// # Errors
/// The status error, or `Decode` for bad JSON.
pub fn address_summary(reply: &HttpReply, what: &str) -> Result<AddressSummary, ExplorerError> {
    let dto: EsploraAddress = json(reply, what)?;
    let received_sats = Sats(dto.chain_stats.funded_txo_sum) + Sats(dto.mempool_stats.funded_txo_sum);
    let sent_sats = Sats(dto.chain_stats.spent_txo_sum) + Sats(dto.mempool_stats.spent_txo_sum);
    Ok(AddressSummary {
        address: dto.address,
        confirmed_tx_count: dto.chain_stats.tx_count,
        mempool_tx_count: dto.mempool_stats.tx_count,
        received_sats,
        sent_sats,
        balance_sats: received_sats.checked_sub(sent_sats).unwrap_or(Sats::ZERO),
    })
}

/// `GET /tx/:txid/outspends` → one entry per vout; `None` = unspent.
///
/// # Errors
/// The status error, or `Decode` for bad JSON or a spent entry without `txid`/`vin`/`status`.
pub fn outspends(reply: &HttpReply, what: &str) -> Result<Vec<Option<Spend>>, ExplorerError> {
    let dtos: Vec<EsploraSpending> = json(reply, what)?;
    dtos.into_iter()
        .enumerate()
        .map(|(vout, dto)| spend_from_dto(dto).map_err(|reason| decode_error(what, format!("vout {vout}: {reason}"))))
        .collect()
}

/// `GET /tx/:txid/outspend/:vout` → `None` when unspent. Beware: electrs does no existence check
/// here, so an unknown txid also reads as unspent; prefer [`outspends`].
///
/// # Errors
/// As [`outspends`].
pub fn outspend(reply: &HttpReply, what: &str) -> Result<Option<Spend>, ExplorerError> {
    let dto: EsploraSpending = json(reply, what)?;
    spend_from_dto(dto).map_err(|reason| decode_error(what, reason))
}

/// `GET /address/:a/utxo` → [`Utxo`]s in the explorer's order (not height-sorted).
///
/// # Errors
/// The status error, or `Decode` for bad JSON, a bad txid or an incomplete status.
pub fn utxos(reply: &HttpReply, what: &str) -> Result<Vec<Utxo>, ExplorerError> {
    let dtos: Vec<EsploraUtxo> = json(reply, what)?;
    dtos.into_iter()
        .enumerate()
        .map(|(index, dto)| utxo_from_dto(dto).map_err(|reason| decode_error(what, format!("utxo #{index}: {reason}"))))
        .collect()
}

/// `GET /blocks/tip/height` → the height, sent as a text/plain integer.
///
/// # Errors
/// The status error, or `Decode` when the body is not an integer.
pub fn tip_height(reply: &HttpReply, what: &str) -> Result<u32, ExplorerError> {
    check_status(reply, what)?;
    let text = reply.body.trim();
    text.parse::<u32>().map_err(|err| {
        decode_error(
            what,
            format!(
                "expected a block height, got {:?}: {err}",
                text.chars().take(40).collect::<String>()
            ),
        )
    })
}

/// Converts a wire transaction into the chain model; `Err` carries the reason.
///
/// # Errors
/// A bad txid (the tx's own or an input's), or a confirmed status without block fields.
pub fn tx_from_dto(dto: EsploraTx) -> Result<Tx, String> {
    let txid = parse_txid(&dto.txid, "txid")?;
    let inputs = dto
        .vin
        .into_iter()
        .enumerate()
        .map(|(index, vin)| input_from_dto(vin).map_err(|reason| format!("input {index}: {reason}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Tx {
        txid,
        inputs,
        outputs: dto.vout.into_iter().map(output_from_dto).collect(),
        fee_sats: Sats(dto.fee),
        status: status_from_dto(dto.status)?,
    })
}

fn input_from_dto(vin: EsploraVin) -> Result<TxInput, String> {
    // Coinbase inputs point at 64 zeros / 0xffffffff; electrs also flags them, but old servers
    // and stand-ins may only send the marker, so either one counts.
    let marker = vin.vout == COINBASE_VOUT && vin.txid.bytes().all(|b| b == b'0');
    let prev_txid = if vin.is_coinbase || marker {
        None
    } else {
        Some(parse_txid(&vin.txid, "prevout txid")?)
    };
    Ok(TxInput {
        prev_txid,
        prev_vout: vin.vout,
        prevout: vin.prevout.map(output_from_dto),
    })
}

fn output_from_dto(vout: EsploraVout) -> TxOutput {
    TxOutput {
        address: vout.scriptpubkey_address,
        value_sats: Sats(vout.value),
        script_type: vout.scriptpubkey_type,
    }
}

/// `{"confirmed":false}` (block keys omitted or null) is unconfirmed; confirmed needs all three.
fn status_from_dto(status: EsploraStatus) -> Result<TxStatus, String> {
    if !status.confirmed {
        return Ok(TxStatus::Unconfirmed);
    }
    match (status.block_height, status.block_hash, status.block_time) {
        (Some(height), Some(block_hash), Some(time_secs)) => Ok(TxStatus::Confirmed {
            height,
            block_hash,
            time_secs,
        }),
        _ => Err("status says confirmed but block_height, block_hash or block_time is missing".to_string()),
    }
}

fn spend_from_dto(dto: EsploraSpending) -> Result<Option<Spend>, String> {
    if !dto.spent {
        return Ok(None);
    }
    let (Some(txid), Some(vin), Some(status)) = (dto.txid, dto.vin, dto.status) else {
        return Err("spent without txid, vin or status".to_string());
    };
    Ok(Some(Spend {
        txid: parse_txid(&txid, "spending txid")?,
        vin,
        status: status_from_dto(status)?,
    }))
}

fn utxo_from_dto(dto: EsploraUtxo) -> Result<Utxo, String> {
    Ok(Utxo {
        txid: parse_txid(&dto.txid, "txid")?,
        vout: dto.vout,
        value_sats: Sats(dto.value),
        status: status_from_dto(dto.status)?,
    })
}

fn parse_txid(text: &str, field: &str) -> Result<Txid, String> {
    Txid::parse(text).map_err(|err| format!("{field}: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(confirmed: bool, height: Option<u32>) -> EsploraStatus {
        EsploraStatus {
            confirmed,
            block_height: height,
            block_hash: Some("00ab".to_string()),
            block_time: Some(1),
        }
    }

    #[test]
    fn confirmed_status_without_height_is_rejected() {
        assert!(status_from_dto(status(true, None)).is_err());
        assert_eq!(status_from_dto(status(false, None)), Ok(TxStatus::Unconfirmed));
    }

    #[test]
    fn null_txid_marker_without_coinbase_flag_still_means_coinbase() {
        let vin: EsploraVin = serde_json::from_str(&format!(
            r#"{{"txid":"{}","vout":4294967295,"prevout":null,"scriptsig":"","scriptsig_asm":"","witness":null,"is_coinbase":false,"sequence":0}}"#,
            "0".repeat(64)
        ))
        .unwrap();
        let input = input_from_dto(vin).unwrap();
        assert!(input.is_coinbase());
        assert_eq!(input.prevout, None);
    }

    #[test]
    fn balance_saturates_when_mempool_spends_exceed_funds() {
        let reply = HttpReply::json(
            r#"{"address":"a","chain_stats":{"funded_txo_count":0,"funded_txo_sum":5,"spent_txo_count":0,"spent_txo_sum":0,"tx_count":1},
                "mempool_stats":{"funded_txo_count":0,"funded_txo_sum":0,"spent_txo_count":1,"spent_txo_sum":9,"tx_count":1}}"#,
        );
        assert_eq!(address_summary(&reply, "a").unwrap().balance_sats, Sats::ZERO);
    }
}
