#!/usr/bin/env bash
# Installs everything the project needs into .venv (idempotent). Needs Python 3.11 (and Node 20 once
# the SPA exists). Used by scripts/run.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "Python 3.11 이 필요합니다 (python3.11 을 찾을 수 없습니다)." >&2
  exit 1
fi

# Korean TrueType fonts embedded in notice PDFs (no-op when present).
bash scripts/install-fonts.sh

stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Reinstall only when the dependency list changed.
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[dev]"
  touch "$stamp"
fi

if [ -f frontend/package.json ]; then
  (cd frontend && npm ci --no-audit --no-fund && npm run build)
fi
