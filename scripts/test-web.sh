#!/usr/bin/env bash
# Web app checks: type check, unit tests (vitest + jsdom), the initial-JavaScript budget,
# then the end-to-end suite in Debian's Chromium (screenshots in test-artifacts/web/).
# Builds first through scripts/build-web.sh (which does nothing when up to date). The
# end-to-end suite also drives a real sanad: $SANAD_BINARY, default build/src/app/sanad
# (build it first: cmake --build build --target sanad).
set -euo pipefail
cd "$(dirname "$0")/.."
export SANAD_BINARY="${SANAD_BINARY:-$PWD/build/src/app/sanad}"
scripts/build-web.sh
cd web
echo "==> web: type check"
npx tsc --noEmit -p .
echo "==> web: unit tests"
npx vitest run
echo "==> web: size budget"
scripts/size.sh
echo "==> web: end-to-end tests (Chromium)"
npm run e2e
