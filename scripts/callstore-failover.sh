#!/usr/bin/env bash
# Callstore and registrar failover with real processes: kill -9 of the node running a group's active instance
# mid-traffic, with a second group that must not notice.
#   scripts/callstore-failover.sh
# Starts PostgreSQL and three nodes with scripts/cluster.sh (ports shifted by CLUSTER_PORT_OFFSET, default 300;
# files under CLUSTER_RUN_DIR, default .run/failover, emptied first). Callstore group 1 serves every domain no
# group names, with order 1 on node1, 2 on node2, 3 on node3. Group 2 serves group2.test, with order 1 on node2,
# 2 on node3 and 3 on node1 (node1, the oldest member, holds group 2's coordinator: the kill moves it, not the
# store). SIPp uas answers every call. One SIPp uac calls through node3 (which neither hosts an active instance nor
# dies) for the whole run (group 1); another calls sip:g2@group2.test through node2 (group 2); a third makes long
# calls through node1, so that some are active on it when it dies. FAILOVER_KILL_AFTER seconds into the traffic
# node1 gets SIGKILL (FAILOVER_STOP=kill, the default: a crash) or SIGTERM (FAILOVER_STOP=term: it leaves the
# cluster gracefully, its store handing the group over, and stops).
# It prints the handover time (the signal to node2's new group 1 instance accepting its first event from a dialog, by
# node2's log) with its timeline from the survivors' logs and the load average, the calls, the CDRs (from
# PostgreSQL), the calls closed as node-lost and each group's journal, then the same as key=value lines.
# Exit status 0 when every outcome holds: group 1 active on node2 (order 2) and group 2 still on node2 (order 1);
# every call of both streams completed with exactly one CDR in its group, none lost; every call through node1
# closed (its CDR says node-lost); no call left active in either group; both journals gap-free; every registration
# made through node3 before the kill (the registrar's partitions are spread over the three nodes, about a third of
# them on node1) still found through node3 after it. 1 otherwise.
# Environment (defaults): FAILOVER_CALLS=300 calls through node3 at FAILOVER_RATE=20 per second, each held
# FAILOVER_HOLD_MS=2000; FAILOVER_GROUP2_CALLS=200 calls into group2.test through node2 at the same rate and hold;
# FAILOVER_VICTIM_CALLS=10 calls through node1 (held until the end); FAILOVER_KILL_AFTER=5;
# FAILOVER_REGISTRATIONS=30 users registered (no authentication) through node3 before the traffic.
# Other CLUSTER_SIP__* and AKKA__* variables reach every node (e.g. AKKA__CLUSTER__FAILURE_DETECTOR__ACCEPTABLE_HEARTBEAT_PAUSE=3s);
# CLUSTER_CONFIGS=hocon/fast-failover.conf runs the nodes with that profile (scripts/cluster.sh).
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
GROUP2_CALLS=${FAILOVER_GROUP2_CALLS:-200}
VICTIM_CALLS=${FAILOVER_VICTIM_CALLS:-10}
KILL_AFTER=${FAILOVER_KILL_AFTER:-5}
STOP=${FAILOVER_STOP:-kill}
case "$STOP" in
  kill) STOP_COMMAND=kill; SIGNAL=SIGKILL ;;
  term) STOP_COMMAND=stop; SIGNAL=SIGTERM ;;
  *) echo "FAILOVER_STOP must be kill or term, not $STOP" >&2; exit 64 ;;
esac
BOUND=${FAILOVER_WAIT_SECONDS:-120}
REGISTRATIONS=${FAILOVER_REGISTRATIONS:-30}

