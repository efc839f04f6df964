"""Pure pieces of the guide: comparison parsing and verdicts, trade-offs, follow-ups, the lexicon."""

from __future__ import annotations

import pytest

from assistant.guide.compare import CompareRequest, comparison_table, parse_compare, verdict
from assistant.guide.render import follow_up, trade_offs, understood_section
from retrieval.text.money import format_money as money
from assistant.guide.honesty import CatalogLexicon
from assistant.portrait.model import Portrait
from retrieval.catalog.product import Product


@pytest.mark.parametrize("text,expected", [
    ("compare the first two", CompareRequest((1, 2))),
    ("Compare 1 and 3", CompareRequest((1, 3))),
    ("what's the difference between the second and the last?", CompareRequest((2, 4))),
    ("which is lighter?", CompareRequest((1, 2, 3, 4), "lighter")),
    ("which one is cheaper", CompareRequest((1, 2, 3, 4), "cheaper")),
    ("a lighter jacket please", None),
    ("red running shoes", None),
])
def test_parse_compare(text, expected):
    assert parse_compare(text, 4) == expected


def test_no_comparison_without_two_shown_products():
    assert parse_compare("compare the first two", 1) is None


def _p(pid, price, rating, **attrs):
    return Product(id=pid, title=f"Brand{pid} Model{pid} Boot", brand=f"Brand{pid}", price=price, rating=rating,
                   review_count=10, attributes=attrs)


def test_lighter_verdict_uses_weights_and_units():
    a = _p("A", 100.0, 4.0, weight_g=900, features=["waterproof"])
    b = _p("B", 80.0, 4.5, weight_kg=1)
    assert verdict([a, b], "lighter") == "The BrandA ModelA Boot is lighter (900 g; BrandB ModelB Boot: 1 kg)."
    assert "can't say" in verdict([a, _p("C", 1.0, 1.0)], "lighter")
    table = comparison_table([a, b])
    assert "| Weight | 900 g | – |" in table and "| waterproof | yes | no |" in table


def test_trade_offs_and_follow_up_come_from_data():
    a = _p("A", 100.0, 4.0, features=["waterproof", "hooded"])
    b = _p("B", 80.0, 4.5, features=["waterproof"])
    text = trade_offs([a, b], Portrait())
    assert "cheapest at $80.00" in text and "best rated (4.5/5" in text and "Only the BrandA ModelA Boot is hooded" in text
    assert follow_up([a, b], Portrait()).endswith("What budget do you have in mind?")
    assert "Is hooded important to you?" in follow_up([a, b], Portrait(budget_max=120))


def test_understood_section_lists_constraints_and_assumptions():
    p = Portrait(category="Jackets", budget_max=150, attributes_wanted=["waterproof"], assumptions=["size M"])
    assert understood_section(p) == "**What I understood:** jackets with waterproof under $150. I assumed: size M."


def test_money_formatting():
    assert money(169) == "$169" and money(19.5) == "$19.50" and money(5, "CHF") == "5 CHF"


def test_lexicon_tells_unknown_kinds_of_product():
    lex = CatalogLexicon.from_products([Product(id="1", title="Trail Running Shoes", category="Shoes > Running Shoes",
                                                attributes={"features": ["waterproof"]})])
    assert lex.unknown_product_words("a kayak under $300 for my dad") == ["kayak"]
    assert lex.unknown_product_words("running shoe for my dad") == []
    assert lex.unknown_product_words("make it cheaper") == []
