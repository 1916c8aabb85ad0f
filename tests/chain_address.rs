#![cfg(not(target_arch = "wasm32"))]
//! Address codec and search-box parsing: BIP-173/BIP-350 vectors, explorer-reported addresses,
//! the addresses of other coins people paste by mistake, and encode → parse round trips.

use proptest::prelude::*;
use spoor::chain::{parse_query, Address, AddressError, AddressKind, Chain, Query, QueryError, Txid, TxidError};

const BASE58_ALPHABET: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32_CHARSET: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn btc(text: &str) -> Result<Address, AddressError> {
    Address::parse(Chain::Btc, text)
}

/// The network named by an `OtherNetwork` error, or a panic naming what came instead.
fn other_network(text: &str) -> &'static str {
    match btc(text) {
        Err(AddressError::OtherNetwork {
            chain: Chain::Btc,
            network,
        }) => network,
        other => panic!("{text}: expected OtherNetwork, got {other:?}"),
    }
}

/// `version ‖ body` with a Base58Check checksum, as another coin's software would write it.
fn base58check(version: &[u8], body_bytes: usize) -> String {
    let payload: Vec<u8> = version
        .iter()
        .copied()
        .chain((0..body_bytes).map(|i| (i * 7 + 3) as u8))
        .collect();
    bs58::encode(payload).with_check().into_string()
}

/// `text` with the character at `index` replaced by the next one of `alphabet` (a typo).
fn with_typo(text: &str, index: usize, alphabet: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let position = alphabet.find(chars[index]).expect("character in alphabet");
    chars[index] = alphabet.chars().cycle().nth(position + 1).expect("cycle is endless");
    chars.into_iter().collect()
}

/// (address, script_pubkey_hex, esplora type) rows of tests/fixtures/addresses.txt.
fn fixture_rows() -> Vec<(String, String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/addresses.txt");
    let text = std::fs::read_to_string(path).expect("fixture file");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            (fields[0].to_string(), fields[1].to_string(), fields[2].to_string())
        })
        .collect()
}

