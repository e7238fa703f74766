#!/usr/bin/env bash
# Benchmarks at scale (issue 17): seeds 100,000 incidents on PostgreSQL and
# 10,000 on the embedded SQLite through the stores, measures the entity tab,
# the lists, scorecards, ingest, drafts, search collation, revision storage
# and the query plans as ratios to the database's own baseline, and the
# entity tab in Chromium; writes benchmark-results/results.json and
# results.md. Not part of `./run test`.
#
#   POSTMORTEM_BENCHMARK_SCALE=0.01   a hundredth of the data set (developing)
#   POSTMORTEM_BENCHMARK_PG=postgresql://user@host:5432   (database postmortem_bench is dropped and created)
#   POSTMORTEM_BENCHMARK_ENGINES=pg   one engine only
#   POSTMORTEM_BENCHMARK_BROWSER=0    without the Chromium figure
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
yarn install --immutable >/dev/null
if [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  (cd node_modules/better-sqlite3 && ../.bin/node-gyp rebuild --release --force_build=1 -j 2 >/dev/null)
fi
mkdir -p benchmark-results
rm -f benchmark-results/entity-tab.json

# The Chromium figure: the portal on a throwaway embedded database with 500
# postmortems on checkout-service, seeded through the stores before it
# starts. Without it (ports taken, portal down) the database figures still
# run and the table says the browser figure is missing.
browser_figure() {
  if [ ! -x /usr/bin/chromium ]; then
    sudo_apt() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
    sudo_apt env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null ||
      { sudo_apt apt-get update -q >/dev/null && sudo_apt env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
  fi
  for port in 3000 7007; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "[benchmark] port $port is busy (a portal is running): no Chromium figure" >&2
      return 1
    fi
  done
  export POSTMORTEM_DATA_DIR
  POSTMORTEM_DATA_DIR="$(mktemp -d)/sqlite"
  mkdir -p "$POSTMORTEM_DATA_DIR"
  (cd plugins/postmortem-backend &&
    POSTMORTEM_BENCHMARK=entity-tab-seed CI=1 yarn backstage-cli package test \
      src/__benchmark__/scale/scale.benchmark.test.ts >/dev/null)
  local log=benchmark-results/portal.log
  setsid yarn start >"$log" 2>&1 &
  local portal=$!
  local ready=1
  for url in http://localhost:7007/api/postmortem/health http://localhost:3000; do
    for _ in $(seq 1 240); do
      curl -fsS -o /dev/null "$url" 2>/dev/null && break
      kill -0 $portal 2>/dev/null || { ready=0; break 2; }
      sleep 2
    done
  done
  if [ $ready = 1 ]; then
    yarn playwright test --config packages/app/benchmarks/playwright.config.ts ||
      echo "[benchmark] the Chromium figure missed its target or did not run; see above" >&2
  else
    echo "[benchmark] the portal did not start (see $log): no Chromium figure" >&2
  fi
  kill -- -$portal 2>/dev/null || true
  wait $portal 2>/dev/null || true
}
if [ "${POSTMORTEM_BENCHMARK_BROWSER:-1}" != 0 ]; then
  browser_figure || true
fi

cd plugins/postmortem-backend
POSTMORTEM_BENCHMARK=scale CI=1 NODE_OPTIONS=--expose-gc yarn backstage-cli package test \
  src/__benchmark__/scale/scale.benchmark.test.ts "$@"
