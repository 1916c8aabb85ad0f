//! Why Spoor marks a transaction the way it does: the heuristics' verdicts for one transaction of
//! the graph, with the graph as context (parents, spenders, loaded address histories), as
//! sentences with their sources for the tooltip and the side panel.

use crate::chain::{Chain, Tx, Txid};
use crate::flow::{FlowGraph, FlowNode, HistoryState, NodeKey};
use crate::heuristics::{detect_change, detect_coinjoin, peel_step, ChangeContext, Reason};
use crate::i18n::Lang;

/// One explained verdict: the sentence and its source citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub text: String,
    pub source: &'static str,
}

impl Explanation {
    /// A heuristic's reason in `lang`, its amounts in `chain`'s unit.
    fn of(reason: &Reason, chain: Chain, lang: Lang) -> Explanation {
        Explanation {
            text: reason.text_for(chain, lang),
            source: reason.heuristic.source(),
        }
    }
}

/// The heuristics' verdicts on `tx` in English: CoinJoin shape, likely change, peel-chain step.
#[must_use]
pub fn explain_tx(graph: &FlowGraph, tx: &Tx) -> Vec<Explanation> {
    explain_tx_in(graph, tx, Lang::En)
}

/// The heuristics' verdicts on `tx` in `lang`: CoinJoin shape, likely change, peel-chain step.
#[must_use]
pub fn explain_tx_in(graph: &FlowGraph, tx: &Tx, lang: Lang) -> Vec<Explanation> {
    let of = |reason: &Reason| Explanation::of(reason, graph.chain(), lang);
    let mut out = Vec::new();
    if let Some((_, reason)) = detect_coinjoin(tx) {
        out.push(of(&reason));
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
                text: crate::tr!(lang, "explain.likely_change", vout = vout.to_string()),
                source: "",
            };
            out.push(heads);
            out.extend(verdict.reasons.iter().map(of));
        }
        None if verdict.conflicting => {
            out.push(Explanation {
                text: crate::tr!(lang, "explain.change_disagrees"),
                source: "",
            });
            out.extend(verdict.reasons.iter().map(of));
        }
        None => out.extend(verdict.reasons.iter().map(of)),
    }
    let parent = tx.inputs.first().and_then(|i| graph.tx(i.prev_txid.as_ref()?));
    let children = spenders_in_graph(graph, tx);
    if let Some(step) = peel_step(tx, parent, &children) {
        out.push(of(&step.reason));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::{Sats, TxInput, TxOutput, TxStatus};

    fn output(address: &str, value: u64) -> TxOutput {
        TxOutput {
            address: Some(address.to_string()),
            value_sats: Sats(value),
            script_type: "v0_p2wpkh".to_string(),
        }
    }

    /// Two inputs from `a` and `b`, paying `b` again (address reuse: output 1 is change).
    fn reuse_tx() -> Tx {
        let input = |n: u32, address: &str| TxInput {
            prev_txid: Some(Txid::parse(&format!("{n:064x}")).unwrap()),
            prev_vout: 0,
            prevout: Some(output(address, 60_000)),
        };
        Tx {
            txid: Txid::parse(&format!("{:064x}", 99)).unwrap(),
            inputs: vec![input(1, "a"), input(2, "b")],
            outputs: vec![output("c", 100_000), output("b", 19_000)],
            fee_sats: Sats(1_000),
            status: TxStatus::Unconfirmed,
        }
    }

    #[test]
    fn explanations_follow_the_language_and_keep_the_output_numbers() {
        let tx = reuse_tx();
        let mut graph = FlowGraph::new();
        graph.add_tx(&tx);
        let english = explain_tx(&graph, &tx);
        assert_eq!(english, explain_tx_in(&graph, &tx, Lang::En));
        assert_eq!(english[0].text, "Output 1 is likely change (it stays with the sender).");
        let german = explain_tx_in(&graph, &tx, Lang::De);
        assert_eq!(german.len(), english.len());
        assert_eq!(
            german[0].text,
            "Output 1 ist wahrscheinlich Wechselgeld (er bleibt beim Sender)."
        );
        assert!(german
            .iter()
            .zip(&english)
            .all(|(de, en)| de.text != en.text && de.source == en.source));
        let japanese = explain_tx_in(&graph, &tx, Lang::Ja);
        assert!(japanese[0].text.starts_with("出力 1 は"), "{}", japanese[0].text);
    }
}
