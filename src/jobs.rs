//! Fetch jobs: what the app asks the explorer for, and how each job turns into transactions.
//! Jobs run one at a time through the page's [`Scheduler`](crate::explorer::Scheduler), which
//! deduplicates, caches, spaces and retries the requests underneath.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::chain::{Tx, Txid};
use crate::explorer::{ChainSource, ExplorerError};
use crate::i18n::Lang;
use crate::tr;

use crate::flow::HistoryState;
use crate::labels::LabelBook;
use crate::permalink::{Expansion, TraceView};
use crate::route::Target;
use crate::trace::{self, Direction, TraceData, TraceError, TraceRequest, TraceResult, TraceStart};

/// Transactions an address-history job loads first, and each "load more" adds (40 pages of 25).
pub const MAX_HISTORY_TXS: usize = 1_000;
/// Most transactions an address history reaches by loading more (100 steps).
pub use crate::explorer::HISTORY_LIMIT;
/// Transactions an expand-inputs or expand-outputs job loads first, and each repeat adds.
pub const MAX_EXPAND_TXS: usize = 50;
/// Most transactions one expansion reaches by repeats (a 20,000-output fan-out is shown folded).
pub const EXPAND_LIMIT: usize = 5_000;

/// What to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobKind {
    /// The chain tip: a new view is pinned to it, so it shows the same thing as the chain grows.
    Tip,
    /// The newest `max_txs` transactions of an address's history.
    AddressHistory { address: String, max_txs: usize },
    /// One transaction.
    Tx { txid: Txid },
    /// The transactions that spend a transaction's outputs (one hop forward): the first
    /// `max_txs` of them in txid order, so a link replays the same ones.
    SpendingTxs { txid: Txid, max_txs: usize },
    /// The transactions whose outputs a transaction spends (one hop back), likewise.
    FundingTxs { txid: Txid, max_txs: usize },
    /// A taint trace (issue 3's engine): follows tainted outputs hop by hop.
    Trace(Box<TraceRequest>),
}

impl JobKind {
    /// A short description for the progress line, in `lang` (the CLI's is `Lang::En`).
    #[must_use]
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            JobKind::Tip => tr!(lang, "jobs.tip"),
            JobKind::AddressHistory { address, max_txs } if *max_txs > MAX_HISTORY_TXS => tr!(
                lang,
                "jobs.history_more",
                address = address,
                count = crate::i18n::group(lang, *max_txs as u64)
            ),
            JobKind::AddressHistory { address, .. } => tr!(lang, "jobs.history", address = address),
            JobKind::Tx { txid } => tr!(lang, "jobs.tx", txid = txid.short()),
            JobKind::SpendingTxs { txid, .. } => tr!(lang, "jobs.spending", txid = txid.short()),
            JobKind::FundingTxs { txid, .. } => tr!(lang, "jobs.funding", txid = txid.short()),
            JobKind::Trace(request) => {
                let from = match &request.start {
                    TraceStart::Address(address) => address.clone(),
                    TraceStart::Tx(txid) => txid.short(),
                    TraceStart::Outpoints(outpoints) => {
                        tr!(
                            lang,
                            "jobs.outputs",
                            count = crate::i18n::group(lang, outpoints.len() as u64)
                        )
                    }
                };
                let method = request.method.code();
                match request.direction {
                    Direction::Forward => tr!(lang, "jobs.trace_forward", method = method, from = from),
                    Direction::Backward => tr!(lang, "jobs.trace_backward", method = method, from = from),
                }
            }
        }
    }
}

/// Why a job failed: the explorer's answer, or a trace that could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JobError {
    /// A lookup failed.
    #[error(transparent)]
    Explorer(#[from] ExplorerError),
    /// The trace could not resolve its start.
    #[error(transparent)]
    Trace(#[from] TraceError),
}

impl JobError {
    /// What went wrong, in `lang` (the `Display` text is the English one).
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            JobError::Explorer(err) => err.message(lang),
            JobError::Trace(err) => err.message(lang),
        }
    }

    /// Whether no reply came at all (offline, or a browser blocking an explorer without CORS).
    #[must_use]
    pub fn is_unreachable(&self) -> bool {
        let explorer = match self {
            JobError::Explorer(err) => Some(err),
            JobError::Trace(err) => err.explorer_error(),
        };
        matches!(explorer, Some(ExplorerError::Unreachable { .. }))
    }
}

