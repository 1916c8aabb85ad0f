//! Bitcoin's wire serialization of an Esplora-shaped tx, so txid, size and weight are the real ones.
//!
//! BIP144 layout: version, [marker 0x00, flag 0x01], inputs, outputs, [witnesses], locktime. The txid
//! hashes the form without marker, flag and witnesses; weight = 3 × that size + the full size.

use crate::explorer::esplora::dto::EsploraTx;

use super::hash::{display_hex, sha256d, unhex_into};

/// Appends Bitcoin's CompactSize encoding of `n`.
fn push_compact_size(n: usize, out: &mut Vec<u8>) {
    let n = n as u64;
    if n < 0xfd {
        out.push(n as u8);
    } else if n <= 0xffff {
        out.push(0xfd);
        out.extend_from_slice(&(n as u16).to_le_bytes());
    } else if n <= 0xffff_ffff {
        out.push(0xfe);
        out.extend_from_slice(&(n as u32).to_le_bytes());
    } else {
        out.push(0xff);
        out.extend_from_slice(&n.to_le_bytes());
    }
}

/// Appends a hex field as a length-prefixed byte string.
fn push_var_bytes(hex_text: &str, out: &mut Vec<u8>) {
    push_compact_size(hex_text.len() / 2, out);
    unhex_into(hex_text, out);
}

/// True when any input carries witness data (then the segwit layout is used).
fn has_witness(tx: &EsploraTx) -> bool {
    tx.vin
        .iter()
        .any(|input| input.witness.as_ref().is_some_and(|items| !items.is_empty()))
}

/// The serialized bytes, with or without the witness part.
pub(crate) fn serialize(tx: &EsploraTx, with_witness: bool) -> Vec<u8> {
    let segwit = with_witness && has_witness(tx);
    let mut out = Vec::with_capacity(64 + tx.vin.len() * 150 + tx.vout.len() * 40);
    out.extend_from_slice(&tx.version.to_le_bytes());
    if segwit {
        out.extend_from_slice(&[0x00, 0x01]);
    }
    push_compact_size(tx.vin.len(), &mut out);
    for input in &tx.vin {
        // The outpoint's txid travels in internal byte order, the reverse of the displayed hex.
        let mut prev = Vec::with_capacity(32);
        unhex_into(&input.txid, &mut prev);
        prev.reverse();
        out.extend_from_slice(&prev);
        out.extend_from_slice(&input.vout.to_le_bytes());
        push_var_bytes(&input.scriptsig, &mut out);
        out.extend_from_slice(&input.sequence.to_le_bytes());
    }
    push_compact_size(tx.vout.len(), &mut out);
    for output in &tx.vout {
        out.extend_from_slice(&output.value.to_le_bytes());
        push_var_bytes(&output.scriptpubkey, &mut out);
    }
    if segwit {
        for input in &tx.vin {
            let items = input.witness.as_deref().unwrap_or(&[]);
            push_compact_size(items.len(), &mut out);
            for item in items {
                push_var_bytes(item, &mut out);
            }
        }
    }
    out.extend_from_slice(&tx.locktime.to_le_bytes());
    out
}

/// `(size, weight)` in bytes and weight units.
pub(crate) fn size_and_weight(tx: &EsploraTx) -> (u32, u64) {
    let full = serialize(tx, true).len() as u64;
    let base = serialize(tx, false).len() as u64;
    (u32::try_from(full).unwrap_or(u32::MAX), base * 3 + full)
}

/// Virtual size (weight / 4, rounded up), what fee rates are quoted per.
pub(crate) fn vsize(weight: u64) -> u64 {
    weight.div_ceil(4)
}

