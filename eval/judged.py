"""Judged-query evaluation: nDCG@10 and recall@k of the assistant's ranking on graded judgments.

Each query goes through the same turn planning as a chat message (portrait → hard
constraints → hybrid retrieval → ranker), and the ranking is scored against a
``query,product_id,grade`` file (grades 0–3) with ``retrieval.ranking.metrics``. Following the
sentence-transformers habit, the ranking is scored before reranking (fused retrieval
order) and after it (what the shopper sees). Unjudged products count as grade 0 in
``ndcg@10``; ``ndcg@10_judged_only`` drops them first (the "condensed list" number).

The catalog the judgments refer to must be indexed in the data directory, e.g. the
Icecat set: ``shopguide --data-dir /work/icecat-home eval run icecat-dev --out runs/x``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from assistant.errors import InputError
from eval.schema import SuiteError
from retrieval.ranking.metrics import mean, ndcg_at_k, recall_at_k

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@dataclass(frozen=True)
class JudgedSuite:
    """A judgments file plus the cut-offs to report."""

    name: str
    judgments: Path
    k: int = 10
    recall_ks: tuple[int, ...] = (10, 50)
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any], base: Path, source: str = "") -> "JudgedSuite":
        """``judgments:`` is absolute, relative to the suite file, or ``shared:icecat/x.csv``
        (the shared data folder beside the checkout)."""
        ref = data.get("judgments")
        if not isinstance(ref, str) or not ref.strip():
            raise SuiteError(f"{source}: a judged suite needs `judgments: FILE.csv`")
        path = SHARED_DATA / ref[len("shared:"):] if ref.startswith("shared:") else Path(ref).expanduser()
        if not path.is_absolute():
            path = base / path
        recall = tuple(int(k) for k in data.get("recall_k", (10, 50)))
        return cls(name=str(data.get("name") or Path(ref).stem), judgments=path, k=int(data.get("k", 10)),
                   recall_ks=recall, source=source)


def load_judgments(path: str | Path) -> dict[str, dict[str, float]]:
    """``query → {product_id: grade}`` from a CSV with columns query, product_id, grade."""
    path = Path(path)
    if not path.exists():
        raise SuiteError(f"judgments file {path} does not exist (for the Icecat dev set it is "
                         "../shared/data/icecat/judgments-dev.csv beside the checkout)")
    out: dict[str, dict[str, float]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = {"query", "product_id", "grade"} - set(reader.fieldnames or [])
        if missing:
            raise SuiteError(f"{path}: missing columns {sorted(missing)} (need query,product_id,grade)")
        for line, row in enumerate(reader, start=2):
            try:
                grade = float(row["grade"])
            except (TypeError, ValueError):
                raise SuiteError(f"{path}:{line}: grade {row['grade']!r} is not a number") from None
            query, pid = (row["query"] or "").strip(), (row["product_id"] or "").strip()
            if not query or not pid:
                raise SuiteError(f"{path}:{line}: empty query or product_id")
            out.setdefault(query, {})[pid] = grade
    if not out:
        raise SuiteError(f"{path}: no judgments")
    return out


def rank_query(assistant, text: str) -> tuple[list[str], list[str]]:
    """(fused order, reranked order) of product ids for one query, as a first chat turn."""
    session = assistant.new_session()
    plan = assistant.plan(session, text)
    if plan.result is None:
        return [], []
    candidates = list(plan.result.candidates)
    fused = [c.product.id for c in sorted(candidates, key=lambda c: (c.fused_rank or 10**9, c.product.id))]
    reranked = [c.product.id for c in assistant.ranker.rank(plan.result.query, candidates)]
    return fused, reranked


def evaluate_judged(assistant, suite: JudgedSuite, queries: list[str] | None = None,
                    judgments: dict[str, dict[str, float]] | None = None,
                    progress: Callable[[Any], Any] = lambda it: it) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Score every (or the given) query; returns flat metrics and one record per query."""
    judgments = judgments if judgments is not None else load_judgments(suite.judgments)
    queries = list(judgments) if queries is None else queries
    known = assistant.index.products
    judged_ids = {pid for grades in judgments.values() for pid in grades}
    coverage = len(judged_ids & set(known)) / len(judged_ids) if judged_ids else 0.0
    if judged_ids and coverage == 0.0:
        raise InputError(f"none of the products judged in {suite.judgments} is in the index at "
                         f"{assistant.settings.index_dir}: index that catalog first or pass its --data-dir")
    k = suite.k
    records = []
    for query in progress(queries):
        grades = judgments[query]
        fused, reranked = rank_query(assistant, query)
        rec: dict[str, Any] = {
            "query": query,
            f"ndcg@{k}": ndcg_at_k(reranked, grades, k),
            f"ndcg@{k}_judged_only": ndcg_at_k(reranked, grades, k, judged_only=True),
            f"ndcg@{k}_fused": ndcg_at_k(fused, grades, k),
            "top": reranked[:k],
        }
        for rk in suite.recall_ks:
            rec[f"recall@{rk}"] = recall_at_k(reranked, grades, rk)
        records.append(rec)
    metrics: dict[str, float] = {"judged_queries": float(len(records)), "judged_coverage": coverage}
    for key in [key for key in records[0] if key not in ("query", "top")] if records else []:
        metrics[key] = mean([r[key] for r in records])
    return metrics, records
