"""BM25 top-k over positive scores only: the same hits and scores as bm25s's ``retrieve``.

``KeywordIndex.search`` selects the top k among documents with a positive score instead
of calling ``bm25s.BM25.retrieve`` (which partitions every document's score twice). The
reference below is the old code, verbatim; results must agree on the demo catalog and on
a seeded synthetic catalog full of exact ties (duplicated texts), with and without
masks, except for the order *within* a tie, which is now document order.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from retrieval.catalog.product import Product
from retrieval.demo.catalog import generate_catalog
from retrieval.index.keyword import KeywordIndex, _bm25s

QUERIES = ["warm winter jacket", "running shoes", "headphones wireless", "backpack travel", "black leather",
           "gift", "pan", "zzzz-not-a-word", "the a of"]


def _reference(index: KeywordIndex, text: str, k: int, mask: np.ndarray | None) -> list[tuple[str, float]]:
    """The pre-change implementation (bm25s ``retrieve`` with a float weight mask)."""
    bm25s = _bm25s()
    tokens = bm25s.tokenize([text], stopwords="en", show_progress=False, return_ids=False)
    if not tokens or not tokens[0]:
        return []
    k = min(k, len(index.ids))
    weight_mask = None if mask is None else mask.astype(np.float32)
    docs, scores = index._model.retrieve([tokens[0]], k=k, show_progress=False, weight_mask=weight_mask,
                                         n_threads=0)
    return [(index.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]


def _catalogs():
    demo = [Product.from_dict(p) for p in generate_catalog(seed=3, n=400)]
    rng = random.Random(7)
    synthetic = []   # every text three times: exact score ties everywhere
    for i in range(600):
        base = demo[i % 200]
        synthetic.append(Product(id=f"S{i:04d}", title=base.title, description=base.description,
                                 category=base.category, brand=base.brand, price=rng.uniform(5, 300)))
    return {"demo": demo, "synthetic": synthetic}


@pytest.fixture(scope="module", params=["demo", "synthetic"])
def index(request) -> KeywordIndex:
    products = _catalogs()[request.param]
    built = KeywordIndex()
    built.build([p.id for p in products], [p.search_text() for p in products])
    return built


@pytest.mark.parametrize("k", [1, 10, 100, 5000])
def test_same_hits_and_scores_as_bm25s_retrieve(index, k):
    rng = np.random.default_rng(k)
    compared = 0
    for text in QUERIES:
        for mask in (None, rng.random(len(index)) < 0.5, np.zeros(len(index), dtype=bool)):
            got = index.search(text, k, mask=mask)
            want = _reference(index, text, k, mask)
            assert [s for _, s in got] == pytest.approx([s for _, s in want], rel=1e-6), text
            assert len(got) == len(want)
            if want:   # same products, except which of a tie at the k-th score made the cut
                boundary = want[-1][1]
                assert {p for p, s in got if s > boundary} == {p for p, s in want if s > boundary}
                compared += 1
            if mask is not None:
                position = {pid: i for i, pid in enumerate(index.ids)}
                assert all(mask[position[pid]] for pid, _ in got)
    assert compared >= 10


def test_ties_are_broken_by_document_order(index):
    got = index.search("running shoes", 5000)
    position = {pid: i for i, pid in enumerate(index.ids)}
    for (a, sa), (b, sb) in zip(got, got[1:]):
        assert sa > sb or (sa == sb and position[a] < position[b])
