#!/usr/bin/env bash
# Runs the encoder benchmarks and the PyTorch baseline on the same weights, in
# the same run. Usage (from the repository root, after
#   cmake -S . -B build -G Ninja -DSANAD_BUILD_BENCH=ON && cmake --build build --target embed_bench embed_rss):
#   bench/embed/run.sh [BUILD_DIR]
# On a shared machine, SANAD_BENCH_THREADS=1 SANAD_BENCH_FILTER='threads1|query'
# keeps to the one-core figures, which are measured in CPU time.
set -euo pipefail
build="${1:-build}"
models="$(mktemp -d)"
trap 'rm -rf "$models"' EXIT
threads="${SANAD_BENCH_THREADS:-$(nproc)}"
echo "== machine: $(lscpu | sed -n 's/^Model name: *//p'), $threads cores, $(uname -r)"
echo "== sanad (embed_bench)"
SANAD_BENCH_MODEL_DIR="$models" "$build/bench/embed/embed_bench" --benchmark_counters_tabular=true ${SANAD_BENCH_FILTER:+--benchmark_filter=$SANAD_BENCH_FILTER}
echo "== sanad RSS after load"
"$build/bench/embed/embed_rss" "$models/minilm-l6"
"$build/bench/embed/embed_rss" "$models/minilm-l6" --int8
"$build/bench/embed/embed_rss" "$models/e5-small"
echo "== PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
/usr/bin/python3 "$(dirname "$0")/torch_bench.py" "$models" "$threads"
