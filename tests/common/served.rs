//! A simulated hack on disk, served by a `spoor serve-chain` child process for a test.
#![allow(dead_code)] // Each test crate uses a different subset.

use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;
use spoor::chain::{Chain, Tx};
use spoor::simulate::{simulate_on, Scenario, SimParams};

/// Kills the server when the test ends, also when it fails.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

/// A simulated hack on disk, served by a `spoor serve-chain` child.
/// The fields of `spoor trace --json` that say where the coins went (two runs of the same trace
/// must agree on them).
pub const TRACE_SUMMARY_KEYS: [&str; 9] = [
    "source_sats",
    "fees_sats",
    "unspent_sats",
    "frontier_sats",
    "below_minimum_sats",
    "by_entity",
    "traced_txs",
    "stops",
    "history_complete",
];

pub struct Served {
    pub scenario: Scenario,
    pub dir: PathBuf,
    /// The Esplora API (`<root>/api`).
    pub api: String,
    /// The server root: the Blockbook API's base (it answers `/api/v2/…`).
    pub root: String,
    _server: KillOnDrop,
}

impl Served {
    /// The simulated Bitcoin hack, served with the default options.
    pub fn start(name: &str) -> Served {
        Served::start_on(name, Chain::Btc, &[])
    }

    /// The simulated hack on `chain`, served with extra `serve-chain` options.
    pub fn start_on(name: &str, chain: Chain, server_args: &[&str]) -> Served {
        let scenario = simulate_on(
            chain,
            &SimParams {
                seed: 3,
                txs: 300,
                fanout: None,
                busy_txs: 0,
            },
        );
        let dir = std::env::temp_dir().join(format!("spoor-cli-trace-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("chain.jsonl"), scenario.chain_jsonl()).unwrap();
        std::fs::write(dir.join("labels.csv"), scenario.labels_csv()).unwrap();
        let mut server = KillOnDrop(
            Command::new(env!("CARGO_BIN_EXE_spoor"))
                .args(["serve-chain", "--port", "0", "--coin", chain.code(), "--chain"])
                .arg(dir.join("chain.jsonl"))
                .args(server_args)
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
        Served {
            scenario,
            dir,
            api: format!("{base}/api"),
            root: base,
            _server: server,
        }
    }

    pub fn labels_path(&self) -> String {
        self.dir.join("labels.csv").display().to_string()
    }

    /// `spoor trace --api <served> <args>` (the Esplora API; `args` may name another).
    pub fn trace(&self, args: &[&str]) -> Output {
        let api = if args.contains(&"--api") {
            &[][..]
        } else {
            &["--api", &self.api][..]
        };
        Command::new(env!("CARGO_BIN_EXE_spoor"))
            .arg("trace")
            .args(api)
            .args(args)
            .output()
            .unwrap()
    }

    /// `spoor trace … --json`, which must succeed.
    pub fn trace_json(&self, args: &[&str]) -> Value {
        let output = self.trace(&[args, &["--json"]].concat());
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_str(&stdout).unwrap_or_else(|err| panic!("{err}: {stdout}"))
    }

    pub fn txs(&self) -> Vec<Tx> {
        super::memory::scenario_txs(&self.scenario)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}
