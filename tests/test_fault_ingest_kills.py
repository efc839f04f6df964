"""``shopguide ingest`` killed with SIGKILL at seeded random moments, then run to the end: the catalog is exact.

Complements ``tests/test_ingest_crash.py`` (kills at chosen row counts, in the writing
phase): here the moments are random over the whole run — start-up, parsing, embedding,
Chroma and SQLite writes, BM25, the derived structures — and the check covers the
derived structures too (``tests/ingest_kills.py``). CI runs ``FAULT_KILLS`` (default 4)
kills with ``FAULT_SEED`` (default 7); ``benchmarks/bench_ingest_kills.py --kills 40``
runs more.
"""

from __future__ import annotations

import os

import pytest

from tests.ingest_kills import catalogs, check_exact, ingest_to_end, run_kills

pytestmark = pytest.mark.slow


def test_ingest_killed_at_random_moments_ends_exact(tmp_path):
    kills = int(os.environ.get("FAULT_KILLS", "4"))
    seed = int(os.environ.get("FAULT_SEED", "7"))
    report = run_kills(tmp_path, kills=kills, seed=seed, products=int(os.environ.get("FAULT_PRODUCTS", "600")))
    print(report)
    assert report["killed"] + report["finished_before_kill"] == kills
    assert report["checked"]["products"] == report["checked"]["vectors"] == report["checked"]["bm25"] == 600 \
        or "FAULT_PRODUCTS" in os.environ


def test_the_exact_check_can_fail(tmp_path):
    """The check is not vacuous: a product row changed behind the index's back is caught."""
    import sqlite3

    first, _ = catalogs(seed=1, n=60)
    from tests.ingest_kills import _write

    home = tmp_path / "home"
    ingest_to_end(_write(tmp_path / "c.jsonl", first), home)
    check_exact(home, first)
    with pytest.raises(AssertionError, match="differ"):
        check_exact(home, first[:-1])
    with sqlite3.connect(home / "index" / "products.sqlite") as db:   # a vector that no longer matches its row
        db.execute("UPDATE products SET data = replace(data, ?, ?) WHERE id = ?",
                   (first[0]["title"], "Something else entirely", first[0]["id"]))
    with pytest.raises(AssertionError):
        check_exact(home, [dict(first[0], title="Something else entirely"), *first[1:]])
