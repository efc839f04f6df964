"""The simulated population and the personalization evaluator: reproducible, leak-free, able to fail."""

from __future__ import annotations

import numpy as np
import pytest

from eval.population import DAY_S, Catalog, PopulationConfig, simulate


def _catalog(sample_products):
    return Catalog.from_products(sample_products)


def _order(cat):
    return {c: list(np.flatnonzero(cat.category == c)) for c in range(len(cat.categories))}


def test_simulation_is_reproducible_by_seed(sample_products):
    cat = _catalog(sample_products)
    cfg = PopulationConfig(users=60, seed=3, new_product_share=0.0)
    a, b = simulate(cat, _order(cat), cfg), simulate(cat, _order(cat), cfg)
    assert a.events == b.events and len(a.events) > 50
    c = simulate(cat, _order(cat), PopulationConfig(users=60, seed=4, new_product_share=0.0))
    assert c.events != a.events


def test_new_users_and_new_products_only_appear_after_the_cutoff(sample_products):
    cat = _catalog(sample_products)
    pop = simulate(cat, _order(cat), PopulationConfig(users=200, seed=1, new_product_share=0.25))
    late = {pop.user_id(u) for u in range(200) if pop.start_day[u] >= pop.config.days - pop.config.test_days}
    assert late and pop.new_products
    for user, product, _, ts, _ in pop.events:
        if ts < pop.cutoff:
            assert user not in late and product not in pop.new_products


def test_shoppers_follow_their_latent_tastes(sample_products):
    """Purchases go to products with higher latent utility than the category average (the signal exists)."""
    cat = _catalog(sample_products)
    pop = simulate(cat, _order(cat), PopulationConfig(users=300, seed=2, new_product_share=0.0))
    idx = {pid: k for k, pid in enumerate(cat.ids)}
    gaps = []
    for user, product, event, _, _ in pop.events:
        if event == "purchase":
            u, p = int(user.split("-")[1]), idx[product]
            same = cat.category == cat.category[p]
            gaps.append(pop.utility[u, p] - pop.utility[u, same].mean())
    assert len(gaps) > 30 and np.mean(gaps) > 0.3


def test_scores_of_a_case_use_the_segment_and_position():
    from eval.personalization import Case, score_cases

    z = np.zeros(3)
    feats = {n: z for n in ("content_colour", "content_size", "content_material", "content_category",
                            "content_price", "cf", "category_popularity")}
    feats["content_brand"] = np.array([0.0, 0.0, 1.0])
    case = Case("u", "t", "users_5plus", False, np.array([1.0, 0.5, 0.0]), np.array([1.0, 0.5, 0.0]), feats, 2)
    base = score_cases([case], "base", {})["users_5plus"]
    assert base["hr@4"] == 1.0 and base["ndcg@10"] == pytest.approx(0.5)       # rank 3: 1/log2(4)
    prof = score_cases([case], "profile", {"content_brand": 2.0})["users_5plus"]
    assert prof["ndcg@10"] == pytest.approx(1.0)
    missing = score_cases([Case("u", "t", "new_users", True, z, z, feats, None)], "base", {})
    assert missing["new_users"]["ndcg@10"] == 0.0 and missing["new_products"]["n"] == 1


def test_evaluate_end_to_end_reports_every_variant_segment_and_ab(fake_index):
    from eval.personalization import SEGMENTS, VARIANTS, evaluate, render
    from retrieval.ranking.base import FusedOrderRanker
    from retrieval.search import HybridRetriever

    result = evaluate(list(fake_index.products.values()), HybridRetriever(fake_index), FusedOrderRanker(),
                      PopulationConfig(users=150, seed=0, new_product_share=0.0))
    assert set(result["test"]) == set(VARIANTS)
    assert all(set(result["test"][v]) == set(SEGMENTS) for v in VARIANTS)
    assert result["test"]["base"]["all"]["n"] == result["test_cases"] > 0
    assert set(result["ab"]) == {"aa", "reversed", "personal"}
    assert "| both | users_5plus |" in render(result)
