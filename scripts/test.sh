#!/usr/bin/env bash
# The whole test suite: lint, types, the API tests against a real (embedded) PostgreSQL, the SPA's
# checks and component tests, and the end-to-end tests in Chromium against a throwaway server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy --strict (domain, api)"
.venv/bin/mypy
echo "== frontend: generated client, tsc, eslint, vitest"
(cd frontend && npm run --silent check-generated && npm run --silent typecheck && npm run --silent lint && npm test --silent)
# Chromium for the end-to-end tests; pdftoppm and zbarimg for the PDF tests.
bash scripts/install-browser.sh
echo "== pytest"
.venv/bin/pytest -q "$@"
echo "== end-to-end (Chromium)"
# scripts/setup.sh has just built the SPA.
E2E_SKIP_BUILD=1 bash scripts/e2e.sh
