#!/usr/bin/env bash
# Fuzzes every target of fuzz/ (cargo-fuzz, libFuzzer, nightly) for a set time each and prints a
# table: target, executions (libFuzzer's final stats), result. Exits non-zero if any target
# crashed (the input is kept in fuzz/artifacts/<target>/). Not part of scripts/test.sh.
#
#   bash scripts/fuzz.sh [seconds-per-target] [target…]     (default 60 s, every target)
#
# New inputs go to a scratch corpus under fuzz/target/, so a run leaves the repo unchanged;
# FUZZ_SAVE=1 merges those that add coverage and are under FUZZ_SAVE_MAX_BYTES (4096) into the
# committed corpus (fuzz/corpus/<target>).
# FUZZ_SANITIZER=none skips AddressSanitizer (about twice the executions).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

SECONDS_PER_TARGET="${1:-60}"
shift || true
CARGO_FUZZ_VERSION=0.13.2
SANITIZER="${FUZZ_SANITIZER:-address}"

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzzing needs the nightly toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo fuzz --version 2>/dev/null | grep -qF "$CARGO_FUZZ_VERSION"; then
  echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION from crates.io"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

if [ "$#" -gt 0 ]; then
  TARGETS=("$@")
else
  mapfile -t TARGETS < <(cargo +nightly fuzz list)
fi
# Debug assertions and overflow checks on: an overflow the release build would wrap is a bug too.
FUZZ_FLAGS=(--sanitizer "$SANITIZER" --debug-assertions)
echo "== building ${#TARGETS[@]} fuzz targets (sanitizer: $SANITIZER)"
cargo +nightly fuzz build "${FUZZ_FLAGS[@]}"
# Run the binaries built above (not `cargo fuzz run`, which would rebuild whenever src/ changed
# meanwhile, so every target runs the same build for its whole time).
BIN_DIR="$ROOT/fuzz/target/$(rustc +nightly -vV | sed -n 's/^host: //p')/release"

LOGS="$ROOT/fuzz/target/logs"
mkdir -p "$LOGS"
declare -A EXECS RESULT
FAILED=0
for target in "${TARGETS[@]}"; do
  work="$ROOT/fuzz/target/corpus-work/$target"
  seeds="$ROOT/fuzz/corpus/$target"
  mkdir -p "$work" "$seeds" "$ROOT/fuzz/artifacts/$target"
  log="$LOGS/$target.log"
  echo "== $target: ${SECONDS_PER_TARGET}s (log: ${log#"$ROOT"/})"
  # The first corpus directory receives new inputs; the committed seeds are only read.
  set +e
  nice -n 10 "$BIN_DIR/$target" -artifact_prefix="$ROOT/fuzz/artifacts/$target/" \
    -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 -timeout=30 -rss_limit_mb=2048 \
    "$work" "$seeds" >"$log" 2>&1
  status=$?
  set -e
  EXECS[$target]=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || echo "?")
  if [ "$status" -eq 0 ]; then
    RESULT[$target]="ok"
  else
    FAILED=1
    artifact=$(grep -o 'Test unit written to [^ ]*' "$log" | tail -n 1 | sed 's/Test unit written to //')
    RESULT[$target]="CRASH (exit $status) ${artifact#"$ROOT"/}"
  fi
  if [ "${FUZZ_SAVE:-0}" = 1 ] && [ "$status" -eq 0 ]; then
    # Keep the committed corpus small: of the new inputs under the size limit, only those that
    # add coverage.
    small="$ROOT/fuzz/target/corpus-small/$target"
    rm -rf "$small" && mkdir -p "$small"
    find "$work" -type f -size -"${FUZZ_SAVE_MAX_BYTES:-4096}"c -exec cp -t "$small" {} +
    nice -n 10 "$BIN_DIR/$target" -merge=1 "$seeds" "$small" >>"$log" 2>&1
  fi
done

echo
printf '%-14s %14s  %s\n' target executions result
for target in "${TARGETS[@]}"; do
  printf '%-14s %14s  %s\n' "$target" "${EXECS[$target]}" "${RESULT[$target]}"
done
if [ "$FAILED" -ne 0 ]; then
  echo "fuzzing found a crash: see the logs in fuzz/target/logs/ and the inputs in fuzz/artifacts/" >&2
  exit 1
fi
