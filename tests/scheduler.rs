#![cfg(not(target_arch = "wasm32"))]
//! Fetch scheduler tests against a fake transport with a fake clock: deduplication, caches and the
//! persistent store, request spacing, the in-flight limit, jittered retries, cancellation,
//! progress and on-demand paging.

use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::rc::Rc;
use std::task::Poll;

use spoor::chain::{TxStatus, Txid};
use spoor::explorer::{
    block_on, ChainSource, ExplorerError, HttpReply, MemoryTxStore, Progress, Scheduler, SchedulerConfig, Transport,
    TransportError, TxStore,
};

mod common;

use common::esplora::{status_json, tx_json, ScriptedReplies};

const BASE: &str = "https://mempool.space/api";

// ---------------------------------------------------------------------------------------------
// Fake transport: scripted replies per URL (served in order, the last one repeats), a clock that
// only sleeps and request latency advance, and a count of gets pending at the same time.

#[derive(Default)]
struct Fake {
    replies: ScriptedReplies,
    /// Every request: URL and the fake time it was made.
    requests: RefCell<Vec<(String, f64)>>,
    sleeps_ms: RefCell<Vec<u32>>,
    clock_ms: Cell<f64>,
    /// How often `get` answers `Pending` before its reply, so concurrency becomes observable.
    pending_polls: u32,
    /// How far one `get` moves the clock.
    latency_ms: f64,
    in_flight: Cell<usize>,
    peak_in_flight: Cell<usize>,
}

impl Fake {
    fn script(self, url: &str, reply: Result<HttpReply, TransportError>) -> Self {
        self.replies.push(url, reply);
        self
    }

    fn with_txs(self, numbers: impl IntoIterator<Item = u32>, confirmed: bool) -> Self {
        numbers.into_iter().fold(self, |fake, n| {
            fake.script(&tx_url(n), Ok(HttpReply::json(tx_json(n, confirmed))))
        })
    }

    fn urls(&self) -> Vec<String> {
        self.requests.borrow().iter().map(|(url, _)| url.clone()).collect()
    }

    fn sleeps(&self) -> Vec<u32> {
        self.sleeps_ms.borrow().clone()
    }
}

impl Transport for Fake {
    async fn get(&self, url: &str) -> Result<HttpReply, TransportError> {
        self.requests.borrow_mut().push((url.to_string(), self.clock_ms.get()));
        self.in_flight.set(self.in_flight.get() + 1);
        self.peak_in_flight
            .set(self.peak_in_flight.get().max(self.in_flight.get()));
        for _ in 0..self.pending_polls {
            yield_once().await;
        }
        self.in_flight.set(self.in_flight.get() - 1);
        self.clock_ms.set(self.clock_ms.get() + self.latency_ms);
        self.replies.next(url)
    }

    /// The fake's requests take `latency_ms` of fake time: slower than the timeout, the request
    /// is given up when the timeout has passed.
    async fn get_within(&self, url: &str, timeout_ms: u32) -> Result<HttpReply, TransportError> {
        if self.latency_ms < f64::from(timeout_ms) {
            return self.get(url).await;
        }
        self.requests.borrow_mut().push((url.to_string(), self.clock_ms.get()));
        self.clock_ms.set(self.clock_ms.get() + f64::from(timeout_ms));
        Err(TransportError::TimedOut { after_ms: timeout_ms })
    }

    async fn sleep_ms(&self, ms: u32) {
        self.sleeps_ms.borrow_mut().push(ms);
        self.clock_ms.set(self.clock_ms.get() + f64::from(ms));
    }

    fn now_ms(&self) -> f64 {
        self.clock_ms.get()
    }
}