remoting_port() { echo $((4100 + OFFSET + $1)); }
node_address() { echo "cluster-sip@127.0.0.1:$(remoting_port "$1")"; }
api() { curl -fsS --max-time 3 "http://127.0.0.1:$((8600 + OFFSET + $1))$2"; }
sip_target() { echo "127.0.0.1:$((5100 + OFFSET + $1))"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
psql_value() { psql -h 127.0.0.1 -p $((55432 + OFFSET)) -U postgres -d postgres -tAc "$1"; }
# groups_field GROUP FIELD ANSWER: a field of one group in a GET /callstore/groups answer (the active node's
# address, the journal's sequence number, the active calls); empty when the answer has no such group.
groups_field() {
  python3 -c 'import json, sys
for g in json.loads(sys.argv[3])["groups"]:
    if g["group"] == int(sys.argv[1]) and g.get(sys.argv[2]) is not None: print(g[sys.argv[2]])' "$1" "$2" "$3" 2>/dev/null || true
}

CALLEE_PORT=$((5190 + OFFSET))
CALLER_PORT=$((5191 + OFFSET))
VICTIM_CALLER_PORT=$((5192 + OFFSET))
REGISTRAR_PORT=$((5193 + OFFSET))
GROUP2_CALLER_PORT=$((5194 + OFFSET))
SIPP_PIDS=()
# SIPp ends its test once its scheduler was late too often (by default 120 times over 500 ms or 10 over 3 s), which
# a loaded shared machine reaches while three nodes start: the callee then disappears before the traffic begins.
SIPP_PATIENT=(-watchdog_minor_maxtriggers 1000000 -watchdog_major_maxtriggers 1000000)

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
  { name = "cs3", roletype = "callstore", group = 1, order = 3, iface = "node3", include_domains = [] },
  { name = "g2a", roletype = "callstore", group = 2, order = 1, iface = "node2", include_domains = ["group2.test"] },
  { name = "g2b", roletype = "callstore", group = 2, order = 2, iface = "node3", include_domains = ["group2.test"] },
  { name = "g2c", roletype = "callstore", group = 2, order = 3, iface = "node1", include_domains = ["group2.test"] } ]'
# Each group's lowest order is elected however long the nodes of a loaded machine take to come up one after another.
export CLUSTER_SIP__CALLSTORE__FIRST_ELECTION_WAIT=60s
export CLUSTER_SIP__ROUTING__DEFAULT_DESTINATIONS="[\"sip:127.0.0.1:$CALLEE_PORT\"]"
export CLUSTER_SIP__REGISTRAR__DOMAINS='["example.com"]'
# Group 2's calls: the repository's uac-domain.xml (record-route aware) calling group2.test instead of example.com.
sed 's/@example\.com/@group2.test/g' scripts/sipp/uac-domain.xml >"$RUN/uac-group2.xml"

sipp "${SIPP_PATIENT[@]}" -sn uas -i 127.0.0.1 -p "$CALLEE_PORT" -nostdin >"$RUN/uas.log" 2>&1 &
SIPP_PIDS+=($!)
bash scripts/cluster.sh up 3 >"$RUN/cluster-up.log" 2>&1 || { cat "$RUN/cluster-up.log" >&2; exit 1; }

deadline=$((SECONDS + BOUND))
until groups=$(api 3 /callstore/groups 2>/dev/null) && [ "$(groups_field 1 active "$groups")" = "$(node_address 1)" ] \
  && [ "$(groups_field 2 active "$groups")" = "$(node_address 2)" ]; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "group 1 did not become active on node1 and group 2 on node2: ${groups:-no answer}" >&2; exit 1; }
  sleep 0.2
done
echo "3 nodes up; callstore group 1 active on node1 (order 1), group 2 on node2 (order 1)"

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

# SIPp's uac with SIPp transactions (scripts/sipp/uac-rr.xml): a 200 to the INVITE that the callee retransmits
# because a loaded proxy forwarded the ACK late does not fail the call while it waits for the 200 to its BYE.
sipp "${SIPP_PATIENT[@]}" -sf scripts/sipp/uac-rr.xml "$(sip_target 3)" -i 127.0.0.1 -p "$CALLER_PORT" -s survivor -m "$CALLS" -r "$RATE" -d "$HOLD_MS" \
  -timeout "$((CALLS / RATE + BOUND))s" -nostdin -trace_screen -screen_file "$RUN/uac-node3.screen" \
  -trace_err -error_file "$RUN/uac-node3-errors.log" >"$RUN/uac-node3.log" 2>&1 &
CALLER=$!
SIPP_PIDS+=("$CALLER")
sipp "${SIPP_PATIENT[@]}" -sf "$RUN/uac-group2.xml" "$(sip_target 2)" -i 127.0.0.1 -p "$GROUP2_CALLER_PORT" -s g2 -m "$GROUP2_CALLS" -r "$RATE" -d "$HOLD_MS" \
  -timeout "$((GROUP2_CALLS / RATE + BOUND))s" -nostdin -trace_screen -screen_file "$RUN/uac-group2.screen" \
  -trace_err -error_file "$RUN/uac-group2-errors.log" >"$RUN/uac-group2.log" 2>&1 &
GROUP2_CALLER=$!
SIPP_PIDS+=("$GROUP2_CALLER")
sipp "${SIPP_PATIENT[@]}" -sn uac "$(sip_target 1)" -i 127.0.0.1 -p "$VICTIM_CALLER_PORT" -s victim -m "$VICTIM_CALLS" -r 10 -d 3600000 \
  -nostdin >"$RUN/uac-node1.log" 2>&1 &
