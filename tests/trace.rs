#![cfg(not(target_arch = "wasm32"))]
//! The tracing engine over an in-memory chain: taint methods, stop rules, exact summaries,
//! recomputing without refetching, fetch errors and backward traces.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::future::{ready, Future};

use spoor::chain::{Chain, Sats, Tx, TxInput, TxOutput, TxStatus, Txid};
use spoor::explorer::{block_on, AddressHistory, ChainSource, ExplorerError, Spend};
use spoor::labels::{Category, Label, LabelBook};
use spoor::trace::{
    compute, run, Direction, FetchKind, IntervalSet, Outpoint, StopReason, StopRules, TaintMethod, TraceData,
    TraceError, TraceRequest, TraceResult, TraceStart,
};

const BTC: u64 = 100_000_000;

fn txid(n: u32) -> Txid {
    Txid::parse(&format!("{n:064x}")).unwrap()
}

fn op(n: u32, vout: u32) -> Outpoint {
    Outpoint::new(txid(n), vout)
}

/// A small chain: txs are numbered; tx `n` is confirmed at height `n` unless told otherwise.
#[derive(Default)]
struct World {
    txs: BTreeMap<Txid, Tx>,
}

impl World {
    fn outputs(outputs: &[(&str, u64)]) -> Vec<TxOutput> {
        outputs
            .iter()
            .map(|&(address, value)| TxOutput {
                address: (!address.is_empty()).then(|| address.to_string()),
                value_sats: Sats(value),
                script_type: if address.is_empty() { "op_return" } else { "v0_p2wpkh" }.to_string(),
            })
            .collect()
    }

    fn status(height: u32) -> TxStatus {
        TxStatus::Confirmed {
            height,
            block_hash: "00".repeat(32),
            time_secs: 1_600_000_000 + u64::from(height) * 600,
        }
    }

    /// A coinbase tx `n` paying `outputs` (an empty address means no address).
    fn mint(&mut self, n: u32, outputs: &[(&str, u64)]) -> Txid {
        let tx = Tx {
            txid: txid(n),
            inputs: vec![TxInput {
                prev_txid: None,
                prev_vout: u32::MAX,
                prevout: None,
            }],
            outputs: World::outputs(outputs),
            fee_sats: Sats::ZERO,
            status: World::status(n),
        };
        self.txs.insert(tx.txid.clone(), tx);
        txid(n)
    }

    /// Tx `n` spending outputs `(tx, vout)` of earlier txs and paying `outputs`; the fee is the rest.
    fn spend(&mut self, n: u32, inputs: &[(u32, u32)], outputs: &[(&str, u64)]) -> Txid {
        let inputs: Vec<TxInput> = inputs
            .iter()
            .map(|&(prev, vout)| TxInput {
                prev_txid: Some(txid(prev)),
                prev_vout: vout,
                prevout: Some(self.txs[&txid(prev)].outputs[vout as usize].clone()),
            })
            .collect();
        let outputs = World::outputs(outputs);
        let value_in: u64 = inputs.iter().map(|i| i.prevout.as_ref().unwrap().value_sats.0).sum();
        let value_out: u64 = outputs.iter().map(|o| o.value_sats.0).sum();
        let tx = Tx {
            txid: txid(n),
            inputs,
            outputs,
            fee_sats: Sats(value_in - value_out),
            status: World::status(n),
        };
        self.txs.insert(tx.txid.clone(), tx);
        txid(n)
    }
}

/// An in-memory [`ChainSource`] that can fail chosen lookups and counts lookups.
struct Fake {
    txs: BTreeMap<Txid, Tx>,
    failing: BTreeSet<Txid>,
    lookups: Cell<usize>,
}

impl Fake {
    fn new(world: World) -> Fake {
        Fake {
            txs: world.txs,
            failing: BTreeSet::new(),
            lookups: Cell::new(0),
        }
    }

    fn failing(mut self, n: u32) -> Fake {
        self.failing.insert(txid(n));
        self
    }

    fn error() -> ExplorerError {
        ExplorerError::Unavailable {
            status: 503,
            message: "backend down".to_string(),
        }
    }
}

