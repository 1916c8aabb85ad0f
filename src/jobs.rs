//! Fetch jobs: what the app asks the explorer for, and how each job turns into transactions.
//! Jobs run one at a time through the page's [`Scheduler`](crate::explorer::Scheduler), which
//! deduplicates, caches, spaces and retries the requests underneath.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::chain::{Tx, Txid};
use crate::explorer::{ChainSource, ExplorerError};

use crate::flow::HistoryState;
use crate::labels::LabelBook;
use crate::permalink::TraceView;
use crate::route::Target;
use crate::trace::{self, TraceData, TraceRequest, TraceResult, TraceStart};

/// Most transactions one address-history job loads (40 pages of 25).
pub const MAX_HISTORY_TXS: usize = 1_000;
/// Most transactions one expand-inputs or expand-outputs job loads.
pub const MAX_EXPAND_TXS: usize = 50;

/// What to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobKind {
    /// The chain tip: a new view is pinned to it, so it shows the same thing as the chain grows.
    Tip,
    /// All pages of an address's history.
    AddressHistory { address: String },
    /// One transaction.
    Tx { txid: Txid },
    /// The transactions that spend a transaction's outputs (one hop forward).
    SpendingTxs { txid: Txid },
    /// The transactions whose outputs a transaction spends (one hop back).
    FundingTxs { txid: Txid },
    /// A taint trace (issue 3's engine): follows tainted outputs hop by hop.
    Trace(Box<TraceRequest>),
}

impl JobKind {
    /// A short description for the progress line.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            JobKind::Tip => "chain tip".to_string(),
            JobKind::AddressHistory { address } => format!("history of {address}"),
            JobKind::Tx { txid } => format!("transaction {}", txid.short()),
            JobKind::SpendingTxs { txid } => format!("where the outputs of {} went", txid.short()),
            JobKind::FundingTxs { txid } => format!("where the inputs of {} came from", txid.short()),
            JobKind::Trace(request) => {
                let from = match &request.start {
                    TraceStart::Address(address) => address.clone(),
                    TraceStart::Tx(txid) => txid.short(),
                    TraceStart::Outpoints(outpoints) => format!("{} outputs", outpoints.len()),
                };
                format!(
                    "{} trace ({}) from {from}",
                    request.direction.code(),
                    request.method.code()
                )
            }
        }
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
            Target::Address(address) => JobKind::AddressHistory {
                address: address.as_str().to_string(),
            },
            Target::Tx(_, txid) => JobKind::Tx { txid: txid.clone() },
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
    pub note: Option<String>,
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
) -> Result<JobOutput, String> {
    let JobKind::Trace(request) = kind else {
        return fetch(source, kind, known).await.map_err(|err| err.to_string());
    };
    let (data, result) = trace::run(source, request, labels, |_| {})
        .await
        .map_err(|err| err.to_string())?;
    let txs = data.txs.values().cloned().collect();
    let note = (!result.errors.is_empty()).then(|| {
        format!(
            "{} lookups failed or were cancelled; their taint is counted as frontier.",
            result.errors.len()
        )
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
        JobKind::AddressHistory { address } => {
            let history = source.address_history(address, MAX_HISTORY_TXS).await?;
            let state = if history.complete {
                HistoryState::Complete
            } else {
                HistoryState::Partial {
                    txs_loaded: history.txs.len(),
                }
            };
            let note = if history.txs.is_empty() {
                Some(format!("The explorer knows no transactions of {address}."))
            } else if history.complete {
                None
            } else {
                Some(format!(
                    "Only the newest {} transactions of {address} were loaded.",
                    history.txs.len()
                ))
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
        JobKind::SpendingTxs { txid } => {
            let spends = first(source.outspends(std::slice::from_ref(txid)).await)?;
            let wanted: BTreeSet<Txid> = spends.into_iter().flatten().map(|s| s.txid).collect();
            fetch_many(source, &wanted, known, "spending").await
        }
        JobKind::FundingTxs { txid } => {
            let tx = first(source.txs(std::slice::from_ref(txid)).await)?;
            let wanted: BTreeSet<Txid> = tx.inputs.iter().filter_map(|i| i.prev_txid.clone()).collect();
            let mut output = fetch_many(source, &wanted, known, "funding").await?;
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

async fn fetch_many<S: ChainSource>(
    source: &S,
    wanted: &BTreeSet<Txid>,
    known: &BTreeSet<Txid>,
    what: &str,
) -> Result<JobOutput, ExplorerError> {
    let missing: Vec<Txid> = wanted.difference(known).take(MAX_EXPAND_TXS).cloned().collect();
    let total = wanted.difference(known).count();
    let txs = source
        .txs(&missing)
        .await
        .into_iter()
        .collect::<Result<Vec<Tx>, ExplorerError>>()?;
    let note = (total > MAX_EXPAND_TXS)
        .then(|| format!("Loaded {MAX_EXPAND_TXS} of {total} {what} transactions; expand again for more."));
    Ok(JobOutput {
        note,
        ..JobOutput::of_txs(txs)
    })
}
