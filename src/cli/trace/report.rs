//! The human summary of `spoor trace`: where the source went, bucket by bucket, in coins and as a
//! share of the source, then the counts a reader needs to judge it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::fetch_stats::FetchStats;
use crate::chain::{Chain, Sats};
use crate::format;
use crate::trace::{TaintMethod, TraceResult};

/// Fetch errors listed one by one before the rest are only counted.
const ERRORS_LISTED: usize = 5;

/// The summary printed on stdout.
#[must_use]
pub fn summary(result: &TraceResult, stats: &FetchStats, chain: Chain) -> String {
    let s = &result.summary;
    let mut out = String::new();
    let _ = writeln!(out, "{}", method_line(result.method, result.direction.code()));
    let mut rows: Vec<(String, Sats)> = vec![
        ("source".to_string(), s.source_sats),
        ("fees".to_string(), s.fees_sats),
        ("unspent".to_string(), s.unspent_sats),
    ];
    rows.extend(
        s.by_entity
            .iter()
            .map(|(name, e)| (format!("→ {name} ({})", e.category), e.sats)),
    );
    rows.push(("frontier".to_string(), s.frontier_sats));
    rows.push(("below minimum".to_string(), s.below_minimum_sats));
    let amounts: Vec<String> = rows.iter().map(|(_, sats)| format::coins(*sats, chain)).collect();
    let name_width = rows.iter().map(|(name, _)| name.chars().count()).max().unwrap_or(0);
    let amount_width = amounts.iter().map(|a| a.chars().count()).max().unwrap_or(0);
    for ((name, sats), amount) in rows.iter().zip(&amounts) {
        let _ = writeln!(
            out,
            "  {name:<name_width$}  {amount:>amount_width$}  {:>7}",
            s.share_string(*sats)
        );
    }
    if !result.history_complete {
        let _ = writeln!(
            out,
            "note: the start address's history was not loaded completely (raise --max-history-txs): \
             sources may be missing"
        );
    }
    let _ = writeln!(out, "traced txs: {}", result.traced_txs.len());
    let _ = writeln!(out, "stops: {}", stop_counts(result));
    let _ = writeln!(out, "fetch errors: {}", result.errors.len());
    for failure in result.errors.iter().take(ERRORS_LISTED) {
        let _ = writeln!(out, "  {:?} {}: {}", failure.kind, failure.txid.short(), failure.error);
    }
    if result.errors.len() > ERRORS_LISTED {
        let _ = writeln!(out, "  … and {} more", result.errors.len() - ERRORS_LISTED);
    }
    let _ = writeln!(out, "{}", requests_line(stats));
    out
}

/// Which method, and whether the lines below add up to the source.
fn method_line(method: TaintMethod, direction: &str) -> String {
    if method.conserves() {
        format!(
            "method {} ({direction}): conserves, so source = fees + unspent + entities + frontier + below minimum",
            method.code()
        )
    } else {
        format!(
            "method {} ({direction}): does NOT conserve: every output touched by taint counts in full, \
             so the lines below overlap and can add up to more than the source",
            method.code()
        )
    }
}

/// `12 entity, 3 hop_limit, …` (most frequent first, then by name).
fn stop_counts(result: &TraceResult) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for stop in &result.stops {
        *counts.entry(stop.reason.code()).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if counts.is_empty() {
        return "none".to_string();
    }
    counts
        .iter()
        .map(|(code, n)| format!("{n} {code}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `requests: 310 (lower bound 300, 2 retries) in 62.4 s; at most 5/s, so at least 62.0 s`.
fn requests_line(stats: &FetchStats) -> String {
    let mut line = format!(
        "requests: {} (lower bound {}: {} history pages + {} txs + {} outspends; {} retries) in {}",
        stats.requests,
        stats.lower_bound(),
        stats.history_pages,
        stats.tx_lookups,
        stats.outspends_lookups,
        stats.retries,
        seconds(stats.elapsed_ms)
    );
    if let Some(floor_ms) = stats.rate_floor_ms() {
        let _ = write!(
            line,
            "; at most {}/s, so at least {}",
            stats.config.max_per_second,
            seconds(floor_ms)
        );
    }
    line
}

/// `62.4 s`.
fn seconds(ms: u64) -> String {
    format!("{}.{} s", ms / 1000, (ms % 1000) / 100)
}
