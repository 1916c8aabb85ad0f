//! Addresses: parsing with specific errors, encoding from hashes, and the output script each pays to.
//!
//! Legacy addresses are `Base58Check` (`base58`), native segwit ones bech32/bech32m (`segwit`);
//! `error` names every way a pasted string can fail to be an address of the chain asked for.

mod base58;
mod cashaddr;
mod error;
mod segwit;

use std::fmt::{self, Write as _};

use bech32::{Fe32, Hrp};

pub use error::AddressError;

use super::Chain;

/// The script template an address pays to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum AddressKind {
    /// Pay to public-key hash (legacy, starts with 1).
    P2pkh,
    /// Pay to script hash (starts with 3).
    P2sh,
    /// Segwit v0 key hash (bc1q…, 42 characters).
    P2wpkh,
    /// Segwit v0 script hash (bc1q…, 62 characters).
    P2wsh,
    /// Taproot, segwit v1 with a 32-byte key (bc1p…).
    P2tr,
    /// A segwit version or program size reserved for future upgrades (valid, but no wallet uses it yet).
    WitnessOther,
}

/// What one chain's addresses look like.
struct Params {
    /// Base58 version byte of P2PKH addresses.
    p2pkh_version: u8,
    /// Base58 version byte of P2SH addresses (the current one).
    p2sh_version: u8,
    /// An older P2SH version byte still found on chain (Litecoin and Monacoin started with
    /// Bitcoin's 3…); read, then written in the current form, so both are one node.
    legacy_p2sh_version: Option<u8>,
    /// Bech32 human-readable prefix of segwit addresses, without the `1` (none on chains
    /// without segwit).
    hrp: Option<&'static str>,
    /// How the chain's addresses start, for messages.
    prefixes: &'static str,
}

/// The address format of `chain`.
fn params(chain: Chain) -> Params {
    match chain {
        Chain::Btc => Params {
            p2pkh_version: 0x00,
            p2sh_version: 0x05,
            legacy_p2sh_version: None,
            hrp: Some("bc"),
            prefixes: "1, 3 or bc1",
        },
        // Legacy (Base58) addresses of Bitcoin Cash use Bitcoin's version bytes.
        Chain::Bch => Params {
            p2pkh_version: 0x00,
            p2sh_version: 0x05,
            legacy_p2sh_version: None,
            hrp: None,
            prefixes: "q, p or bitcoincash: (or 1 and 3 in the legacy form)",
        },
        Chain::Ltc => Params {
            p2pkh_version: 0x30,
            p2sh_version: 0x32,
            legacy_p2sh_version: Some(0x05),
            hrp: Some("ltc"),
            prefixes: "L, M, 3 or ltc1",
        },
        Chain::Doge => Params {
            p2pkh_version: 0x1e,
            p2sh_version: 0x16,
            legacy_p2sh_version: None,
            hrp: None,
            prefixes: "D, A or 9",
        },
        Chain::Mona => Params {
            p2pkh_version: 0x32,
            p2sh_version: 0x37,
            legacy_p2sh_version: Some(0x05),
            hrp: Some("mona"),
            prefixes: "M, P, 3 or mona1",
        },
    }
}

/// The chains an address string is tried against when deserialised without a chain (Bitcoin
/// first: a legacy 1… address is read as Bitcoin's).
const CHAINS: [Chain; 5] = Chain::ALL;

/// A checked address of one chain, in its canonical text form (bech32 lower case, Base58 as is).
///
/// Ordering and equality follow the text first, so sorted lists read alphabetically.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Address {
    text: String,
    chain: Chain,
    kind: AddressKind,
    /// The output script this address pays to, e.g. `76a914…88ac`.
    script_pubkey: Vec<u8>,
}

