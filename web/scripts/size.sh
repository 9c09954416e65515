#!/usr/bin/env bash
# Initial JavaScript of the built app: the scripts index.html loads at start (entry chunk
# and modulepreloads), each compressed with gzip -9. Fails when over the budget (bytes,
# default 200 KB = 204800).
set -euo pipefail
cd "$(dirname "$0")/.."
budget="${1:-204800}"
[ -f dist/index.html ] || { echo "size: dist/index.html missing; run npm run build" >&2; exit 2; }
total=0
for src in $(grep -oE '(src|href)="/assets/[^"]+\.js"' dist/index.html | sed -E 's/^(src|href)="\/(.*)"$/\2/'); do
  raw=$(stat -c %s "dist/$src")
  gz=$(gzip -9 -c "dist/$src" | wc -c)
  printf '%-40s %8d bytes raw %8d bytes gzip -9\n' "$src" "$raw" "$gz"
  total=$((total + gz))
done
printf 'initial JavaScript, gzip -9: %d bytes (%.1f KB); budget %d bytes\n' "$total" "$(awk "BEGIN{print $total/1024}")" "$budget"
[ "$total" -le "$budget" ] || { echo "size: over budget" >&2; exit 1; }