impl ChainSource for Fake {
    fn txs(&self, txids: &[Txid]) -> impl Future<Output = Vec<Result<Tx, ExplorerError>>> {
        self.lookups.set(self.lookups.get() + txids.len());
        ready(
            txids
                .iter()
                .map(|t| match self.txs.get(t) {
                    _ if self.failing.contains(t) => Err(Fake::error()),
                    Some(tx) => Ok(tx.clone()),
                    None => Err(ExplorerError::NotFound {
                        what: format!("tx {t}"),
                    }),
                })
                .collect(),
        )
    }

    fn outspends(&self, txids: &[Txid]) -> impl Future<Output = Vec<Result<Vec<Option<Spend>>, ExplorerError>>> {
        self.lookups.set(self.lookups.get() + txids.len());
        ready(
            txids
                .iter()
                .map(|t| {
                    let tx = self.txs.get(t).ok_or(ExplorerError::NotFound {
                        what: format!("tx {t}"),
                    })?;
                    let mut spends = vec![None; tx.outputs.len()];
                    for spender in self.txs.values() {
                        for (vin, input) in spender.inputs.iter().enumerate() {
                            if input.prev_txid.as_ref() == Some(t) {
                                spends[input.prev_vout as usize] = Some(Spend {
                                    txid: spender.txid.clone(),
                                    vin: vin as u32,
                                    status: spender.status.clone(),
                                });
                            }
                        }
                    }
                    Ok(spends)
                })
                .collect(),
        )
    }

    fn address_history(
        &self,
        address: &str,
        max_txs: usize,
    ) -> impl Future<Output = Result<AddressHistory, ExplorerError>> {
        self.lookups.set(self.lookups.get() + 1);
        let touches = |tx: &Tx| {
            tx.outputs.iter().any(|o| o.address.as_deref() == Some(address))
                || tx
                    .inputs
                    .iter()
                    .any(|i| i.prevout.as_ref().and_then(|p| p.address.as_deref()) == Some(address))
        };
        let mut txs: Vec<Tx> = self.txs.values().filter(|tx| touches(tx)).cloned().collect();
        txs.reverse();
        let complete = txs.len() <= max_txs;
        txs.truncate(max_txs);
        ready(Ok(AddressHistory { txs, complete }))
    }
}

fn rules() -> StopRules {
    StopRules {
        min_taint_sats: Sats(0),
        ..StopRules::default()
    }
}

fn request(start: TraceStart, method: TaintMethod, rules: StopRules) -> TraceRequest {
    TraceRequest {
        start,
        direction: Direction::Forward,
        method,
        rules,
        max_history_txs: 1000,
    }
}

fn trace_with(source: &Fake, request: &TraceRequest, labels: &LabelBook) -> (TraceData, TraceResult) {
    block_on(run(source, request, labels, |_| {})).unwrap()
}

fn trace(world: World, start: TraceStart, method: TaintMethod, rules: StopRules) -> TraceResult {
    trace_with(&Fake::new(world), &request(start, method, rules), &LabelBook::new()).1
}

fn taint(result: &TraceResult, n: u32, vout: u32) -> u64 {
    result.taint_by_outpoint.get(&op(n, vout)).map_or(0, |s| s.0)
}

fn assert_exact(result: &TraceResult) {
    let s = &result.summary;
    assert!(s.conserves);
    assert_eq!(s.source_sats, s.accounted_sats(), "summary does not add up: {s:?}");
    let stopped: Sats = result.stops.iter().map(|stop| stop.taint_sats).sum();
    assert_eq!(stopped + s.fees_sats, s.source_sats);
}

/// 3 stolen BTC (tx 1) and 7 clean BTC (tx 2) merge in tx 3 into two 5-BTC outputs.
fn worked_example() -> World {
    let mut world = World::default();
    world.mint(1, &[("thief", 3 * BTC)]);
    world.mint(2, &[("clean", 7 * BTC)]);
    world.spend(3, &[(1, 0), (2, 0)], &[("x", 5 * BTC), ("y", 5 * BTC)]);
    world
}

