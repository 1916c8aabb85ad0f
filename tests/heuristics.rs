#![cfg(not(target_arch = "wasm32"))]
//! Tracing heuristics: change, CoinJoin shapes, peel chains, common-input clusters, with sources.

use spoor::chain::{Chain, Sats, Tx, TxInput, TxOutput, TxStatus, Txid};
use spoor::explorer::esplora::decode::tx_from_dto;
use spoor::heuristics::{
    detect_change, detect_coinjoin, is_coinjoin, peel_chains, peel_step, ChangeContext, ChangeVerdict, Clusters,
    CoinJoinKind, HeuristicId,
};
use spoor::i18n::Lang;

// ---- a small builder --------------------------------------------------------------------------

fn txid(n: u32) -> Txid {
    Txid::parse(&format!("{n:064x}")).unwrap()
}

fn typed(address: &str, value: u64, script_type: &str) -> TxOutput {
    TxOutput {
        address: Some(address.to_string()),
        value_sats: Sats(value),
        script_type: script_type.to_string(),
    }
}

fn out(address: &str, value: u64) -> TxOutput {
    typed(address, value, "v0_p2wpkh")
}

fn op_return() -> TxOutput {
    TxOutput {
        address: None,
        value_sats: Sats(0),
        script_type: "op_return".to_string(),
    }
}

/// Spends `prev:vout`, which paid `prevout`.
fn spend(prev: u32, vout: u32, prevout: TxOutput) -> TxInput {
    TxInput {
        prev_txid: Some(txid(prev)),
        prev_vout: vout,
        prevout: Some(prevout),
    }
}

/// A tx whose fee is whatever the inputs leave over.
fn tx(id: u32, inputs: Vec<TxInput>, outputs: Vec<TxOutput>) -> Tx {
    let input_sats: u64 = inputs
        .iter()
        .map(|i| i.prevout.as_ref().unwrap().value_sats.to_u64())
        .sum();
    let output_sats: u64 = outputs.iter().map(|o| o.value_sats.to_u64()).sum();
    Tx {
        txid: txid(id),
        inputs,
        outputs,
        fee_sats: Sats(input_sats - output_sats),
        status: TxStatus::Unconfirmed,
    }
}

/// One input from `address` worth `value`, spending a made-up outpoint.
fn from(address: &str, value: u64) -> TxInput {
    spend(9_000, 0, out(address, value))
}

fn change(tx: &Tx) -> ChangeVerdict {
    detect_change(tx, &ChangeContext::without_history())
}

fn ids(verdict: &ChangeVerdict) -> Vec<HeuristicId> {
    verdict.reasons.iter().map(|r| r.heuristic).collect()
}

fn silent(verdict: &ChangeVerdict) -> bool {
    verdict.change_vout.is_none() && verdict.reasons.is_empty() && !verdict.conflicting
}

// ---- sources --------------------------------------------------------------------------------

#[test]
fn every_heuristic_has_a_name_and_a_source_with_a_url() {
    for id in HeuristicId::ALL {
        assert!(!id.name().is_empty(), "{id:?}");
        assert!(id.source().contains("https://"), "{id:?}: {}", id.source());
    }
    assert!(HeuristicId::FirstAppearance.source().contains("Meiklejohn"));
    assert!(HeuristicId::RoundPayment.source().contains("esplora"));
    assert!(HeuristicId::CoinJoinBlockSci.source().contains("BlockSci"));
}

// ---- change: each signal, positive and negative ----------------------------------------------

#[test]
fn output_paying_an_input_address_is_change_by_address_reuse() {
    // alice 0.01234567 → bob 0.00600321 + alice 0.00632246, fee 2,000.
    let t = tx(
        1,
        vec![from("alice", 1_234_567)],
        vec![out("bob", 600_321), out("alice", 632_246)],
    );
    let verdict = change(&t);
    assert_eq!(verdict.change_vout, Some(1));
    assert_eq!(ids(&verdict), [HeuristicId::AddressReuse]);
    assert!(verdict.reasons[0].text.contains("Output 1"));
    assert!(!verdict.reasons[0].source().is_empty());
}

#[test]
fn no_change_when_no_output_pays_an_input_address() {
    let t = tx(
        1,
        vec![from("alice", 1_234_567)],
        vec![out("bob", 600_321), out("carol", 632_246)],
    );
    assert!(silent(&change(&t)));
}

#[test]
fn output_of_the_inputs_script_type_is_change_when_the_other_differs() {
    let t = tx(
        1,
        vec![spend(9, 0, typed("1alice", 1_234_567, "p2pkh"))],
        vec![
            typed("1carol", 600_321, "p2pkh"),
            typed("bc1qbob", 632_246, "v0_p2wpkh"),
        ],
    );
    let verdict = change(&t);
    assert_eq!(verdict.change_vout, Some(0));
    assert_eq!(ids(&verdict), [HeuristicId::ScriptTypeMismatch]);
}

#[test]
fn no_script_type_signal_when_neither_output_type_is_among_inputs() {
    let t = tx(
        1,
        vec![spend(9, 0, typed("1alice", 1_234_567, "p2pkh"))],
        vec![typed("3carol", 600_321, "p2sh"), typed("bc1qbob", 632_246, "v0_p2wpkh")],
    );
    assert!(silent(&change(&t)));
}

#[test]
fn round_output_is_the_payment_when_trailing_zeros_differ_by_three_or_more() {
    // 0.5 BTC has 7 trailing zeros, 12,345,678 sats none.
    let t = tx(
        1,
        vec![from("alice", 62_355_678)],
        vec![out("shop", 50_000_000), out("c", 12_345_678)],
    );
    let verdict = change(&t);
    assert_eq!(verdict.change_vout, Some(1));
    assert_eq!(ids(&verdict), [HeuristicId::RoundPayment]);
}

#[test]
fn no_round_payment_signal_for_a_two_digit_difference() {
    // 1,230,000 has 4 trailing zeros, 4,567,800 has 2.
    let t = tx(
        1,
        vec![from("alice", 5_799_000)],
        vec![out("shop", 1_230_000), out("c", 4_567_800)],
    );
    assert!(silent(&change(&t)));
}

#[test]
fn smaller_output_is_change_when_an_input_was_only_needed_for_the_larger_one() {
    // m = 4,000,028 − 1,000,011 = 3,000,017: covers 497,025 + 3,000 but not 3,500,003 + 3,000.
    let t = tx(
        1,
        vec![from("a", 3_000_017), from("b", 1_000_011)],
        vec![out("shop", 3_500_003), out("c", 497_025)],
    );
    assert_eq!(t.fee_sats, Sats(3_000));
    let verdict = change(&t);
    assert_eq!(verdict.change_vout, Some(1));
    assert_eq!(ids(&verdict), [HeuristicId::OptimalChange]);
}

#[test]
fn unnecessary_input_heuristic_is_skipped_when_inputs_repeat_an_address() {
    let t = tx(
        1,
        vec![from("a", 3_000_017), from("a", 1_000_011)],
        vec![out("shop", 3_500_003), out("c", 497_025)],
    );
    assert!(silent(&change(&t)));
}

#[test]
fn unnecessary_input_heuristic_is_skipped_for_a_single_input() {
    let t = tx(
        1,
        vec![from("a", 4_000_028)],
        vec![out("shop", 3_500_003), out("c", 497_025)],
    );
    assert!(silent(&change(&t)));
}

#[test]
fn exotic_uih2_is_reported_without_naming_change() {
    // m = 5,100,444 − 100,321 = 5,000,123 ≥ 3,000,789 + 2,000: the small input was not needed at all.
    let t = tx(
        1,
        vec![from("a", 100_321), from("b", 5_000_123)],
        vec![out("x", 3_000_789), out("y", 2_097_655)],
    );
    assert_eq!(t.fee_sats, Sats(2_000));
    let verdict = change(&t);
    assert_eq!(verdict.change_vout, None);
    assert!(!verdict.conflicting);
    assert_eq!(ids(&verdict), [HeuristicId::ExoticUih2]);
}

#[test]
fn only_first_appearing_output_address_is_change() {
    let t = tx(
        1,
        vec![from("alice", 1_234_567)],
        vec![out("fresh", 600_321), out("shop", 632_246)],
    );
    let history = |address: &str, _: &Txid| Some(address == "fresh");
    let verdict = detect_change(&t, &ChangeContext { first_seen: &history });
    assert_eq!(verdict.change_vout, Some(0));
    assert_eq!(ids(&verdict), [HeuristicId::FirstAppearance]);
}

