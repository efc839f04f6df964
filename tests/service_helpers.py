"""A customer service over a small shop text of a test's own (fake embedder, in-memory store): the fixture that the
service tests of several sessions repeated line for line."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from assistant.knowledge.service import CustomerService
from retrieval.index.embedder import FakeEmbedder
from retrieval.index.store import MemoryStore
from retrieval.knowledge.index import KnowledgeIndex


def other_shop_service(text: str, **options: Any) -> CustomerService:
    """A ``CustomerService`` whose knowledge is ``text`` as ``other-shop.md``, no orders, no score floor."""
    kb = KnowledgeIndex(tempfile.mkdtemp(), FakeEmbedder(), store=MemoryStore())
    kb.add_document("other-shop.md", text)
    return CustomerService(kb, orders=None, min_score=0.0, **options)


POLICY = Path(__file__).resolve().parents[1] / "retrieval" / "demo" / "policy.md"


@pytest.fixture(name="bot")
def policy_bot(fake_assistant, monkeypatch):
    """The fake assistant with the demo policy loaded and every message as near the catalog as a product question
    (``_product_similarity`` 0.7): the chat's routing of shop questions that name a product in passing."""
    fake_assistant.customer_service.knowledge.add(POLICY)
    monkeypatch.setattr(fake_assistant, "_product_similarity", lambda text: 0.7)
    return fake_assistant
