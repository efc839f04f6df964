"""One contract for every ``VectorStore``: memory, embedded Chroma, and a ``chroma run`` server.

The server variant starts its own ``chroma run`` process on a free loopback port for this
module and stops it afterwards (marked ``slow``: it runs in CI, a few seconds to start).
"""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.catalog.product import Product
from retrieval.query import Query
from retrieval.index.store import (
    ChromaStore, MemoryStore, VectorStore, filter_document, product_metadata, query_where_document,
)

PRODUCTS = [
    Product(id="a", title="Red Waterproof Jacket", brand="Nordvik", category="Outdoor > Jackets", price=120.0,
            attributes={"features": ["waterproof"]}, stock=3),
    Product(id="b", title="Blue Non-Stick Pan", brand="Brightwell", category="Kitchen > Cookware", price=35.0, stock=9),
    Product(id="c", title="Waterproofing Spray", brand="Nordvik", category="Outdoor > Care", price=9.5, stock=0),
    Product(id="d", title="Green Rain Jacket", brand="Tidewater", category="Outdoor > Jackets", price=None),
    Product(id="e", title="Black Jacket", brand="Alpenlite", category="Outdoor > Jackets", price=200.0, stock=1),
]


def unit(*values: float) -> np.ndarray:
    vec = np.zeros(8, dtype=np.float32)
    vec[: len(values)] = values
    return vec / np.linalg.norm(vec)


VECTORS = np.stack([unit(1, 0.1), unit(0, 1), unit(0.9, 0, 0.5), unit(0.8, 0.2, 0, 0.3), unit(0.5, 0, 0, 0, 1)])


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    from retrieval.index.chroma_server import ChromaServer

    server = ChromaServer(tmp_path_factory.mktemp("server") / "chroma")
    server.start()
    yield server
    server.stop()
    assert not server.running


_counter = iter(range(10**6))


@pytest.fixture(params=["memory", "embedded", pytest.param("server", marks=pytest.mark.slow)])
def store(request, tmp_path) -> VectorStore:
    if request.param == "memory":
        return MemoryStore()
    if request.param == "embedded":
        return ChromaStore(path=tmp_path / "chroma")
    server = request.getfixturevalue("chroma_server")
    # one server for the module; a fresh collection per test keeps tests independent
    return ChromaStore(host=server.host, port=server.port, collection=f"contract-{next(_counter)}")


@pytest.fixture
def filled(store) -> VectorStore:
    store.upsert([p.id for p in PRODUCTS], VECTORS, [product_metadata(p) for p in PRODUCTS],
                 documents=[filter_document(p) for p in PRODUCTS])
    return store


def ids(hits):
    return [pid for pid, _ in hits]


def test_is_a_vector_store(store):
    assert isinstance(store, VectorStore)
    assert store.count() == 0
    assert store.ids() == set()
    assert store.query(unit(1), 3) == []


def test_nearest_first_with_cosine_scores(filled):
    hits = filled.query(unit(1), 5)
    assert ids(hits) == ["a", "d", "c", "e", "b"]
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == pytest.approx(float(VECTORS[0] @ unit(1)), abs=1e-4)
    assert ids(filled.query(unit(1), 2)) == ["a", "d"]


def test_upsert_replaces_and_never_duplicates(filled):
    filled.upsert(["a"], unit(0, 1)[None, :], [product_metadata(PRODUCTS[0])], documents=[filter_document(PRODUCTS[0])])
    filled.upsert(["a"], unit(0, 1)[None, :], [product_metadata(PRODUCTS[0])], documents=[filter_document(PRODUCTS[0])])
    assert filled.count() == 5
    assert filled.ids() == {"a", "b", "c", "d", "e"}
    assert ids(filled.query(unit(0, 1), 2))[0] in {"a", "b"}
    assert set(ids(filled.query(unit(0, 1), 2))) == {"a", "b"}


def test_delete(filled):
    filled.delete(["b", "zzz-unknown"])
    assert filled.count() == 4
    assert "b" not in ids(filled.query(unit(0, 1), 5))
    filled.delete([])
    assert filled.count() == 4


@pytest.mark.parametrize("query, expected", [
    (Query("x", max_price=130), ["a", "b"]),                       # unknown price never fits a budget; c out of stock
    (Query("x", min_price=100, max_price=250), ["a", "e"]),
    (Query("x", in_stock=False, max_price=50), ["c", "b"]),
    (Query("x", categories=("jackets",)), ["a", "d", "e"]),
    (Query("x", categories=("Outdoor",), brands_exclude=("nordvik",)), ["d", "e"]),
    (Query("x", brands_include=("Nordvik", "Tidewater"), in_stock=False), ["a", "d", "c"]),
    (Query("x", exclude_ids=("a",)), ["d", "e", "b"]),
])
def test_where_filters_match_the_code_check(filled, query, expected):
    got = ids(filled.query(unit(1), 10, where=query.chroma_where()))
    assert got == expected
    assert all(not query.violations(p) for p in PRODUCTS if p.id in got)
    allowed = [p.id for p in PRODUCTS if not query.violations(p)]
    assert sorted(got) == sorted(allowed)


@pytest.mark.parametrize("required, excluded, expected", [
    (("waterproof",), (), ["a"]),                 # whole word: "waterproofing" does not count
    (("non-stick",), (), ["b"]),
    (("non stick",), (), ["b"]),
    (("jacket",), ("red",), ["d", "e"]),
    ((), ("jacket",), ["c", "b"]),
])
def test_where_document_attribute_filters(filled, required, excluded, expected):
    where_document = query_where_document(required, excluded)
    got = ids(filled.query(unit(1), 10, where_document=where_document))
    assert got == expected
    query = Query("x", attributes_required=required, attributes_excluded=excluded, in_stock=False)
    assert sorted(got) == sorted(p.id for p in PRODUCTS if not query.violations(p))


def test_filters_combine(filled):
    query = Query("x", categories=("jackets",), max_price=150, attributes_required=("jacket",))
    got = filled.query(unit(1), 10, where=query.chroma_where(),
                       where_document=query_where_document(query.attributes_required, ()))
    assert ids(got) == ["a"]


@pytest.mark.parametrize("k", [1, 2, 3, 4])
@pytest.mark.parametrize("query", [
    Query("x", in_stock=False, max_price=500),
    Query("x", categories=("jackets",)),
    Query("x", attributes_excluded=("spray",), in_stock=False),
    Query("x", brands_include=("nordvik",), in_stock=False),
])
def test_any_k_gives_the_exact_top_k_allowed(filled, query, k):
    where_document = query_where_document(query.attributes_required, query.attributes_excluded)
    got = filled.query(unit(1), k, where=query.chroma_where(), where_document=where_document)
    sims = {p.id: float(v @ unit(1)) for p, v in zip(PRODUCTS, VECTORS)}
    allowed = sorted((p.id for p in PRODUCTS if not query.violations(p)), key=lambda pid: -sims[pid])
    assert ids(got) == allowed[:k]


def test_ids_page_through_large_collections(store):
    n = 5200  # over one 5000-id page
    vectors = np.random.default_rng(0).normal(size=(n, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    pids = [f"p{i}" for i in range(n)]
    for start in range(0, n, 1000):
        store.upsert(pids[start:start + 1000], vectors[start:start + 1000],
                     [{"pid": pid, "price": 1.0} for pid in pids[start:start + 1000]])
    assert store.count() == n
    assert store.ids() == set(pids)
    store.delete(pids[:5100])
    assert store.ids() == set(pids[5100:])
