"""Ranking features: values for hand-made candidates, and catalog independence."""

from __future__ import annotations

import math

import numpy as np
import pytest

from retrieval.ranking.features import FEATURES, candidate_features, query_words, words
from retrieval.text import stem
from retrieval.catalog.product import Product
from retrieval.query import Query
from retrieval.search import Candidate


def _cand(pid="A", title="Tidewater Packable Rain Jacket", brand="Tidewater", price=80.0, rating=4.5,
          reviews=99, dense=(0.8, 1), bm25=(6.0, 2), fused=1, **attrs):
    product = Product(id=pid, title=title, brand=brand, price=price, rating=rating, review_count=reviews,
                      category="Outdoor & Hiking > Jackets",
                      attributes={"colour": "yellow", "features": ["waterproof", "packable"], **attrs})
    return Candidate(product, dense_score=dense[0] if dense else 0.0, dense_rank=dense[1] if dense else None,
                     bm25_score=bm25[0] if bm25 else 0.0, bm25_rank=bm25[1] if bm25 else None, fused_rank=fused)


def row(query, cands, i=0, **kw):
    return dict(zip(FEATURES, candidate_features(query, cands, **kw)[i]))


def test_feature_values_for_a_hand_made_candidate():
    query = Query(text="waterproof rain jackets", max_price=100.0, brands_liked=("tidewater",),
                  attributes_wanted=("packable", "insulated"))
    other = _cand("B", title="Nordvik Fleece", brand="Nordvik", dense=(0.6, 2), bm25=(12.0, 1), fused=2)
    r = row(query, [_cand(), other])
    assert r["dense_score"] == pytest.approx(0.8)
    assert r["dense_gap"] == pytest.approx(0.0)
    assert r["bm25_rel"] == pytest.approx(0.5)          # 6 / best 12
    assert r["bm25_rrank"] == pytest.approx(0.5)
    assert r["fused_rrank"] == 1.0 and r["in_both"] == 1.0
    assert r["title_coverage"] == pytest.approx(2 / 3)  # "rain", "jacket" (plural stemmed); not "waterproof"
    assert r["text_coverage"] == 1.0                    # waterproof is a feature tag
    assert r["head_in_title"] == 1.0 and r["head_in_category"] == 1.0
    assert r["brand_liked"] == 1.0 and r["brand_excluded"] == 0.0
    assert r["wanted_fraction"] == pytest.approx(0.5)
    assert r["price_position"] == pytest.approx(0.8)
    assert r["rating"] == pytest.approx(4.5)
    assert r["log_reviews"] == pytest.approx(math.log1p(99))
    assert r["popularity"] == 0.0
    assert r["query_words"] == 3


def test_missing_values_are_nan_not_invented():
    r = row(Query(text="rain jacket"), [_cand(rating=None, price=None, dense=None)])
    for name in ("dense_score", "dense_gap", "rating", "price_position", "price_vs_median",
                 "wanted_fraction", "unwanted_fraction"):
        assert math.isnan(r[name]), name
    assert r["dense_rrank"] == 0.0


def test_popularity_is_log_scaled_and_brand_in_query_detected():
    r = row(Query(text="tidewater rain jacket"), [_cand()], popularity={"A": math.e - 1})
    assert r["popularity"] == pytest.approx(1.0)
    assert r["brand_in_query"] == 1.0


def test_features_do_not_depend_on_catalog_scale_or_ids():
    """BM25 scales with corpus statistics and ids are arbitrary: neither may leak into features."""
    query = Query(text="packable rain jacket")
    base = [_cand("A", bm25=(6.0, 2)), _cand("B", title="Alpenlite Shell", bm25=(12.0, 1), fused=2)]
    scaled = [_cand("x1", bm25=(60.0, 2)), _cand("x2", title="Alpenlite Shell", bm25=(120.0, 1), fused=2)]
    np.testing.assert_array_equal(candidate_features(query, base), candidate_features(query, scaled))


def test_empty_candidate_list_gives_an_empty_matrix():
    assert candidate_features(Query(text="x"), []).shape == (0, len(FEATURES))


@pytest.mark.parametrize("word, other", [("batteries", "battery"), ("bags", "bag"), ("cases", "case"),
                                         ("boxes", "box"), ("glasses", "glass"), ("hoodies", "hoodie")])
def test_features_compare_plural_and_singular_by_one_stemmer(word, other):
    assert stem(word) == stem(other)
    assert words(f"A {word.title()}") == words(f"a {other}")


def test_query_words_drop_stop_words_and_duplicates():
    assert query_words("I need a bag for the laptop bag") == ["bag", "laptop"]
