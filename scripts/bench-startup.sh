#!/usr/bin/env bash
# Startup figures on this machine, after a build:
#   1. one node (hocon/single-node.conf): process start to GET /health/ready answering 200,
#      BENCH_RUNS times (default 3), each a fresh process with a fresh data directory;
#   2. a 3-node cluster (scripts/cluster.sh up 3, PostgreSQL already running): first node start to
#      every node seeing 3 members Up.
# Ports: the single node uses remoting 4300, management 8700 (override with BENCH_PORT_OFFSET);
# the cluster uses scripts/cluster.sh's ports. Refuses to run while scripts/cluster.sh has nodes up.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${BENCH_RUNS:-3}
offset=${BENCH_PORT_OFFSET:-0}
remoting=$((4300 + offset)) management=$((8700 + offset)) sip=$((5300 + offset))
dll=src/Node/bin/Release/net10.0/ClusterSip.Node.dll

if ls .run/cluster/node*.pid >/dev/null 2>&1; then
  echo "scripts/cluster.sh has nodes started; run scripts/cluster.sh down first" >&2
  exit 1
fi

echo "building (Release)..."
dotnet build src/Node/Node.csproj -c Release -nologo -v q -clp:NoSummary >/dev/null

ready() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$management/health/ready" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$management" && printf 'GET /health/ready HTTP/1.0\r\n\r\n' >&3 && head -1 <&3 | grep -q ' 200 ') 2>/dev/null
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  dotnet "$dll" --config hocon/single-node.conf \
    --set "akka.remote.dot-netty.tcp.port=$remoting" \
    --set "cluster-sip.management.port=$management" \
    --set "cluster-sip.sip.listen=[\"udp:127.0.0.1:$sip\", \"tcp:127.0.0.1:$sip\"]" \
    --set "cluster-sip.interaction-proxy.port=$((7300 + offset))" \
    --set "cluster-sip.data-dir=$work/data-$run" >"$work/node-$run.log" 2>&1 &
  pid=$!
  until ready; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "the node exited:" >&2; tail -20 "$work/node-$run.log" >&2; exit 1; fi
    if [ $(( ($(date +%s%N) - start) / 1000000000 )) -ge 60 ]; then echo "not ready after 60 s" >&2; kill -TERM "$pid"; exit 1; fi
    sleep 0.02
  done
  echo "single node, run $run: process start to /health/ready: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  start=$(date +%s%N)
  kill -TERM "$pid"
  wait "$pid"
  echo "single node, run $run: SIGTERM to exit (leaving the cluster): $(( ($(date +%s%N) - start) / 1000000 )) ms"
done

echo "3-node cluster (scripts/cluster.sh up 3):"
CLUSTER_NO_BUILD=1 bash scripts/cluster.sh up 3 | grep "converged"
bash scripts/cluster.sh down >/dev/null
