#!/usr/bin/env bash
# SIP over WebSocket (RFC 7118) messages per second through one node, and node CPU per message. The load client is
# tests/TransportBench: CLIENTS WebSocket user agents (subprotocol sip) connect to the node's ws listener and each
# refreshes its own registration back to back (REGISTER and its 200: two SIP messages) for STEP_SECONDS; the
# registrar keeps bindings in memory (storage = "memory"), so the figure is the transport's and the registrar's, not
# the journal's. Each client count gets a fresh node and a warm-up. Node CPU is read from /proc/PID/stat.
#
# Env: CLIENTS ("1 10 100 1000"), STEP_SECONDS (10), WARMUP_SECONDS (5), QUIET_MAX (25), QUIET_WAIT_S (45),
#      NODE_DLL / BENCH_DLL (skip the builds), OUT, MGMT_PORT (18562), REMOTING_PORT (14556), WS_PORT (5072).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
lib="python3 $repo/scripts/bench/benchlib.py"
clients=(${CLIENTS:-1 10 100 1000})
step_seconds=${STEP_SECONDS:-10}; warmup_seconds=${WARMUP_SECONDS:-5}
quiet_max=${QUIET_MAX:-25}; quiet_wait=${QUIET_WAIT_S:-45}
mgmt=${MGMT_PORT:-18562}; remoting=${REMOTING_PORT:-14556}; ws=${WS_PORT:-5072}
out=${OUT:-/tmp/bench-ws-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"; : >"$out/results.txt"

. scripts/bench/transport-bench.sh

start_node() {   # $1 log directory
  mkdir -p "$1/data"
  DOTNET_PROCESSOR_COUNT=2 dotnet "$NODE_DLL" --config hocon/single-node.conf \
    --set akka.remote.dot-netty.tcp.port="$remoting" --set cluster-sip.management.port="$mgmt" \
    --set "cluster-sip.sip.listen=[\"ws:127.0.0.1:$ws\"]" \
    --set cluster-sip.sip.tcp-max-connections-per-source=100000 --set cluster-sip.sip.pike.enabled=off \
    --set 'cluster-sip.registrar.domains=["example.com"]' --set cluster-sip.registrar.storage=memory \
    --set cluster-sip.data-dir="$1/data" >"$1/node.log" 2>&1 &
  node=$!
  local i; for i in $(seq 600); do curl -fs "127.0.0.1:$mgmt/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$node" 2>/dev/null || break; sleep 0.1; done
  echo "node did not start"; tail -20 "$1/node.log"; exit 1
}

echo "bench-ws $(date -u +%FT%TZ) on $(nproc) cores; clients: ${clients[*]}; results in $out"
echo "node: $NODE_DLL (DOTNET_PROCESSOR_COUNT=2), source $(git log -1 --format=%h 2>/dev/null)"
for n in "${clients[@]}"; do
  d=$out/clients-$n; mkdir -p "$d"
  start_node "$d"
  dotnet "$BENCH_DLL" ws "ws://127.0.0.1:$ws/" "$n" "$warmup_seconds" "$node" >"$d/warmup.txt" 2>&1
  read -r bg waited < <($lib quiet $$ "$quiet_max" "$quiet_wait")
  line=$(dotnet "$BENCH_DLL" ws "ws://127.0.0.1:$ws/" "$n" "$step_seconds" "$node" 2>>"$d/errors.log" | tail -1)
  echo "$line background_load=$bg" | tee -a "$out/results.txt"
  stop_pid "$node"; wait "$node" 2>/dev/null; node=""
done
