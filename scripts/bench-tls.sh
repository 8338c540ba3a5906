#!/usr/bin/env bash
# TLS against plain TCP, side by side: call setup rate and node CPU per call through one node as a stateful,
# record-routing proxy. The load client is tests/TransportBench (Debian's SIPp has no TLS): its caller places calls
# (INVITE, 200, ACK, BYE, 200) at a fixed rate to the node (tcp :5070 / tls :5071), which routes them to its callee
# on 127.0.0.1:5080 over the same transport. Sides (SIDES, default "tcp-1 tls-1 tcp-n tls-n"): -1 = one caller
# connection carries every call (the cost of encrypting messages); -n = a connection per call (each call pays a TCP
# connect, and for TLS a full handshake, on the caller's leg). Each side gets a fresh node and a warm-up, then RATES
# stepped up until its first rate with a failed call. Node CPU is read from /proc/PID/stat by the client. Every
# connection comes from 127.0.0.1, so the node's per-source connection cap is lifted and pike is off.
# A throwaway CA and certificate (openssl) are made under OUT; nothing is written to the repository.
#
# Env: SIDES, RATES ("200 500 1000 2000"), STEP_SECONDS (10), WARMUP_SECONDS (5), QUIET_MAX (25), QUIET_WAIT_S (45),
#      NODE_DLL / BENCH_DLL (skip the builds), OUT, MGMT_PORT (18560), REMOTING_PORT (14554).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
lib="python3 $repo/scripts/bench/benchlib.py"
sides=(${SIDES:-tcp-1 tls-1 tcp-n tls-n})
rates=(${RATES:-200 500 1000 2000})
step_seconds=${STEP_SECONDS:-10}; warmup_seconds=${WARMUP_SECONDS:-5}
quiet_max=${QUIET_MAX:-25}; quiet_wait=${QUIET_WAIT_S:-45}
mgmt=${MGMT_PORT:-18560}; remoting=${REMOTING_PORT:-14554}
out=${OUT:-/tmp/bench-tls-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"; : >"$out/results.txt"
command -v openssl >/dev/null 2>&1 || { echo "no openssl: scripts/install-test-deps.sh"; exit 2; }

# --- a CA, and one certificate for 127.0.0.1 used by the node and both ends of the load client ------------
pki=$out/pki; mkdir -p "$pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=bench CA" \
  -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$pki/server.key" -out "$pki/server.csr" 2>/dev/null
openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
  -extfile <(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n') -out "$pki/server.pem" 2>/dev/null

. scripts/bench/transport-bench.sh

start_node() {   # $1 transport (tcp|tls), $2 log directory
  mkdir -p "$2/data"
  DOTNET_PROCESSOR_COUNT=2 dotnet "$NODE_DLL" --config hocon/single-node.conf \
    --set akka.remote.dot-netty.tcp.port="$remoting" --set cluster-sip.management.port="$mgmt" \
    --set 'cluster-sip.sip.listen=["tcp:127.0.0.1:5070","tls:127.0.0.1:5071"]' \
    --set "cluster-sip.sip.tls.certificate=\"$pki/server.pem\"" --set "cluster-sip.sip.tls.private-key=\"$pki/server.key\"" \
    --set "cluster-sip.sip.tls.ca-file=\"$pki/ca.pem\"" --set cluster-sip.routing.record-route=on \
    --set cluster-sip.sip.tcp-max-connections-per-source=100000 --set cluster-sip.sip.pike.enabled=off \
    --set "cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:5080;transport=$1\"]" \
    --set cluster-sip.data-dir="$2/data" --set cluster-sip.tm.fr_timer=5 --set cluster-sip.tm.fr_inv_timer=30 \
    >"$2/node.log" 2>&1 &
  node=$!
  local i; for i in $(seq 600); do curl -fs "127.0.0.1:$mgmt/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$node" 2>/dev/null || break; sleep 0.1; done
  echo "node did not start"; tail -20 "$2/node.log"; exit 1
}

run() {   # $1 side, $2 rate, $3 seconds; prints the client's result line
  local proto=${1%-*} conns=${1#*-} port=5070 extra=()
  [ "$proto" = tls ] && { port=5071; extra=(--cert "$pki/server.pem" --key "$pki/server.key"); }
  [ "$conns" = n ] && extra+=(--per-call)
  dotnet "$BENCH_DLL" calls "$proto" "$port" 5080 "$2" "$3" "$node" "${extra[@]}"
}

echo "bench-tls $(date -u +%FT%TZ) on $(nproc) cores; sides: ${sides[*]}; rates: ${rates[*]}; results in $out"
echo "node: $NODE_DLL (DOTNET_PROCESSOR_COUNT=2), source $(git log -1 --format=%h 2>/dev/null)"
for side in "${sides[@]}"; do
  case $side in tcp-1|tcp-n|tls-1|tls-n) ;; *) echo "SIDES: '$side' is not tcp-1, tcp-n, tls-1 or tls-n"; exit 2 ;; esac
  start_node "${side%-*}" "$out/$side"
  run "$side" 100 "$warmup_seconds" >"$out/$side/warmup.txt" 2>&1
  for rate in "${rates[@]}"; do
    read -r bg waited < <($lib quiet $$ "$quiet_max" "$quiet_wait")
    line=$(run "$side" "$rate" "$step_seconds" 2>>"$out/$side/errors.log" | tail -1)
    echo "side=$side $line background_load=$bg" | tee -a "$out/results.txt"
    grep -q ' failed=0 ' <<<"$line" && grep -q " ok=$(( rate * step_seconds )) " <<<"$line" || break
  done
  stop_pid "$node"; wait "$node" 2>/dev/null; node=""
done

echo
python3 - "$out/results.txt" <<'PY'
import sys
rows = [dict(kv.split('=', 1) for kv in l.split() if '=' in kv) for l in open(sys.argv[1]) if l.strip()]
clean = {(r['side'], int(r['rate'])): r for r in rows if r.get('failed') == '0' and r.get('ok') == r.get('calls')}
for mode in ('1', 'n'):
    tcp = max((rt for (s, rt) in clean if s == 'tcp-' + mode), default=0)
    tls = max((rt for (s, rt) in clean if s == 'tls-' + mode), default=0)
    print(f"connections {'shared' if mode == '1' else 'per call'}: highest clean rate tcp {tcp}, tls {tls} calls/s")
    for rate in sorted({rt for (s, rt) in clean if s == 'tcp-' + mode} & {rt for (s, rt) in clean if s == 'tls-' + mode}):
        a, b = int(clean[('tcp-' + mode, rate)]['node_us_per_call']), int(clean[('tls-' + mode, rate)]['node_us_per_call'])
        print(f"  at {rate} calls/s: achieved tcp {clean[('tcp-' + mode, rate)]['achieved']}, tls {clean[('tls-' + mode, rate)]['achieved']} calls/s;"
              f" node CPU per call tcp {a} us, tls {b} us, tls/tcp = {b / max(1, a):.2f}")
PY
