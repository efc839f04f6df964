"""Kill ``shopguide ingest`` with SIGKILL at seeded random moments, finish it, and check the catalog is exact.

Used by ``tests/test_fault_ingest_kills.py`` (a few kills in CI) and
``benchmarks/bench_ingest_kills.py`` (as many as you like)::

    report = run_kills(workdir, kills=4, seed=7, products=600)

Each kill starts a real ``shopguide ingest`` subprocess (fake embedder, the embedded
Chroma store) and SIGKILLs it after a delay drawn uniformly from ``[0, 1.2 × the time a
whole ingest takes here)`` — measured first in a scratch directory — so the kills land
in every phase: interpreter start-up, reading the file, embedding, Chroma and SQLite
writes, BM25, the derived structures. Kills alternate between two versions of the
catalog (the second changes the title and price of a seeded third of the rows), so every
run has work to do. Then one ingest runs to the end and ``check_exact`` compares the
index with the catalog: rows, vectors (count, ids, and each one equal to the embedding
of the product's current text), BM25, the derived vector matrix and constraint masks
(against the code's own constraint check) and the vocabulary.

The same seed gives the same catalogs and the same kill delays (where in the work a
delay lands still depends on the machine's speed).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def catalogs(seed: int, n: int) -> tuple[list[dict], list[dict]]:
    """Two versions of one generated catalog: the second changes a seeded third of the rows."""
    from retrieval.demo.catalog import generate_catalog

    first = [dict(p, id=f"K{p['id']}") for p in generate_catalog(seed=seed, n=n)]
    rng = random.Random(seed)
    second = [dict(r, title=r["title"] + " (new edition)", price=round(float(r["price"]) * 1.1 + 1, 2))
              if rng.random() < 1 / 3 else dict(r) for r in first]
    return first, second


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _command(catalog: Path) -> list[str]:
    return [sys.executable, "-m", "ui.cli", "--embedder", "fake", "--llm", "fake", "ingest", str(catalog),
            "--json", "--no-progress", "--batch-size", "32"]


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "SHOPGUIDE_HOME": str(home), "PYTHONPATH": str(ROOT)}


def ingest_to_end(catalog: Path, home: Path) -> tuple[dict, float]:
    started = time.monotonic()
    done = subprocess.run(_command(catalog), cwd=ROOT, env=_env(home), capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise AssertionError(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout), time.monotonic() - started


def reap(proc: subprocess.Popen) -> str:
    """Kill ``proc`` if it still runs, wait for it, and return its stderr (the pipe is closed)."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    return stderr


