#!/usr/bin/env bash
# The Interaction Proxy's figures (docs/iproxy-protocol.md, "Figures"), one line each, from tests/IproxyBench (Release):
#   1. deliveries: CLIENTS clients (10), each with its own ClusterId so each gets every event, over TCP; EVENTS (200000)
#      call events published as a callstore group publishes them, paced so no client is closed as slow;
#      deliveries/s = clients x events / seconds (the clients run in the same process and share its CPU);
#   2. replay: one session with a full cache (cache-max-events) resumed REPLAY_ROUNDS times (5): events re-sent per second;
#   3. memory: SESSIONS sessions (1000), each its own ClusterId, disconnected, caches filled to cache-max-events:
#      heap after forced collections per 1,000 sessions (a full default cache is 10,000 lines of about 350 bytes);
#   4. hop: HOP_RATE events/s (4000: 1,000 calls/s of 4 events) published at an even pace for SECONDS_PER_RUN (10), each timed
#      from its publication to its arrival at a client: the proxy's own share of the latency;
#   5. latency: SIPp at RATE calls/s (1000) for SECONDS_PER_RUN through a node with every feature to a SIPp callee: SIP 180 (as
#      the node's dialog sees it) to EventRinging at a client, p50/p99 (the callstore publishes an event when it accepts
#      it, before its journal commit), after WARMUP_SECONDS (5) of the same calls that are not counted. The SIPps run at
#      idle priority (nice 19), so the node under test gets the cores first; SIPP_PRIORITY=normal shares them evenly
#      (on two cores the collector's threads then wait for CPU the load generator holds: p99 60-200 ms at 1,000 calls/s).
# MODES ("deliveries replay memory hop latency") picks some; extra arguments are passed on as --set KEY=VALUE lines.
set -euo pipefail
cd "$(dirname "$0")/.."

modes=(${MODES:-deliveries replay memory hop latency})
sets=()
for s in "$@"; do sets+=(--set "$s"); done

echo "building (Release)..."
dotnet build tests/IproxyBench -c Release -nologo -v q -clp:NoSummary >/dev/null
bench=(dotnet tests/IproxyBench/bin/Release/net10.0/IproxyBench.dll)

for mode in "${modes[@]}"; do
  case $mode in
    deliveries) args=(deliveries "${CLIENTS:-10}" "${EVENTS:-200000}") ;;
    replay) args=(replay "${REPLAY_ROUNDS:-5}") ;;
    memory) args=(memory "${SESSIONS:-1000}") ;;
    hop) args=(hop "${HOP_RATE:-4000}" "${SECONDS_PER_RUN:-10}") ;;
    latency) command -v sipp >/dev/null || { echo "latency: sipp is missing (scripts/install-test-deps.sh)"; continue; }
             args=(latency "${RATE:-1000}" "${SECONDS_PER_RUN:-10}" "${WARMUP_SECONDS:-5}") ;;
    *) echo "MODES: '$mode' is not deliveries, replay, memory, hop or latency" >&2; exit 2 ;;
  esac
  # The in-process node logs logfmt lines; only the result line is kept.
  "${bench[@]}" "${args[@]}" "${sets[@]}" 2>&1 | grep -E '^(deliveries|replay|memory|hop|latency)' || echo "$mode: no result (run tests/IproxyBench by hand to see why)"
done
echo "load average during the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
