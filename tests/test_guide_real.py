"""Real SmolLM2 guides, spot-checked by a checker independent of ``assistant.grounding.check``.

Marked ``slow``: it loads the embedded default LLM (CPU, ~1 min for these turns). The
independent check re-derives, from the catalog alone, which money amounts and brands the
final reply may contain, and fails on anything else.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.slow

CONVERSATIONS = [
    ["a waterproof jacket under $150"],
    ["wireless headphones for the gym", "under $250 please"],
    ["a board game for family night"],
    ["something for cooking under $50"],
]


def allowed_amounts(reply) -> set[float]:
    budget = [v for v in (reply.portrait["budget"]["max"], reply.portrait["budget"]["min"]) if v is not None]
    out = set(budget)
    for s in reply.products:
        p = s.product.price
        out |= {p, float(round(p)), float(int(p))}
        out |= {round(abs(b - p), 2) for b in budget} | {float(round(abs(b - p))) for b in budget}
    return out


@pytest.fixture(scope="module")
def real_bot(tmp_path_factory):
    from assistant import Assistant
    from assistant.config import load_settings
    from assistant.llm.local import TransformersChatModel
    from assistant.sessions import SessionStore
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.catalog.product import Product
    from retrieval.index.store import MemoryStore
    from tests.conftest import SAMPLE_PRODUCTS

    tmp = tmp_path_factory.mktemp("real")
    index = CatalogIndex(tmp / "index", FakeEmbedder(), store=MemoryStore())
    index.ingest([Product.from_dict(p) for p in SAMPLE_PRODUCTS])
    settings = load_settings(home=tmp / "home", env={}, overrides={"embedder": "fake"})
    llm = TransformersChatModel(cache_dir=settings.models_dir)
    return Assistant(settings, index, llm, SessionStore(settings.sessions_db))


def unknown_capitalised(prose: str, known_text: str) -> list[str]:
    """Capitalised words (not opening a sentence) found in no catalog text and not in the request."""
    known = set(re.findall(r"[a-z0-9]+", known_text.lower())) | {"i", "i'm", "i'd", "i've", "i'll"}
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", prose):
        words = re.findall(r"[A-Za-z][\w'’-]*", sentence)
        for word in words[1:]:
            parts = re.findall(r"[a-z0-9]+", re.sub(r"['’]s$", "", word.lower()))
            if word[0].isupper() and word.lower() not in known and any(p not in known for p in parts):
                out.append(word)
    return out


def test_final_guides_have_no_ungrounded_prices_or_brands(real_bot):
    brands = {p.brand for p in real_bot.index.products.values()}
    catalog_text = " ".join(f"{p.title} {p.brand} {p.category} {p.description} {p.attribute_text()}"
                            for p in real_bot.index.products.values())
    for conversation in CONVERSATIONS:
        session = None
        for message in conversation:
            reply = real_bot.chat(message, session_id=session)
            session = reply.session_id
            amounts = allowed_amounts(reply)
            for m in re.finditer(r"\$\s?(\d[\d,]*(?:\.\d{1,2})?)", reply.text):
                value = float(m.group(1).replace(",", ""))
                assert any(abs(value - a) < 0.006 for a in amounts), (message, m.group(0), reply.text)
            shown_brands = {s.product.brand for s in reply.products}
            assert not unknown_capitalised(reply.prose, catalog_text + " " + message), (message, reply.prose)
            assert not re.search(r"https?://|www\.|\*\*|out of 10", reply.prose), (message, reply.prose)
            for brand in brands - shown_brands:
                assert not re.search(rf"\b{brand}\b", reply.text, re.I), (message, brand, reply.text)
    stats = real_bot.guide_stats()
    print("\nreal SmolLM2 guide stats:", stats)
    assert stats["replies"] == sum(len(c) for c in CONVERSATIONS)
