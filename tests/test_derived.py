"""Catalog-derived structures are built once per catalog generation and code version, then loaded."""

from __future__ import annotations

import types

import numpy as np
import pytest

from retrieval.catalog.product import Product
from retrieval.index.derived import DerivedCache, code_version
from retrieval.index.masks import ConstraintMasks
from retrieval.query import Query


def test_cache_builds_once_then_loads_and_rebuilds_on_generation_or_version_change(tmp_path):
    generation = [1]
    calls = []

    def build():
        calls.append(1)
        return {"n": len(calls)}

    cache = DerivedCache(tmp_path / "d", lambda: generation[0])
    assert cache.get("x", "v1", build) == {"n": 1}
    other = DerivedCache(tmp_path / "d", lambda: generation[0])     # another process
    assert other.get("x", "v1", build) == {"n": 1} and len(calls) == 1 and other.built == []
    generation[0] = 2                                               # the catalog changed
    assert other.get("x", "v1", build) == {"n": 2}
    assert other.get("x", "v2", build) == {"n": 3}                  # the code that builds it changed
    assert other.get("x", "v2", build) == {"n": 3} and len(calls) == 3


def test_corrupt_entry_is_rebuilt_and_unwritable_directory_still_works(tmp_path):
    cache = DerivedCache(tmp_path / "d", lambda: 1)
    cache.get("x", "v", lambda: 1)
    cache.path("x").write_bytes(b"not a pickle")
    assert cache.get("x", "v", lambda: 2) == 2
    blocker = tmp_path / "file"
    blocker.write_text("")
    stuck = DerivedCache(blocker / "d", lambda: 1)                  # cannot create a folder under a file
    assert stuck.get("x", "v", lambda: 3) == 3 and stuck.get("x", "v", lambda: 4) == 4


def test_code_version_follows_the_source(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("A = 1\n")
    module = types.ModuleType("m")
    module.__file__ = str(src)
    before = code_version(module)
    src.write_text("A = 2\n")
    assert code_version(module) != before


def test_masks_are_stored_at_ingest_and_loaded_by_a_new_process(fake_index, sample_products):
    from retrieval.index.catalog_index import CatalogIndex

    assert fake_index.derived.path("constraint_masks").exists()
    fresh = CatalogIndex(fake_index.directory, fake_index.embedder, store=fake_index.store)
    query = Query(text="jacket", max_price=150, attributes_required=("waterproof",))
    mask = fresh.allowed_mask(query)
    assert fresh.derived.built == []                                 # loaded, not built
    expected = ConstraintMasks([fresh.products[pid] for pid in fresh.keyword.ids]).allowed(query)
    assert mask.tolist() == expected.tolist() and mask.any() and not mask.all()


def test_masks_follow_a_catalog_change(fake_index, sample_products):
    from retrieval.index.catalog_index import CatalogIndex

    target = next(p for p in sample_products if p.price is not None and p.price > 150)
    query = Query(text="x", max_price=150)
    position = fake_index.keyword.ids.index(target.id)
    assert not fake_index.allowed_mask(query)[position]
    cheaper = Product.from_dict({**target.to_dict(), "price": 10.0})
    fake_index.ingest([cheaper])
    fresh = CatalogIndex(fake_index.directory, fake_index.embedder, store=fake_index.store)
    assert fresh.allowed_mask(query)[fresh.keyword.ids.index(target.id)]


def test_assistant_structures_are_loaded_not_rebuilt(fake_assistant, monkeypatch):
    from assistant import Assistant
    from assistant.grounding.check import CatalogTerms
    from assistant.guide.honesty import CatalogLexicon
    from assistant.portrait.vocabulary import Vocabulary

    fake_assistant.prepare_catalog()
    bot = fake_assistant
    again = Assistant(bot.settings, bot.index, bot.llm, bot.sessions, bot.ranker)

    def refuse(*a, **k):
        raise AssertionError("rebuilt although the stored copy is current")

    for cls in (CatalogLexicon, CatalogTerms, Vocabulary):
        monkeypatch.setattr(cls, "from_products", classmethod(refuse))
    assert again.lexicon == bot.lexicon
    assert again.catalog_terms == bot.catalog_terms
    assert again.vocabulary.category_terms == bot.vocabulary.category_terms
    assert again.lexicon.unknown_product_words("I need a kayak") == ["kayak"]


def test_a_build_may_read_another_entry(tmp_path):
    cache = DerivedCache(tmp_path / "d", lambda: 1)
    outer = cache.get("outer", "v", lambda: cache.get("inner", "v", lambda: 2) + 1)
    assert outer == 3 and cache.built == ["inner", "outer"]


def test_only_words_equals_the_isalnum_loop_on_every_bmp_character():
    from retrieval.query import only_words

    text = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF) + " snake_case non-stick 25%"
    assert only_words(text) == "".join(ch if ch.isalnum() or ch == " " else " " for ch in text)


def test_violations_still_check_attributes_and_skip_text_when_not_asked():
    p = Product(id="p", title="Non-Stick Frying Pan", description="Works on induction hobs.", price=30.0)
    assert Query(text="pan", attributes_required=("non-stick", "induction")).violations(p) == []
    assert Query(text="pan", attributes_required=("ceramic",)).violations(p) == ["not ceramic"]
    assert Query(text="pan", attributes_excluded=("induction",)).violations(p) == ["is induction"]
    assert Query(text="pan", max_price=20).violations(p) == ["price $30.00 is over the $20.00 budget"]
