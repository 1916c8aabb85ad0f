//! Native segwit addresses (bc1…): bech32 for witness version 0, bech32m for versions 1 to 16
//! (BIP-173, BIP-350), plus the prefixes of other networks that use the same format.

use bech32::primitives::decode::UncheckedHrpstring;
use bech32::{Bech32, Bech32m, ByteIterExt as _, Fe32, Fe32IterExt as _, Hrp};

use crate::chain::Chain;

use super::{params, AddressError};

/// The bech32 alphabet; position = 5-bit value.
const CHARSET: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// BIP-173: a segwit address is at most 90 characters.
const MAX_CHARS: usize = 90;

/// Checksum characters at the end of every bech32 string.
const CHECKSUM_CHARS: usize = 6;

/// A decoded witness output: version 0..=16 and its program.
pub(super) struct Witness {
    pub(super) version: u8,
    pub(super) program: Vec<u8>,
}

/// Encodes a version-0 program (bech32) or a version-1 program (bech32m), lower case.
pub(super) fn encode(hrp: &Hrp, version: Fe32, program: &[u8]) -> String {
    let fes = program.iter().copied().bytes_to_fes();
    if version == Fe32::Q {
        fes.with_checksum::<Bech32>(hrp)
            .with_witness_version(version)
            .chars()
            .collect()
    } else {
        fes.with_checksum::<Bech32m>(hrp)
            .with_witness_version(version)
            .chars()
            .collect()
    }
}

/// Bech32 prefixes (without the `1`) of networks people confuse with Bitcoin.
const OTHER_NETWORKS: [(&str, &str); 8] = [
    ("bc", "Bitcoin"),
    ("tb", "Bitcoin testnet"),
    ("bcrt", "Bitcoin testnet"),
    ("ltc", "Litecoin"),
    ("tltc", "Litecoin"),
    ("rltc", "Litecoin"),
    ("mona", "Monacoin"),
    ("tmona", "Monacoin"),
];

/// `chain`'s own bech32 prefix (without the `1`), or `None` on chains without segwit.
fn own_hrp(chain: Chain) -> Option<&'static str> {
    params(chain).hrp
}

/// The network of a bech32 prefix (without the `1`) other than `chain`'s own, if known.
fn network_of_hrp(chain: Chain, hrp: &str) -> Option<&'static str> {
    if Some(hrp) == own_hrp(chain) {
        return None;
    }
    OTHER_NETWORKS
        .iter()
        .find(|(known, _)| *known == hrp)
        .map(|&(_, network)| network)
}

/// Splits lower-cased text into prefix and data at the separator `1`: right after a known prefix
/// (so a stray `1` in the data is reported as such), else at the last `1` as BIP-173 says.
fn split_hrp(chain: Chain, lower: &str) -> Option<(&str, &str)> {
    let known_len = own_hrp(chain)
        .into_iter()
        .chain(OTHER_NETWORKS.iter().map(|&(hrp, _)| hrp))
        .find(|hrp| lower.strip_prefix(hrp).is_some_and(|rest| rest.starts_with('1')))
        .map(str::len);
    match known_len {
        Some(len) => lower
            .split_at_checked(len)
            .map(|(hrp, rest)| (hrp, rest.get(1..).unwrap_or_default())),
        None => lower.rsplit_once('1'),
    }
}

/// Whether `lower` (already lower-cased) should be read as bech32 rather than Base58: a known
/// prefix and `1`, or a letters-only prefix, `1`, then only bech32 characters in one case.
/// `one_case` says the original was not mixed case.
pub(super) fn looks_like_bech32(chain: Chain, lower: &str, one_case: bool) -> bool {
    let Some((hrp, data)) = split_hrp(chain, lower) else {
        return false;
    };
    if hrp.is_empty() || !hrp.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let known = Some(hrp) == own_hrp(chain) || network_of_hrp(chain, hrp).is_some();
    // A Base58 address of letters then a 1 is possible, but not one in a single case.
    known || (one_case && data.len() >= CHECKSUM_CHARS && data.chars().all(|c| CHARSET.contains(c)))
}

