//! The graph in words, for screen readers (a canvas is a bitmap): a summary sentence and the
//! largest transfers, each with its txid and block so it can be checked.

use crate::flow::{EdgeKind, FlowGraph, FlowNode};
use crate::format;
use crate::labels::LabelBook;
use crate::trace::TraceResult;

/// How many transfers the list names (the largest first).
const MAX_TRANSFERS: usize = 25;

/// A summary and a list of sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextAlternative {
    pub summary: String,
    pub transfers: Vec<String>,
    /// Transfers not listed.
    pub more: usize,
}

/// Describes what the graph shows: with a trace, where the taint went; always the largest
/// payments from transactions to addresses (entity names instead of addresses where known).
#[must_use]
pub fn text_alternative(graph: &FlowGraph, trace: Option<&TraceResult>, labels: &LabelBook) -> TextAlternative {
    let name = |address: &str| match labels.labels_of(graph.chain(), address).first() {
        Some(label) => format!("{} ({address})", label.entity),
        None => address.to_string(),
    };
    let mut payments: Vec<(u64, String)> = graph
        .edges()
        .filter(|(_, _, edge)| edge.kind == EdgeKind::Output)
        .filter_map(|(from, to, edge)| {
            let (FlowNode::Tx(tx), FlowNode::Address(address)) = (graph.node(from)?, graph.node(to)?) else {
                return None;
            };
            let sentence = format!(
                "{} to {} in transaction {} ({})",
                format::coins(edge.value_sats, graph.chain()),
                name(&address.address),
                tx.txid,
                format::status(&tx.status)
            );
            Some((edge.value_sats.to_u64(), sentence))
        })
        .collect();
    // Largest first; ties in a fixed order so the text never changes between renders.
    payments.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let more = payments.len().saturating_sub(MAX_TRANSFERS);
    let transfers = payments.into_iter().take(MAX_TRANSFERS).map(|(_, s)| s).collect();
    let shape = format!(
        "The graph shows {} transactions and {} addresses.",
        graph.nodes().filter(|(_, n)| matches!(n, FlowNode::Tx(_))).count(),
        graph.nodes().filter(|(_, n)| matches!(n, FlowNode::Address(_))).count()
    );
    let summary = match trace {
        Some(trace) => {
            let s = &trace.summary;
            let coins = |sats| format::coins(sats, graph.chain());
            let entities: Vec<String> = s
                .by_entity
                .iter()
                .map(|(entity, taint)| format!("{} to {entity} ({})", coins(taint.sats), s.share_string(taint.sats)))
                .collect();
            let reached = if entities.is_empty() {
                "no labelled entity".to_string()
            } else {
                entities.join(", ")
            };
            format!(
                "{shape} A {} trace follows {}: {reached}; {} unspent; {} not followed further; {} to fees.",
                trace.method.code(),
                coins(s.source_sats),
                coins(s.unspent_sats),
                coins(s.frontier_sats + s.below_minimum_sats),
                coins(s.fees_sats)
            )
        }
        None => shape,
    };
    TextAlternative {
        summary,
        transfers,
        more,
    }
}
