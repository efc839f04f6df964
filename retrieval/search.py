"""Hybrid retrieval: dense (Chroma) and BM25 candidates fused by reciprocal rank.

Both retrievers see only allowed products (Chroma ``where`` filter, BM25 mask); every
fused candidate is then re-checked against the query's hard constraints in code, so a
candidate that breaks one can never leave this module. When fewer than ``min_results``
products satisfy the constraints, the result says so (``too_few``) instead of
silently relaxing anything.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from retrieval.index.catalog_index import CatalogIndex
from retrieval.index.embedder import embed_queries
from retrieval.catalog.product import Product
from retrieval.query import Query
from retrieval.index.store import query_where_document

RRF_K = 60


@dataclass
class Candidate:
    """A product with the retrieval signals the ranker uses."""

    product: Product
    dense_score: float = 0.0
    bm25_score: float = 0.0
    dense_rank: int | None = None   # 1-based; None when not retrieved by that method
    bm25_rank: int | None = None
    fused_score: float = 0.0
    fused_rank: int = 0
    score: float = 0.0              # the final ranking score (ranker's)

    def __repr__(self) -> str:
        return f"Candidate({self.product.id}, fused={self.fused_rank}, score={self.score:.3f})"


@dataclass
class SearchResult:
    query: Query
    candidates: list[Candidate]
    too_few: bool = False
    dropped_by_recheck: int = 0      # among the candidates re-checked (best first, until k were kept)
    timings_ms: dict[str, float] = field(default_factory=dict)
    dense_filter: str = ""   # how dense search applied the constraints: none | exact | postfilter | chroma | empty

    @property
    def products(self) -> list[Product]:
        return [c.product for c in self.candidates]


class HybridRetriever:
    """Retrieve up to ``query.k`` constraint-satisfying candidates."""

    def __init__(self, index: CatalogIndex, rrf_k: int = RRF_K, min_results: int = 3,
                 overfetch: int = 2, dense_filter: str = "auto", max_postfilter: int = 20000) -> None:
        if dense_filter not in ("auto", "chroma"):
            raise ValueError("dense_filter must be 'auto' or 'chroma'")
        self.index = index
        self.rrf_k = rrf_k
        self.min_results = min_results
        self.overfetch = overfetch
        self.dense_filter = dense_filter
        self.max_postfilter = max_postfilter

    def search(self, query: Query, methods: tuple[str, ...] = ("dense", "bm25")) -> SearchResult:
        timings: dict[str, float] = {}
        fetch = query.k * self.overfetch
        dense: list[tuple[str, float]] = []
        keyword: list[tuple[str, float]] = []
        dense_filter = ""
        t = time.perf_counter()
        mask = self.index.allowed_mask(query)
        timings["mask_ms"] = (time.perf_counter() - t) * 1000
        if "dense" in methods:
            t = time.perf_counter()
            vector = embed_queries(self.index.embedder, [query.text or " "])[0]
            timings["embed_ms"] = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            dense, dense_filter = self._dense(query, vector, fetch, mask)
            timings["dense_ms"] = (time.perf_counter() - t) * 1000
        if "bm25" in methods:
            t = time.perf_counter()
            keyword = self.index.keyword.search(query.text, fetch, mask=mask)
            timings["bm25_ms"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        by_id: dict[str, Candidate] = {}
        products = self.index.products
        for rank, (pid, score) in enumerate(dense, start=1):
            if pid in products:
                by_id[pid] = Candidate(products[pid], dense_score=score, dense_rank=rank)
        for rank, (pid, score) in enumerate(keyword, start=1):
            if pid not in products:
                continue
            cand = by_id.setdefault(pid, Candidate(products[pid]))
            cand.bm25_score, cand.bm25_rank = score, rank
        for cand in by_id.values():
            cand.fused_score = sum(1.0 / (self.rrf_k + r) for r in (cand.dense_rank, cand.bm25_rank) if r)
        # re-checked best first, until k are kept: a candidate below the cut is never shown,
        # so checking it (its whole text, when an attribute is constrained) was wasted work
        dropped = 0
        kept: list[Candidate] = []
        for cand in sorted(by_id.values(), key=lambda c: (-c.fused_score, c.product.id)):
            if len(kept) >= query.k:
                break
            if query.violations(cand.product):
                dropped += 1
                continue
            kept.append(cand)
        for i, cand in enumerate(kept, start=1):
            cand.fused_rank = i
            cand.score = cand.fused_score
        timings["fuse_ms"] = (time.perf_counter() - t) * 1000
        return SearchResult(
            query=query, candidates=kept, too_few=len(kept) < self.min_results,
            dropped_by_recheck=dropped, timings_ms=timings, dense_filter=dense_filter,
        )

    def _dense(self, query: Query, vector: np.ndarray, fetch: int, mask: np.ndarray) -> tuple[list[tuple[str, float]], str]:
        """Nearest allowed products, and how the constraints were applied.

        ``"chroma"``: Chroma's ``where``/``where_document`` filters. Their cost grows with
        the number of products they *match* (about 100 ms for a filter matching all of 20k
        products), so when the mask says a large share is allowed, ``"postfilter"`` asks
        Chroma for the ``fetch × total / allowed`` (+25%) nearest products unfiltered and
        keeps the allowed ones by the same mask: when at least ``fetch`` survive, they are
        exactly the ``fetch`` nearest allowed products. Otherwise it widens the search
        (×4, up to ``max_postfilter`` products; an unfiltered query for 20k neighbours
        takes ~40 ms) and finally falls back to Chroma's filters, which are fast for the
        narrow filters left. ``dense_filter="chroma"`` always uses Chroma's filters.

        ``"exact"`` (the default for the embedded store, ``CatalogIndex.exact_search``): a
        scan of the numpy vector matrix with the mask applied to its scores; exact, and it
        never imports ``chromadb``. The mask is the same one BM25 uses, so both
        retrievers see exactly the allowed products.
        """
        if getattr(self.index, "exact_search", False) and self.dense_filter == "auto":
            return self.index.vector_matrix().nearest(vector, fetch, mask), "exact"
        store = self.index.store
        where = query.chroma_where()
        where_document = query_where_document(query.attributes_required, query.attributes_excluded)
        if where is None and where_document is None:
            return store.query(vector, fetch), "none"
        allowed, total = int(mask.sum()), len(mask)
        if allowed == 0:
            return [], "empty"
        if self.dense_filter == "auto":
            position = self.index.keyword.position
            wide = math.ceil(fetch * total / allowed * 1.25)
            # the allowed share near the query may be lower than overall: widen ×4, then give up
            while wide <= self.max_postfilter or allowed == total:
                hits = store.query(vector, min(wide, total))
                kept = [(pid, s) for pid, s in hits if (pos := position(pid)) is not None and mask[pos]]
                if len(kept) >= fetch or wide >= total:
                    return kept[:fetch], "postfilter"
                wide *= 4
        return store.query(vector, fetch, where=where, where_document=where_document), "chroma"

    def nearest_violating(self, query: Query, relaxed: Query, limit: int = 3) -> list[tuple[Product, list[str]]]:
        """Closest products under ``relaxed`` constraints, each with what it violates of ``query``."""
        result = self.search(relaxed)
        out = []
        for cand in result.candidates:
            broken = query.violations(cand.product)
            if broken:
                out.append((cand.product, broken))
            if len(out) >= limit:
                break
        return out
