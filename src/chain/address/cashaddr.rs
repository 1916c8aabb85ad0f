//! Bitcoin Cash's cashaddr format (`bitcoincash:q…`): a prefix, a version byte (type and hash
//! size), the hash, and a 40-bit BCH-code checksum over the prefix and the data. Spec:
//! <https://github.com/bitcoincashorg/bitcoincash.org/blob/master/spec/cashaddr.md>.

use super::{AddressError, AddressKind};

/// The mainnet prefix.
pub(super) const PREFIX: &str = "bitcoincash";

/// The 5-bit alphabet (the same as bech32's).
const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// Checksum characters at the end.
const CHECKSUM_CHARS: usize = 8;

/// Characters of a 20-byte hash's payload with its checksum (without the prefix).
pub(super) const PAYLOAD_CHARS: usize = 42;

fn polymod(values: impl Iterator<Item = u8>) -> u64 {
    const GENERATORS: [u64; 5] = [
        0x98_f2bc_8e61,
        0x79_b76d_99e2,
        0xf3_3e5f_b3c4,
        0xae_2eab_e2a8,
        0x1e_4f43_e470,
    ];
    let mut c: u64 = 1;
    for d in values {
        let c0 = c >> 35;
        c = ((c & 0x07_ffff_ffff) << 5) ^ u64::from(d);
        for (bit, generator) in GENERATORS.iter().enumerate() {
            if (c0 >> bit) & 1 == 1 {
                c ^= generator;
            }
        }
    }
    c ^ 1
}

/// The prefix as the checksum sees it: the low 5 bits of each character, then a zero.
fn prefix_values() -> impl Iterator<Item = u8> {
    PREFIX.bytes().map(|b| b & 0x1f).chain(std::iter::once(0))
}

/// Regroups bits (8 → 5 with zero padding, or 5 → 8 refusing non-zero padding).
fn regroup(data: &[u8], from: u32, to: u32, pad: bool) -> Option<Vec<u8>> {
    let (mut acc, mut bits) = (0_u32, 0_u32);
    let mut out = Vec::with_capacity(data.len() * from as usize / to as usize + 1);
    let max = (1_u32 << to) - 1;
    for &value in data {
        acc = (acc << from) | u32::from(value);
        bits += from;
        while bits >= to {
            bits -= to;
            out.push(u8::try_from((acc >> bits) & max).ok()?);
        }
    }
    if pad {
        if bits > 0 {
            out.push(u8::try_from((acc << (to - bits)) & max).ok()?);
        }
    } else if bits >= from || (acc << (to - bits)) & max != 0 {
        return None;
    }
    Some(out)
}

/// The cashaddr text (without the prefix) of a 20-byte hash.
pub(super) fn encode(kind: AddressKind, hash: &[u8; 20]) -> String {
    let type_bits = if kind == AddressKind::P2sh { 1 } else { 0 };
    // Version byte: type in bits 3..7, size code 0 (160 bits) in bits 0..3.
    let payload = [&[type_bits << 3][..], hash].concat();
    let data = regroup(&payload, 8, 5, true).unwrap_or_default();
    let checksum = polymod(prefix_values().chain(data.iter().copied()).chain([0; CHECKSUM_CHARS]));
    let mut text = String::with_capacity(PAYLOAD_CHARS);
    for value in data {
        text.push(char::from(CHARSET[usize::from(value)]));
    }
    for i in (0..CHECKSUM_CHARS).rev() {
        text.push(char::from(CHARSET[((checksum >> (5 * i)) & 0x1f) as usize]));
    }
    text
}

/// Whether lower-cased text is written as cashaddr: with the prefix, or 42 characters of its
/// alphabet starting with q (key hash) or p (script hash).
pub(super) fn looks_like_cashaddr(lower: &str) -> bool {
    let bare = lower.strip_prefix(PREFIX).and_then(|rest| rest.strip_prefix(':'));
    let payload = bare.unwrap_or(lower);
    bare.is_some()
        || (payload.len() == PAYLOAD_CHARS
            && (payload.starts_with('q') || payload.starts_with('p'))
            && payload.bytes().all(|b| CHARSET.contains(&b)))
}

/// Decodes text judged cashaddr (see [`looks_like_cashaddr`]); `text` is the trimmed input.
pub(super) fn decode(text: &str, lower: &str) -> Result<(AddressKind, [u8; 20]), AddressError> {
    if text != lower && text != text.to_ascii_uppercase() {
        return Err(AddressError::MixedCase);
    }
    let payload = lower
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_prefix(':'))
        .unwrap_or(lower);
    let offset = lower.len() - payload.len();
    let mut values = Vec::with_capacity(payload.len());
    for (index, b) in payload.bytes().enumerate() {
        let Some(value) = CHARSET.iter().position(|c| *c == b) else {
            return Err(AddressError::NotBech32 {
                character: char::from(b),
                position: offset + index + 1,
            });
        };
        values.push(u8::try_from(value).unwrap_or(0));
    }
    if values.len() != PAYLOAD_CHARS {
        return Err(AddressError::CashaddrLength { chars: payload.len() });
    }
    if polymod(prefix_values().chain(values.iter().copied())) != 0 {
        return Err(AddressError::ChecksumMismatch);
    }
    let data = values.get(..values.len() - CHECKSUM_CHARS).unwrap_or_default();
    let bytes = regroup(data, 5, 8, false).ok_or(AddressError::Padding)?;
    let (&version, hash) = bytes.split_first().ok_or(AddressError::Truncated)?;
    let hash = <[u8; 20]>::try_from(hash).map_err(|_| AddressError::CashaddrLength { chars: payload.len() })?;
    match version {
        0 => Ok((AddressKind::P2pkh, hash)),
        8 => Ok((AddressKind::P2sh, hash)),
        _ => Err(AddressError::CashaddrVersion { version }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_vectors_round_trip() {
        // From the cashaddr spec: the same hash as 1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu / 3CWFddi6….
        let hash: [u8; 20] = [
            0x76, 0xa0, 0x40, 0x53, 0xbd, 0xa0, 0xa8, 0x8b, 0xda, 0x51, 0x77, 0xb8, 0x6a, 0x15, 0xc3, 0xb2, 0x9f, 0x55,
            0x98, 0x73,
        ];
        assert_eq!(
            encode(AddressKind::P2pkh, &hash),
            "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a"
        );
        assert_eq!(
            encode(AddressKind::P2sh, &hash),
            "ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq"
        );
        let text = "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a";
        assert_eq!(decode(text, text), Ok((AddressKind::P2pkh, hash)));
        let upper = text.to_ascii_uppercase();
        assert_eq!(decode(&upper, text), Ok((AddressKind::P2pkh, hash)));
    }

    #[test]
    fn typos_and_cuts_are_caught() {
        let text = "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6q";
        assert_eq!(decode(text, text), Err(AddressError::ChecksumMismatch));
        let cut = "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6";
        assert_eq!(decode(cut, cut), Err(AddressError::CashaddrLength { chars: 41 }));
        let bad = "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdxba";
        assert!(matches!(
            decode(bad, bad),
            Err(AddressError::NotBech32 { character: 'b', .. })
        ));
        assert!(looks_like_cashaddr("qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a"));
        assert!(!looks_like_cashaddr("1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu"));
    }
}
