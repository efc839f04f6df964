"""Ranking metrics over graded judgments (pure functions, shared by ranker and eval).

Judgments map product id → grade (0 = irrelevant … 3 = perfect). Products never judged
are *unknown*: ``ndcg_at_k(..., judged_only=False)`` treats them as grade 0 (the
standard, pessimistic number); ``judged_only=True`` first drops unjudged products from
the ranking (the "condensed list" number). Report both and say which is which.

>>> round(ndcg_at_k(["a", "b"], {"a": 3, "b": 0}, 10), 3)
1.0
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence


def dcg(gains: Sequence[float]) -> float:
    return sum((2.0 ** g - 1.0) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at_k(ranking: Sequence[str], grades: Mapping[str, float], k: int = 10, judged_only: bool = False) -> float:
    """nDCG@k of ``ranking`` (product ids, best first); 0.0 when no positive grade exists."""
    if judged_only:
        ranking = [pid for pid in ranking if pid in grades]
    gains = [float(grades.get(pid, 0.0)) for pid in ranking[:k]]
    ideal = sorted((float(g) for g in grades.values()), reverse=True)[:k]
    best = dcg(ideal)
    return dcg(gains) / best if best > 0 else 0.0


def recall_at_k(ranking: Sequence[str], grades: Mapping[str, float], k: int = 50, min_grade: float = 1.0) -> float:
    """Share of products with grade ≥ ``min_grade`` that appear in the top ``k``."""
    relevant = {pid for pid, g in grades.items() if g >= min_grade}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranking[:k])) / len(relevant)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
