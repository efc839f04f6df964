"""Collaborative models and the personal reranker: time splits, cold start, neutrality for new products."""

from __future__ import annotations

import math

import numpy as np
import pytest

from retrieval.ranking.collaborative import (ImplicitALS, Interaction, ItemCooccurrence, category_popularity,
                                             load_model, save_model)
from retrieval.ranking.personal import PersonalReranker, UserContext
from retrieval.search import Candidate


def _baskets():
    """Two taste groups: {a, b, c} are bought together, {x, y, z} together; 'late' only after the split."""
    rng = np.random.default_rng(0)
    out, t = [], 0.0
    for u in range(40):
        group = ("a", "b", "c") if u % 2 else ("x", "y", "z")
        for item in group:
            if rng.random() < 0.7:
                out.append(Interaction(f"u{u}", item, 1.0, t))
                t += 1
    out.append(Interaction("u0", "late", 1.0, 1e6))
    return out


@pytest.mark.parametrize("model", [ItemCooccurrence(), ImplicitALS(factors=4, iterations=8)], ids=["cooc", "als"])
def test_models_rank_items_of_the_same_taste_first(model, tmp_path):
    model.fit(_baskets(), until=1e5)
    s = model.score({"a": 1.0}, ["b", "c", "x", "y", "late"])
    assert min(s[0], s[1]) > max(s[2], s[3])
    assert math.isnan(s[4])                                    # after the split: never seen, unknown
    again = load_model(save_model(model, tmp_path / "cf.npz", {"k": 1}))
    assert np.allclose(np.nan_to_num(again.score({"a": 1.0}, ["b", "x", "late"]), nan=-9),
                       np.nan_to_num(model.score({"a": 1.0}, ["b", "x", "late"]), nan=-9), atol=1e-5)
    assert again.metadata == {"k": 1}


def test_a_corrupt_model_file_is_an_error_not_a_crash(tmp_path):
    bad = tmp_path / "cf.npz"
    np.savez(bad, header=np.frombuffer(b'{"format": "other"}', dtype=np.uint8))
    with pytest.raises(ValueError):
        load_model(bad)
    assert load_model(tmp_path / "missing.npz") is None


def test_category_popularity_is_a_share_within_the_category():
    ix = [Interaction("u", "a", 3.0, 0), Interaction("v", "b", 1.0, 0), Interaction("v", "c", 1.0, 0)]
    pop = category_popularity(ix, {"a": "X", "b": "X", "c": "Y"})
    assert pop == {"a": 0.75, "b": 0.25, "c": 1.0}


def _cands(products):
    out = []
    for k, p in enumerate(products):
        c = Candidate(p, fused_rank=k + 1)
        c.score = -float(k)
        out.append(c)
    return out


def test_anonymous_or_empty_context_keeps_the_base_order(sample_products):
    ranked = _cands(sample_products[:4])
    r = PersonalReranker(ItemCooccurrence().fit(_baskets()))
    assert r.rerank(None, ranked) == ranked
    assert r.rerank(UserContext(), ranked) == ranked


def test_a_new_product_is_not_penalised_for_having_no_interactions(sample_products):
    """J1 and J2 have interactions (low CF scores), J3 has none: its CF feature must be neutral (0 after z)."""
    products = sample_products[:3]
    ix = [Interaction("u1", "J1", 1.0, 0), Interaction("u1", "H1", 1.0, 1),
          Interaction("u2", "J2", 1.0, 2), Interaction("u2", "H1", 1.0, 3), Interaction("u3", "J1", 1.0, 4)]
    reranker = PersonalReranker(ItemCooccurrence().fit(ix), weights={"content_brand": 0.0, "content_colour": 0.0, "content_material": 0.0, "content_price": 0.0, "content_size": 0.0, "category_popularity": 0.0})
    feats = reranker.features(UserContext(history={"H1": 1.0}), _cands(products))
    assert math.isnan(feats["cf"][2])
    s = reranker.scores(UserContext(history={"H1": 1.0}), _cands(products), base=[0.0, 0.0, 0.0])
    assert s[2] == pytest.approx(0.0)          # unknown → the list mean, neither rewarded nor penalised


def test_content_affinity_reorders_by_the_shoppers_brand(sample_products):
    ranked = _cands(sample_products[:3])          # J1 Nordvik, J2 Alpenlite, J3 Tidewater
    ctx = UserContext(affinities={"brand": {"tidewater": 5.0}})
    out = PersonalReranker(weights={"content_brand": 3.0}).rerank(ctx, ranked)
    assert out[0].product.id == "J3" and sorted(c.product.id for c in out) == ["J1", "J2", "J3"]
