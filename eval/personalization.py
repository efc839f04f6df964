"""``shopguide eval personalization``: does history help? Leave-the-next-purchase-out on a simulated population.

Protocol (a global time split, so no model ever sees an event from after its cutoff):

1. Per category, the base query is the category's leaf name ("Jackets"); its candidates
   come from the real ``HybridRetriever`` and its base order from the data directory's
   current ranker. The simulator (``eval.population``) shows those lists to shoppers.
2. Validation: profiles and collaborative models are built from events before
   ``V = cutoff - test_days``; the target is each user's first purchase in ``[V, cutoff)``.
   The blend weights of each variant and the collaborative model kind (co-occurrence vs
   ALS) are chosen on validation nDCG@10 only.
3. Test: everything rebuilt from events before ``cutoff``; the target is each user's first
   purchase after it. HR@4 and nDCG@10 (one relevant item; a target the candidate list
   misses counts as a miss) per variant and segment: users with ≥ 5 events before the
   cutoff, 1–4, none (new users), and targets that are new products.

Variants: ``base`` (current ranker), ``profile`` (long-term profile: soft query
preferences + content affinity), ``cf`` (collaborative score + category popularity),
``both``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from assistant.users.profile import EVENT_WEIGHT, build_profile, category_medians
from assistant.users.store import UserEvent
from eval.variants import ACTIVE, variant_scores
from eval.population import DAY_S, Catalog, Population, PopulationConfig, simulate
from retrieval.query import Query
from retrieval.ranking.collaborative import Interaction, category_popularity, fit_model
from retrieval.ranking.personal import PERSONAL_FEATURES, PersonalReranker, UserContext, _z
from retrieval.search import Candidate

VARIANTS = ("base", "profile", "cf", "both")
SEGMENTS = ("users_5plus", "users_1to4", "new_users", "new_products", "all")
GRID = (0.0, 0.1, 0.25, 0.5, 1.0, 2.0)

@dataclass
class Lists:
    """The base query, candidates and base scores per category code."""

    queries: dict[int, Query]
    candidates: dict[int, list[Candidate]]
    base_scores: dict[int, np.ndarray]
    score_fn: Callable[[Query, list[Candidate]], np.ndarray]


def base_scores(ranker, query: Query, cands: list[Candidate]) -> np.ndarray:
    if hasattr(ranker, "score"):
        return np.asarray(ranker.score(query, cands), dtype=np.float64)
    return np.array([c.fused_score for c in cands], dtype=np.float64)


def build_lists(catalog: Catalog, retriever, ranker) -> Lists:
    from retrieval.ranking.training import CachedEmbedder, _IndexWithEmbedder
    from retrieval.search import HybridRetriever

    texts = [name.split(">")[-1].strip() or name for name in catalog.categories]
    cached = CachedEmbedder(retriever.index.embedder)
    cached.prime(texts)           # one batch: one call per query costs ~10x more
    retriever = HybridRetriever(_IndexWithEmbedder(retriever.index, cached))
    queries, cands, scores = {}, {}, {}
    for c, name in enumerate(catalog.categories):
        q = Query(text=texts[c])
        result = retriever.search(q)
        queries[c], cands[c] = q, result.candidates
        scores[c] = base_scores(ranker, q, result.candidates)
    return Lists(queries, cands, scores, lambda q, cs: base_scores(ranker, q, cs))


def _order(scores: np.ndarray) -> np.ndarray:
    return np.argsort(-scores, kind="stable")


def _metrics(rank: int | None) -> tuple[float, float]:
    """(hit@4, nDCG@10) of one target at 1-based ``rank`` (None: not in the list)."""
    if rank is None:
        return 0.0, 0.0
    return float(rank <= 4), (1.0 / math.log2(rank + 1) if rank <= 10 else 0.0)


@dataclass
class Case:
    user: str
    target: str
    segment: str
    new_product: bool
    base: np.ndarray            # z-scored base score, plain query
    base_profile: np.ndarray    # z-scored base score with the profile's soft preferences in the query
    feats: dict[str, np.ndarray]  # z-scored personal features
    target_pos: int | None      # index of the target in the candidate list
    oracle: np.ndarray | None = None   # the simulator's noiseless utility: an upper bound, not a method


class Scorer:
    """Profiles and collaborative models as of ``until`` (events before it only), scoring any user's list."""

    def __init__(self, pop: Population, lists: Lists, products: dict, until: float, cf_kind: str) -> None:
        self.pop, self.lists, self.products, self.until = pop, lists, products, until
        train = [e for e in pop.events if e[3] < until]
        inter = [Interaction(u, p, EVENT_WEIGHT[ev], ts) for u, p, ev, ts, _ in train if EVENT_WEIGHT.get(ev, 0) > 0]
        self.popularity = category_popularity(inter, {pid: p.category for pid, p in products.items()}, until)
        self.model = fit_model(cf_kind, inter, until)
        self.medians = category_medians(products.values())
        self.history: dict[str, list[UserEvent]] = {}
        for u, p, ev, ts, sid in train:
            self.history.setdefault(u, []).append(UserEvent(u, p, ev, ts, sid))
        self._profiles: dict[str, tuple] = {}

    def profile(self, user: str):
        if user not in self._profiles:
            prof = build_profile(user, self.history.get(user, []), self.products.get, now=self.until,
                                 category_medians=self.medians)
            ctx = UserContext(prof.history, {f: {a.value: a.score for a in lst} for f, lst in prof.affinities.items()},
                              prof.price_level, self.medians)
            self._profiles[user] = (prof, ctx)
        return self._profiles[user]

    def case(self, user: str, c: int) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        """(z(base), z(base with the profile's soft preferences), z(personal features)) for category c's list."""
        prof, ctx = self.profile(user)
        cands, query = self.lists.candidates[c], self.lists.queries[c]
        q2 = prof.apply(query)
        bp = self.lists.base_scores[c] if q2 == query else self.lists.score_fn(q2, cands)
        feats = PersonalReranker(self.model, self.popularity).features(ctx, cands)
        return _z(self.lists.base_scores[c]), _z(bp), {k: _z(v) for k, v in feats.items()}