/// Something the reader should know about a finished job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobNote {
    /// The explorer knows no transactions of the address.
    NoTransactions { address: String },
    /// Only the newest `loaded` transactions of the address were loaded (the cap).
    NewestOnly { loaded: usize, address: String },
    /// An expansion loaded `loaded` of `total` transactions.
    ExpandCapped {
        loaded: usize,
        total: usize,
        /// Spending (forward) or funding (backward) transactions.
        direction: Direction,
    },
    /// Trace lookups failed or were cancelled; their taint is counted as frontier.
    LookupsFailed { count: usize },
}

impl JobNote {
    /// The note in `lang` (the `Display` text is the English one).
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        let count = |n: usize| crate::i18n::group(lang, n as u64);
        match self {
            JobNote::NoTransactions { address } => tr!(lang, "jobs.no_transactions", address = address),
            JobNote::NewestOnly { loaded, address } if *loaded >= HISTORY_LIMIT => {
                tr!(
                    lang,
                    "jobs.newest_only_at_limit",
                    count = count(*loaded),
                    address = address
                )
            }
            JobNote::NewestOnly { loaded, address } => {
                tr!(lang, "jobs.newest_only", count = count(*loaded), address = address)
            }
            JobNote::ExpandCapped {
                loaded,
                total,
                direction: Direction::Forward,
            } => tr!(
                lang,
                "jobs.spending_capped",
                loaded = count(*loaded),
                total = count(*total)
            ),
            JobNote::ExpandCapped {
                loaded,
                total,
                direction: Direction::Backward,
            } => tr!(
                lang,
                "jobs.funding_capped",
                loaded = count(*loaded),
                total = count(*total)
            ),
            JobNote::LookupsFailed { count: failed } => tr!(lang, "jobs.lookups_failed", count = count(*failed)),
        }
    }
}

impl JobNote {
    /// Whether this note is news about the same thing as `earlier` (a history loaded further),
    /// so `earlier` no longer holds.
    #[must_use]
    pub fn supersedes(&self, earlier: &JobNote) -> bool {
        match (self, earlier) {
            (JobNote::NewestOnly { address: a, .. }, JobNote::NewestOnly { address: b, .. }) => a == b,
            _ => false,
        }
    }
}

impl std::fmt::Display for JobNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl JobKind {
    /// The trace a view shows, from its target: the page and `spoor snapshot` must ask exactly
    /// the same, or a snapshot would not hold the answers its view needs.
    #[must_use]
    pub fn trace_of(target: &Target, trace: &TraceView) -> JobKind {
        let start = match target {
            Target::Address(address) => TraceStart::Address(address.as_str().to_string()),
            Target::Tx(_, txid) => TraceStart::Tx(txid.clone()),
        };
        let mut rules = trace.rules();
        rules.chain = target.chain();
        JobKind::Trace(Box::new(TraceRequest {
            start,
            direction: trace.direction,
            method: trace.method,
            rules,
            max_history_txs: MAX_HISTORY_TXS,
        }))
    }

    /// The first job of a target: its history, or the transaction itself.
    #[must_use]
    pub fn open(target: &Target) -> JobKind {
        match target {
            Target::Address(address) => JobKind::history(address.as_str()),
            Target::Tx(_, txid) => JobKind::Tx { txid: txid.clone() },
        }
    }

    /// The first page of an address's history.
    #[must_use]
    pub fn history(address: &str) -> JobKind {
        JobKind::AddressHistory {
            address: address.to_string(),
            max_txs: MAX_HISTORY_TXS,
        }
    }

    /// The first spending transactions of a transaction's outputs.
    #[must_use]
    pub fn spending(txid: &Txid) -> JobKind {
        JobKind::SpendingTxs {
            txid: txid.clone(),
            max_txs: MAX_EXPAND_TXS,
        }
    }

    /// The first funding transactions of a transaction's inputs.
    #[must_use]
    pub fn funding(txid: &Txid) -> JobKind {
        JobKind::FundingTxs {
            txid: txid.clone(),
            max_txs: MAX_EXPAND_TXS,
        }
    }