def ingest_and_kill(catalog: Path, home: Path, delay_s: float) -> str:
    """Start an ingest and SIGKILL it after ``delay_s``; ``killed`` or ``finished`` (it ended first)."""
    proc = subprocess.Popen(_command(catalog), cwd=ROOT, env=_env(home), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        try:
            proc.wait(timeout=delay_s)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
    finally:
        stderr = reap(proc)
    if proc.returncode == -signal.SIGKILL:
        return "killed"
    if proc.returncode != 0:   # an interrupted earlier run must never make the next one fail
        raise AssertionError(f"ingest after a kill failed ({proc.returncode}): {stderr[-2000:]}")
    return "finished"


def rows_now(home: Path) -> int:
    """Product rows committed so far (-1: no table yet): where in the work a kill landed."""
    import sqlite3

    path = home / "index" / "products.sqlite"
    if not path.exists():
        return -1
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT COUNT(*) FROM products").fetchone()[0])
    except sqlite3.OperationalError:
        return -1


def check_exact(home: Path, rows: list[dict]) -> dict[str, int]:
    """Assert the index holds exactly ``rows``; returns what was checked."""
    from retrieval.catalog.product import Product
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.vectors import VectorMatrix
    from retrieval.query import Query

    expected = {r["id"]: Product.from_dict(r) for r in rows}
    embedder = FakeEmbedder()
    index = CatalogIndex(home / "index", embedder)
    try:
        products = index.products
        assert sorted(products) == sorted(expected), "product rows differ from the catalog"
        assert all(products[pid] == p for pid, p in expected.items()), "a product row is stale"
        store = index.store
        assert store.count() == len(expected), f"{store.count()} vectors for {len(expected)} products"
        assert store.ids() == set(expected), "vector ids differ from the catalog"
        ids = sorted(expected)
        stored = store.vectors(ids)
        fresh = embedder.embed([expected[pid].search_text() for pid in ids])
        fresh = fresh / np.linalg.norm(fresh, axis=1, keepdims=True)
        stored = stored / np.linalg.norm(stored, axis=1, keepdims=True)
        stale = [pid for pid, a, b in zip(ids, stored, fresh) if not np.allclose(a, b, atol=1e-5)]
        assert not stale, f"{len(stale)} vectors are not the embedding of the product's text, e.g. {stale[:3]}"
        keyword = index.keyword
        assert sorted(keyword.ids) == ids, "BM25 documents differ from the catalog"
        for pid in ids[:: max(1, len(ids) // 20)]:
            assert pid in [h for h, _ in keyword.search(expected[pid].title, 10)], f"BM25 does not find {pid}"
        matrix = index.vector_matrix()                       # the derived copy exact search scans
        rebuilt = VectorMatrix(keyword.ids, store.vectors(keyword.ids))
        assert matrix.ids == rebuilt.ids and np.allclose(matrix.matrix, rebuilt.matrix, atol=1e-5), \
            "the derived vector matrix is not the stored vectors"
        sample = list(expected.values())
        queries = [Query("", max_price=float(np.median([p.price for p in sample if p.price is not None]))),
                   Query("", brands_exclude=(sample[0].brand,)), Query("", in_stock=True),
                   Query("", categories=(sample[1].category.split(">")[0].strip(),))]
        for query in queries:
            mask = index.allowed_mask(query)
            code = np.array([not query.violations(products[pid]) for pid in keyword.ids])
            assert (mask == code).all(), f"the derived constraint mask disagrees with the code check for {query}"
        assert index.vocabulary() == index._build_vocabulary(), "the derived vocabulary is stale"
        return {"products": len(expected), "vectors": store.count(), "bm25": len(keyword.ids),
                "mask_queries": len(queries)}
    finally:
        index.close()


def run_kills(workdir: Path, kills: int = 4, seed: int = 7, products: int = 600) -> dict[str, Any]:
    """Measure one whole ingest, then ``kills`` seeded kills, then a run to the end and the exact check."""
    workdir.mkdir(parents=True, exist_ok=True)
    first, second = catalogs(seed, products)
    files = [_write(workdir / "catalog-a.jsonl", first), _write(workdir / "catalog-b.jsonl", second)]
    scratch = workdir / "scratch-home"
    _, whole_s = ingest_to_end(files[0], scratch)
    shutil.rmtree(scratch, ignore_errors=True)
    rng = random.Random(seed)
    delays = [round(rng.uniform(0.0, 1.2 * whole_s), 3) for _ in range(kills)]
    home = workdir / "home"
    outcomes, rows_at = [], []
    for i, delay in enumerate(delays):
        outcomes.append(ingest_and_kill(files[i % 2], home, delay))
        rows_at.append(rows_now(home))
    final_rows = second if kills % 2 else first   # the version the next run would have used
    summary, _ = ingest_to_end(files[kills % 2], home)
    checked = check_exact(home, final_rows)
    assert summary["indexed_total"] == len(final_rows)
    again, _ = ingest_to_end(files[kills % 2], home)
    assert again["embedded"] == 0, "a second run re-embedded products: the index was not complete"
    return {"seed": seed, "products": products, "kills": kills, "whole_ingest_s": round(whole_s, 2),
            "delays_s": delays, "killed": outcomes.count("killed"), "finished_before_kill": outcomes.count("finished"),
            "rows_after_each_kill": rows_at,
            "final_run": {k: summary[k] for k in ("added", "updated", "unchanged", "embedded", "orphans_removed")
                          if k in summary}, "checked": checked}
