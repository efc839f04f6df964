"""MiniLM against multilingual E5, side by side on the demo catalog.

For each embedder: passage throughput on the catalog's product texts (the embedder's
part of an ingest), query latency (one query at a time, as a turn embeds it), and dense
hit@4 on ``eval/suites/crosslingual/demo_queries.jsonl`` (30 hand-written queries, each
in Chinese and in English, with the demo category it should find): a hit is any of the
top 4 products by cosine in that category. Dense only, on purpose: BM25 cannot match
Chinese words against an English catalog, so this is the embedder's own share.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_embedders.py ~/.shopguide/demo/catalog-7-1600.jsonl
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import common  # noqa: F401  (puts the repository on sys.path)
import numpy as np

from retrieval.catalog.loader import load_catalog
from retrieval.index.embedder import embed_queries, make_embedder

QUERIES = common.ROOT / "eval" / "suites" / "crosslingual" / "demo_queries.jsonl"


def hit_at(scores: np.ndarray, categories: list[str], gold: str, k: int = 4) -> bool:
    top = np.argsort(-scores)[:k]
    return any(categories[i] == gold for i in top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalog", help="demo catalog JSONL")
    parser.add_argument("--embedders", default="minilm,e5")
    parser.add_argument("--limit", type=int, default=0, help="embed only the first N products (0: all)")
    parser.add_argument("--gloss", action="store_true",
                        help="Chinese queries as the assistant searches them: the message plus its English gloss")
    args = parser.parse_args()

    products = load_catalog(args.catalog).products
    if args.limit:
        products = products[: args.limit]
    texts = [p.search_text() for p in products]
    categories = [p.category for p in products]
    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.gloss:
        from assistant.portrait.extract_zh import gloss

        queries = [{**q, "zh": f"{q['zh']} {gloss(q['zh'])}"} for q in queries]
    results = {}
    for name in args.embedders.split(","):
        embedder = make_embedder(name)
        embed_queries(embedder, ["warm up"])
        embedder.embed(["warm up passage"] * 16)   # model load outside the clocks
        t = time.perf_counter()
        passages = embedder.embed(texts, batch_size=64)
        ingest_s = time.perf_counter() - t
        latencies = []
        row = {"products": len(texts), "passages_per_s": round(len(texts) / ingest_s, 1)}
        for lang in ("zh", "en"):
            hits = 0
            misses = []
            for q in queries:
                t = time.perf_counter()
                vec = embed_queries(embedder, [q[lang]])[0]
                latencies.append((time.perf_counter() - t) * 1000)
                if hit_at(passages @ vec, categories, q["category"]):
                    hits += 1
                else:
                    misses.append(q[lang])
            row[f"{lang}_hit@4"] = f"{hits}/{len(queries)}"
            row[f"{lang}_misses"] = misses
        row["query_ms_median"] = round(statistics.median(latencies), 1)
        row["query_ms_p90"] = round(float(np.percentile(latencies, 90)), 1)
        row["gloss"] = args.gloss
        results[embedder.name] = row
        print(json.dumps({embedder.name: row}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
