"""Ranking seam. The learned scorer lives in ``retrieval.ranking.learned``; this is the fallback.

A ``Ranker`` reorders constraint-satisfying candidates and never adds or removes any:
hard constraints were settled by retrieval.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from retrieval.query import Query
from retrieval.search import Candidate


@runtime_checkable
class Ranker(Protocol):
    name: str

    def rank(self, query: Query, candidates: list[Candidate]) -> list[Candidate]: ...


class FusedOrderRanker:
    """Keeps the reciprocal-rank-fusion order of retrieval."""

    name = "fused"

    def rank(self, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        for c in candidates:
            c.score = c.fused_score
        return sorted(candidates, key=lambda c: (c.fused_rank or 10**9, c.product.id))
