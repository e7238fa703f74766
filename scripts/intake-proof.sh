#!/usr/bin/env bash
# The long variants of the intake proofs (issue 13), beyond what CI runs:
#   - 10,000 Alertmanager and PagerDuty deliveries, 30 % duplicates, shuffled,
#     spread over two backend replicas on one PostgreSQL;
#   - 20 clients for 60 s on the embedded SQLite (webhooks, edits, drafts,
#     reminders, recurrence): no 5xx, p99 under 1 s, nothing over 5 s;
#   - 1,000 property-based runs per input (webhooks, declarations, updates).
# Needs PostgreSQL on 127.0.0.1:5432 (`.ci/run` starts one).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432/postgres}"
export POSTMORTEM_REQUIRE_POSTGRES=1
export POSTMORTEM_BURST_DELIVERIES="${POSTMORTEM_BURST_DELIVERIES:-10000}"
export POSTMORTEM_PROPERTY_RUNS="${POSTMORTEM_PROPERTY_RUNS:-1000}"
export POSTMORTEM_LOAD_SECONDS="${POSTMORTEM_LOAD_SECONDS:-60}"
export POSTMORTEM_LOAD_P99_MS="${POSTMORTEM_LOAD_P99_MS:-1000}"
export POSTMORTEM_LOAD_MAX_MS="${POSTMORTEM_LOAD_MAX_MS:-5000}"
export POSTMORTEM_KILL_DELIVERIES="${POSTMORTEM_KILL_DELIVERIES:-1000}"
cd plugins/postmortem-backend
CI=1 yarn backstage-cli package test \
  src/intake/replicas.test.ts src/intake/sigkill.test.ts \
  src/intake/load.test.ts \
  src/intake/inputProperties.test.ts "$@"
