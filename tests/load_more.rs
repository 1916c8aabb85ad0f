#![cfg(not(target_arch = "wasm32"))]
//! Huge addresses and hub transactions are paged and capped, with "load more": the first job
//! loads 1,000 transactions of an address (50 spenders or funders of a transaction), each repeat
//! asks for the next page, the scheduler goes on from the page where the last answer stopped
//! (never asking the earlier pages again), the result equals one big request, a link replays the
//! same pages, and a case file recorded along the way answers every page size asked.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use spoor::case::{CaseBook, Recorder, Replay};
use spoor::chain::{Chain, Tx, Txid};
use spoor::explorer::{block_on, ApiKind, ChainSource, Provider, Scheduler, SchedulerConfig};
use spoor::flow::{FlowGraph, FlowNode, HistoryState, NodeKey};
use spoor::jobs::{self, JobError, JobKind, JobNote, JobOutput, HISTORY_LIMIT, MAX_EXPAND_TXS, MAX_HISTORY_TXS};
use spoor::labels::LabelBook;
use spoor::simulate::{simulate, Scenario, SimParams};
use spoor::standin::FaultPlan;

mod common;
use common::in_process::{StandIn, API, ROOT};

const BUSY_TXS: usize = 2_500;

fn scenario() -> &'static Scenario {
    static SCENARIO: std::sync::OnceLock<Scenario> = std::sync::OnceLock::new();
    SCENARIO.get_or_init(|| {
        simulate(&SimParams {
            seed: 5,
            txs: 600,
            fanout: Some(400),
            busy_txs: BUSY_TXS,
        })
    })
}

fn scheduler(stand_in: &StandIn, api: ApiKind) -> Scheduler<&StandIn> {
    let provider = Provider {
        kind: api,
        base_url: if api == ApiKind::Esplora { API } else { ROOT }.to_string(),
    };
    Scheduler::for_provider(&provider, Chain::Btc, stand_in, SchedulerConfig::for_base_url(API))
}

fn run<S: ChainSource>(source: &S, kind: &JobKind, graph: &FlowGraph) -> Result<JobOutput, JobError> {
    let known: BTreeSet<Txid> = graph.txs().into_iter().map(|tx| tx.txid.clone()).collect();
    block_on(jobs::run(source, kind, &known, &LabelBook::default()))
}

fn apply(graph: &mut FlowGraph, output: &JobOutput) {
    for tx in &output.txs {
        graph.add_tx(tx);
    }
    if let Some((address, state)) = &output.history {
        graph.set_history(address, *state);
    }
}

fn history_of(graph: &FlowGraph, address: &str) -> HistoryState {
    match graph
        .id_of(&NodeKey::Address(address.into()))
        .and_then(|id| graph.node(id))
    {
        Some(FlowNode::Address(node)) => node.history,
        _ => HistoryState::NotLoaded,
    }
}

/// Like the app: the reader's "load more" is the same first job, continued past what is loaded.
fn load_more(graph: &FlowGraph, address: &str) -> JobKind {
    let loaded = match history_of(graph, address) {
        HistoryState::Partial { txs_loaded } => txs_loaded,
        _ => 0,
    };
    JobKind::history(address).continued(loaded)
}

