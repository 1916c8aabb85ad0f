#![cfg(not(target_arch = "wasm32"))]
//! The simulated hack is valid Bitcoin-shaped data, tells the Zaif-like story, and is reproducible.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use std::time::Instant;

use spoor::chain::{Address, AddressKind, Chain};
use spoor::explorer::esplora::dto::EsploraTx;
use spoor::simulate::{simulate, Scenario, SimParams};

const CATEGORIES: [&str; 9] = [
    "exchange",
    "mixer",
    "sanctioned",
    "theft",
    "ransomware",
    "darknet",
    "gambling",
    "service",
    "other",
];

/// The default run (seed 1, 1,000 txs), built once for all tests.
fn default_run() -> &'static Scenario {
    static SCENARIO: OnceLock<Scenario> = OnceLock::new();
    SCENARIO.get_or_init(|| {
        simulate(&SimParams {
            seed: 1,
            txs: 1_000,
            fanout: None,
            busy_txs: 0,
        })
    })
}

fn addresses_out(tx: &EsploraTx) -> impl Iterator<Item = &str> {
    tx.vout
        .iter()
        .filter_map(|output| output.scriptpubkey_address.as_deref())
}

fn addresses_in(tx: &EsploraTx) -> impl Iterator<Item = &str> {
    tx.vin
        .iter()
        .filter_map(|input| input.prevout.as_ref()?.scriptpubkey_address.as_deref())
}

fn touches(tx: &EsploraTx, address: &str) -> bool {
    addresses_in(tx).chain(addresses_out(tx)).any(|seen| seen == address)
}

/// Checks every structural rule on a scenario; shared by the 1k and 100k runs.
fn assert_valid_chain(scenario: &Scenario) {
    let mut outputs: HashMap<(&str, u32), &spoor::explorer::esplora::dto::EsploraVout> = HashMap::new();
    let mut spent: HashSet<(&str, u32)> = HashSet::new();
    let mut txids: HashSet<&str> = HashSet::new();
    for tx in &scenario.txs {
        assert!(
            tx.txid.len() == 64 && tx.txid.bytes().all(|b| b.is_ascii_hexdigit()),
            "{}",
            tx.txid
        );
        assert!(txids.insert(&tx.txid), "duplicate txid {}", tx.txid);
        let coinbase = tx.vin.first().is_some_and(|input| input.is_coinbase);
        let mut input_sats = 0_u64;
        for input in &tx.vin {
            if input.is_coinbase {
                assert!(
                    coinbase && tx.vin.len() == 1,
                    "coinbase input in a non-coinbase tx {}",
                    tx.txid
                );
                assert_eq!(input.txid, "0".repeat(64));
                assert_eq!(input.vout, u32::MAX);
                assert!(input.prevout.is_none());
                continue;
            }
            let key = (input.txid.as_str(), input.vout);
            let earlier = outputs
                .get(&key)
                .unwrap_or_else(|| panic!("{} spends unknown/later {}:{}", tx.txid, key.0, key.1));
            assert!(spent.insert(key), "{}:{} spent twice", key.0, key.1);
            assert_eq!(
                input.prevout.as_ref(),
                Some(*earlier),
                "prevout copy differs in {}",
                tx.txid
            );
            assert!([0xffff_ffff, 0xffff_fffd].contains(&input.sequence));
            let segwit = matches!(
                earlier.scriptpubkey_type.as_str(),
                "v0_p2wpkh" | "v0_p2wsh" | "v1_p2tr" | "p2sh"
            );
            assert_eq!(input.witness.is_some(), segwit, "witness presence in {}", tx.txid);
            assert_eq!(input.scriptsig.is_empty(), earlier.scriptpubkey_type.starts_with('v'));
            input_sats += earlier.value;
        }
        let output_sats: u64 = tx.vout.iter().map(|output| output.value).sum();
        if coinbase {
            assert_eq!(tx.fee, 0);
        } else {
            assert_eq!(input_sats, output_sats + tx.fee, "value not conserved in {}", tx.txid);
            let vsize = tx.weight.div_ceil(4);
            assert!(
                tx.fee >= vsize && tx.fee <= 100 * vsize,
                "fee {} for vsize {} in {}",
                tx.fee,
                vsize,
                tx.txid
            );
        }
        let has_witness = tx.vin.iter().any(|input| input.witness.is_some());
        let size = u64::from(tx.size);
        assert!(tx.weight > size && tx.weight <= 4 * size, "weight of {}", tx.txid);
        assert_eq!(tx.weight == 4 * size, !has_witness, "weight of {}", tx.txid);
        for (vout, output) in (0_u32..).zip(&tx.vout) {
            let address = output
                .scriptpubkey_address
                .as_deref()
                .expect("every output pays an address");
            let parsed = Address::parse(Chain::Btc, address).unwrap_or_else(|error| panic!("{address}: {error}"));
            assert_eq!(parsed.script_pubkey_hex(), output.scriptpubkey, "{address}");
            let expected_type = match parsed.kind() {
                AddressKind::P2pkh => "p2pkh",
                AddressKind::P2sh => "p2sh",
                AddressKind::P2wpkh => "v0_p2wpkh",
                AddressKind::P2wsh => "v0_p2wsh",
                AddressKind::P2tr => "v1_p2tr",
                AddressKind::WitnessOther => "unknown",
            };
            assert_eq!(output.scriptpubkey_type, expected_type);
            assert!(output
                .scriptpubkey_asm
                .contains(&output.scriptpubkey[output.scriptpubkey.len() - 40..][..20]));
            outputs.insert((tx.txid.as_str(), vout), output);
        }
    }
}

