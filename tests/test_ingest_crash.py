"""Kill a real ``shopguide ingest`` process mid-way (SIGKILL), run it again, check the index.

After the rerun the index must hold exactly the catalog's products — in the product
table, in Chroma and in BM25 — each once. Uses the fake embedder (fast, deterministic)
and the real embedded Chroma store, in subprocesses, so nothing in this process helps.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ingest_kills import reap, rows_now

ROOT = Path(__file__).resolve().parents[1]


def catalog_rows(seed: int, n: int, prefix: str) -> list[dict]:
    from retrieval.demo.catalog import generate_catalog

    return [dict(p, id=f"{prefix}{p['id']}") for p in generate_catalog(seed=seed, n=n)]


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def command(catalog: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "ui.cli", "--embedder", "fake", "--llm", "fake", "ingest", str(catalog),
            "--json", "--no-progress", "--batch-size", "10", *extra]


def run_to_end(catalog: Path, env: dict, *extra: str) -> dict:
    done = subprocess.run(command(catalog, *extra), cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def run_and_kill(catalog: Path, env: dict, home: Path, at_rows: int, *extra: str) -> int:
    """Start an ingest and SIGKILL it once ``at_rows`` rows are committed; return the rows then."""
    proc = subprocess.Popen(command(catalog, *extra), cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            if rows_now(home) >= at_rows:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        proc.wait(timeout=60)
    finally:
        stderr = reap(proc)
    assert proc.returncode == -signal.SIGKILL, f"ingest ended before the kill ({proc.returncode}): {stderr[-2000:]}"
    return rows_now(home)


def check_index(home: Path, expected: dict[str, dict]) -> None:
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.catalog.product import Product

    with sqlite3.connect(home / "index" / "products.sqlite") as db:
        rows = [r[0] for r in db.execute("SELECT id FROM products")]
    assert sorted(rows) == sorted(expected)                  # none missing, none twice (primary key aside)
    index = CatalogIndex(home / "index", FakeEmbedder())
    assert index.store.count() == len(expected)              # no duplicate or orphan vectors
    assert index.store.ids() == set(expected)
    assert sorted(index.keyword.ids) == sorted(expected)     # BM25 rebuilt for the final catalog
    for pid in list(expected)[::97]:
        assert index.get(pid) == Product.from_dict(expected[pid])
    index.close()


def env_for(home: Path) -> dict:
    return {**os.environ, "SHOPGUIDE_HOME": str(home), "PYTHONPATH": str(ROOT)}


def test_killed_ingest_reruns_to_exactly_the_catalog(tmp_path):
    home = tmp_path / "home"
    env = env_for(home)
    rows = catalog_rows(seed=3, n=1600, prefix="A")
    catalog = write(tmp_path / "catalog.jsonl", rows)

    first = run_and_kill(catalog, env, home, at_rows=150)
    assert 150 <= first < len(rows), "the kill must land mid-ingest"
    second = run_and_kill(catalog, env, home, at_rows=first + 250)
    assert first < second < len(rows)

    summary = run_to_end(catalog, env)
    assert summary["indexed_total"] == len(rows)
    assert summary["unchanged"] >= second
    assert summary["embedded"] == len(rows) - summary["unchanged"]
    check_index(home, {r["id"]: r for r in rows})
    assert run_to_end(catalog, env)["embedded"] == 0


@pytest.mark.parametrize("prune", [False, True], ids=["keep", "prune"])
def test_killed_update_of_a_changed_catalog(tmp_path, prune):
    """Kill while re-ingesting a catalog whose rows changed, grew, and (with --prune) shrank."""
    home = tmp_path / "home"
    env = env_for(home)
    old = catalog_rows(seed=5, n=400, prefix="A")
    run_to_end(write(tmp_path / "old.jsonl", old), env)
    new = [dict(r, title=r["title"] + " (2025 edition)") for r in old[100:]] + catalog_rows(seed=6, n=1000, prefix="B")
    new_file = write(tmp_path / "new.jsonl", new)
    extra = ("--prune",) if prune else ()
    # with --prune the 100 dropped rows go first (400 → 300), then changes and additions land
    run_and_kill(new_file, env, home, 500, *extra)
    summary = run_to_end(new_file, env, *extra)
    expected = {r["id"]: r for r in new}
    if not prune:
        expected = {**{r["id"]: r for r in old[:100]}, **expected}
    assert summary["indexed_total"] == len(expected)
    check_index(home, expected)