impl Address {
    /// Parses an address of `chain`, trimming surrounding white space.
    ///
    /// # Errors
    ///
    /// An [`AddressError`] naming the mistake: a typo (checksum), a cut-off copy, a character
    /// addresses never use, or another network's address (Litecoin, testnet, Ethereum…).
    ///
    /// ```
    /// use spoor::chain::{Address, AddressKind, Chain};
    /// let address = Address::parse(Chain::Btc, " BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4\n").unwrap();
    /// assert_eq!(address.as_str(), "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    /// assert_eq!(address.kind(), AddressKind::P2wpkh);
    /// let typo = Address::parse(Chain::Btc, "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9W").unwrap_err();
    /// assert_eq!(typo.to_string(), "checksum does not match: a character is mistyped, missing or extra; copy the address again");
    /// ```
    pub fn parse(chain: Chain, s: &str) -> Result<Address, AddressError> {
        let text = s.trim();
        if text.is_empty() {
            return Err(AddressError::Empty);
        }
        if text.chars().any(char::is_whitespace) {
            return Err(AddressError::ContainsWhitespace);
        }
        let lower = text.to_ascii_lowercase();
        if chain == Chain::Bch && cashaddr::looks_like_cashaddr(&lower) {
            let (kind, hash) = cashaddr::decode(text, &lower)?;
            return Ok(Address::hashed(chain, kind, &hash));
        }
        if let Some(network) = foreign_format(chain, &lower) {
            return Err(AddressError::OtherNetwork { chain, network });
        }
        if let Some((scheme, _)) = lower.split_once(':') {
            return Err(AddressError::PaymentLink {
                scheme: scheme.to_string(),
            });
        }
        let one_case = text == lower || text == text.to_ascii_uppercase();
        if segwit::looks_like_bech32(chain, &lower, one_case) {
            let witness = segwit::decode(chain, text, &lower)?;
            return Ok(Address::from_witness(chain, lower, witness.version, &witness.program));
        }
        let (kind, hash) = base58::decode(chain, text)?;
        // Written again in the chain's current form (cashaddr, or the current P2SH version).
        Ok(Address::hashed(chain, kind, &hash))
    }

    /// The P2PKH or P2SH address of a 20-byte hash in the chain's canonical form.
    fn hashed(chain: Chain, kind: AddressKind, hash: &[u8; 20]) -> Address {
        let own = params(chain);
        let (version, script_pubkey) = match kind {
            AddressKind::P2sh => (own.p2sh_version, p2sh_script(hash)),
            _ => (own.p2pkh_version, p2pkh_script(hash)),
        };
        let kind = if kind == AddressKind::P2sh {
            kind
        } else {
            AddressKind::P2pkh
        };
        let text = if chain == Chain::Bch {
            cashaddr::encode(kind, hash)
        } else {
            base58::encode(version, hash)
        };
        Address {
            text,
            chain,
            kind,
            script_pubkey,
        }
    }

    /// The form explorers are asked with: Bitcoin Cash's cashaddr with its `bitcoincash:`
    /// prefix (Blockbook reads a bare `q…` as a broken legacy address), else the text.
    #[must_use]
    pub fn explorer_text(&self) -> String {
        if self.chain == Chain::Bch {
            format!("{}:{}", cashaddr::PREFIX, self.text)
        } else {
            self.text.clone()
        }
    }

    /// The legacy (Base58) form of a Bitcoin Cash address, as older tools and write-ups show it.
    #[must_use]
    pub fn legacy_text(&self) -> Option<String> {
        if self.chain != Chain::Bch {
            return None;
        }
        let hash: [u8; 20] = match self.kind {
            AddressKind::P2pkh => self.script_pubkey.get(3..23)?.try_into().ok()?,
            AddressKind::P2sh => self.script_pubkey.get(2..22)?.try_into().ok()?,
            _ => return None,
        };
        let own = params(self.chain);
        let version = if self.kind == AddressKind::P2sh {
            own.p2sh_version
        } else {
            own.p2pkh_version
        };
        Some(base58::encode(version, &hash))
    }

    /// The canonical text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The script template it pays to.
    #[must_use]
    pub fn kind(&self) -> AddressKind {
        self.kind
    }

    /// The chain it belongs to.
    #[must_use]
    pub fn chain(&self) -> Chain {
        self.chain
    }

    /// The legacy address paying to a public-key hash (HASH160); cashaddr on Bitcoin Cash.
    #[must_use]
    pub fn p2pkh(chain: Chain, hash: [u8; 20]) -> Address {
        Address::hashed(chain, AddressKind::P2pkh, &hash)
    }

    /// The address paying to a script hash (HASH160 of the redeem script).
    #[must_use]
    pub fn p2sh(chain: Chain, hash: [u8; 20]) -> Address {
        Address::hashed(chain, AddressKind::P2sh, &hash)
    }

    /// Whether the chain has segwit addresses (Bitcoin, Litecoin, Monacoin).
    #[must_use]
    pub fn has_segwit(chain: Chain) -> bool {
        params(chain).hrp.is_some()
    }

    /// The segwit v0 address paying to a 20-byte key hash; on a chain without segwit, the
    /// P2PKH address of the same hash.
    #[must_use]
    pub fn p2wpkh(chain: Chain, program: [u8; 20]) -> Address {
        match params(chain).hrp {
            Some(hrp) => Address::from_witness(
                chain,
                segwit::encode(&Hrp::parse_unchecked(hrp), Fe32::Q, &program),
                0,
                &program,
            ),
            None => Address::p2pkh(chain, program),
        }
    }