#[test]
fn first_appearance_is_silent_when_both_are_new_or_history_is_unknown() {
    let t = tx(
        1,
        vec![from("alice", 1_234_567)],
        vec![out("fresh", 600_321), out("shop", 632_246)],
    );
    let both_new = |_: &str, _: &Txid| Some(true);
    assert!(silent(&detect_change(&t, &ChangeContext { first_seen: &both_new })));
    let one_unknown = |address: &str, _: &Txid| (address == "fresh").then_some(true);
    assert!(silent(&detect_change(
        &t,
        &ChangeContext {
            first_seen: &one_unknown
        }
    )));
    assert!(silent(&change(&t)));
}

#[test]
fn output_a_hundred_times_the_other_is_change_by_value_disparity() {
    // 100,000,123 ≥ 100 × 999,871.
    let t = tx(
        1,
        vec![from("alice", 101_001_994)],
        vec![out("big", 100_000_123), out("small", 999_871)],
    );
    let verdict = change(&t);
    assert_eq!(verdict.change_vout, Some(0));
    assert_eq!(ids(&verdict), [HeuristicId::ValueDisparity]);
}

#[test]
fn ninety_nine_times_is_not_value_disparity() {
    let t = tx(
        1,
        vec![from("alice", 100_001_000)],
        vec![out("big", 98_999_999), out("small", 1_000_001)],
    );
    assert!(silent(&change(&t)));
}

// ---- change: combination and scope ------------------------------------------------------------

#[test]
fn agreeing_signals_name_change_with_every_reason() {
    // alice gets change back (reuse) and the payment is a round 0.5 BTC.
    let t = tx(
        1,
        vec![from("alice", 62_355_678)],
        vec![out("shop", 50_000_000), out("alice", 12_345_678)],
    );
    let verdict = change(&t);
    assert_eq!(verdict.change_vout, Some(1));
    assert_eq!(ids(&verdict), [HeuristicId::AddressReuse, HeuristicId::RoundPayment]);
    assert!(!verdict.conflicting);
}

#[test]
fn conflicting_signals_give_no_change_and_list_every_reason() {
    // Reuse says the small output 1 is change; value disparity says the large output 0 is.
    let t = tx(
        1,
        vec![from("alice", 100_902_444)],
        vec![out("bob", 100_000_321), out("alice", 900_123)],
    );
    let verdict = change(&t);
    assert_eq!(verdict.change_vout, None);
    assert!(verdict.conflicting);
    assert_eq!(ids(&verdict), [HeuristicId::AddressReuse, HeuristicId::ValueDisparity]);
}

#[test]
fn change_is_only_judged_for_exactly_two_spendable_outputs() {
    // Address reuse would point at output 2, but three spendable outputs are out of scope (Esplora).
    let three = tx(
        1,
        vec![from("alice", 2_000_000)],
        vec![out("bob", 600_321), out("carol", 700_123), out("alice", 697_556)],
    );
    assert!(silent(&change(&three)));
    let one = tx(2, vec![from("alice", 2_000_000)], vec![out("alice", 1_998_000)]);
    assert!(silent(&change(&one)));
    // An OP_RETURN is not spendable, so two payments plus one OP_RETURN are judged.
    let with_data = tx(
        3,
        vec![from("alice", 1_234_567)],
        vec![op_return(), out("bob", 600_321), out("alice", 632_246)],
    );
    assert_eq!(change(&with_data).change_vout, Some(2));
}

#[test]
fn coinbase_has_no_change() {
    let coinbase = Tx {
        txid: txid(1),
        inputs: vec![TxInput {
            prev_txid: None,
            prev_vout: u32::MAX,
            prevout: None,
        }],
        outputs: vec![out("miner", 312_500_000), out("pool", 1_234_567)],
        fee_sats: Sats::ZERO,
        status: TxStatus::Unconfirmed,
    };
    assert!(silent(&change(&coinbase)));
}

#[test]
fn coinjoin_has_no_change_and_says_why() {
    // Two inputs, two equal outputs: Esplora's "CoinJoin-like"; alice's reuse is ignored.
    let t = tx(
        1,
        vec![from("alice", 1_001_000), from("bob", 1_001_000)],
        vec![out("x", 1_000_000), out("alice", 1_000_000)],
    );
    let verdict = change(&t);
    assert_eq!(verdict.change_vout, None);
    assert_eq!(ids(&verdict), [HeuristicId::CoinJoinEqualOutputs]);
}

// ---- CoinJoin shapes --------------------------------------------------------------------------