/// Decodes a trimmed string already judged bech32 (see [`looks_like_bech32`]) as a segwit
/// output of `chain`. `lower` is `text` lower-cased.
pub(super) fn decode(chain: Chain, text: &str, lower: &str) -> Result<Witness, AddressError> {
    let one_case = text == lower || text == text.to_ascii_uppercase();
    if !one_case {
        return Err(AddressError::MixedCase);
    }
    let Some((hrp, data)) = split_hrp(chain, lower) else {
        return Err(AddressError::Truncated);
    };
    if let Some(network) = network_of_hrp(chain, hrp) {
        return Err(AddressError::OtherNetwork { chain, network });
    }
    if Some(hrp) != own_hrp(chain) {
        return Err(AddressError::UnknownPrefix {
            chain,
            prefix: format!("{hrp}1"),
        });
    }
    let data_start = hrp.len() + 1;
    if let Some((index, character)) = text
        .chars()
        .enumerate()
        .skip(data_start)
        .find(|&(_, c)| !CHARSET.contains(c.to_ascii_lowercase()))
    {
        return Err(AddressError::NotBech32 {
            character,
            position: index + 1,
        });
    }
    let chars = lower.len();
    if chars > MAX_CHARS {
        return Err(AddressError::Bech32TooLong { chars });
    }
    if data.len() <= CHECKSUM_CHARS {
        return Err(AddressError::Truncated);
    }
    let unchecked = UncheckedHrpstring::new(lower).map_err(|_| AddressError::Truncated)?;
    let is_bech32 = unchecked.has_valid_checksum::<Bech32>();
    let is_bech32m = unchecked.has_valid_checksum::<Bech32m>();
    // `data` is non-empty and all bech32 characters (checked above).
    let version = data
        .chars()
        .next()
        .and_then(|c| Fe32::from_char(c).ok())
        .map_or(0, Fe32::to_u8);
    if !is_bech32 && !is_bech32m {
        return Err(length_or_checksum(hrp, version, chars));
    }
    if version > 16 {
        return Err(AddressError::WitnessVersion { version });
    }
    if version == 0 && !is_bech32 {
        return Err(AddressError::Bech32Required);
    }
    if version > 0 && !is_bech32m {
        return Err(AddressError::Bech32mRequired { version });
    }
    let mut checked = if is_bech32 {
        unchecked.remove_checksum::<Bech32>()
    } else {
        unchecked.remove_checksum::<Bech32m>()
    };
    if checked.remove_witness_version().is_none() {
        return Err(AddressError::Truncated);
    }
    checked.validate_segwit_padding().map_err(|_| AddressError::Padding)?;
    let program: Vec<u8> = checked.byte_iter().collect();
    match (version, program.len()) {
        (0, 20 | 32) | (1..=16, 2..=40) => Ok(Witness { version, program }),
        (0, bytes) => Err(AddressError::V0ProgramLength { bytes }),
        (_, bytes) => Err(AddressError::ProgramLength { bytes }),
    }
}

/// A failed checksum on a version-0 string of the wrong length is a cut-off copy; say so.
/// (Other versions allow many lengths, so there a wrong length is just a failed checksum.)
fn length_or_checksum(hrp: &str, version: u8, chars: usize) -> AddressError {
    // Prefix and `1`, the version character, the program (32 characters for 20 bytes, 52 for
    // 32 bytes) and the checksum: 42 or 62 characters for bc1q….
    let fixed_chars = hrp.len() + 2 + CHECKSUM_CHARS;
    let allowed = [fixed_chars + 32, fixed_chars + 52];
    if version != 0 || allowed.contains(&chars) {
        return AddressError::ChecksumMismatch;
    }
    let [short, long] = allowed;
    AddressError::Bech32Length {
        chars,
        prefix: format!("{hrp}1q"),
        expected: format!("{short} or {long}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_prefixes_are_read_as_bech32_even_with_mistakes() {
        assert!(looks_like_bech32(
            Chain::Btc,
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            true
        ));
        // A stray 1 in the data still reads as bc1 (and is then reported as a bad character).
        assert!(looks_like_bech32(
            Chain::Btc,
            "bc1qw508d6qejxtdg1y5r3zarvary0c5xw7kv8f3t4",
            true
        ));
        assert!(looks_like_bech32(
            Chain::Btc,
            "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            false
        ));
        assert!(looks_like_bech32(
            Chain::Btc,
            "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty",
            true
        ));
    }

    #[test]
    fn legacy_addresses_are_not_read_as_bech32() {
        assert!(!looks_like_bech32(
            Chain::Btc,
            &"1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w".to_ascii_lowercase(),
            false
        ));
        // Letters, then a 1, in mixed case: Base58 (a Litecoin-style L… address).
        assert!(!looks_like_bech32(Chain::Btc, "labcdefgh1qpzry9x8gf2", false));
        assert!(!looks_like_bech32(
            Chain::Btc,
            "3myE8prritplxy54chtf9pdpjf5nzgtfbz",
            true
        ));
    }

    #[test]
    fn split_stops_at_the_first_1_after_a_known_prefix() {
        assert_eq!(split_hrp(Chain::Btc, "bc1qq1pp"), Some(("bc", "qq1pp")));
        assert_eq!(split_hrp(Chain::Btc, "xyz1qq1pp"), Some(("xyz1qq", "pp")));
    }

    #[test]
    fn only_version_0_lengths_turn_a_checksum_failure_into_a_length_error() {
        assert_eq!(length_or_checksum("bc", 0, 42), AddressError::ChecksumMismatch);
        assert_eq!(
            length_or_checksum("bc", 0, 43),
            AddressError::Bech32Length {
                chars: 43,
                prefix: "bc1q".into(),
                expected: "42 or 62".into()
            }
        );
        assert_eq!(length_or_checksum("bc", 1, 43), AddressError::ChecksumMismatch);
    }
}
