"""Worries: a harm the shopper fears, answered from the row item that guards against it (``worries.py``).

Phrasings and rows are our own (general retail), not copied from any suite."""

from __future__ import annotations

import pytest

from assistant.understanding.answer import answer_question
from assistant.understanding.worries import worry
from retrieval.catalog.product import Product


def _row(title: str, *features: str, **attrs) -> Product:
    return Product(id="p1", title=title, brand="Acme", category="Things",
                   attributes={"features": list(features), **attrs})


@pytest.mark.parametrize("row, question, expected", [
    (_row("Loom Cotton Polo", "pre-shrunk", "short sleeve"), "is it going to shrink on a hot cycle", "pre-shrunk"),
    (_row("Trek Sandal", "quick dry", "arch support"), "after the river will they still be soaking at the campsite",
     "quick dry"),
    (_row("Glide Mouse", "rechargeable", "ergonomic"), "do i keep having to buy new batteries for it", "rechargeable"),
    (_row("Boom Speaker", "waterproof", "bluetooth"), "my kids always knock their juice over, will that ruin it",
     "waterproof"),
    (_row("Tread House Shoe", "non-slip sole", "memory foam"), "i'm scared of slipping on our wooden stairs, will i",
     "non-slip sole"),
    (_row("Plate Set", "rubber coated", "cast iron"), "will it scratch up my floorboards if i drop it",
     "rubber coated"),
    (_row("Gloss Conditioner", "color safe", "sulfate free"), "my highlights cost a fortune, will this strip them",
     "color safe"),
    (_row("Amber Eau de Toilette", "long-lasting", "floral"), "does the scent wear off after an hour or two",
     "long-lasting"),
    (_row("Robo Builder", "screen free", "ages 5+"), "will he need an ipad to programme it", "screen free"),
    (_row("Clack Keyboard", "quiet keys", "backlit"), "my flatmate complains i'm too noisy at night, will she hear me type",
     "quiet keys"),
])
def test_a_feared_harm_the_row_guards_against_is_a_no(row, question, expected):
    assert worry(row, question) == ("no", "features", expected)
    answer = answer_question(row, None, None, [row], question)
    assert answer.verdict in ("no", "unknown", "yes")     # the rules alone (no CatalogValues) are unchanged


@pytest.mark.parametrize("row, question, expected", [
    (_row("Chill Pillow", "cooling", "memory foam"), "i always overheat in bed, would this help", "cooling"),
    (_row("Loom Cotton Polo", "pre-shrunk", "short sleeve"), "so it won't shrink after washing?", "pre-shrunk"),
    (_row("Tread House Shoe", "non-slip sole"), "he fell last winter - do these grip on a wet kitchen floor",
     "non-slip sole"),
    (_row("Trail Tumbler", "vacuum insulated", "leak proof"), "will it stop my tea going cold on a long drive",
     "vacuum insulated"),
])
def test_asking_whether_it_keeps_the_harm_away_is_a_yes(row, question, expected):
    assert worry(row, question) == ("yes", "features", expected)


@pytest.mark.parametrize("row, question", [
    (_row("Loom Cotton Polo", "pre-shrunk"), "is it pre-shrunk?"),                 # the feature itself is asked
    (_row("Loom Cotton Polo", "slim fit"), "will it shrink in the wash?"),          # no guard on the row
    (_row("Clack Keyboard", "quiet keys"), "is it quiet or loud?"),                 # which of two
    (_row("Boom Speaker", "waterproof"), "what colour does it come in?"),           # no harm
    (_row("Shrink-Proof Polo", "slim fit"), "will the shrink-proof polo shrink?"),  # the guard is only in the title
])
def test_no_worry_reading(row, question):
    assert worry(row, question) is None


def test_the_answer_quotes_the_guard_through_the_full_reading(tiny_values):
    row, catalog, values = tiny_values
    answer = answer_question(row, None, None, catalog, "is it going to shrink in a hot wash", values)
    assert (answer.verdict, answer.fact) == ("no", "pre-shrunk")
    assert "pre-shrunk" in answer.text


@pytest.fixture
def tiny_values():
    from assistant.understanding.rowmatch import CatalogValues

    row = Product(id="t1", title="Loom Cotton Polo", brand="Acme", category="T-Shirts",
                  attributes={"features": ["pre-shrunk", "short sleeve"], "material": "cotton"})
    other = Product(id="t2", title="Weave Linen Shirt", brand="Acme", category="T-Shirts",
                    attributes={"features": ["breathable"], "material": "linen"})
    catalog = [row, other]
    return row, catalog, CatalogValues.from_products(catalog)


def test_naming_the_protection_asks_for_it_whatever_worry_is_said_too():
    from assistant.understanding.worries import guard_said
    keys = _row("Clack Keyboard", "quiet keys", "backlit")
    assert guard_said(keys, "my flatmate hates the clatter, is this one of the quiet models")
    assert not guard_said(keys, "will my flatmate hear every key")


def test_a_remedy_quotes_the_most_direct_guard_of_the_harm():
    from assistant.understanding.worries import overrides
    pillow = _row("Chill Pillow", "breathable", "cooling", "memory foam")
    # the entry lists cooling before breathable: the yes the readings gave (breathable) gives way to it
    assert overrides("yes", "breathable", pillow, "i overheat every night, would this help") == \
        ("yes", "features", "cooling")
    assert overrides("yes", "memory foam", pillow, "i overheat every night, would this help") is None


def test_a_possessive_last_one_is_no_position_on_the_list():
    from assistant.understanding.cues import load_cues

    last = load_cues()["the_last"]
    assert last.search("is the last one waterproof") and not last.search("her last one wore off in an hour")


def test_words_between_the_verb_and_batteries():
    combo = _row("Drift Combo", "rechargeable", "wireless")
    assert worry(combo, "does it need AA batteries or not?") == ("no", "features", "rechargeable")