#[test]
fn poison_taints_all_ten_coins_of_three_stolen_and_seven_clean() {
    let result = trace(
        worked_example(),
        TraceStart::Outpoints(vec![op(1, 0)]),
        TaintMethod::Poison,
        rules(),
    );
    assert_eq!((taint(&result, 3, 0), taint(&result, 3, 1)), (5 * BTC, 5 * BTC));
    assert_eq!(result.summary.source_sats, Sats(3 * BTC));
    assert_eq!(result.summary.unspent_sats, Sats(10 * BTC));
    assert!(!result.summary.conserves);
    assert_eq!(result.to_json(0)["conserves"], false);
}

#[test]
fn haircut_makes_each_of_the_ten_coins_thirty_percent_stolen() {
    let result = trace(
        worked_example(),
        TraceStart::Outpoints(vec![op(1, 0)]),
        TaintMethod::Haircut,
        rules(),
    );
    assert_eq!((taint(&result, 3, 0), taint(&result, 3, 1)), (3 * BTC / 2, 3 * BTC / 2));
    // 1.5 of 5 BTC per output = 30 %; both outputs together hold all 3 stolen BTC.
    assert_eq!(result.summary.share_bp(Sats(taint(&result, 3, 0))), 5000);
    assert_eq!(taint(&result, 3, 0) * 10_000 / (5 * BTC), 3000);
    assert_eq!(result.summary.unspent_sats, Sats(3 * BTC));
    assert_eq!(result.traced_txs[&txid(3)].hop, 1);
    assert_exact(&result);
}

#[test]
fn fifo_maps_satoshi_intervals_through_a_two_in_three_out_tx_with_a_fee() {
    let mut world = World::default();
    world.mint(1, &[("clean", 4_000)]);
    world.mint(2, &[("thief", 6_000)]);
    // Line: clean [0,4000) then stolen [4000,10000); outputs [0,3000) [3000,8000) [8000,9500); fee [9500,10000).
    world.spend(3, &[(1, 0), (2, 0)], &[("a", 3_000), ("b", 5_000), ("c", 1_500)]);
    let result = trace(world, TraceStart::Outpoints(vec![op(2, 0)]), TaintMethod::Fifo, rules());
    assert_eq!(taint(&result, 3, 0), 0);
    assert_eq!(
        result.intervals_by_outpoint[&op(3, 1)],
        IntervalSet::from_ranges([(1_000, 5_000)])
    );
    assert_eq!(result.intervals_by_outpoint[&op(3, 2)], IntervalSet::full(1_500));
    assert_eq!(result.summary.fees_sats, Sats(500));
    assert_eq!(result.summary.unspent_sats, Sats(5_500));
    assert_exact(&result);
}

/// Stolen 1 BTC splits in tx 2; both halves (via txs 3 and 4) merge again in tx 5 with clean coins.
fn diamond() -> World {
    let mut world = World::default();
    world.mint(1, &[("thief", BTC)]);
    world.mint(10, &[("clean", 40_000_000), ("clean", 40_000_000)]);
    world.spend(2, &[(1, 0)], &[("p", 60_000_000), ("q", 39_990_000)]);
    world.spend(3, &[(2, 0)], &[("r", 59_980_000)]);
    world.spend(4, &[(2, 1), (10, 0)], &[("s", 29_990_000), ("t", 49_990_000)]);
    world.spend(5, &[(3, 0), (4, 1), (10, 1)], &[("u", 70_000_000), ("v", 79_960_000)]);
    world.spend(6, &[(5, 0)], &[("w", 69_990_000)]);
    world
}

#[test]
fn haircut_and_fifo_add_up_exactly_over_several_hops_and_a_merge() {
    for method in [TaintMethod::Haircut, TaintMethod::Fifo] {
        let result = trace(diamond(), TraceStart::Outpoints(vec![op(1, 0)]), method, rules());
        assert_exact(&result);
        assert_eq!(result.summary.source_sats, Sats(BTC));
        assert!(result.summary.fees_sats.0 > 0);
        // Tx 5 is reached through tx 3 (hop 2) and tx 4 (hop 2): computed once, with both inputs.
        let merged = result.traced_txs[&txid(5)];
        assert_eq!(merged.hop, 3);
        assert_eq!(merged.taint_in_sats.0, taint(&result, 3, 0) + taint(&result, 4, 1));
        assert_eq!(result.traced_txs[&txid(6)].hop, 4);
        for (outpoint, sats) in &result.taint_by_outpoint {
            let value = diamond().txs[&outpoint.txid].outputs[outpoint.vout as usize].value_sats;
            assert!(*sats <= value, "{outpoint} carries more taint than value");
        }
    }
}

