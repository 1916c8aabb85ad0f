//! The native command line. Each subcommand lives in its own file; this one only parses and dispatches.

mod http;
mod serve;
mod simulate;
mod trace;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Spoor: shows where stolen cryptocurrency went.
#[derive(Debug, Parser)]
#[command(name = "spoor", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the Esplora REST API from a chain file (the offline explorer stand-in).
    ServeChain(ServeArgs),
    /// Write a deterministic synthetic hack: DIR/chain.jsonl, DIR/labels.csv, DIR/scenario.json.
    Simulate(SimulateArgs),
    /// Fetch an address or transaction from an Esplora API and print its flows.
    Trace(TraceArgs),
}

/// Options of `spoor serve-chain`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Chain file: JSON Lines, one Esplora `GET /tx/:txid` object per line.
    #[arg(long)]
    pub chain: PathBuf,
    /// TCP port on 127.0.0.1 (0 picks a free one; the chosen port is printed).
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// Path prefix of the API.
    #[arg(long, default_value = "/api")]
    pub api_prefix: String,
    /// Delay every API answer by this many milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Answer 429 beyond this many API requests per second (e.g. `4/s` or `4`).
    #[arg(long)]
    pub rate_limit: Option<String>,
    /// Answer a random share of API requests with 500 (0.0–1.0), reproducibly from --seed.
    #[arg(long, default_value_t = 0.0)]
    pub fail_rate: f64,
    /// Seed for --fail-rate.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also serve this directory (the built app) at `/`, with a config.json pointing at this server.
    #[arg(long = "static")]
    pub static_dir: Option<PathBuf>,
    /// Label CSV files to offer the app (served under /extra-labels/ and listed in config.json).
    #[arg(long = "labels")]
    pub labels: Vec<PathBuf>,
    /// The route the app opens when its URL names nothing, e.g. `/btc/address/<thief>`.
    #[arg(long)]
    pub start: Option<String>,
}

/// Options of `spoor simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// Seed: the same seed and size always give the same files, byte for byte.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Approximate number of transactions (about 1,000 by default; up to 100,000 and more).
    #[arg(long, default_value_t = 1000)]
    pub txs: usize,
    /// Output directory (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Recipients of the thief's fan-out transaction (default: scales with --txs, 30–400).
    #[arg(long)]
    pub fanout: Option<usize>,
}

/// Options of `spoor trace`.
#[derive(Debug, clap::Args)]
pub struct TraceArgs {
    /// An address or a txid.
    pub target: String,
    /// Esplora API base URL.
    #[arg(long, default_value = "https://mempool.space/api")]
    pub api: String,
    /// Chain code.
    #[arg(long, default_value = "btc")]
    pub chain: String,
    /// How many hops to follow forward from the target (0 = only its own transactions).
    #[arg(long, default_value_t = 0)]
    pub hops: u32,
}

/// Parses the command line and runs the subcommand; errors are printed in words, exit code 1.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::ServeChain(args) => serve::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Trace(args) => trace::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("spoor: {message}");
            ExitCode::FAILURE
        }
    }
}
