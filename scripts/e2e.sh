#!/usr/bin/env bash
# Browser tests: Playwright drives Debian's Chromium against the portal,
# started on a throwaway SQLite directory so a developer's data is untouched.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "[e2e] installing Debian's chromium" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
  else
    sudo apt-get install -y -q chromium >/dev/null
  fi
fi

for port in 3000 7007; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "[e2e] port $port is busy; stop the running portal first" >&2
    exit 1
  fi
done

export POSTMORTEM_DATA_DIR
POSTMORTEM_DATA_DIR="$(mktemp -d)/sqlite"
mkdir -p "$POSTMORTEM_DATA_DIR"
mkdir -p e2e-test-report
log=e2e-test-report/portal.log

# A static token for the MCP client test, valid for this throwaway portal only.
export POSTMORTEM_E2E_MCP_TOKEN
POSTMORTEM_E2E_MCP_TOKEN="e2e-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export APP_CONFIG_backend_auth_externalAccess="[{\"type\":\"static\",\"options\":{\"token\":\"$POSTMORTEM_E2E_MCP_TOKEN\",\"subject\":\"postmortem-e2e\"}}]"

# The portal runs in its own process group so that cleanup stops all of it.
setsid yarn start >"$log" 2>&1 &
portal=$!
trap 'kill -- -$portal 2>/dev/null || true; wait $portal 2>/dev/null || true' EXIT

wait_for() {
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 $portal 2>/dev/null || { tail -50 "$log"; return 1; }
    sleep 2
  done
  echo "[e2e] timed out waiting for $1" >&2
  tail -50 "$log"
  return 1
}
wait_for http://localhost:7007/api/postmortem/health
wait_for http://localhost:3000

# The backend must start every plugin and log no error while doing so.
plain_log() { sed 's/\x1b\[[0-9;]*m//g' "$log"; }
if ! plain_log | grep -q 'Plugin initialization complete'; then
  echo "[e2e] backend did not finish plugin initialization" >&2
  exit 1
fi
if plain_log | grep -E '^[0-9TZ:.-]+ [a-zA-Z0-9-]+ error '; then
  echo "[e2e] backend logged errors at start" >&2
  exit 1
fi

yarn playwright test "$@"
