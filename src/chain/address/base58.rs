//! Legacy addresses (`Base58Check`: a version byte, a 20-byte hash and a 4-byte checksum), and
//! recognising the Base58 codes of other coins, keys and wallets that people paste by mistake.

use crate::chain::Chain;

use super::{params, AddressError, AddressKind};

/// The Base58 alphabet: digits and letters without 0, O, I and l.
const ALPHABET: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Characters a legacy address can have; shorter or longer input is incomplete.
const ADDRESS_CHARS: std::ops::RangeInclusive<usize> = 25..=35;

/// Encodes `version ‖ hash` with its checksum.
pub(super) fn encode(version: u8, hash: &[u8; 20]) -> String {
    let mut payload = Vec::with_capacity(21);
    payload.push(version);
    payload.extend_from_slice(hash);
    bs58::encode(payload).with_check().into_string()
}

/// Decodes a trimmed, white-space-free string as a legacy address of `chain`.
pub(super) fn decode(chain: Chain, text: &str) -> Result<(AddressKind, [u8; 20]), AddressError> {
    if let Some((index, character)) = text.chars().enumerate().find(|&(_, c)| !ALPHABET.contains(c)) {
        return Err(AddressError::NotBase58 {
            character,
            position: index + 1,
        });
    }
    let chars = text.chars().count();
    let payload = match bs58::decode(text).with_check(None).into_vec() {
        Ok(payload) => payload,
        // A far-off length means a cut-off copy, which a checksum message would hide.
        Err(_) if !ADDRESS_CHARS.contains(&chars) => return Err(AddressError::Base58Length { chars }),
        Err(_) => return Err(AddressError::ChecksumMismatch),
    };
    let Some((&version, rest)) = payload.split_first() else {
        return Err(AddressError::Base58PayloadLength { bytes: 0 });
    };
    let Ok(hash) = <[u8; 20]>::try_from(rest) else {
        return Err(other_code(chain, text, &payload));
    };
    let own = params(chain);
    if version == own.p2pkh_version {
        Ok((AddressKind::P2pkh, hash))
    } else if version == own.p2sh_version || Some(version) == own.legacy_p2sh_version {
        Ok((AddressKind::P2sh, hash))
    } else if let Some(network) = network_of_version(version) {
        Err(AddressError::OtherNetwork { chain, network })
    } else {
        Err(AddressError::UnknownVersion { chain, version })
    }
}

/// Names a valid `Base58Check` code that is not 21 bytes long: keys, wallets, Zcash.
fn other_code(chain: Chain, text: &str, payload: &[u8]) -> AddressError {
    match (payload.len(), payload.first()) {
        // Wallet import format: 0x80 mainnet or 0xef testnet, 32-byte key, optional 0x01.
        (33 | 34, Some(0x80 | 0xef)) => AddressError::PrivateKey,
        // BIP-32 serialisation; the text says xpub/xprv, ypub, zpub, tpub…
        (78, _) if text.get(1..4) == Some("prv") => AddressError::ExtendedPrivateKey,
        (78, _) => AddressError::ExtendedPublicKey,
        (22, Some(0x1c)) => AddressError::OtherNetwork {
            chain,
            network: "Zcash",
        },
        (bytes, _) => AddressError::Base58PayloadLength { bytes },
    }
}

/// The network whose addresses use this version byte, for networks people confuse with Bitcoin.
/// The chain's own versions are matched before this is asked.
fn network_of_version(version: u8) -> Option<&'static str> {
    match version {
        0x00 | 0x05 => Some("Bitcoin"),         // 1…, 3… (also Bitcoin Cash's legacy form)
        0x6f | 0xc4 => Some("Bitcoin testnet"), // m…, n…, 2…
        0x30 => Some("Litecoin"),               // L…
        // M… is Litecoin's new P2SH and Monacoin's P2PKH: the bytes cannot tell them apart.
        0x32 => Some("Litecoin or Monacoin"),
        0x37 => Some("Monacoin"),        // P…
        0x1e | 0x16 => Some("Dogecoin"), // D…, and 9… or A…
        0x41 => Some("Tron"),            // T…
        0x4c | 0x10 => Some("Dash"),     // X…, 7…
        _ => None,
    }
}
