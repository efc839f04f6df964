#!/usr/bin/env bash
# Quick start: set everything up (idempotent), then open the chat UI on http://127.0.0.1:7860
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/shopguide ui --host 127.0.0.1 --port "${SHOPGUIDE_PORT:-7860}"
