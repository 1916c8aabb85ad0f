//! The trace driver: resolves the start, then alternates "compute taint on what is fetched" with
//! "fetch, in batches, what the tainted outputs that should be followed lead to", until nothing
//! new is wanted or a limit is hit. Failed lookups do not abort: their taint becomes frontier.

use std::collections::BTreeSet;

use super::{
    compute, Direction, Outpoint, ResolvedStart, StopReason, TraceData, TraceError, TraceRequest, TraceResult,
    TraceStart,
};
use crate::chain::{Tx, Txid};
use crate::explorer::{ChainSource, ExplorerError};
use crate::labels::LabelBook;

/// How far a trace has got, reported after the start and after each fetch round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TraceProgress {
    /// Fetch rounds done (0 = just the start).
    pub round: u32,
    /// Transactions fetched so far (start included).
    pub txs: usize,
    /// Outspends fetched so far.
    pub outspends: usize,
    /// Lookups that failed so far.
    pub failures: usize,
    /// Individual lookups asked so far.
    pub lookups: usize,
    /// Transactions that received taint so far.
    pub tainted_txs: usize,
}

/// Runs a trace against `source`: returns the fetched data (to recompute with another method
/// via [`compute`]) and the result for the requested method.
///
/// # Errors
/// Only when the start cannot be resolved ([`TraceError`]); later lookup failures are listed in
/// the result instead.
pub async fn run<S: ChainSource>(
    source: &S,
    request: &TraceRequest,
    labels: &LabelBook,
    mut on_progress: impl FnMut(TraceProgress),
) -> Result<(TraceData, TraceResult), TraceError> {
    let mut data = resolve(source, request).await?;
    let mut round = 0_u32;
    loop {
        let mut result = compute(&data, &data.start, request.method, &request.rules, labels);
        on_progress(progress(round, &data, &result));
        if not_fetched(&result).is_empty() {
            return Ok((data, result));
        }
        round = round.saturating_add(1);
        let before = fingerprint(&data);
        if fetch_outspends(source, &mut data, &not_fetched(&result)).await {
            // Recompute so that spenders past the hop limit are not fetched.
            result = compute(&data, &data.start, request.method, &request.rules, labels);
        }
        fetch_txs(source, &mut data, &not_fetched(&result), round, request.rules.max_txs).await;
        if fingerprint(&data) == before {
            // Nothing could be added: recompute once so the reasons reflect that, then stop.
            let result = compute(&data, &data.start, request.method, &request.rules, labels);
            return Ok((data, result));
        }
    }
}

/// The outputs whose taint waits for data that was not fetched yet.
fn not_fetched(result: &TraceResult) -> Vec<&Outpoint> {
    result
        .stops
        .iter()
        .filter(|stop| stop.reason == StopReason::NotFetched)
        .map(|stop| &stop.outpoint)
        .collect()
}

/// Counts that grow whenever a round adds anything.
fn fingerprint(data: &TraceData) -> (usize, usize, usize, usize, bool) {
    (
        data.txs.len(),
        data.outspends.len(),
        data.failed_txs.len(),
        data.failed_outspends.len(),
        data.limited,
    )
}

fn progress(round: u32, data: &TraceData, result: &TraceResult) -> TraceProgress {
    TraceProgress {
        round,
        txs: data.txs.len(),
        outspends: data.outspends.len(),
        failures: data.failed_txs.len() + data.failed_outspends.len(),
        lookups: data.lookups,
        tainted_txs: result.traced_txs.len(),
    }
}

/// Forward: one batched outspends call for the txs of `not_fetched` outputs whose spends are
/// unknown. Returns whether anything was asked.
async fn fetch_outspends<S: ChainSource>(source: &S, data: &mut TraceData, not_fetched: &[&Outpoint]) -> bool {
    if data.start.direction != Direction::Forward {
        return false;
    }
    let wanted: Vec<Txid> = not_fetched
        .iter()
        .map(|op| &op.txid)
        .filter(|t| !data.outspends.contains_key(*t) && !data.failed_outspends.contains_key(*t))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .cloned()
        .collect();
    if wanted.is_empty() {
        return false;
    }
    let answers = source.outspends(&wanted).await;
    data.lookups = data.lookups.saturating_add(wanted.len());
    for (txid, answer) in wanted.into_iter().zip(padded(answers)) {
        match answer {
            Ok(spends) => data.insert_outspends(txid, spends),
            Err(error) => {
                data.failed_outspends.insert(txid, error);
            }
        }
    }
    true
}

