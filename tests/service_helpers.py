"""A customer service over a small shop text of a test's own (fake embedder, in-memory store): the fixture that the
service tests of several sessions repeated line for line."""

from __future__ import annotations

import tempfile
from typing import Any

from assistant.knowledge.service import CustomerService
from retrieval.index.embedder import FakeEmbedder
from retrieval.index.store import MemoryStore
from retrieval.knowledge.index import KnowledgeIndex


def other_shop_service(text: str, **options: Any) -> CustomerService:
    """A ``CustomerService`` whose knowledge is ``text`` as ``other-shop.md``, no orders, no score floor."""
    kb = KnowledgeIndex(tempfile.mkdtemp(), FakeEmbedder(), store=MemoryStore())
    kb.add_document("other-shop.md", text)
    return CustomerService(kb, orders=None, min_score=0.0, **options)
