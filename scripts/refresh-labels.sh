#!/usr/bin/env bash
# Rebuilds the bundled label data (data/labels/*.labels + index.json) from label CSV files:
# the project's shared label data by default, or the files given. Each file is a dataset named by
# its file name and described in data/label-datasets.csv (title, upstream link, licence).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
if [ "$#" -eq 0 ]; then
  set -- ../shared/data/labels/*.csv
fi
cargo run --release --locked --bin spoor -- labels bundle --datasets data/label-datasets.csv --out data/labels "$@"
