#!/usr/bin/env bash
# Leak soak of the stateful proxy: CALLS calls (1,000,000) at RATE calls/s (2000) through one node (UDP, 127.0.0.1),
# caller scripts/sipp/uac-rr.xml on :5060, callee scripts/bench/uas-rr.xml on :5080, node on :5070. Every PROGRESS_S
# seconds it prints the calls so far, transactions in use and the node's RSS; after the last call it waits until the
# node holds no transaction (wt_timer 5 s, Timer K) and prints the verdict: completed/failed calls, transactions in
# use (inuse_transactions: must be 0; the exit status says so), RSS before, at the peak and after the drain.
# A warm-up of WARMUP_CALLS (3000) at 500/s comes first: a cold node (JIT) cannot take thousands of calls a second.
# Env: CALLS (1000000), RATE (2000), PROGRESS_S (30), WARMUP_CALLS, NODE_DLL (skip the build), OUT (results directory),
#      NODE_SETS (extra "key=value" settings for the node, space-separated, e.g. "cluster-sip.dialogs.enabled=off"),
#      MGMT_PORT (18560), REMOTING_PORT (14554).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
calls=${CALLS:-1000000}; rate=${RATE:-2000}; every=${PROGRESS_S:-30}
mgmt=${MGMT_PORT:-18560}; remoting=${REMOTING_PORT:-14554}
out=${OUT:-/tmp/soak-proxy-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/data"
command -v sipp >/dev/null 2>&1 || bash scripts/install-test-deps.sh >"$out/deps.log" 2>&1 || { echo "sipp missing"; exit 1; }
for p in 5060 5070 5080 "$mgmt" "$remoting"; do
  if ss -Hlnu "sport = :$p" | grep -q . || ss -Hlnt "sport = :$p" | grep -q .; then echo "port $p is in use"; exit 1; fi
done

if [ -z "${NODE_DLL:-}" ]; then
  art=/tmp/art-soak
  dotnet build src/Node -c Release --artifacts-path "$art" -nologo -v q >"$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 1; }
  NODE_DLL=$art/bin/Node/release/ClusterSip.Node.dll
fi

node=""; uas=""
cleanup() { for p in $uas $node; do kill -TERM "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

extra=(); for kv in ${NODE_SETS:-}; do extra+=(--set "$kv"); done
DOTNET_PROCESSOR_COUNT=2 dotnet "$NODE_DLL" --config hocon/single-node.conf "${extra[@]}" \
  --set akka.remote.dot-netty.tcp.port="$remoting" --set cluster-sip.management.port="$mgmt" \
  --set 'cluster-sip.sip.listen=["udp:127.0.0.1:5070"]' \
  --set 'cluster-sip.routing.default-destinations=["sip:127.0.0.1:5080"]' \
  --set cluster-sip.data-dir="$out/data" --set cluster-sip.tm.fr_timer=5 --set cluster-sip.tm.fr_inv_timer=30 \
  >"$out/node.log" 2>&1 &
node=$!
for _ in $(seq 300); do curl -fs "127.0.0.1:$mgmt/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "127.0.0.1:$mgmt/health/ready" >/dev/null || { echo "node did not start"; tail -20 "$out/node.log"; exit 1; }

stat() { curl -fs --max-time 3 "127.0.0.1:$mgmt/statistics/tm" | python3 -c 'import json,sys; s=json.load(sys.stdin)["statistics"]; print(s["inuse_transactions"], s["UAS_transactions"])' 2>/dev/null || echo "? ?"; }
rss() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$node/status" 2>/dev/null; }

( cd "$out" && exec sipp -sf "$repo/scripts/bench/uas-rr.xml" -i 127.0.0.1 -p 5080 -nostdin -buff_size 4194304 -fd 1 -trace_stat >uas.screen 2>&1 ) &
uas=$!
sleep 0.5
( cd "$out" && exec sipp -sf "$repo/scripts/sipp/uac-rr.xml" 127.0.0.1:5070 -i 127.0.0.1 -p 5060 -nostdin -buff_size 4194304 \
    -r 500 -m "${WARMUP_CALLS:-3000}" -d 0 -l 30000 -fd 5 >warmup.screen 2>&1 ) || echo "warm-up had failed calls (see $out/warmup.screen)"
for _ in $(seq 120); do read -r inuse _ < <(stat); [ "$inuse" = 0 ] && break; sleep 0.5; done
rss0=$(rss); peak=$rss0
echo "soak: $calls calls at $rate/s through $NODE_DLL; RSS before: ${rss0} MB; results in $out"
start=$(date +%s)
( cd "$out" && exec sipp -sf "$repo/scripts/sipp/uac-rr.xml" 127.0.0.1:5070 -i 127.0.0.1 -p 5060 -nostdin -buff_size 4194304 \
    -r "$rate" -m "$calls" -d 0 -l 30000 -recv_timeout 10000 -trace_stat -stf uac_stat.csv -fd 5 \
    -trace_err -error_file uac_errors.log >uac.screen 2>&1 ) &
uac=$!
while kill -0 "$uac" 2>/dev/null; do
  sleep "$every"
  r=$(rss); [ -n "$r" ] && [ "$r" -gt "$peak" ] && peak=$r
  read -r inuse uas_total < <(stat)
  printf '  %4ds  UAS transactions %s  in use %s  RSS %s MB\n' $(( $(date +%s) - start )) "$uas_total" "$inuse" "$r"
done
wait "$uac"; rc=$?
elapsed=$(( $(date +%s) - start ))
inuse="?"
for _ in $(seq 120); do read -r inuse _ < <(stat); [ "$inuse" = 0 ] && break; sleep 0.5; done
read -r ok failed < <(python3 - "$out/uac_stat.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
d = dict(zip(rows[0], rows[-1]))
print(d.get("SuccessfulCall(C)", "?"), d.get("FailedCall(C)", "?"))
PY
)
echo "soak done in ${elapsed}s (sipp exit $rc): calls ok $ok, failed $failed; transactions in use after drain: $inuse"
echo "RSS: before ${rss0} MB, peak ${peak} MB (sampled every ${every}s), after drain $(rss) MB"
[ "$inuse" = 0 ]
