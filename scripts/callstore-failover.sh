#!/usr/bin/env bash
# Callstore and registrar failover with real processes: kill -9 of the node running a group's active instance
# mid-traffic.
#   scripts/callstore-failover.sh
# Starts PostgreSQL and three nodes with scripts/cluster.sh (ports shifted by CLUSTER_PORT_OFFSET, default 300;
# files under CLUSTER_RUN_DIR, default .run/failover, emptied first). Callstore group 1 has three instances:
# order 1 on node1, 2 on node2, 3 on node3. SIPp uas answers every call. One SIPp uac calls through node3 (which
# neither hosts the active instance nor dies) for the whole run; another makes long calls through node1, so that
# some are active on it when it dies. FAILOVER_KILL_AFTER seconds into the traffic node1 gets SIGKILL.
# It prints the handover time (the kill to node2's instance accepting its first event, seen through
# GET /callstore/groups; and to its "is active here" log line), the calls, the CDRs (from PostgreSQL), the calls
# closed as node-lost and the group's journal, then the same as key=value lines.
# Exit status 0 when every outcome holds: node2 (order 2) active; every call through node3 with exactly one CDR,
# none lost; every call through node1 closed (its CDR says node-lost unless it ended before the kill); no call left
# active; journal sequence numbers gap-free; every registration made through node3 before the kill (the registrar's
# partitions are spread over the three nodes, about a third of them on node1) still found through node3 after it.
# 1 otherwise.
# Environment (defaults): FAILOVER_CALLS=300 calls through node3 at FAILOVER_RATE=20 per second, each held
# FAILOVER_HOLD_MS=2000; FAILOVER_VICTIM_CALLS=10 calls through node1 (held until the end); FAILOVER_KILL_AFTER=5;
# FAILOVER_REGISTRATIONS=30 users registered (no authentication) through node3 before the traffic.
# Other CLUSTER_SIP__* and AKKA__* variables reach every node (e.g. AKKA__CLUSTER__FAILURE_DETECTOR__ACCEPTABLE_HEARTBEAT_PAUSE=3s).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CLUSTER_PORT_OFFSET=${CLUSTER_PORT_OFFSET:-300}
export CLUSTER_RUN_DIR=${CLUSTER_RUN_DIR:-$ROOT/.run/failover}
RUN=$CLUSTER_RUN_DIR
OFFSET=$CLUSTER_PORT_OFFSET
CALLS=${FAILOVER_CALLS:-300}
RATE=${FAILOVER_RATE:-20}
HOLD_MS=${FAILOVER_HOLD_MS:-2000}
VICTIM_CALLS=${FAILOVER_VICTIM_CALLS:-10}
KILL_AFTER=${FAILOVER_KILL_AFTER:-5}
BOUND=${FAILOVER_WAIT_SECONDS:-120}
REGISTRATIONS=${FAILOVER_REGISTRATIONS:-30}

remoting_port() { echo $((4100 + OFFSET + $1)); }
api() { curl -fsS --max-time 3 "http://127.0.0.1:$((8600 + OFFSET + $1))$2"; }
sip_target() { echo "127.0.0.1:$((5100 + OFFSET + $1))"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
psql_value() { psql -h 127.0.0.1 -p $((55432 + OFFSET)) -U postgres -d postgres -tAc "$1"; }
# From GET /callstore/groups (one group): the active node's address, the journal's sequence number, the active calls.
group_field() { grep -o "\"$1\":[^,}]*" <<<"$2" | head -1 | cut -d: -f2- | tr -d '"'; }

CALLEE_PORT=$((5190 + OFFSET))
CALLER_PORT=$((5191 + OFFSET))
VICTIM_CALLER_PORT=$((5192 + OFFSET))
REGISTRAR_PORT=$((5193 + OFFSET))
SIPP_PIDS=()

cleanup() {
  local pid
  for pid in "${SIPP_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  bash scripts/cluster.sh down >/dev/null 2>&1 || true
}

bash scripts/cluster.sh down >/dev/null 2>&1 || true
rm -rf "$RUN"
mkdir -p "$RUN"
trap cleanup EXIT
trap 'exit 143' TERM INT

export CLUSTER_SIP__CALLSTORE__INSTANCES='[
  { name = "cs1", roletype = "callstore", group = 1, order = 1, iface = "node1", include_domains = [] },
  { name = "cs2", roletype = "callstore", group = 1, order = 2, iface = "node2", include_domains = [] },
  { name = "cs3", roletype = "callstore", group = 1, order = 3, iface = "node3", include_domains = [] } ]'
export CLUSTER_SIP__ROUTING__DEFAULT_DESTINATIONS="[\"sip:127.0.0.1:$CALLEE_PORT\"]"
export CLUSTER_SIP__REGISTRAR__DOMAINS='["example.com"]'

