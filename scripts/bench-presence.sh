#!/usr/bin/env bash
# Presence figures on this machine (tests/PresenceBench; docs/presence.md "Figures"), each on a one-node cluster with a
# presence server answering every SUBSCRIBE 200 at once in place of the network:
#   1. memory per 100,000 active subscriptions (journal in memory);
#   2. the refresh load: computed for 100,000 subscriptions of 3600 s, observed for a smaller set with Expires 40;
#   3. first SUBSCRIBEs per second after a restart on the SQLite journal, max_subscribe_delay 0 then 60;
#   4. PUBLISH/s into the agent (SQLite journal).
# Environment: PRESENCE_SUBSCRIPTIONS (100000), PRESENCE_REFRESH_SUBSCRIPTIONS (10000), PRESENCE_STORM_SUBSCRIPTIONS
# (3000), PRESENCE_STORM_DELAY (60), PRESENCE_PUBLISHERS (200), PRESENCE_PUBLISH_SECONDS (20).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "building (Release)..."
dotnet build tests/PresenceBench/PresenceBench.csproj -c Release -nologo -v q -clp:NoSummary >/dev/null
bench() { dotnet tests/PresenceBench/bin/Release/net10.0/PresenceBench.dll "$@" 2>&1 | grep -v '^\[WARNING\]'; }

bench memory "${PRESENCE_SUBSCRIPTIONS:-100000}"
bench refresh "${PRESENCE_REFRESH_SUBSCRIPTIONS:-10000}" 40 30
bench storm "${PRESENCE_STORM_SUBSCRIPTIONS:-3000}" "${PRESENCE_STORM_DELAY:-60}"
bench publish "${PRESENCE_PUBLISHERS:-200}" "${PRESENCE_PUBLISH_SECONDS:-20}"
