"""Retrieval latency (p50/p95, with and without filters), peak memory, and nDCG@10.

Measures the ``HybridRetriever`` on a private copy of an indexed data directory:

* latency of a full search (query embedding, Chroma, BM25, fusion, code re-check) for
  the judged queries' texts, without filters and with hard constraints (price range,
  brand exclusion, required attribute, category-free since Icecat has none);
* nDCG@10 of BM25 only, dense only and the hybrid on a judgments CSV, reported with
  unjudged products as grade 0 and judged-only (see ``retrieval.ranking.metrics``);
* peak RSS of this process (Chroma runs in-process);
* with ``--ranker MODEL``, the learned rerank of the 100 candidates is part of each
  timed query (features + trees), as a turn pays it.

Each query's *CPU time* (``time.thread_time`` of the searching thread, numpy/BLAS pinned
to one thread below) is recorded beside its wall time: on a shared, loaded machine the
wall time mostly measures the wait for a core, the CPU time what the work costs. The
1-min load average at the start and end of each run is recorded with it.

``--scale N`` first builds a synthetic N-product copy of the index: the real products
plus variants (new ids, jittered prices, a variant word in the title) whose vectors are
random unit vectors — embedding 200k texts on a 2-core CPU would take hours, and search
cost does not depend on what the vectors mean.

    .venv/bin/python benchmarks/bench_retrieval.py --home /work/icecat-home \\
        --judgments ../shared/data/icecat/judgments-dev.csv
    .venv/bin/python benchmarks/bench_retrieval.py --home /work/icecat-home --scale 200000 --no-ndcg
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):   # before numpy is imported
    os.environ.setdefault(_var, "1")

import argparse
import random
import resource
import shutil
import time
from pathlib import Path

import numpy as np
from common import pct, private_home

from retrieval.index.embedder import make_embedder
from retrieval.index.catalog_index import CatalogIndex
from retrieval.ranking.judgments import load_judgments
from retrieval.ranking.metrics import mean, ndcg_at_k, recall_at_k
from retrieval.catalog.product import Product
from retrieval.query import Query
from retrieval.search import HybridRetriever


class _PrecomputedEmbedder:
    """Vectors of the real rows by text; random unit vectors for synthetic ones."""

    def __init__(self, name: str, dim: int, known: dict[str, np.ndarray], seed: int = 0) -> None:
        self.name, self.dim, self.known = name, dim, known
        self.rng = np.random.default_rng(seed)

    def embed(self, texts, batch_size: int = 64) -> np.ndarray:
        out = self.rng.normal(size=(len(texts), self.dim)).astype(np.float32)
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        for i, text in enumerate(texts):
            if text in self.known:
                out[i] = self.known[text]
        return out


def build_scaled(home: Path, n: int, embedder_name: str, exact: bool = False) -> tuple[float, int]:
    """Grow ``home``'s index to ``n`` products with synthetic variants; returns (seconds, added).

    ``exact``: the new vectors go to an in-memory store and from there into
    ``derived/vector_matrix`` (what exact search reads); Chroma keeps only the real rows,
    so the copy is searchable only with ``--dense exact``. Inserting 200k vectors into
    Chroma's HNSW index takes far longer than the scan it would be compared with.
    """
    index = CatalogIndex(home / "index", make_embedder("fake"))
    real = list(index.products.values())
    got = index.store.collection.get(ids=[p.id for p in real], include=["embeddings"])
    vectors = dict(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32)))
    known = {p.search_text(): vectors[p.id] for p in real if p.id in vectors}
    dim = len(next(iter(known.values())))
    rng = random.Random(0)
    variants = ["Pro", "Lite", "Plus", "Max", "Mini", "S", "X", "Eco", "Duo", "Prime"]
    synthetic: list[Product] = []
    for i in range(n - len(real)):
        base = real[i % len(real)]
        price = None if base.price is None else round(base.price * rng.uniform(0.6, 1.6), 2)
        synthetic.append(Product(**{**base.to_dict(), "id": f"{base.id}-s{i}", "price": price,
                                    "title": f"{base.title} {variants[i % len(variants)]} {i // len(real) + 2}"}))
    store = None
    if exact:
        from retrieval.index.store import MemoryStore, product_metadata

        store = MemoryStore()
        with_vectors = [p for p in real if p.id in vectors]
        store.upsert([p.id for p in with_vectors], np.stack([vectors[p.id] for p in with_vectors]),
                     [product_metadata(p) for p in with_vectors])
    scaled = CatalogIndex(home / "index", _PrecomputedEmbedder(embedder_name, dim, known), store=store,
                          exact_search=exact or None)
    t = time.perf_counter()
    report = scaled.ingest(real + synthetic, batch_size=2048)
    seconds = time.perf_counter() - t
    scaled.close()
    index.close()
    return seconds, report.added


FILTERS = [
    {"max_price": 100.0},
    {"min_price": 20.0, "max_price": 500.0, "brands_exclude": ("HP", "Canon")},
    {"attributes_required": ("black",)},
    {"max_price": 300.0, "attributes_required": ("usb",), "brands_exclude": ("StarTech.com",)},
]


def clear_product_caches() -> None:
    """Forget every per-product text cache: each candidate is then seen for the first time."""
    from retrieval.query import product_terms, spaced_terms
    from retrieval.ranking.features import _product_words, _stemmed_text

    for cached in (product_terms, spaced_terms, _product_words, _stemmed_text):
        cached.cache_clear()


def latency(retriever: HybridRetriever, queries: list[Query], repeat: int, ranker=None,
            cold: bool = False) -> dict[str, float]:
    totals: list[float] = []
    cpu: list[float] = []
    load_start = os.getloadavg()[0]
    parts: dict[str, list[float]] = {}
    sizes: list[int] = []
    too_few = dropped = 0
    for _ in range(repeat):
        for query in queries:
            if cold:
                clear_product_caches()
            t, c = time.perf_counter(), time.thread_time()
            result = retriever.search(query)
            if ranker is not None:
                r = time.perf_counter()
                result.candidates = ranker.rank(query, result.candidates)
                result.timings_ms["rerank_ms"] = (time.perf_counter() - r) * 1000
            cpu.append((time.thread_time() - c) * 1000)
            totals.append((time.perf_counter() - t) * 1000)
            sizes.append(len(result.candidates))
            too_few += result.too_few
            dropped += result.dropped_by_recheck
            for key, value in result.timings_ms.items():
                parts.setdefault(key, []).append(value)
            for cand in result.candidates:
                if query.violations(cand.product):
                    raise AssertionError(f"constraint violated: {query} → {cand.product}")
    out = {"p50": pct(totals, 50), "p95": pct(totals, 95), "cpu_p50": pct(cpu, 50), "cpu_p95": pct(cpu, 95),
           "load_1min": [round(load_start, 2), round(os.getloadavg()[0], 2)],
           "n": len(totals), "mean_candidates": mean(sizes),
           "too_few": too_few / max(repeat, 1), "dropped_by_recheck": dropped}
    out.update({f"{k}_p50": pct(v, 50) for k, v in parts.items()})
    return out


def ndcg_table(retriever: HybridRetriever, judgments) -> dict[str, dict[str, float]]:
    out = {}
    queries = judgments.with_positives()
    for name, methods in (("bm25", ("bm25",)), ("dense", ("dense",)), ("hybrid", ("dense", "bm25"))):
        full, judged, recall = [], [], []
        for text in queries:
            grades = judgments.grades(text)
            ranking = [c.product.id for c in retriever.search(Query(text, in_stock=False, k=100), methods=methods).candidates]
            full.append(ndcg_at_k(ranking, grades, 10))
            judged.append(ndcg_at_k(ranking, grades, 10, judged_only=True))
            recall.append(recall_at_k(ranking, grades, 100))
        out[name] = {"ndcg10_unjudged0": mean(full), "ndcg10_judged_only": mean(judged), "recall100": mean(recall),
                     "queries": len(queries)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, help="data directory with an index (copied, never written)")
    parser.add_argument("--judgments", help="query,product_id,grade CSV; its queries drive the latency runs too")
    parser.add_argument("--scale", type=int, default=0, help="grow a copy of the index to N products first")
    parser.add_argument("--repeat", type=int, default=2, help="passes over the queries for latency")
    parser.add_argument("--no-ndcg", action="store_true")
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--dense", choices=("exact", "chroma"), default="exact",
                        help="dense search: numpy scan of derived/vector_matrix (default) or Chroma (the old path)")
    parser.add_argument("--ranker", help="learned ranker model (e.g. ~/.shopguide/ranker/current.json): "
                        "rerank the candidates inside each timed query")
    parser.add_argument("--cold-caches", action="store_true",
                        help="clear the per-product text caches before every query (the worst case: every "
                             "candidate seen for the first time, as in a one-shot CLI call)")
    parser.add_argument("--json", help="also write the latency results here (benchmarks/plot_sizes.py reads them)")
    parser.add_argument("--keep", action="store_true", help="keep the private copy (prints its path)")
    args = parser.parse_args()

    t = time.perf_counter()
    home = private_home(args.home)
    copy_s = time.perf_counter() - t
    embedder = make_embedder(args.embedder)
    build = ""
    if args.scale:
        seconds, added = build_scaled(home, args.scale, embedder.name, exact=args.dense == "exact")
        build = f"scaled to {args.scale} products: {added} synthetic rows added in {seconds:.0f} s (random vectors)"
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    index = CatalogIndex(home / "index", embedder, exact_search=args.dense == "exact")
    retriever = HybridRetriever(index)
    judgments = load_judgments(args.judgments) if args.judgments else None
    texts = judgments.queries if judgments else ["laptop bag", "gaming mouse", "bluetooth speaker", "usb cable",
                                                 "toner cartridge black", "wireless keyboard", "hdmi cable 2m"]
    t = time.perf_counter()
    retriever.search(Query("warm up", in_stock=False))  # loads model, BM25, product table, masks
    for f in FILTERS:
        retriever.search(Query("warm up", **f))
    warm_s = time.perf_counter() - t
    plain = [Query(text, in_stock=False) for text in texts]
    filtered = [Query(text, **FILTERS[i % len(FILTERS)]) for i, text in enumerate(texts)]
    ranker = None
    if args.ranker:
        from retrieval.ranking.learned import load_ranker

        ranker = load_ranker(args.ranker)
        if ranker is None:
            parser.error(f"no ranker model at {args.ranker}")
        ranker.rank(filtered[0], retriever.search(filtered[0]).candidates)   # first predict allocates
    results = {"no filters": latency(retriever, plain, args.repeat, ranker, args.cold_caches),
               "with filters": latency(retriever, filtered, args.repeat, ranker, args.cold_caches)}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"dense search: {args.dense}")
    print(f"index: {index.count()} products ({home}); copy {copy_s:.0f} s; first search (loads) {warm_s:.1f} s")
    if build:
        print(build)
    print()
    print(f"rerank: {args.ranker or 'none (fused order)'}; per-product caches: "
          f"{'cleared before every query' if args.cold_caches else 'kept (a warm server)'}")
    print("| queries | n | wall p50 / p95 ms | CPU p50 / p95 ms | load 1-min | embed p50 | mask p50 | dense p50 "
          "| bm25 p50 | fuse p50 | rerank p50 | mean candidates | too few | re-check drops |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['n']} | {r['p50']:.1f} / {r['p95']:.1f} | {r['cpu_p50']:.1f} / {r['cpu_p95']:.1f} | "
              f"{r['load_1min'][0]:.1f}–{r['load_1min'][1]:.1f} | {r.get('embed_ms_p50', 0):.1f} | "
              f"{r.get('mask_ms_p50', 0):.1f} | {r.get('dense_ms_p50', 0):.1f} | {r.get('bm25_ms_p50', 0):.1f} | "
              f"{r.get('fuse_ms_p50', 0):.1f} | {r.get('rerank_ms_p50', 0):.1f} | "
              f"{r['mean_candidates']:.1f} | {r['too_few']:.0f} | {r['dropped_by_recheck']} |")
    print(f"\npeak RSS: {peak:.0f} MiB (before opening the index for search: {rss_before:.0f} MiB)")
    if args.json:
        import json

        Path(args.json).write_text(json.dumps({"products": index.count(), "dense": args.dense, "ranker": args.ranker, "cold_caches": args.cold_caches, "scaled": bool(args.scale),
                                               "load_average": os.getloadavg(), "peak_rss_mib": peak, **results},
                                              indent=1))
    if judgments and not args.no_ndcg:
        table = ndcg_table(retriever, judgments)
        first = next(iter(table.values()))
        print(f"\nnDCG@10 on {args.judgments} ({first['queries']} queries with a positive grade; k=100 candidates)")
        print("| method | nDCG@10 unjudged=0 | nDCG@10 judged-only | recall@100 (grade ≥ 1) |")
        print("|---|---|---|---|")
        for name, r in table.items():
            print(f"| {name} | {r['ndcg10_unjudged0']:.4f} | {r['ndcg10_judged_only']:.4f} | {r['recall100']:.4f} |")
    index.close()
    if args.keep:
        print(f"\nkept {home}")
    else:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