#[test]
fn same_seed_gives_byte_identical_files_and_another_seed_differs() {
    let again = simulate(&SimParams {
        seed: 1,
        txs: 1_000,
        fanout: None,
        busy_txs: 0,
    });
    let first = default_run();
    assert_eq!(first.chain_jsonl(), again.chain_jsonl());
    assert_eq!(first.labels_csv(), again.labels_csv());
    assert_eq!(first.facts_json(), again.facts_json());
    let other = simulate(&SimParams {
        seed: 2,
        txs: 1_000,
        fanout: None,
        busy_txs: 0,
    });
    assert_ne!(first.chain_jsonl(), other.chain_jsonl());
    assert_ne!(first.facts.thief_address, other.facts.thief_address);
}

#[test]
fn requested_size_is_honoured_within_five_percent() {
    for txs in [400, 1_000, 3_000] {
        let count = if txs == 1_000 {
            default_run().txs.len()
        } else {
            simulate(&SimParams {
                seed: 9,
                txs,
                fanout: None,
                busy_txs: 0,
            })
            .txs
            .len()
        };
        assert!(count.abs_diff(txs) * 20 <= txs, "asked {txs}, got {count}");
    }
}

#[test]
fn default_run_is_a_valid_chain() {
    assert_valid_chain(default_run());
}