fn inputs(prefix: &str, count: u32, value: u64) -> Vec<TxInput> {
    (0..count)
        .map(|i| spend(9_000 + i, 0, out(&format!("{prefix}{i}"), value)))
        .collect()
}

#[test]
fn five_equal_one_million_sat_outputs_are_a_whirlpool_mix() {
    let outputs = (0..5).map(|i| out(&format!("mix{i}"), 1_000_000)).collect();
    let t = tx(1, inputs("in", 5, 1_000_100), outputs);
    let (kind, reason) = detect_coinjoin(&t).unwrap();
    assert_eq!(
        kind,
        CoinJoinKind::Whirlpool {
            denomination_sats: Sats(1_000_000)
        }
    );
    assert_eq!(reason.heuristic, HeuristicId::Whirlpool);
    assert!(reason.text_in(Chain::Btc).contains("0.01 BTC"), "{}", reason.text);
    assert!(reason.text_in(Chain::Mona).contains("0.01 MONA"), "{}", reason.text);
    assert!(!reason.source().is_empty());
}

#[test]
fn a_verdict_reads_in_every_interface_language_with_its_numbers() {
    let outputs = (0..5).map(|i| out(&format!("mix{i}"), 1_000_000)).collect();
    let t = tx(1, inputs("in", 5, 1_000_100), outputs);
    let (_, reason) = detect_coinjoin(&t).unwrap();
    assert_eq!(reason.text_for(Chain::Btc, Lang::En), reason.text_in(Chain::Btc));
    let german = reason.text_for(Chain::Btc, Lang::De);
    assert!(
        german.starts_with("Das sieht nach einem Whirlpool-CoinJoin aus: 5 der 5 Outputs"),
        "{german}"
    );
    assert!(german.contains("0,01 BTC"), "{german}");
    let japanese = reason.text_for(Chain::Mona, Lang::Ja);
    assert!(
        japanese.contains("5 個の出力のうち 5 個") && japanese.contains("0.01 MONA"),
        "{japanese}"
    );
    assert_ne!(reason.text_for(Chain::Btc, Lang::Zh), reason.text_in(Chain::Btc));
}

#[test]
fn equal_outputs_off_the_pool_sizes_or_with_two_extras_are_not_whirlpool() {
    let off_pool = tx(
        1,
        inputs("in", 5, 1_234_667),
        (0..5).map(|i| out(&format!("m{i}"), 1_234_567)).collect(),
    );
    assert_eq!(detect_coinjoin(&off_pool).unwrap().0, CoinJoinKind::EsploraLike);

    let mut outputs: Vec<TxOutput> = (0..5).map(|i| out(&format!("m{i}"), 1_000_000)).collect();
    outputs.extend([out("x", 123_457), out("y", 234_568)]);
    let two_extra = tx(2, inputs("in", 5, 1_100_000), outputs);
    assert!(!matches!(
        detect_coinjoin(&two_extra).unwrap().0,
        CoinJoinKind::Whirlpool { .. }
    ));
}

#[test]
fn blocksci_coinjoin_has_one_equal_output_per_participant() {
    // 3 participants: 3 × 2,000,000 plus two change outputs from 3 distinct addresses.
    let mut outputs: Vec<TxOutput> = (0..3).map(|i| out(&format!("eq{i}"), 2_000_000)).collect();
    outputs.extend([out("c0", 345_678), out("c1", 456_789)]);
    let t = tx(1, inputs("in", 3, 2_300_000), outputs);
    let (kind, reason) = detect_coinjoin(&t).unwrap();
    assert_eq!(kind, CoinJoinKind::BlockSci { participants: 3 });
    assert_eq!(reason.heuristic, HeuristicId::CoinJoinBlockSci);
}

#[test]
fn blocksci_excludes_546_and_2730_sat_dust_as_the_common_value() {
    for dust in [546, 2_730] {
        let mut outputs: Vec<TxOutput> = (0..3).map(|i| out(&format!("eq{i}"), dust)).collect();
        outputs.extend([out("c0", 345_678), out("c1", 456_789)]);
        let t = tx(1, inputs("in", 3, 300_000), outputs);
        let kind = detect_coinjoin(&t).map(|(kind, _)| kind);
        assert!(!matches!(kind, Some(CoinJoinKind::BlockSci { .. })), "{dust}: {kind:?}");
    }
}

