"""Ingest throughput against the raw embedder throughput on the same texts.

The embedder is the physical limit of an ingest; everything else (validation, hashing,
Chroma and SQLite writes, the BM25 rebuild) should hide behind it. Runs, in one
process on the same texts with the same inner batch size and a fixed number of torch
threads: a raw embedder pass, an ingest into a fresh temporary index, another raw pass.

Two ratios (target ≥ 0.9):

* **CPU ratio** = raw CPU seconds per text ÷ ingest CPU seconds per product (process CPU
  time, every thread). What an idle box would see when the ingest is CPU-bound, and
  nearly independent of what else the machine runs — the number to compare across runs.
* **wall ratio** = ingest rate ÷ mean(raw rate before, raw rate after). What a user sees,
  but on a shared box it measures the box: the 1-min load average is printed per pass.

    .venv/bin/python benchmarks/bench_ingest.py --preset icecat ../shared/data/icecat --limit 2000
    .venv/bin/python benchmarks/bench_ingest.py products.jsonl --embedder fake
"""

from __future__ import annotations

import argparse
import json
import os
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
    parser.add_argument("--batch-size", type=int, default=256, help="ingest batch (the embedder's inner batch is 64 in both passes)")
    parser.add_argument("--threads", type=int, default=0,
                        help="torch intra-op threads for both passes (0 = one per core)")
    parser.add_argument("--json", help="also write the numbers to this JSON file")
    args = parser.parse_args()

    mapping = load_preset(args.preset) if args.preset else ColumnMapping.from_toml(args.mapping) if args.mapping else IDENTITY
    t = time.perf_counter()
    loaded = load_catalog(args.path, mapping)
    load_s = time.perf_counter() - t
    products = loaded.products[: args.limit or None]
    texts = [p.search_text() for p in products]
    embedder = make_embedder(args.embedder)
    threads = args.threads or os.cpu_count() or 1
    if args.embedder != "fake":
        import torch

        torch.set_num_threads(threads)   # fixed for both passes: CPU seconds depend on it
    embedder.embed(["warm up"] * 16)  # model load is paid once, outside both clocks

    def timed(work) -> dict:
        load = os.getloadavg()[0]
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        return {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
                "load_1min": load, "result": result}

    raw_before = timed(lambda: embedder.embed(texts, batch_size=64))
    directory = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        index = CatalogIndex(directory, embedder)
        ingest = timed(lambda: index.ingest(products, batch_size=args.batch_size))
        report = ingest["result"]
        again = timed(lambda: index.ingest(products, batch_size=args.batch_size))
        index.close()
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    raw_after = timed(lambda: embedder.embed(texts, batch_size=64))
    n = len(texts)
    raw_rates = [n / p["wall_s"] for p in (raw_before, raw_after)]
    ingest_rate = report.embedded / ingest["wall_s"]
    raw_cpu = (raw_before["cpu_s"] + raw_after["cpu_s"]) / 2 / n
    ingest_cpu = ingest["cpu_s"] / max(report.embedded, 1)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    numbers = {
        "products": n, "embedder": args.embedder, "torch_threads": threads, "batch_size": args.batch_size,
        "raw_before": {k: v for k, v in raw_before.items() if k != "result"},
        "ingest": {k: v for k, v in ingest.items() if k != "result"} | {"embedded": report.embedded},
        "raw_after": {k: v for k, v in raw_after.items() if k != "result"},
        "raw_cpu_ms_per_text": raw_cpu * 1000, "ingest_cpu_ms_per_product": ingest_cpu * 1000,
        "cpu_ratio": raw_cpu / ingest_cpu if ingest_cpu else None,
        "wall_ratio": ingest_rate / (sum(raw_rates) / 2),
        "reingest_unchanged_s": again["wall_s"], "reingest_embedded": again["result"].embedded,
        "peak_rss_mib": rss_mb,
    }

    rows = [
        ("products", f"{n} (of {len(loaded.products)} valid, {len(loaded.errors)} bad rows)"),
        ("catalog load+validate", f"{load_s:.1f} s for all {loaded.rows} rows"),
        ("torch threads / ingest batch", f"{threads} / {args.batch_size}"),
        ("1-min load: raw, ingest, raw", " / ".join(f"{p['load_1min']:.1f}" for p in (raw_before, ingest, raw_after))),
        ("raw embedder CPU (before / after)", f"{raw_before['cpu_s'] / n * 1000:.1f} / {raw_after['cpu_s'] / n * 1000:.1f} ms/text"),
        ("ingest CPU", f"{ingest_cpu * 1000:.1f} ms/product ({ingest['cpu_s']:.1f} s)"),
        ("CPU ratio raw/ingest per product", f"{numbers['cpu_ratio']:.3f}"),
        ("raw embedder wall (before / after)", f"{raw_rates[0]:.1f} / {raw_rates[1]:.1f} texts/s"),
        ("ingest wall (embed + Chroma + SQLite + BM25 + derived)", f"{ingest_rate:.1f} products/s ({ingest['wall_s']:.1f} s)"),
        ("wall ratio ingest / mean(raw before, after)", f"{numbers['wall_ratio']:.3f}"),
        ("re-ingest unchanged", f"{again['wall_s']:.1f} s, embedded {again['result'].embedded}"),
        ("peak RSS", f"{rss_mb:.0f} MiB"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'metric'.ljust(width)} | value")
    print(f"{'-' * width}-|-{'-' * 40}")
    for key, value in rows:
        print(f"{key.ljust(width)} | {value}")
    # last line: what run_all.py shows in its summary table
    print(f"\nCPU ratio {numbers['cpu_ratio']:.3f} · wall ratio {numbers['wall_ratio']:.3f} "
          f"(target ≥ 0.9; load {ingest['load_1min']:.1f})")
    if args.json:
        Path(args.json).write_text(json.dumps(numbers, indent=2) + "\n")


if __name__ == "__main__":
    main()
