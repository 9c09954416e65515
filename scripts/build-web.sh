#!/usr/bin/env bash
# Builds the web app into web/dist/ (served by `sanad serve`). Idempotent:
#  - `npm ci` only when web/node_modules is missing or package-lock.json changed since the
#    last install;
#  - `npm run build` only when a source (src/, index.html, configs, lock file) or
#    VITE_API_BASE_URL changed since the last build, or web/dist/ is missing.
# Changes are detected by content hash, not timestamps, so a fresh checkout is handled.
set -euo pipefail
web="$(cd "$(dirname "$0")/../web" && pwd)"
cd "$web"

command -v npm >/dev/null || { echo "build-web: npm not found (scripts/install-deps.sh web)" >&2; exit 1; }

lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
lock_stamp="node_modules/.sanad-lock.sha256"
if [ ! -d node_modules ] || [ "$(cat "$lock_stamp" 2>/dev/null)" != "$lock_hash" ]; then
  echo "==> web: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" >"$lock_stamp"
else
  echo "==> web: npm dependencies up to date"
fi

source_hash="$( {
  find src public -type f 2>/dev/null | LC_ALL=C sort | xargs -r sha256sum
  sha256sum index.html package.json package-lock.json tsconfig.json vite.config.ts
  echo "VITE_API_BASE_URL=${VITE_API_BASE_URL:-}"
} | sha256sum | cut -d' ' -f1)"
build_stamp=".build-stamp"
if [ -f dist/index.html ] && [ "$(cat "$build_stamp" 2>/dev/null)" = "$source_hash" ]; then
  echo "==> web: dist/ up to date"
else
  echo "==> web: building dist/ (npm run build)"
  npm run build
  echo "$source_hash" >"$build_stamp"
fi
