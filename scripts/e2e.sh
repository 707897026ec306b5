#!/usr/bin/env bash
# End-to-end tests of the caseworker SPA: a throwaway API server (its own embedded PostgreSQL under
# var/e2e, wiped at start, migrated and loaded with the demo data) serves the freshly built SPA, and
# Playwright drives Debian's Chromium through it. Screenshots land in frontend/test-results/screens/.
# Needs: scripts/setup.sh (venv, node_modules) and scripts/install-browser.sh (Chromium).
# Arguments are passed to `playwright test` (e.g. -g 'simulation').
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

export IEUM_VAR_DIR="$ROOT/var/e2e"
IEUM="$ROOT/.venv/bin/ieum"
[ -x "$IEUM" ] || { echo "먼저 scripts/setup.sh 를 실행하십시오 (.venv/bin/ieum 없음)." >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "Chromium 이 없습니다: bash scripts/install-browser.sh" >&2; exit 1; }

# Stops the embedded PostgreSQL of var/e2e if one is still running (fast shutdown).
stop_postgres() {
  local pidfile="$IEUM_VAR_DIR/pg/postmaster.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}

SERVER_PID=""
cleanup() {
  local status=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  stop_postgres
  if [ "$status" -ne 0 ] && [ -f "$IEUM_VAR_DIR/server.log" ]; then
    echo "== server log (last 40 lines)" >&2
    tail -n 40 "$IEUM_VAR_DIR/server.log" >&2 || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== e2e: build the SPA"
if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then
  (cd frontend && npm run build >/dev/null)
fi

echo "== e2e: fresh database in var/e2e"
stop_postgres
rm -rf "$IEUM_VAR_DIR"
mkdir -p "$IEUM_VAR_DIR"
"$IEUM" db upgrade >/dev/null
"$IEUM" demo seed >/dev/null

PORT="${E2E_PORT:-$("$ROOT/.venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
BASE_URL="http://127.0.0.1:$PORT"
# The verification link printed (and QR-encoded) on every certificate points at this server.
export IEUM_PUBLIC_URL="$BASE_URL"
echo "== e2e: API and SPA on $BASE_URL"
"$IEUM" serve --host 127.0.0.1 --port "$PORT" >"$IEUM_VAR_DIR/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 120); do
  if "$ROOT/.venv/bin/python" - "$BASE_URL" <<'PY' 2>/dev/null; then break; fi
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/api/v1/health", timeout=2) as r:
    sys.exit(0 if r.status == 200 else 1)
PY
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "the API server stopped before it answered" >&2; exit 1; }
  sleep 0.5
done

echo "== e2e: playwright"
cd frontend
E2E_BASE_URL="$BASE_URL" IEUM_CLI="$IEUM" npx playwright test "$@"