SIPP_PIDS+=($!)
echo "traffic: $CALLS calls through node3 (group 1) and $GROUP2_CALLS into group2.test through node2 (group 2), $RATE/s" \
  "each, held ${HOLD_MS} ms; $VICTIM_CALLS long calls through node1 (group 1)"

sleep "$KILL_AFTER"
killed_at=$(now_ms)
# With SIGTERM this returns once node1 has left and stopped; the times below are from the signal all the same.
bash scripts/cluster.sh "$STOP_COMMAND" node1 >/dev/null
echo "node1 got $SIGNAL"

# Milliseconds from the kill to the first line holding the text in the survivors' logs (the cluster leader, the new
# coordinators and group 1's new instance are on node2 or node3); empty when none does.
since_kill() {
  local first
  first=$(grep -h -F "$1" "$RUN/node2.log" "$RUN/node3.log" | grep -o 'ts=[^ ]*' | cut -d= -f2 | sort \
    | awk -v kill="$(date -u -d "@$((killed_at / 1000)).$(printf %03d $((killed_at % 1000)))" +%Y-%m-%dT%H:%M:%S.%3NZ)" '$0 >= kill { print; exit }')
  [ -z "$first" ] || echo $(( $(date -d "$first" +%s%N) / 1000000 - killed_at ))
}
ACCEPTED_LINE="callstore group 1: first event from a dialog accepted here"
deadline=$((SECONDS + BOUND))
until [ -n "$(since_kill "$ACCEPTED_LINE")" ]; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "node2 did not accept an event of group 1 within $BOUND s" >&2; exit 1; }
  sleep 0.1
done
accepted_ms=$(since_kill "$ACCEPTED_LINE")
echo "handover: node2 (order 2) accepted group 1's first event from a dialog $accepted_ms ms after node1's $SIGNAL (its log)"
echo "  by the survivors' logs, ms after the kill: node1 unreachable $(since_kill "Marking node(s) as UNREACHABLE"), downed" \
  "$(since_kill "SBR took decision"), removed $(since_kill "Leader is removing unreachable node"), order 2 elected" \
  "$(since_kill "electing instance cs2"), its store recovered $(since_kill "callstore group 1 is active here"), first event accepted $accepted_ms"
echo "  group 2's coordinator (on node1 too) moved and adopted its running store after" \
  "$(since_kill "callstore group 2: instance g2a on") ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"

wait "$CALLER" || true
wait "$GROUP2_CALLER" || true
# sipp_count SCREEN_FILE LABEL: the cumulative count of a row of SIPp's final screen.
sipp_count() { grep -E "^\s*$2\s*\|" "$1" 2>/dev/null | tail -1 | awk -F'|' '{gsub(/ /, "", $3); print $3}' || true; }
created=$(sipp_count "$RUN/uac-node3.screen" "Outgoing calls created")
succeeded=$(sipp_count "$RUN/uac-node3.screen" "Successful call")
failed=$(sipp_count "$RUN/uac-node3.screen" "Failed call")
g2_created=$(sipp_count "$RUN/uac-group2.screen" "Outgoing calls created")
g2_succeeded=$(sipp_count "$RUN/uac-group2.screen" "Successful call")
g2_failed=$(sipp_count "$RUN/uac-group2.screen" "Failed call")
echo "calls through node3 (group 1): ${created:-?} started, ${succeeded:-?} completed, ${failed:-?} failed"
echo "calls into group2.test through node2 (group 2): ${g2_created:-?} started, ${g2_succeeded:-?} completed, ${g2_failed:-?} failed"

# The calls through node1 end as node-lost when node2 recovers group 1; then every CDR is written.
deadline=$((SECONDS + BOUND))
until groups=$(api 3 /callstore/groups 2>/dev/null) && [ "$(groups_field 1 activeCalls "$groups")" = "0" ] \
  && [ "$(groups_field 2 activeCalls "$groups")" = "0" ] \
  && [ "$(psql_value "SELECT count(*) FROM callstore_cdrs")" -ge "$((${created:-0} + ${g2_created:-0} + VICTIM_CALLS))" ]; do
  [ "$SECONDS" -lt "$deadline" ] || break
  sleep 0.5
done
groups=$(api 3 /callstore/groups)
left_active=$(groups_field 1 activeCalls "$groups")
g2_left_active=$(groups_field 2 activeCalls "$groups")

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

