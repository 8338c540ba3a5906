#!/usr/bin/env bash
# Builds the SIP benchmarks in Release and runs them with a short job (in-process, so the build output may live
# outside the source tree). Prints ns/op and bytes allocated per operation.
# Usage: scripts/bench-sip.sh [BenchmarkDotNet args...]   default: --filter '*' --job short
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
artifacts="${BENCH_ARTIFACTS:-/tmp/art-sip-bench}"
results="$artifacts/results"

dotnet build "$root/tests/Benchmarks/Benchmarks.csproj" -c Release --artifacts-path "$artifacts" -nologo -v quiet -clp:NoSummary

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(--filter '*' --job short)
fi

rm -rf "$results"
dotnet "$artifacts/bin/Benchmarks/release/Benchmarks.dll" "${args[@]}" --inProcess --memory \
  --artifacts "$results" --exporters github >/dev/null

# One line per benchmark: mean time per operation and bytes allocated per operation.
echo
printf '%-34s %14s %12s\n' "Benchmark" "Mean/op" "Alloc/op"
for report in "$results"/results/*-report-github.md; do
  awk -F'|' '
    /^\| *Method/ { for (i = 1; i <= NF; i++) { h = $i; gsub(/ /, "", h); col[h] = i }; next }
    /^\|[- :|]+$/ { next }
    /^\|/ { m = $col["Method"]; t = $col["Mean"]; a = $col["Allocated"]; gsub(/^ +| +$/, "", m); gsub(/^ +| +$/, "", t); gsub(/^ +| +$/, "", a); printf "%-34s %14s %12s\n", m, t, a }
  ' "$report"
done