#[test]
fn taint_stops_at_a_labelled_exchange_and_is_counted_by_entity() {
    let mut labels = LabelBook::new();
    let label = |entity: &str, category| Label {
        entity: entity.to_string(),
        category,
        source_url: "t".to_string(),
        dataset: "test".into(),
    };
    labels.insert(Chain::Btc, "r", label("Binance", Category::Exchange));
    labels.insert(Chain::Btc, "s", label("Some Blog", Category::Other));
    let source = Fake::new(diamond());
    let (_, result) = trace_with(
        &source,
        &request(TraceStart::Outpoints(vec![op(1, 0)]), TaintMethod::Haircut, rules()),
        &labels,
    );
    let binance = &result.summary.by_entity["Binance"];
    assert_eq!(
        (binance.category, binance.sats.0),
        (Category::Exchange, taint(&result, 3, 0))
    );
    assert!(result
        .stops
        .iter()
        .any(|s| s.outpoint == op(3, 0) && s.reason.code() == "entity"));
    // An "other" label does not stop the trace; the exchange's deposit is not followed further.
    assert!(!result.summary.by_entity.contains_key("Some Blog"));
    assert_eq!(result.traced_txs[&txid(5)].taint_in_sats.0, taint(&result, 4, 1));
    assert_exact(&result);
    assert_eq!(result.to_json(7)["by_entity"]["Binance"], binance.sats.0);
}

#[test]
fn hop_limit_leaves_the_rest_in_the_frontier() {
    let rules = StopRules { max_hops: 1, ..rules() };
    let source = Fake::new(diamond());
    let (data, result) = trace_with(
        &source,
        &request(TraceStart::Outpoints(vec![op(1, 0)]), TaintMethod::Fifo, rules),
        &LabelBook::new(),
    );
    assert_eq!(result.traced_txs.keys().collect::<Vec<_>>(), vec![&txid(2)]);
    assert_eq!(
        result.summary.frontier_sats.0,
        taint(&result, 2, 0) + taint(&result, 2, 1)
    );
    assert!(result.stops.iter().all(|s| s.reason == StopReason::HopLimit));
    assert!(
        !data.txs.contains_key(&txid(3)),
        "nothing past the hop limit is fetched"
    );
    assert_exact(&result);
}

#[test]
fn outputs_below_the_minimum_taint_are_not_followed() {
    let mut world = World::default();
    world.mint(1, &[("thief", 100_000)]);
    world.spend(2, &[(1, 0)], &[("big", 99_000), ("dust", 500)]);
    world.spend(3, &[(2, 1)], &[("later", 400)]);
    let rules = StopRules {
        min_taint_sats: Sats(546),
        ..StopRules::default()
    };
    let result = trace(
        world,
        TraceStart::Outpoints(vec![op(1, 0)]),
        TaintMethod::Haircut,
        rules,
    );
    assert_eq!(result.summary.below_minimum_sats, Sats(500));
    assert_eq!(result.summary.unspent_sats, Sats(99_000));
    assert!(!result.traced_txs.contains_key(&txid(3)));
    assert_exact(&result);
}

#[test]
fn unspent_outputs_with_or_without_an_address_hold_resting_taint() {
    let mut world = World::default();
    world.mint(1, &[("thief", 10_000)]);
    world.spend(2, &[(1, 0)], &[("kept", 6_000), ("", 3_000)]);
    let result = trace(world, TraceStart::Tx(txid(1)), TaintMethod::Haircut, rules());
    assert_eq!(result.summary.unspent_sats, Sats(9_000));
    assert_eq!(result.summary.fees_sats, Sats(1_000));
    let unspent: Vec<_> = result
        .stops
        .iter()
        .filter(|s| s.reason == StopReason::Unspent)
        .map(|s| s.outpoint.clone())
        .collect();
    assert_eq!(unspent, vec![op(2, 0), op(2, 1)]);
    assert_exact(&result);
}

