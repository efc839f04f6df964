"""Exact numpy dense search (``retrieval.index.vectors``) against Chroma, the store of record."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from retrieval.index.vectors import VectorMatrix
from retrieval.query import Query
from retrieval.search import HybridRetriever


def test_nearest_is_exact_masked_and_ordered():
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(500, 16)).astype(np.float32)
    ids = [f"p{i:03d}" for i in range(500)]
    m = VectorMatrix(ids, matrix)
    q = rng.normal(size=16)
    mask = rng.random(500) < 0.3
    unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    scores = unit @ (q / np.linalg.norm(q))
    expected = [ids[i] for i in np.argsort(-np.where(mask, scores, -np.inf))[:20]]
    got = m.nearest(q, 20, mask)
    assert [pid for pid, _ in got] == expected
    assert all(mask[ids.index(pid)] for pid, _ in got)
    assert [s for _, s in got] == sorted((s for _, s in got), reverse=True)
    assert m.nearest(q, 20, np.zeros(500, dtype=bool)) == []
    assert len(m.nearest(q, 10_000)) == 500
    with pytest.raises(ValueError):
        m.nearest(q, 5, np.ones(3, dtype=bool))
    with pytest.raises(ValueError):
        VectorMatrix(ids[:3], matrix)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    """One Chroma-backed index of 600 demo products, searched both ways."""
    from retrieval.catalog.product import Product
    from retrieval.demo.catalog import generate_catalog
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.store import ChromaStore

    products = [Product.from_dict(p) for p in generate_catalog(seed=11, n=600)]
    path = tmp_path_factory.mktemp("exact")
    store = ChromaStore(path=path / "chroma")
    chroma = CatalogIndex(path, FakeEmbedder(), store=store)
    chroma.ingest(products)
    exact = CatalogIndex(path, FakeEmbedder(), store=store, exact_search=True)
    return chroma, exact, products


QUERIES = [
    Query("warm winter jacket"),
    Query("running shoes", max_price=80.0),
    Query("headphones", brands_exclude=("Auralis",)),
    Query("backpack for travel", min_price=20.0, max_price=150.0),
    Query("black leather", attributes_required=("black",)),
    Query("gift for a gamer", max_price=40.0, brands_include=("Pacera", "Corbel")),
]


def test_exact_search_returns_chromas_top_products(indexes):
    chroma, exact, _ = indexes
    by_chroma = HybridRetriever(chroma, dense_filter="chroma")
    by_numpy = HybridRetriever(exact)
    compared = 0
    for query in QUERIES:
        a = by_numpy.search(query, methods=("dense",))
        b = by_chroma.search(query, methods=("dense",))
        assert a.dense_filter == "exact" and b.dense_filter in ("chroma", "none")
        ids_a, ids_b = [c.product.id for c in a.candidates], [c.product.id for c in b.candidates]
        # HNSW is approximate in the tail; on 600 products the head must agree exactly
        assert ids_a[:10] == ids_b[:10], query
        assert len(set(ids_a) & set(ids_b)) >= 0.9 * max(len(ids_a), len(ids_b))
        for cand_a, cand_b in zip(a.candidates[:10], b.candidates[:10]):
            assert cand_a.dense_score == pytest.approx(cand_b.dense_score, abs=1e-4)
        compared += bool(ids_a)
    assert compared >= 5


def test_hybrid_search_agrees_and_never_violates(indexes):
    chroma, exact, _ = indexes
    for query in QUERIES:
        a = HybridRetriever(exact).search(query)
        b = HybridRetriever(chroma, dense_filter="chroma").search(query)
        assert [c.product.id for c in a.candidates][:5] == [c.product.id for c in b.candidates][:5]
        assert not any(query.violations(c.product) for c in a.candidates)
        assert a.dropped_by_recheck == 0


def test_matrix_is_stored_at_ingest_and_loaded_without_chromadb(tmp_path):
    """The embedded store's ingest leaves derived/vector_matrix.pkl; a new process searches
    with it and never imports chromadb."""
    from retrieval.catalog.product import Product
    from retrieval.demo.catalog import generate_catalog
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder

    index = CatalogIndex(tmp_path, FakeEmbedder())
    assert index.exact_search
    index.ingest([Product.from_dict(p) for p in generate_catalog(seed=3, n=120)])
    assert (tmp_path / "derived" / "vector_matrix.pkl").exists()
    index.close()
    code = (
        "import sys\n"
        "from retrieval.index.catalog_index import CatalogIndex\n"
        "from retrieval.index.embedder import FakeEmbedder\n"
        "from retrieval.query import Query\n"
        "from retrieval.search import HybridRetriever\n"
        f"index = CatalogIndex({str(tmp_path)!r}, FakeEmbedder())\n"
        "r = HybridRetriever(index).search(Query('jacket', max_price=200.0))\n"
        "assert r.dense_filter == 'exact' and r.candidates, r\n"
        "assert 'vector_matrix' not in index.derived.built\n"
        "print('chromadb' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr
