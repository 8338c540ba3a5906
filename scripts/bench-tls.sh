#!/usr/bin/env bash
# TLS against plain TCP, side by side, on our node as a stateful proxy driven by SIPp on 127.0.0.1:
# caller scripts/sipp/uac-rr.xml -> node (tcp :5070 / tls :5071) -> callee scripts/bench/uas-rr.xml on :5080
# over the same transport. Sides (SIDES, default "tcp-1 tls-1 tcp-n tls-n"): -1 = one connection carries every
# call (SIPp -t t1/l1: the cost of encrypting messages); -n = one connection per call (-t tn/ln: each call pays a
# TCP connect, and for TLS a full handshake, on the caller's leg). Each side gets a fresh node, a warm-up, then
# RATES stepped up until its first rate with a failed or unfinished call. Measurement helpers (quiet-machine
# wait, CPU ticks, result lines, table) are scripts/bench/benchlib.py's, as in scripts/bench-proxy.sh.
# Prints the table, then per rate that both transports of a mode completed cleanly: server CPU per call,
# TLS/TCP. A throwaway CA and certificates (openssl) are made under OUT; nothing is written to the repository.
#
# SIPp needs TLS support (-t l1/ln): Debian's sip-tester is built without it. Build SIPp with
# "cmake . -DUSE_SSL=1" and point SIPP at it.
#
# Env: SIPP (sipp), SIDES, RATES ("200 500 1000 2000 3000"), STEP_SECONDS (10), WARMUP_CALLS (2000),
#      FIXED_RATE (1000), QUIET_MAX (25), QUIET_WAIT_S (45), NODE_DLL (skip the build), OUT, MGMT_PORT (18560),
#      REMOTING_PORT (14554).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
lib="python3 $repo/scripts/bench/benchlib.py"
sipp=${SIPP:-sipp}
sides=(${SIDES:-tcp-1 tls-1 tcp-n tls-n})
rates=(${RATES:-200 500 1000 2000 3000})
step_seconds=${STEP_SECONDS:-10}; warmup_calls=${WARMUP_CALLS:-2000}; fixed_rate=${FIXED_RATE:-1000}
quiet_max=${QUIET_MAX:-25}; quiet_wait=${QUIET_WAIT_S:-45}
mgmt=${MGMT_PORT:-18560}; remoting=${REMOTING_PORT:-14554}
out=${OUT:-/tmp/bench-tls-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"; : >"$out/results.txt"

command -v "$sipp" >/dev/null 2>&1 || { echo "no SIPp ($sipp): scripts/install-test-deps.sh, or set SIPP"; exit 2; }
if [[ " ${sides[*]} " == *" tls-"* ]] && ! "$sipp" -h 2>&1 | grep -q 'l1:'; then
  echo "$sipp has no TLS transport (-t l1): build SIPp with -DUSE_SSL=1 and set SIPP=/path/to/sipp"; exit 2
fi
command -v openssl >/dev/null 2>&1 || { echo "no openssl: scripts/install-test-deps.sh"; exit 2; }

# --- a CA, and one certificate for 127.0.0.1 used by the node and both SIPp ends ------------------------
pki=$out/pki; mkdir -p "$pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=bench CA" \
  -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$pki/server.key" -out "$pki/server.csr" 2>/dev/null
openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
  -extfile <(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n') -out "$pki/server.pem" 2>/dev/null

if [ "${NODE_DLL:-}" = "" ]; then
  art=${ARTIFACTS:-/tmp/art-benchtls}
  echo "building src/Node (Release) into $art ..."
  dotnet build src/Node -c Release --artifacts-path "$art" -nologo -v q >"$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 1; }
  NODE_DLL=$art/bin/Node/release/ClusterSip.Node.dll
fi

node=""; uas=""
stop_pid() { local p=$1 i; [ -n "$p" ] || return 0; kill -TERM "$p" 2>/dev/null || return 0
  for i in $(seq 100); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done; kill -KILL "$p" 2>/dev/null; }
trap 'stop_pid "$uas"; stop_pid "$node"; wait 2>/dev/null' EXIT
trap 'echo interrupted; exit 130' INT TERM

start_node() {   # $1 transport (tcp|tls), $2 log directory
  mkdir -p "$2/data"
  DOTNET_PROCESSOR_COUNT=2 dotnet "$NODE_DLL" --config hocon/single-node.conf \
    --set akka.remote.dot-netty.tcp.port="$remoting" --set cluster-sip.management.port="$mgmt" \
    --set 'cluster-sip.sip.listen=["tcp:127.0.0.1:5070","tls:127.0.0.1:5071"]' \
    --set "cluster-sip.sip.tls.certificate=\"$pki/server.pem\"" --set "cluster-sip.sip.tls.private-key=\"$pki/server.key\"" \
    --set "cluster-sip.sip.tls.ca-file=\"$pki/ca.pem\"" \
    --set "cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:5080;transport=$1\"]" \
    --set cluster-sip.data-dir="$2/data" --set cluster-sip.tm.fr_timer=5 --set cluster-sip.tm.fr_inv_timer=30 \
    >"$2/node.log" 2>&1 &
  node=$!
  local i; for i in $(seq 600); do curl -fs "127.0.0.1:$mgmt/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$node" 2>/dev/null || break; sleep 0.1; done
  echo "node did not start"; tail -20 "$2/node.log"; exit 1
}

run() {   # $1 side, $2 rate, $3 calls, $4 directory, $5 kind (step|warmup)
  local side=$1 rate=$2 calls=$3 d=$4 kind=$5 proto=${1%-*} conns=${1#*-}
  local t port bg=- waited=0; mkdir -p "$d"
  [ "$proto" = tls ] && { t=l; port=5071; } || { t=t; port=5070; }
  local tls=(-tls_cert "$pki/server.pem" -tls_key "$pki/server.key")
  local common=(-i 127.0.0.1 -nostdin -buff_size 4194304 -trace_stat -fd 1 -l 30000 -max_socket 60000)
  [ "$kind" = step ] && read -r bg waited < <($lib quiet $$ "$quiet_max" "$quiet_wait")
  ( cd "$d" && exec "$sipp" -sf "$repo/scripts/bench/uas-rr.xml" -t "${t}1" "${tls[@]}" "${common[@]}" -p 5080 -stf uas_stat.csv >uas.screen 2>&1 ) &
  uas=$!; echo $uas >"$d/uas.pid"
  local i; for i in $(seq 50); do ss -Hlnt "sport = :5080" | grep -q . && break; sleep 0.1; done
  local dur=$(( (calls + rate - 1) / rate )) s0 s1 t0 t1 rc
  s0=$($lib ticks "$node"); $lib snap "$d/snap0.json"; t0=$(date +%s.%N); times >"$d/times0"
  ( cd "$d" && exec timeout -s INT $(( dur + 60 )) "$sipp" -sf "$repo/scripts/sipp/uac-rr.xml" 127.0.0.1:$port \
      -t "$t$conns" "${tls[@]}" "${common[@]}" -p 5060 -r "$rate" -m "$calls" -d 0 -recv_timeout 10000 \
      -timeout $(( dur + 40 ))s -stf uac_stat.csv -trace_err -error_file uac_errors.log >uac.screen 2>&1 )
  rc=$?
  times >"$d/times1"; t1=$(date +%s.%N); $lib snap "$d/snap1.json"; s1=$($lib ticks "$node")
  sleep 1.2; stop_pid "$uas"; wait "$uas" 2>/dev/null; uas=""
  [ "$kind" = warmup ] && return 0
  local line; line="$($lib step "$d" "$side" "$rate" "$calls" "$t0" "$t1" "$s0" "$s1" "$d/snap0.json" "$d/snap1.json" $$ 0 "$waited" "$bg") server_exited=0"
  echo "kind=step $line uac_rc=$rc" >>"$out/results.txt"
  awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%-6s rate=%-5s ok=%s/%s failed=%s unfinished=%s achieved=%s/s server_cpu=%s%% (%s us/call) other_cpu=%s%%\n",
      v["side"], v["rate"], v["ok"], v["calls"], v["failed"], v["unfinished"], v["achieved"], v["server_cpu_pct"],
      v["server_us_per_call"], v["other_cpu_pct"] }' <<<"$line"
  grep -q ' failed=0 unfinished=0 ' <<<"$line" && grep -q " created=$calls " <<<"$line"
}

echo "bench-tls $(date -u +%FT%TZ) on $(nproc) cores; sides: ${sides[*]}; rates: ${rates[*]}; results in $out"
echo "node: $NODE_DLL (DOTNET_PROCESSOR_COUNT=2), source $(git log -1 --format=%h 2>/dev/null); $("$sipp" -v 2>&1 | grep -o 'v[0-9][0-9.]*' | head -1)"
for side in "${sides[@]}"; do
  case $side in tcp-1|tcp-n|tls-1|tls-n) ;; *) echo "SIDES: '$side' is not tcp-1, tcp-n, tls-1 or tls-n"; exit 2 ;; esac
  start_node "${side%-*}" "$out/$side"
  run "$side" 500 "$warmup_calls" "$out/$side/warmup" warmup
  for rate in "${rates[@]}"; do run "$side" "$rate" $(( rate * step_seconds )) "$out/$side-$rate" step || break; done
  stop_pid "$node"; wait "$node" 2>/dev/null; node=""
