"""Training inputs: judgments files, interaction logs → labels (position bias), popularity, CV."""

from __future__ import annotations

import pytest

from retrieval.ranking.judgments import Judgments, JudgmentsError, load_judgments
from retrieval.ranking.evaluate import METHODS, cross_validate, evaluate, folds_by_query
from retrieval.ranking.training import feedback_judgments, popularity_from_feedback, propensity
from tests.test_ranker import synthetic_sets


def test_load_judgments(tmp_path):
    path = tmp_path / "j.csv"
    path.write_text("query,product_id,grade\nrain  jacket,J1,3\nrain jacket,J2,0\nheadphones,H1,2.5\n")
    j = load_judgments(path)
    assert j.queries == ["rain jacket", "headphones"]
    assert j.grades("rain jacket") == {"J1": 3.0, "J2": 0.0}
    assert j.pair_count == 3 and j.with_positives() == ["rain jacket", "headphones"]
    out = tmp_path / "copy.csv"
    assert j.to_csv(out) == 3
    assert load_judgments(out).by_query == j.by_query


@pytest.mark.parametrize("content, message", [
    ("q,pid,grade\nx,1,1\n", "missing column"),
    ("query,product_id,grade\nx,1,high\n", r"j.csv:2: grade 'high' is not a number"),
    ("query,product_id,grade\nx,1,1\nx,2,7\n", r"j.csv:3: grade 7 is outside 0–3"),
    ("query,product_id,grade\n,1,1\n", "empty query"),
    ("query,product_id,grade\n", "holds no judgments"),
])
def test_bad_judgments_files_name_the_line_and_the_fix(tmp_path, content, message):
    path = tmp_path / "j.csv"
    path.write_text(content)
    with pytest.raises(JudgmentsError, match=message):
        load_judgments(path)


def test_missing_judgments_file(tmp_path):
    with pytest.raises(JudgmentsError, match="does not exist"):
        load_judgments(tmp_path / "absent.csv")


def _impressions(session, query, ids, turn=0, created=1.0):
    return [{"session_id": session, "turn": turn, "query": query, "product_id": pid, "position": i,
             "created": created} for i, pid in enumerate(ids, start=1)]


def _event(session, pid, event, created=2.0, position=None):
    return {"session_id": session, "product_id": pid, "event": event, "query": "", "position": position,
            "created": created}


def test_skip_above_labels_only_what_was_examined():
    imps = _impressions("s1", "rain jacket", ["A", "B", "C", "D"])
    labels = feedback_judgments(imps, [_event("s1", "C", "click")]).grades("rain jacket")
    assert labels == {"A": 0.0, "B": 0.0, "C": 1.0}  # D was below the click: unknown, not irrelevant


def test_strongest_event_wins_and_lists_without_events_give_no_labels():
    imps = _impressions("s1", "q", ["A", "B"]) + _impressions("s2", "other", ["A", "B"])
    events = [_event("s1", "A", "click"), _event("s1", "A", "purchase"), _event("s1", "B", "thumbs_down")]
    j = feedback_judgments(imps, events)
    assert j.grades("q") == {"A": 3.0, "B": 0.0}
    assert "other" not in j.by_query


def test_same_query_in_several_sessions_is_averaged_and_events_attach_to_the_right_turn():
    imps = (_impressions("s1", "q", ["A", "B"]) + _impressions("s2", "q", ["B", "A"])
            + _impressions("s2", "later", ["A"], turn=1, created=5.0))
    events = [_event("s1", "B", "add_to_cart"), _event("s2", "B", "click"), _event("s2", "A", "click", created=6.0)]
    j = feedback_judgments(imps, events)
    assert j.grades("q") == {"A": 0.0, "B": 1.5}     # s1: A skipped above B (0), B 2; s2: B 1
    assert j.grades("later") == {"A": 1.0}           # the click came after turn 1 showed A


def test_popularity_is_debiased_by_position_and_can_leave_a_query_out():
    imps = _impressions("s1", "q1", ["TOP", "X", "Y", "DEEP"]) + _impressions("s2", "q2", ["DEEP"])
    events = [_event("s1", "TOP", "click"), _event("s1", "DEEP", "click")]
    pop = popularity_from_feedback(imps, events)
    assert pop["DEEP"] > pop["TOP"] > 0          # a click at position 4 is stronger evidence than at 1
    assert propensity(4) == pytest.approx(0.25)
    assert "TOP" not in popularity_from_feedback(imps, events, exclude_query="q1")


def test_feedback_from_the_real_session_store(tmp_path):
    from assistant.sessions import SessionStore

    store = SessionStore(tmp_path / "s.sqlite")
    sid = store.create()
    store.record_impressions(sid, 0, "waterproof jacket", ["J1", "J2", "J3"])
    store.record_feedback(sid, "J2", "add_to_cart", position=2)
    j = feedback_judgments(store.impressions(), store.feedback())
    assert j.grades("waterproof jacket") == {"J1": 0.0, "J2": 2.0}
    store.close()


def test_folds_are_grouped_by_query_and_cover_every_query_once():
    sets = synthetic_sets(n_queries=12)
    folds = folds_by_query(sets, folds=5)
    flat = sorted(i for fold in folds for i in fold)
    assert flat == list(range(12)) and len(folds) == 5


def test_cross_validation_reports_every_method_and_the_learned_model_wins_on_learnable_data():
    sets = synthetic_sets(n_queries=20)
    result = cross_validate(sets, folds=4, rounds=15)
    metrics = result["metrics"]
    assert set(metrics) == set(METHODS)
    assert set(metrics["learned"]) == {"ndcg@10", "ndcg@10_judged", "recall@50"}
    assert metrics["learned"]["ndcg@10"] > metrics["fused"]["ndcg@10"] + 0.2
    assert evaluate(sets[:3], None).keys() == {"bm25", "dense", "fused"}


def test_merged_judgments_prefer_the_second_source():
    a = Judgments.from_rows([("q", "A", 1), ("q", "B", 0)], source="a")
    b = Judgments.from_rows([("q", "A", 3)], source="b")
    assert a.merged(b).grades("q") == {"A": 3.0, "B": 0.0}
