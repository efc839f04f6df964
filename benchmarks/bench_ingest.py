"""Ingest throughput against the raw embedder throughput on the same texts.

The embedder is the physical limit of an ingest; everything else (validation, hashing,
Chroma and SQLite writes, the BM25 rebuild) should hide behind it. Prints the raw rate
(measured before and after the ingest, since the CPU may be shared), the ingest rate
into a fresh temporary index, and their ratio (target ≥ 0.85).

    .venv/bin/python benchmarks/bench_ingest.py --preset icecat ../shared/data/icecat --limit 2000
    .venv/bin/python benchmarks/bench_ingest.py products.jsonl --embedder fake
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (puts the repository on sys.path)

from retrieval.catalog.loader import load_catalog
from retrieval.index.embedder import make_embedder
from retrieval.index.catalog_index import CatalogIndex
from retrieval.catalog.mapping import IDENTITY, ColumnMapping, load_preset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="catalog file or folder")
    parser.add_argument("--preset")
    parser.add_argument("--mapping")
    parser.add_argument("--limit", type=int, default=0, help="first N valid products only (0 = all)")
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()

    mapping = load_preset(args.preset) if args.preset else ColumnMapping.from_toml(args.mapping) if args.mapping else IDENTITY
    t = time.perf_counter()
    loaded = load_catalog(args.path, mapping)
    load_s = time.perf_counter() - t
    products = loaded.products[: args.limit or None]
    texts = [p.search_text() for p in products]
    embedder = make_embedder(args.embedder)
    embedder.embed(["warm up"])  # model load is paid once, outside both clocks

    def raw_rate() -> float:
        start = time.perf_counter()
        embedder.embed(texts, batch_size=64)
        return len(texts) / (time.perf_counter() - start)

    raw_before = raw_rate()
    directory = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        index = CatalogIndex(directory, embedder)
        report = index.ingest(products, batch_size=args.batch_size)
        ingest_rate = report.embedded / report.seconds
        t = time.perf_counter()
        again = index.ingest(products, batch_size=args.batch_size)
        reingest_s = time.perf_counter() - t
        index.close()
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    raw_after = raw_rate()
    raw = (raw_before + raw_after) / 2
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = [
        ("products", f"{len(products)} (of {len(loaded.products)} valid, {len(loaded.errors)} bad rows)"),
        ("catalog load+validate", f"{load_s:.1f} s for all {loaded.rows} rows"),
        ("raw embedder (before / after)", f"{raw_before:.1f} / {raw_after:.1f} texts/s"),
        ("ingest (embed + Chroma + SQLite + BM25)", f"{ingest_rate:.1f} products/s ({report.seconds:.1f} s)"),
        ("ratio ingest / raw (mean of before, after)", f"{ingest_rate / raw:.3f}"),
        ("re-ingest unchanged", f"{reingest_s:.1f} s, embedded {again.embedded}"),
        ("peak RSS", f"{rss_mb:.0f} MiB"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'metric'.ljust(width)} | value")
    print(f"{'-' * width}-|-{'-' * 40}")
    for key, value in rows:
        print(f"{key.ljust(width)} | {value}")


if __name__ == "__main__":
    main()
