#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for tests and local clusters (Debian's postgresql package).
#   scripts/pg.sh start DIR PORT   initialises DIR when empty, starts the server on 127.0.0.1:PORT
#                                  (trust authentication, user and database "postgres"); does nothing
#                                  when a server already runs from DIR
#   scripts/pg.sh stop DIR         stops the server running from DIR, if any
#   scripts/pg.sh status DIR       says whether a server runs from DIR (exit 0) or not (exit 3)
# Connection string: Host=127.0.0.1;Port=PORT;Database=postgres;Username=postgres
# Run as root, the server runs as the postgres user (initdb refuses root), so DIR must be reachable by it.
set -euo pipefail

usage() { echo "usage: $0 start DIR PORT | stop DIR | status DIR" >&2; exit 64; }

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then echo "$newest"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo "PostgreSQL server binaries not found: install them with scripts/install-test-deps.sh (Debian package postgresql) or set PG_BIN" >&2
  exit 1
}

# Runs a PostgreSQL program as the postgres user when we are root, as ourselves otherwise.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

is_running() { as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; }

[ $# -ge 2 ] || usage
command=$1
DIR=$(mkdir -p "$2" && cd "$2" && pwd)
BIN=$(pg_bin)

case "$command" in
  start)
    [ $# -eq 3 ] || usage
    port=$3
    if is_running; then
      echo "PostgreSQL already running from $DIR (port $(sed -n 4p "$DIR/postmaster.pid"))"
      exit 0
    fi
    if [ "$(id -u)" -eq 0 ]; then
      if ! runuser -u postgres -- test -x "$(dirname "$DIR")"; then
        echo "the postgres user cannot reach $DIR (a parent directory is private); use a directory under /tmp" >&2
        exit 1
      fi
      chown postgres: "$DIR"
    fi
    chmod 700 "$DIR"
    if [ ! -f "$DIR/PG_VERSION" ]; then
      log=$(mktemp)
      as_pg "$BIN/initdb" -D "$DIR" --auth=trust --username=postgres --encoding=UTF8 --no-instructions >"$log" 2>&1 \
        || { cat "$log" >&2; rm -f "$log"; exit 1; }
      rm -f "$log"
    fi
    as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
      -o "-p $port -k $DIR -c listen_addresses=127.0.0.1" start >/dev/null \
      || { tail -20 "$DIR/server.log" >&2; exit 1; }
    echo "PostgreSQL running from $DIR on 127.0.0.1:$port"
    ;;
  stop)
    if is_running; then
      as_pg "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null
      echo "PostgreSQL stopped ($DIR)"
    else
      echo "PostgreSQL not running from $DIR"
    fi
    ;;
  status)
    if is_running; then echo "running (port $(sed -n 4p "$DIR/postmaster.pid"))"; else echo "not running"; exit 3; fi
    ;;
  *) usage ;;
esac
