"""The question memory's catalog-word mask (svc14, measured and not shipped: the shipped memory has ``mask`` off).
Phrasings and products of our own, in no split; fakes only."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.knowledge.memory import MASK, QuestionMemory, catalog_words, mask_catalog

POLICY = ["Gift cards cannot be returned.", "Boxes must be unopened for a refund of the full price."]
PRODUCTS = [SimpleNamespace(title="Harlow Folding Kayak Paddle – Teal", category="Water Sports > Paddles"),
            SimpleNamespace(title="Harlow Gift Box Lantern", category="Outdoor > Lanterns")]


def test_catalog_words_are_the_catalogs_titles_and_categories_less_the_policys_words():
    words = catalog_words(PRODUCTS, POLICY)
    assert {"kayak", "paddle", "paddles", "lantern", "lanterns", "harlow", "folding"} <= words
    assert not {"gift", "box"} & words          # the policy speaks of gift cards and boxes: a policy question may too
    assert catalog_words([], POLICY) == frozenset()


def test_mask_folds_plurals_and_runs_of_product_words_into_one():
    words = catalog_words(PRODUCTS, POLICY)
    assert mask_catalog("my two kayak paddles came scratched, refund?", words) == f"my two {MASK} came scratched, refund?"
    assert mask_catalog("is a gift box refundable", words) == "is a gift box refundable"
    assert mask_catalog("anything", frozenset()) == "anything"


def test_a_memory_masks_only_when_told_and_keeps_the_flag_through_json():
    memory = QuestionMemory(["can i return a kayak"], [], "fake", "k", 0.5, mask=True)
    memory.words = frozenset({"kayak"})
    assert memory.text_for("can i return a kayak") == f"can i return a {MASK}"
    assert QuestionMemory.from_json(memory.to_json()).mask is True
    plain_memory = QuestionMemory(["can i return a kayak"], [], "fake", "k", 0.5)
    plain_memory.words = frozenset({"kayak"})
    assert plain_memory.text_for("can i return a kayak") == "can i return a kayak"
    assert QuestionMemory.from_json({**plain_memory.to_json(), "mask": False}).mask is False
