#!/usr/bin/env bash
# The one test command (README.md, .ci/run): installs what the tests need, builds, runs every
# test assembly, and ends with one line "N passed, N failed" summed over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh || { echo "test dependencies failed to install"; echo "0 passed, 1 failed"; exit 1; }

log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
if ! dotnet build Cluster.sln -c Release -nologo -v q -nodeReuse:false >"$log_dir/build.log" 2>&1; then
  grep -E "error|Error" "$log_dir/build.log" | head -40
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

projects=(tests/*/*.Tests.csproj)
dotnet test Cluster.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log_dir/test.log"
status=${PIPESTATUS[0]}

passed=0; failed=0; summaries=0
while read -r f p; do
  passed=$((passed + p)); failed=$((failed + f)); summaries=$((summaries + 1))
done < <(sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), +Passed: +([0-9]+).*/\2 \3/p' "$log_dir/test.log")

if [ "$summaries" -lt "${#projects[@]}" ]; then
  echo "only $summaries of ${#projects[@]} test assemblies reported a summary (a test host crashed or did not run)"
  failed=$((failed + ${#projects[@]} - summaries))
fi
# A test host that crashed still prints a summary of the tests it finished: each aborted run counts as a failure.
aborted=$(grep -c "The active test run was aborted" "$log_dir/test.log")
if [ "$aborted" -gt 0 ]; then
  echo "$aborted test run(s) aborted (a test host crashed): see 'The active test run was aborted' above"
  failed=$((failed + aborted))
fi
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
