//! `spoor trace` end to end on the native side: simulate a chain, serve it with `spoor
//! serve-chain`, trace the thief through the real ureq transport, and compare the printed counts
//! with a flow graph built directly from the same chain.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};

use spoor::explorer::esplora::decode::tx_from_dto;
use spoor::flow::FlowGraph;
use spoor::simulate::{simulate, SimParams};

/// Kills the server when the test ends, also when it fails.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

#[test]
fn trace_prints_the_counts_of_the_thief_history_plus_one_hop() {
    let scenario = simulate(&SimParams {
        seed: 3,
        txs: 300,
        fanout: None,
    });
    let dir = std::env::temp_dir().join(format!("spoor-cli-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let chain_file = dir.join("chain.jsonl");
    std::fs::write(&chain_file, scenario.chain_jsonl()).unwrap();

    let mut server = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_spoor"))
            .args(["serve-chain", "--port", "0", "--chain"])
            .arg(&chain_file)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("spoor serve-chain: listening on ")
        .unwrap()
        .to_string();

    let thief = scenario.facts.thief_address.clone();
    let output = Command::new(env!("CARGO_BIN_EXE_spoor"))
        .args(["trace", &thief, "--hops", "1", "--api", &format!("{base}/api")])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // The same trace computed straight from the chain: history, then every spender of it.
    let txs: Vec<_> = scenario
        .txs
        .iter()
        .map(|dto| tx_from_dto(dto.clone()).unwrap())
        .collect();
    let touches = |tx: &spoor::chain::Tx| {
        tx.outputs.iter().any(|o| o.address.as_deref() == Some(&thief))
            || tx
                .inputs
                .iter()
                .any(|i| i.prevout.as_ref().and_then(|p| p.address.as_deref()) == Some(&thief))
    };
    let history: BTreeSet<_> = txs.iter().filter(|tx| touches(tx)).map(|tx| tx.txid.clone()).collect();
    let mut graph = FlowGraph::new();
    for tx in &txs {
        let spends_history = tx
            .inputs
            .iter()
            .any(|i| i.prev_txid.as_ref().is_some_and(|p| history.contains(p)));
        if history.contains(&tx.txid) || spends_history {
            graph.add_tx(tx);
        }
    }
    let expected = format!(
        "{thief}: {} nodes, {} edges ({} transactions, {} addresses)",
        graph.node_count(),
        graph.edge_count(),
        graph.tx_count(),
        graph.address_count()
    );
    assert!(stdout.contains(&expected), "expected {expected:?} in:\n{stdout}");
    assert!(
        stdout.contains(&format!("{thief}: {} transactions", history.len())),
        "{stdout}"
    );
    assert!(stdout.contains(&scenario.facts.theft_txid), "{stdout}");
    std::fs::remove_dir_all(&dir).ok();
}
