"""End to end through the real command: real embedder, embedded Chroma, BM25, SmolLM2.

Builds a small index with `shopguide ingest` (the real MiniLM embedder and Chroma
PersistentClient), then runs `shopguide ask --session ... --json` with two turns in
one process, exactly as a user's script would.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SAMPLE_PRODUCTS

pytestmark = pytest.mark.slow


def _run(home, *args, timeout=600):
    cmd = [sys.executable, "-m", "ui.cli", "--data-dir", str(home), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def test_ask_with_budget_returns_catalog_products_within_budget(tmp_path):
    home = tmp_path / "home"
    catalog = tmp_path / "products.jsonl"
    catalog.write_text("\n".join(json.dumps(p) for p in SAMPLE_PRODUCTS) + "\n")
    ingest = _run(home, "ingest", str(catalog))
    assert ingest.returncode == 0, ingest.stderr

    done = _run(home, "ask", "--session", "e2e", "I need a waterproof jacket for hiking under $150",
                "make it under 100", "--json")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert len(lines) == 2
    by_id = {p["id"]: p for p in SAMPLE_PRODUCTS}
    for answer, budget in zip(lines, (150, 100)):
        assert answer["portrait"]["budget"]["max"] == budget
        assert isinstance(answer["reply"], str) and answer["reply"]
        assert isinstance(answer["fallback"], bool)
        matches = [p for p in answer["products"] if not p.get("violates")]
        assert matches, answer
        for product in matches:
            assert product["id"] in by_id  # exists in the catalog, facts unchanged
            assert product["price"] == by_id[product["id"]]["price"]
            assert product["price"] <= budget
    assert lines[1]["session_id"] == lines[0]["session_id"] == "e2e"


def test_bad_input_gives_one_line_error_and_nonzero_exit(tmp_path):
    done = _run(tmp_path / "empty", "ask", "hello", "--json", timeout=300)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1].startswith("shopguide: error:")
    assert "shopguide index" in done.stderr