#[test]
fn load_more_pages_a_busy_address_to_its_end_asking_each_page_once() {
    for api in [ApiKind::Esplora, ApiKind::Blockbook] {
        let busy = &scenario().facts.busy_address;
        let stand_in = StandIn::new(scenario(), FaultPlan::default());
        let source = scheduler(&stand_in, api);
        let mut graph = FlowGraph::of_chain(Chain::Btc);

        let first = run(&source, &JobKind::history(busy), &graph).unwrap();
        assert_eq!(first.txs.len(), MAX_HISTORY_TXS);
        assert_eq!(
            first.note,
            Some(JobNote::NewestOnly {
                loaded: MAX_HISTORY_TXS,
                address: busy.clone()
            })
        );
        apply(&mut graph, &first);
        assert_eq!(history_of(&graph, busy), HistoryState::Partial { txs_loaded: 1_000 });
        let first_requests = stand_in.requests();

        let second_job = load_more(&graph, busy);
        assert_eq!(
            second_job,
            JobKind::AddressHistory {
                address: busy.clone(),
                max_txs: 2_000
            }
        );
        let second = run(&source, &second_job, &graph).unwrap();
        apply(&mut graph, &second);
        assert_eq!(history_of(&graph, busy), HistoryState::Partial { txs_loaded: 2_000 });
        let second_requests = stand_in.requests() - first_requests;
        assert!(
            second_requests <= first_requests + 1,
            "{api:?}: the next 1,000 took {second_requests} requests, the first {first_requests}: earlier pages asked again?"
        );

        // A trace asks the first page of the same address meanwhile: the longer pager stays.
        let trace_like = block_on(source.address_history(busy, MAX_HISTORY_TXS)).unwrap();
        assert_eq!(trace_like.txs.len(), MAX_HISTORY_TXS);
        let before_third = stand_in.requests();

        let third = run(&source, &load_more(&graph, busy), &graph).unwrap();
        let third_requests = stand_in.requests() - before_third;
        assert!(
            third_requests <= first_requests,
            "{api:?}: the last 500 took {third_requests} requests: earlier pages asked again?"
        );
        apply(&mut graph, &third);
        assert_eq!(history_of(&graph, busy), HistoryState::Complete, "{api:?}");
        assert_eq!(third.note, None);

        // The same as one request for everything, newest first, each tx once.
        let fresh = StandIn::new(scenario(), FaultPlan::default());
        let whole = block_on(scheduler(&fresh, api).address_history(busy, 10_000)).unwrap();
        assert!(whole.complete);
        let ids = |txs: &[Tx]| txs.iter().map(|tx| tx.txid.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&third.txs), ids(&whole.txs), "{api:?}");
        assert_eq!(graph.txs_of_address(busy).len(), BUSY_TXS, "{api:?}");
        let paged: BTreeSet<Txid> = first
            .txs
            .iter()
            .chain(&second.txs)
            .chain(&third.txs)
            .map(|tx| tx.txid.clone())
            .collect();
        assert_eq!(paged.len(), BUSY_TXS);
    }
}

#[test]
fn load_more_survives_faults_and_a_failed_page_goes_on_where_it_stopped() {
    let busy = &scenario().facts.busy_address;
    let plan = FaultPlan {
        seed: 11,
        fail_rate: 0.3,
        ..FaultPlan::default()
    };
    let stand_in = StandIn::new(scenario(), plan);
    let source = scheduler(&stand_in, ApiKind::Esplora);
    let mut graph = FlowGraph::of_chain(Chain::Btc);
    let mut failures = 0;
    while history_of(&graph, busy) != HistoryState::Complete {
        match run(&source, &load_more(&graph, busy), &graph) {
            Ok(output) => apply(&mut graph, &output),
            // The reader presses the button again.
            Err(_) => failures += 1,
        }
        assert!(failures < 50, "no progress");
    }
    assert_eq!(graph.txs_of_address(busy).len(), BUSY_TXS);
    let pages = stand_in
        .log
        .borrow()
        .iter()
        .filter(|(path, _)| path.contains(busy.as_str()))
        .count();
    let clean_pages = BUSY_TXS / 25 + 1;
    assert!(
        pages <= clean_pages * 2 + 40,
        "{pages} page requests for {clean_pages} pages: failed loads started over?"
    );
}

#[test]
fn a_hub_transactions_funders_come_in_pages_in_txid_order() {
    // The theft spends dozens of hot-wallet coins, each from its own deposit (Zaif's: 131).
    let theft = Txid::parse(&scenario().facts.theft_txid).unwrap();
    let stand_in = StandIn::new(scenario(), FaultPlan::default());
    let source = scheduler(&stand_in, ApiKind::Esplora);
    let tx = block_on(source.txs(std::slice::from_ref(&theft))).remove(0).unwrap();
    let funders: BTreeSet<Txid> = tx.inputs.iter().filter_map(|i| i.prev_txid.clone()).collect();
    assert!(funders.len() > MAX_EXPAND_TXS, "{} funders", funders.len());

    let mut graph = FlowGraph::of_chain(Chain::Btc);
    let first = run(&source, &JobKind::funding(&theft), &graph).unwrap();
    assert_eq!(
        first.note,
        Some(JobNote::ExpandCapped {
            loaded: MAX_EXPAND_TXS,
            total: funders.len(),
            direction: spoor::trace::Direction::Backward
        })
    );
    let expected: BTreeSet<Txid> = funders
        .iter()
        .take(MAX_EXPAND_TXS)
        .cloned()
        .chain([theft.clone()])
        .collect();
    let got: BTreeSet<Txid> = first.txs.iter().map(|tx| tx.txid.clone()).collect();
    assert_eq!(got, expected, "the first page is the first funders in txid order");
    apply(&mut graph, &first);

    let again = JobKind::funding(&theft).continued(MAX_EXPAND_TXS);
    assert_eq!(
        again,
        JobKind::FundingTxs {
            txid: theft.clone(),
            max_txs: 2 * MAX_EXPAND_TXS
        }
    );
    let second = run(&source, &again, &graph).unwrap();
    assert_eq!(
        second.txs.len(),
        (funders.len() - MAX_EXPAND_TXS).min(MAX_EXPAND_TXS) + 1,
        "only the new ones are fetched (and the tx itself)"
    );
    assert_eq!(second.note.is_some(), funders.len() > 2 * MAX_EXPAND_TXS);
    apply(&mut graph, &second);

    // A link replays the larger page on an empty graph: the same transactions.
    let replayed = run(
        &source,
        &JobKind::of_expansion(&again.expansion().unwrap()),
        &FlowGraph::of_chain(Chain::Btc),
    )
    .unwrap();
    let replayed: BTreeSet<Txid> = replayed.txs.iter().map(|tx| tx.txid.clone()).collect();
    let shown: BTreeSet<Txid> = graph.txs().into_iter().map(|tx| tx.txid.clone()).collect();
    assert_eq!(replayed, shown);
}