    /// The segwit v0 address paying to a 32-byte script hash; on a chain without segwit, a
    /// P2SH address of its first 20 bytes (a stand-in that keeps simulations on one chain).
    #[must_use]
    pub fn p2wsh(chain: Chain, program: [u8; 32]) -> Address {
        match params(chain).hrp {
            Some(hrp) => Address::from_witness(
                chain,
                segwit::encode(&Hrp::parse_unchecked(hrp), Fe32::Q, &program),
                0,
                &program,
            ),
            None => Address::p2sh(chain, first_20(&program)),
        }
    }

    /// The taproot (segwit v1) address paying to a 32-byte output key; on a chain without
    /// segwit, a P2PKH address of its first 20 bytes (as [`Address::p2wsh`]).
    #[must_use]
    pub fn p2tr(chain: Chain, output_key: [u8; 32]) -> Address {
        match params(chain).hrp {
            Some(hrp) => Address::from_witness(
                chain,
                segwit::encode(&Hrp::parse_unchecked(hrp), Fe32::P, &output_key),
                1,
                &output_key,
            ),
            None => Address::p2pkh(chain, first_20(&output_key)),
        }
    }

    /// The output script in hex, as explorers show it (`scriptpubkey`): `76a914{hash}88ac`,
    /// `a914{hash}87`, `0014{program}`, `0020{program}`, `5120{key}`.
    #[must_use]
    pub fn script_pubkey_hex(&self) -> String {
        self.script_pubkey
            .iter()
            .fold(String::with_capacity(self.script_pubkey.len() * 2), |mut hex, byte| {
                // Writing to a String cannot fail.
                write!(hex, "{byte:02x}").ok();
                hex
            })
    }

    /// Builds a segwit address from already-validated parts (version 0..=16, program 2..=40 bytes).
    fn from_witness(chain: Chain, text: String, version: u8, program: &[u8]) -> Address {
        let kind = match (version, program.len()) {
            (0, 20) => AddressKind::P2wpkh,
            (0, 32) => AddressKind::P2wsh,
            (1, 32) => AddressKind::P2tr,
            _ => AddressKind::WitnessOther,
        };
        // OP_0, or OP_1..OP_16 (0x51..0x60); then a push of the program.
        let opcode = if version == 0 { 0 } else { 0x50 + version };
        let mut script_pubkey = vec![opcode, u8::try_from(program.len()).unwrap_or(u8::MAX)];
        script_pubkey.extend_from_slice(program);
        Address {
            text,
            chain,
            kind,
            script_pubkey,
        }
    }
}

fn first_20(bytes: &[u8; 32]) -> [u8; 20] {
    let mut out = [0; 20];
    out.copy_from_slice(bytes.get(..20).unwrap_or(&[0; 20]));
    out
}

/// `OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG`.
fn p2pkh_script(hash: &[u8; 20]) -> Vec<u8> {
    [&[0x76, 0xa9, 0x14][..], hash, &[0x88, 0xac]].concat()
}

/// `OP_HASH160 <20> OP_EQUAL`.
fn p2sh_script(hash: &[u8; 20]) -> Vec<u8> {
    [&[0xa9, 0x14][..], hash, &[0x87]].concat()
}

/// Formats that are recognisably another coin than `chain` before any decoding: Ethereum's
/// `0x` + 40 hex, payment-link schemes, and Bitcoin Cash's cashaddr (with or without its
/// `bitcoincash:` prefix).
fn foreign_format(chain: Chain, lower: &str) -> Option<&'static str> {
    let network = foreign_network(lower)?;
    (network != chain.name()).then_some(network)
}

fn foreign_network(lower: &str) -> Option<&'static str> {
    if let Some(hex) = lower.strip_prefix("0x") {
        if hex.len() == 40 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Some("Ethereum");
        }
    }
    let scheme_network = match lower.split_once(':') {
        Some(("bitcoin", _)) => Some("Bitcoin"),
        Some(("bitcoincash" | "bchtest" | "bchreg", _)) => Some("Bitcoin Cash"),
        Some(("litecoin", _)) => Some("Litecoin"),
        Some(("dogecoin", _)) => Some("Dogecoin"),
        Some(("monacoin", _)) => Some("Monacoin"),
        Some(("ethereum", _)) => Some("Ethereum"),
        _ => None,
    };
    if scheme_network.is_some() {
        return scheme_network;
    }
    // Cashaddr without prefix: q… (key hash) or p… (script hash), 42 characters of bech32's alphabet.
    cashaddr::looks_like_cashaddr(lower).then_some("Bitcoin Cash")
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for Address {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for Address {
    /// Reads the text form; the chain is the first one (of [`CHAINS`]) the text is valid for.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let mut first_error = None;
        for chain in CHAINS {
            match Address::parse(chain, &text) {
                Ok(address) => return Ok(address),
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        Err(serde::de::Error::custom(
            first_error.map_or_else(String::new, |error| format!("{error}: {text}")),
        ))
    }
}
