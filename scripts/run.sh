#!/usr/bin/env bash
# Quick start: install, migrate, load demo data, and serve the API on http://127.0.0.1:8000.
# Without DATABASE_URL an embedded PostgreSQL keeps its data under var/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ieum db upgrade
.venv/bin/ieum demo seed
# The verification link printed on certificates points here unless a public address is configured.
export IEUM_PUBLIC_URL="${IEUM_PUBLIC_URL:-http://${HOST:-127.0.0.1}:${PORT:-8000}}"
exec .venv/bin/ieum serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