/// Pending once (waking itself), then ready.
async fn yield_once() {
    let mut yielded = false;
    poll_fn(|cx| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await;
}

fn config(max_in_flight: usize, max_per_second: f64) -> SchedulerConfig {
    SchedulerConfig {
        max_in_flight,
        max_per_second,
        ..SchedulerConfig::default()
    }
}

fn scheduler(fake: &Fake, config: SchedulerConfig) -> Scheduler<&Fake> {
    Scheduler::new(BASE, fake, config)
}

/// Collects every progress report.
fn record_progress(scheduler: &Scheduler<&Fake>) -> Rc<RefCell<Vec<Progress>>> {
    let reports = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&reports);
    scheduler.set_progress_listener(Box::new(move |progress| sink.borrow_mut().push(progress)));
    reports
}

fn txid(n: u32) -> Txid {
    Txid::parse(&format!("{n:064x}")).unwrap()
}

fn txids(numbers: impl IntoIterator<Item = u32>) -> Vec<Txid> {
    numbers.into_iter().map(txid).collect()
}

fn tx_url(n: u32) -> String {
    format!("{BASE}/tx/{}", txid(n))
}

fn unavailable() -> HttpReply {
    HttpReply::text(503, "")
}

// ---------------------------------------------------------------------------------------------
// Deduplication and caches

#[test]
fn same_txid_twice_in_a_batch_is_fetched_once() {
    let fake = Fake::default().with_txs([1, 2], true);
    let scheduler = scheduler(&fake, config(4, 4.0));
    let results = block_on(scheduler.txs(&txids([1, 2, 1])));
    assert_eq!(fake.urls(), vec![tx_url(1), tx_url(2)]);
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().txid, txid(1));
    assert_eq!(results[1].as_ref().unwrap().txid, txid(2));
    assert_eq!(results[0], results[2]);
}

#[test]
fn confirmed_txs_are_answered_from_memory_in_the_next_batch() {
    let fake = Fake::default().with_txs([1], true).with_txs([2], true);
    let scheduler = scheduler(&fake, config(4, 4.0));
    block_on(scheduler.txs(&txids([1])));
    let results = block_on(scheduler.txs(&txids([1, 2])));
    assert_eq!(fake.urls(), vec![tx_url(1), tx_url(2)]);
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(scheduler.progress().cache_hits, 1);
    assert_eq!(scheduler.requests_made(), 2);
}

#[test]
fn unconfirmed_txs_are_asked_again_because_they_can_still_change() {
    let fake = Fake::default().with_txs([7], false);
    let scheduler = scheduler(&fake, config(4, 4.0));
    block_on(scheduler.txs(&txids([7])));
    let second = block_on(scheduler.txs(&txids([7])));
    assert_eq!(second[0].as_ref().unwrap().status, TxStatus::Unconfirmed);
    assert_eq!(fake.urls(), vec![tx_url(7), tx_url(7)]);
    assert_eq!(scheduler.progress().cache_hits, 0);
}

#[test]
fn store_keeps_confirmed_txs_for_the_next_scheduler_but_not_unconfirmed_ones() {
    let store = Rc::new(MemoryTxStore::new());
    let fake = Fake::default().with_txs([1], true).with_txs([2], false);
    let first = scheduler(&fake, config(4, 4.0)).with_store(Box::new(Rc::clone(&store)));
    block_on(first.txs(&txids([1, 2])));
    assert_eq!(store.len(), 1);
    assert!(store.load(&txid(1)).is_some());

    // A reload: a new scheduler (empty memory) over the same store.
    let fresh = Fake::default().with_txs([2], false);
    let second = scheduler(&fresh, config(4, 4.0)).with_store(Box::new(Rc::clone(&store)));
    let results = block_on(second.txs(&txids([1, 2])));
    assert_eq!(results[0].as_ref().unwrap().txid, txid(1));
    assert_eq!(fresh.urls(), vec![tx_url(2)]);
    assert_eq!(second.progress().cache_hits, 1);
}

