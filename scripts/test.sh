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
# a real OpenAI-compatible server (llama-cpp-python serving the bundled SmolLM2 GGUF) for
# tests/test_llama_server.py. It publishes no wheels here, so pip builds it from source with the machine's
# compiler: only the library the server needs (no llava/mtmd, examples, tools or tests), for this CPU; about
# 6 minutes on 2 cores the first time, then pip's wheel cache makes it seconds. SHOPGUIDE_SKIP_LLAMA_BUILD=1 skips.
if [ "${SHOPGUIDE_SKIP_LLAMA_BUILD:-0}" != 1 ] && ! .venv/bin/python -c "import llama_cpp, sse_starlette" 2>/dev/null; then
  echo "[test] installing llama-cpp-python[server] (built from source the first time, ~6 min on 2 cores)" >&2
  CMAKE_ARGS="-DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF -DGGML_NATIVE=ON" \
    .venv/bin/pip install -q "llama-cpp-python[server]==0.3.36" \
    || echo "[test] warning: llama-cpp-python did not build; tests/test_llama_server.py will skip" >&2
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
