#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis servers on loopback, in a temporary directory.
# Source this file, then call `services_start`; it exports
#   SANAD_TEST_DATABASE_URL (postgresql://...) and SANAD_TEST_REDIS_URL (redis://...)
# and installs an EXIT trap that stops both servers and removes the directory,
# whatever way the script exits. No system service is used or touched.

services_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

services_stop() {
  local dir="${SANAD_SERVICES_DIR:-}"
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  if [ -f "$dir/pg/postmaster.pid" ]; then
    $SANAD_PG_AS "$SANAD_PG_BIN/pg_ctl" -D "$dir/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -f "$dir/redis.pid" ]; then
    kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$dir"
  echo "==> stopped throwaway PostgreSQL and Redis"
}

services_start() {
  SANAD_PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -x "$SANAD_PG_BIN/initdb" ] || { echo "services: PostgreSQL server binaries not found" >&2; return 1; }
  SANAD_SERVICES_DIR="$(mktemp -d /tmp/sanad-services.XXXXXX)"
  chmod 755 "$SANAD_SERVICES_DIR"
  trap services_stop EXIT
  trap 'exit 130' INT TERM

  # initdb refuses to run as root: run the server as the 'postgres' user then.
  SANAD_PG_AS=""
  if [ "$(id -u)" -eq 0 ]; then
    SANAD_PG_AS="runuser -u postgres --"
  fi
  local pg_port redis_port
  pg_port="$(services_free_port)"
  redis_port="$(services_free_port)"
  mkdir -p "$SANAD_SERVICES_DIR/pg" "$SANAD_SERVICES_DIR/pgsock"
  [ -z "$SANAD_PG_AS" ] || chown postgres "$SANAD_SERVICES_DIR/pg" "$SANAD_SERVICES_DIR/pgsock"
  echo "==> starting PostgreSQL ($("$SANAD_PG_BIN/postgres" --version | awk '{print $3}')) on 127.0.0.1:$pg_port"
  $SANAD_PG_AS "$SANAD_PG_BIN/initdb" -D "$SANAD_SERVICES_DIR/pg" -U sanad --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$SANAD_SERVICES_DIR/initdb.log" 2>&1 || { cat "$SANAD_SERVICES_DIR/initdb.log"; return 1; }
  $SANAD_PG_AS "$SANAD_PG_BIN/pg_ctl" -D "$SANAD_SERVICES_DIR/pg" -w -t 60 \
    -l "$SANAD_SERVICES_DIR/pg/server.log" \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$SANAD_SERVICES_DIR/pgsock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  "$SANAD_PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U sanad sanad
  export SANAD_TEST_DATABASE_URL="postgresql://sanad@127.0.0.1:$pg_port/sanad"

  echo "==> starting Redis ($(redis-server --version | awk '{print $3}' | cut -d= -f2)) on 127.0.0.1:$redis_port"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
    --dir "$SANAD_SERVICES_DIR" --pidfile "$SANAD_SERVICES_DIR/redis.pid" \
    --logfile "$SANAD_SERVICES_DIR/redis.log"
  # Wait until Redis answers (redis-cli retries the connection itself).
  for _ in $(seq 1 100); do
    redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null
  export SANAD_TEST_REDIS_URL="redis://127.0.0.1:$redis_port"
  export SANAD_SERVICES_DIR SANAD_PG_BIN SANAD_PG_AS
}
