//! The bundled label files the page downloads per chain (`labels::LabelIndex::decode`).
//!
//! Input: a mode byte, then the payload. Even mode: the payload is the bundle's inflated text,
//! compressed here first (random bytes rarely inflate, so this is how the line reader gets
//! fuzzed). Odd mode: the payload is the file's bytes as downloaded. Invariant: in a bundle that
//! reads, every address line's address is found, with at least one tag, by the same binary
//! search the lookups use.

#![no_main]

use libfuzzer_sys::fuzz_target;
use spoor::chain::Chain;
use spoor::labels::LabelIndex;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, payload)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        miniz_oxide::deflate::compress_to_vec(payload, 1)
    } else {
        payload.to_vec()
    };
    for chain in Chain::ALL {
        match LabelIndex::decode(chain, &bytes) {
            Ok(index) => check_lookups(&index, &bytes),
            Err(error) => {
                let _ = error.to_string();
            }
        }
    }
});

fn check_lookups(index: &LabelIndex, bytes: &[u8]) {
    let inflated = miniz_oxide::inflate::decompress_to_vec(bytes).expect("it inflated once");
    let text = std::str::from_utf8(&inflated).expect("it was text");
    let mut addresses = 0;
    for line in text.lines().skip(1) {
        let Some(rest) = line.strip_prefix("A\t") else {
            continue;
        };
        let address = rest.split_once('\t').map_or(rest, |(address, _)| address);
        assert!(index.contains(address), "{address:?} is in the bundle");
        assert!(!index.labels_of(address).is_empty(), "{address:?} has tags");
        addresses += 1;
    }
    assert_eq!(index.address_count(), addresses);
    for dataset in index.datasets() {
        let _ = dataset.name.len();
    }
    let _ = index.tag_count();
}
