#!/usr/bin/env bash
# Set up (idempotent), check the import contracts, and run the whole test suite, real-model tests included.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m "not slow"` for the fast subset.
set -euo pipefail
cd "$(dirname "$0")/.."
# tests use their own temporary data directories; setup's demo index goes to a scratch home
SHOPGUIDE_HOME="${SHOPGUIDE_TEST_SETUP_HOME:-$PWD/.shopguide}" bash scripts/setup.sh
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[test] installing Debian chromium for the browser test" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "[test] warning: chromium not installed; the browser test will skip" >&2
fi
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null 2>&1 \
   && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[test] installing Debian postgresql for the scale-out test (two replicas on one PostgreSQL)" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
    || echo "[test] warning: postgresql not installed; tests/test_scaleout_pg.py will skip" >&2
fi
# the import contracts in pyproject.toml (layers, no cycles): a violation fails the run before any test
echo "[test] lint-imports" >&2
.venv/bin/lint-imports --no-cache
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" = 5 ]; then echo "no tests collected" >&2; exit 1; fi
exit "$rc"
