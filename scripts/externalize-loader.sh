#!/usr/bin/env bash
# Trunk post-build hook: moves Trunk's inline module loader out of index.html into a file of its
# own, so the page runs under `script-src 'self' 'wasm-unsafe-eval'` with no inline script.
# Trunk sets TRUNK_STAGING_DIR; the file name carries a hash of its content (like Trunk's own).
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
page="$dir/index.html"
loader="$(mktemp)"
awk -v out="$loader" '
  /<script type="module">/ { inside = 1; next }
  inside && /<\/script>/ { inside = 0; print "<script type=\"module\" src=\"/@LOADER@\"></script>"; next }
  inside { print > out; next }
  { print }
' "$page" > "$page.new"
if ! grep -q '@LOADER@' "$page.new"; then
  echo "externalize-loader: no inline loader found in $page" >&2
  exit 1
fi
name="start-$(sha256sum "$loader" | cut -c1-16).js"
mv "$loader" "$dir/$name"
chmod 644 "$dir/$name"
sed "s|/@LOADER@|/$name|" "$page.new" > "$page"
rm "$page.new"
if grep -q '<script>\|<script type="module">' "$page"; then
  echo "externalize-loader: an inline script is left in $page" >&2
  exit 1
fi