#[test]
fn outspends_are_cached_only_once_every_output_is_spent_and_confirmed() {
    let spent = format!(
        r#"{{"spent":true,"txid":"{}","vin":0,"status":{}}}"#,
        txid(9),
        status_json(9, true)
    );
    let in_mempool = format!(
        r#"{{"spent":true,"txid":"{}","vin":0,"status":{}}}"#,
        txid(9),
        status_json(9, false)
    );
    let url = |n: u32| format!("{BASE}/tx/{}/outspends", txid(n));
    let fake = Fake::default()
        .script(&url(1), Ok(HttpReply::json(format!("[{spent},{spent}]"))))
        .script(&url(2), Ok(HttpReply::json(format!(r#"[{spent},{{"spent":false}}]"#))))
        .script(&url(3), Ok(HttpReply::json(format!("[{in_mempool}]"))));
    let scheduler = scheduler(&fake, config(4, 4.0));
    let first = block_on(scheduler.outspends(&txids([1, 2, 3])));
    assert_eq!(first[1].as_ref().unwrap()[1], None);
    let second = block_on(scheduler.outspends(&txids([1, 2, 3])));
    assert_eq!(first, second);
    assert_eq!(fake.urls(), vec![url(1), url(2), url(3), url(2), url(3)]);
}

#[test]
fn a_reply_for_another_txid_is_retried_then_an_error_and_is_not_cached() {
    let fake = Fake::default().script(&tx_url(1), Ok(HttpReply::json(tx_json(2, true))));
    let config = SchedulerConfig {
        max_retries: 1,
        ..config(4, 4.0)
    };
    let scheduler = scheduler(&fake, config);
    assert!(matches!(
        block_on(scheduler.txs(&txids([1])))[0],
        Err(ExplorerError::Decode { .. })
    ));
    assert_eq!(fake.urls(), vec![tx_url(1), tx_url(1)]);
    block_on(scheduler.txs(&txids([1, 2])));
    let asked = |n: u32| fake.urls().iter().filter(|url| **url == tx_url(n)).count();
    assert_eq!((asked(1), asked(2)), (4, 1));
}

#[test]
fn truncated_and_malformed_bodies_are_asked_again_never_taken_as_data() {
    let whole = tx_json(1, true);
    let fake = Fake::default()
        .script(&tx_url(1), Ok(HttpReply::json(&whole[..whole.len() / 2])))
        .script(&tx_url(1), Ok(HttpReply::json(format!(")]}}'\n{whole}"))))
        .script(&tx_url(1), Ok(HttpReply::json(whole.replacen(':', ":\u{1}", 1))))
        .script(&tx_url(1), Ok(HttpReply::json(whole.clone())));
    let scheduler = scheduler(&fake, config(4, 4.0));
    let answer = block_on(scheduler.txs(&txids([1])));
    assert_eq!(answer[0].as_ref().map(|tx| tx.txid.clone()), Ok(txid(1)));
    assert_eq!(fake.urls().len(), 4);
    assert_eq!(scheduler.progress().retries, 3);
}

#[test]
fn a_request_slower_than_the_timeout_is_given_up_and_retried_a_bounded_number_of_times() {
    let fake = Fake {
        latency_ms: 5_000.0,
        ..Fake::default()
    }
    .with_txs([1], true);
    let config = SchedulerConfig {
        request_timeout_ms: 2_000,
        ..config(4, 0.0)
    };
    let scheduler = scheduler(&fake, config);
    let answer = block_on(scheduler.txs(&txids([1])));
    assert_eq!(answer[0], Err(ExplorerError::TimedOut { after_ms: 2_000 }));
    assert_eq!(fake.urls().len(), 1 + config.max_retries as usize);
    assert_eq!(
        answer[0].as_ref().unwrap_err().to_string(),
        "the explorer did not answer within 2 s"
    );
}

// ---------------------------------------------------------------------------------------------
// Rate and concurrency limits

#[test]
fn twenty_requests_at_four_per_second_take_at_least_four_and_three_quarter_seconds() {
    let fake = Fake::default().with_txs(0..20, true);
    let scheduler = scheduler(&fake, config(4, 4.0));
    let results = block_on(scheduler.txs(&txids(0..20)));
    assert!(results.iter().all(Result::is_ok));
    assert!(fake.now_ms() >= 4750.0, "took {} ms", fake.now_ms());
    let times: Vec<f64> = fake.requests.borrow().iter().map(|(_, at_ms)| *at_ms).collect();
    assert_eq!(times.len(), 20);
    for pair in times.windows(2) {
        assert!(pair[1] - pair[0] >= 249.5, "requests too close: {times:?}");
    }
}

#[test]
fn relaxed_limits_for_the_local_stand_in_barely_wait() {
    let fake = Fake::default().with_txs(0..20, true);
    let scheduler = Scheduler::new(BASE, &fake, SchedulerConfig::for_base_url("http://127.0.0.1:3002/api"));
    block_on(scheduler.txs(&txids(0..20)));
    assert!(fake.now_ms() <= 20.0, "took {} ms", fake.now_ms());
}

#[test]
fn requests_in_flight_never_exceed_k_and_do_reach_it() {
    for k in [1, 3, 5] {
        let fake = Fake {
            pending_polls: 3,
            ..Fake::default()
        }
        .with_txs(0..12, true);
        let scheduler = scheduler(&fake, config(k, 0.0));
        let results = block_on(scheduler.txs(&txids(0..12)));
        assert!(results.iter().all(Result::is_ok));
        assert_eq!(fake.peak_in_flight.get(), k, "K = {k}");
        assert_eq!(fake.urls().len(), 12);
    }
}

// ---------------------------------------------------------------------------------------------
// Retries

fn retry_sleeps(seed: u64) -> Vec<u32> {
    let fake = Fake::default()
        .script(&tx_url(1), Ok(unavailable()))
        .script(&tx_url(1), Ok(HttpReply::text(429, "<html>")))
        .script(&tx_url(1), Err(TransportError::Network("timed out".to_string())))
        .with_txs([1], true);
    let scheduler = scheduler(
        &fake,
        SchedulerConfig {
            jitter_seed: seed,
            ..config(1, 0.0)
        },
    );
    assert!(block_on(scheduler.txs(&txids([1])))[0].is_ok());
    let progress = scheduler.progress();
    assert_eq!((progress.requests, progress.retries, progress.done), (4, 3, 1));
    fake.sleeps()
}

#[test]
fn retry_waits_double_within_a_quarter_and_are_reproducible_for_a_seed() {
    let sleeps = retry_sleeps(42);
    assert_eq!(sleeps.len(), 3, "{sleeps:?}");
    for (wait_ms, nominal_ms) in sleeps.iter().zip([1000.0, 2000.0, 4000.0]) {
        let wait_ms = f64::from(*wait_ms);
        assert!((0.75 * nominal_ms..=1.25 * nominal_ms).contains(&wait_ms), "{sleeps:?}");
    }
    assert_eq!(retry_sleeps(42), sleeps);
    assert_ne!(retry_sleeps(43), sleeps);
}

#[test]
fn a_longer_retry_after_is_honoured_and_an_absurd_one_is_bounded() {
    let asking = |secs: u32| HttpReply {
        retry_after_secs: Some(secs),
        ..HttpReply::text(429, r#"{"error":"rate limit exceeded"}"#)
    };
    let fake = Fake::default()
        .script(&tx_url(1), Ok(asking(7)))
        .script(&tx_url(1), Ok(asking(86_400)))
        .with_txs([1], true);
    let scheduler = scheduler(&fake, config(1, 0.0));
    assert!(block_on(scheduler.txs(&txids([1])))[0].is_ok());
    let sleeps = fake.sleeps();
    assert_eq!(sleeps.len(), 2, "{sleeps:?}");
    assert_eq!(sleeps[0], 7_000, "the server's 7 s beat the first backoff (about 1 s)");
    assert_eq!(sleeps[1], 120_000, "a day is cut to two minutes");
}

#[test]
fn retries_give_up_after_max_retries_with_the_last_error() {
    let fake = Fake::default().script(&tx_url(1), Ok(HttpReply::text(429, "")));
    let scheduler = scheduler(
        &fake,
        SchedulerConfig {
            max_retries: 2,
            ..config(1, 0.0)
        },
    );
    assert_eq!(block_on(scheduler.txs(&txids([1])))[0], Err(ExplorerError::RateLimited));
    assert_eq!(fake.urls().len(), 3);
}

#[test]
fn missing_transactions_are_not_retried() {
    let fake = Fake::default().script(&tx_url(1), Ok(HttpReply::text(404, "Transaction not found")));
    let scheduler = scheduler(&fake, config(1, 4.0));
    assert!(matches!(
        block_on(scheduler.txs(&txids([1])))[0],
        Err(ExplorerError::NotFound { .. })
    ));
    assert_eq!(fake.urls().len(), 1);
    assert!(fake.sleeps().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Cancellation

#[test]
fn cancel_stops_further_requests_and_reports_cancelled() {
    let fake = Fake::default().with_txs(0..6, true);
    let scheduler = scheduler(&fake, config(1, 4.0));
    let token = scheduler.cancel_token();
    scheduler.set_progress_listener(Box::new(move |progress| {
        if progress.done == 2 {
            token.cancel();
        }
    }));
    let results = block_on(scheduler.txs(&txids(0..6)));
    assert_eq!(fake.urls(), vec![tx_url(0), tx_url(1)]);
    assert!(results[..2].iter().all(Result::is_ok));
    assert!(results[2..].iter().all(|r| *r == Err(ExplorerError::Cancelled)));
    let progress = scheduler.progress();
    assert_eq!((progress.done, progress.queued, progress.in_flight), (2, 0, 0));

    // A cancelled scheduler stays cancelled, but cached answers still come back.
    let again = block_on(scheduler.txs(&txids([0, 5])));
    assert!(again[0].is_ok());
    assert_eq!(again[1], Err(ExplorerError::Cancelled));
    assert_eq!(fake.urls().len(), 2);
}

#[test]
fn a_resumed_scheduler_asks_only_for_what_the_cancelled_work_had_not_got() {
    let fake = Fake::default().with_txs(0..6, true);
    let scheduler = scheduler(&fake, config(1, 4.0));
    let token = scheduler.cancel_token();
    scheduler.set_progress_listener(Box::new(move |progress| {
        if progress.done == 2 {
            token.cancel();
        }
    }));
    block_on(scheduler.txs(&txids(0..6)));
    let stale = scheduler.cancel_token();
    scheduler.resume();
    assert!(stale.is_cancelled(), "an old token stays cancelled");
    assert!(!scheduler.cancel_token().is_cancelled());
    let results = block_on(scheduler.txs(&txids(0..6)));
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(fake.urls(), (0..6).map(tx_url).collect::<Vec<_>>());
    assert_eq!(scheduler.progress().cache_hits, 2);
}

#[test]
fn cancel_during_a_retry_wait_makes_no_further_request() {
    let fake = Fake::default().script(&tx_url(1), Ok(unavailable()));
    let scheduler = scheduler(&fake, config(1, 4.0));
    let token = scheduler.cancel_token();
    scheduler.set_progress_listener(Box::new(move |progress| {
        if progress.retries == 1 {
            token.cancel();
        }
    }));
    assert_eq!(block_on(scheduler.txs(&txids([1])))[0], Err(ExplorerError::Cancelled));
    assert_eq!(fake.urls().len(), 1);
    assert!(fake.sleeps().is_empty(), "slept {:?}", fake.sleeps());
}

// ---------------------------------------------------------------------------------------------
// Progress

#[test]
fn progress_counts_requests_and_cache_hits_and_ends_with_nothing_left() {
    let fake = Fake::default().with_txs(1..=5, true);
    let scheduler = scheduler(&fake, config(1, 4.0));
    block_on(scheduler.txs(&txids([1])));
    let reports = record_progress(&scheduler);
    block_on(scheduler.txs(&txids(1..=5)));
    let reports = reports.borrow();
    // One report when the batch is queued, then one per request.
    assert_eq!(reports.len(), 5);
    assert_eq!((reports[0].queued, reports[0].cache_hits, reports[0].done), (4, 1, 1));
    // Nothing slower than the rate has been seen: 4 left × 250 ms.
    assert_eq!(reports[0].eta_ms, Some(1000));
    let queued: Vec<usize> = reports.iter().map(|p| p.queued).collect();
    assert_eq!(queued, vec![4, 3, 2, 1, 0]);
    let etas: Vec<Option<u64>> = reports.iter().map(|p| p.eta_ms).collect();
    assert!(etas.windows(2).all(|pair| pair[1] < pair[0]), "{etas:?}");
    let last = *reports.last().unwrap();
    assert_eq!(
        last,
        Progress {
            done: 5,
            queued: 0,
            in_flight: 0,
            retries: 0,
            cache_hits: 1,
            requests: 5,
            eta_ms: Some(0),
            spends_via_history: 0,
        }
    );
}

#[test]
fn estimate_follows_observed_latency_when_slower_than_the_rate() {
    let fake = Fake {
        latency_ms: 2000.0,
        ..Fake::default()
    }
    .with_txs(1..=4, true);
    let scheduler = scheduler(&fake, config(1, 4.0));
    let reports = record_progress(&scheduler);
    block_on(scheduler.txs(&txids(1..=4)));
    let after_first = reports.borrow()[1];
    assert_eq!((after_first.done, after_first.queued), (1, 3));
    assert_eq!(after_first.eta_ms, Some(3 * 2000));
}

// ---------------------------------------------------------------------------------------------
// Address history

const ADDRESS: &str = "bc1qexchangehotwallet";

fn full_page(first: u32) -> String {
    let txs: Vec<String> = (first..first + 25).map(|n| tx_json(n, true)).collect();
    format!("[{}]", txs.join(","))
}

fn history_fake() -> Fake {
    // An address whose history never ends: every page is full.
    let mut fake = Fake::default().script(
        &format!("{BASE}/address/{ADDRESS}/txs"),
        Ok(HttpReply::json(full_page(0))),
    );
    for page in 1..40 {
        let after = txid(page * 25 - 1);
        fake = fake.script(
            &format!("{BASE}/address/{ADDRESS}/txs/chain/{after}"),
            Ok(HttpReply::json(full_page(page * 25))),
        );
    }
    fake
}

#[test]
fn history_of_a_huge_address_pages_only_up_to_max_txs() {
    let fake = history_fake();
    let scheduler = scheduler(&fake, config(4, 4.0));
    let history = block_on(scheduler.address_history(ADDRESS, 60)).unwrap();
    assert_eq!(history.txs.len(), 60);
    assert!(!history.complete);
    assert_eq!(fake.urls().len(), 3, "{:?}", fake.urls());
    // Confirmed txs from the pages are cached: expanding one costs nothing.
    block_on(scheduler.txs(&txids([3, 59])));
    assert_eq!(fake.urls().len(), 3);
}

#[test]
fn cancelled_history_makes_no_request() {
    let fake = history_fake();
    let scheduler = scheduler(&fake, config(4, 4.0));
    scheduler.cancel_token().cancel();
    assert_eq!(
        block_on(scheduler.address_history(ADDRESS, 60)),
        Err(ExplorerError::Cancelled)
    );
    assert!(fake.urls().is_empty());
}
