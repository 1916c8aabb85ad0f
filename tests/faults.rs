#![cfg(not(target_arch = "wasm32"))]
//! Faults survived with nothing lost: the app's jobs (tip, the address's history, the trace)
//! run through the scheduler against the stand-in's own answers and its own seeded faults
//! (`standin::FaultInjector`: 5xx, bursts of 429 with `Retry-After`, replies slower than the
//! timeout, truncated and malformed JSON), in process and on a fake clock. The graph and the
//! trace must come out exactly as in a fault-free run, with bounded retries; a cancelled trace
//! started again resumes and ends the same; an explorer that always fails ends in a typed error.

use std::collections::BTreeSet;

use spoor::case::Pinned;
use spoor::chain::{Address, Chain, Sats, Txid};
use spoor::explorer::{
    block_on, ApiKind, ExplorerError, HttpReply, Provider, Scheduler, SchedulerConfig, Transport, TransportError,
};
use spoor::flow::{FlowGraph, FlowNode};
use spoor::jobs::{self, JobError, JobKind, JobOutput, TraceOutput};
use spoor::labels::LabelBook;
use spoor::permalink::TraceView;
use spoor::route::Target;
use spoor::simulate::{simulate, Scenario, SimParams};
use spoor::standin::{parse_burst, Fault, FaultPlan};
use spoor::trace::{Direction, StopRules, TaintMethod, TraceError};

mod common;

use common::in_process::{StandIn, API, ROOT};

fn scenario() -> Scenario {
    simulate(&SimParams {
        seed: 3,
        txs: 300,
        fanout: None,
        busy_txs: 0,
    })
}

fn labels_of(scenario: &Scenario) -> LabelBook {
    LabelBook::from_csv(&scenario.labels_csv(), "labels.csv").unwrap().0
}

/// The trouble: 20% 5xx, bursts of 429, slow, truncated and malformed replies.
fn faulty(seed: u64) -> FaultPlan {
    FaultPlan {
        seed,
        fail_rate: 0.2,
        slow_rate: 0.05,
        slow_ms: 60_000,
        truncate_rate: 0.05,
        malformed_rate: 0.05,
        burst_429: Some(parse_burst("500/4000").unwrap()),
    }
}

/// The local stand-in's limits, with the short timeout the end-to-end test gives the app.
fn config() -> SchedulerConfig {
    SchedulerConfig::for_base_url(API).with_request_timeout_ms(Some(1_500))
}

fn scheduler(stand_in: &StandIn, api: ApiKind) -> Scheduler<&StandIn> {
    let provider = Provider {
        kind: api,
        base_url: if api == ApiKind::Esplora { API } else { ROOT }.to_string(),
    };
    Scheduler::for_provider(&provider, Chain::Btc, stand_in, config())
}

/// A haircut trace forward from the thief, with the app's default rules.
fn trace_job(scenario: &Scenario) -> (Target, JobKind) {
    let thief = Address::parse(Chain::Btc, &scenario.facts.thief_address).unwrap();
    let target = Target::Address(thief);
    let rules = StopRules::default();
    let view = TraceView {
        method: TaintMethod::Haircut,
        direction: Direction::Forward,
        max_hops: rules.max_hops,
        min_taint_sats: rules.min_taint_sats.to_u64(),
        stop_categories: rules.stop_categories.iter().copied().collect(),
    };
    let kind = JobKind::trace_of(&target, &view);
    (target, kind)
}

/// What the page shows: the graph (every node, every edge with its value) and the trace.
#[derive(Debug, PartialEq)]
struct Page {
    nodes: BTreeSet<String>,
    edges: BTreeSet<(String, String, u64, u32)>,
    node_count: usize,
    edge_count: usize,
    tx_count: usize,
    trace: Option<TraceOutput>,
}

/// The app's state after each job's output, as `web::state` applies it.
#[derive(Default)]
struct App {
    graph: FlowGraph,
    trace: Option<TraceOutput>,
    pinned_height: Option<u32>,
}

impl App {
    fn apply(&mut self, output: JobOutput) {
        for tx in &output.txs {
            self.graph.add_tx(tx);
        }
        if let Some((address, state)) = output.history {
            self.graph.set_history(&address, state);
        }
        if let Some(trace) = output.trace {
            self.trace = Some(trace);
        }
        self.pinned_height = self.pinned_height.or(output.tip_height);
    }

    fn known(&self) -> BTreeSet<Txid> {
        self.graph
            .nodes()
            .filter_map(|(_, node)| match node {
                FlowNode::Tx(tx) => Some(tx.txid.clone()),
                _ => None,
            })
            .collect()
    }

