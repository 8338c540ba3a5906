#!/usr/bin/env bash
# Side-by-side benchmark of our node as a stateful SIP proxy against Kamailio 5.6 (t_relay), both driven
# by SIPp on 127.0.0.1: caller scripts/sipp/uac-rr.xml on :5060 -> proxy -> callee on :5080 (our node on
# :5070, Kamailio on :5072).
#  1. SIPp alone (UAC straight to the UAS, no proxy) at stepped rates: the load generator's ceiling;
#  2. Kamailio (scripts/bench/kamailio.cfg, children=2) started with the TLSF memory manager (-x tlsf -X tlsf,
#     as a performance-minded operator runs it; Debian's default qm manager costs about three times the CPU,
#     see KAM_ALLOCATORS) and our node (DOTNET_PROCESSOR_COUNT=2) all started and warmed up (WARMUP_CALLS), then
#     stepped up through RATES, the servers' runs alternating rate by rate (so all see similar background load),
#     each side until its first rate with a failed or unfinished call (or its server exits);
#  3. memory per 10,000 open transactions: callee scripts/bench/uas-hold.xml answers 180 at once and 200
#     after HOLD_SECONDS, caller at MEM_RATE calls/s for MEM_SECONDS (a fresh server of each kind); memory
#     and transactions in use are sampled every 0.5 s until just before the first 200, so every call's
#     INVITE transaction is open and none has ended: (peak - before) / peak transactions x 10,000.
# One result line per run as it finishes, then the table and the ratios ours/Kamailio-TLSF (highest clean rate,
# server CPU per completed call at FIXED_RATE), and the same against each other Kamailio allocator run. Before each run it waits (bounded) until processes it did
# not start use less than QUIET_MAX % of one core, and reports the load it saw before and during the run.
# Server CPU = utime+stime of the server's processes (/proc), as % of one core over the UAC's run time.
# Peak MB = highest Pss of the server's processes (sum over Kamailio's processes: its 1 GB shared memory is
# pre-faulted by shm_force_alloc, so "shm" = used shared memory, kamcmd core.shmmem real_used).
#
# Env: RATES ("500 1000 2000 3000 4000 5000 6000"; a rate named again runs again: "2000 2000 2000" gives the median of
#      three alternating pairs at FIXED_RATE), STEP_SECONDS (10: calls per run = rate x this),
#      DIRECT_RATES ("$RATES 8000"; DIRECT=0 skips them), FIXED_RATE (2000),
#      KAM_ALLOCATORS ("tlsf": Kamailio's memory managers to run, one side "kamailio-NAME" each, at most two at once;
#      "tlsf qm" adds Debian's default as a second column, on port 5072+1 and binrpc CTL2), SIDES ("kamailio-tlsf ours",
#      from KAM_ALLOCATORS), QUICK=1 (rates
#      "500 1000 2000", 5 s runs, memory run 5 s), UAS (rr: scripts/bench/uas-rr.xml, the built-in uas
#      that also copies Record-Route; builtin: sipp -sn uas), MEM (1: do the memory run), MEM_RATE (1000),
#      MEM_SECONDS (10), HOLD_SECONDS (MEM_SECONDS + 5; peaks are taken before the first 200 is sent), WARMUP_CALLS (3000, at 500/s before the first run of a server),
#      SAMPLE_S (1: Pss/transactions sampling interval during load runs), QUIET_MAX (25 % of one core), QUIET_WAIT_S (45 per run), QUIET_BUDGET_S (240 for the whole script),
#      KAM_DIALOG=1 (Kamailio also runs its dialog module, dlg_manage() on every INVITE, to compare with our node's
#      dialogs), NODE_SETS (extra "key=value" settings for our node, space-separated, e.g.
#      "cluster-sip.dialogs.enabled=off"), SHM_MB (1024), NODE_DLL (skip the build, use this ClusterSip.Node.dll), OUT (results directory,
#      kept: logs, SIPp statistics, results.txt), MGMT_PORT (18559), REMOTING_PORT (14553), CTL (kamailio
#      binrpc, tcp:127.0.0.1:2049), CTL2 (the second Kamailio's, tcp:127.0.0.1:2050).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
lib="python3 $repo/scripts/bench/benchlib.py"

