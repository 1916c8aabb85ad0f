//! Hex and double-SHA256, the two encodings every txid and block hash is made of.

use sha2::{Digest, Sha256};

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        for nibble in [byte >> 4, byte & 0x0f] {
            out.extend(char::from_digit(u32::from(nibble), 16));
        }
    }
    out
}

/// Appends the bytes of a hex string to `out`; a malformed pair is skipped (only our own hex arrives here).
pub(crate) fn unhex_into(text: &str, out: &mut Vec<u8>) {
    let digits = text.as_bytes();
    for pair in digits.chunks_exact(2) {
        if let [high, low] = *pair {
            if let (Some(high), Some(low)) = (nibble(high), nibble(low)) {
                out.push((high << 4) | low);
            }
        }
    }
}

/// The value of one hex digit.
fn nibble(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

/// SHA256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// SHA256(SHA256(`bytes`)), Bitcoin's hash for txids and block hashes.
pub(crate) fn sha256d(bytes: &[u8]) -> [u8; 32] {
    sha256(&sha256(bytes))
}

/// A hash shown the way explorers show txids: byte-reversed hex.
pub(crate) fn display_hex(hash: &[u8; 32]) -> String {
    let mut reversed = *hash;
    reversed.reverse();
    hex(&reversed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        let mut back = Vec::new();
        unhex_into(&hex(&[0x00, 0x7f, 0xff]), &mut back);
        assert_eq!(back, vec![0x00, 0x7f, 0xff]);
    }

    #[test]
    fn genesis_coinbase_serialization_hashes_to_its_known_txid() {
        let raw = "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000";
        let mut bytes = Vec::new();
        unhex_into(raw, &mut bytes);
        assert_eq!(
            display_hex(&sha256d(&bytes)),
            "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
        );
    }
}