    fn page(&self) -> Page {
        let key = |id| format!("{:?}", self.graph.key_of(id).unwrap());
        Page {
            nodes: self.graph.nodes().map(|(id, _)| key(id)).collect(),
            edges: self
                .graph
                .edges()
                .map(|(from, to, edge)| (key(from), key(to), edge.value_sats.to_u64(), edge.parts))
                .collect(),
            node_count: self.graph.node_count(),
            edge_count: self.graph.edge_count(),
            tx_count: self.graph.tx_count(),
            trace: self.trace.clone(),
        }
    }

    /// Runs one job over the pinned scheduler, like `web::runner` (the last trace's data is
    /// reused by a trace job).
    fn run(&mut self, scheduler: &Scheduler<&StandIn>, kind: &JobKind, labels: &LabelBook) -> Result<(), JobError> {
        let earlier = matches!(kind, JobKind::Trace(_))
            .then(|| self.trace.as_ref().map(|trace| trace.data.clone()))
            .flatten();
        scheduler.resume();
        let output = match self.pinned_height {
            Some(height) => block_on(jobs::run_reusing(
                &Pinned::new(scheduler, height),
                kind,
                &self.known(),
                labels,
                earlier.as_deref(),
            )),
            None => block_on(jobs::run_reusing(
                scheduler,
                kind,
                &self.known(),
                labels,
                earlier.as_deref(),
            )),
        }?;
        self.apply(output);
        Ok(())
    }

    /// What a reader does: open the address, trace it; a job that failed (after its retries)
    /// is started again, and so is a trace whose lookups gave up, until nothing failed.
    /// Returns how many jobs had to be started again and how many lookups gave up.
    fn open_and_trace(&mut self, scheduler: &Scheduler<&StandIn>, scenario: &Scenario) -> (usize, usize) {
        let labels = labels_of(scenario);
        let (target, trace) = trace_job(scenario);
        let (mut again, mut given_up) = (0, 0);
        for kind in [JobKind::Tip, JobKind::open(&target), trace] {
            for attempt in 0.. {
                assert!(attempt < 5, "{kind:?} still failing after {attempt} runs");
                let failed = match self.run(scheduler, &kind, &labels) {
                    Err(_) => 1,
                    Ok(()) if matches!(kind, JobKind::Trace(_)) => {
                        self.trace.as_ref().map_or(0, |t| t.result.errors.len())
                    }
                    Ok(()) => 0,
                };
                if failed == 0 {
                    break;
                }
                given_up += failed;
                again += 1;
            }
        }
        (again, given_up)
    }
}

fn fault_free(scenario: &Scenario, api: ApiKind) -> (Page, usize) {
    let stand_in = StandIn::new(scenario, FaultPlan::default());
    let scheduler = scheduler(&stand_in, api);
    let mut app = App::default();
    assert_eq!(app.open_and_trace(&scheduler, scenario), (0, 0));
    let page = app.page();
    let trace = page.trace.as_ref().unwrap();
    assert!(trace.result.errors.is_empty());
    assert!(
        !trace.result.summary.by_entity.is_empty(),
        "the trace reaches labelled entities"
    );
    (page, stand_in.requests())
}

