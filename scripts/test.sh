#!/usr/bin/env bash
# Installs what is missing, then runs every test layer:
#   1. native: cargo test (unit, integration, property and doc tests)
#   2. browser: wasm-bindgen-test in headless Chromium, against the explorer stand-in
#   3. end-to-end: playwright-core in headless Chromium against the built dist/ and the stand-in
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
T0=$(date +%s); step() { echo "== [$(( $(date +%s) - T0 ))s] $*"; }

step "install"
bash scripts/install.sh

step "layer 1: native tests"
cargo test --locked

step "synthetic chain for the browser layers"
cargo build --locked --bin spoor
OUT="$ROOT/target/test-chain"
./target/debug/spoor simulate --seed 7 --txs 600 --out "$OUT"
# e2e/scale.test.mjs: a thief whose fan-out pays 50,000 addresses (a ~50k-node graph).
SCALE_OUT="$ROOT/target/test-chain-50k"
./target/debug/spoor simulate --seed 3 --txs 1500 --fanout 50000 --out "$SCALE_OUT"
# e2e/limits.test.mjs: an exchange hot wallet with 2,500 payments ("load more").
BUSY_OUT="$ROOT/target/test-chain-busy"
./target/debug/spoor simulate --seed 5 --txs 600 --busy-txs 2500 --out "$BUSY_OUT"

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

step "layer 2: wasm-bindgen-test in headless Chromium"
PORT=18765
./target/debug/spoor serve-chain --chain "$OUT/chain.jsonl" --port "$PORT" >/dev/null & PIDS+=($!)
wait_for_port "$PORT"
SPOOR_TEST_API="http://127.0.0.1:$PORT/api" \
SPOOR_TEST_ADDRESS=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["thief_address"])' "$OUT/scenario.json") \
SPOOR_TEST_TXID=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["theft_txids"][0])' "$OUT/scenario.json") \
WASM_BINDGEN_TEST_TIMEOUT=120 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked --target wasm32-unknown-unknown --test browser

step "build the app (trunk, release)"
trunk build --release

# One test file at a time: on two cores, parallel Chromiums make timing-sensitive waits flaky.
step "layer 3: end-to-end in headless Chromium"
(cd e2e && SPOOR_BIN="$ROOT/target/debug/spoor" SPOOR_DIST="$ROOT/dist" SPOOR_CHAIN_DIR="$OUT" \
  SPOOR_SCALE_CHAIN_DIR="$SCALE_OUT" SPOOR_BUSY_CHAIN_DIR="$BUSY_OUT" node --test --test-concurrency=1)
step "all layers passed"
