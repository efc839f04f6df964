"""The simulated shopper: deterministic wording, staged reveals, answers, success definition."""

from __future__ import annotations

import pytest

from eval.conversations import load_suite
from eval.simulator import ShopperSuite, SimulatedShopper, Target, asked_topic, draw_targets


@pytest.fixture
def jacket(sample_products):
    return next(p for p in sample_products if p.id == "J1")


def test_reveals_category_then_features_then_budget(jacket):
    shopper = SimulatedShopper(Target("J1", ("waterproof",), 150.0, exclude_brand="Alpenlite"), jacket, seed=1)
    first = shopper.first_message()
    assert "jackets" in first.lower()
    second = shopper.respond("Here are some jackets.")
    assert "waterproof" in second
    third = shopper.respond("Here are more.")
    assert "$150" in third
    assert "Alpenlite" in shopper.respond("ok")
    assert shopper.constraints().max_price == 150.0
    assert shopper.constraints().brands_excluded == ("Alpenlite",)


def test_same_seed_same_words_other_seed_may_differ(jacket):
    def script(seed):
        s = SimulatedShopper(Target("J1", ("waterproof",), 150.0), jacket, seed=seed)
        out = [s.first_message()]
        while (msg := s.respond("")) is not None:
            out.append(msg)
        return out

    assert script(3) == script(3)
    assert len(script(3)) == 5          # category, features, budget, colour, brand
    assert any(script(3) != script(s) for s in range(4, 12))


def test_answers_a_clarifying_question_first(jacket):
    shopper = SimulatedShopper(Target("J1", ("waterproof",), 150.0), jacket)
    shopper.first_message()
    assert "$150" in shopper.respond("Nice choice! What is your budget?")
    # asked again about something already said: repeats it
    assert shopper.respond("And how much would you like to spend?").startswith("As I said")


@pytest.mark.parametrize("text, topic", [
    ("What's your budget?", "budget"),
    ("Any colour you prefer?", "colour"),
    ("Which brand do you like?", "brand"),
    ("What kind of product are you looking for?", "category"),
    ("Here you go.", None),
])
def test_asked_topic(text, topic):
    assert asked_topic(text) == topic


def test_equally_good_products(sample_products, jacket):
    by_id = {p.id: p for p in sample_products}
    shopper = SimulatedShopper(Target("J1", ("waterproof",), 150.0, exclude_brand="Alpenlite"), jacket)
    assert shopper.is_good(by_id["J1"])
    assert shopper.is_good(by_id["J3"])          # same category, waterproof, $79.50
    assert not shopper.is_good(by_id["J2"])      # over budget (and excluded brand)
    assert not shopper.is_good(by_id["J4"])      # not waterproof, out of stock
    assert not shopper.is_good(by_id["H1"])      # other category


def test_draw_targets_is_deterministic_and_spread(sample_products):
    a = draw_targets(sample_products, n=4, seed=5)
    assert a == draw_targets(sample_products, n=4, seed=5)
    assert len({t.id for t in a}) == 4
    by_id = {p.id: p for p in sample_products}
    for t in a:
        p = by_id[t.id]
        assert p.in_stock and p.price <= t.budget_max and set(t.features) <= set(p.features)
    assert len({by_id[t.id].category for t in a}) >= 3   # round robin over categories


def test_bundled_shopper_targets_fit_the_demo_catalog():
    """The suite lists explicit targets; a catalog change that breaks them must fail here."""
    from retrieval.demo.catalog import generate_catalog
    from retrieval.catalog.product import Product

    products = {p["id"]: Product.from_dict(p) for p in generate_catalog(seed=7, n=1600)}
    for suite_name in ("shopper", "smoke"):
        for shopper_suite in load_suite(suite_name).shoppers:
            for t in shopper_suite.targets:
                p = products.get(t.id)
                assert p is not None, f"{t.id} is not in the demo catalog: regenerate with python -m eval.simulator"
                assert p.in_stock and p.price <= t.budget_max, t
                assert set(t.features) <= set(p.features), t
                assert t.exclude_brand != p.brand


def test_smoke_suite_product_ids_exist_in_demo_catalog():
    from retrieval.demo.catalog import generate_catalog

    ids = {p["id"] for p in generate_catalog(seed=7, n=1600)}
    for conv in load_suite("smoke").conversations:
        for turn in conv.turns:
            for pid in turn.expect.must_show_ids + turn.expect.must_not_show_ids:
                assert pid in ids, f"{conv.id}: {pid} is not in the demo catalog"


def test_shopper_suite_validation():
    from eval.conversations import SuiteError

    with pytest.raises(SuiteError, match="non-empty `targets`"):
        ShopperSuite.from_dict({"kind": "shopper", "targets": []}, source="s.yaml")
    with pytest.raises(SuiteError, match="target #1"):
        ShopperSuite.from_dict({"kind": "shopper", "targets": [{"id": "x"}]}, source="s.yaml")
