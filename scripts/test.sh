#!/usr/bin/env bash
# make test: installs what the tests need, builds, starts throwaway PostgreSQL and
# Redis on loopback, runs every test through ctest (then the unit tests again under
# ASan + UBSan), and prints ctest's summary. Idempotent; cleans up even on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache: paths relative to the checkout, so another clone (CI) reuses the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
jobs="$(nproc)"

echo "==> checking packages"
scripts/install-deps.sh build test $( [ -f web/package.json ] && echo web )

if [ -f web/package.json ]; then
  scripts/build-web.sh
fi

echo "==> building (build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSANAD_WERROR=ON >/dev/null
cmake --build build -j "$jobs"

echo "==> building unit tests with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSANAD_WERROR=ON -DSANAD_SANITIZE=ON >/dev/null
cmake --build build-asan -j "$jobs"

source scripts/services.sh
services_start

status=0
echo "==> running unit tests under sanitizers"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
   ctest --output-on-failure -j "$jobs" -L unit --timeout 600) || status=$?

echo "==> running every test"
(cd build && ctest --output-on-failure -j "$jobs" --timeout 900) || status=$?
exit $status
