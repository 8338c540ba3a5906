#!/usr/bin/env bash
# Registrations per second with digest authentication, side by side, driven by SIPp on 127.0.0.1:
#   kamailio-tlsf  Kamailio 5.6 (scripts/bench/kamailio-registrar.cfg: registrar, usrloc in memory, auth with a
#                  password derived from the user name; -x tlsf -X tlsf, children=2) on :5072;
#   ours-memory    our node, cluster-sip.registrar.storage = memory (usrloc db_mode 0, like that Kamailio) on :5070;
#   ours-journal   our node as it ships: every binding journaled to SQLite before the 200 (durable) on :5070.
# One registration = scripts/sipp/register-auth.xml: REGISTER, 401, REGISTER with MD5 digest (SIPp knows only MD5; the
# node offers MD5 alone here: cluster-sip.auth.algorithms), 200; user uN with password pwN, N from 0, so each run
# registers new users first and refreshes earlier runs' users after them. Each side is warmed up (WARMUP
# registrations at 200/s) and stepped up through RATES until its first run with a failed or unfinished
# registration. Server CPU = utime+stime of the server's processes over the run. After its last run, the memory the
# server grew by per registered user (Pss, from before its warm-up).
# Env: SIDES ("kamailio-tlsf ours-memory ours-journal"), RATES ("1000 2000 4000 6000 8000"), STEP_SECONDS (10),
#      WARMUP (2000), NODE_DLL (skip the build), OUT (results directory), QUIET_MAX (25 % of one core), QUIET_WAIT_S (45)
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
lib="python3 $repo/scripts/bench/benchlib.py"
sides=(${SIDES:-kamailio-tlsf ours-memory ours-journal})
rates=(${RATES:-1000 2000 4000 6000 8000})
step_seconds=${STEP_SECONDS:-10}
warmup=${WARMUP:-2000}
mgmt=18560; remoting=14554
out=${OUT:-/tmp/bench-register-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"; : >"$out/results.txt"
max_rate=0; for r in "${rates[@]}"; do [ "$r" -gt "$max_rate" ] && max_rate=$r; done
users=$(( max_rate * step_seconds > warmup ? max_rate * step_seconds : warmup ))

command -v sipp >/dev/null 2>&1 && command -v kamailio >/dev/null 2>&1 \
  || { apt-get install -y sip-tester kamailio >"$out/apt.log" 2>&1 || { tail -5 "$out/apt.log"; exit 1; }; }
for p in 5060 5070 5072 $mgmt $remoting; do
  if ss -Hlnu "sport = :$p" | grep -q . || ss -Hlnt "sport = :$p" | grep -q .; then echo "port $p is in use"; exit 1; fi
done

# users: SIPp's injection file and the node's credentials (a HOCON file layered on the node's configuration)
python3 - "$users" "$out" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
with open(f'{out}/users.csv', 'w') as f:
    f.write('SEQUENTIAL\n')
    for i in range(n):
        f.write(f'u{i};pw{i};[authentication username=u{i} password=pw{i}]\n')
with open(f'{out}/users.conf', 'w') as f:
    f.write('cluster-sip.auth.users = [\n')
    for i in range(n):
        f.write(f'{{ user = "u{i}", domain = "example.com", password = "pw{i}" }}\n')
    f.write(']\n')
PY

if [ -z "${NODE_DLL:-}" ] && [[ " ${sides[*]} " == *" ours-"* ]]; then
  art=/tmp/art-benchregister
  echo "building src/Node (Release) into $art ..."
  dotnet build src/Node -c Release --artifacts-path "$art" -nologo -v q >"$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 1; }
  NODE_DLL=$art/bin/Node/release/ClusterSip.Node.dll
fi

server=""
stop_server() {
  [ -n "$server" ] || return 0
  local kids; kids=$(pgrep -P "$server" | tr '\n' ' ')
  kill -TERM "$server" $kids 2>/dev/null
  for _ in $(seq 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$server" $kids 2>/dev/null; wait "$server" 2>/dev/null; server=""
}
trap stop_server EXIT
trap 'echo interrupted; exit 130' INT TERM

start_server() {   # $1 side, $2 directory; sets server and port
  local side=$1 d=$2; mkdir -p "$d"
  if [ "$side" = kamailio-tlsf ]; then
    port=5072
    kamailio -f "$repo/scripts/bench/kamailio-registrar.cfg" -DD -E -m 1024 -M 64 -x tlsf -X tlsf -P "$d/kamailio.pid" -Y "$d" >"$d/kamailio.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do ss -Hlnu "sport = :$port" | grep -q . && break; sleep 0.1; done
  else
    port=5070
    DOTNET_PROCESSOR_COUNT=2 dotnet "$NODE_DLL" --config hocon/single-node.conf --config "$out/users.conf" \
      --set akka.remote.dot-netty.tcp.port=$remoting --set cluster-sip.management.port=$mgmt \
      --set "cluster-sip.sip.listen=[\"udp:127.0.0.1:$port\"]" --set 'cluster-sip.registrar.domains=["example.com"]' \
      --set cluster-sip.registrar.storage="${side#ours-}" --set cluster-sip.auth.enabled=on \
      --set 'cluster-sip.auth.algorithms=["MD5"]' --set cluster-sip.data-dir="$d/data" >"$d/node.log" 2>&1 &
    server=$!
    for _ in $(seq 600); do curl -fs "127.0.0.1:$mgmt/health/ready" >/dev/null 2>&1 && break; kill -0 $server 2>/dev/null || break; sleep 0.1; done
  fi
  sleep 0.5
  kill -0 "$server" 2>/dev/null || { echo "$side did not start (see $d)"; exit 1; }
}

run() {   # $1 side, $2 rate, $3 registrations, $4 directory, $5 kind (step|warmup); prints the result line
  local side=$1 rate=$2 count=$3 d=$4 kind=$5 bg=- waited=0 s0 s1 t0 t1 rc
  mkdir -p "$d"
  [ "$kind" = step ] && read -r bg waited < <($lib quiet $$ "${QUIET_MAX:-25}" "${QUIET_WAIT_S:-45}")
  s0=$($lib ticks "$server"); t0=$(date +%s.%N)
  ( cd "$d" && exec timeout -s INT $(( count / rate + 60 )) sipp -sf "$repo/scripts/sipp/register-auth.xml" -inf "$out/users.csv" \
      "127.0.0.1:$port" -i 127.0.0.1 -p 5060 -r "$rate" -m "$count" -nostdin -nd -buff_size 4194304 -fd 1 \
      -recv_timeout 10000 -trace_stat -stf stat.csv -trace_err -error_file errors.log >sipp.screen 2>&1 )
  rc=$?; t1=$(date +%s.%N); s1=$($lib ticks "$server")
  [ "$kind" = warmup ] && return 0
  python3 - "$d/stat.csv" "$side" "$rate" "$count" "$t0" "$t1" "$s0" "$s1" "$rc" "$bg" "$waited" "$(getconf CLK_TCK)" <<'PY' | tee -a "$out/results.txt"
import csv, sys
path, side, rate, count, t0, t1, s0, s1, rc, bg, waited, tck = sys.argv[1:]
rows = list(csv.reader(open(path), delimiter=';'))
h, r = rows[0], rows[-1]
v = lambda k: int(r[h.index(k)])
ok, failed, retrans = v('SuccessfulCall(C)'), v('FailedCall(C)'), v('Retransmissions(C)')
secs = float(t1) - float(t0)
cpu = (int(s1) - int(s0)) / int(tck)
print(f"side={side} rate={rate} ok={ok}/{count} failed={failed} unfinished={int(count) - ok - failed} retrans={retrans}"
      f" achieved={ok / secs:.0f}/s server_cpu={100 * cpu / secs:.0f}% us_per_registration={1e6 * cpu / max(ok, 1):.0f}"
      f" sipp_rc={rc} other_cpu_before={bg}% waited={waited}s")
PY
  grep -q " failed=0 unfinished=0 " <(tail -1 "$out/results.txt")
}

echo "bench-register $(date -u +%FT%TZ) on $(nproc) cores; $users users; rates ${rates[*]}, ${step_seconds}s each; results in $out"
echo "sipp $(sipp -v 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -1), $(kamailio -v 2>/dev/null | head -1)"
[ -n "${NODE_DLL:-}" ] && echo "node: $NODE_DLL, source $(git log -1 --format=%h) + $(git status --porcelain -- src | wc -l) changed files under src/"
for side in "${sides[@]}"; do
  start_server "$side" "$out/$side"
  pss0=$($lib pss "$server")
  run "$side" 200 "$warmup" "$out/$side/warmup" warmup
  last=0
  for rate in "${rates[@]}"; do
    last=$(( rate * step_seconds ))
    run "$side" "$rate" "$last" "$out/$side/$rate" step || break
  done
  pss1=$($lib pss "$server")
  registered=$(( last > warmup ? last : warmup ))
  echo "side=$side memory: Pss ${pss0} kB before the warm-up, ${pss1} kB after the last run, $registered users registered:" \
       "$(( (pss1 - pss0) * 1024 / registered )) bytes per registered user" | tee -a "$out/results.txt"
  stop_server
done
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg). Logs: $out"
