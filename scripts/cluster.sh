#!/usr/bin/env bash
# A local cluster of node processes on 127.0.0.1 sharing one PostgreSQL journal (scripts/pg.sh).
#   scripts/cluster.sh up N       builds, starts PostgreSQL and nodes node1..nodeN (those not already
#                                 running), waits until every node sees N members Up, prints status
#   scripts/cluster.sh status     each node's process and its view of the cluster (GET /cluster/members)
#   scripts/cluster.sh stop NAME  stops one node gracefully (SIGTERM: it leaves the cluster first)
#   scripts/cluster.sh kill NAME  kills one node (SIGKILL: a crash; the others down it after the
#                                 split-brain resolver's stable-after); `up N` starts it again
#   scripts/cluster.sh down       stops every node it started, one at a time, then PostgreSQL
# Node i listens on remoting 4100+i, management API 8600+i, SIP udp/tcp 5100+i, Interaction Proxy
# 7100+i; PostgreSQL on 55432. CLUSTER_PORT_OFFSET=N shifts them all by N. The first three nodes are
# the seed nodes. Node i has the alias nodei (cluster-sip.node.aliases: a callstore instance with
# iface = "nodei" runs there). Pids, logs and data live under .run/cluster/ (node1.log, node1.pid,
# ...), or under CLUSTER_RUN_DIR (readable by the postgres user when run as root).
# CLUSTER_NODE_DLL runs another build of ClusterSip.Node.dll (CLUSTER_NO_BUILD=1 skips the build).
# CLUSTER_CONFIGS: HOCON files layered after hocon/cluster.conf, space-separated (hocon/fast-failover.conf).
# With CLUSTER_SIP__MANAGEMENT__TOKEN set, the nodes require that token and the script sends it;
# other CLUSTER_SIP__* and AKKA__* variables reach every node (hocon/node.conf, step 3).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUN=${CLUSTER_RUN_DIR:-$ROOT/.run/cluster}
DLL=${CLUSTER_NODE_DLL:-$ROOT/src/Node/bin/Release/net10.0/ClusterSip.Node.dll}
OFFSET=${CLUSTER_PORT_OFFSET:-0}
PG_PORT=$((55432 + OFFSET))
MAX_SEEDS=3
CONFIGS=()
for file in ${CLUSTER_CONFIGS:-}; do
  [ -f "$file" ] || { echo "CLUSTER_CONFIGS: no such file: $file" >&2; exit 64; }
  CONFIGS+=(--config "$file")
done

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }

remoting_port() { echo $((4100 + OFFSET + $1)); }
management_port() { echo $((8600 + OFFSET + $1)); }
sip_port() { echo $((5100 + OFFSET + $1)); }
iproxy_port() { echo $((7100 + OFFSET + $1)); }
node_index() { [[ "$1" =~ ^node([1-9][0-9]*)$ ]] || { echo "no such node name: $1 (node1, node2, ...)" >&2; exit 64; }; echo "${BASH_REMATCH[1]}"; }

# The pid of node i if it runs and is the process this script started (its command line names its
# data directory), else nothing.
node_pid() {
  local file="$RUN/node$1.pid" pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "cluster-sip.data-dir=$RUN/node$1/data"; then
    echo "$pid"
  fi
}

