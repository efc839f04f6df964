"""Catalog-independent features for (query, candidate) pairs, the learned ranker's input.

Every feature is a *relative* or *bounded* signal — a score divided by the list's best,
a reciprocal rank, a fraction of query words found, a price position within the
budget — never a raw catalog quantity such as a product id, a brand name or an absolute
BM25 score (whose scale depends on corpus size and document lengths). That is what lets
a model trained on one catalog rank another sensibly.

Missing values are ``NaN`` (the gradient-boosted trees learn a default direction for
them) rather than a made-up number: a product without a rating is not a 0-star product.

>>> from retrieval.catalog.product import Product
>>> q = Query(text="waterproof rain jacket")
>>> c = Candidate(Product(id="1", title="Tidewater Rain Jacket", attributes={"features": ["waterproof"]}),
...               bm25_score=7.0, bm25_rank=1, fused_rank=1)
>>> row = dict(zip(FEATURES, candidate_features(q, [c])[0]))
>>> round(float(row["title_coverage"]), 2), float(row["text_coverage"]), float(row["bm25_rel"])
(0.67, 1.0, 1.0)
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Mapping, Sequence

import numpy as np

from retrieval.catalog.product import Product
from retrieval.query import Query, category_matches, norm, product_terms
from retrieval.search import Candidate
from retrieval.text import content_words, stem, stems
from retrieval.text import words as plain_words

FEATURES: tuple[str, ...] = (
    "dense_score",        # cosine similarity of query and product text (NaN: not retrieved densely)
    "dense_gap",          # dense_score minus the best dense_score in the list (≤ 0)
    "dense_rrank",        # 1 / dense rank (0: not retrieved densely)
    "bm25_rel",           # BM25 score / best BM25 score in the list
    "bm25_rrank",         # 1 / BM25 rank (0: not retrieved by BM25)
    "fused_rrank",        # 1 / rank after reciprocal-rank fusion
    "in_both",            # retrieved by both dense and BM25
    "title_coverage",     # fraction of query words in the title
    "text_coverage",      # fraction of query words anywhere (title, attributes, description)
    "title_phrase",       # the whole query appears in the title as a phrase
    "head_in_title",      # the query's last word (usually its head noun) is in the title
    "head_in_category",   # ... or in the category path
    "category_match",     # explicit category wanted and matched (1) or share of query words in the category
    "brand_in_query",     # the product's brand is named in the query
    "brand_liked",        # the shopper said they like this brand
    "brand_excluded",     # the shopper excluded this brand (retrieval filters these; kept for safety)
    "wanted_fraction",    # share of wanted attributes present (NaN: none wanted)
    "unwanted_fraction",  # share of unwanted attributes present (NaN: none unwanted)
    "price_position",     # 0 = at the budget's low end, 1 = at its top (NaN: no budget or no price)
    "price_vs_median",    # log(price / median candidate price)
    "rating",             # 0–5 (NaN: unknown)
    "log_reviews",        # log(1 + review count)
    "popularity",         # log(1 + debiased feedback score), 0 without feedback
    "title_words",        # log(1 + words in the title)
    "query_words",        # number of content words in the query
)
FEATURE_INDEX = {name: i for i, name in enumerate(FEATURES)}

def words(text: str) -> list[str]:
    """Lower-case stemmed word tokens (``retrieval.text``: one tokenizer, one stemmer)."""
    return stems(text)


def query_words(text: str) -> list[str]:
    """Content words of a query (stop words and pure price numbers dropped), order kept."""
    out: list[str] = []
    for w in content_words(text):
        s = stem(w)
        if s not in out:
            out.append(s)
    return out


@lru_cache(maxsize=4096)
def _product_words(product: Product) -> tuple[list[str], frozenset[str], frozenset[str]]:
    """(title stems, stems of the whole text as a set, category stems as a set).

    Computed once per product: stemming each candidate's full description was most of a
    rerank's cost (100 candidates per query, long descriptions on Icecat). The text's
    words are de-duplicated before stemming (the same set, half the ``stem`` calls).
    Products are frozen, so the cache is exact; callers must not mutate the title list.
    """
    text = frozenset(stem(w) for w in set(plain_words(product_terms(product))))
    return words(product.title), text, frozenset(words(product.category))


@lru_cache(maxsize=1024)
def _stemmed_text(product: Product) -> str:
    """The product's stemmed words joined with spaces around: for phrase tests of wanted attributes."""
    return " " + " ".join(words(product_terms(product))) + " "


