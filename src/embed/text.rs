//! The graph in words, for screen readers (a canvas is a bitmap): a summary sentence and the
//! largest transfers, each with its txid and block so it can be checked.

use crate::flow::{EdgeKind, FlowGraph, FlowNode};
use crate::i18n::{self, Lang};
use crate::labels::LabelBook;
use crate::tr;
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

/// Describes what the graph shows, in `lang`: with a trace, where the taint went; always the
/// largest payments from transactions to addresses (entity names instead of addresses where known).
#[must_use]
pub fn text_alternative(
    graph: &FlowGraph,
    trace: Option<&TraceResult>,
    labels: &LabelBook,
    lang: Lang,
) -> TextAlternative {
    let coins = |sats| i18n::coins(lang, sats, graph.chain());
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
            let sentence = tr!(
                lang,
                "text_alternative.transfer",
                amount = coins(edge.value_sats),
                to = name(&address.address),
                txid = tx.txid.to_string(),
                status = i18n::status(lang, &tx.status)
            );
            Some((edge.value_sats.to_u64(), sentence))
        })
        .collect();
    // Largest first; ties in a fixed order so the text never changes between renders.
    payments.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let more = payments.len().saturating_sub(MAX_TRANSFERS);
    let transfers = payments.into_iter().take(MAX_TRANSFERS).map(|(_, s)| s).collect();
    let count = |n: usize| n.to_string();
    let shape = tr!(
        lang,
        "text_alternative.shape",
        txs = count(graph.nodes().filter(|(_, n)| matches!(n, FlowNode::Tx(_))).count()),
        addresses = count(graph.nodes().filter(|(_, n)| matches!(n, FlowNode::Address(_))).count())
    );
    let summary = match trace {
        Some(trace) => {
            let s = &trace.summary;
            let entities: Vec<String> = s
                .by_entity
                .iter()
                .map(|(entity, taint)| {
                    tr!(
                        lang,
                        "text_alternative.to_entity",
                        amount = coins(taint.sats),
                        entity = entity,
                        share = i18n::percent_bp(lang, s.share_bp(taint.sats))
                    )
                })
                .collect();
            let reached = if entities.is_empty() {
                tr!(lang, "text_alternative.no_entity")
            } else {
                entities.join(&tr!(lang, "text_alternative.list_separator"))
            };
            tr!(
                lang,
                "text_alternative.trace",
                shape = shape,
                method = trace.method.code(),
                source = coins(s.source_sats),
                reached = reached,
                unspent = coins(s.unspent_sats),
                frontier = coins(s.frontier_sats + s.below_minimum_sats),
                fees = coins(s.fees_sats)
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
