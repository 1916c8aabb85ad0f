#!/usr/bin/env bash
# Trace benchmark (issue 3); not part of the test suite. Simulates a hack with a 5,000-recipient
# fan-out, serves it from the stand-in with 100 ms latency and a 5 requests/s limit, runs
# `spoor trace --json` against it with the scheduler set to the same rate, and compares
#   requests made  with the lower bound (history pages + one /tx and one /outspends per tx fetched)
#   wall time      with requests ÷ rate.
# Goals: requests ≤ 1.1 × bound, time ≤ 1.2 × requests ÷ rate. Exit 1 if a goal is missed.
# Knobs (environment): TXS=3000 FANOUT=5000 RATE=5 LATENCY_MS=100 SEED=1 UNMATCHED=1 (also run once
# without --rate, i.e. a client that does not know the limit; informational, not a goal).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
TXS=${TXS:-3000} FANOUT=${FANOUT:-5000} RATE=${RATE:-5} LATENCY_MS=${LATENCY_MS:-100} SEED=${SEED:-1}
UNMATCHED=${UNMATCHED:-1}
OUT=target/bench-trace
SPOOR=./target/release/spoor

echo "== build (release)"
cargo build --release --locked --bin spoor
echo "== simulate: seed $SEED, $TXS txs, fan-out $FANOUT"
mkdir -p "$OUT"
rm -f "$OUT"/run-*.json "$OUT"/run-*.log "$OUT"/runs.tsv
"$SPOOR" simulate --seed "$SEED" --txs "$TXS" --fanout "$FANOUT" --out "$OUT" | cut -c1-200
# fact KEY: a value of scenario.json (the last one, for a list).
fact() {
  python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(v[-1] if isinstance(v, list) else v)' \
    "$OUT/scenario.json" "$1"
}
THIEF=$(fact thief_address)
SWEEP=$(fact exchange_sweep_txids)

echo "== serve: ${LATENCY_MS} ms latency, ${RATE}/s limit"
"$SPOOR" serve-chain --chain "$OUT/chain.jsonl" --port 0 --latency-ms "$LATENCY_MS" \
  --rate-limit "$RATE/s" > "$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q 'listening on' "$OUT/serve.log" && break; sleep 0.1; done
BASE=$(sed -n 's/^spoor serve-chain: listening on //p' "$OUT/serve.log" | head -1)
[ -n "$BASE" ] || { cat "$OUT/serve.log" >&2; exit 1; }

# run NAME GOAL ARGS…: one traced run, its wall time in ms appended to runs.tsv.
run() {
  local name=$1 goal=$2; shift 2
  echo "== run $name: spoor trace $*"
  sleep 1.2 # let the stand-in's token bucket refill between runs
  local t0 t1
  t0=$(date +%s%N)
  "$SPOOR" trace --api "$BASE/api" --labels "$OUT/labels.csv" --json "$@" \
    > "$OUT/run-$name.json" 2> "$OUT/run-$name.log"
  t1=$(date +%s%N)
  printf '%s\t%s\t%s\t%s\n' "$name" "$goal" "$(( (t1 - t0) / 1000000 ))" "$*" >> "$OUT/runs.tsv"
}
MATCHED=(--rate "$RATE" --in-flight "$RATE")
ALL=(--hops 100 --max-txs 10000)
run default goal --from-address "$THIEF" "${MATCHED[@]}"
run full goal --from-address "$THIEF" "${MATCHED[@]}" "${ALL[@]}"
run full-nostop goal --from-address "$THIEF" "${MATCHED[@]}" "${ALL[@]}" --stop none --method fifo --min-sats 0
run backward goal --from-tx "$SWEEP" --direction backward "${MATCHED[@]}" "${ALL[@]}" --stop none
if [ "$UNMATCHED" = 1 ]; then
  run unmatched info --from-address "$THIEF" "${ALL[@]}"
fi

echo "== results ($(date -u '+%Y-%m-%d %H:%M UTC'); rate $RATE/s, latency $LATENCY_MS ms)"
python3 scripts/bench-trace-table.py "$OUT" "$RATE"
