#!/usr/bin/env bash
# Writes the seed inputs of every fuzz target into fuzz/corpus/<target>/seed-*, from real data:
# the shared explorer samples (../shared/fixtures/explorer-samples), the repo's tests and label
# data, and answers of the explorer stand-in and `spoor snapshot` on small simulated chains.
# Run once by hand when the seeds should change (the fuzz build never reads ../shared); the
# result is committed. Needs python3, curl and the native CLI (built here if missing).
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT"
SHARED="$ROOT/../shared"
SAMPLES="$SHARED/fixtures/explorer-samples"
CORPUS="$ROOT/fuzz/corpus"
WORK="$ROOT/fuzz/target/seed-work"
rm -rf "$WORK" && mkdir -p "$WORK"
for t in address permalink esplora blockbook case_file labels_csv label_bundle; do mkdir -p "$CORPUS/$t"; done

[ -x target/debug/spoor ] || cargo build --locked --bin spoor
SPOOR="$ROOT/target/debug/spoor"

# Small simulated hacks: Bitcoin (Esplora) and Bitcoin Cash and Monacoin (Blockbook).
for coin in btc bch mona; do
  "$SPOOR" simulate --seed 5 --txs 80 --coin "$coin" --out "$WORK/$coin" >/dev/null
done
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
serve() { # coin port [flags]
  local coin=$1 port=$2; shift 2
  "$SPOOR" serve-chain --chain "$WORK/$coin/chain.jsonl" --coin "$coin" --port "$port" "$@" >/dev/null 2>&1 &
  PIDS+=($!)
  wait_for_port "$port"
}
serve btc 18931
serve bch 18932
serve mona 18933 --no-spending-index
scenario() { python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$WORK/$1/scenario.json" "$2"; }

# --- case_file: snapshots of traced views (two hops keep them small) --------------------------
"$SPOOR" snapshot --api http://127.0.0.1:18931/api --from-address "$(scenario btc thief_address)" \
  --hops 2 --title "Seed: BTC thief, 2 hops" --out "$CORPUS/case_file/seed-btc-address.json" 2>/dev/null
"$SPOOR" snapshot --api http://127.0.0.1:18931/api --from-tx "$(scenario btc theft_txid)" --method fifo \
  --hops 1 --title "Seed: BTC theft tx, FIFO" --out "$CORPUS/case_file/seed-btc-tx-fifo.json" 2>/dev/null
"$SPOOR" snapshot --api http://127.0.0.1:18932 --api-kind blockbook --chain bch \
  --from-address "$(scenario bch thief_address)" --hops 1 --method poison \
  --out "$CORPUS/case_file/seed-bch-blockbook.json" 2>/dev/null

# --- esplora: the shared samples and stand-in answers ------------------------------------------
for f in "$SAMPLES"/esplora/*.json; do install -m 0644 "$f" "$CORPUS/esplora/seed-$(basename "$f")"; done
BTC_TX=$(scenario btc theft_txid)
curl -sf "http://127.0.0.1:18931/api/tx/$BTC_TX/outspends" >"$CORPUS/esplora/seed-standin-outspends.json"
curl -sf "http://127.0.0.1:18931/api/blocks/tip/height" >"$CORPUS/esplora/seed-standin-tip-height.txt"
curl -sf "http://127.0.0.1:18931/api/address/$(scenario btc thief_address)/utxo" >"$CORPUS/esplora/seed-standin-utxo.json"
# A history page of three transactions from the simulated chain: the two smallest and a coinbase.
python3 - "$WORK/btc/chain.jsonl" "$CORPUS/esplora/seed-standin-history-page.json" <<'EOF'
import json, sys
txs = sorted((json.loads(line) for line in open(sys.argv[1])), key=lambda t: len(json.dumps(t)))
page = txs[:2] + [t for t in txs if any(v.get("is_coinbase") for v in t["vin"])][:1]
json.dump(page, open(sys.argv[2], "w"), indent=1)
EOF

# --- blockbook: the shared samples (the 2,014-page BCH history cut to its two smallest txs) ----
for f in "$SAMPLES"/blockbook/*.json; do install -m 0644 "$f" "$CORPUS/blockbook/seed-$(basename "$f")"; done
python3 - "$CORPUS/blockbook" <<'EOF'
import glob, json, os, sys
for path in glob.glob(os.path.join(sys.argv[1], "seed-address-txs-bch-*.json")):
    page = json.load(open(path))
    page["transactions"] = sorted(page["transactions"], key=lambda t: len(json.dumps(t)))[:2]
    json.dump(page, open(path, "w"), indent=1)
EOF
BCH_TX=$(scenario bch theft_txid)
MONA_TX=$(scenario mona theft_txid)
curl -sf "http://127.0.0.1:18932/api/v2/tx/$BCH_TX" >"$CORPUS/blockbook/seed-standin-bch-tx.json"
curl -sf "http://127.0.0.1:18933/api/v2/tx/$MONA_TX" >"$CORPUS/blockbook/seed-standin-mona-tx-no-spending-index.json"
curl -sf "http://127.0.0.1:18932/api/v2/address/bitcoincash:$(scenario bch thief_address)?details=txs&page=1&pageSize=2" \
  >"$CORPUS/blockbook/seed-standin-bch-address-page.json"
curl -sf "http://127.0.0.1:18933/api/v2" >"$CORPUS/blockbook/seed-standin-status.json"

# --- permalink: links as text (mode byte 0) and their inner records (mode byte 1) -------------
python3 - "$ROOT/tests/permalink.rs" "$CORPUS/case_file" "$CORPUS/permalink" <<'EOF'
import base64, glob, json, os, re, sys, zlib
tests, cases, out = sys.argv[1:]
links = {"tests-link-without-positions": re.search(r'LINK_WITHOUT_POSITIONS: &str = "([^"]+)"', open(tests).read()).group(1)}
for path in sorted(glob.glob(os.path.join(cases, "seed-*.json"))):
    links["case-" + os.path.basename(path)[5:-5]] = json.load(open(path))["view"]

def record(link):
    payload = link.split(".", 1)[1]
    return zlib.decompress(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)), -15)

def link(rec):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return "v1." + base64.urlsafe_b64encode(c.compress(rec) + c.flush()).decode().rstrip("=")

def uint(v):
    out = bytearray()
    while True:
        low, v = v & 0x7F, v >> 7
        if v == 0:
            out.append(low)
            return bytes(out)
        out.append(low | 0x80)

def zz(v):
    return uint((v << 1) ^ (v >> 31) if v >= 0 else ((-v) << 1) - 1)

def string(s):
    b = s.encode()
    return uint(len(b)) + b

# The tests' full view plus every tagged section (1: positions, 2: user labels, 3: view level).
full = record(links["tests-link-without-positions"])
# Positions: a fingerprint, then (-120, 45), not drawn, (0, 0); x is zigzagged plus one.
full += bytes([1]) + bytes(range(8)) + uint(3) + uint(239 + 1) + zz(45) + uint(0) + uint(0 + 1) + zz(0)
thief = "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w"
full += bytes([3, 2]) + uint(2) + bytes([2]) + string("Binance, 取引所") + bytes([3]) + string(thief)
full += bytes([2]) + uint(2) + string("btc") + string(thief) + string("犯人のアドレス") + bytes([3]) + string("Crystal: 9 outgoing txs\nsecond line")
full += string("bch") + string("qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd") + string("") + bytes([8]) + string("a note")
links["tests-full-view-with-every-section"] = link(full)

for name, text in links.items():
    open(os.path.join(out, f"seed-text-{name}"), "wb").write(b"\x00" + text.encode())
    open(os.path.join(out, f"seed-record-{name}"), "wb").write(b"\x01" + record(text))
EOF

# --- address: every address, link and txid the address tests quote, and the fixture list ------
python3 - "$ROOT/tests/chain_address.rs" "$ROOT/tests/fixtures/addresses.txt" "$CORPUS/address" <<'EOF'
import hashlib, os, re, sys
source, fixtures, out = sys.argv[1:]
seeds = set()
for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', open(source).read()):
    if 3 <= len(literal) <= 130 and " " not in literal and "\\" not in literal and "{" not in literal:
        seeds.add(literal)
for line in open(fixtures):
    if line.strip() and not line.startswith("#"):
        seeds.add(line.split()[0])
for seed in sorted(seeds):
    name = "seed-" + hashlib.sha1(seed.encode()).hexdigest()[:16]
    open(os.path.join(out, name), "w").write(seed)
EOF

# --- labels_csv: simulated label files, excerpts of the shared label data, a user-label export --
install -m 0644 "$WORK/btc/labels.csv" "$CORPUS/labels_csv/seed-simulated-btc.csv"
install -m 0644 "$WORK/bch/labels.csv" "$CORPUS/labels_csv/seed-simulated-bch.csv"
for f in "$SHARED"/data/labels/*.csv; do
  head -n 25 "$f" >"$CORPUS/labels_csv/seed-excerpt-$(basename "$f")"
done
install -m 0644 data/labels/index.json "$CORPUS/labels_csv/seed-label-index.json"
printf '%s\n' 'chain,address,entity,category,source_url,note' \
  'btc,1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w,"Thief, ""main""",theft,urn:spoor:user-label,"first seen' \
  'in the Crystal report"' \
  'btc,c3b9a4a0831a65523c81e6a04f6ddf5a7a89f344d990e8a13e5278efe57f4280,,theft,urn:spoor:user-label,the theft: 131 inputs' \
  'bch,bitcoincash:qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd,BCH thief,theft,urn:spoor:user-label,' \
  'eth,0xab,X,exchange,u,' >"$CORPUS/labels_csv/seed-user-labels-export.csv"

# --- label_bundle: the small committed bundles, as downloaded (mode 1) and inflated (mode 0) ---
python3 - "$ROOT/data/labels" "$CORPUS/label_bundle" <<'EOF'
import os, sys, zlib
source, out = sys.argv[1:]
for chain in ("bch", "ltc", "doge"):
    raw = open(os.path.join(source, f"{chain}.labels"), "rb").read()
    open(os.path.join(out, f"seed-file-{chain}"), "wb").write(b"\x01" + raw)
    open(os.path.join(out, f"seed-text-{chain}"), "wb").write(b"\x00" + zlib.decompress(raw, -15))
EOF

du -sh "$CORPUS"/* | sed "s|$ROOT/||"
