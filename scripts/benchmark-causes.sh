#!/usr/bin/env bash
# The cause-analysis benchmark: written scenarios and the labelled faults of
# ../shared/datasets, backfilled into a real Prometheus with promtool, read
# back by the product's Prometheus collector and ranked by the draft's
# analysis. Prints a table; not part of `./run test`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
yarn install --immutable >/dev/null
if [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  (cd node_modules/better-sqlite3 && ../.bin/node-gyp rebuild --release --force_build=1 -j 2 >/dev/null)
fi
if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  sudo_apt() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_apt env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus >/dev/null ||
    { sudo_apt apt-get update -q >/dev/null && sudo_apt env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus >/dev/null; }
fi
cd plugins/postmortem-backend
POSTMORTEM_BENCHMARK=causes CI=1 yarn backstage-cli package test \
  src/draft/__benchmark__/causeAnalysis.benchmark.test.ts "$@"