started_nodes() {
  local file
  for file in "$RUN"/node*.pid; do
    [ -e "$file" ] || continue
    file=${file##*/node}
    echo "${file%.pid}"
  done | sort -n
}

# GET http://127.0.0.1:PORT/PATH, body on stdout; fails on a connection error or a non-2xx answer.
http_get() {
  local port=$1 path=$2 token=${CLUSTER_SIP__MANAGEMENT__TOKEN:-}
  if command -v curl >/dev/null 2>&1; then
    if [ -n "$token" ]; then
      curl -fsS --max-time 3 -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path"
    else
      curl -fsS --max-time 3 "http://127.0.0.1:$port$path"
    fi
    return
  fi
  # Without curl: HTTP/1.0 over bash's /dev/tcp.
  local response auth=""
  [ -n "$token" ] && auth="Authorization: Bearer $token"$'\r\n'
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n%s\r\n' "$path" "$auth" >&3
  response=$(timeout 3 cat <&3) || { exec 3<&-; return 1; }
  exec 3<&-
  [[ "$response" == HTTP/1.?" 2"* ]] || return 1
  printf '%s' "${response#*$'\r\n\r\n'}"
}

# Members with the given status in a /cluster/members answer (the members list, not unreachable).
count_status() {
  local members=${1%%\"unreachable\"*}
  grep -o "\"status\":\"$2\"" <<<"$members" | wc -l | tr -d ' '
}

count_unreachable() {
  local unreachable=${1#*\"unreachable\"}
  grep -o '"node":' <<<"$unreachable" | wc -l | tr -d ' '
}

start_node() {
  local i=$1 seeds=$2 sip
  sip=$(sip_port "$i")
  mkdir -p "$RUN/node$i/data"
  setsid nohup dotnet "$DLL" --config hocon/cluster.conf "${CONFIGS[@]}" \
    --set "akka.remote.dot-netty.tcp.port=$(remoting_port "$i")" \
    --set "cluster-sip.management.port=$(management_port "$i")" \
    --set "cluster-sip.sip.listen=[\"udp:127.0.0.1:$sip\", \"tcp:127.0.0.1:$sip\"]" \
    --set "cluster-sip.interaction-proxy.port=$(iproxy_port "$i")" \
    --set "cluster-sip.data-dir=$RUN/node$i/data" \
    --set "cluster-sip.node.aliases=[\"node$i\"]" \
    --set "cluster-sip.cluster.seed-nodes=[$seeds]" \
    --set "cluster-sip.persistence.connection-string=Host=127.0.0.1;Port=$PG_PORT;Database=postgres;Username=postgres" \
    >"$RUN/node$i.log" 2>&1 </dev/null &
  echo $! >"$RUN/node$i.pid"
  # Until it execs dotnet the child's command line is this script's, which node_pid does not recognise.
  for _ in $(seq 1 100); do [ -z "$(node_pid "$i")" ] || break; sleep 0.02; done
  echo "node$i started (pid $!, management http://127.0.0.1:$(management_port "$i"), log $RUN/node$i.log)"
}

wait_ready() {
  local i=$1 deadline=$((SECONDS + ${CLUSTER_WAIT_SECONDS:-120}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ -n "$(node_pid "$i")" ] || { echo "node$i exited; its log:" >&2; tail -20 "$RUN/node$i.log" >&2; return 1; }
    http_get "$(management_port "$i")" /health/ready >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "node$i did not become ready in time" >&2
  return 1
}

# Waits until nodes 1..n each see n members Up and none unreachable.
wait_converged() {
  local n=$1 deadline=$((SECONDS + ${CLUSTER_WAIT_SECONDS:-120})) i body converged
  while [ "$SECONDS" -lt "$deadline" ]; do
    converged=1
    for i in $(seq 1 "$n"); do
      [ -n "$(node_pid "$i")" ] || { echo "node$i exited; its log:" >&2; tail -20 "$RUN/node$i.log" >&2; return 1; }
      body=$(http_get "$(management_port "$i")" /cluster/members 2>/dev/null) || { converged=0; break; }
      if [ "$(count_status "$body" Up)" -ne "$n" ] || [ "$(count_unreachable "$body")" -ne 0 ]; then converged=0; break; fi
    done
    [ "$converged" -eq 1 ] && return 0
    sleep 0.2
  done
  echo "the cluster did not converge to $n Up members in time" >&2
  return 1
}

stop_node() {
  local i=$1 signal=$2 pid
  pid=$(node_pid "$i")
  if [ -z "$pid" ]; then echo "node$i is not running"; return 0; fi
  kill "-$signal" "$pid"
  if [ "$signal" = TERM ]; then
    for _ in $(seq 1 600); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    if [ -d "/proc/$pid" ]; then echo "node$i did not stop within 60 s; killing it"; kill -KILL "$pid"; fi
    echo "node$i stopped (left the cluster)"
  else
    echo "node$i killed"
  fi
}

cmd_up() {
  local n=${1:-}
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || usage
  mkdir -p "$RUN"
  # PostgreSQL runs as the postgres user when we are root: it must be able to reach $RUN/pg.
  chmod 755 "$RUN"
  [ "$RUN" != "$ROOT/.run/cluster" ] || chmod 755 "$ROOT/.run"
  if [ -z "${CLUSTER_NO_BUILD:-}" ]; then
    dotnet build src/Node/Node.csproj -c Release -nologo -v q -clp:NoSummary >"$RUN/build.log" 2>&1 \
      || { grep -E "error" "$RUN/build.log" >&2 || cat "$RUN/build.log" >&2; exit 1; }
  fi
  bash scripts/pg.sh start "$RUN/pg" "$PG_PORT"

  local seeds="" i
  for i in $(seq 1 $((n < MAX_SEEDS ? n : MAX_SEEDS))); do
    seeds+="${seeds:+, }\"akka.tcp://cluster-sip@127.0.0.1:$(remoting_port "$i")\""
  done
  local started
  started=$(date +%s%N)
  for i in $(seq 1 "$n"); do
    if [ -n "$(node_pid "$i")" ]; then echo "node$i already running"; continue; fi
    start_node "$i" "$seeds"
    # The others join faster once the first seed is Up than while it still waits for them.
    [ "$i" -eq 1 ] && wait_ready 1
  done
  wait_converged "$n"
  echo "all $n nodes see $n members Up: converged $(( ($(date +%s%N) - started) / 1000000 )) ms after starting the first node"
  cmd_status
}

cmd_status() {
  local i pid body any=0
  for i in $(started_nodes); do
    any=1
    pid=$(node_pid "$i")
    if [ -z "$pid" ]; then printf 'node%-3s not running\n' "$i"; continue; fi
    if body=$(http_get "$(management_port "$i")" /cluster/members 2>/dev/null); then
      printf 'node%-3s pid %-7s remoting 127.0.0.1:%s  api http://127.0.0.1:%s  sees %s Up, %s joining, %s leaving/exiting, %s unreachable; leader %s\n' \
        "$i" "$pid" "$(remoting_port "$i")" "$(management_port "$i")" \
        "$(count_status "$body" Up)" "$(count_status "$body" Joining)" \
        "$(( $(count_status "$body" Leaving) + $(count_status "$body" Exiting) ))" "$(count_unreachable "$body")" \
        "$(grep -o '"leader":"[^"]*"' <<<"$body" | cut -d'"' -f4 || echo none)"
    else
      printf 'node%-3s pid %-7s management API not answering (starting, or see %s/node%s.log)\n' "$i" "$pid" "$RUN" "$i"
    fi
  done
  [ "$any" -eq 1 ] || echo "no nodes started (scripts/cluster.sh up N)"
  bash scripts/pg.sh status "$RUN/pg" >/dev/null 2>&1 && echo "PostgreSQL: 127.0.0.1:$PG_PORT" || echo "PostgreSQL: not running"
}

cmd_down() {
  local i
  for i in $(started_nodes); do stop_node "$i" TERM; rm -f "$RUN/node$i.pid"; done
  if [ -d "$RUN/pg" ]; then bash scripts/pg.sh stop "$RUN/pg"; fi
}

case "${1:-}" in
  up) cmd_up "${2:-}" ;;
  status) cmd_status ;;
  stop) [ $# -eq 2 ] || usage; i=$(node_index "$2"); stop_node "$i" TERM ;;
  kill) [ $# -eq 2 ] || usage; i=$(node_index "$2"); stop_node "$i" KILL ;;
  down) cmd_down ;;
  *) usage ;;
esac