def build_cases(pop: Population, lists: Lists, products: dict, until: float, horizon: float,
                cf_kinds: Sequence[str], limit: int | None = None) -> dict[str, list[Case]]:
    """Cases per collaborative kind (features differ only in ``cf``)."""
    cat = pop.catalog
    idx = {pid: k for k, pid in enumerate(cat.ids)}
    targets: dict[str, str] = {}
    for u, p, ev, ts, _ in pop.events:
        if ev == "purchase" and until <= ts < until + horizon and u not in targets:
            targets[u] = p
    users = sorted(targets)[:limit] if limit else sorted(targets)
    out: dict[str, list[Case]] = {}
    for kind in cf_kinds:
        scorer = Scorer(pop, lists, products, until, kind)
        out[kind] = []
        for u in users:
            target = targets[u]
            c = int(cat.category[idx[target]])
            cands = lists.candidates[c]
            n = len(scorer.history.get(u, []))
            segment = "users_5plus" if n >= 5 else "users_1to4" if n >= 1 else "new_users"
            base, base_profile, feats = scorer.case(u, c)
            pos = next((k for k, cd in enumerate(cands) if cd.product.id == target), None)
            rows = [idx[cd.product.id] for cd in cands]
            oracle = (pop.utility[int(u.split("-")[1]), rows]
                      - pop.config.off_category_penalty * (cat.category[rows] != c))
            out[kind].append(Case(u, target, segment, target in pop.new_products, base, base_profile, feats,
                                  pos, oracle))
    return out


def score_cases(cases: list[Case], variant: str, weights: dict[str, float]) -> dict[str, dict[str, float]]:
    sums: dict[str, list[float]] = {s: [0.0, 0.0, 0.0] for s in SEGMENTS}
    for case in cases:
        if variant == "oracle":
            total = case.oracle
        else:
            total = variant_scores(variant, weights, case.base, case.base_profile, case.feats)
        rank = None
        if case.target_pos is not None:
            order = _order(total)
            rank = int(np.flatnonzero(order == case.target_pos)[0]) + 1
        hit, ndcg = _metrics(rank)
        for seg in {case.segment, "all", *(("new_products",) if case.new_product else ())}:
            s = sums[seg]
            s[0] += hit
            s[1] += ndcg
            s[2] += 1
    return {seg: {"hr@4": s[0] / s[2] if s[2] else float("nan"), "ndcg@10": s[1] / s[2] if s[2] else float("nan"),
                  "n": s[2]} for seg, s in sums.items()}