#[test]
fn blocksci_needs_as_many_distinct_input_addresses_as_participants() {
    let mut outputs: Vec<TxOutput> = (0..3).map(|i| out(&format!("eq{i}"), 2_000_000)).collect();
    outputs.extend([out("c0", 345_678), out("c1", 456_789)]);
    // Three inputs but only two addresses.
    let ins = vec![from("a", 2_300_000), from("a", 2_300_000), from("b", 2_300_000)];
    let kind = detect_coinjoin(&tx(1, ins, outputs)).map(|(kind, _)| kind);
    assert!(!matches!(kind, Some(CoinJoinKind::BlockSci { .. })), "{kind:?}");
}

#[test]
fn many_inputs_and_outputs_with_a_repeated_value_are_wabisabi() {
    let mut outputs: Vec<TxOutput> = (0..8).map(|i| out(&format!("eq{i}"), 1_048_576)).collect();
    outputs.extend((0u32..22).map(|i| out(&format!("o{i}"), 200_003 + 1_117 * u64::from(i))));
    let t = tx(1, inputs("in", 25, 1_000_000), outputs.clone());
    let (kind, reason) = detect_coinjoin(&t).unwrap();
    assert_eq!(kind, CoinJoinKind::WabiSabi);
    assert_eq!(reason.heuristic, HeuristicId::WabiSabi);

    // Nineteen inputs are too few for WabiSabi (Esplora's looser rule still fires).
    let fewer = tx(2, inputs("in", 19, 1_500_000), outputs);
    assert_eq!(detect_coinjoin(&fewer).unwrap().0, CoinJoinKind::EsploraLike);
}

#[test]
fn ordinary_payments_and_single_input_txs_are_not_coinjoins() {
    let payment = tx(
        1,
        vec![from("a", 3_000_017), from("b", 1_000_011)],
        vec![out("shop", 3_500_003), out("c", 497_025)],
    );
    assert!(!is_coinjoin(&payment));
    let split = tx(
        2,
        vec![from("a", 5_001_000)],
        (0..5).map(|i| out(&format!("m{i}"), 1_000_000)).collect(),
    );
    assert!(detect_coinjoin(&split).is_none());
}

// ---- peel chains ------------------------------------------------------------------------------

/// funding (2 in, 1 out) → five 1-in-2-out hops, each peeling a payment; the continuing output
/// alternates between vout 1 and vout 0. Returns (all txs, payments in order).
fn five_hop_chain() -> (Vec<Tx>, Vec<u64>) {
    let funding = tx(
        100,
        vec![from("v1", 600_000_000), from("v2", 400_000_000)],
        vec![out("thief", 999_990_000)],
    );
    let payments = [12_345_678, 23_456_789, 34_567_890, 45_678_901, 56_789_012];
    let mut txs = vec![funding];
    let (mut prev, mut prev_vout, mut balance) = (100, 0, 999_990_000);
    for (hop, payment) in (0u32..).zip(payments) {
        let id = 101 + hop;
        let rest = balance - payment - 1_000;
        let input = spend(prev, prev_vout, out(&format!("hop{hop}"), balance));
        let (outputs, rest_vout) = if hop % 2 == 0 {
            (
                vec![
                    out(&format!("shop{hop}"), payment),
                    out(&format!("hop{}", hop + 1), rest),
                ],
                1,
            )
        } else {
            (
                vec![
                    out(&format!("hop{}", hop + 1), rest),
                    out(&format!("shop{hop}"), payment),
                ],
                0,
            )
        };
        txs.push(tx(id, vec![input], outputs));
        (prev, prev_vout, balance) = (id, rest_vout, rest);
    }
    // A shop spends its payment in a 1-in-1-out: not part of the chain.
    let shop_spend = tx(
        200,
        vec![spend(101, 0, out("shop0", payments[0]))],
        vec![out("exchange", 12_340_000)],
    );
    txs.push(shop_spend);
    (txs, payments.to_vec())
}

