#!/usr/bin/env bash
# Stateless UDP echo throughput of the SIP transport layer (tests/EchoBench, Release) driven by SIPp over loopback:
# OPTIONS in, 200 OK out, at stepped rates. Prints, per step, the requests/s answered, failures, retransmissions and
# the echo server's CPU (100% = one core). Env: RATES (default "2000 5000 10000 20000"), STEP_SECONDS (10), PORT (5070).
set -euo pipefail
cd "$(dirname "$0")/.."

rates=(${RATES:-2000 5000 10000 20000})
step_seconds=${STEP_SECONDS:-10}
port=${PORT:-5070}
artifacts=${ARTIFACTS:-/tmp/art-echobench}
work=$(mktemp -d)

command -v sipp >/dev/null 2>&1 || bash scripts/install-test-deps.sh
dotnet build tests/EchoBench -c Release --artifacts-path "$artifacts" -nologo -v q >"$work/build.log" 2>&1 \
  || { tail -20 "$work/build.log"; exit 1; }

dotnet "$artifacts/bin/EchoBench/release/ClusterSip.EchoBench.dll" "127.0.0.1:$port" >"$work/echo.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  grep -q "echo listening" "$work/echo.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/echo.log"; exit 1; }
  sleep 0.1
done
grep -q "echo listening" "$work/echo.log" || { echo "echo server did not start"; exit 1; }

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
column() { awk -F';' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i } END { print $c }' "$2"; }

printf '%-8s %-10s %-10s %-8s %-10s %-12s %s\n' rate calls answered failed retrans "answered/s" "server CPU"
for rate in "${rates[@]}"; do
  calls=$((rate * step_seconds))
  stat="$work/stat-$rate.csv"
  cpu_before=$(cpu_ticks)
  start=$(date +%s.%N)
  sipp -sf scripts/sipp/echo-options.xml -i 127.0.0.1 -p $((port + 1)) -t u1 -r "$rate" -m "$calls" \
    -timeout $((step_seconds * 3))s -trace_stat -stf "$stat" -fd 1 -nostdin "127.0.0.1:$port" >"$work/sipp-$rate.log" 2>&1 || true
  end=$(date +%s.%N)
  cpu_after=$(cpu_ticks)
  header_and_last="$work/last-$rate.csv"
  { head -1 "$stat"; tail -1 "$stat"; } >"$header_and_last"
  ok=$(column 'SuccessfulCall(C)' "$header_and_last")
  failed=$(column 'FailedCall(C)' "$header_and_last")
  retrans=$(column 'Retransmissions(C)' "$header_and_last")
  awk -v r="$rate" -v c="$calls" -v ok="$ok" -v f="$failed" -v rt="$retrans" -v s="$start" -v e="$end" \
      -v cb="$cpu_before" -v ca="$cpu_after" -v t="$ticks" \
      'BEGIN { w = e - s; printf "%-8d %-10d %-10d %-8d %-10d %-12.0f %.0f%%\n", r, c, ok, f, rt, ok / w, 100 * (ca - cb) / t / w }'
done
