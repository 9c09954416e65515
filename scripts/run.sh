#!/usr/bin/env bash
# make run: installs what is missing, builds, migrates, loads the demo corpus on a
# fresh install, and starts `sanad serve` on http://localhost:8080 (or $PORT) with
# SQLite under ./var. Idempotent: a second run reuses the build and the data.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache: paths relative to the checkout, so another clone (CI) reuses the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true

echo "==> checking packages"
scripts/install-deps.sh build $( [ -f web/package.json ] && echo web )

if [ -f web/package.json ]; then
  scripts/build-web.sh
  export SANAD_STATIC_DIR="${SANAD_STATIC_DIR:-$PWD/web/dist}"
fi

echo "==> building sanad (build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSANAD_WERROR=ON >/dev/null
cmake --build build -j "$(nproc)" --target sanad
sanad=build/src/app/sanad

export SANAD_DATA_DIR="${SANAD_DATA_DIR:-$PWD/var}"
mkdir -p "$SANAD_DATA_DIR"

echo "==> applying database migrations"
"$sanad" migrate

if [ -x scripts/load-demo.sh ]; then
  scripts/load-demo.sh "$sanad"
fi

echo "==> starting sanad on http://localhost:${PORT:-8080} (Ctrl-C to stop)"
exec "$sanad" serve