#[test]
fn blocks_are_ordered_and_only_the_trailing_mempool_txs_are_unconfirmed() {
    let scenario = default_run();
    let facts = &scenario.facts;
    let mut last: Option<(u32, u64, &str)> = None;
    let mut unconfirmed_seen = 0;
    let mut coinbases_at: HashSet<u32> = HashSet::new();
    for (index, tx) in scenario.txs.iter().enumerate() {
        if !tx.status.confirmed {
            assert!(
                tx.status.block_height.is_none() && tx.status.block_hash.is_none() && tx.status.block_time.is_none()
            );
            unconfirmed_seen += 1;
            continue;
        }
        assert_eq!(unconfirmed_seen, 0, "confirmed tx after a mempool tx");
        let height = tx.status.block_height.expect("confirmed ⇒ block_height");
        let time = tx.status.block_time.expect("confirmed ⇒ block_time");
        let hash = tx.status.block_hash.as_deref().expect("confirmed ⇒ block_hash");
        assert!(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
        if index == 0 {
            assert_eq!((height, time), (facts.first_height, facts.start_time));
        }
        if let Some((last_height, last_time, last_hash)) = last {
            assert!(height >= last_height);
            if height == last_height {
                assert_eq!((time, hash), (last_time, last_hash));
            } else {
                assert!(time > last_time && hash != last_hash);
            }
        }
        if tx.vin[0].is_coinbase {
            assert!(
                last.is_none_or(|(h, _, _)| h < height),
                "coinbase not first in block {height}"
            );
            assert!(coinbases_at.insert(height));
        }
        last = Some((height, time, hash));
    }
    assert_eq!(unconfirmed_seen, facts.mempool_tx_count);
    assert!((1..=3).contains(&unconfirmed_seen));
    assert_eq!(last.map(|(h, _, _)| h), Some(facts.tip_height));
    for tx in scenario.txs.iter().filter(|tx| !tx.status.confirmed) {
        assert!(!touches(tx, &facts.thief_address));
    }
}

#[test]
fn thief_address_has_the_big_theft_and_nine_spends_like_zaif() {
    let scenario = default_run();
    let facts = &scenario.facts;
    let thief = facts.thief_address.as_str();
    let history: Vec<&EsploraTx> = scenario.txs.iter().filter(|tx| touches(tx, thief)).collect();
    assert_eq!(history.len(), 11);
    let theft = history[0];
    assert_eq!(theft.txid, facts.theft_txid);
    assert!(theft.vin.len() >= 60);
    assert_eq!(theft.vin.len(), facts.theft_input_count);
    let hot: HashSet<&str> = facts.hot_wallet_addresses.iter().map(String::as_str).collect();
    assert!(addresses_in(theft).all(|address| hot.contains(address)));
    assert_eq!(addresses_out(theft).collect::<Vec<_>>(), vec![thief]);
    let second = history[1];
    assert_eq!(second.txid, facts.second_round_txid);
    assert!(second.vin.len() < theft.vin.len() && addresses_in(second).all(|address| hot.contains(address)));
    assert!(second.status.block_height >= theft.status.block_height.map(|h| h + 3));
    assert_eq!(theft.vout[0].value + second.vout[0].value, facts.stolen_sats);
    let outgoing: Vec<&str> = history
        .iter()
        .filter(|tx| addresses_in(tx).any(|a| a == thief))
        .map(|tx| tx.txid.as_str())
        .collect();
    assert_eq!(outgoing.len(), 9);
    assert_eq!(
        outgoing,
        facts
            .thief_outgoing_txids
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
}

#[test]
fn laundering_has_peel_chains_coinjoin_mixer_consolidation_dust_and_holdings() {
    let scenario = default_run();
    let facts = &scenario.facts;
    let by_txid: HashMap<&str, &EsploraTx> = scenario.txs.iter().map(|tx| (tx.txid.as_str(), tx)).collect();
    let spent: HashSet<(&str, u32)> = scenario
        .txs
        .iter()
        .flat_map(|tx| tx.vin.iter().map(|input| (input.txid.as_str(), input.vout)))
        .collect();

    // Peel hops: 1 input, 2 outputs, one of them 1.9–2 BTC to a fresh exchange deposit address.
    assert!(facts.peel_chain_count >= 4 && facts.peel_hop_count >= 3 * facts.peel_chain_count);
    let deposits: HashSet<&str> = facts.exchange_deposit_addresses.iter().map(String::as_str).collect();
    assert_eq!(
        deposits.len(),
        facts.peel_hop_count,
        "one distinct deposit address per hop"
    );
    let hops: Vec<&EsploraTx> = scenario
        .txs
        .iter()
        .filter(|tx| addresses_out(tx).any(|a| deposits.contains(a)))
        .collect();
    assert_eq!(hops.len(), facts.peel_hop_count);
    for hop in hops {
        assert_eq!((hop.vin.len(), hop.vout.len()), (1, 2));
        let payment = hop
            .vout
            .iter()
            .find(|o| deposits.contains(o.scriptpubkey_address.as_deref().unwrap()))
            .unwrap();
        assert!((190_000_000..=200_000_000).contains(&payment.value));
    }

    // CoinJoin: the thief's coin among clean inputs; the most common output value = participants.
    let coinjoin = by_txid[facts.coinjoin_txid.as_str()];
    assert!(addresses_in(coinjoin).any(|a| a == facts.thief_address));
    assert!(coinjoin.vin.len() >= 5 && coinjoin.vin.len() == facts.coinjoin_participants);
    let equal = coinjoin
        .vout
        .iter()
        .filter(|o| o.value == facts.coinjoin_equal_output_sats)
        .count();
    assert_eq!(equal, coinjoin.vin.len());
    assert_eq!(coinjoin.vout.len(), 2 * coinjoin.vin.len());

    // Mixer: the thief's deposit is swept together with other users' deposits.
    let sweep = by_txid[facts.mixer_sweep_txid.as_str()];
    assert!(sweep.vin.len() >= 3 && addresses_in(sweep).any(|a| a == facts.mixer_deposit_address));

    // Consolidation: one coin from a thief spend plus clean coins.
    let consolidation = by_txid[facts.consolidation_txid.as_str()];
    let tainted = consolidation
        .vin
        .iter()
        .filter(|input| facts.thief_outgoing_txids.contains(&input.txid))
        .count();
    assert_eq!(tainted, 1);
    assert!(consolidation.vin.len() >= 3);

    // Holdings: three hops from the thief address, unspent.
    assert_eq!(facts.holding_addresses.len(), 2);
    for (address, sats) in facts.holding_addresses.iter().zip(&facts.holding_sats) {
        let receipt = scenario
            .txs
            .iter()
            .find(|tx| addresses_out(tx).any(|a| a == address))
            .unwrap();
        assert_eq!(receipt.vout[0].value, *sats);
        assert!(!spent.contains(&(receipt.txid.as_str(), 0)));
        let one_back = by_txid[receipt.vin[0].txid.as_str()];
        let two_back = by_txid[one_back.vin[0].txid.as_str()];
        assert!(
            facts.thief_outgoing_txids.contains(&two_back.txid),
            "holding is three hops from the thief"
        );
    }
    assert!(facts.holding_sats[0] > facts.stolen_sats / 10);

    // Dust: exactly the listed outputs are below 546 sats.
    let dust: HashSet<String> = scenario
        .txs
        .iter()
        .flat_map(|tx| {
            (0_u32..)
                .zip(&tx.vout)
                .filter(|(_, o)| o.value < 546)
                .map(move |(v, _)| format!("{}:{v}", tx.txid))
        })
        .collect();
    assert_eq!(dust.len(), 3);
    assert_eq!(dust, facts.dust_outputs.iter().cloned().collect::<HashSet<_>>());
}

#[test]
fn noise_never_touches_the_thief_address() {
    let scenario = default_run();
    let facts = &scenario.facts;
    let story: HashSet<&str> = facts
        .theft_txids
        .iter()
        .chain(&facts.thief_outgoing_txids)
        .map(String::as_str)
        .collect();
    for tx in scenario.txs.iter().filter(|tx| touches(tx, &facts.thief_address)) {
        assert!(
            story.contains(tx.txid.as_str()),
            "{} touches the thief address",
            tx.txid
        );
    }
    assert!(scenario.txs.len() > 5 * story.len());
}

#[test]
fn labels_name_addresses_that_occur_with_known_categories_and_simulated_entities() {
    let scenario = default_run();
    let facts = &scenario.facts;
    let paid: HashSet<&str> = scenario.txs.iter().flat_map(addresses_out).collect();
    let mut category_of: HashMap<&str, &str> = HashMap::new();
    for label in &scenario.labels {
        assert_eq!(label.chain, "btc");
        assert!(CATEGORIES.contains(&label.category.as_str()), "{}", label.category);
        assert!(
            label.entity.contains("simulated, not a real entity"),
            "{}",
            label.entity
        );
        assert_eq!(label.source_url, "urn:spoor:simulate?seed=1&txs=1000");
        assert!(
            paid.contains(label.address.as_str()),
            "{} never occurs in an output",
            label.address
        );
        category_of.insert(&label.address, &label.category);
    }
    for deposit in &facts.exchange_deposit_addresses {
        assert_eq!(category_of.get(deposit.as_str()), Some(&"exchange"));
    }
    assert_eq!(category_of.get(facts.mixer_deposit_address.as_str()), Some(&"mixer"));
    assert_eq!(category_of.get(facts.thief_address.as_str()), Some(&"theft"));
}

/// Splits one CSV record (RFC 4180 quoting, no line breaks inside fields).
fn csv_record(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn labels_csv_has_the_shared_schema_and_quotes_entities_with_commas() {
    let scenario = default_run();
    let csv = scenario.labels_csv();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("chain,address,entity,category,source_url"));
    let rows: Vec<Vec<String>> = lines.map(csv_record).collect();
    assert_eq!(rows.len(), scenario.labels.len());
    for (row, label) in rows.iter().zip(&scenario.labels) {
        assert_eq!(
            row,
            &vec![
                label.chain.clone(),
                label.address.clone(),
                label.entity.clone(),
                label.category.clone(),
                label.source_url.clone()
            ]
        );
    }
    assert!(csv.contains(",\"Synthetic Exchange A (simulated, not a real entity)\",exchange,"));
}

#[test]
fn every_chain_jsonl_line_decodes_back_into_the_same_tx() {
    let scenario = default_run();
    let text = scenario.chain_jsonl();
    assert!(text.ends_with('\n'));
    let decoded: Vec<EsploraTx> = text.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(decoded, scenario.txs);
    let facts: serde_json::Value = serde_json::from_str(&scenario.facts_json()).unwrap();
    assert_eq!(facts["thief_address"], scenario.facts.thief_address.as_str());
    assert_eq!(facts["tx_count"], 1_000);
}

#[test]
fn a_hundred_thousand_tx_run_is_valid_and_keeps_the_thief_neighbourhood_small() {
    let started = Instant::now();
    let scenario = simulate(&SimParams {
        seed: 5,
        txs: 100_000,
        fanout: None,
        busy_txs: 0,
    });
    let elapsed = started.elapsed();
    assert!(scenario.txs.len().abs_diff(100_000) <= 5_000);
    assert_valid_chain(&scenario);
    let facts = &scenario.facts;
    assert_eq!(facts.theft_input_count, 131);
    assert_eq!(
        scenario
            .txs
            .iter()
            .filter(|tx| touches(tx, &facts.thief_address))
            .count(),
        11
    );
    assert!(facts.peel_hop_count > 10 * default_run().facts.peel_hop_count);
    assert!(elapsed.as_secs() < 120, "took {elapsed:?}");
}

#[test]
fn fanout_override_pays_that_many_distinct_fresh_addresses() {
    let scenario = simulate(&SimParams {
        seed: 4,
        txs: 500,
        fanout: Some(1_500),
        busy_txs: 0,
    });
    assert_eq!(scenario.facts.fanout_address_count, 1_500);
    let fanout = scenario
        .txs
        .iter()
        .find(|tx| tx.txid == scenario.facts.fanout_txid)
        .unwrap();
    let recipients: std::collections::BTreeSet<_> = fanout
        .vout
        .iter()
        .filter_map(|o| o.scriptpubkey_address.as_deref())
        .collect();
    assert!(recipients.len() >= 1_500, "{} recipients", recipients.len());
}

#[test]
fn a_busy_exchange_address_receives_that_many_payments_and_the_story_stays_valid() {
    let scenario = simulate(&SimParams {
        seed: 2,
        txs: 1_000,
        fanout: None,
        busy_txs: 2_500,
    });
    assert_valid_chain(&scenario);
    let busy = &scenario.facts.busy_address;
    assert_eq!(scenario.facts.busy_address_txs, 2_500);
    let paying = scenario.txs.iter().filter(|tx| touches(tx, busy)).count();
    assert_eq!(paying, 2_500, "every payment is one tx of its history");
    assert!(
        scenario.txs.iter().all(|tx| !addresses_in(tx).any(|a| a == busy)),
        "the exchange never spends here"
    );
    assert!(scenario
        .labels
        .iter()
        .any(|l| &l.address == busy && l.category == "exchange"));
    let thief = &scenario.facts.thief_address;
    assert!(scenario.txs.iter().all(|tx| !(touches(tx, busy) && touches(tx, thief))));
}