# cdrs USER GROUP: the CDRs GROUP wrote for the calls to USER, their distinct SIP Call-IDs, and how many say node-lost.
cdrs() { psql_value "SELECT count(*), count(DISTINCT cdr::json->>'sipCallId'), count(*) FILTER (WHERE cdr::json->>'cause' = 'node-lost') FROM callstore_cdrs WHERE cdr::json->'to'->>'uri' LIKE 'sip:$1@%' AND (cdr::json->>'group')::int = $2"; }
# journal GROUP: the group's journal rows (each a batch of events), first and last sequence number.
journal() { psql_value "SELECT count(*), min(sequence_number), max(sequence_number) FROM journal WHERE persistence_id = 'callstore-$1'"; }
gap_free() { [ "$1" -eq $(($3 - $2 + 1)) ] && echo true || echo false; }
IFS='|' read -r survivor_cdrs survivor_distinct survivor_lost <<<"$(cdrs survivor 1)"
IFS='|' read -r victim_cdrs victim_distinct victim_lost <<<"$(cdrs victim 1)"
IFS='|' read -r g2_cdrs g2_distinct g2_lost <<<"$(cdrs g2 2)"
IFS='|' read -r journal_rows journal_first journal_last <<<"$(journal 1)"
IFS='|' read -r g2_journal_rows g2_journal_first g2_journal_last <<<"$(journal 2)"
journal_gap_free=$(gap_free "$journal_rows" "$journal_first" "$journal_last")
g2_journal_gap_free=$(gap_free "$g2_journal_rows" "$g2_journal_first" "$g2_journal_last")
echo "group 1: CDRs of the calls through node3: $survivor_cdrs for $survivor_distinct distinct SIP Call-IDs ($survivor_lost node-lost)"
echo "group 1: CDRs of the calls through node1: $victim_cdrs ($victim_lost closed as node-lost)"
echo "group 2: CDRs of the calls into group2.test: $g2_cdrs for $g2_distinct distinct SIP Call-IDs ($g2_lost node-lost)"
echo "calls left active in the callstore: group 1 $left_active, group 2 $g2_left_active"
[ "$left_active" = "0" ] || echo "  $(api 3 '/callstore/groups/1/calls?limit=20')"
[ "$g2_left_active" = "0" ] || echo "  $(api 3 '/callstore/groups/2/calls?limit=20')"
echo "journal callstore-1: $journal_rows rows (each a batch of events), sequence $journal_first..$journal_last"
echo "journal callstore-2: $g2_journal_rows rows, sequence $g2_journal_first..$g2_journal_last"

active=$(groups_field 1 active "$groups")
g2_active=$(groups_field 2 active "$groups")
failures=()
[ "$active" = "$(node_address 2)" ] || failures+=("group 1 is not active on node2")
[ "$g2_active" = "$(node_address 2)" ] || failures+=("group 2 is no longer active on node2")
[ "${created:-0}" -eq "$CALLS" ] && [ "${succeeded:-0}" -eq "$CALLS" ] || failures+=("SIPp through node3 did not complete its $CALLS calls")
[ "${g2_created:-0}" -eq "$GROUP2_CALLS" ] && [ "${g2_succeeded:-0}" -eq "$GROUP2_CALLS" ] || failures+=("SIPp into group2.test did not complete its $GROUP2_CALLS calls")
[ "$survivor_cdrs" -eq "${created:-0}" ] && [ "$survivor_distinct" -eq "$survivor_cdrs" ] && [ "$survivor_lost" -eq 0 ] || failures+=("not exactly one CDR per call through node3")
[ "$g2_cdrs" -eq "${g2_created:-0}" ] && [ "$g2_distinct" -eq "$g2_cdrs" ] && [ "$g2_lost" -eq 0 ] || failures+=("not exactly one CDR per call into group2.test")
[ "$victim_cdrs" -eq "$VICTIM_CALLS" ] && [ "$victim_distinct" -eq "$victim_cdrs" ] && [ "$victim_lost" -eq "$VICTIM_CALLS" ] || failures+=("not every call through node1 closed as node-lost")
[ "$left_active" = "0" ] && [ "$g2_left_active" = "0" ] || failures+=("calls left active")
[ "$journal_gap_free" = true ] && [ "$g2_journal_gap_free" = true ] || failures+=("journal sequence numbers not gap-free")
[ "$found" -eq "$REGISTRATIONS" ] || failures+=("registrations lost with node1")

cat <<EOF
stop=$STOP
handover_ms=$accepted_ms
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
journal_gap_free=$journal_gap_free
group2_active=$g2_active
group2_calls_started=${g2_created:-0}
group2_calls_completed=${g2_succeeded:-0}
group2_cdrs=$g2_cdrs
group2_cdrs_distinct=$g2_distinct
group2_node_lost=$g2_lost
group2_left_active=$g2_left_active
group2_journal_rows=$g2_journal_rows
group2_journal_gap_free=$g2_journal_gap_free
registrations=$REGISTRATIONS
registrations_found=$found
EOF
if [ ${#failures[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "all outcomes hold"
