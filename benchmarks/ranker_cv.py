"""Grouped k-fold cross-validation of the learned reranker against BM25, dense and fused.

Folds split *queries* (a query's candidates never straddle train and test). Candidates
are the hybrid retriever's top 100 per query, exactly what the assistant reranks.
Metrics are averaged over queries with at least one positive grade.

    SHOPGUIDE_HOME=/tmp/my-icecat-home .venv/bin/python benchmarks/ranker_cv.py \\
        --judgments ../shared/data/icecat/judgments-dev.csv

Prints a Markdown table (and ``--json`` a JSON object) with nDCG@10 (unjudged = 0),
nDCG@10 (judged only) and recall@50 per method.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval.index.embedder import make_embedder  # noqa: E402
from retrieval.index.catalog_index import CatalogIndex  # noqa: E402
from retrieval.ranking.judgments import load_judgments  # noqa: E402
from retrieval.ranking.evaluate import cross_validate, format_table  # noqa: E402
from retrieval.search import HybridRetriever  # noqa: E402
from retrieval.ranking.training import DEFAULT_ROUNDS, collect  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--judgments", required=True, help="query,product_id,grade CSV")
    parser.add_argument("--home", default=os.environ.get("SHOPGUIDE_HOME", str(Path.home() / ".shopguide")),
                        help="data directory with the indexed catalog (default $SHOPGUIDE_HOME)")
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--candidates", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    parser.add_argument("--params", default="{}", help="JSON of xgboost parameters overriding the defaults")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    index = CatalogIndex(Path(args.home) / "index", make_embedder(args.embedder))
    if not index.exists():
        parser.error(f"no catalog indexed in {args.home}/index")
    judgments = load_judgments(args.judgments)
    started = time.perf_counter()
    sets = collect(HybridRetriever(index), judgments, k=args.candidates, baselines=True)
    retrieved = time.perf_counter() - started
    started = time.perf_counter()
    result = cross_validate(sets, folds=args.folds, seed=args.seed, params=json.loads(args.params),
                            rounds=args.rounds)
    result["seconds"] = {"retrieval": round(retrieved, 1), "cv": round(time.perf_counter() - started, 1)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['queries']} judged queries with a positive grade, {args.folds}-fold CV grouped by query, "
              f"{args.candidates} hybrid candidates each ({index.count()} products)\n")
        print(format_table(result["metrics"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
