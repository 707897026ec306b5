#!/usr/bin/env bash
# The whole test suite: lint, types, and the tests against a real (embedded) PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy --strict (domain, api)"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest -q "$@"
