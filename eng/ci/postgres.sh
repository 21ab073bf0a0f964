#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the storage tests and benchmarks (idempotent).
#   eval "$(bash eng/ci/postgres.sh start)"   installs PostgreSQL if missing, starts the cluster, prints the export line
#   bash eng/ci/postgres.sh stop              stops it and removes its data directory
# Settings (environment): CRMCORE_PG_PORT (default 55432), CRMCORE_PG_DIR (default /tmp/crmcore-pg).
# The cluster runs as the `postgres` user on 127.0.0.1 only, with fsync off unless CRMCORE_PG_FSYNC=on (durable benchmarks): never for real data.
set -euo pipefail
action="${1:-start}"
port="${CRMCORE_PG_PORT:-55432}"
dir="${CRMCORE_PG_DIR:-/tmp/crmcore-pg}"
conn="Host=127.0.0.1;Port=${port};Username=postgres;Database=postgres"

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

case "$action" in
  start)
    if [ -z "$(pgbin)" ]; then
      echo "postgres.sh: installing PostgreSQL from the Debian packages" >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
    fi
    bin="$(pgbin)"
    if [ -f "$dir/data/postmaster.pid" ] && "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      echo "postgres.sh: already running on port $port" >&2
    else
      if [ ! -f "$dir/data/PG_VERSION" ]; then
        rm -rf "$dir"; mkdir -p "$dir"; chown postgres "$dir"
        as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null
      fi
      rm -f "$dir/data/postmaster.pid"
      as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 60 -o \
        "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${CRMCORE_PG_FSYNC:-off} -c full_page_writes=${CRMCORE_PG_FSYNC:-off} -c max_connections=200" start >&2
    fi
    for _ in $(seq 1 60); do
      "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
      sleep 0.5
    done
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { echo "postgres.sh: server did not become ready; see $dir/pg.log" >&2; exit 1; }
    echo "export CRMCORE_TEST_POSTGRES='$conn'"
    ;;
  stop)
    bin="$(pgbin)"
    if [ -n "$bin" ] && [ -f "$dir/data/PG_VERSION" ]; then
      as_postgres "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: postgres.sh start|stop" >&2
    exit 2
    ;;
esac