sipp -sn uas -i 127.0.0.1 -p "$CALLEE_PORT" -nostdin >"$RUN/uas.log" 2>&1 &
SIPP_PIDS+=($!)
bash scripts/cluster.sh up 3 >"$RUN/cluster-up.log" 2>&1 || { cat "$RUN/cluster-up.log" >&2; exit 1; }

deadline=$((SECONDS + BOUND))
until groups=$(api 3 /callstore/groups 2>/dev/null) && [ "$(group_field active "$groups")" = "cluster-sip@127.0.0.1:$(remoting_port 1)" ]; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "group 1 did not become active on node1: ${groups:-no answer}" >&2; exit 1; }
  sleep 0.2
done
echo "3 nodes up; callstore group 1 active on node1 (order 1)"

# GET /location asks every registrar partition: once it answers, each has been placed on a node and recovered.
deadline=$((SECONDS + BOUND))
until api 3 /location >/dev/null 2>&1; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "the registrar's partitions did not all start within $BOUND s" >&2; exit 1; }
  sleep 0.5
done
{ echo SEQUENTIAL; for i in $(seq "$REGISTRATIONS"); do echo "reg$i;"; done; } >"$RUN/users.csv"
sipp -sf scripts/sipp/register.xml -inf "$RUN/users.csv" "$(sip_target 3)" -i 127.0.0.1 -p "$REGISTRAR_PORT" -m "$REGISTRATIONS" \
  -r 50 -timeout "${BOUND}s" -nostdin -trace_err -error_file "$RUN/register-errors.log" >"$RUN/register.log" 2>&1 \
  || { echo "registering $REGISTRATIONS users through node3 failed: $(grep -m1 'SIP/2.0' "$RUN/register-errors.log" 2>/dev/null)" >&2; exit 1; }
echo "$REGISTRATIONS users registered through node3"

sipp -sn uac "$(sip_target 3)" -i 127.0.0.1 -p "$CALLER_PORT" -s survivor -m "$CALLS" -r "$RATE" -d "$HOLD_MS" \
  -timeout "$((CALLS / RATE + BOUND))s" -nostdin -trace_screen -screen_file "$RUN/uac-node3.screen" >"$RUN/uac-node3.log" 2>&1 &
CALLER=$!
SIPP_PIDS+=("$CALLER")
sipp -sn uac "$(sip_target 1)" -i 127.0.0.1 -p "$VICTIM_CALLER_PORT" -s victim -m "$VICTIM_CALLS" -r 10 -d 3600000 \
  -nostdin >"$RUN/uac-node1.log" 2>&1 &
SIPP_PIDS+=($!)
echo "traffic: $CALLS calls through node3 at $RATE/s held ${HOLD_MS} ms; $VICTIM_CALLS long calls through node1"

sleep "$KILL_AFTER"
before=$(group_field journalSequenceNr "$(api 3 /callstore/groups)")
killed_at=$(now_ms)
bash scripts/cluster.sh kill node1 >/dev/null
echo "node1 killed (SIGKILL) at journal sequence $before"

new_active="cluster-sip@127.0.0.1:$(remoting_port 2)"
active_at="" accepted_at=""
deadline=$((SECONDS + BOUND))
while [ -z "$accepted_at" ]; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "node2 did not take over within $BOUND s: ${groups:-no answer}" >&2; exit 1; }
  if groups=$(api 3 /callstore/groups 2>/dev/null) && [ "$(group_field active "$groups")" = "$new_active" ]; then
    [ -n "$active_at" ] || active_at=$(now_ms)
    sequence=$(group_field journalSequenceNr "$groups")
    if [[ "$sequence" =~ ^[0-9]+$ ]] && [ "$sequence" -gt "$before" ]; then accepted_at=$(now_ms); fi
  fi
  sleep 0.05
done
# Milliseconds from the kill to the first line of node2's log after it that holds the text; empty when none does.
since_kill() {
  local line ms
  while IFS= read -r line; do
    ms=$(( $(date -d "$(grep -o 'ts=[^ ]*' <<<"$line" | cut -d= -f2)" +%s%N) / 1000000 - killed_at ))
    if [ "$ms" -ge 0 ]; then echo "$ms"; return; fi
  done < <(grep -F "$1" "$RUN/node2.log" || true)
}
log_ms=$(since_kill "callstore group 1 is active here")
echo "handover: node2 (order 2) accepted its first event $((accepted_at - killed_at)) ms after the kill" \
  "(shown active after $((active_at - killed_at)) ms)"
echo "  by node2's log, ms after the kill: node1 unreachable $(since_kill "Marking node(s) as UNREACHABLE"), downed" \
  "$(since_kill "SBR took decision"), removed $(since_kill "Leader is removing unreachable node"), order 2 elected" \
  "$(since_kill "electing instance cs2"), its store recovered $log_ms"

