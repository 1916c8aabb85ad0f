//! Output scripts (through the chain codec) and plausible input data that spends them.
//!
//! Signatures are random bytes in valid DER shape: nothing here is signed, and no private key exists.
//! Public keys are derived from the output so an address shows the same key every time it spends.
//! P2WSH is exact (the program is the SHA256 of the 2-of-3 witness script shown when spent); the
//! HASH160 ones are not, since RIPEMD160 is not among our dependencies.

use std::collections::HashMap;

use crate::chain::{Address, Chain};
use crate::explorer::esplora::dto::{EsploraVin, EsploraVout};

use super::hash::{hex, sha256};
use super::rng::SplitMix64;

/// `sequence` of inputs that opt into replace-by-fee (BIP125).
pub(crate) const SEQUENCE_RBF: u32 = 0xffff_fffd;
/// `sequence` of final inputs.
pub(crate) const SEQUENCE_FINAL: u32 = 0xffff_ffff;

/// The output types the simulator pays to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    P2pkh,
    /// Nested segwit (P2SH-P2WPKH), the usual 3… address of 2018 wallets.
    P2sh,
    P2wpkh,
    P2wsh,
    P2tr,
}

impl Kind {
    /// A type drawn from a 2018-like mix: mostly legacy and nested segwit, some bech32.
    pub(crate) fn random_2018(rng: &mut SplitMix64) -> Kind {
        match rng.below(100) {
            0..=54 => Kind::P2pkh,
            55..=84 => Kind::P2sh,
            85..=94 => Kind::P2wpkh,
            95..=97 => Kind::P2wsh,
            _ => Kind::P2tr,
        }
    }

    /// The type of an output we made, from its Esplora `scriptpubkey_type`.
    pub(crate) fn of_output(output: &EsploraVout) -> Kind {
        match output.scriptpubkey_type.as_str() {
            "p2sh" => Kind::P2sh,
            "v0_p2wpkh" => Kind::P2wpkh,
            "v0_p2wsh" => Kind::P2wsh,
            "v1_p2tr" => Kind::P2tr,
            _ => Kind::P2pkh,
        }
    }
}

/// Makes fresh output scripts and the witness data to spend them later.
#[derive(Debug)]
pub(crate) struct Keys {
    /// The coin whose addresses are made.
    chain: Chain,
    /// P2WSH witness scripts by `scriptpubkey` hex (needed again when the output is spent).
    witness_scripts: HashMap<String, Vec<u8>>,
}

impl Keys {
    pub(crate) fn new(chain: Chain) -> Keys {
        Keys {
            chain,
            witness_scripts: HashMap::new(),
        }
    }

    /// The coin whose addresses are made.
    pub(crate) fn chain(&self) -> Chain {
        self.chain
    }

    /// A never-used output script of `kind`, as an output template with value 0. Chains without
    /// segwit (Bitcoin Cash, Dogecoin) get P2PKH outputs whatever the kind: nested segwit and
    /// witness spends do not exist there.
    pub(crate) fn fresh(&mut self, rng: &mut SplitMix64, kind: Kind) -> EsploraVout {
        let chain = self.chain;
        let kind = if Address::has_segwit(chain) { kind } else { Kind::P2pkh };
        let address = match kind {
            Kind::P2pkh => Address::p2pkh(chain, rng.bytes()),
            Kind::P2sh => Address::p2sh(chain, rng.bytes()),
            Kind::P2wpkh => Address::p2wpkh(chain, rng.bytes()),
            Kind::P2tr => Address::p2tr(chain, rng.bytes()),
            Kind::P2wsh => {
                let script = multisig_2_of_3(rng);
                let address = Address::p2wsh(chain, sha256(&script));
                self.witness_scripts.insert(address.script_pubkey_hex(), script);
                address
            }
        };
        output_template(&address, kind)
    }

    /// The input spending `prevout` (output `vout` of `prev_txid`).
    pub(crate) fn spend(
        &self,
        rng: &mut SplitMix64,
        prevout: &EsploraVout,
        prev_txid: &str,
        vout: u32,
        sequence: u32,
    ) -> EsploraVin {
        let mut input = EsploraVin {
            txid: prev_txid.to_string(),
            vout,
            prevout: Some(prevout.clone()),
            scriptsig: String::new(),
            scriptsig_asm: String::new(),
            witness: None,
            is_coinbase: false,
            sequence,
            inner_redeemscript_asm: None,
            inner_witnessscript_asm: None,
        };
        let pubkey = hex(&pubkey_of(&prevout.scriptpubkey));
        let signature = hex(&der_signature(rng));
        match Kind::of_output(prevout) {
            Kind::P2pkh => {
                input.scriptsig = format!("47{signature}21{pubkey}");
                input.scriptsig_asm = format!("OP_PUSHBYTES_71 {signature} OP_PUSHBYTES_33 {pubkey}");
            }
            Kind::P2sh => {
                let program = hex(sha256(pubkey.as_bytes()).get(..20).unwrap_or(&[]));
                input.scriptsig = format!("160014{program}");
                input.scriptsig_asm = format!("OP_PUSHBYTES_22 0014{program}");
                input.inner_redeemscript_asm = Some(format!("OP_0 OP_PUSHBYTES_20 {program}"));
                input.witness = Some(vec![signature, pubkey]);
            }
            Kind::P2wpkh => input.witness = Some(vec![signature, pubkey]),
            Kind::P2tr => input.witness = Some(vec![hex(&rng.bytes::<64>())]),
            Kind::P2wsh => {
                let script = self
                    .witness_scripts
                    .get(&prevout.scriptpubkey)
                    .cloned()
                    .unwrap_or_default();
                let second = hex(&der_signature(rng));
                input.inner_witnessscript_asm = Some(multisig_asm(&script));
                input.witness = Some(vec![String::new(), signature, second, hex(&script)]);
            }
        }
        input
    }
}

