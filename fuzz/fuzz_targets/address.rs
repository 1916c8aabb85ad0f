//! Address, txid and search-box parsing of every chain (`chain::Address::parse`, `Txid::parse`,
//! `parse_query`, the route's address segment, an address read from JSON).
//!
//! Input: any text (a seed is one address). Invariants: a parsed address is canonical (its text,
//! its explorer form and its legacy form re-parse to the same address), its output script has
//! the length of its kind, and it survives the search box, the route and JSON unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;
use spoor::chain::{parse_query, Address, AddressKind, Chain, Query, Txid};
use spoor::i18n::Lang;
use spoor::route::Target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for chain in Chain::ALL {
        match Address::parse(chain, text) {
            Ok(address) => check_address(chain, &address),
            Err(error) => {
                for lang in Lang::ALL {
                    let _ = error.message(lang);
                }
            }
        }
        match parse_query(chain, text) {
            Ok(Query::Address(address)) => check_address(chain, &address),
            Ok(Query::Tx(txid)) => check_txid(chain, &txid),
            Err(error) => {
                let _ = error.to_string();
            }
        }
        if let Err(error) = Target::from_segments(chain.code(), "address", text) {
            for lang in Lang::ALL {
                let _ = error.message(lang);
            }
        }
    }
    match Txid::parse(text) {
        Ok(txid) => check_txid(Chain::Btc, &txid),
        Err(error) => {
            let _ = error.message(Lang::Ja);
        }
    }
    // Addresses read from JSON take the first chain whose format the text fits.
    if let Ok(address) = serde_json::from_value::<Address>(serde_json::Value::String(text.to_string())) {
        assert_eq!(Address::parse(address.chain(), text).as_ref(), Ok(&address));
        let json = serde_json::to_string(&address).expect("an address serialises");
        let again: Address = serde_json::from_str(&json).expect("a serialised address reads back");
        assert_eq!(again, address, "JSON round trip of {json}");
    }
});

fn check_address(chain: Chain, address: &Address) {
    assert_eq!(address.chain(), chain);
    let canonical = address.as_str();
    assert!(
        !canonical.is_empty() && canonical.bytes().all(|b| b.is_ascii_alphanumeric()),
        "canonical text {canonical:?}"
    );
    assert_eq!(
        Address::parse(chain, canonical).as_ref(),
        Ok(address),
        "the canonical text re-parses"
    );
    assert_eq!(
        Address::parse(chain, &address.explorer_text()).as_ref(),
        Ok(address),
        "the explorer form re-parses"
    );
    if let Some(legacy) = address.legacy_text() {
        assert_eq!(
            Address::parse(chain, &legacy).as_ref(),
            Ok(address),
            "the legacy form re-parses"
        );
    }
    let script_hex_len = address.script_pubkey_hex().len();
    match address.kind() {
        AddressKind::P2pkh => assert_eq!(script_hex_len, 50),
        AddressKind::P2sh => assert_eq!(script_hex_len, 46),
        AddressKind::P2wpkh => assert_eq!(script_hex_len, 44),
        AddressKind::P2wsh | AddressKind::P2tr => assert_eq!(script_hex_len, 68),
        // OP_n, a push, 2..=40 bytes of program.
        AddressKind::WitnessOther => assert!((8..=84).contains(&script_hex_len), "{script_hex_len}"),
    }
    assert_eq!(
        parse_query(chain, canonical),
        Ok(Query::Address(address.clone())),
        "the search box reads the canonical text"
    );
    let target = Target::Address(address.clone());
    assert_eq!(
        Target::from_path(&target.to_path()),
        Ok(target),
        "the route round trips"
    );
}

fn check_txid(chain: Chain, txid: &Txid) {
    assert_eq!(Txid::parse(txid.as_str()).as_ref(), Ok(txid));
    assert_eq!(txid.short().chars().count(), 13);
    let target = Target::Tx(chain, txid.clone());
    assert_eq!(
        Target::from_path(&target.to_path()),
        Ok(target),
        "the route round trips"
    );
}