#[test]
fn every_explorer_reported_address_parses_to_its_reported_script() {
    let rows = fixture_rows();
    assert!(rows.len() >= 6);
    for (text, script_hex, esplora_type) in rows {
        let address = btc(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(address.as_str(), text);
        assert_eq!(address.script_pubkey_hex(), script_hex, "{text}");
        let expected_kind = match esplora_type.as_str() {
            "p2pkh" => AddressKind::P2pkh,
            "p2sh" => AddressKind::P2sh,
            "v0_p2wpkh" => AddressKind::P2wpkh,
            "v0_p2wsh" => AddressKind::P2wsh,
            "v1_p2tr" => AddressKind::P2tr,
            _ => AddressKind::WitnessOther,
        };
        assert_eq!(address.kind(), expected_kind, "{text}");
    }
}

/// Walks the recorded explorer replies, when the shared fixtures sit next to the crate.
#[test]
fn every_address_in_the_shared_esplora_samples_parses_to_its_script() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/explorer-samples/esplora"
    );
    let Ok(entries) = std::fs::read_dir(dir) else {
        return; // CI checkouts have only the copy in tests/fixtures (checked above).
    };
    fn walk(value: &serde_json::Value, found: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                if let (Some(address), Some(script)) = (map.get("scriptpubkey_address"), map.get("scriptpubkey")) {
                    found.push((
                        address.as_str().unwrap().to_string(),
                        script.as_str().unwrap().to_string(),
                    ));
                }
                map.values().for_each(|v| walk(v, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    for entry in entries {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        walk(&serde_json::from_str(&text).unwrap(), &mut found);
    }
    assert!(!found.is_empty());
    for (text, script_hex) in found {
        assert_eq!(
            btc(&text).unwrap_or_else(|e| panic!("{text}: {e}")).script_pubkey_hex(),
            script_hex,
            "{text}"
        );
    }
}

#[test]
fn one_mistyped_character_in_any_fixture_address_is_a_checksum_error() {
    for (text, _, _) in fixture_rows() {
        let alphabet = if text.starts_with("bc1") {
            BECH32_CHARSET
        } else {
            BASE58_ALPHABET
        };
        for index in [text.len() / 2, text.len() - 1, 5] {
            let typo = with_typo(&text, index, alphabet);
            assert_eq!(btc(&typo), Err(AddressError::ChecksumMismatch), "{typo}");
        }
    }
}

#[test]
fn zaif_hack_addresses_parse_as_legacy_outputs() {
    let cases = [
        ("1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w", AddressKind::P2pkh),
        ("3MyE8PRRitpLxy54chtf9pdpjf5NZgTfbZ", AddressKind::P2sh),
        ("1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s", AddressKind::P2pkh),
    ];
    for (text, kind) in cases {
        let address = btc(text).unwrap();
        assert_eq!(
            (address.as_str(), address.kind(), address.chain()),
            (text, kind, Chain::Btc)
        );
        let script = address.script_pubkey_hex();
        match kind {
            AddressKind::P2sh => assert!(script.starts_with("a914") && script.ends_with("87") && script.len() == 46),
            _ => assert!(script.starts_with("76a914") && script.ends_with("88ac") && script.len() == 50),
        }
        assert_eq!(
            btc(&with_typo(text, 10, BASE58_ALPHABET)),
            Err(AddressError::ChecksumMismatch)
        );
    }
}

#[test]
fn bip350_valid_mainnet_addresses_parse_to_their_scripts() {
    let cases = [
        (
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            "0014751e76e8199196d454941c45d1b3a323f1433bd6",
            AddressKind::P2wpkh,
        ),
        (
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
            "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6",
            AddressKind::WitnessOther,
        ),
        ("BC1SW50QGDZ25J", "6002751e", AddressKind::WitnessOther),
        (
            "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
            "5210751e76e8199196d454941c45d1b3a323",
            AddressKind::WitnessOther,
        ),
        (
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
            "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
            AddressKind::P2tr,
        ),
    ];
    for (text, script_hex, kind) in cases {
        let address = btc(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(address.as_str(), text.to_ascii_lowercase());
        assert_eq!(address.script_pubkey_hex(), script_hex);
        assert_eq!(address.kind(), kind);
    }
}

#[test]
fn bip173_and_bip350_testnet_vectors_are_reported_as_testnet() {
    for text in [
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
        "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
        "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
    ] {
        assert_eq!(other_network(text), "Bitcoin testnet");
    }
    assert_eq!(
        btc("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7")
            .unwrap_err()
            .to_string(),
        "not a Bitcoin address: it looks like a Bitcoin testnet address"
    );
}

#[test]
fn bip173_and_bip350_invalid_vectors_give_the_specific_reason() {
    use AddressError as E;
    let cases: Vec<(&str, AddressError)> = vec![
        // Invalid human-readable part.
        (
            "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",
            E::UnknownPrefix {
                chain: Chain::Btc,
                prefix: "tc1".into(),
            },
        ),
        (
            "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty",
            E::UnknownPrefix {
                chain: Chain::Btc,
                prefix: "tc1".into(),
            },
        ),
        // Bech32 checksum where bech32m is required, and the reverse.
        (
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
            E::Bech32mRequired { version: 1 },
        ),
        (
            "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
            E::Bech32mRequired { version: 16 },
        ),
        // BIP-173 vectors of versions 1+ carry bech32 checksums, which BIP-350 made invalid.
        (
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx",
            E::Bech32mRequired { version: 1 },
        ),
        ("bc1rw5uspcuh", E::Bech32mRequired { version: 3 }),
        (
            "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",
            E::Bech32mRequired { version: 2 },
        ),
        (
            "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90",
            E::Bech32mRequired { version: 15 },
        ),
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", E::Bech32Required),
        // Invalid checksum.
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", E::ChecksumMismatch),
        // Invalid character in checksum.
        (
            "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
            E::NotBech32 {
                character: 'o',
                position: 60,
            },
        ),
        // Witness version 17.
        (
            "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
            E::WitnessVersion { version: 17 },
        ),
        (
            "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2",
            E::WitnessVersion { version: 17 },
        ),
        // Program of 1 byte, of 41 bytes, and a version-0 program of 16 bytes.
        ("bc1pw5dgrnzv", E::ProgramLength { bytes: 1 }),
        (
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
            E::ProgramLength { bytes: 41 },
        ),
        ("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", E::V0ProgramLength { bytes: 16 }),
        // Mixed case.
        (
            "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",
            E::MixedCase,
        ),
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8F3T4", E::MixedCase),
        // More than 4 bits of zero padding.
        (
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
            E::Padding,
        ),
        // Empty data section.
        ("bc1gmk9yu", E::Truncated),
    ];
    for (text, expected) in cases {
        assert_eq!(btc(text), Err(expected), "{text}");
    }
}

#[test]
fn addresses_of_other_coins_name_the_coin() {
    let litecoin_bech32 = bech32::segwit::encode_v0(bech32::Hrp::parse("ltc").unwrap(), &[7; 20]).unwrap();
    let monacoin_bech32 = bech32::segwit::encode_v0(bech32::Hrp::parse("mona").unwrap(), &[7; 20]).unwrap();
    let cases = [
        (base58check(&[0x30], 20), "Litecoin"),
        (base58check(&[0x32], 20), "Litecoin or Monacoin"),
        (base58check(&[0x37], 20), "Monacoin"),
        (base58check(&[0x1e], 20), "Dogecoin"),
        (base58check(&[0x16], 20), "Dogecoin"),
        (base58check(&[0x6f], 20), "Bitcoin testnet"),
        (base58check(&[0xc4], 20), "Bitcoin testnet"),
        (base58check(&[0x41], 20), "Tron"),
        (base58check(&[0x1c, 0xb8], 20), "Zcash"),
        (litecoin_bech32, "Litecoin"),
        (monacoin_bech32, "Monacoin"),
        ("0x52908400098527886E0F7030069857D2E4169EE7".to_string(), "Ethereum"),
        (
            "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a".to_string(),
            "Bitcoin Cash",
        ),
        ("qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a".to_string(), "Bitcoin Cash"),
        ("litecoin:LTdsVS8VDw6syvfQADdhf2PHAm3rMGJvPX".to_string(), "Litecoin"),
    ];
    for (text, network) in cases {
        assert_eq!(other_network(&text), network, "{text}");
    }
    let prefixes: Vec<char> = [0x30, 0x32, 0x1e]
        .iter()
        .map(|&v| base58check(&[v], 20).chars().next().unwrap())
        .collect();
    assert_eq!(prefixes, ['L', 'M', 'D']);
    assert_eq!(
        btc("0x52908400098527886E0F7030069857D2E4169EE7")
            .unwrap_err()
            .to_string(),
        "not a Bitcoin address: it looks like an Ethereum address"
    );
}

#[test]
fn keys_and_wallet_codes_are_named_and_not_taken_for_addresses() {
    assert_eq!(
        btc("5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"),
        Err(AddressError::PrivateKey)
    );
    assert_eq!(btc(&base58check(&[0x80], 33)), Err(AddressError::PrivateKey));
    assert_eq!(
        btc("xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8"),
        Err(AddressError::ExtendedPublicKey)
    );
    assert_eq!(
        btc("xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"),
        Err(AddressError::ExtendedPrivateKey)
    );
    assert_eq!(
        btc(&base58check(&[0x99], 20)),
        Err(AddressError::UnknownVersion {
            chain: Chain::Btc,
            version: 0x99
        })
    );
    assert_eq!(
        btc(&base58check(&[0x00], 24)),
        Err(AddressError::Base58PayloadLength { bytes: 25 })
    );
}

#[test]
fn malformed_input_gets_a_message_that_says_what_to_fix() {
    use AddressError as E;
    assert_eq!(btc("  \n"), Err(E::Empty));
    assert_eq!(btc("1FmwHh6pgkf4me CMoqo8fHH3GNRF571f9w"), Err(E::ContainsWhitespace));
    assert_eq!(
        btc("1FmwHh6pgkf4meCMOqo8fHH3GNRF571f9w"),
        Err(E::NotBase58 {
            character: 'O',
            position: 17
        })
    );
    assert_eq!(
        btc("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3tb"),
        Err(E::NotBech32 {
            character: 'b',
            position: 42
        })
    );
    assert_eq!(
        btc("bc1qw508d6qejxtdg1y5r3zarvary0c5xw7kv8f3t4"),
        Err(E::NotBech32 {
            character: '1',
            position: 18
        })
    );
    assert_eq!(
        btc("bitcoin:1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w"),
        Err(E::PaymentLink {
            scheme: "bitcoin".into()
        })
    );
    // Cut-off copies.
    assert_eq!(btc("1FmwHh6pgkf4meCMoqo8"), Err(E::Base58Length { chars: 20 }));
    assert_eq!(
        btc("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t"),
        Err(E::Bech32Length {
            chars: 41,
            prefix: "bc1q".into(),
            expected: "42 or 62".into()
        })
    );
    // Version 1 allows other lengths (future upgrades), so a short bc1p… is only a checksum error.
    assert_eq!(
        btc("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5j"),
        Err(E::ChecksumMismatch)
    );
    assert_eq!(
        btc(&format!("bc1q{}", "q".repeat(90))),
        Err(E::Bech32TooLong { chars: 94 })
    );
    assert_eq!(btc("bc1"), Err(E::Truncated));
    // Messages name the character and its place.
    assert_eq!(
        btc("1FmwHh6pgkf4meCMOqo8fHH3GNRF571f9w").unwrap_err().to_string(),
        "character 17 is 'O', which never appears in legacy addresses such as 1…, 3…, L…, D… or M… (they leave out 0, O, I and l because those look alike)"
    );
    assert!(btc("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t")
        .unwrap_err()
        .to_string()
        .contains("41 characters long"));
}

#[test]
fn lower_casing_a_legacy_address_breaks_its_checksum() {
    assert_eq!(
        btc("1fmwhh6pgkf4mecmoqo8fhh3gnrf571f9w"),
        Err(AddressError::ChecksumMismatch)
    );
}

#[test]
fn addresses_serialise_as_their_text_and_reject_bad_text() {
    let address = btc("3MyE8PRRitpLxy54chtf9pdpjf5NZgTfbZ").unwrap();
    let json = serde_json::to_string(&address).unwrap();
    assert_eq!(json, "\"3MyE8PRRitpLxy54chtf9pdpjf5NZgTfbZ\"");
    assert_eq!(serde_json::from_str::<Address>(&json).unwrap(), address);
    let error = serde_json::from_str::<Address>("\"3MyE8PRRitpLxy54chtf9pdpjf5NZgTfbz\"").unwrap_err();
    assert!(error.to_string().contains("checksum does not match"), "{error}");
    assert_eq!(address.to_string(), address.as_str());
}

#[test]
fn encoders_match_known_addresses() {
    let hash: [u8; 20] = hex20("751e76e8199196d454941c45d1b3a323f1433bd6");
    assert_eq!(
        Address::p2wpkh(Chain::Btc, hash).as_str(),
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
    );
    assert_eq!(
        Address::p2pkh(Chain::Btc, hash).as_str(),
        "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH"
    );
    let key = hex32("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    assert_eq!(
        Address::p2tr(Chain::Btc, key).as_str(),
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"
    );
    let script_hash = hex32("701a8d401c84fb13e6baf169d59684e17abd9fa216c8cc5b9fc63d622ff8c58d");
    assert_eq!(
        Address::p2wsh(Chain::Btc, script_hash).as_str(),
        "bc1qwqdg6squsna38e46795at95yu9atm8azzmyvckulcc7kytlcckxswvvzej"
    );
    assert_eq!(
        Address::p2sh(Chain::Btc, hash).script_pubkey_hex(),
        "a914751e76e8199196d454941c45d1b3a323f1433bd687"
    );
}

fn hex20(hex: &str) -> [u8; 20] {
    hex_bytes(hex).try_into().unwrap()
}

fn hex32(hex: &str) -> [u8; 32] {
    hex_bytes(hex).try_into().unwrap()
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

proptest! {
    #[test]
    fn every_encoded_address_parses_back_to_itself(hash in any::<[u8; 20]>(), key in any::<[u8; 32]>()) {
        let encoded = [
            (Address::p2pkh(Chain::Btc, hash), AddressKind::P2pkh, format!("76a914{}88ac", hex(&hash))),
            (Address::p2sh(Chain::Btc, hash), AddressKind::P2sh, format!("a914{}87", hex(&hash))),
            (Address::p2wpkh(Chain::Btc, hash), AddressKind::P2wpkh, format!("0014{}", hex(&hash))),
            (Address::p2wsh(Chain::Btc, key), AddressKind::P2wsh, format!("0020{}", hex(&key))),
            (Address::p2tr(Chain::Btc, key), AddressKind::P2tr, format!("5120{}", hex(&key))),
        ];
        for (address, kind, script_hex) in encoded {
            let parsed = btc(address.as_str()).unwrap();
            prop_assert_eq!(&parsed, &address);
            prop_assert_eq!(parsed.kind(), kind);
            prop_assert_eq!(parsed.script_pubkey_hex(), script_hex);
        }
    }

    #[test]
    fn a_one_character_typo_in_a_segwit_address_is_always_caught(key in any::<[u8; 32]>(), index in 4usize..62) {
        let address = Address::p2tr(Chain::Btc, key);
        let typo = with_typo(address.as_str(), index, BECH32_CHARSET);
        prop_assert_eq!(btc(&typo), Err(AddressError::ChecksumMismatch));
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in "\\PC{0,100}") {
        let _ = btc(&text);
        let _ = parse_query(Chain::Btc, &text);
    }

    #[test]
    fn parsing_address_like_text_never_panics(text in "(bc1|tb1|1|3|bitcoin:|https://mempool.space/tx/)[0-9a-zA-Z]{0,80}") {
        let _ = btc(&text);
        let _ = parse_query(Chain::Btc, &text);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

// ---- search box ----

const TXID: &str = "c3b9a4a0831a65523c81e6a04f6ddf5a7a89f344d990e8a13e5278efe57f4280";
const ZAIF: &str = "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w";

fn query(text: &str) -> Result<Query, QueryError> {
    parse_query(Chain::Btc, text)
}

fn tx() -> Query {
    Query::Tx(Txid::parse(TXID).unwrap())
}

fn zaif() -> Query {
    Query::Address(btc(ZAIF).unwrap())
}

#[test]
fn sixty_four_hex_characters_are_a_transaction_in_either_case() {
    assert_eq!(query(TXID), Ok(tx()));
    assert_eq!(query(&format!("  {}\n", TXID.to_ascii_uppercase())), Ok(tx()));
    assert_eq!(query(&format!("{TXID}:1")), Ok(tx()));
}

#[test]
fn hex_of_the_wrong_length_says_how_many_characters_it_has() {
    let error = query(&TXID[..63]).unwrap_err();
    assert_eq!(error, QueryError::Txid(TxidError::Length(63)));
    assert_eq!(error.to_string(), "a transaction id has 64 hex characters, this has 63");
    assert_eq!(query(&format!("{TXID}0")), Err(QueryError::Txid(TxidError::Length(65))));
    let typo = format!("{}g{}", &TXID[..10], &TXID[11..]);
    assert_eq!(query(&typo), Err(QueryError::Txid(TxidError::NotHex('g'))));
}

#[test]
fn shortened_and_ethereum_hashes_are_explained() {
    assert_eq!(query("c3b9a4a0…4280"), Err(QueryError::ShortenedTxid));
    assert_eq!(query("c3b9a4a0...4280"), Err(QueryError::ShortenedTxid));
    assert_eq!(query(&format!("0x{TXID}")), Err(QueryError::EthereumTxHash));
}

#[test]
fn addresses_are_addresses_and_their_errors_pass_through() {
    assert_eq!(query(ZAIF), Ok(zaif()));
    assert_eq!(query(""), Err(QueryError::Empty));
    assert_eq!(query(" \t"), Err(QueryError::Empty));
    let error = query("1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9W").unwrap_err();
    assert_eq!(error, QueryError::Address(AddressError::ChecksumMismatch));
    assert!(error.to_string().starts_with("checksum does not match"));
}

#[test]
fn bitcoin_payment_links_give_their_address() {
    assert_eq!(query(&format!("bitcoin:{ZAIF}")), Ok(zaif()));
    assert_eq!(query(&format!("bitcoin:{ZAIF}?amount=0.5&label=Zaif")), Ok(zaif()));
    assert_eq!(query(&format!("bitcoin://{ZAIF}?amount=1")), Ok(zaif()));
    let upper = query("BITCOIN:BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4?AMOUNT=1").unwrap();
    assert_eq!(
        upper,
        Query::Address(btc("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4").unwrap())
    );
    assert!(matches!(
        query("bitcoin:?lightning=lnbc1"),
        Err(QueryError::LinkWithoutTarget { .. })
    ));
    assert_eq!(
        query("bitcoin:1FmwHh6pgkf4meCMoqo8?amount=1"),
        Err(QueryError::Address(AddressError::Base58Length { chars: 20 }))
    );
}

#[test]
fn explorer_links_give_their_address_or_transaction() {
    assert_eq!(query(&format!("https://mempool.space/address/{ZAIF}")), Ok(zaif()));
    assert_eq!(query(&format!("https://mempool.space/tx/{TXID}#vout=0")), Ok(tx()));
    assert_eq!(query(&format!("https://blockstream.info/tx/{TXID}?expand")), Ok(tx()));
    assert_eq!(query(&format!("https://blockstream.info/address/{ZAIF}/")), Ok(zaif()));
    assert_eq!(query(&format!("mempool.space/tx/{TXID}")), Ok(tx()));
    assert_eq!(
        query(&format!("https://www.blockchain.com/explorer/addresses/btc/{ZAIF}")),
        Ok(zaif())
    );
    assert_eq!(
        query(&format!("https://blockchair.com/bitcoin/transaction/{TXID}")),
        Ok(tx())
    );
    assert_eq!(query(&format!("https://example.org/whatever/{TXID}")), Ok(tx()));
}

#[test]
fn broken_explorer_links_say_what_is_wrong() {
    assert_eq!(
        query(&format!("https://mempool.space/tx/{}", &TXID[..60])),
        Err(QueryError::Txid(TxidError::Length(60)))
    );
    assert_eq!(
        query("https://mempool.space/testnet/address/tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7"),
        Err(QueryError::Address(AddressError::OtherNetwork {
            chain: Chain::Btc,
            network: "Bitcoin testnet"
        }))
    );
    let error = query("https://mempool.space/").unwrap_err();
    assert_eq!(
        error,
        QueryError::LinkWithoutTarget {
            link: "https://mempool.space/".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "this link does not point to an address or a transaction: https://mempool.space/"
    );
}

// ---- Other coins: Bitcoin Cash, Litecoin, Dogecoin, Monacoin ----

#[test]
fn bitcoin_cash_cashaddr_with_or_without_prefix_and_legacy_are_one_address() {
    // The Zaif thief's BCH address and where its coins went next, in both forms (explorer-apis.md).
    for (cashaddr, legacy) in [
        (
            "qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd",
            "1N4Gz8QqVs3yXfKos46G8JJwW8Mpcb41YJ",
        ),
        (
            "qpyh6tw42h5pyl84py4c3ukqamsz0ucyly04nyz8u7",
            "17haHbYSxbvQae4ddB9iTGWpPNwaMC1jMd",
        ),
    ] {
        let forms = [
            cashaddr.to_string(),
            format!("bitcoincash:{cashaddr}"),
            format!("BITCOINCASH:{}", cashaddr.to_ascii_uppercase()),
            legacy.to_string(),
        ];
        for form in &forms {
            let address = Address::parse(Chain::Bch, form).unwrap_or_else(|e| panic!("{form}: {e}"));
            assert_eq!(address.as_str(), cashaddr, "{form}");
            assert_eq!(address.kind(), AddressKind::P2pkh);
            assert_eq!(address.legacy_text().as_deref(), Some(legacy));
            assert_eq!(address.explorer_text(), format!("bitcoincash:{cashaddr}"));
        }
        // The legacy form is also a Bitcoin address paying to the same script.
        let btc = Address::parse(Chain::Btc, legacy).unwrap();
        assert_eq!(
            btc.script_pubkey_hex(),
            Address::parse(Chain::Bch, cashaddr).unwrap().script_pubkey_hex()
        );
        assert_eq!(other_network(cashaddr), "Bitcoin Cash");
    }
    let typo = "qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nye";
    assert_eq!(Address::parse(Chain::Bch, typo), Err(AddressError::ChecksumMismatch));
    assert!(matches!(
        Address::parse(Chain::Bch, "bitcoincash:qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2n"),
        Err(AddressError::CashaddrLength { chars: 40 })
    ));
}

#[test]
fn each_coin_encodes_and_reads_its_own_address_kinds() {
    let hash = hex20("a211616530e6501b49804c451cc9d26507b52948");
    let cases = [
        (Chain::Ltc, AddressKind::P2pkh, "L"),
        (Chain::Ltc, AddressKind::P2sh, "M"),
        (Chain::Doge, AddressKind::P2pkh, "D"),
        (Chain::Mona, AddressKind::P2pkh, "M"),
        (Chain::Mona, AddressKind::P2sh, "P"),
        (Chain::Bch, AddressKind::P2sh, "p"),
    ];
    for (chain, kind, prefix) in cases {
        let address = if kind == AddressKind::P2sh {
            Address::p2sh(chain, hash)
        } else {
            Address::p2pkh(chain, hash)
        };
        assert!(address.as_str().starts_with(prefix), "{chain:?} {kind:?}: {address}");
        assert_eq!(Address::parse(chain, address.as_str()), Ok(address.clone()));
    }
    let doge_p2sh = Address::p2sh(Chain::Doge, hash);
    assert!(
        doge_p2sh.as_str().starts_with('9') || doge_p2sh.as_str().starts_with('A'),
        "{doge_p2sh}"
    );
    for chain in [Chain::Ltc, Chain::Mona] {
        let segwit = Address::p2wpkh(chain, hash);
        let hrp = if chain == Chain::Ltc { "ltc1q" } else { "mona1q" };
        assert!(segwit.as_str().starts_with(hrp), "{segwit}");
        assert_eq!(Address::parse(chain, segwit.as_str()), Ok(segwit));
    }
    // Litecoin's and Monacoin's old 3… script-hash form reads as the current one.
    let old = Address::p2sh(Chain::Btc, hash);
    assert_eq!(
        Address::parse(Chain::Ltc, old.as_str()),
        Ok(Address::p2sh(Chain::Ltc, hash))
    );
    assert_eq!(
        Address::parse(Chain::Mona, old.as_str()),
        Ok(Address::p2sh(Chain::Mona, hash))
    );
    // Chains without segwit never make bech32 addresses.
    assert!(!Address::has_segwit(Chain::Bch) && !Address::has_segwit(Chain::Doge));
    assert_eq!(Address::p2wpkh(Chain::Doge, hash), Address::p2pkh(Chain::Doge, hash));
}

#[test]
fn the_zaif_monacoin_address_is_read_and_other_coins_are_named() {
    let mona = Address::parse(Chain::Mona, "MBEYH8JuAHynTA7unLjon7p7im2U9JbitV").unwrap();
    assert_eq!(mona.kind(), AddressKind::P2pkh);
    assert_eq!(
        other_network("MBEYH8JuAHynTA7unLjon7p7im2U9JbitV"),
        "Litecoin or Monacoin"
    );
    let hash = hex20("0000000000000000000000000000000000000001");
    let says = |chain: Chain, text: &str| match Address::parse(chain, text) {
        Err(AddressError::OtherNetwork { network, .. }) => network,
        other => panic!("{chain:?} {text}: {other:?}"),
    };
    assert_eq!(says(Chain::Doge, Address::p2pkh(Chain::Btc, hash).as_str()), "Bitcoin");
    assert_eq!(says(Chain::Btc, Address::p2pkh(Chain::Doge, hash).as_str()), "Dogecoin");
    assert_eq!(says(Chain::Bch, Address::p2wpkh(Chain::Ltc, hash).as_str()), "Litecoin");
    assert_eq!(
        says(Chain::Ltc, Address::p2wpkh(Chain::Mona, hash).as_str()),
        "Monacoin"
    );
    assert_eq!(
        says(Chain::Mona, "qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd"),
        "Bitcoin Cash"
    );
    assert_eq!(says(Chain::Doge, Address::p2wpkh(Chain::Btc, hash).as_str()), "Bitcoin");
    let message = Address::parse(Chain::Ltc, Address::p2pkh(Chain::Doge, hash).as_str())
        .unwrap_err()
        .to_string();
    assert_eq!(message, "not a Litecoin address: it looks like a Dogecoin address");
}

proptest! {
    #[test]
    fn every_coin_reads_back_what_it_encodes(hash in any::<[u8; 20]>(), key in any::<[u8; 32]>()) {
        for chain in Chain::ALL {
            for address in [
                Address::p2pkh(chain, hash),
                Address::p2sh(chain, hash),
                Address::p2wpkh(chain, hash),
                Address::p2wsh(chain, key),
                Address::p2tr(chain, key),
            ] {
                prop_assert_eq!(Address::parse(chain, address.as_str()), Ok(address.clone()));
                prop_assert_eq!(Address::parse(chain, &address.explorer_text()), Ok(address.clone()));
            }
        }
    }
}