def fit_weights(cases: list[Case], variant: str, passes: int = 2) -> dict[str, float]:
    """Coordinate ascent on validation nDCG@10 over all validation users: each feature's weight
    in turn is set to the best value of ``GRID`` with the others fixed; ``passes`` rounds."""
    names = ACTIVE[variant]
    w = {n: 0.0 for n in names}
    best = score_cases(cases, variant, w)["all"]["ndcg@10"]
    for _ in range(passes):
        for n in names:
            for value in GRID:
                trial = {**w, n: value}
                score = score_cases(cases, variant, trial)["all"]["ndcg@10"]
                if score > best + 1e-9:
                    best, w = score, trial
    return {k: v for k, v in w.items() if v}


def evaluate(products: Sequence, retriever, ranker, config: PopulationConfig,
             cf_kinds: Sequence[str] = ("cooccurrence", "als"), limit: int | None = None,
             ab: bool = True) -> dict[str, Any]:
    """Simulate, choose weights and CF kind on validation, report test metrics for every variant and segment."""
    catalog = Catalog.from_products(products)
    lists = build_lists(catalog, retriever, ranker)
    order = {c: [catalog.ids.index(cd.product.id) for cd in lists.candidates[c]] for c in lists.candidates}
    pop = simulate(catalog, order, config)
    by_id = {p.id: p for p in products}
    horizon = config.test_days * DAY_S
    val = build_cases(pop, lists, by_id, pop.cutoff - horizon, horizon, cf_kinds, limit)
    test = build_cases(pop, lists, by_id, pop.cutoff, horizon, cf_kinds, limit)
    chosen: dict[str, dict[str, float]] = {}
    val_scores: dict[str, float] = {}
    for kind in cf_kinds:
        w = fit_weights(val[kind], "cf")
        val_scores[kind] = score_cases(val[kind], "cf", w)["all"]["ndcg@10"]
    kind = max(cf_kinds, key=lambda k: val_scores[k])
    for variant in VARIANTS:
        chosen[variant] = fit_weights(val[kind], variant)
    results = {v: score_cases(test[kind], v, chosen[v]) for v in VARIANTS}
    oracle = score_cases(test[kind], "oracle", {})
    cf_compare = {k: score_cases(test[k], "cf", fit_weights(val[k], "cf")) for k in cf_kinds}
    events = len(pop.events)
    ab_result = None
    if ab:
        from eval.abtest import run_ab

        ab_result = run_ab(pop, Scorer(pop, lists, by_id, pop.cutoff, kind), chosen, seed=config.seed + 1)
    return {"ab": ab_result, "config": config.__dict__, "events": events, "collaborative_kind": kind,
            "validation_ndcg_cf": val_scores, "weights": chosen, "test": results,
            "cf_kinds_test": {k: v["all"] for k, v in cf_compare.items()}, "oracle": oracle,
            "validation_cases": len(val[kind]), "test_cases": len(test[kind])}


def render(result: dict[str, Any]) -> str:
    lines = [f"simulated events: {result['events']}, test cases: {result['test_cases']}, "
             f"collaborative model: {result['collaborative_kind']} (validation nDCG@10 "
             + ", ".join(f"{k} {v:.3f}" for k, v in result["validation_ndcg_cf"].items()) + ")",
             "", "| variant | segment | n | HR@4 | nDCG@10 |", "|---|---|---|---|---|"]
    for v in VARIANTS:
        for seg in SEGMENTS:
            m = result["test"][v][seg]
            lines.append(f"| {v} | {seg} | {m['n']:.0f} | {m['hr@4']:.3f} | {m['ndcg@10']:.3f} |")
    for seg in SEGMENTS:
        m = result["oracle"][seg]
        lines.append(f"| (oracle: true utility) | {seg} | {m['n']:.0f} | {m['hr@4']:.3f} | {m['ndcg@10']:.3f} |")
    lines.append("")
    if result.get("ab"):
        from assistant.users.experiment_report import render as render_ab

        for name, rep in result["ab"].items():
            lines += ["", f"A/B simulation `{name}`:", render_ab(rep)]
    lines.append("")
    lines.append("weights (chosen on validation): " + "; ".join(f"{v}: {w}" for v, w in result["weights"].items()))
    return "\n".join(lines) + "\n"


__all__ = ["evaluate", "render", "PERSONAL_FEATURES"]
