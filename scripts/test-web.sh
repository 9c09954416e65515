#!/usr/bin/env bash
# Web app checks: type check, unit tests (vitest + jsdom), the initial-JavaScript budget,
# then the end-to-end suite in Debian's Chromium (screenshots in test-artifacts/web/).
# Builds first through scripts/build-web.sh (which does nothing when up to date).
set -euo pipefail
cd "$(dirname "$0")/.."
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