#[test]
fn a_trace_through_every_kind_of_fault_ends_with_the_graph_and_summary_of_a_fault_free_run() {
    let scenario = scenario();
    for api in [ApiKind::Esplora, ApiKind::Blockbook] {
        let (expected, clean_requests) = fault_free(&scenario, api);
        let mut resumed_runs = 0;
        // Server errors, 429s, slow, truncated and malformed replies seen over the seeds.
        let mut seen = [0_usize; 5];
        for seed in 1..=6 {
            let stand_in = StandIn::new(&scenario, faulty(seed));
            let scheduler = scheduler(&stand_in, api);
            let mut app = App::default();
            let (again, given_up) = app.open_and_trace(&scheduler, &scenario);
            resumed_runs += again;
            assert_eq!(app.page(), expected, "{api:?}, seed {seed}");

            // Faults were retried, and retries stayed bounded.
            let kinds: [fn(&Fault) -> bool; 5] = [
                |f| matches!(f, Fault::ServerError { .. }),
                |f| matches!(f, Fault::TooManyRequests { .. }),
                |f| matches!(f, Fault::Slow { .. }),
                |f| matches!(f, Fault::Truncate { .. }),
                |f| matches!(f, Fault::Malformed { .. }),
            ];
            for (seen, kind) in seen.iter_mut().zip(kinds) {
                *seen += stand_in.count(kind);
            }
            // Each fault was retried, or was the last of the 1 + max_retries attempts of a
            // lookup that gave up.
            let faults = stand_in.requests() - stand_in.count(|f| *f == Fault::None);
            assert_eq!(faults, scheduler.progress().retries + given_up, "{api:?}, seed {seed}");
            assert_eq!(stand_in.requests(), scheduler.progress().requests);
            let per_lookup = 1 + config().max_retries as usize;
            assert!(
                stand_in.requests() <= clean_requests * per_lookup * 2,
                "{} requests for {clean_requests} lookups",
                stand_in.requests()
            );
            let mut asked: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
            let log = stand_in.log.borrow();
            for (path, _) in log.iter() {
                *asked.entry(path.as_str()).or_default() += 1;
            }
            // A path is asked at most 1 + max_retries times per job that wants it (the history
            // by the history job and by the trace), times the runs that resumed.
            let bound = per_lookup * 2 * (1 + resumed_runs);
            assert!(asked.values().all(|&n| n <= bound), "{asked:?}");
        }
        assert!(
            seen.iter().all(|&n| n > 0),
            "{api:?}: every kind of fault happened: {seen:?}"
        );
        // With a third of the requests failing, a lookup now and then fails five times in a
        // row: starting the trace again resumed it (the comparison above would fail otherwise).
        eprintln!("{api:?}: faults {seen:?}; {resumed_runs} jobs started again over 6 seeds");
    }
}

#[test]
fn a_cancelled_trace_started_again_resumes_and_ends_as_an_uninterrupted_one() {
    let scenario = scenario();
    let (expected, _) = fault_free(&scenario, ApiKind::Esplora);
    let labels = labels_of(&scenario);
    let (target, trace) = trace_job(&scenario);
    for cancel_after in [3, 10, 25] {
        let stand_in = StandIn::new(&scenario, faulty(11));
        let scheduler = scheduler(&stand_in, ApiKind::Esplora);
        let mut app = App::default();
        app.run(&scheduler, &JobKind::Tip, &labels).unwrap();
        app.run(&scheduler, &JobKind::open(&target), &labels).unwrap();

        // Stop after a few lookups of the trace: it ends with what it has, the rest cancelled.
        let before = scheduler.progress().done;
        let token = scheduler.cancel_token();
        scheduler.set_progress_listener(Box::new(move |progress| {
            if progress.done >= before + cancel_after {
                token.cancel();
            }
        }));
        app.run(&scheduler, &trace, &labels).unwrap();
        let stopped = app.trace.clone().unwrap();
        assert!(
            stopped
                .result
                .errors
                .iter()
                .any(|failure| failure.error == ExplorerError::Cancelled),
            "cancelled after {cancel_after}"
        );
        assert_ne!(app.page(), expected);
        let requests_before = stand_in.requests();
        let good_before: BTreeSet<String> = stand_in
            .log
            .borrow()
            .iter()
            .filter(|(path, fault)| *fault == Fault::None && path.starts_with("/tx/"))
            .map(|(path, _)| path.clone())
            .collect();

        // Start it again: it resumes, asks nothing it already had, and ends the same.
        scheduler.set_progress_listener(Box::new(|_| {}));
        app.run(&scheduler, &trace, &labels).unwrap();
        let again: Vec<String> = stand_in.log.borrow()[requests_before..]
            .iter()
            .map(|(path, _)| path.clone())
            .collect();
        assert!(
            again.iter().all(|path| !good_before.contains(path)),
            "asked again: {:?}",
            again.iter().filter(|p| good_before.contains(*p)).collect::<Vec<_>>()
        );
        if app.trace.as_ref().is_some_and(|t| !t.result.errors.is_empty()) {
            // A lookup gave up after its retries: once more.
            app.run(&scheduler, &trace, &labels).unwrap();
        }
        assert_eq!(app.page(), expected, "cancelled after {cancel_after}");
    }
}

/// Whether an error is the one a fault plan should end in.
type IsExpected = fn(&ExplorerError) -> bool;

