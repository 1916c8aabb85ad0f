//! Fetch jobs: what the app asks the explorer for, and how each job turns into transactions.
//! Jobs run one at a time (the explorers rate-limit; serial fetches are the polite default).

use std::collections::BTreeSet;

use crate::chain::{Tx, Txid};
use crate::explorer::{EsploraClient, ExplorerError, Transport};
use crate::flow::HistoryState;

/// Most transactions one address-history job loads (40 pages of 25).
pub const MAX_HISTORY_TXS: usize = 1_000;
/// Most transactions one expand-inputs or expand-outputs job loads.
pub const MAX_EXPAND_TXS: usize = 50;

/// What to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobKind {
    /// All pages of an address's history.
    AddressHistory { address: String },
    /// One transaction.
    Tx { txid: Txid },
    /// The transactions that spend a transaction's outputs (one hop forward).
    SpendingTxs { txid: Txid },
    /// The transactions whose outputs a transaction spends (one hop back).
    FundingTxs { txid: Txid },
}

impl JobKind {
    /// A short description for the progress line.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            JobKind::AddressHistory { address } => format!("history of {address}"),
            JobKind::Tx { txid } => format!("transaction {}", txid.short()),
            JobKind::SpendingTxs { txid } => format!("where the outputs of {} went", txid.short()),
            JobKind::FundingTxs { txid } => format!("where the inputs of {} came from", txid.short()),
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
}

/// Progress inside one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JobProgress {
    pub requests: u32,
    pub txs: usize,
}

/// Runs one job. `known` are txids already in the graph (not fetched again).
pub async fn run<T: Transport>(
    client: &EsploraClient<T>,
    kind: &JobKind,
    known: &BTreeSet<Txid>,
    mut on_progress: impl FnMut(JobProgress),
) -> Result<JobOutput, ExplorerError> {
    match kind {
        JobKind::AddressHistory { address } => {
            let history = client
                .address_history(address, MAX_HISTORY_TXS, |p| {
                    on_progress(JobProgress {
                        requests: p.pages,
                        txs: p.txs,
                    });
                })
                .await?;
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
                txs: history.txs,
                history: Some((address.clone(), state)),
                note,
            })
        }
        JobKind::Tx { txid } => {
            let tx = client.tx(txid).await?;
            on_progress(JobProgress { requests: 1, txs: 1 });
            Ok(JobOutput {
                txs: vec![tx],
                history: None,
                note: None,
            })
        }
        JobKind::SpendingTxs { txid } => {
            let spends = client.outspends(txid).await?;
            let wanted: BTreeSet<Txid> = spends.into_iter().flatten().map(|s| s.txid).collect();
            fetch_many(client, wanted, known, 1, on_progress, "spending").await
        }
        JobKind::FundingTxs { txid } => {
            let tx = client.tx(txid).await?;
            let wanted: BTreeSet<Txid> = tx.inputs.iter().filter_map(|i| i.prev_txid.clone()).collect();
            let mut output = fetch_many(client, wanted, known, 1, on_progress, "funding").await?;
            output.txs.push(tx);
            Ok(output)
        }
    }
}

async fn fetch_many<T: Transport>(
    client: &EsploraClient<T>,
    wanted: BTreeSet<Txid>,
    known: &BTreeSet<Txid>,
    requests_so_far: u32,
    mut on_progress: impl FnMut(JobProgress),
    what: &str,
) -> Result<JobOutput, ExplorerError> {
    let missing: Vec<Txid> = wanted.difference(known).cloned().collect();
    let total = missing.len();
    let mut progress = JobProgress {
        requests: requests_so_far,
        txs: 0,
    };
    let mut txs = Vec::new();
    for txid in missing.iter().take(MAX_EXPAND_TXS) {
        txs.push(client.tx(txid).await?);
        progress.requests += 1;
        progress.txs += 1;
        on_progress(progress);
    }
    let note = (total > MAX_EXPAND_TXS)
        .then(|| format!("Loaded {MAX_EXPAND_TXS} of {total} {what} transactions; expand again for more."));
    Ok(JobOutput {
        txs,
        history: None,
        note,
    })
}