#[test]
fn address_start_counts_its_own_change_only_by_propagation() {
    let mut world = World::default();
    world.mint(1, &[("thief", 50_000)]);
    world.mint(2, &[("thief", 20_000), ("other", 5_000)]);
    world.spend(3, &[(1, 0)], &[("x", 30_000), ("thief", 19_000)]);
    world.spend(4, &[(3, 1)], &[("y", 18_000)]);
    let source = Fake::new(world);
    let (data, result) = trace_with(
        &source,
        &request(TraceStart::Address("thief".to_string()), TaintMethod::Haircut, rules()),
        &LabelBook::new(),
    );
    assert_eq!(
        data.start.sources.keys().cloned().collect::<Vec<_>>(),
        vec![op(1, 0), op(2, 0)]
    );
    assert_eq!(result.summary.source_sats, Sats(70_000));
    assert_eq!(taint(&result, 3, 1), 19_000);
    assert_eq!(result.traced_txs[&txid(4)].hop, 2);
    assert_exact(&result);
}

#[test]
fn switching_method_recomputes_over_the_same_data_without_fetching() {
    let source = Fake::new(diamond());
    let (data, haircut) = trace_with(
        &source,
        &request(TraceStart::Outpoints(vec![op(1, 0)]), TaintMethod::Haircut, rules()),
        &LabelBook::new(),
    );
    let lookups = source.lookups.get();
    let poison = compute(&data, &data.start, TaintMethod::Poison, &rules(), &LabelBook::new());
    let fifo = compute(&data, &data.start, TaintMethod::Fifo, &rules(), &LabelBook::new());
    assert_eq!(source.lookups.get(), lookups);
    assert_eq!(haircut.summary.source_sats, fifo.summary.source_sats);
    assert_ne!(taint(&haircut, 5, 0), taint(&fifo, 5, 0));
    assert_ne!(poison.summary.unspent_sats, haircut.summary.unspent_sats);
    assert_eq!(taint(&poison, 6, 0), 69_990_000);
    assert_exact(&fifo);
    // Recomputing with the run's own method gives the run's result.
    assert_eq!(
        compute(&data, &data.start, TaintMethod::Haircut, &rules(), &LabelBook::new()),
        haircut
    );
}

#[test]
fn a_failing_fetch_becomes_frontier_and_is_listed_without_aborting() {
    let source = Fake::new(diamond()).failing(3);
    let (_, result) = trace_with(
        &source,
        &request(TraceStart::Outpoints(vec![op(1, 0)]), TaintMethod::Haircut, rules()),
        &LabelBook::new(),
    );
    assert_eq!(result.errors.len(), 1);
    assert_eq!(
        (result.errors[0].kind, &result.errors[0].txid),
        (FetchKind::Tx, &txid(3))
    );
    let failed: Vec<_> = result
        .stops
        .iter()
        .filter(|s| s.reason == StopReason::FetchFailed)
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].outpoint, op(2, 0));
    assert_eq!(result.summary.frontier_sats, failed[0].taint_sats);
    assert!(
        result.traced_txs.contains_key(&txid(6)),
        "the other path is still followed"
    );
    assert_exact(&result);
    assert_eq!(result.to_json(3)["errors"][0]["kind"], "tx");
}

#[test]
fn tx_limit_and_time_window_stop_following() {
    let source = Fake::new(diamond());
    let limit = StopRules { max_txs: 2, ..rules() };
    let (data, limited) = trace_with(
        &source,
        &request(TraceStart::Outpoints(vec![op(1, 0)]), TaintMethod::Fifo, limit),
        &LabelBook::new(),
    );
    assert_eq!(limited.traced_txs.len(), 2);
    assert!(data.limited && data.fetched_beyond_start() == 2);
    assert!(limited.stops.iter().any(|s| s.reason == StopReason::TxLimit));
    assert_exact(&limited);
    let windowed = StopRules {
        max_height: Some(4),
        ..rules()
    };
    let windowed = trace(
        diamond(),
        TraceStart::Outpoints(vec![op(1, 0)]),
        TaintMethod::Fifo,
        windowed,
    );
    assert!(!windowed.traced_txs.contains_key(&txid(5)));
    assert!(windowed.stops.iter().any(|s| s.reason == StopReason::OutsideWindow));
    assert_exact(&windowed);
}

