#!/usr/bin/env bash
# Overhead of the authentication wall: wrk against an open pooled route
# (GET /api/auth/providers) and a token-checked one (GET /api/me: JWT verification plus
# one indexed user read), same server, SQLite in a temp dir.
# Usage: bench/auth/token_overhead.sh [path/to/sanad]   (needs wrk, curl, python3)
set -euo pipefail
D=$(mktemp -d)
B=${1:-build/src/app/sanad}
export SANAD_DATA_DIR=$D/data DATABASE_URL=sqlite://$D/db.sqlite SANAD_LOG_LEVEL=warn
printf '%s\n' 'grey-heron-river-4821' | $B user create --email bench@example.org --password-stdin --admin >/dev/null
$B serve --port 0 > $D/out 2>$D/err &
PID=$!
for i in $(seq 50); do grep -q listening $D/out 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o '[0-9]*$' $D/out | head -1)
TOKEN=$(curl -s -H 'Content-Type: application/json' -d '{"email":"bench@example.org","password":"grey-heron-river-4821"}' http://127.0.0.1:$PORT/api/auth/login | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
echo "== open pooled route GET /api/auth/providers"
wrk -t2 -c16 -d5s --latency http://127.0.0.1:$PORT/api/auth/providers | grep -E "Requests/sec|  50%|  99%|Non-2xx|requests in"
echo "== token-checked GET /api/me"
wrk -t2 -c16 -d5s --latency -H "Authorization: Bearer $TOKEN" http://127.0.0.1:$PORT/api/me | grep -E "Requests/sec|  50%|  99%|Non-2xx|requests in"
kill $PID; wait $PID 2>/dev/null || true
rm -rf "$D"