if [ "${QUICK:-0}" = 1 ]; then
  RATES=${RATES:-500 1000 2000}; STEP_SECONDS=${STEP_SECONDS:-5}; DIRECT_RATES=${DIRECT_RATES:-2000 4000}
  MEM_SECONDS=${MEM_SECONDS:-5}; WARMUP_CALLS=${WARMUP_CALLS:-1000}; QUIET_WAIT_S=${QUIET_WAIT_S:-20}
fi
rates=(${RATES:-500 1000 2000 3000 4000 5000 6000})
direct_rates=(${DIRECT_RATES:-${rates[*]} 8000})
step_seconds=${STEP_SECONDS:-10}
fixed_rate=${FIXED_RATE:-2000}
kam_allocators=(${KAM_ALLOCATORS:-tlsf})
for a in "${kam_allocators[@]}"; do
  case $a in tlsf|qm|fm) ;; *) echo "KAM_ALLOCATORS: '$a' is not a Kamailio memory manager (tlsf, qm, fm)"; exit 2 ;; esac
done
sides=(${SIDES:-$(printf 'kamailio-%s ' "${kam_allocators[@]}")ours})
kam_sides=()
for s in "${sides[@]}"; do
  case $s in
    ours) ;;
    kamailio-tlsf|kamailio-qm|kamailio-fm) kam_sides+=("$s") ;;
    *) echo "SIDES: '$s' is not ours or kamailio-ALLOCATOR (tlsf, qm, fm)"; exit 2 ;;
  esac
done
[ ${#kam_sides[@]} -le 2 ] || { echo "at most two Kamailio sides at once (scripts/bench/kamailio.cfg has two port sets)"; exit 2; }
uas_mode=${UAS:-rr}
mem_rate=${MEM_RATE:-1000}; mem_seconds=${MEM_SECONDS:-10}; hold_seconds=${HOLD_SECONDS:-$(( mem_seconds + 5 ))}
warmup_calls=${WARMUP_CALLS:-3000}
quiet_max=${QUIET_MAX:-25}; quiet_wait=${QUIET_WAIT_S:-45}; quiet_budget=${QUIET_BUDGET_S:-240}
shm_mb=${SHM_MB:-1024}
mgmt=${MGMT_PORT:-18559}; remoting=${REMOTING_PORT:-14553}; ctl=${CTL:-tcp:127.0.0.1:2049}; ctl2=${CTL2:-tcp:127.0.0.1:2050}
# The first Kamailio side listens on 5072 (binrpc CTL), a second one on 5073 (CTL2; kamailio.cfg's SECOND_INSTANCE).
second_kam() { [ ${#kam_sides[@]} -eq 2 ] && [ "$1" = "${kam_sides[1]}" ]; }
sip_port() {
  case $1 in
    direct) echo 5080 ;;
    ours) echo 5070 ;;
    *) if second_kam "$1"; then echo 5073; else echo 5072; fi ;;
  esac
}
ctl_of() { if second_kam "$1"; then echo "$ctl2"; else echo "$ctl"; fi; }
out=${OUT:-/tmp/bench-proxy-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"; : >"$out/results.txt"
uac_scen=$repo/scripts/sipp/uac-rr.xml
case $uas_mode in
  rr) uas_args=(-sf "$repo/scripts/bench/uas-rr.xml") ;;
  builtin) uas_args=(-sn uas) ;;
  *) echo "UAS must be rr or builtin"; exit 2 ;;
esac
sipp_common=(-i 127.0.0.1 -nostdin -buff_size 4194304 -trace_stat -fd 1 -l 30000)

# --- dependencies (Debian packages; as root) ---------------------------------------------------------
need=()
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
command -v kamailio >/dev/null 2>&1 && command -v kamcmd >/dev/null 2>&1 || need+=(kamailio)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  apt-get install -y "${need[@]}" >"$out/apt.log" 2>&1 \
    || { apt-get update >>"$out/apt.log" 2>&1 && apt-get install -y "${need[@]}" >>"$out/apt.log" 2>&1; } \
    || { tail -5 "$out/apt.log"; exit 1; }
