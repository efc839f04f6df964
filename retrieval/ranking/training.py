"""Training data for the learned ranker: judged queries → candidate lists → features → model.

Candidates come from the same ``HybridRetriever`` the assistant uses (top ``k`` = 100 by
default), so the model learns to reorder exactly the lists it will see when serving.
A candidate the judgments never mention gets label 0 — the same convention as the
headline "unjudged = 0" nDCG.

Interaction logs (impressions and feedback events) become graded labels with
``feedback_judgments``; see its docstring for how position bias is handled.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence, Union

import numpy as np

from retrieval.ranking.features import FEATURES, candidate_features
from retrieval.ranking.judgments import Judgments
from retrieval.query import Query
from retrieval.ranking.learned import LearnedRanker, import_xgboost
from retrieval.search import Candidate, HybridRetriever

DEFAULT_CANDIDATES = 100
DEFAULT_PARAMS: dict[str, Any] = {
    "objective": "rank:ndcg",
    "eval_metric": "ndcg@10",
    "lambdarank_pair_method": "topk",
    "lambdarank_num_pair_per_sample": 16,
    "eta": 0.05,
    "max_depth": 3,
    "min_child_weight": 10.0,  # ~70 judged queries: shallow, well-supported trees generalize best in CV
    "subsample": 0.8,
    "colsample_bytree": 0.8,
    "lambda": 1.0,
    "seed": 7,
    "nthread": 1,  # ~100 rows per query: threads mostly add overhead, and CPUs are shared
}
DEFAULT_ROUNDS = 150

# feedback event → grade; thumbs_down is an explicit "not relevant"
EVENT_GRADE = {"purchase": 3, "add_to_cart": 2, "click": 1, "thumbs_up": 1, "thumbs_down": 0}
POSITION_ETA = 1.0        # examination propensity p(pos) = (1 / pos) ** eta
MAX_INVERSE_PROPENSITY = 5.0
POPULARITY_PRIOR = 5.0    # pseudo-impressions: a product needs evidence before it looks popular


@dataclass
class QuerySet:
    """One judged query with its hybrid candidate list (and, for evaluation, the baselines')."""

    text: str
    query: Query
    candidates: list[Candidate]
    grades: dict[str, float]
    baselines: dict[str, list[str]] = field(default_factory=dict)  # method → ranked product ids

    @property
    def labels(self) -> np.ndarray:
        return np.array([round(self.grades.get(c.product.id, 0.0)) for c in self.candidates], dtype=np.float32)


def collect(retriever: HybridRetriever, judgments: Judgments, k: int = DEFAULT_CANDIDATES,
            baselines: bool = False, queries: Sequence[str] | None = None) -> list[QuerySet]:
    """Run retrieval for every judged query (with at least one positive grade).

    ``baselines=True`` also records the BM25-only and dense-only rankings (top ``k``),
    which ``ranker_eval.evaluate`` reports beside the fused and learned orders.
    Stock is ignored here: judgments are about relevance, not availability. Query
    texts are embedded in one batch up front (one call per query costs ~10× more).
    """
    texts = list(queries if queries is not None else judgments.with_positives())
    cached = CachedEmbedder(retriever.index.embedder)
    cached.prime([t or " " for t in texts])
    retriever = HybridRetriever(_IndexWithEmbedder(retriever.index, cached), rrf_k=retriever.rrf_k,
                                min_results=retriever.min_results, overfetch=retriever.overfetch)
    out = []
    for text in texts:
        query = Query(text=text, k=k, in_stock=False)
        result = retriever.search(query)
        qs = QuerySet(text, query, result.candidates, judgments.grades(text))
        if baselines:
            qs.baselines["bm25"] = [c.product.id for c in retriever.search(query, methods=("bm25",)).candidates]
            qs.baselines["dense"] = [c.product.id for c in retriever.search(query, methods=("dense",)).candidates]
            qs.baselines["fused"] = [c.product.id for c in result.candidates]
        out.append(qs)
    return out


class CachedEmbedder:
    """Wraps an embedder with a query text → vector cache that ``prime`` fills in batches.

    Queries are cached apart from passages: an asymmetric embedder (E5) embeds a text
    differently as a query than as a passage.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._cache: dict[str, np.ndarray] = {}

    def prime(self, texts: Sequence[str], batch_size: int = 64) -> None:
        from retrieval.index.embedder import embed_queries

        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for start in range(0, len(todo), batch_size):
            chunk = todo[start:start + batch_size]
            for text, vec in zip(chunk, embed_queries(self.inner, chunk)):
                self._cache[text] = vec

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        self.prime(texts)
        return np.stack([self._cache[t] for t in texts]) if texts else self.inner.embed([])

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        return self.inner.embed(texts, batch_size=batch_size)


class _IndexWithEmbedder:
    """The same catalog index seen through another embedder (read-only use by the retriever)."""

    def __init__(self, index: Any, embedder: Any) -> None:
        self._index = index
        self.embedder = embedder

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)


PopularityArg = Union[Mapping[str, float], Callable[[str], Mapping[str, float]], None]


def build_matrix(sets: Sequence[QuerySet], popularity: PopularityArg = None) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Stack features, labels and group sizes; empty candidate lists are skipped.

    ``popularity`` is one product id → score mapping, or a function of the query text
    returning one (leave-one-query-out popularity when training from feedback).
    """
    xs, ys, groups = [], [], []
    for qs in sets:
        if not qs.candidates:
            continue
        pop = popularity(qs.text) if callable(popularity) else popularity
        xs.append(candidate_features(qs.query, qs.candidates, pop))
        ys.append(qs.labels)
        groups.append(len(qs.candidates))
    if not xs:
        return np.zeros((0, len(FEATURES)), np.float32), np.zeros(0, np.float32), []
    return np.vstack(xs), np.concatenate(ys), groups


def train(sets: Sequence[QuerySet], popularity: PopularityArg = None,
          params: Mapping[str, Any] | None = None, rounds: int = DEFAULT_ROUNDS,
          metadata: Mapping[str, Any] | None = None) -> LearnedRanker:
    """Fit an xgboost ``rank:ndcg`` model on ``sets``; raises ValueError without any positive label."""
    x, y, groups = build_matrix(sets, popularity)
    if not groups or not (y > 0).any():
        raise ValueError("no judged query has a relevant product among its retrieved candidates; nothing to learn")
    xgb = import_xgboost()
    dtrain = xgb.DMatrix(x, label=y, feature_names=list(FEATURES), missing=np.nan)
    dtrain.set_group(groups)
    merged = {**DEFAULT_PARAMS, **(params or {})}
    started = time.perf_counter()
    booster = xgb.train(merged, dtrain, num_boost_round=rounds)
    meta = {
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "queries": len(groups),
        "rows": int(len(y)),
        "positives": int((y > 0).sum()),
        "candidates_per_query": max(groups),
        "params": merged,
        "rounds": rounds,
        "train_seconds": round(time.perf_counter() - started, 2),
        "xgboost": getattr(xgb, "__version__", ""),
        **(metadata or {}),
    }
    return LearnedRanker(booster, FEATURES, meta)


# -- interaction logs --------------------------------------------------------------------------
def propensity(position: int | None, eta: float = POSITION_ETA) -> float:
    """Probability a shopper looks at the product at 1-based ``position`` (``(1/pos)**eta``)."""
    if not position or position < 1:
        return 1.0
    return (1.0 / position) ** eta


def _serps(impressions: Iterable[Mapping[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
    serps: dict[tuple[str, int], dict[str, Any]] = {}
    for row in impressions:
        key = (str(row["session_id"]), int(row["turn"]))
        serp = serps.setdefault(key, {"query": str(row["query"]), "shown": {}, "created": float(row.get("created") or 0)})
        serp["shown"][str(row["product_id"])] = int(row["position"])
    return serps


def _attach(serps: dict[tuple[str, int], dict[str, Any]], feedback: Iterable[Mapping[str, Any]]):
    """Yield (serp key, product id, event, position): each event goes to the latest list that showed it."""
    by_session: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for (sid, turn), serp in serps.items():
        by_session[sid].append((turn, serp))
    for rows in by_session.values():
        rows.sort(key=lambda r: r[0])
    for event in feedback:
        sid, pid, kind = str(event["session_id"]), str(event["product_id"]), str(event["event"])
        if kind not in EVENT_GRADE:
            continue
        created = float(event.get("created") or 0)
        best = None
        for turn, serp in by_session.get(sid, []):
            if pid in serp["shown"] and (not created or serp["created"] <= created + 1e-6):
                best = (turn, serp)
        if best is None:
            continue
        position = event.get("position") or best[1]["shown"][pid]
        yield (sid, best[0]), pid, kind, int(position)


def feedback_judgments(impressions: Iterable[Mapping[str, Any]], feedback: Iterable[Mapping[str, Any]]) -> Judgments:
    """Graded labels from what shoppers saw and did.

    Each shown list (one turn's impressions) is labelled on its own:

    * a product's grade is its strongest event: purchase 3, add-to-cart 2, click or
      thumbs-up 1; a thumbs-down with no positive event is an explicit 0;
    * **position bias** — a shopper can only react to what they looked at, and they
      look at the top more. We therefore never treat "shown but no event" as
      irrelevant by default: only products shown *above* the lowest product with a
      positive event count as examined-and-skipped (grade 0, the "skip-above"
      assumption of Joachims et al., 2005). Products below it, and lists with no
      event at all, give no label (unknown, not irrelevant);
    * lists for the same query text are merged by averaging each product's grades.

    Popularity (``popularity_from_feedback``) is separately debiased by inverse
    propensity. Example: shown [A, B, C], C clicked → A 0, B 0, C 1; shown [A, B, C],
    A purchased → A 3 and nothing else labelled.
    """
    serps = _serps(impressions)
    events: dict[tuple[str, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for key, pid, kind, _pos in _attach(serps, feedback):
        events[key][pid].append(kind)
    sums: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for key, per_product in events.items():
        serp = serps[key]
        grades: dict[str, float] = {}
        for pid, kinds in per_product.items():
            positive = [EVENT_GRADE[k] for k in kinds if EVENT_GRADE[k] > 0]
            grades[pid] = float(max(positive)) if positive else 0.0
        clicked = [serp["shown"][pid] for pid, g in grades.items() if g > 0]
        lowest = max(clicked) if clicked else 0
        for pid, pos in serp["shown"].items():
            if pid not in grades and pos < lowest:
                grades[pid] = 0.0
        for pid, g in grades.items():
            sums[serp["query"]][pid].append(g)
    rows = [(q, pid, sum(gs) / len(gs)) for q, per in sums.items() for pid, gs in per.items()]
    return Judgments.from_rows(rows, source="feedback")


def popularity_from_feedback(impressions: Iterable[Mapping[str, Any]], feedback: Iterable[Mapping[str, Any]],
                             exclude_query: str | None = None) -> dict[str, float]:
    """Product id → position-debiased engagement rate (the ``popularity`` feature's input).

    ``Σ grade(event) / propensity(position)`` over the product's positive events,
    divided by its impressions plus a prior of 5, with each inverse propensity capped
    at 5 so one lucky deep click cannot dominate; thumbs-down subtracts 1.
    ``exclude_query`` leaves one query's own events out (used when training from
    feedback, so the label does not leak into its own feature).
    """
    serps = _serps(impressions)
    shown: dict[str, int] = defaultdict(int)
    for serp in serps.values():
        if exclude_query is not None and serp["query"] == exclude_query:
            continue
        for pid in serp["shown"]:
            shown[pid] += 1
    score: dict[str, float] = defaultdict(float)
    for key, pid, kind, pos in _attach(serps, feedback):
        if exclude_query is not None and serps[key]["query"] == exclude_query:
            continue
        grade = EVENT_GRADE[kind]
        if grade > 0:
            score[pid] += grade * min(1.0 / propensity(pos), MAX_INVERSE_PROPENSITY)
        elif kind == "thumbs_down":
            score[pid] -= 1.0
    return {pid: max(s, 0.0) / (shown.get(pid, 0) + POPULARITY_PRIOR) for pid, s in score.items() if s > 0}


def leave_query_out_popularity(impressions: Sequence[Mapping[str, Any]],
                               feedback: Sequence[Mapping[str, Any]]) -> Callable[[str], dict[str, float]]:
    """A function query text → popularity computed without that query's own events."""
    cache: dict[str, dict[str, float]] = {}

    def for_query(text: str) -> dict[str, float]:
        if text not in cache:
            cache[text] = popularity_from_feedback(impressions, feedback, exclude_query=text)
        return cache[text]

    return for_query
