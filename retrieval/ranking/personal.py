"""Personal reranking: the base ranker's order blended with what this shopper and similar shoppers did.

Features per candidate, all relative within the list (catalog-independent):

- ``content_brand``, ``content_colour``, ``content_size``, ``content_material``,
  ``content_category``: the shopper's long-term affinity for the candidate's value of
  that field; ``content_price``: minus the distance from their usual price level
  (these work for products nobody has bought: a new product is judged by what it is);
- ``cf``        the collaborative model's score of the candidate for the shopper's history
  (co-occurrence similarity to what they bought, or the ALS dot product);
- ``category_popularity`` the candidate's share of interactions within its category.

Each feature is z-scored within the candidate list; an unknown value (``nan``: a new
product without interactions) becomes 0, the list's mean, so it is neither rewarded nor
penalised. Score = z(base score) + Σ weight·z(feature). With no history and no profile
every personal feature is 0 and the order is the base ranker's, unchanged.

    >>> ctx = UserContext(affinities={"brand": {"alpenlite": 3.0}})
    >>> [round(float(x), 2) for x in content_scores(ctx, [_P("a", "Alpenlite"), _P("b", "Nordvik")])["brand"]]
    [3.0, 0.0]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from retrieval.query import norm
from retrieval.search import Candidate

CONTENT_FIELDS = ("brand", "colour", "size", "material", "category")
CONTENT_FEATURES = tuple(f"content_{f}" for f in (*CONTENT_FIELDS, "price"))
PERSONAL_FEATURES = (*CONTENT_FEATURES, "cf", "category_popularity")
DEFAULT_WEIGHTS = {"content_brand": 0.5, "content_colour": 0.25, "content_material": 0.1, "content_size": 0.1,
                   "content_category": 0.0, "content_price": 0.25, "cf": 0.5, "category_popularity": 0.1}


@dataclass(frozen=True)
class UserContext:
    """What the reranker knows about the shopper; empty means anonymous."""

    history: Mapping[str, float] = field(default_factory=dict)          # product id → decayed weight
    affinities: Mapping[str, Mapping[str, float]] = field(default_factory=dict)   # field → value → score
    price_level: float | None = None
    category_medians: Mapping[str, float] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.history and not any(self.affinities.values()) and self.price_level is None


class _P:   # tiny product stand-in for the docstring example
    def __init__(self, id: str, brand: str) -> None:
        self.id, self.brand, self.category, self.price, self.attributes = id, brand, "", None, {}


def _value(product, name: str) -> str:
    if name == "brand":
        return norm(product.brand or "")
    if name == "category":
        return norm(product.category or "")
    v = (product.attributes or {}).get(name)
    return norm(str(v)) if isinstance(v, (str, int, float)) else ""


def content_scores(ctx: UserContext, products: Sequence) -> dict[str, np.ndarray]:
    """Field → affinity of each product's value (0 when the shopper has none); ``price`` → -|distance|."""
    out = {name: np.zeros(len(products), dtype=np.float64) for name in (*CONTENT_FIELDS, "price")}
    for k, p in enumerate(products):
        for name in CONTENT_FIELDS:
            out[name][k] = ctx.affinities.get(name, {}).get(_value(p, name), 0.0)
        median = ctx.category_medians.get(p.category)
        if ctx.price_level is not None and p.price and median:
            out["price"][k] = -abs(math.log(p.price / median) - ctx.price_level)
        else:
            out["price"][k] = np.nan
    return out


def _z(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    known = ~np.isnan(x)
    out = np.zeros(len(x))
    if known.sum() < 2:
        return out
    mu, sd = x[known].mean(), x[known].std()
    if sd < 1e-9:
        return out
    out[known] = (x[known] - mu) / sd
    return out


class PersonalReranker:
    """Reorders a ranked list for one shopper; never adds or removes candidates."""

    name = "personal"

    def __init__(self, collaborative=None, popularity: Mapping[str, float] | None = None,
                 weights: Mapping[str, float] | None = None) -> None:
        self.collaborative = collaborative
        self.popularity = dict(popularity or {})
        self.weights = {**DEFAULT_WEIGHTS, **(weights or {})}
        unknown = set(self.weights) - set(PERSONAL_FEATURES)
        if unknown:
            raise ValueError(f"unknown personal features {sorted(unknown)}")

    def __repr__(self) -> str:
        cf = getattr(self.collaborative, "name", None)
        return f"PersonalReranker(cf={cf}, weights={self.weights})"

    def features(self, ctx: UserContext, candidates: Sequence[Candidate]) -> dict[str, np.ndarray]:
        products = [c.product for c in candidates]
        ids = [p.id for p in products]
        cf = (self.collaborative.score(ctx.history, ids) if self.collaborative is not None and ctx.history
              else np.full(len(ids), np.nan))
        pop = np.array([self.popularity.get(i, np.nan) for i in ids], dtype=np.float64)
        content = {f"content_{k}": v for k, v in content_scores(ctx, products).items()}
        return {**content, "cf": cf, "category_popularity": pop}

    def scores(self, ctx: UserContext, candidates: Sequence[Candidate], base: Sequence[float]) -> np.ndarray:
        total = _z(np.asarray(base, dtype=np.float64))
        for name, values in self.features(ctx, candidates).items():
            w = self.weights.get(name, 0.0)
            if w:
                total = total + w * _z(values)
        return total

    def rerank(self, ctx: UserContext | None, ranked: list[Candidate]) -> list[Candidate]:
        """``ranked`` best first (scores set by the base ranker) → personalised order."""
        if not ranked or ctx is None or (ctx.is_empty and not self.popularity):
            return ranked
        base = [c.score if c.score is not None else -k for k, c in enumerate(ranked)]
        s = self.scores(ctx, ranked, base)
        order = sorted(range(len(ranked)), key=lambda k: (-s[k], k))
        return [ranked[k] for k in order]