#[test]
fn five_hop_peel_chain_is_found_as_one_chain_with_its_payments_and_total() {
    let (txs, payments) = five_hop_chain();
    let refs: Vec<&Tx> = txs.iter().collect();
    let chains = peel_chains(&refs);
    assert_eq!(chains.len(), 1);
    let chain = &chains[0];
    assert_eq!(chain.txids, (101..=105).map(txid).collect::<Vec<_>>());
    let expected: Vec<(Txid, u32)> = (101..=105)
        .zip([0, 1, 0, 1, 0])
        .map(|(id, vout)| (txid(id), vout))
        .collect();
    assert_eq!(chain.payments, expected);
    assert_eq!(chain.total_paid_sats, Sats(payments.iter().sum()));
    assert_eq!(chain.total_paid_sats, Sats(172_838_270));
    assert_eq!(chain.reason.heuristic, HeuristicId::PeelChain);

    // The same txs in another order give the same chain.
    let reversed: Vec<&Tx> = txs.iter().rev().collect();
    assert_eq!(peel_chains(&reversed)[0].txids, chain.txids);
}

#[test]
fn peel_step_needs_a_one_in_two_out_neighbour() {
    let (txs, _) = five_hop_chain();
    let [funding, hop0, hop1, ..] = txs.as_slice() else {
        panic!()
    };
    // hop0's parent (funding) is 2-in-1-out: only its child makes it a step.
    assert!(peel_step(hop0, Some(funding), &[]).is_none());
    let step = peel_step(hop0, Some(funding), &[hop1]).unwrap();
    assert_eq!((step.continuing_vout, step.payment_vout), (1, 0));
    assert!(step.reason.text.contains("next step spends it"));
    // The funding tx is not 1-in-2-out at all.
    assert!(peel_step(funding, None, &[hop0]).is_none());
}

#[test]
fn last_peel_step_continues_with_the_larger_output() {
    let (txs, _) = five_hop_chain();
    let (hop3, hop4) = (&txs[4], &txs[5]);
    // hop4 pays 56,789,012 at vout 0 and keeps the rest at vout 1, and nothing spends it yet.
    assert!(hop4.outputs[1].value_sats > hop4.outputs[0].value_sats);
    let step = peel_step(hop4, Some(hop3), &[]).unwrap();
    assert_eq!((step.continuing_vout, step.payment_vout), (1, 0));
    assert!(step.reason.text.contains("larger output"));
}

#[test]
fn a_child_spending_the_smaller_output_makes_it_the_continuing_one() {
    let parent = tx(
        1,
        vec![from("a", 10_000_000)],
        vec![out("big", 9_000_000), out("small", 999_000)],
    );
    let child = tx(
        2,
        vec![spend(1, 1, out("small", 999_000))],
        vec![out("p", 500_000), out("q", 498_000)],
    );
    let step = peel_step(&parent, None, &[&child]).unwrap();
    assert_eq!((step.continuing_vout, step.payment_vout), (1, 0));
}

#[test]
fn a_lone_one_in_two_out_tx_is_no_chain() {
    let lone = tx(
        1,
        vec![from("a", 10_000_000)],
        vec![out("big", 9_000_000), out("small", 999_000)],
    );
    assert!(peel_step(&lone, None, &[]).is_none());
    assert!(peel_chains(&[&lone]).is_empty());
}

// ---- common-input ownership -----------------------------------------------------------------

#[test]
fn co_spent_inputs_merge_into_one_cluster_transitively() {
    let t1 = tx(1, vec![from("b", 1_000), from("a", 2_000)], vec![out("x", 2_500)]);
    let t2 = tx(2, vec![from("c", 1_000), from("b", 2_000)], vec![out("y", 2_500)]);
    let t3 = tx(3, vec![from("d", 5_000)], vec![out("z", 4_000)]);
    let clusters = Clusters::build(&[&t3, &t1, &t2]);
    assert_eq!(clusters.len(), 2);
    assert_eq!(clusters.cluster_of("a"), Some(0));
    assert_eq!(clusters.members(0), ["a", "b", "c"]);
    assert_eq!(clusters.cluster_of("d"), Some(1));
    assert_eq!(clusters.cluster_of("x"), None);
    assert!(clusters.skipped_coinjoins().is_empty());
    assert_eq!(clusters.reason(0).unwrap().heuristic, HeuristicId::CommonInputOwnership);
    assert!(clusters.reason(1).is_none());
    // Deterministic: another order gives the same ids.
    assert_eq!(Clusters::build(&[&t2, &t1, &t3]), clusters);
}