fi
for p in 5060 5070 5072 5073 5080 "$mgmt" "$remoting" "${ctl##*:}" "${ctl2##*:}"; do
  if ss -Hlnu "sport = :$p" | grep -q . || ss -Hlnt "sport = :$p" | grep -q .; then
    echo "port $p on this machine is in use: stop whatever holds it (or set MGMT_PORT/REMOTING_PORT/CTL)"; exit 1
  fi
done

# --- our node: build into a private artifacts directory (others build src/ in place) ------------------
if [ "${NODE_DLL:-}" = "" ] && [[ " ${sides[*]} " == *" ours "* ]]; then
  art=${ARTIFACTS:-/tmp/art-benchproxy}
  echo "building src/Node (Release) into $art ..."
  dotnet build src/Node -c Release --artifacts-path "$art" -nologo -v q >"$out/build.log" 2>&1 \
    || { tail -20 "$out/build.log"; exit 1; }
  NODE_DLL=$art/bin/Node/release/ClusterSip.Node.dll
fi

declare -A spid=(); uas=""; sampler=""
stop_pid() {   # TERM, wait up to $2 s, then KILL
  local p=$1 i
  [ -n "$p" ] || return 0
  kill -TERM "$p" 2>/dev/null || return 0
  for i in $(seq $(( ${2:-10} * 10 ))); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null
}
stop_server() {   # $1 side; Kamailio's main process stops its children, any left are killed
  local p=${spid[$1]:-} kids k
  [ -n "$p" ] || return 0
  kids=$(pgrep -P "$p" 2>/dev/null | tr '\n' ' ')
  stop_pid "$p" 15
  for k in $kids; do stop_pid "$k" 2; done
  wait "$p" 2>/dev/null; unset "spid[$1]"
}
cleanup() {
  stop_pid "$sampler" 2; stop_pid "$uas" 3
  for side in "${!spid[@]}"; do stop_server "$side"; done
  wait 2>/dev/null
}
trap cleanup EXIT
trap 'echo interrupted; exit 130' INT TERM

# --- servers -------------------------------------------------------------------------------------------
start_server() {   # $1 = kamailio | ours, $2 = directory for its logs
  local side=$1 d=$2 i server; mkdir -p "$d"
  if [ "$side" != ours ]; then
    local alloc=${side#kamailio-} c; c=$(ctl_of "$side")
    local second=(); second_kam "$side" && second=(-A SECOND_INSTANCE)
    [ "${KAM_DIALOG:-0}" = 1 ] && second+=(-A WITH_DIALOG)
    kamailio -f "$repo/scripts/bench/kamailio.cfg" "${second[@]}" -DD -E -m "$shm_mb" -M 64 -x "$alloc" -X "$alloc" \
      -P "$d/kamailio.pid" -Y "$d" >"$d/kamailio.log" 2>&1 &
    server=$!
    for i in $(seq 600); do kamcmd -s "$c" core.uptime >/dev/null 2>&1 && break
      kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kamcmd -s "$c" core.uptime >/dev/null 2>&1 || { echo "kamailio ($alloc) did not start"; tail -20 "$d/kamailio.log"; exit 1; }
    for i in $(seq 50); do ss -Hlnu "sport = :$(sip_port "$side")" | grep -q . && break; sleep 0.1; done
  else
    mkdir -p "$d/data"
    local extra=() kv; for kv in ${NODE_SETS:-}; do extra+=(--set "$kv"); done
    DOTNET_PROCESSOR_COUNT=2 dotnet "$NODE_DLL" --config hocon/single-node.conf "${extra[@]}" \
      --set akka.remote.dot-netty.tcp.port="$remoting" --set cluster-sip.management.port="$mgmt" \
      --set 'cluster-sip.sip.listen=["udp:127.0.0.1:5070","tcp:127.0.0.1:5070"]' \
      --set 'cluster-sip.routing.default-destinations=["sip:127.0.0.1:5080"]' \
      --set cluster-sip.data-dir="$d/data" --set cluster-sip.tm.fr_timer=5 --set cluster-sip.tm.fr_inv_timer=30 \
      >"$d/node.log" 2>&1 &
    server=$!
    for i in $(seq 600); do curl -fs "127.0.0.1:$mgmt/health/ready" >/dev/null 2>&1 && break
      kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    curl -fs "127.0.0.1:$mgmt/health/ready" >/dev/null 2>&1 || { echo "node did not start"; tail -20 "$d/node.log"; exit 1; }
  fi
  spid[$side]=$server
}
state_kind() { if [ "$1" != ours ]; then echo "kamailio:$(ctl_of "$1")"; else echo "node:$mgmt"; fi; }
inuse() {   # transactions the server holds now
  if [ "$1" != ours ]; then kamcmd -s "$(ctl_of "$1")" tm.stats 2>/dev/null | awk '$1 == "current:" {print $2}'
  else curl -fs --max-time 3 "127.0.0.1:$mgmt/statistics/tm" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["statistics"]["inuse_transactions"])' 2>/dev/null
  fi
}
drain() {   # wait (bounded) until the server holds no transaction (they stay wt_timer = 5 s after they end)
  local i n
  for i in $(seq 60); do n=$(inuse "$1"); [ "${n:-1}" = 0 ] && return 0; sleep 0.5; done
  echo "  ($1 still holds ${n:-?} transactions after 30 s)"
}