/// The coinbase input of a block at `height` (BIP34 height push, then a miner tag).
pub(crate) fn coinbase_input(height: u32) -> EsploraVin {
    let height_le = hex(height.to_le_bytes().get(..3).unwrap_or(&[]));
    let tag = hex(b"/spoor simulate/");
    EsploraVin {
        txid: "0".repeat(64),
        vout: u32::MAX,
        prevout: None,
        scriptsig: format!("03{height_le}10{tag}"),
        scriptsig_asm: format!("OP_PUSHBYTES_3 {height_le} OP_PUSHBYTES_16 {tag}"),
        witness: None,
        is_coinbase: true,
        sequence: SEQUENCE_FINAL,
        inner_redeemscript_asm: None,
        inner_witnessscript_asm: None,
    }
}

/// The Esplora output for `address` with value 0 (the caller sets the value).
fn output_template(address: &Address, kind: Kind) -> EsploraVout {
    let script = address.script_pubkey_hex();
    let (asm, kind_name) = match kind {
        Kind::P2pkh => (
            format!(
                "OP_DUP OP_HASH160 OP_PUSHBYTES_20 {} OP_EQUALVERIFY OP_CHECKSIG",
                slice(&script, 6, 46)
            ),
            "p2pkh",
        ),
        Kind::P2sh => (
            format!("OP_HASH160 OP_PUSHBYTES_20 {} OP_EQUAL", slice(&script, 4, 44)),
            "p2sh",
        ),
        Kind::P2wpkh => (format!("OP_0 OP_PUSHBYTES_20 {}", slice(&script, 4, 44)), "v0_p2wpkh"),
        Kind::P2wsh => (format!("OP_0 OP_PUSHBYTES_32 {}", slice(&script, 4, 68)), "v0_p2wsh"),
        Kind::P2tr => (
            format!("OP_PUSHNUM_1 OP_PUSHBYTES_32 {}", slice(&script, 4, 68)),
            "v1_p2tr",
        ),
    };
    EsploraVout {
        scriptpubkey: script,
        scriptpubkey_asm: asm,
        scriptpubkey_type: kind_name.to_string(),
        scriptpubkey_address: Some(address.as_str().to_string()),
        value: 0,
    }
}

/// `text[from..to]`, or "" if out of range.
fn slice(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or("")
}

/// A compressed public key that is the same every time this output script spends.
fn pubkey_of(scriptpubkey_hex: &str) -> [u8; 33] {
    let digest = sha256(format!("spoor-simulate pubkey {scriptpubkey_hex}").as_bytes());
    let mut key = [0_u8; 33];
    key[0] = 0x02 | (digest[31] & 1);
    key[1..].copy_from_slice(&digest);
    key
}

/// A random low-R, low-S DER signature with SIGHASH_ALL: 71 bytes, as Bitcoin Core ≥0.17 makes them.
fn der_signature(rng: &mut SplitMix64) -> [u8; 71] {
    let mut sig = [0_u8; 71];
    sig[..4].copy_from_slice(&[0x30, 0x44, 0x02, 0x20]);
    rng.fill(&mut sig[4..36]);
    sig[36..38].copy_from_slice(&[0x02, 0x20]);
    rng.fill(&mut sig[38..70]);
    // A leading byte in 0x01..=0x7f keeps each integer positive and exactly 32 bytes long.
    sig[4] = (sig[4] & 0x7f).max(1);
    sig[38] = (sig[38] & 0x7f).max(1);
    sig[70] = 0x01;
    sig
}

/// `OP_2 <pk1> <pk2> <pk3> OP_3 OP_CHECKMULTISIG` with three random compressed keys.
fn multisig_2_of_3(rng: &mut SplitMix64) -> Vec<u8> {
    let mut script = vec![0x52];
    for _ in 0..3 {
        let mut key: [u8; 33] = rng.bytes();
        key[0] = 0x02 | (key[0] & 1);
        script.push(0x21);
        script.extend_from_slice(&key);
    }
    script.extend_from_slice(&[0x53, 0xae]);
    script
}

/// The asm of a [`multisig_2_of_3`] script.
fn multisig_asm(script: &[u8]) -> String {
    let keys: Vec<String> = script
        .get(1..103)
        .unwrap_or(&[])
        .chunks(34)
        .map(|chunk| format!("OP_PUSHBYTES_33 {}", hex(chunk.get(1..).unwrap_or(&[]))))
        .collect();
    format!("OP_PUSHNUM_2 {} OP_PUSHNUM_3 OP_CHECKMULTISIG", keys.join(" "))
}