/// One batched txs call for the txs that `not_fetched` outputs flow into (forward: their known
/// spenders; backward: their creators), at most the remaining transaction budget.
async fn fetch_txs<S: ChainSource>(
    source: &S,
    data: &mut TraceData,
    not_fetched: &[&Outpoint],
    round: u32,
    max_txs: usize,
) {
    let mut wanted: BTreeSet<Txid> = BTreeSet::new();
    for outpoint in not_fetched {
        let next = match data.start.direction {
            Direction::Backward => Some(outpoint.txid.clone()),
            Direction::Forward => data
                .outspends
                .get(&outpoint.txid)
                .and_then(|spends| spends.get(usize::try_from(outpoint.vout).ok()?)?.as_ref())
                .map(|spend| spend.txid.clone()),
        };
        if let Some(txid) = next.filter(|t| !data.txs.contains_key(t) && !data.failed_txs.contains_key(t)) {
            wanted.insert(txid);
        }
    }
    // Outspends are always fetched (they tell unspent from frontier); only txs count to the limit.
    let budget = max_txs.saturating_sub(data.fetched_beyond_start());
    if wanted.len() > budget {
        data.limited = true;
    }
    let wanted: Vec<Txid> = wanted.into_iter().take(budget).collect();
    if wanted.is_empty() {
        return;
    }
    let answers = source.txs(&wanted).await;
    data.lookups = data.lookups.saturating_add(wanted.len());
    for (txid, answer) in wanted.into_iter().zip(padded(answers)) {
        match answer {
            Ok(tx) => data.insert_tx(tx, round),
            Err(error) => {
                data.failed_txs.insert(txid, error);
            }
        }
    }
}

/// The answers followed by endless "no answer" errors, so a short reply cannot lose a lookup.
fn padded<T>(answers: Vec<Result<T, ExplorerError>>) -> impl Iterator<Item = Result<T, ExplorerError>> {
    answers
        .into_iter()
        .map(Some)
        .chain(std::iter::repeat_with(|| None))
        .map(|answer| {
            answer.unwrap_or_else(|| {
                Err(ExplorerError::Unreachable {
                    reason: "the chain source gave no answer for this lookup".to_string(),
                })
            })
        })
}

/// Loads what the start needs and finds its source outputs.
async fn resolve<S: ChainSource>(source: &S, request: &TraceRequest) -> Result<TraceData, TraceError> {
    let direction = request.direction;
    let (data, what) = match &request.start {
        TraceStart::Address(address) => {
            let history = source
                .address_history(address, request.max_history_txs)
                .await
                .map_err(|source| TraceError::History {
                    address: address.clone(),
                    source,
                })?;
            let start = ResolvedStart::from_address_history(direction, address, &history.txs);
            let mut data = TraceData::new(start);
            data.history_complete = history.complete;
            data.lookups = 1;
            for tx in history.txs {
                data.insert_tx(tx, 0);
            }
            (data, address.clone())
        }
        TraceStart::Tx(txid) => {
            let txs = start_txs(source, std::slice::from_ref(txid)).await?;
            let mut data = TraceData::new(ResolvedStart {
                direction,
                ..ResolvedStart::default()
            });
            for tx in txs {
                data.start = ResolvedStart::from_tx(direction, &tx);
                data.insert_tx(tx, 0);
            }
            data.lookups = 1;
            (data, txid.to_string())
        }
        TraceStart::Outpoints(outpoints) => {
            let txids: Vec<Txid> = outpoints
                .iter()
                .map(|op| op.txid.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let mut data = TraceData::new(ResolvedStart {
                direction,
                ..ResolvedStart::default()
            });
            data.lookups = txids.len();
            for tx in start_txs(source, &txids).await? {
                data.insert_tx(tx, 0);
            }
            for op in outpoints {
                let value = data
                    .txs
                    .get(&op.txid)
                    .and_then(|tx| tx.outputs.get(usize::try_from(op.vout).ok()?))
                    .map(|output| output.value_sats)
                    .ok_or_else(|| TraceError::NoSuchOutput {
                        txid: op.txid.clone(),
                        vout: op.vout,
                    })?;
                data.start.sources.insert(op.clone(), value);
            }
            let what = outpoints.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            (data, what)
        }
    };
    if data.start.total_sats().to_u64() == 0 {
        return Err(TraceError::NothingToTrace { what });
    }
    Ok(data)
}

/// Fetches the start txs; any failure is fatal (their values define the source).
async fn start_txs<S: ChainSource>(source: &S, txids: &[Txid]) -> Result<Vec<Tx>, TraceError> {
    let answers = source.txs(txids).await;
    txids
        .iter()
        .zip(padded(answers))
        .map(|(txid, answer)| {
            answer.map_err(|source| TraceError::StartTx {
                txid: txid.clone(),
                source,
            })
        })
        .collect()
}