done

echo
$lib table "$out/results.txt" "$fixed_rate" | sed '/^Highest clean rate\|^CPU per call\|^Server CPU per/d'
python3 - "$out/results.txt" <<'PY'
import sys
rows = [dict(kv.split('=', 1) for kv in l.split() if '=' in kv) for l in open(sys.argv[1]) if l.strip()]
clean = {(r['side'], int(r['rate'])): r for r in rows if r['failed'] == '0' and r['unfinished'] == '0' and r['created'] == r['calls']}
for mode in ('1', 'n'):
    tcp = max((rt for (s, rt) in clean if s == 'tcp-' + mode), default=0)
    tls = max((rt for (s, rt) in clean if s == 'tls-' + mode), default=0)
    print(f"connections {'shared' if mode == '1' else 'per call'}: highest clean rate tcp {tcp}, tls {tls} calls/s")
    for rate in sorted({rt for (s, rt) in clean if s == 'tcp-' + mode} & {rt for (s, rt) in clean if s == 'tls-' + mode}):
        a, b = int(clean[('tcp-' + mode, rate)]['server_us_per_call']), int(clean[('tls-' + mode, rate)]['server_us_per_call'])
        print(f"  at {rate} calls/s: server CPU per call tcp {a} us, tls {b} us, tls/tcp = {b / max(1, a):.2f}")
PY