udp_drops() { awk '/^Udp:/ && $2 ~ /^[0-9]/ {print $6}' /proc/net/snmp; }
quiet_spent=0
# one SIPp run: $1 side (direct|kamailio|ours), $2 rate, $3 calls, $4 run directory, $5 callee (uas|hold),
# $6 kind (step|warmup|mem)
run_load() {
  local side=$1 rate=$2 calls=$3 d=$4 callee=$5 kind=$6
  local target dur recv=10000 bg waited server=${spid[$1]:-}
  mkdir -p "$d"
  target=127.0.0.1:$(sip_port "$side")
  dur=$(( (calls + rate - 1) / rate ))
  bg=-; waited=0
  if [ "$kind" != warmup ]; then
    local budget=$(( quiet_budget - quiet_spent )); [ $budget -gt "$quiet_wait" ] && budget=$quiet_wait
    [ $budget -lt 0 ] && budget=0
    read -r bg waited < <($lib quiet $$ "$quiet_max" "$budget")
    quiet_spent=$(( quiet_spent + waited ))
  fi
  local cargs=("${uas_args[@]}")
  if [ "$callee" = hold ]; then cargs=(-sf "$repo/scripts/bench/uas-hold.xml" -d $(( hold_seconds * 1000 ))); recv=$(( (hold_seconds + 20) * 1000 )); fi
  ( cd "$d" && exec sipp "${cargs[@]}" "${sipp_common[@]}" -p 5080 -stf uas_stat.csv >uas.screen 2>&1 ) &
  uas=$!; echo $uas >"$d/uas.pid"
  local i; for i in $(seq 50); do ss -Hlnu "sport = :5080" | grep -q . && break; sleep 0.1; done
  if [ -n "$server" ] && [ "$kind" != warmup ]; then
    # load runs: peak Pss every SAMPLE_S (1) s; memory run: every 0.5 s until just before the first 200
    local track=- every=${SAMPLE_S:-1}; [ "$callee" = hold ] && { track=$(( hold_seconds * 10 - 10 ))e-1; every=0.5; }
    $lib sample "$server" "$d/mem.txt" $(( dur + hold_seconds + 60 )) "$(state_kind "$side")" "$track" "$every" &
    sampler=$!; sleep 0.6
  fi
  local s0=0 s1=0 dr0 dr1 t0 t1 rc uac
  [ -n "$server" ] && s0=$($lib ticks "$server")
  dr0=$(udp_drops); $lib snap "$d/snap0.json"; t0=$(date +%s.%N); times >"$d/times0"
  ( cd "$d" && exec timeout -s INT $(( dur + recv / 1000 + 45 )) sipp -sf "$uac_scen" "$target" "${sipp_common[@]}" \
      -p 5060 -r "$rate" -m "$calls" -d 0 -recv_timeout "$recv" -timeout $(( dur + recv / 1000 + 30 ))s \
      -stf uac_stat.csv -trace_err -error_file uac_errors.log >uac.screen 2>&1 ) &
  uac=$!; wait $uac; rc=$?
  times >"$d/times1"; t1=$(date +%s.%N); $lib snap "$d/snap1.json"; dr1=$(udp_drops)
  [ -n "$server" ] && s1=$($lib ticks "$server")
  sleep 1.2                                  # the UAS writes its last statistics row
  [ -n "$sampler" ] && { stop_pid "$sampler" 3; wait "$sampler" 2>/dev/null; sampler=""; }
  stop_pid "$uas" 3; wait "$uas" 2>/dev/null; uas=""
  local exited=0
  [ -n "$server" ] && ! kill -0 "$server" 2>/dev/null && exited=1
  [ "$kind" = warmup ] && return $exited
  local line
  line=$($lib step "$d" "$side" "$rate" "$calls" "$t0" "$t1" "$s0" "$s1" "$d/snap0.json" "$d/snap1.json" $$ \
         $(( dr1 - dr0 )) "$waited" "$bg")
  line="$line server_exited=$exited"
  [ "$kind" = mem ] && { echo "$line" >"$d/result.txt"; return 0; }
  echo "kind=step $line uac_rc=$rc" >>"$out/results.txt"
  echo "$line uac_rc=$rc" >"$d/result.txt"
  [ $exited = 1 ] && echo "  $side: THE SERVER EXITED during this run (see its log under $out)"
  awk -v rc="$rc" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%-13s rate=%-5s ok=%s/%s failed=%s unfinished=%s retrans=%s/%s achieved=%s/s server_cpu=%s%% (%s us/call) uac/uas_cpu=%s/%s%% other_cpu=%s%% (before: %s%%, waited %ss) peak=%sMB%s udp_drops=%s\n",
      v["side"], v["rate"], v["ok"], v["calls"], v["failed"], v["unfinished"], v["retrans_uac"], v["retrans_uas"],
      v["achieved"], v["server_cpu_pct"], v["server_us_per_call"], v["uac_cpu_pct"], v["uas_cpu_pct"],
      v["other_cpu_pct"], v["bg_before_pct"], v["waited_s"], v["peak_mb"],
      (v["shm_peak_mb"] != "-" ? " shm=" v["shm_peak_mb"] "MB" : ""), v["udp_drops"] }' <<<"$line"
  if [ $exited = 1 ] || ! grep -q ' failed=0 unfinished=0 ' <<<"$line" || ! grep -q " created=$calls " <<<"$line"; then return 1; fi
  return 0
}