wait "$CALLER" || true
screen=$(cat "$RUN/uac-node3.screen" 2>/dev/null || true)
sipp_count() { grep -E "^\s*$1\s*\|" <<<"$screen" | tail -1 | awk -F'|' '{gsub(/ /, "", $3); print $3}' || true; }
created=$(sipp_count "Outgoing calls created")
succeeded=$(sipp_count "Successful call")
failed=$(sipp_count "Failed call")
echo "calls through node3: ${created:-?} started, ${succeeded:-?} completed, ${failed:-?} failed"

# The calls through node1 end as node-lost when node2 recovers the group; then every CDR is written.
deadline=$((SECONDS + BOUND))
until groups=$(api 3 /callstore/groups 2>/dev/null) && [ "$(group_field activeCalls "$groups")" = "0" ] \
  && [ "$(psql_value "SELECT count(*) FROM callstore_cdrs")" -ge "$((${created:-0} + VICTIM_CALLS))" ]; do
  [ "$SECONDS" -lt "$deadline" ] || break
  sleep 0.5
done
left_active=$(group_field activeCalls "$(api 3 /callstore/groups)")

# The registrar's partitions that node1 held recover on node2 and node3 from the journal.
registered_found() {
  local i found=0
  for i in $(seq "$REGISTRATIONS"); do
    api 3 "/location/sip:reg$i@example.com" 2>/dev/null | grep -q '"contact"' && found=$((found + 1))
  done
  echo "$found"
}
deadline=$((SECONDS + BOUND))
until found=$(registered_found) && [ "$found" -eq "$REGISTRATIONS" ]; do
  [ "$SECONDS" -lt "$deadline" ] || break
  sleep 0.5
done
echo "registrations found through node3 after the kill: $found of $REGISTRATIONS"

cdrs() { psql_value "SELECT count(*), count(DISTINCT cdr::json->>'sipCallId'), count(*) FILTER (WHERE cdr::json->>'cause' = 'node-lost') FROM callstore_cdrs WHERE cdr::json->'to'->>'uri' LIKE 'sip:$1@%'"; }
IFS='|' read -r survivor_cdrs survivor_distinct survivor_lost <<<"$(cdrs survivor)"
IFS='|' read -r victim_cdrs victim_distinct victim_lost <<<"$(cdrs victim)"
IFS='|' read -r journal_rows journal_first journal_last <<<"$(psql_value "SELECT count(*), min(sequence_number), max(sequence_number) FROM journal WHERE persistence_id = 'callstore-1'")"
echo "CDRs of the calls through node3: $survivor_cdrs for $survivor_distinct distinct SIP Call-IDs ($survivor_lost node-lost)"
echo "CDRs of the calls through node1: $victim_cdrs ($victim_lost closed as node-lost)"
echo "calls left active in the callstore: $left_active"
[ "$left_active" = "0" ] || echo "  $(api 3 '/callstore/groups/1/calls?limit=20')"
echo "journal callstore-1: $journal_rows rows (each a batch of events), sequence $journal_first..$journal_last"

active=$(group_field active "$(api 3 /callstore/groups)")
failures=()
[ "$active" = "$new_active" ] || failures+=("node2 is not the active instance")
[ "${created:-0}" -eq "$CALLS" ] && [ "${succeeded:-0}" -eq "$CALLS" ] || failures+=("SIPp through node3 did not complete its $CALLS calls")
[ "$survivor_cdrs" -eq "${created:-0}" ] && [ "$survivor_distinct" -eq "$survivor_cdrs" ] && [ "$survivor_lost" -eq 0 ] || failures+=("not exactly one CDR per call through node3")
[ "$victim_cdrs" -eq "$VICTIM_CALLS" ] && [ "$victim_distinct" -eq "$victim_cdrs" ] && [ "$victim_lost" -eq "$VICTIM_CALLS" ] || failures+=("not every call through node1 closed as node-lost")
[ "$left_active" = "0" ] || failures+=("calls left active")
[ "$journal_rows" -eq $((journal_last - journal_first + 1)) ] || failures+=("journal sequence numbers not gap-free")
[ "$found" -eq "$REGISTRATIONS" ] || failures+=("registrations lost with node1")

cat <<EOF
handover_ms=$((accepted_at - killed_at))
active_shown_ms=$((active_at - killed_at))
recovered_log_ms=${log_ms:-}
active=$active
calls_started=${created:-0}
calls_completed=${succeeded:-0}
calls_failed=${failed:-0}
cdrs=$survivor_cdrs
cdrs_distinct=$survivor_distinct
victim_calls=$VICTIM_CALLS
victim_cdrs=$victim_cdrs
victim_node_lost=$victim_lost
left_active=$left_active
journal_rows=$journal_rows
journal_gap_free=$([ "$journal_rows" -eq $((journal_last - journal_first + 1)) ] && echo true || echo false)
registrations=$REGISTRATIONS
registrations_found=$found
EOF
if [ ${#failures[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "all outcomes hold"
