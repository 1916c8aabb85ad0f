//! The transfers as CSV (RFC 4180): one row per transaction output, the source columns repeated
//! on every row so that any spreadsheet or script keeps them.

use std::collections::BTreeSet;

use super::fields::share_4dp;
use super::taint::output_taint;
use super::ExportMeta;
use crate::flow::FlowGraph;
use crate::format::iso_utc;
use crate::trace::{TaintMethod, TraceResult};

const HEADER: [&str; 12] = [
    "txid",
    "time_utc",
    "block_height",
    "from",
    "to",
    "amount_sats",
    // Named after the chain's unit: `amount_btc`, `amount_bch`, …
    "amount_",
    "taint_sats",
    "taint_share",
    "data_source",
    "pinned_height",
    "method",
];

/// One row per output of every transaction in `graph`, sorted by txid and vout, with CRLF line
/// ends. The amount is given in satoshis and in the chain's unit (`amount_btc`, `amount_bch`, …).
/// `from` lists the tx's input addresses (sorted, `;`-separated); `to` is empty for outputs
/// without an address (`OP_RETURN`). The taint columns are empty when no trace is given.
///
/// ```
/// use spoor::export::{transfers_csv, ExportMeta};
/// use spoor::flow::FlowGraph;
/// let meta = ExportMeta {
///     api_base_url: "https://mempool.space/api".into(),
///     pinned_height: None,
///     method: None,
///     target: "btc/tx/…".into(),
///     spoor_version: "0.1.0".into(),
///     title: "Empty".into(),
///     generated_at_secs: None,
/// };
/// let csv = transfers_csv(&FlowGraph::new(), None, &meta);
/// assert!(csv.starts_with("txid,time_utc,block_height,from,to,amount_sats,"));
/// assert_eq!(csv.lines().count(), 1);
/// ```
#[must_use]
pub fn transfers_csv(graph: &FlowGraph, taint: Option<&TraceResult>, meta: &ExportMeta) -> String {
    let mut txs = graph.txs();
    txs.sort_by(|a, b| a.txid.cmp(&b.txid));

    let pinned_height = meta.pinned_height.map(|h| h.to_string()).unwrap_or_default();
    let method = meta.method.map(TaintMethod::code).unwrap_or_default();
    let mut out = String::new();
    let unit_column = format!("amount_{}", graph.chain().ticker().to_ascii_lowercase());
    push_row(
        &mut out,
        HEADER.iter().map(|h| {
            if *h == "amount_" {
                unit_column.clone()
            } else {
                (*h).to_string()
            }
        }),
    );
    for tx in txs {
        let from: BTreeSet<&str> = tx
            .inputs
            .iter()
            .filter_map(|input| input.prevout.as_ref()?.address.as_deref())
            .collect();
        let from = from.into_iter().collect::<Vec<_>>().join(";");
        let time_utc = tx.status.time_secs().map(iso_utc).unwrap_or_default();
        let block_height = tx.status.height().map(|h| h.to_string()).unwrap_or_default();
        for (vout, output) in (0_u32..).zip(&tx.outputs) {
            let (taint_sats, taint_share) = match taint {
                Some(result) => {
                    let tainted = output_taint(result, &tx.txid, vout);
                    (tainted.to_u64().to_string(), share_4dp(tainted, output.value_sats))
                }
                None => (String::new(), String::new()),
            };
            push_row(
                &mut out,
                [
                    tx.txid.to_string(),
                    time_utc.clone(),
                    block_height.clone(),
                    from.clone(),
                    output.address.clone().unwrap_or_default(),
                    output.value_sats.to_u64().to_string(),
                    output.value_sats.to_coin_string(),
                    taint_sats,
                    taint_share,
                    meta.api_base_url.clone(),
                    pinned_height.clone(),
                    method.to_string(),
                ]
                .into_iter(),
            );
        }
    }
    out
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, &field);
    }
    out.push_str("\r\n");
}

/// Quotes a field holding a comma, a quote or a line break (quotes doubled). A field a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@` first: explorer data is untrusted) gets a leading `'`.
fn push_field(out: &mut String, field: &str) {
    let neutralised;
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        neutralised = format!("'{field}");
        neutralised.as_str()
    } else {
        field
    };
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(field: &str) -> String {
        let mut out = String::new();
        push_field(&mut out, field);
        out
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(written("plain"), "plain");
        assert_eq!(written("a,b"), "\"a,b\"");
        assert_eq!(written("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(written("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(written("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(written("@SUM(A1)"), "'@SUM(A1)");
    }
}