# --- what is measured -----------------------------------------------------------------------------------
echo "bench-proxy $(date -u +%FT%TZ) on $(nproc) cores; results in $out"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sipp $(sipp -v 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -1), $(kamailio -v 2>/dev/null | head -1)"
if [[ " ${sides[*]} " == *" ours "* ]]; then
  echo "node: $NODE_DLL built $(date -u -r "$NODE_DLL" +%FT%TZ), sha256 $(sha256sum "$NODE_DLL" | cut -c1-12);" \
       "source: $(git log -1 --format=%h 2>/dev/null) + $(git status --porcelain -- src 2>/dev/null | wc -l) changed files under src/"
  echo "node runtime: DOTNET_PROCESSOR_COUNT=2 (Environment.ProcessorCount = 2: thread pool min 2 workers," \
       "server GC with 2 heaps, no background collections, as in its runtimeconfig)"
fi
if [ ${#kam_sides[@]} -gt 0 ]; then
  echo "Kamailio: children=2 (UDP), tcp_children=2, -m $shm_mb -M 64; memory managers (-x/-X): ${kam_sides[*]#kamailio-}" \
       "(the reference is TLSF: the ratios are against kamailio-tlsf)$([ "${KAM_DIALOG:-0}" = 1 ] && echo '; dialog module on (dlg_manage)')"
fi
[ -n "${NODE_SETS:-}" ] && echo "our node with: $NODE_SETS"
echo "caller scripts/sipp/uac-rr.xml, callee $([ "$uas_mode" = rr ] && echo scripts/bench/uas-rr.xml || echo 'sipp -sn uas');" \
     "rates: ${rates[*]}; ${step_seconds}s per run; FIXED_RATE $fixed_rate"
echo

# 1. SIPp alone
[ "${DIRECT:-1}" = 1 ] || direct_rates=()
for rate in "${direct_rates[@]}"; do
  run_load direct "$rate" $(( rate * step_seconds )) "$out/direct-$rate" uas step || break
done

# 2. every proxy up and warmed up, then stepped up with their runs alternating
declare -A done_side=()
for side in "${sides[@]}"; do
  start_server "$side" "$out/$side"
  run_load "$side" 500 "$warmup_calls" "$out/$side/warmup" uas warmup || { echo "$side exited during its warm-up"; done_side[$side]=1; }
done
for side in "${sides[@]}"; do   # idle CPU of each server, after its warm-up
  [ -n "${done_side[$side]:-}" ] && continue
  drain "$side"; t0=$($lib ticks "${spid[$side]}"); sleep 5; t1=$($lib ticks "${spid[$side]}")
  pct=$(( (t1 - t0) * 100 / $(getconf CLK_TCK) / 5 ))
  echo "kind=idle side=$side seconds=5 pct=$pct" >>"$out/results.txt"; echo "$side idle (no calls, 5 s): ${pct}% of one core"
done
step=0
for rate in "${rates[@]}"; do
  step=$((step + 1))
  for side in "${sides[@]}"; do
    [ -n "${done_side[$side]:-}" ] && continue
    for s2 in "${!spid[@]}"; do drain "$s2"; done
    run_load "$side" "$rate" $(( rate * step_seconds )) "$out/$side-$rate-$step" uas step || done_side[$side]=1
  done
done
for side in "${sides[@]}"; do stop_server "$side"; done

# 3. memory per 10,000 open transactions (fresh server; a short warm-up for the JIT, then drained)
if [ "${MEM:-1}" = 1 ]; then
  for side in "${sides[@]}"; do
    d=$out/mem-$side; mkdir -p "$d"
    start_server "$side" "$d"
    run_load "$side" 200 1000 "$d/warmup" uas warmup || echo "  $side exited during its warm-up"
    drain "$side"
    run_load "$side" "$mem_rate" $(( mem_rate * mem_seconds )) "$d" hold mem
    stop_server "$side"
    summary=$(python3 - "$d/mem.txt" "$d/result.txt" "$side" <<'EOF'
import sys
m = dict(kv.split('=') for kv in open(sys.argv[1]).read().split())
r = dict(kv.split('=', 1) for kv in open(sys.argv[2]).read().split() if '=' in kv)
m = {k: int(v) for k, v in m.items()}
n = m['inuse_peak']
per = lambda b: b / n * 10000 / 1048576 if n > 0 else float('nan')
dp = (m['pss_peak_kb'] - m['pss0_kb']) * 1024
s = (f"{per(dp):.1f}_MB_(Pss_of_the_server's_processes:_{m['pss0_kb']/1024:.1f}_MB_before,_{m['pss_peak_kb']/1024:.1f}_MB_peak,"
     f"_{n}_transactions_in_use_at_the_peak;_calls_ok_{r.get('ok')}/{r.get('calls')},_failed_{r.get('failed')})")
if sys.argv[3].startswith('kamailio') and m.get('shm_peak', -1) >= 0:
    ds = m['shm_peak'] - m['shm0']
    s = (f"{per(ds):.1f}_MB_of_shared_memory_(kamcmd_core.shmmem_real_used:_{m['shm0']/1048576:.1f}_MB_before,"
         f"_{m['shm_peak']/1048576:.1f}_MB_peak,_{n}_transactions_in_use_(tm.stats_current)_at_the_peak;"
         f"_Pss_grew_{dp/1048576:.1f}_MB_=_{per(dp):.1f}_MB_per_10k_(shm_is_pre-faulted);_calls_ok_{r.get('ok')}/{r.get('calls')},_failed_{r.get('failed')})")
print(s)
EOF
)
    echo "kind=mem side=$side summary=$summary" >>"$out/results.txt"
    echo "memory $side: ${summary//_/ }"
  done
fi

echo
echo "=== bench-proxy $(date -u +%FT%TZ): results (server CPU and SIPp CPU in % of one core; peak MB = server Pss) ==="
$lib table "$out/results.txt" "$fixed_rate"
echo "quiet-machine waits: ${quiet_spent}s in total (QUIET_MAX ${quiet_max}%, per run ${quiet_wait}s, budget ${quiet_budget}s);" \
     "load average now: $(cut -d' ' -f1-3 /proc/loadavg). Logs: $out"
