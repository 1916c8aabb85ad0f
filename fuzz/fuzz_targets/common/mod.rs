//! Checks shared by the targets that decode transactions (explorer replies, case files).

use spoor::chain::{Chain, Tx};
use spoor::flow::{check_conservation, FlowGraph};
use spoor::heuristics::{detect_change, detect_coinjoin, peel_step, ChangeContext};

/// What the app does with every decoded transaction must not panic, and the model must survive
/// the JSON a case file stores it in.
pub fn check_tx(chain: Chain, tx: &Tx) {
    let json = serde_json::to_string(tx).expect("a transaction serialises");
    let again: Tx = serde_json::from_str(&json).expect("a serialised transaction reads back");
    assert_eq!(&again, tx, "JSON round trip of {json}");

    let _ = check_conservation(tx);
    let _ = (tx.input_total(), tx.output_total().to_coin_string());
    let mut graph = FlowGraph::of_chain(chain);
    assert!(!graph.add_tx(tx).already_known);
    assert!(graph.add_tx(tx).already_known, "adding a tx twice changes nothing");
    let _ = detect_change(tx, &ChangeContext::without_history());
    let _ = detect_coinjoin(tx);
    let _ = peel_step(tx, None, &[]);
}
