#!/usr/bin/env bash
# make bench: builds the release binary and the Google Benchmark programs, then runs the
# load scripts. Figures go to docs/benchmarks.md by hand, with the command that made them.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache: paths relative to the checkout, so another clone (CI) reuses the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
scripts/install-deps.sh build test bench
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSANAD_BUILD_BENCH=ON -DSANAD_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j "$(nproc)"
echo "==> HTTP: sanad vs FastAPI + uvicorn"
python3 bench/http/bench_http.py --sanad build-bench/src/app/sanad
