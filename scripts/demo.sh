#!/usr/bin/env bash
# Runs Spoor offline on a synthetic hack: builds the app, simulates a chain, and serves both
# from the explorer stand-in on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops it).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/install.sh
echo "== build the app (trunk, release) and the CLI"
trunk build --release
cargo build --release --locked --bin spoor
echo "== simulate a hack"
./target/release/spoor simulate --seed 1 --txs 1000 --out demo
THIEF=$(python3 -c 'import json;print(json.load(open("demo/scenario.json"))["thief_address"])')
PORT=${PORT:-8080}
echo
echo "   Open http://127.0.0.1:$PORT/ (it starts at the simulated thief, #/btc/address/$THIEF)"
echo "   (synthetic data: the stand-in answers the Esplora API from demo/chain.jsonl)"
echo
exec ./target/release/spoor serve-chain --chain demo/chain.jsonl --port "$PORT" --static dist \
  --labels demo/labels.csv --start "/btc/address/$THIEF"
