"""Multi-turn rules: corrections, additions, new needs, references to shown products."""

from __future__ import annotations

from assistant.portrait.dialogue import apply_turn
from assistant.portrait.model import Portrait
from retrieval.catalog.product import Product
from tests.test_extract_turn import VOCAB


def run(*turns: str, shown=()) -> Portrait:
    p = Portrait()
    for i, text in enumerate(turns):
        apply_turn(p, text, i, VOCAB, shown=shown if i == len(turns) - 1 else ())
    return p


def test_correction_replaces_the_budget_and_remembers_the_turn():
    p = run("a waterproof jacket under $150", "actually make it under 100")
    assert p.budget_max == 100 and p.sources["budget_max"] == 1
    assert p.sources["category"] == 0


def test_bare_number_revises_an_existing_budget_only():
    assert run("a jacket under 50", "make it 35").budget_max == 35
    assert run("a jacket", "make it 35").budget_max is None


def test_new_maximum_below_the_minimum_drops_the_minimum():
    p = run("a tent, at least $200", "under 150")
    assert (p.budget_min, p.budget_max) == (None, 150)


def test_forget_the_brand_and_the_budget():
    p = run("Lumora headphones under 200", "forget the brand", "money is no object")
    assert p.brands_liked == [] and p.budget_max is None


def test_addition_adds_a_colour_and_a_new_colour_replaces():
    assert run("a red jacket", "also in blue").attributes_wanted == ["red", "blue"]
    assert run("a red jacket", "actually make it blue").attributes_wanted == ["blue"]


def test_taking_back_an_exclusion():
    p = run("headphones, no Vantor", "hmm Vantor is fine actually")
    assert p.brands_excluded == []


def test_negated_attributes_are_deal_breakers_and_become_query_filters():
    p = run("a jacket without a hood, no Nordvik")
    q = p.to_query()
    assert q.attributes_excluded == ("hooded",) and q.brands_exclude == ("Nordvik",)
    assert q.categories == ("Jackets",)
    soft = run("a jacket, I'd rather not have red")
    assert soft.attributes_unwanted == ["red"] and soft.deal_breakers == []


def test_new_need_keeps_the_person_and_drops_the_item():
    p = run("a waterproof jacket for my husband under 200, no Vantor", "and something for camping")
    assert p.recipient == "husband" and p.brands_excluded == ["Vantor"]
    assert p.category is None and p.budget_max is None and p.attributes_wanted == []
    p = run("a red jacket under 200", "now I need a tent")
    assert p.category == "Tents" and p.budget_max is None and p.attributes_wanted == []


def test_refinement_to_a_subcategory_is_not_a_new_need():
    p = run("shoes under 100", "running shoes please")
    assert p.category == "Running Shoes" and p.budget_max == 100
    assert run("running shoes", "nice shoes").category == "Running Shoes"


def test_category_correction_keeps_the_rest():
    p = run("a grey jacket under 80", "actually a tent instead")
    assert p.category == "Tents" and p.budget_max == 80 and p.attributes_wanted == ["grey"]


SHOWN = [Product(id="A", title="A", brand="Nordvik", price=120.0, category="Outdoor & Hiking > Jackets",
                 attributes={"colour": "red"}),
         Product(id="B", title="B", brand="Lumora", price=90.0, category="Outdoor & Hiking > Jackets",
                 attributes={"colour": "blue"})]


def test_references_to_shown_products():
    assert run("a jacket", "something cheaper than the second one", shown=SHOWN).budget_max == 89.99
    assert run("a jacket", "cheaper than those?", shown=SHOWN).budget_max == 89.99
    assert run("a jacket", "that's too expensive", shown=SHOWN).budget_max == 119.99
    assert run("a jacket", "not that brand", shown=SHOWN).brands_excluded == ["Nordvik"]
    p = run("a jacket", "the second one but in another colour", shown=SHOWN)
    assert p.attributes_unwanted == ["blue"] and p.focus_id == "B"
    p = run("something nice", "I like the first one", shown=SHOWN)
    assert p.focus_id == "A" and p.category == "Jackets"


def test_clarify_only_without_a_category():
    assert run("a gift for my wife").question
    p = run("a jacket")
    assert p.question is None and any("budget" in a for a in p.assumptions)
    assert not any("budget" in a for a in run("a jacket under 90").assumptions)
