"""A/B simulation on the simulated population: does ``experiments report`` find real differences, and only those?

Each shopper is assigned a variant by ``assistant.users.experiments.Experiment.assign``
(hashed id) and visits the shop ``sessions`` times in the test period; the variant's
ranking of the session category's list decides the 4 cards shown; the shopper examines
them with position bias and clicks, carts and buys by their latent utility (the same
behaviour model as ``eval.population``). Events are tagged with the variant and fed to
``assistant.users.experiment_report.report``.

Three experiments are run: A/A (base vs base: must show no significant difference, at
the stated alpha, in most seeds), base vs reversed (the base list upside down: a real,
large difference that must be detected), and base vs personal (the question itself).
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from assistant.users.experiment_report import report
from assistant.users.experiments import Experiment
from assistant.users.store import UserEvent
from eval.population import Population, _sigmoid
from eval.variants import variant_scores

TOP_K = 4


def simulate_experiment(pop: Population, name: str, arms: dict[str, Callable[[str, int], np.ndarray]],
                        lists_candidates: dict, sessions: int = 2, seed: int = 1) -> list[UserEvent]:
    """``arms[variant](user, category) → scores`` over that category's candidate list."""
    cfg, cat = pop.config, pop.catalog
    rng = np.random.default_rng(seed)
    exp = Experiment(name, tuple(arms), salt=str(seed))
    idx = {pid: k for k, pid in enumerate(cat.ids)}
    examine = (1.0 / np.arange(1, TOP_K + 1)) ** cfg.eta
    events: list[UserEvent] = []
    t0 = pop.cutoff
    for u in range(cfg.users):
        user = pop.user_id(u)
        variant = exp.assign(user)
        tag = f"{name}={variant}"
        for s in range(sessions):
            c = int(rng.choice(len(cat.categories), p=pop.category_weights[u]))
            cands = lists_candidates[c]
            if not cands:
                continue
            scores = arms[variant](user, c)
            top = np.argsort(-scores, kind="stable")[:TOP_K]
            shown = [idx[cands[k].product.id] for k in top]
            ut = (pop.utility[u, shown] + rng.gumbel(0, 0.5, len(shown))
                  - cfg.off_category_penalty * (cat.category[shown] != c))
            seen = rng.random(len(shown)) < examine[: len(shown)]
            clicked = seen & (rng.random(len(shown)) < _sigmoid(ut - cfg.click_bar))
            carted = clicked & (rng.random(len(shown)) < _sigmoid(ut - cfg.cart_bar))
            ts = t0 + (u * sessions + s) * 10.0
            for k, pid in enumerate(shown):
                events.append(UserEvent(user, cat.ids[pid], "impression", ts + k * 1e-3, variant=tag))
            for k in np.flatnonzero(clicked):
                events.append(UserEvent(user, cat.ids[shown[k]], "click", ts + 1 + k * 1e-3, variant=tag))
            for k in np.flatnonzero(carted):
                events.append(UserEvent(user, cat.ids[shown[k]], "add_to_cart", ts + 2 + k * 1e-3, variant=tag))
            if carted.any() and rng.random() < _sigmoid(ut[np.flatnonzero(carted)].max() - cfg.buy_bar):
                best = np.flatnonzero(carted)[np.argmax(ut[carted])]
                events.append(UserEvent(user, cat.ids[shown[best]], "purchase", ts + 3, variant=tag))
    return events


def run_ab(pop: Population, scorer, weights: dict[str, dict[str, float]], seed: int = 1) -> dict[str, Any]:
    lists = scorer.lists

    def arm(variant: str):
        def score(user: str, c: int) -> np.ndarray:
            if variant == "reversed":
                return -lists.base_scores[c]
            if variant == "base":
                return lists.base_scores[c]
            base, base_profile, feats = scorer.case(user, c)
            return variant_scores(variant, weights.get(variant, {}), base, base_profile, feats)
        return score

    out = {}
    for name, arms in (("aa", {"a": arm("base"), "b": arm("base")}),
                       ("reversed", {"base": arm("base"), "reversed": arm("reversed")}),
                       ("personal", {"base": arm("base"), "personal": arm("both")})):
        out[name] = report(simulate_experiment(pop, name, arms, lists.candidates, seed=seed), name)
    return out
