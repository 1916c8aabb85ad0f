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
echo "== simulate a hack on each of the Zaif coins (BTC, BCH, MONA)"
./target/release/spoor simulate --seed 1 --txs 1000 --out demo
./target/release/spoor simulate --coin bch --seed 2 --txs 600 --out demo/bch
./target/release/spoor simulate --coin mona --seed 3 --txs 600 --out demo/mona
thief() { python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["thief_address"])' "$1"; }
BTC_THIEF=$(thief demo/scenario.json)
BCH_THIEF=$(thief demo/bch/scenario.json)
MONA_THIEF=$(thief demo/mona/scenario.json)
PORT=${PORT:-8080}
echo
echo "   Open http://127.0.0.1:$PORT/ (it starts on the case gallery; the simulated hack is listed last)"
echo "   Bitcoin:      http://127.0.0.1:$PORT/#/btc/address/$BTC_THIEF"
echo "   Bitcoin Cash: http://127.0.0.1:$PORT/#/bch/address/$BCH_THIEF"
echo "   Monacoin:     http://127.0.0.1:$PORT/#/mona/address/$MONA_THIEF"
echo "   (synthetic data: the stand-in answers the Esplora API from demo/chain.jsonl and the"
echo "    Blockbook API of the other coins from demo/bch and demo/mona; the gallery's real cases"
echo "    are not on this chain, so their traces find nothing here)"
echo
exec ./target/release/spoor serve-chain --chain demo/chain.jsonl --port "$PORT" --static dist \
  --also-chain bch=demo/bch/chain.jsonl --also-chain mona=demo/mona/chain.jsonl \
  --labels demo/labels.csv --labels demo/bch/labels.csv --labels demo/mona/labels.csv \
  --demo-route "/btc/address/$BTC_THIEF" --demo-route "/bch/address/$BCH_THIEF" \
  --demo-route "/mona/address/$MONA_THIEF"
