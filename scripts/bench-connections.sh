#!/usr/bin/env bash
# How the node bears many slow TCP peers (issue 16's figures): one node process (single-node.conf, a tcp: listener on
# 127.0.0.1:$PORT) and a Python client (scripts/bench/connections.py) that opens CONNECTIONS connections, PER_SOURCE
# from each of many loopback source addresses, each sending the start of an INVITE and then nothing. Prints:
#   - the node's Pss before and after, and bytes per open connection;
#   - how many the node held and how many it refused at once (its total cap, cluster-sip.sip.tcp-max-connections = CAP);
#   - how many are still open after cluster-sip.sip.tcp-message-read-timeout (20 s) has passed: 0 expected.
# Env: CONNECTIONS (12000), PER_SOURCE (50, under tcp-max-connections-per-source 64), CAP (10000), PORT (5370),
#      MGMT_PORT (18659), REMOTING_PORT (14653), NODE_DLL (skip the build).
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${CONNECTIONS:-12000}; per_source=${PER_SOURCE:-50}; cap=${CAP:-10000}
port=${PORT:-5370}; mgmt=${MGMT_PORT:-18659}; remoting=${REMOTING_PORT:-14653}
[ "$(ulimit -n)" -ge $((connections + 100)) ] || ulimit -n $((connections + 100)) 2>/dev/null \
  || { echo "the open-file limit ($(ulimit -n)) is below CONNECTIONS + 100"; exit 1; }
if [ -z "${NODE_DLL:-}" ]; then
  art=/tmp/art-benchconnections
  dotnet build src/Node -c Release --artifacts-path "$art" -nologo -v q >/tmp/bench-connections-build.log 2>&1 \
    || { tail -20 /tmp/bench-connections-build.log; exit 1; }
  NODE_DLL=$art/bin/Node/release/ClusterSip.Node.dll
fi
data=$(mktemp -d)
trap 'kill "$node" 2>/dev/null; wait "$node" 2>/dev/null; rm -rf "$data"' EXIT
dotnet "$NODE_DLL" --config hocon/single-node.conf --set akka.remote.dot-netty.tcp.port="$remoting" \
  --set cluster-sip.management.port="$mgmt" --set "cluster-sip.sip.listen=[\"tcp:127.0.0.1:$port\"]" \
  --set cluster-sip.sip.tcp-max-connections="$cap" --set cluster-sip.data-dir="$data" >"$data/node.log" 2>&1 &
node=$!
for _ in $(seq 600); do curl -fs "127.0.0.1:$mgmt/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "127.0.0.1:$mgmt/health/ready" >/dev/null || { tail -20 "$data/node.log"; exit 1; }
echo "node pid $node, tcp:127.0.0.1:$port, tcp-max-connections=$cap; $connections slow connections, $per_source per source"
python3 scripts/bench/connections.py "$node" 127.0.0.1 "$port" "$connections" "$per_source"
echo "node's counters:"
curl -fs "127.0.0.1:$mgmt/metrics" | grep -E '^clustersip_sip_transport_tcp_(connections|read_timeouts)' || true