/// The txid: double-SHA256 of the witness-free serialization, byte-reversed hex.
pub(crate) fn txid(tx: &EsploraTx) -> String {
    display_hex(&sha256d(&serialize(tx, false)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real replies (fixtures/explorer-samples/esplora): a segwit 2-of-3 P2WSH spend and a legacy P2PKH one.
    const P2WSH_TX: &str = r#"{"txid":"01c0cf156d8d7396358c60533d03cd0a5ee6ccdabc3b724eddc02e5e6068908f","version":1,"locktime":0,"vin":[{"txid":"1da017b7a11babdea17d2324edb41cf893011bf86fd270295c4ecf6d790f45fc","vout":1,"prevout":{"scriptpubkey":"0020701a8d401c84fb13e6baf169d59684e17abd9fa216c8cc5b9fc63d622ff8c58d","scriptpubkey_asm":"OP_0 OP_PUSHBYTES_32 701a8d401c84fb13e6baf169d59684e17abd9fa216c8cc5b9fc63d622ff8c58d","scriptpubkey_type":"v0_p2wsh","scriptpubkey_address":"bc1qwqdg6squsna38e46795at95yu9atm8azzmyvckulcc7kytlcckxswvvzej","value":376589779},"scriptsig":"","scriptsig_asm":"","witness":["","3044022017edb9c89a9ff9eaf72ff6bd476f7e68e6b17d5511ea9c1171c3499c8e98125a0220056796949dfe439a538c893a17644fab1557ca0764efe2c069cb3bf34a6c588001","3044022078d2ff8d1341e9f2f70a2dc84768f7072e872b0aa680208ea4292b3b92ec2468022072e3c90197f960695b8806e3233358c5dd182fd03326fb8f4817705a75cdedcb01","52210375e00eb72e29da82b89367947f29ef34afb75e8654f6ea368e0acdfd92976b7c2103a1b26313f430c4b15bb1fdce663207659d8cac749a0e53d70eff01874496feff2103c96d495bfdd5ba4145e3e046fee45e84a8a48ad05bd8dbb395c011a32cf9f88053ae"],"is_coinbase":false,"sequence":4294967295,"inner_witnessscript_asm":"OP_PUSHNUM_2 OP_PUSHBYTES_33 0375e00eb72e29da82b89367947f29ef34afb75e8654f6ea368e0acdfd92976b7c OP_PUSHBYTES_33 03a1b26313f430c4b15bb1fdce663207659d8cac749a0e53d70eff01874496feff OP_PUSHBYTES_33 03c96d495bfdd5ba4145e3e046fee45e84a8a48ad05bd8dbb395c011a32cf9f880 OP_PUSHNUM_3 OP_CHECKMULTISIG"}],"vout":[{"scriptpubkey":"76a914e739d7ecde8bf854cbcab08d06a6d4efb6e39f8188ac","scriptpubkey_asm":"OP_DUP OP_HASH160 OP_PUSHBYTES_20 e739d7ecde8bf854cbcab08d06a6d4efb6e39f81 OP_EQUALVERIFY OP_CHECKSIG","scriptpubkey_type":"p2pkh","scriptpubkey_address":"1N5cPM7Uk1ex2mHYFXtfyX8hXqKaJc47YG","value":5000000},{"scriptpubkey":"76a914ac91e4d3acc5972f60a2e6f572deb9063df6587688ac","scriptpubkey_asm":"OP_DUP OP_HASH160 OP_PUSHBYTES_20 ac91e4d3acc5972f60a2e6f572deb9063df65876 OP_EQUALVERIFY OP_CHECKSIG","scriptpubkey_type":"p2pkh","scriptpubkey_address":"1GjTzsuBqXmj6kUUypJciZ2Wczp3EQLamN","value":69594023},{"scriptpubkey":"0020701a8d401c84fb13e6baf169d59684e17abd9fa216c8cc5b9fc63d622ff8c58d","scriptpubkey_asm":"OP_0 OP_PUSHBYTES_32 701a8d401c84fb13e6baf169d59684e17abd9fa216c8cc5b9fc63d622ff8c58d","scriptpubkey_type":"v0_p2wsh","scriptpubkey_address":"bc1qwqdg6squsna38e46795at95yu9atm8azzmyvckulcc7kytlcckxswvvzej","value":301955756}],"size":416,"weight":902,"fee":40000,"status":{"confirmed":true,"block_height":720514,"block_hash":"00000000000000000006e0a49103f576090adc289de5d3e965a158929a2887f4","block_time":1643232826}}"#;
    const P2PKH_TX: &str = r#"{"txid":"b6a53d8a8025c0c5b194345925a99741b645cae0b1f180f0613273029f2bf698","version":2,"locktime":0,"vin":[{"txid":"fb16c141d22a3a7af5e44e7478a8663866c35d554cd85107ec8a99b97e5a72e9","vout":0,"prevout":{"scriptpubkey":"76a914099f831c49289c7b9cc07a9a632867ecd51a105a88ac","scriptpubkey_asm":"OP_DUP OP_HASH160 OP_PUSHBYTES_20 099f831c49289c7b9cc07a9a632867ecd51a105a OP_EQUALVERIFY OP_CHECKSIG","scriptpubkey_type":"p2pkh","scriptpubkey_address":"1stAprEZapjCYGUACUcXohQqSHF9MU5Kj","value":50000},"scriptsig":"483045022100ab59cf33b33eab1f76286a0fa6962c12171f2133931fec3616f96883551e6c9d02205cacbae788359f2a32ff629e732be0d95843440a3d1c222a63095f83fb69f438014104ea83ffe426ee6b6827029c72fbdcb0a1602829c1fe384637a7d178aa62a6a1e3d7f29250e001ee708a93ca9771f50ee638aaaaef8941c8a7e2bad5494b23e0df","scriptsig_asm":"OP_PUSHBYTES_72 3045022100ab59cf33b33eab1f76286a0fa6962c12171f2133931fec3616f96883551e6c9d02205cacbae788359f2a32ff629e732be0d95843440a3d1c222a63095f83fb69f43801 OP_PUSHBYTES_65 04ea83ffe426ee6b6827029c72fbdcb0a1602829c1fe384637a7d178aa62a6a1e3d7f29250e001ee708a93ca9771f50ee638aaaaef8941c8a7e2bad5494b23e0df","is_coinbase":false,"sequence":4294967293}],"vout":[{"scriptpubkey":"76a914099f831c49289c7b9cc07a9a632867ecd51a105a88ac","scriptpubkey_asm":"OP_DUP OP_HASH160 OP_PUSHBYTES_20 099f831c49289c7b9cc07a9a632867ecd51a105a OP_EQUALVERIFY OP_CHECKSIG","scriptpubkey_type":"p2pkh","scriptpubkey_address":"1stAprEZapjCYGUACUcXohQqSHF9MU5Kj","value":49040}],"size":224,"weight":896,"sigops":4,"fee":960,"status":{"confirmed":false}}"#;

    fn check_against_explorer(json: &str) {
        let tx: EsploraTx = serde_json::from_str(json).unwrap();
        assert_eq!(txid(&tx), tx.txid);
        assert_eq!(size_and_weight(&tx), (tx.size, tx.weight));
    }

    #[test]
    fn segwit_tx_reproduces_explorer_txid_size_and_weight() {
        check_against_explorer(P2WSH_TX);
    }

    #[test]
    fn legacy_tx_reproduces_explorer_txid_size_and_weight() {
        check_against_explorer(P2PKH_TX);
    }
}
