//! `spoor simulate`: writes a deterministic synthetic hack to a directory.

use std::fs::{self, File};
use std::io::{BufWriter, Write as _};
use std::path::Path;

use crate::chain::Sats;
use crate::simulate::{simulate_on, Scenario, SimParams};

/// Simulates, writes `chain.jsonl`, `labels.csv` and `scenario.json` into `args.out`, prints a summary.
pub fn run(args: &super::SimulateArgs) -> Result<(), String> {
    let chain = super::trace::args::chain_of(&args.coin)?;
    let scenario = simulate_on(
        chain,
        &SimParams {
            seed: args.seed,
            txs: args.txs,
            fanout: args.fanout,
            busy_txs: args.busy_txs,
        },
    );
    let out = &args.out;
    fs::create_dir_all(out).map_err(|error| format!("cannot create {}: {error}", out.display()))?;
    write_chain(&out.join("chain.jsonl"), &scenario)?;
    write(&out.join("labels.csv"), &scenario.labels_csv())?;
    write(&out.join("scenario.json"), &scenario.facts_json())?;
    let facts = &scenario.facts;
    println!(
        "simulated {} txs (seed {}, heights {}–{}): {} {} stolen into {} by {} ({} inputs), {} peel hops, {} labels → {}",
        facts.tx_count,
        facts.seed,
        facts.first_height,
        facts.tip_height,
        Sats(facts.stolen_sats).to_coin_string_short(),
        chain.ticker(),
        facts.thief_address,
        facts.theft_txid,
        facts.theft_input_count,
        facts.peel_hop_count,
        scenario.labels.len(),
        out.display(),
    );
    Ok(())
}

/// Writes `text` to `path`, with the path in the error.
fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// Streams the chain file line by line (a 100,000-tx chain is ~230 MB of JSON).
fn write_chain(path: &Path, scenario: &Scenario) -> Result<(), String> {
    let fail = |error: std::io::Error| format!("cannot write {}: {error}", path.display());
    let mut file = BufWriter::new(File::create(path).map_err(fail)?);
    for line in scenario.chain_jsonl_lines() {
        file.write_all(line.as_bytes()).map_err(fail)?;
    }
    file.flush().map_err(fail)
}
