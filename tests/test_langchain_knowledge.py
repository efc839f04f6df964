"""The shop-knowledge retriever and the customer-service tool for LangChain agents (fake models)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("langchain_core")

from assistant.knowledge.service import CustomerService  # noqa: E402
from retrieval.index.embedder import FakeEmbedder  # noqa: E402
from retrieval.index.store import MemoryStore  # noqa: E402
from retrieval.knowledge.index import KnowledgeIndex  # noqa: E402
from ui.langchain_tools import ShopKnowledgeRetriever, ShopServiceTool  # noqa: E402

POLICY = Path(__file__).resolve().parents[1] / "retrieval" / "demo" / "policy.md"


@pytest.fixture
def kb(tmp_path):
    index = KnowledgeIndex(tmp_path, FakeEmbedder(dim=512), store=MemoryStore())
    index.add(POLICY)
    return index


def test_retriever_returns_passages_with_their_source(kb):
    docs = ShopKnowledgeRetriever(knowledge=kb, k=2, min_score=0.2).invoke("which payment methods, PayPal or Visa?")
    assert len(docs) == 2
    assert docs[0].metadata["source"] == "policy.md › Demo Shop customer policy › Payment"
    assert "PayPal" in docs[0].page_content and docs[0].metadata["relevant"] is True
    assert docs[0].metadata["dense"] >= docs[1].metadata["dense"]


def test_service_tool_answers_with_sources_and_hands_off(kb):
    tool = ShopServiceTool(service=CustomerService(kb, min_score=0.2))
    message = tool.invoke({"type": "tool_call", "id": "1", "name": "shop_service",
                           "args": {"question": "which payment methods, PayPal or Visa?"}})
    assert "PayPal" in message.content and message.artifact["sources"][0]["section"].endswith("Payment")
    handed = tool.invoke({"type": "tool_call", "id": "2", "name": "shop_service",
                          "args": {"question": "let me talk to a human"}})
    assert handed.artifact["handoff"]["reason"] == "requested"
    assert all(s["section"].endswith("Contact") for s in handed.artifact["sources"])   # only the shop's contact details


def test_the_assistant_builds_the_service_from_its_settings(fake_assistant):
    retriever = ShopKnowledgeRetriever.from_assistant(fake_assistant)
    assert retriever.invoke("returns") == []      # nothing added to this data directory yet
    assert ShopServiceTool.from_assistant(fake_assistant).invoke("where is my order?") == \
        "I can look that up for you: what is your order number?"