#[test]
fn backward_trace_spreads_an_output_over_the_inputs_that_funded_it() {
    let mut world = World::default();
    world.mint(1, &[("alice", 30_000)]);
    world.mint(2, &[("bob", 70_000)]);
    world.spend(3, &[(1, 0), (2, 0)], &[("victim", 50_000), ("change", 49_000)]);
    let mut labels = LabelBook::new();
    labels.insert(
        Chain::Btc,
        "bob",
        Label {
            entity: "Kraken".into(),
            category: Category::Exchange,
            source_url: String::new(),
            dataset: "test".into(),
        },
    );
    let start = TraceStart::Outpoints(vec![op(3, 0)]);
    let source = Fake::new(world);
    let backward = |method| TraceRequest {
        direction: Direction::Backward,
        ..request(start.clone(), method, rules())
    };
    let (data, haircut) = trace_with(&source, &backward(TaintMethod::Haircut), &labels);
    // 50 000 of 100 000 in: 15 000 from alice (then minted by coinbase), 35 000 from Kraken.
    assert_eq!(taint(&haircut, 1, 0), 15_000);
    assert_eq!(haircut.summary.by_entity["Kraken"].sats, Sats(35_000));
    assert_eq!(haircut.summary.unspent_sats, Sats(15_000));
    assert!(haircut
        .stops
        .iter()
        .any(|s| s.reason == StopReason::Coinbase && s.outpoint == op(1, 0)));
    assert_exact(&haircut);
    let fifo = compute(&data, &data.start, TaintMethod::Fifo, &rules(), &labels);
    assert_eq!((taint(&fifo, 1, 0), taint(&fifo, 2, 0)), (30_000, 20_000));
    assert_exact(&fifo);
    let poison = compute(&data, &data.start, TaintMethod::Poison, &rules(), &labels);
    assert_eq!((taint(&poison, 1, 0), taint(&poison, 2, 0)), (30_000, 70_000));
}

#[test]
fn a_start_that_cannot_be_loaded_is_an_error() {
    let source = Fake::new(worked_example()).failing(1);
    let outcome = block_on(run(
        &source,
        &request(TraceStart::Tx(txid(1)), TaintMethod::Fifo, rules()),
        &LabelBook::new(),
        |_| {},
    ));
    assert!(matches!(outcome, Err(TraceError::StartTx { .. })));
    let source = Fake::new(worked_example());
    let outcome = block_on(run(
        &source,
        &request(TraceStart::Outpoints(vec![op(1, 5)]), TaintMethod::Fifo, rules()),
        &LabelBook::new(),
        |_| {},
    ));
    assert!(matches!(outcome, Err(TraceError::NoSuchOutput { vout: 5, .. })));
}

#[test]
fn progress_is_reported_and_json_has_the_cli_fields() {
    let source = Fake::new(diamond());
    let mut rounds = Vec::new();
    let (_, result) = block_on(run(
        &source,
        &request(TraceStart::Outpoints(vec![op(1, 0)]), TaintMethod::Haircut, rules()),
        &LabelBook::new(),
        |p| rounds.push(p.round),
    ))
    .unwrap();
    assert_eq!(rounds.first(), Some(&0));
    assert!(rounds.windows(2).all(|w| w[0] + 1 == w[1]));
    let json = result.to_json(42);
    for key in [
        "method",
        "source_sats",
        "fees_sats",
        "unspent_sats",
        "frontier_sats",
        "below_minimum_sats",
        "by_entity",
        "traced_txs",
        "requests",
        "conserves",
        "stops",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert_eq!(json["requests"], 42);
    assert_eq!(json["method"], "haircut");
    assert_eq!(json["traced_txs"].as_array().unwrap().len(), result.traced_txs.len());
}