    /// This job asked again of something already loaded up to `loaded`: the next page ("load
    /// more"), up to the limits; other jobs are unchanged.
    #[must_use]
    pub fn continued(self, loaded: usize) -> JobKind {
        let next = |max_txs: usize, step: usize, limit: usize| {
            if max_txs <= loaded {
                loaded.saturating_add(step).min(limit).max(max_txs)
            } else {
                max_txs
            }
        };
        match self {
            JobKind::AddressHistory { address, max_txs } => JobKind::AddressHistory {
                address,
                max_txs: next(max_txs, MAX_HISTORY_TXS, HISTORY_LIMIT),
            },
            JobKind::SpendingTxs { txid, max_txs } => JobKind::SpendingTxs {
                txid,
                max_txs: next(max_txs, MAX_EXPAND_TXS, EXPAND_LIMIT),
            },
            JobKind::FundingTxs { txid, max_txs } => JobKind::FundingTxs {
                txid,
                max_txs: next(max_txs, MAX_EXPAND_TXS, EXPAND_LIMIT),
            },
            other => other,
        }
    }

    /// The expansion a job records in a view, if it is one.
    #[must_use]
    pub fn expansion(&self) -> Option<Expansion> {
        let count = |max_txs: usize| u32::try_from(max_txs).unwrap_or(u32::MAX);
        match self {
            JobKind::AddressHistory { address, max_txs } => Some(Expansion::History {
                address: address.clone(),
                max_txs: count(*max_txs),
            }),
            JobKind::SpendingTxs { txid, max_txs } => Some(Expansion::Spenders {
                txid: txid.clone(),
                max_txs: count(*max_txs),
            }),
            JobKind::FundingTxs { txid, max_txs } => Some(Expansion::Funders {
                txid: txid.clone(),
                max_txs: count(*max_txs),
            }),
            JobKind::Tip | JobKind::Tx { .. } | JobKind::Trace(_) => None,
        }
    }

    /// The job that replays a view's expansion.
    #[must_use]
    pub fn of_expansion(expansion: &Expansion) -> JobKind {
        match expansion {
            Expansion::History { address, max_txs } => JobKind::AddressHistory {
                address: address.clone(),
                max_txs: *max_txs as usize,
            },
            Expansion::Spenders { txid, max_txs } => JobKind::SpendingTxs {
                txid: txid.clone(),
                max_txs: *max_txs as usize,
            },
            Expansion::Funders { txid, max_txs } => JobKind::FundingTxs {
                txid: txid.clone(),
                max_txs: *max_txs as usize,
            },
        }
    }
}

/// A queued or running job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: u64,
    /// Results of jobs from an earlier target are dropped.
    pub generation: u64,
    pub kind: JobKind,
}

/// What a finished job produced.
#[derive(Debug, Clone, PartialEq)]
pub struct JobOutput {
    pub txs: Vec<Tx>,
    /// For history jobs: the address and how much of its history is now known.
    pub history: Option<(String, HistoryState)>,
    /// Something the reader should know (e.g. a cap was reached).
    pub note: Option<JobNote>,
    /// For trace jobs: what was fetched (to recompute without refetching) and the result.
    pub trace: Option<TraceOutput>,
    /// For the tip job: the height to pin the view to.
    pub tip_height: Option<u32>,
}

impl JobOutput {
    /// Output carrying only transactions.
    #[must_use]
    pub fn of_txs(txs: Vec<Tx>) -> JobOutput {
        JobOutput {
            txs,
            history: None,
            note: None,
            trace: None,
            tip_height: None,
        }
    }
}

/// A finished trace as the state keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceOutput {
    pub request: TraceRequest,
    pub data: Rc<TraceData>,
    pub result: Rc<TraceResult>,
}

/// Runs one job. `known` are txids already in the graph (not fetched again).
pub async fn run<S: ChainSource>(
    source: &S,
    kind: &JobKind,
    known: &BTreeSet<Txid>,
    labels: &LabelBook,
) -> Result<JobOutput, JobError> {
    run_reusing(source, kind, known, labels, None).await
}

