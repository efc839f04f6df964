"""Per-product caches on the query path give the same answers as computing afresh.

The code re-check (``Query.violations``) and the ranking features read each candidate's
whole text; both now compute it once per product (``retrieval.query.spaced_terms``,
``retrieval.ranking.features._product_words``). These tests pin that the cached answers
equal the uncached definitions, that a changed product with the same id is never
answered from the old one's cache, and that a whole search + rerank is unchanged.
"""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.catalog.product import Product
from retrieval.demo.catalog import generate_catalog
from retrieval.query import Query, has_spaced_term, has_term, product_terms, spaced_terms
from retrieval.ranking import features
from retrieval.search import Candidate

ATTRS = ["waterproof", "black", "non-stick", "non stick", "usb", "Wireless", "red", "bluetooth 5.0", "x", ""]


def _clear() -> None:
    product_terms.cache_clear()
    spaced_terms.cache_clear()
    features._product_words.cache_clear()
    features._stemmed_text.cache_clear()


@pytest.fixture(scope="module")
def products() -> list[Product]:
    return [Product.from_dict(p) for p in generate_catalog(seed=5, n=300)]


def test_spaced_terms_answer_like_has_term(products):
    _clear()
    checked = hits = 0
    for p in products:
        terms = " " + " ".join(p.title.lower().split() + p.attribute_text().lower().split()
                               + p.description.lower().split()) + " "
        for attr in ATTRS:
            want = has_term(terms, attr)
            assert has_spaced_term(spaced_terms(p), attr) == want, (p.id, attr)
            checked += 1
            hits += want
    assert checked == len(products) * len(ATTRS) and 0 < hits < checked   # both answers occur


def test_a_changed_product_with_the_same_id_is_not_answered_from_cache():
    _clear()
    old = Product(id="P1", title="Frying pan", description="non-stick coating")
    new = Product(id="P1", title="Frying pan", description="cast iron")
    query = Query("pan", attributes_required=("non-stick",), in_stock=False)
    assert query.violations(old) == []
    assert query.violations(new) == ["not non-stick"]
    assert query.violations(old) == []
    row_old = dict(zip(features.FEATURES, features.candidate_features(
        Query("cast iron pan"), [Candidate(old, fused_rank=1)])[0]))
    row_new = dict(zip(features.FEATURES, features.candidate_features(
        Query("cast iron pan"), [Candidate(new, fused_rank=1)])[0]))
    assert row_old["text_coverage"] < row_new["text_coverage"] == 1.0


def test_product_words_match_their_definition(products):
    _clear()
    for p in products:
        title, text, category = features._product_words(p)
        assert title == features.words(p.title)
        assert text == set(features.words(product_terms(p)))
        assert category == set(features.words(p.category))
        assert features._stemmed_text(p) == " " + " ".join(features.words(product_terms(p))) + " "


def test_features_are_the_same_cold_and_warm(products):
    queries = [Query("warm winter jacket", attributes_wanted=("waterproof",), attributes_unwanted=("red",)),
               Query("running shoes", max_price=80.0, brands_liked=("Pacera",))]
    for query in queries:
        cands = [Candidate(p, dense_score=0.5 - i / 1000, dense_rank=i + 1, bm25_score=10 - i / 10,
                           bm25_rank=i + 1, fused_rank=i + 1) for i, p in enumerate(products[:100])]
        _clear()
        cold = features.candidate_features(query, cands)
        warm = features.candidate_features(query, cands)
        np.testing.assert_array_equal(cold, warm)
        assert not np.isnan(cold[:, features.FEATURE_INDEX["text_coverage"]]).any()
