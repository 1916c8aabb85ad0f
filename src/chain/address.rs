//! Addresses: parsing with specific errors, encoding from hashes, and the output script each pays to.
//!
//! Legacy addresses are `Base58Check` (`base58`), native segwit ones bech32/bech32m (`segwit`);
//! `error` names every way a pasted string can fail to be an address of the chain asked for.

mod base58;
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
    /// The chain's name in messages.
    name: &'static str,
    /// Base58 version byte of P2PKH addresses.
    p2pkh_version: u8,
    /// Base58 version byte of P2SH addresses.
    p2sh_version: u8,
    /// Bech32 human-readable prefix of segwit addresses.
    hrp: Hrp,
}

/// The address format of `chain`.
fn params(chain: Chain) -> Params {
    match chain {
        Chain::Btc => Params {
            name: "Bitcoin",
            p2pkh_version: 0x00,
            p2sh_version: 0x05,
            hrp: bech32::hrp::BC,
        },
    }
}

/// The chains an address string is tried against when deserialised without a chain.
const CHAINS: [Chain; 1] = [Chain::Btc];

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
        if let Some(network) = foreign_format(&lower) {
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
        let script_pubkey = match kind {
            AddressKind::P2sh => p2sh_script(&hash),
            _ => p2pkh_script(&hash),
        };
        Ok(Address {
            text: text.to_string(),
            chain,
            kind,
            script_pubkey,
        })
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

    /// The legacy address paying to a public-key hash (HASH160).
    #[must_use]
    pub fn p2pkh(chain: Chain, hash: [u8; 20]) -> Address {
        let text = base58::encode(params(chain).p2pkh_version, &hash);
        Address {
            text,
            chain,
            kind: AddressKind::P2pkh,
            script_pubkey: p2pkh_script(&hash),
        }
    }

    /// The address paying to a script hash (HASH160 of the redeem script).
    #[must_use]
    pub fn p2sh(chain: Chain, hash: [u8; 20]) -> Address {
        let text = base58::encode(params(chain).p2sh_version, &hash);
        Address {
            text,
            chain,
            kind: AddressKind::P2sh,
            script_pubkey: p2sh_script(&hash),
        }
    }

    /// The segwit v0 address paying to a 20-byte key hash.
    #[must_use]
    pub fn p2wpkh(chain: Chain, program: [u8; 20]) -> Address {
        let text = segwit::encode(&params(chain).hrp, Fe32::Q, &program);
        Address::from_witness(chain, text, 0, &program)
    }

    /// The segwit v0 address paying to a 32-byte script hash.
    #[must_use]
    pub fn p2wsh(chain: Chain, program: [u8; 32]) -> Address {
        let text = segwit::encode(&params(chain).hrp, Fe32::Q, &program);
        Address::from_witness(chain, text, 0, &program)
    }

    /// The taproot (segwit v1) address paying to a 32-byte output key.
    #[must_use]
    pub fn p2tr(chain: Chain, output_key: [u8; 32]) -> Address {
        let text = segwit::encode(&params(chain).hrp, Fe32::P, &output_key);
        Address::from_witness(chain, text, 1, &output_key)
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

/// `OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG`.
fn p2pkh_script(hash: &[u8; 20]) -> Vec<u8> {
    [&[0x76, 0xa9, 0x14][..], hash, &[0x88, 0xac]].concat()
}

/// `OP_HASH160 <20> OP_EQUAL`.
fn p2sh_script(hash: &[u8; 20]) -> Vec<u8> {
    [&[0xa9, 0x14][..], hash, &[0x87]].concat()
}

/// Formats that are recognisably another coin before any decoding: Ethereum's `0x` + 40 hex,
/// and Bitcoin Cash's cashaddr (with or without its `bitcoincash:` prefix).
fn foreign_format(lower: &str) -> Option<&'static str> {
    if let Some(hex) = lower.strip_prefix("0x") {
        if hex.len() == 40 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Some("Ethereum");
        }
    }
    let scheme_network = match lower.split_once(':') {
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
    let cashaddr = lower.len() == 42
        && (lower.starts_with('q') || lower.starts_with('p'))
        && lower.chars().all(|c| "qpzry9x8gf2tvdw0s3jn54khce6mua7l".contains(c));
    cashaddr.then_some("Bitcoin Cash")
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