#[test]
fn a_case_recorded_while_loading_more_replays_every_page_size() {
    let busy = &scenario().facts.busy_address;
    let stand_in = StandIn::new(scenario(), FaultPlan::default());
    let book = Rc::new(RefCell::new(CaseBook::default()));
    let recorder = Recorder::new(scheduler(&stand_in, ApiKind::Esplora), book.clone());
    let graph = FlowGraph::of_chain(Chain::Btc);
    let two_thousand = JobKind::history(busy).continued(MAX_HISTORY_TXS);
    let recorded = run(&recorder, &two_thousand, &graph).unwrap();
    // A trace asking the first page afterwards must not shrink what the case holds.
    run(&recorder, &JobKind::history(busy), &graph).unwrap();

    let replay = Replay::new(Rc::new(book.borrow().clone()));
    let replayed = run(&replay, &two_thousand, &graph).unwrap();
    assert_eq!(replayed.txs, recorded.txs);
    assert_eq!(
        replayed.history,
        Some((busy.clone(), HistoryState::Partial { txs_loaded: 2_000 }))
    );
    let first = run(&replay, &JobKind::history(busy), &graph).unwrap();
    assert_eq!(first.txs.len(), MAX_HISTORY_TXS);
}

#[test]
fn load_more_stops_at_the_limits() {
    let at_limit = JobKind::history("a").continued(HISTORY_LIMIT);
    assert_eq!(
        at_limit,
        JobKind::AddressHistory {
            address: "a".into(),
            max_txs: HISTORY_LIMIT
        }
    );
    let near = JobKind::history("a").continued(HISTORY_LIMIT - 10);
    assert_eq!(near.expansion().map(|e| e.max_txs() as usize), Some(HISTORY_LIMIT));
    assert_eq!(
        JobKind::history("a").continued(0),
        JobKind::history("a"),
        "nothing loaded: the first page"
    );
}

#[test]
fn a_page_recording_txids_only_writes_the_same_case_from_its_graph() {
    let busy = &scenario().facts.busy_address;
    let theft = Txid::parse(&scenario().facts.theft_txid).unwrap();
    let stand_in = StandIn::new(scenario(), FaultPlan::default());
    let source = scheduler(&stand_in, ApiKind::Esplora);
    let (full, lean) = (
        Rc::new(RefCell::new(CaseBook::default())),
        Rc::new(RefCell::new(CaseBook::default())),
    );
    let (full_recorder, lean_recorder) = (
        Recorder::new(&source, full.clone()),
        Recorder::txids_only(&source, lean.clone()),
    );
    let mut graph = FlowGraph::of_chain(Chain::Btc);
    for kind in [
        JobKind::history(busy),
        JobKind::history(busy).continued(MAX_HISTORY_TXS),
        JobKind::funding(&theft),
        JobKind::spending(&theft),
    ] {
        run(&full_recorder, &kind, &FlowGraph::of_chain(Chain::Btc)).unwrap();
        let output = run(&lean_recorder, &kind, &graph).unwrap();
        apply(&mut graph, &output);
    }
    assert!(lean.borrow().txs.is_empty(), "no transaction copied");
    let mut filled = lean.borrow().clone();
    filled.fill_txs(|txid| graph.tx(txid));
    assert_eq!(filled, *full.borrow());

    // A transaction the page never kept (its job failed) leaves out the history naming it.
    let mut partial = lean.borrow().clone();
    let dropped = partial.histories[busy].txids[7].clone();
    partial.fill_txs(|txid| (txid != &dropped).then(|| graph.tx(txid)).flatten());
    assert!(!partial.txs.contains_key(&dropped));
    assert!(!partial.histories.contains_key(busy.as_str()));
    assert!(partial.outspends.contains_key(&theft));
}
