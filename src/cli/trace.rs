//! `spoor trace`: fetch an address or a transaction, follow its outputs a number of hops, and
//! print the flows with txids, block heights and amounts (so every figure can be checked).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::http::UreqTransport;
use super::TraceArgs;
use crate::chain::{parse_query, Chain, Query, Tx, Txid};
use crate::explorer::{block_on, EsploraClient, RetryPolicy};
use crate::flow::{FlowGraph, HistoryState};
use crate::format;

/// Most transactions one address history loads from the CLI.
const MAX_HISTORY_TXS: usize = 5_000;

pub fn run(args: &TraceArgs) -> Result<(), String> {
    let chain = Chain::from_code(&args.chain).ok_or_else(|| format!("unknown chain {:?}", args.chain))?;
    let query = parse_query(chain, &args.target).map_err(|err| err.to_string())?;
    let client = EsploraClient::new(&args.api, UreqTransport::new(), RetryPolicy::default());
    let tip_height = block_on(client.tip_height()).map_err(|err| err.to_string())?;
    println!(
        "explorer {} at block {}",
        args.api,
        format::group(u64::from(tip_height))
    );
    if let Query::Address(address) = &query {
        let summary = block_on(client.address_summary(address.as_str())).map_err(|err| err.to_string())?;
        println!(
            "{address}: {} transactions, received {}, sent {}, balance {}",
            summary.tx_count(),
            format::coins(summary.received_sats, chain),
            format::coins(summary.sent_sats, chain),
            format::coins(summary.balance_sats, chain)
        );
    }
    let graph = block_on(trace(&client, &query, args.hops))?;
    print!("{}", report(&graph, &query, chain));
    Ok(())
}

/// Loads the target, then `hops` rounds of "where did the outputs go".
async fn trace<T: crate::explorer::Transport>(
    client: &EsploraClient<T>,
    query: &Query,
    hops: u32,
) -> Result<FlowGraph, String> {
    let mut graph = FlowGraph::new();
    let mut frontier: Vec<Txid> = match query {
        Query::Address(address) => {
            let history = client
                .address_history(address.as_str(), MAX_HISTORY_TXS, |p| {
                    eprintln!("history of {address}: {} pages, {} txs", p.pages, p.txs);
                })
                .await
                .map_err(|err| err.to_string())?;
            let state = if history.complete {
                HistoryState::Complete
            } else {
                HistoryState::Partial {
                    txs_loaded: history.txs.len(),
                }
            };
            add_all(&mut graph, &history.txs);
            graph.set_history(address.as_str(), state);
            history.txs.iter().map(|tx| tx.txid.clone()).collect()
        }
        Query::Tx(txid) => {
            let tx = client.tx(txid).await.map_err(|err| err.to_string())?;
            graph.add_tx(&tx);
            vec![tx.txid]
        }
    };
    for hop in 1..=hops {
        let mut next = BTreeSet::new();
        for txid in &frontier {
            let spends = client.outspends(txid).await.map_err(|err| err.to_string())?;
            next.extend(
                spends
                    .into_iter()
                    .flatten()
                    .map(|s| s.txid)
                    .filter(|t| graph.tx(t).is_none()),
            );
        }
        eprintln!("hop {hop}: {} spending transactions", next.len());
        let mut fetched = Vec::new();
        for txid in &next {
            fetched.push(client.tx(txid).await.map_err(|err| err.to_string())?);
        }
        add_all(&mut graph, &fetched);
        frontier = next.into_iter().collect();
    }
    Ok(graph)
}

fn add_all(graph: &mut FlowGraph, txs: &[Tx]) {
    for tx in txs {
        graph.add_tx(tx);
    }
}

/// The printed report: counts, then one line per transaction, then conservation warnings.
fn report(graph: &FlowGraph, query: &Query, chain: Chain) -> String {
    let mut out = String::new();
    let target = match query {
        Query::Address(a) => a.as_str().to_string(),
        Query::Tx(t) => t.to_string(),
    };
    let _ = writeln!(
        out,
        "{target}: {} nodes, {} edges ({} transactions, {} addresses)",
        graph.node_count(),
        graph.edge_count(),
        graph.tx_count(),
        graph.address_count()
    );
    let mut txs: Vec<&Tx> = graph
        .nodes()
        .filter_map(|(_, node)| match node {
            crate::flow::FlowNode::Tx(t) => graph.tx(&t.txid),
            crate::flow::FlowNode::Address(_) => None,
        })
        .collect();
    txs.sort_by_key(|tx| (tx.status.height().unwrap_or(u32::MAX), tx.txid.clone()));
    for tx in txs {
        let _ = writeln!(
            out,
            "{}  {}  {} in → {} out ({} outputs)",
            tx.txid,
            format::status(&tx.status),
            tx.inputs.len(),
            format::coins(tx.output_total(), chain),
            tx.outputs.len()
        );
    }
    for warning in graph.warnings() {
        let _ = writeln!(out, "warning: {warning}");
    }
    out
}