#[test]
fn clustering_does_not_merge_across_a_coinjoin() {
    let mix = tx(
        10,
        inputs("p", 5, 1_000_100),
        (0..5).map(|i| out(&format!("mix{i}"), 1_000_000)).collect(),
    );
    let later = tx(11, vec![from("p0", 1_000), from("q", 2_000)], vec![out("x", 2_500)]);
    let clusters = Clusters::build(&[&mix, &later, &mix]);
    assert_eq!(clusters.skipped_coinjoins(), [txid(10)]);
    assert_eq!(clusters.cluster_of("p0"), clusters.cluster_of("q"));
    assert_ne!(clusters.cluster_of("p0"), clusters.cluster_of("p1"));
    assert_ne!(clusters.cluster_of("p1"), clusters.cluster_of("p2"));
    // p0+q, and p1..p4 alone.
    assert_eq!(clusters.len(), 5);
}

// ---- real samples -----------------------------------------------------------------------------

fn fixture(name: &str) -> Tx {
    let path = format!("{}/tests/fixtures/esplora/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    tx_from_dto(serde_json::from_str(&text).unwrap()).unwrap()
}

#[test]
fn real_samples_decode_and_get_sane_verdicts() {
    // An inscription-style tx: OP_RETURN, 546 sats to a taproot address, the rest back to the sender.
    let ordinal = fixture("tx-opreturn-and-unknown-outputs-block848136-mempoolspace.json");
    let verdict = change(&ordinal);
    assert_eq!(verdict.change_vout, Some(2));
    assert_eq!(
        ids(&verdict),
        [HeuristicId::AddressReuse, HeuristicId::ScriptTypeMismatch]
    );
    assert!(!is_coinjoin(&ordinal));

    // Three spendable outputs (one back to the multisig): out of the two-output scope.
    assert!(silent(&change(&fixture("tx-p2wsh-2of3-in-3out-01c0cf15.json"))));
    // One output, and a coinbase.
    assert!(silent(&change(&fixture("tx-unconfirmed-p2pkh-mempoolspace.json"))));
    let genesis = fixture("tx-genesis-coinbase-prevout-null-4a5e1e4b.json");
    assert!(silent(&change(&genesis)));
    assert!(!is_coinjoin(&genesis));
    assert!(Clusters::build(&[&genesis]).is_empty());
}

mod explain_in_graph {
    use spoor::chain::{Sats, Tx, TxInput, TxOutput, TxStatus, Txid};
    use spoor::explain::explain_tx;
    use spoor::flow::FlowGraph;

    fn out(address: &str, sats: u64) -> TxOutput {
        TxOutput {
            address: Some(address.into()),
            value_sats: Sats(sats),
            script_type: "p2pkh".into(),
        }
    }

    fn spend(n: u64, prev: &Tx, vout: u32, outputs: Vec<TxOutput>) -> Tx {
        let prevout = prev.outputs[vout as usize].clone();
        let fee = prevout.value_sats.to_u64() - outputs.iter().map(|o| o.value_sats.to_u64()).sum::<u64>();
        Tx {
            txid: Txid::parse(&format!("{n:064x}")).unwrap(),
            inputs: vec![TxInput {
                prev_txid: Some(prev.txid.clone()),
                prev_vout: vout,
                prevout: Some(prevout),
            }],
            outputs,
            fee_sats: Sats(fee),
            status: TxStatus::Confirmed {
                height: 600_000 + n as u32,
                block_hash: "00".repeat(32),
                time_secs: 0,
            },
        }
    }

    #[test]
    fn a_peel_step_in_the_graph_is_explained_with_its_source() {
        let root = Tx {
            txid: Txid::parse(&format!("{:064x}", 1)).unwrap(),
            inputs: vec![],
            outputs: vec![out("1BoatSLRHtKNngkdXEeobR76b53LETtpyT", 10_000_000_000)],
            fee_sats: Sats(0),
            status: TxStatus::Confirmed {
                height: 600_000,
                block_hash: "00".repeat(32),
                time_secs: 0,
            },
        };
        let hop1 = spend(2, &root, 0, vec![out("1A", 9_800_000_000), out("1B", 195_000_000)]);
        let hop2 = spend(3, &hop1, 0, vec![out("1C", 9_600_000_000), out("1D", 196_000_000)]);
        let mut graph = FlowGraph::new();
        for tx in [&root, &hop1, &hop2] {
            graph.add_tx(tx);
        }
        let reasons = explain_tx(&graph, &hop1);
        assert!(
            reasons.iter().any(|r| r.text.to_lowercase().contains("peel")),
            "{reasons:?}"
        );
        assert!(reasons.iter().filter(|r| !r.source.is_empty()).count() >= 1);
    }
}