#[test]
fn an_explorer_that_always_fails_ends_in_a_typed_error_after_bounded_retries() {
    let scenario = scenario();
    let labels = labels_of(&scenario);
    let (target, trace) = trace_job(&scenario);
    let cases: [(FaultPlan, IsExpected); 4] = [
        (FaultPlan::failing(5, 1.0), |e| {
            matches!(e, ExplorerError::Unavailable { .. })
        }),
        (
            FaultPlan {
                slow_rate: 1.0,
                slow_ms: 60_000,
                ..FaultPlan::default()
            },
            |e| *e == ExplorerError::TimedOut { after_ms: 1_500 },
        ),
        (
            FaultPlan {
                truncate_rate: 1.0,
                ..FaultPlan::default()
            },
            |e| matches!(e, ExplorerError::Decode { .. }),
        ),
        (
            FaultPlan {
                malformed_rate: 1.0,
                ..FaultPlan::default()
            },
            |e| matches!(e, ExplorerError::Decode { .. }),
        ),
    ];
    let attempts = 1 + config().max_retries as usize;
    for (plan, expected) in cases {
        let stand_in = StandIn::new(&scenario, plan);
        let scheduler = scheduler(&stand_in, ApiKind::Esplora);
        let mut app = App::default();
        // The history (a JSON page) fails after its retries: a typed error, nothing added.
        let history = app.run(&scheduler, &JobKind::open(&target), &labels);
        let Err(JobError::Explorer(error)) = history else {
            panic!("{plan:?}: {history:?}")
        };
        assert!(expected(&error), "{plan:?}: {error:?}");
        assert_eq!(stand_in.requests(), attempts, "{plan:?}");
        // So does the trace, at its start.
        let traced = app.run(&scheduler, &trace, &labels);
        let Err(JobError::Trace(TraceError::History { source, .. })) = traced else {
            panic!("{plan:?}: {traced:?}")
        };
        assert!(expected(&source), "{plan:?}: {source:?}");
        assert_eq!(stand_in.requests(), 2 * attempts, "{plan:?}");
        assert_eq!(app.graph.node_count(), 0);
        assert!(app.trace.is_none());
        assert_eq!(scheduler.progress().in_flight + scheduler.progress().queued, 0);
    }
}

#[test]
fn lookups_that_keep_failing_mid_trace_are_listed_once_and_their_taint_is_frontier() {
    let scenario = scenario();
    let (expected, _) = fault_free(&scenario, ApiKind::Esplora);
    let labels = labels_of(&scenario);
    let (_, trace) = trace_job(&scenario);
    // Every `/outspends` answers 503, whatever the retries: the trace still ends.
    let stand_in = StandIn::new(&scenario, FaultPlan::default());
    let failing = OutspendsFail(&stand_in);
    let scheduler = Scheduler::new(API, &failing, config());
    let tip = block_on(jobs::run(&scheduler, &JobKind::Tip, &BTreeSet::new(), &labels)).unwrap();
    let pinned = Pinned::new(&scheduler, tip.tip_height.unwrap());
    let output = block_on(jobs::run(&pinned, &trace, &BTreeSet::new(), &labels)).unwrap();
    let result = &output.trace.as_ref().unwrap().result;
    assert!(!result.errors.is_empty());
    let failed: BTreeSet<&Txid> = result.errors.iter().map(|f| &f.txid).collect();
    assert_eq!(failed.len(), result.errors.len(), "each failed lookup listed once");
    assert!(result
        .errors
        .iter()
        .all(|f| matches!(f.error, ExplorerError::Unavailable { status: 503, .. })));
    let summary = &result.summary;
    assert!(summary.frontier_sats > Sats::ZERO);
    let entities: Sats = summary.by_entity.values().map(|e| e.sats).sum();
    assert_eq!(
        summary.fees_sats + summary.unspent_sats + entities + summary.frontier_sats + summary.below_minimum_sats,
        summary.source_sats
    );
    let asked = stand_in
        .log
        .borrow()
        .iter()
        .filter(|(p, _)| p.ends_with("/outspends"))
        .count();
    assert_eq!(asked, failed.len() * (1 + config().max_retries as usize));
    assert_ne!(output.trace, expected.trace);
    assert!(output.txs.len() < expected.tx_count, "only what could be fetched");
}

/// The stand-in, with every `/outspends` answered 503.
struct OutspendsFail<'a>(&'a StandIn);

impl Transport for OutspendsFail<'_> {
    async fn get(&self, url: &str) -> Result<HttpReply, TransportError> {
        if url.ends_with("/outspends") {
            let path = url.strip_prefix(API).unwrap_or(url).to_string();
            self.0.log.borrow_mut().push((path, Fault::ServerError { status: 503 }));
            return Ok(HttpReply::text(503, "Service unavailable"));
        }
        self.0.get(url).await
    }

    async fn sleep_ms(&self, ms: u32) {
        self.0.sleep_ms(ms).await;
    }

    fn now_ms(&self) -> f64 {
        self.0.now_ms()
    }
}