def candidate_features(query: Query, candidates: Sequence[Candidate],
                       popularity: Mapping[str, float] | None = None) -> np.ndarray:
    """Feature matrix (one row per candidate, columns ``FEATURES``) as float32."""
    n = len(candidates)
    out = np.zeros((n, len(FEATURES)), dtype=np.float32)
    if n == 0:
        return out
    qwords = query_words(query.text)
    qphrase = " ".join(qwords)
    head = qwords[-1] if qwords else ""
    dense = [c.dense_score for c in candidates if c.dense_rank]
    best_dense = max(dense) if dense else 0.0
    best_bm25 = max((c.bm25_score for c in candidates if c.bm25_rank), default=0.0)
    prices = sorted(c.product.price for c in candidates if c.product.price)
    median = prices[len(prices) // 2] if prices else None
    liked = {norm(b) for b in query.brands_liked}
    excluded = {norm(b) for b in query.brands_exclude}
    qtext = " " + " ".join(words(query.text)) + " "
    popularity = popularity or {}
    col = FEATURE_INDEX
    for i, cand in enumerate(candidates):
        p = cand.product
        row = out[i]
        if cand.dense_rank:
            row[col["dense_score"]] = cand.dense_score
            row[col["dense_gap"]] = cand.dense_score - best_dense
            row[col["dense_rrank"]] = 1.0 / cand.dense_rank
        else:
            row[col["dense_score"]] = row[col["dense_gap"]] = np.nan
        if cand.bm25_rank:
            row[col["bm25_rel"]] = cand.bm25_score / best_bm25 if best_bm25 > 0 else 0.0
            row[col["bm25_rrank"]] = 1.0 / cand.bm25_rank
        row[col["fused_rrank"]] = 1.0 / cand.fused_rank if cand.fused_rank else 0.0
        row[col["in_both"]] = float(bool(cand.dense_rank and cand.bm25_rank))
        title, text_set, cat_set = _product_words(p)
        title_set = set(title)
        if qwords:
            row[col["title_coverage"]] = sum(w in title_set for w in qwords) / len(qwords)
            row[col["text_coverage"]] = sum(w in text_set or w in cat_set for w in qwords) / len(qwords)
            row[col["title_phrase"]] = float(f" {qphrase} " in " " + " ".join(title) + " ")
            row[col["head_in_title"]] = float(head in title_set)
            row[col["head_in_category"]] = float(head in cat_set)
        if query.categories:
            row[col["category_match"]] = float(category_matches(p.category, query.categories))
        elif qwords and cat_set:
            row[col["category_match"]] = sum(w in cat_set for w in qwords) / len(qwords)
        brand = norm(p.brand)
        if brand:
            bwords = " ".join(words(brand))
            row[col["brand_in_query"]] = float(bool(bwords) and f" {bwords} " in qtext)
            row[col["brand_liked"]] = float(brand in liked)
            row[col["brand_excluded"]] = float(brand in excluded)
        for name, attrs in (("wanted_fraction", query.attributes_wanted), ("unwanted_fraction", query.attributes_unwanted)):
            if not attrs:
                row[col[name]] = np.nan
                continue
            row[col[name]] = sum(f" {' '.join(words(a))} " in _stemmed_text(p) for a in attrs) / len(attrs)
        row[col["price_position"]] = _price_position(p.price, query.min_price, query.max_price)
        row[col["price_vs_median"]] = (
            math.log(p.price / median) if p.price and median else np.nan
        )
        row[col["rating"]] = p.rating if p.rating is not None else np.nan
        row[col["log_reviews"]] = math.log1p(max(p.review_count, 0))
        row[col["popularity"]] = math.log1p(max(float(popularity.get(p.id, 0.0)), 0.0))
        row[col["title_words"]] = math.log1p(len(title))
        row[col["query_words"]] = len(qwords)
    return out


def _price_position(price: float | None, lo: float | None, hi: float | None) -> float:
    """Where ``price`` sits in the budget: ``(price - lo) / (hi - lo)``; NaN without one.

    >>> _price_position(75.0, None, 100.0)
    0.75
    """
    if price is None or (lo is None and hi is None):
        return float("nan")
    if hi is not None and lo is not None and hi > lo:
        return (price - lo) / (hi - lo)
    if hi is not None and hi > 0:
        return price / hi
    if lo is not None and price > 0:
        return 1.0 - min(lo / price, 1.0)
    return float("nan")
