//! The native command line. Each subcommand lives in its own file; this one only parses and dispatches.

mod bundled_labels;
mod fault_args;
mod http;
mod http_server;
mod labels;
mod serve;
mod simulate;
mod snapshot;
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
    /// Follow stolen coins from an address or tx outputs (poison, haircut or FIFO taint) and say where they went.
    Trace(TraceArgs),
    /// Write a case file: a traced view with every explorer answer it needs, pinned to a block,
    /// which the app opens (`?snapshot=<url>` or a dropped file) without asking any explorer.
    Snapshot(SnapshotArgs),
    /// Entity labels: every tag of an address (`lookup`), or rebuild the bundled label data (`bundle`).
    Labels(LabelsArgs),
}

/// Options of `spoor labels`.
#[derive(Debug, clap::Args)]
pub struct LabelsArgs {
    #[command(subcommand)]
    pub command: LabelsCommand,
}

/// What `spoor labels` does.
#[derive(Debug, Subcommand)]
pub enum LabelsCommand {
    /// Print every tag of an address (entity, category, source URL, dataset). Any form of the
    /// address is accepted (Bitcoin Cash cashaddr with or without `bitcoincash:`, or legacy).
    Lookup {
        /// btc, bch, ltc, doge or mona.
        chain: String,
        address: String,
        /// More label CSV files to look in, besides the bundled data.
        #[arg(long = "labels", value_name = "FILE.csv")]
        labels: Vec<PathBuf>,
        /// Leave the bundled label data out (only --labels files).
        #[arg(long)]
        no_bundled_labels: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Build the bundled label data (`<chain>.labels` + `index.json`) from label CSV files, each a
    /// dataset named by its file name and described in the --datasets file.
    Bundle {
        /// CSV `name,title,url,licence` describing each dataset, in the order tags are listed.
        #[arg(long, default_value = "data/label-datasets.csv")]
        datasets: PathBuf,
        /// Output directory.
        #[arg(long, default_value = "data/labels")]
        out: PathBuf,
        /// Label CSV files (`chain,address,entity,category,source_url`).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
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
    #[command(flatten)]
    pub faults: fault_args::FaultArgs,
    /// Also serve this directory (the built app) at `/`, with a config.json pointing at this server.
    #[arg(long = "static")]
    pub static_dir: Option<PathBuf>,
    /// Label CSV files to offer the app (served under /extra-labels/ and listed in config.json).
    #[arg(long = "labels")]
    pub labels: Vec<PathBuf>,
    /// The route the app opens when its URL names nothing, e.g. `/btc/address/<thief>`.
    #[arg(long)]
    pub start: Option<String>,
    /// A route of the synthetic demo case, listed last in the app's case gallery (e.g.
    /// `/btc/address/<simulated thief>`); repeat for each coin.
    #[arg(long = "demo-route", value_name = "ROUTE")]
    pub demo_routes: Vec<String>,
    /// The coin of the chain file (how addresses in requests are read): btc, bch, ltc, doge, mona.
    #[arg(long, default_value = "btc")]
    pub coin: String,
    /// Answer the Blockbook API like a server without a spending index (`-extendedindex` off):
    /// outputs say they are spent but not by whom.
    #[arg(long)]
    pub no_spending_index: bool,
    /// Also serve another coin's chain file, as `COIN=FILE` (e.g. `bch=bch/chain.jsonl`), under
    /// `/<coin><api-prefix>` (`/bch/api`, Blockbook at `/bch/api/v2`); repeat for several.
    #[arg(long = "also-chain", value_name = "COIN=FILE")]
    pub also_chains: Vec<String>,
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
    /// Customer payments into one busy exchange hot wallet (an address with thousands of
    /// transactions, paged with "load more"); 0 leaves it out.
    #[arg(long, default_value_t = 0)]
    pub busy_txs: usize,
    /// The coin whose addresses the chain uses: btc, bch, ltc, doge, mona.
    #[arg(long, default_value = "btc")]
    pub coin: String,
}

/// Options of `spoor trace`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("start").required(true).args(["from_address", "from_tx"])))]
pub struct TraceArgs {
    /// API base URL: Esplora's (ending in /api) or a Blockbook server's root.
    #[arg(long, default_value = "https://mempool.space/api")]
    pub api: String,
    /// Which API `--api` speaks.
    #[arg(long, default_value = "esplora", value_parser = ["esplora", "blockbook"])]
    pub api_kind: String,
    /// Trace the coins this address received (every output paying it, except its change to itself).
    #[arg(long, value_name = "ADDRESS")]
    pub from_address: Option<String>,
    /// Trace outputs of a transaction: `TXID` (all outputs) or `TXID:VOUT` (one; repeat for several).
    #[arg(long, value_name = "TXID[:VOUT]")]
    pub from_tx: Vec<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Most transactions fetched beyond the start.
    #[arg(long, default_value_t = crate::trace::StopRules::default().max_txs)]
    pub max_txs: usize,
    /// Do not follow into txs confirmed below this height.
    #[arg(long)]
    pub min_height: Option<u32>,
    /// Do not follow into txs confirmed above this height (or unconfirmed).
    #[arg(long)]
    pub max_height: Option<u32>,
    /// Label CSV files (`chain,address,entity,category,source_url`) besides the bundled label
    /// data; repeat for several.
    #[arg(long = "labels", value_name = "FILE.csv")]
    pub labels: Vec<PathBuf>,
    /// Leave the bundled label data (OFAC, GraphSense, …) out: only --labels files stop the trace.
    #[arg(long)]
    pub no_bundled_labels: bool,
    /// Print the result as one JSON object instead of the summary.
    #[arg(long)]
    pub json: bool,
    /// Chain code.
    #[arg(long, default_value = "btc")]
    pub chain: String,
    /// Most requests per second (default: 4 for public hosts, 1000 for localhost).
    #[arg(long, value_name = "N")]
    pub rate: Option<f64>,
    /// Most requests in flight at once (default: 4 for public hosts, 8 for localhost).
    #[arg(long, value_name = "K")]
    pub in_flight: Option<usize>,
    /// Most transactions of the start address's history loaded.
    #[arg(long, default_value_t = 10_000)]
    pub max_history_txs: usize,
    /// Give up on a request after this many milliseconds and retry it (default 20,000).
    #[arg(long, value_name = "MS")]
    pub request_timeout_ms: Option<u32>,
}

/// The trace options `spoor trace` and `spoor snapshot` share (what a view's trace carries).
#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    /// How taint passes through a tx: poison (does not conserve), haircut (pro rata) or fifo.
    #[arg(long, default_value = "haircut", value_parser = ["poison", "haircut", "fifo"])]
    pub method: String,
    /// Forward (where did the coins go) or backward (where did they come from).
    #[arg(long, default_value = "forward", value_parser = ["forward", "backward"])]
    pub direction: String,
    /// Deepest hop followed.
    #[arg(long, default_value_t = crate::trace::StopRules::default().max_hops)]
    pub hops: u32,
    /// Outputs carrying less taint than this many satoshis are not followed.
    #[arg(long, default_value_t = crate::trace::StopRules::default().min_taint_sats.to_u64())]
    pub min_sats: u64,
    /// Stop at addresses labelled with these categories (comma-separated; `none` for no stops).
    #[arg(long, default_value_t = trace::default_stop_codes())]
    pub stop: String,
}

/// Options of `spoor snapshot`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("start").required(true).args(["from_address", "from_tx"])))]
pub struct SnapshotArgs {
    /// API base URL: Esplora's (ending in /api) or a Blockbook server's root.
    #[arg(long, default_value = "https://mempool.space/api")]
    pub api: String,
    /// Which API `--api` speaks.
    #[arg(long, default_value = "esplora", value_parser = ["esplora", "blockbook"])]
    pub api_kind: String,
    /// Chain code: btc, bch, ltc, doge, mona.
    #[arg(long, default_value = "btc")]
    pub chain: String,
    /// Trace the coins this address received.
    #[arg(long, value_name = "ADDRESS")]
    pub from_address: Option<String>,
    /// Trace every output of this transaction.
    #[arg(long, value_name = "TXID")]
    pub from_tx: Option<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Label CSV files besides the bundled label data; the case keeps the labels of its own
    /// addresses.
    #[arg(long = "labels", value_name = "FILE.csv")]
    pub labels: Vec<PathBuf>,
    /// Leave the bundled label data (OFAC, GraphSense, …) out: only --labels files stop the trace.
    #[arg(long)]
    pub no_bundled_labels: bool,
    /// Pin the view to this block height (default: the explorer's tip now).
    #[arg(long)]
    pub height: Option<u32>,
    /// A title for people (default: names the start).
    #[arg(long)]
    pub title: Option<String>,
    /// Transactions of the address's history the case holds: the newest N, as if "Load 1,000
    /// more" was pressed (1,000 to 100,000).
    #[arg(long, value_name = "N", default_value_t = crate::jobs::MAX_HISTORY_TXS)]
    pub history_txs: usize,
    /// Where to write the case file.
    #[arg(long)]
    pub out: PathBuf,
    /// Most requests per second (default: 4 for public hosts, 1000 for localhost).
    #[arg(long, value_name = "N")]
    pub rate: Option<f64>,
    /// Most requests in flight at once (default: 4 for public hosts, 8 for localhost).
    #[arg(long, value_name = "K")]
    pub in_flight: Option<usize>,
}

/// Parses the command line and runs the subcommand; errors are printed in words, exit code 1.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::ServeChain(args) => serve::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Trace(args) => trace::run(args),
        Command::Snapshot(args) => snapshot::run(args),
        Command::Labels(args) => labels::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("spoor: {message}");
            ExitCode::FAILURE
        }
    }
}