/// Runs one job like [`run`]; a trace first takes the transactions and outspends of `earlier`,
/// the data of an earlier trace of the same view (cancelled, or with lookups that failed after
/// their retries), and asks `source` only for the rest and for what failed: starting a trace
/// again resumes it, and it ends with exactly what an uninterrupted run gives.
pub async fn run_reusing<S: ChainSource>(
    source: &S,
    kind: &JobKind,
    known: &BTreeSet<Txid>,
    labels: &LabelBook,
    earlier: Option<&TraceData>,
) -> Result<JobOutput, JobError> {
    let JobKind::Trace(request) = kind else {
        return Ok(fetch(source, kind, known).await?);
    };
    let source = trace::Reuse::new(source, earlier);
    let (data, result) = trace::run(&source, request, labels, |_| {}).await?;
    let txs = data.txs.values().cloned().collect();
    let note = (!result.errors.is_empty()).then_some(JobNote::LookupsFailed {
        count: result.errors.len(),
    });
    let trace = TraceOutput {
        request: (**request).clone(),
        data: Rc::new(data),
        result: Rc::new(result),
    };
    Ok(JobOutput {
        note,
        trace: Some(trace),
        ..JobOutput::of_txs(txs)
    })
}

/// The plain fetch jobs (everything but a trace).
async fn fetch<S: ChainSource>(source: &S, kind: &JobKind, known: &BTreeSet<Txid>) -> Result<JobOutput, ExplorerError> {
    match kind {
        // A failure is shown like any other (often the explorer is unreachable); the jobs after it
        // still run, unpinned.
        JobKind::Tip => Ok(JobOutput {
            tip_height: Some(source.tip_height().await?),
            ..JobOutput::of_txs(Vec::new())
        }),
        JobKind::AddressHistory { address, max_txs } => {
            let history = source.address_history(address, *max_txs).await?;
            let state = if history.complete {
                HistoryState::Complete
            } else {
                HistoryState::Partial {
                    txs_loaded: history.txs.len(),
                }
            };
            let note = if history.txs.is_empty() {
                Some(JobNote::NoTransactions {
                    address: address.clone(),
                })
            } else if history.complete {
                None
            } else {
                Some(JobNote::NewestOnly {
                    loaded: history.txs.len(),
                    address: address.clone(),
                })
            };
            Ok(JobOutput {
                history: Some((address.clone(), state)),
                note,
                ..JobOutput::of_txs(history.txs)
            })
        }
        JobKind::Tx { txid } => {
            let tx = first(source.txs(std::slice::from_ref(txid)).await)?;
            Ok(JobOutput::of_txs(vec![tx]))
        }
        JobKind::SpendingTxs { txid, max_txs } => {
            let spends = first(source.outspends(std::slice::from_ref(txid)).await)?;
            let wanted: BTreeSet<Txid> = spends.into_iter().flatten().map(|s| s.txid).collect();
            fetch_many(source, &wanted, *max_txs, known, Direction::Forward).await
        }
        JobKind::FundingTxs { txid, max_txs } => {
            let tx = first(source.txs(std::slice::from_ref(txid)).await)?;
            let wanted: BTreeSet<Txid> = tx.inputs.iter().filter_map(|i| i.prev_txid.clone()).collect();
            let mut output = fetch_many(source, &wanted, *max_txs, known, Direction::Backward).await?;
            output.txs.push(tx);
            Ok(output)
        }
        JobKind::Trace(_) => Err(ExplorerError::Decode {
            what: "a trace job".into(),
            reason: "sent to the plain fetch path".into(),
        }),
    }
}

fn first<T>(results: Vec<Result<T, ExplorerError>>) -> Result<T, ExplorerError> {
    results.into_iter().next().unwrap_or(Err(ExplorerError::Decode {
        what: "a batch of one".into(),
        reason: "no result".into(),
    }))
}

/// The first `max_txs` of `wanted` (in txid order, so the same every time), fetching the ones
/// not `known` yet.
async fn fetch_many<S: ChainSource>(
    source: &S,
    wanted: &BTreeSet<Txid>,
    max_txs: usize,
    known: &BTreeSet<Txid>,
    direction: Direction,
) -> Result<JobOutput, ExplorerError> {
    let missing: Vec<Txid> = wanted
        .iter()
        .take(max_txs)
        .filter(|txid| !known.contains(*txid))
        .cloned()
        .collect();
    let txs = source
        .txs(&missing)
        .await
        .into_iter()
        .collect::<Result<Vec<Tx>, ExplorerError>>()?;
    let note = (wanted.len() > max_txs).then_some(JobNote::ExpandCapped {
        loaded: max_txs,
        total: wanted.len(),
        direction,
    });
    Ok(JobOutput {
        note,
        ..JobOutput::of_txs(txs)
    })
}
