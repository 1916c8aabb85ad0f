#!/usr/bin/env bash
# Installs what Spoor's build and tests need, skipping whatever is already there (idempotent).
# Registries only: Debian apt, crates.io, npm. Nothing downloads a prebuilt binary from elsewhere.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH" CARGO_TERM_COLOR=never
TRUNK_VERSION=0.21.14 # trunk 0.22.x needs rustc >= 1.96.1
step() { echo "== install: $*"; }

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
step "apt: chromium, chromium-driver, python3"
if ! dpkg -s chromium chromium-driver >/dev/null 2>&1; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver >/dev/null
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q nodejs npm >/dev/null
fi

step "rustup target wasm32-unknown-unknown"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# trunk's own release profile (fat LTO, 1 codegen unit) takes ~14 min on 2 cores; this takes ~4.6.
FAST=(env CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16)
step "trunk $TRUNK_VERSION"
[ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ] ||
  "${FAST[@]}" cargo install trunk --locked --version "$TRUNK_VERSION"
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
WB_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
step "wasm-bindgen-cli $WB_VERSION"
# No --locked: its lockfile pins webpki-roots 1.0.11, which this registry does not serve.
[ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WB_VERSION" ] ||
  "${FAST[@]}" cargo install wasm-bindgen-cli --version "$WB_VERSION"

step "npm ci (playwright-core; axe-core; binaryen 132 = wasm-opt for trunk)"
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)

step "cargo fetch (trunk runs cargo offline)"
cargo fetch --locked
