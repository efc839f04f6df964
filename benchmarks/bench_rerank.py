"""Rerank latency of the learned ranker for 100 candidates (features + model), p50/p95.

Candidates are real hybrid retrieval results from the data directory's index, so
feature computation sees real titles and descriptions. Retrieval is done once up
front and not timed; only ``LearnedRanker.rank`` is.

    SHOPGUIDE_HOME=/tmp/demo-home .venv/bin/python benchmarks/bench_rerank.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval.index.embedder import make_embedder  # noqa: E402
from retrieval.index.catalog_index import CatalogIndex  # noqa: E402
from retrieval.ranking.judgments import Judgments  # noqa: E402
from retrieval.ranking.learned import load_ranker  # noqa: E402
from retrieval.search import HybridRetriever  # noqa: E402
from retrieval.ranking.training import collect  # noqa: E402

QUERIES = ["waterproof rain jacket", "wireless headphones", "non-stick frying pan", "family board game",
           "running shoes", "yoga mat", "laptop bag", "bluetooth speaker", "gaming mouse", "usb c charger"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", default=os.environ.get("SHOPGUIDE_HOME", str(Path.home() / ".shopguide")))
    parser.add_argument("--model", help="model file (default: HOME/ranker/current.json)")
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--candidates", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=30, help="timed rank() calls per query")
    args = parser.parse_args(argv)
    model_path = Path(args.model or Path(args.home) / "ranker" / "current.json")
    ranker = load_ranker(model_path)
    if ranker is None:
        parser.error(f"no model at {model_path}; run `shopguide ranker ensure-default` or `ranker train` first")
    index = CatalogIndex(Path(args.home) / "index", make_embedder(args.embedder))
    sets = collect(HybridRetriever(index), Judgments(), k=args.candidates, queries=QUERIES)
    sets = [qs for qs in sets if qs.candidates]
    for qs in sets:  # warm-up (first predict allocates)
        ranker.rank(qs.query, list(qs.candidates))
    times = []
    for _ in range(args.repeats):
        for qs in sets:
            cands = list(qs.candidates)
            t = time.perf_counter()
            ranker.rank(qs.query, cands)
            times.append((time.perf_counter() - t) * 1000)
    sizes = [len(qs.candidates) for qs in sets]
    print(json.dumps({
        "calls": len(times), "candidates_per_call": round(statistics.mean(sizes), 1),
        "p50_ms": round(float(np.percentile(times, 50)), 2), "p95_ms": round(float(np.percentile(times, 95)), 2),
        "mean_ms": round(statistics.mean(times), 2), "model": str(model_path),
        "products": index.count(),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
