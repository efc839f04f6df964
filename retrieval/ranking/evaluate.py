"""Evaluate rankings against judgments: BM25, dense, fused and learned, side by side.

Every method is scored on the same judged queries (those with at least one positive
grade) with the same metrics, so the numbers compare directly:

* ``ndcg@10`` — unjudged products count as grade 0 (pessimistic, the headline);
* ``ndcg@10_judged`` — unjudged products are dropped before cutting at 10;
* ``recall@50`` — share of products with grade ≥ 1 in the top 50.

``cross_validate`` splits *queries* into folds (never a query's rows across folds), so
the learned score is always measured on queries the model never saw.
"""

from __future__ import annotations

import random
from typing import Any, Mapping, Sequence

from retrieval.ranking.metrics import mean, ndcg_at_k, recall_at_k
from retrieval.ranking.learned import LearnedRanker
from retrieval.ranking.training import DEFAULT_ROUNDS, QuerySet, train

METHODS = ("bm25", "dense", "fused", "learned")
PRIMARY = "ndcg@10"


def query_metrics(ranking: Sequence[str], grades: Mapping[str, float]) -> dict[str, float]:
    return {
        "ndcg@10": ndcg_at_k(ranking, grades, 10),
        "ndcg@10_judged": ndcg_at_k(ranking, grades, 10, judged_only=True),
        "recall@50": recall_at_k(ranking, grades, 50),
    }


def learned_ranking(ranker: LearnedRanker, qs: QuerySet, popularity: Mapping[str, float] | None = None) -> list[str]:
    return [c.product.id for c in ranker.rank(qs.query, list(qs.candidates), popularity=popularity)]


def per_query(sets: Sequence[QuerySet], ranker: LearnedRanker | None) -> dict[str, list[dict[str, float]]]:
    """method → one metrics dict per query (the ``learned`` key only with a ranker)."""
    out: dict[str, list[dict[str, float]]] = {m: [] for m in METHODS if m != "learned" or ranker is not None}
    for qs in sets:
        for method in out:
            if method == "learned":
                ranking = learned_ranking(ranker, qs)
            else:
                ranking = qs.baselines.get(method) or ([c.product.id for c in qs.candidates] if method == "fused" else [])
            out[method].append(query_metrics(ranking, qs.grades))
    return out


def average(rows: Mapping[str, list[dict[str, float]]]) -> dict[str, dict[str, float]]:
    return {
        method: {key: round(mean([r[key] for r in values]), 4) for key in ("ndcg@10", "ndcg@10_judged", "recall@50")}
        for method, values in rows.items()
    }


def evaluate(sets: Sequence[QuerySet], ranker: LearnedRanker | None) -> dict[str, dict[str, float]]:
    """Mean metrics per method; ``sets`` must come from ``collect(..., baselines=True)``."""
    return average(per_query(sets, ranker))


def folds_by_query(sets: Sequence[QuerySet], folds: int = 5, seed: int = 7) -> list[list[int]]:
    """Shuffle query indices once (seeded) and deal them into ``folds`` groups."""
    order = list(range(len(sets)))
    random.Random(seed).shuffle(order)
    return [order[i::folds] for i in range(folds)]


def cross_validate(sets: Sequence[QuerySet], folds: int = 5, seed: int = 7, params: Mapping[str, Any] | None = None,
                   rounds: int = DEFAULT_ROUNDS) -> dict[str, Any]:
    """Grouped k-fold CV: train on k-1 folds of queries, score the held-out fold, pool all queries."""
    pooled: dict[str, list[dict[str, float]]] = {m: [] for m in METHODS}
    for held in folds_by_query(sets, folds, seed):
        held_set = set(held)
        train_sets = [qs for i, qs in enumerate(sets) if i not in held_set]
        test_sets = [sets[i] for i in held]
        ranker = train(train_sets, params=params, rounds=rounds)
        for method, rows in per_query(test_sets, ranker).items():
            pooled[method].extend(rows)
    return {"folds": folds, "queries": len(sets), "metrics": average(pooled)}


def format_table(metrics: Mapping[str, Mapping[str, float]]) -> str:
    """A Markdown table, one row per method."""
    lines = ["| method | nDCG@10 (unjudged=0) | nDCG@10 (judged only) | recall@50 |", "|---|---|---|---|"]
    for method, m in metrics.items():
        lines.append(f"| {method} | {m['ndcg@10']:.4f} | {m['ndcg@10_judged']:.4f} | {m['recall@50']:.4f} |")
    return "\n".join(lines)
