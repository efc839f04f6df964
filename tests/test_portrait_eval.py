"""The team portrait suite: its size, its format, and the rules' scores on it."""

from __future__ import annotations

import pytest

from eval.conversations import load_suite
from eval.portrait_eval import DEFAULT_SUITE, UnresolvedReference, evaluate_portrait_suite, resolve, rules_extractor
from eval.webshop_robustness import demo_vocabulary, stated_price_limit
from retrieval.catalog.product import Product


@pytest.fixture(scope="module")
def demo_vocab():
    return demo_vocabulary()


def test_suite_is_big_enough_and_covers_every_phenomenon():
    suite = load_suite(DEFAULT_SUITE)
    assert len(suite.conversations) >= 60
    assert sum(len(c.turns) for c in suite.conversations) >= 200
    tags = {t for c in suite.conversations for t in c.tags}
    for needed in ("budget", "negation", "recipient", "occasion", "correction", "addition", "new-need",
                   "reference", "typo", "lower-case", "run-on"):
        assert needed in tags, needed


def test_rules_reach_the_targets_on_the_suite(demo_vocab):
    metrics = evaluate_portrait_suite(DEFAULT_SUITE, extractor=rules_extractor(demo_vocab))
    assert metrics["hard_constraint_accuracy"] >= 0.98
    assert metrics["slot_f1"] >= 0.90
    assert metrics["skipped_turns"] <= 12          # only turns whose gold depends on shown products


def test_shown_references_resolve_against_what_was_shown():
    shown = [[Product(id="a", title="A", price=50.0, brand="X", attributes={"colour": "red"}),
              Product(id="b", title="B", price=30.0, brand="Y")]]
    assert resolve("$shown[1].price - 0.01", shown, 1) == 49.99
    assert resolve("$shown[min].price", shown, 1) == 30.0
    assert resolve("$turn1.shown[2].brand", shown, 3) == "Y"
    assert resolve("$shown[1].colour", shown, 1) == "red"
    assert resolve(42, shown, 1) == 42
    with pytest.raises(UnresolvedReference):
        resolve("$shown[1].price", [[]], 1)


def test_assistant_mode_scores_a_small_suite(tmp_path, fake_assistant):
    suite = tmp_path / "mini.yaml"
    suite.write_text("""
- id: mini-1
  tags: [budget, reference]
  turns:
    - user: "a waterproof jacket under $150, no Nordvik"
      expect:
        portrait: {category: Jackets, budget: {max: 150}, brands: {excluded: [Nordvik]}, attributes: {wanted: [waterproof]}}
    - user: "something cheaper than the first one"
      expect:
        portrait: {category: Jackets, brands: {excluded: [Nordvik]}, attributes: {wanted: [waterproof]}}
        shown_refs: {budget.max: "$shown[1].price - 0.01"}
""")
    metrics = evaluate_portrait_suite(suite, assistant_factory=lambda: fake_assistant)
    assert metrics["slot_f1"] == 1.0 and metrics["hard_constraint_accuracy"] == 1.0
    assert metrics["slot_turns"] == 2 and metrics["shown_gold_violation_rate"] == 0.0


def test_webshop_price_statements_are_found_independently():
    assert stated_price_limit("red shoes, and price lower than 40.00 dollars") == 40.0
    assert stated_price_limit("under $25 please") == 25.0
    assert stated_price_limit("tv stand for tvs up to 48 inches") is None


@pytest.mark.shared_data
def test_webshop_instructions_never_crash_and_rarely_get_a_false_budget(demo_vocab, tmp_path):
    import json

    from eval.webshop_robustness import run
    from tests.conftest import shared_data

    goals = json.loads(shared_data("webshop", "human_goals.json").read_text())
    sample = tmp_path / "goals.json"
    sample.write_text(json.dumps(goals[::10]))
    report = run(sample, vocab=demo_vocab)
    assert report["instructions"] == len(goals[::10])
    assert report["crashes"] == 0
    assert report["false_budget_rate"] <= 0.01
