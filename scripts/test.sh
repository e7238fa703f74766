#!/usr/bin/env bash
# Every quality gate, in the order that fails fastest. Called by `./run test`
# with the toolchain on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# PostgreSQL variants of the database tests run whenever the local server
# answers; in CI a missing server is a failure, never a silent skip.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432/postgres}"
  export POSTMORTEM_REQUIRE_POSTGRES=1
elif [ -n "${CI:-}" ]; then
  echo "PostgreSQL is not reachable on 127.0.0.1:5432; CI requires it" >&2
  exit 1
else
  echo "PostgreSQL is not reachable: database tests run on SQLite only" >&2
fi

# Real peers for the intake end-to-end test, from Debian's packages.
if ! command -v prometheus >/dev/null || ! command -v prometheus-alertmanager >/dev/null; then
  step "installing prometheus and prometheus-alertmanager"
  sudo_apt() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_apt env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus prometheus-alertmanager >/dev/null ||
    { sudo_apt apt-get update -q >/dev/null && sudo_apt env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus prometheus-alertmanager >/dev/null; }
fi

step "type check"
yarn tsc

step "lint"
yarn backstage-cli repo lint

step "prettier"
yarn prettier --check .

step "unit and integration tests"
CI=1 yarn backstage-cli repo test --maxWorkers=2

step "browser tests"
bash scripts/e2e.sh
