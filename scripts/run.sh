#!/usr/bin/env bash
# Builds the node and starts a single-node cluster on the embedded default: SQLite under ./data,
# every port on 127.0.0.1 (remoting 4053, management API 8558, SIP udp/tcp 5060, Interaction
# Proxy 7050). Extra arguments go to the node, e.g.
#   bash scripts/run.sh --set cluster-sip.management.port=18558
# Stop it with Ctrl-C: the node leaves its cluster and exits.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/Node/Node.csproj -c Release -nologo -v q -clp:NoSummary
exec dotnet src/Node/bin/Release/net10.0/ClusterSip.Node.dll --config hocon/single-node.conf "$@"
