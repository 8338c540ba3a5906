# Sourced by scripts/bench-tls.sh and scripts/bench-ws.sh (run from the repository root, with $out set): builds
# src/Node and tests/TransportBench in Release into a private artifacts directory unless NODE_DLL / BENCH_DLL name
# them, and stops the bench's node ($node) on exit.
art=${ARTIFACTS:-/tmp/art-benchtls}
if [ "${NODE_DLL:-}" = "" ]; then
  echo "building src/Node (Release) into $art ..."
  dotnet build src/Node -c Release --artifacts-path "$art" -nologo -v q >"$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 1; }
  NODE_DLL=$art/bin/Node/release/ClusterSip.Node.dll
fi
if [ "${BENCH_DLL:-}" = "" ]; then
  echo "building tests/TransportBench (Release) into $art ..."
  dotnet build tests/TransportBench -c Release --artifacts-path "$art" -nologo -v q >>"$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 1; }
  BENCH_DLL=$art/bin/TransportBench/release/TransportBench.dll
fi

node=""
stop_pid() { local p=$1 i; [ -n "$p" ] || return 0; kill -TERM "$p" 2>/dev/null || return 0
  for i in $(seq 100); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done; kill -KILL "$p" 2>/dev/null; }
trap 'stop_pid "$node"; wait 2>/dev/null' EXIT
trap 'echo interrupted; exit 130' INT TERM
