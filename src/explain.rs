//! Why Spoor marks a transaction the way it does: the heuristics' verdicts for one transaction of
//! the graph, with the graph as context (parents, spenders, loaded address histories), as
//! sentences with their sources for the tooltip and the side panel.

use crate::chain::{Chain, Tx, Txid};
use crate::flow::{FlowGraph, FlowNode, HistoryState, NodeKey};
use crate::heuristics::{detect_change, detect_coinjoin, peel_step, ChangeContext, Reason};

/// One explained verdict: the sentence and its source citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub text: String,
    pub source: &'static str,
}

impl Explanation {
    /// A heuristic's reason, its amounts in `chain`'s unit.
    fn of(reason: &Reason, chain: Chain) -> Explanation {
        Explanation {
            text: reason.text_in(chain),
            source: reason.heuristic.source(),
        }
    }
}

/// The heuristics' verdicts on `tx`: CoinJoin shape, likely change, peel-chain step.
#[must_use]
pub fn explain_tx(graph: &FlowGraph, tx: &Tx) -> Vec<Explanation> {
    let mut out = Vec::new();
    if let Some((_, reason)) = detect_coinjoin(tx) {
        out.push(Explanation::of(&reason, graph.chain()));
    }
    let first_seen = |address: &str, txid: &Txid| first_seen_in_graph(graph, address, txid);
    let verdict = detect_change(
        tx,
        &ChangeContext {
            first_seen: &first_seen,
        },
    );
    match verdict.change_vout {
        Some(vout) => {
            let heads = Explanation {
                text: format!("Output {vout} is likely change (it stays with the sender)."),
                source: "",
            };
            out.push(heads);
            out.extend(
                verdict
                    .reasons
                    .iter()
                    .map(|reason| Explanation::of(reason, graph.chain())),
            );
        }
        None if verdict.conflicting => {
            out.push(Explanation {
                text: "The change heuristics disagree; no output is marked as change.".into(),
                source: "",
            });
            out.extend(
                verdict
                    .reasons
                    .iter()
                    .map(|reason| Explanation::of(reason, graph.chain())),
            );
        }
        None => out.extend(
            verdict
                .reasons
                .iter()
                .map(|reason| Explanation::of(reason, graph.chain())),
        ),
    }
    let parent = tx.inputs.first().and_then(|i| graph.tx(i.prev_txid.as_ref()?));
    let children = spenders_in_graph(graph, tx);
    if let Some(step) = peel_step(tx, parent, &children) {
        out.push(Explanation::of(&step.reason, graph.chain()));
    }
    out
}

/// Whether `address` first appears in `txid`, known only when its whole history is loaded.
fn first_seen_in_graph(graph: &FlowGraph, address: &str, txid: &Txid) -> Option<bool> {
    let id = graph.id_of(&NodeKey::Address(address.to_string()))?;
    let Some(FlowNode::Address(node)) = graph.node(id) else {
        return None;
    };
    if node.history != HistoryState::Complete {
        return None;
    }
    // Newest first: the last one is where the address first appeared.
    graph.txs_of_address(address).last().map(|oldest| oldest.txid == *txid)
}

/// The transactions in the graph that spend an output of `tx`.
fn spenders_in_graph<'g>(graph: &'g FlowGraph, tx: &Tx) -> Vec<&'g Tx> {
    let mut spenders: Vec<&Tx> = Vec::new();
    for output in &tx.outputs {
        let Some(address) = &output.address else { continue };
        for candidate in graph.txs_of_address(address) {
            let spends = candidate.inputs.iter().any(|i| i.prev_txid.as_ref() == Some(&tx.txid));
            if spends && !spenders.iter().any(|s| s.txid == candidate.txid) {
                spenders.push(candidate);
            }
        }
    }
    spenders
}
