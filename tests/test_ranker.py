"""LearnedRanker: the Ranker contract, model files (versioned, fallbacks, mismatch), popularity."""

from __future__ import annotations

import json
import logging
import random

import pytest

from retrieval.catalog.product import Product
from retrieval.query import Query
from retrieval.ranking.base import FusedOrderRanker, Ranker
from retrieval.ranking.learned import FORMAT, FeatureMismatchError, LearnedRanker, load_ranker
from retrieval.search import Candidate
from retrieval.ranking.training import QuerySet, train


def synthetic_sets(n_queries=30, per_query=20, seed=1, signal="rating"):
    """Judged queries whose relevance depends only on ``signal`` (rating or popularity)."""
    rng = random.Random(seed)
    sets = []
    for q in range(n_queries):
        cands, grades = [], {}
        for i in range(per_query):
            pid = f"q{q}-p{i}"
            rating = round(rng.uniform(1.0, 5.0), 1)
            product = Product(id=pid, title=f"Thing {i}", brand="B", price=10.0 + i, rating=rating, review_count=5)
            cands.append(Candidate(product, bm25_score=rng.random(), bm25_rank=i + 1, fused_rank=i + 1,
                                   fused_score=1.0 / (61 + i)))
            good = rating >= 4.0 if signal == "rating" else i % 4 == 3
            grades[pid] = 3.0 if good else 0.0
        sets.append(QuerySet(f"query {q}", Query(text="thing"), cands, grades))
    return sets


@pytest.fixture(scope="module")
def ranker():
    return train(synthetic_sets(), rounds=20)


def fresh_candidates(seed=99):
    return [Candidate(c.product, bm25_score=c.bm25_score, bm25_rank=c.bm25_rank, fused_rank=c.fused_rank)
            for c in synthetic_sets(1, 20, seed=seed)[0].candidates]


def test_learned_ranker_satisfies_the_ranker_protocol(ranker):
    assert isinstance(ranker, Ranker)
    assert ranker.name == "learned"


def test_rank_reorders_without_adding_or_dropping(ranker):
    cands = fresh_candidates()
    ranked = ranker.rank(Query(text="thing"), list(cands))
    assert sorted(c.product.id for c in ranked) == sorted(c.product.id for c in cands)
    scores = [c.score for c in ranked]
    assert scores == sorted(scores, reverse=True)
    assert ranker.rank(Query(text="thing"), []) == []


def test_learned_model_picks_up_the_signal_it_was_trained_on(ranker):
    ranked = ranker.rank(Query(text="thing"), fresh_candidates())
    top = [c.product.rating for c in ranked[:5]]
    bottom = [c.product.rating for c in ranked[-5:]]
    assert min(top) >= 4.0 > max(bottom)
    fused = FusedOrderRanker().rank(Query(text="thing"), fresh_candidates())
    assert [c.product.id for c in fused] != [c.product.id for c in ranked]


def test_save_and_load_round_trip_gives_identical_scores(ranker, tmp_path):
    path = ranker.save(tmp_path / "ranker" / "current.json")
    data = json.loads(path.read_text())
    assert data["format"] == FORMAT and data["version"] == 1
    assert data["features"] == list(ranker.features)
    assert data["metadata"]["queries"] == 30 and "trained_at" in data["metadata"]
    loaded = load_ranker(path)
    assert isinstance(loaded, LearnedRanker)
    query, cands = Query(text="thing"), fresh_candidates()
    assert ranker.score(query, cands).tolist() == pytest.approx(loaded.score(query, cands).tolist())


def test_missing_model_file_means_fused_order_silently(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        assert load_ranker(tmp_path / "nope.json") is None
        assert load_ranker(None) is None
    assert not caplog.records


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "something-else"}),
                                     json.dumps({"format": FORMAT, "version": 99, "features": []}),
                                     "\udcff"])
def test_corrupt_model_file_warns_and_falls_back(tmp_path, caplog, content):
    path = tmp_path / "current.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with caplog.at_level(logging.WARNING, logger="retrieval.ranking.learned"):
        assert load_ranker(path) is None
    assert "fused retrieval order" in caplog.text


def test_truncated_booster_warns_and_falls_back(ranker, tmp_path, caplog):
    data = ranker.to_dict()
    data["booster"] = {"learner": {"broken": True}}
    path = tmp_path / "current.json"
    path.write_text(json.dumps(data))
    with caplog.at_level(logging.WARNING, logger="retrieval.ranking.learned"):
        assert load_ranker(path) is None
    assert "booster" in caplog.text


def test_mismatched_feature_list_is_a_clear_error(ranker, tmp_path):
    data = ranker.to_dict()
    data["features"] = data["features"][:-1] + ["colour_histogram"]
    path = tmp_path / "current.json"
    path.write_text(json.dumps(data))
    with pytest.raises(FeatureMismatchError, match=r"missing query_words; unknown colour_histogram.*ranker train"):
        load_ranker(path)


def test_popularity_changes_the_order_only_for_a_model_that_learned_it():
    pop_sets = synthetic_sets(signal="popularity")
    popular = {c.product.id: 5.0 for qs in pop_sets for i, c in enumerate(qs.candidates) if i % 4 == 3}
    model = train(pop_sets, popularity=popular, rounds=20)
    cands = synthetic_sets(1, 20, seed=5, signal="popularity")[0].candidates
    wanted = {c.product.id for i, c in enumerate(cands) if i % 4 == 3}
    ranked = model.rank(Query(text="thing"), list(cands), popularity={pid: 5.0 for pid in wanted})
    assert {c.product.id for c in ranked[:5]} == wanted
    model.popularity_source = lambda: {pid: 5.0 for pid in wanted}
    assert {c.product.id for c in model.rank(Query(text="thing"), list(cands))[:5]} == wanted


def test_a_failing_popularity_source_never_fails_a_turn(ranker, caplog):
    def broken():
        raise RuntimeError("database is locked")

    ranker.popularity_source = broken
    try:
        with caplog.at_level(logging.WARNING, logger="retrieval.ranking.learned"):
            assert len(ranker.rank(Query(text="thing"), fresh_candidates())) == 20
        assert "ranking without it" in caplog.text
    finally:
        ranker.popularity_source = None
        ranker._pop_cache = None
