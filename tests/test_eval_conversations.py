"""Suite loading: the shared conversation format, clear errors, bundled suites."""

from __future__ import annotations

import pytest

from eval.conversations import SuiteError, gold_slots, load_suite
from eval.slots import SlotTally, hard_constraints_exact, score_slots

GOOD = """
- id: budget-001
  tags: [budget]
  turns:
    - user: "I need a waterproof jacket under $150"
      expect:
        portrait:
          category: "Jackets"
          budget: {min: null, max: 150}
          attributes: {wanted: [waterproof], unwanted: []}
        constraints: {max_price: 150, category: "Jackets", in_stock: true}
        must_show_ids: [J1]
        must_not_show_ids: [J2]
        show_category: "Jackets"
        guide_mentions: ["jacket"]
    - user: "no Nordvik"
"""


def test_loads_the_shared_format(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    suite = load_suite(tmp_path)
    (conv,) = suite.conversations
    assert conv.id == "budget-001" and conv.tags == ("budget",) and len(conv.turns) == 2
    expect = conv.turns[0].expect
    assert expect.portrait["budget.max"] == 150.0 and expect.portrait["brands.excluded"] == []
    assert expect.constraints.max_price == 150 and expect.constraints.in_stock is True
    assert expect.must_show_ids == ("J1",) and expect.guide_mentions == ("jacket",)
    assert conv.turns[1].expect.portrait is None


def test_single_file_and_jsonl(tmp_path):
    f = tmp_path / "one.yaml"
    f.write_text(GOOD)
    assert load_suite(f).conversations[0].id == "budget-001"
    j = tmp_path / "c.jsonl"
    j.write_text('{"id": "x", "turns": [{"user": "hi"}]}\n')
    assert load_suite(j).conversations[0].turns[0].user == "hi"


@pytest.mark.parametrize("text, message", [
    ("- id: a\n  turns: []\n", "conversation 'a': `turns` must be a non-empty list"),
    ("- id: a\n  turns:\n    - user: hi\n      expect: {portrait: {budget: {max: cheap}}}\n", "conversation 'a' turn 1"),
    ("- id: a\n  turns:\n    - user: hi\n      expect: {colour: red}\n", "unknown expect keys ['colour']"),
    ("- id: a\n  turns:\n    - {user: hi}\n- id: a\n  turns:\n    - {user: hi}\n", "already used"),
    ("- turns:\n    - {user: hi}\n", "conversation #1: missing `id`"),
    ("- id: a\n  turns:\n    - user: [unclosed\n", "not valid YAML"),
    ("kind: other\n", "`kind: shopper`, `kind: judged` or `kind: blind`"),
])
def test_errors_name_file_and_conversation(tmp_path, text, message):
    f = tmp_path / "bad.yaml"
    f.write_text(text)
    with pytest.raises(SuiteError) as info:
        load_suite(f)
    assert message in str(info.value)
    assert "bad.yaml" in str(info.value)


def test_unknown_suite_lists_bundled_ones():
    with pytest.raises(SuiteError, match="smoke"):
        load_suite("no-such-suite")


def test_bundled_smoke_suite_has_conversations_shoppers_and_guide_checks():
    suite = load_suite("smoke")
    assert len(suite.conversations) >= 4
    assert any(t.expect.guide_mentions for c in suite.conversations for t in c.turns)
    assert suite.shoppers and len(suite.shoppers[0].targets) <= 5


def test_bundled_shopper_suite_has_at_least_100_targets():
    (shoppers,) = load_suite("shopper").shoppers
    assert len(shoppers.targets) >= 100
    assert len({t.id for t in shoppers.targets}) == len(shoppers.targets)


def test_judged_csv_is_a_suite(tmp_path):
    f = tmp_path / "j.csv"
    f.write_text("query,product_id,grade\njacket,J1,3\n")
    suite = load_suite(f)
    assert suite.judged[0].judgments == f


def test_judged_yaml_resolves_shared_and_relative_paths(tmp_path):
    (tmp_path / "judged.yaml").write_text("kind: judged\njudgments: j.csv\n")
    (tmp_path / "j.csv").write_text("query,product_id,grade\njacket,J1,3\n")
    suite = load_suite(tmp_path)
    assert len(suite.judged) == 1 and suite.judged[0].judgments == tmp_path / "j.csv"
    (shared,) = load_suite("icecat-dev").judged
    assert shared.judgments.parts[-3:] == ("data", "icecat", "judgments-dev.csv")


# -- slot scoring definitions ------------------------------------------------------------
def portrait(**kw):
    base = {"category": None, "budget": {"min": None, "max": None}, "brands": {"liked": [], "excluded": []},
            "attributes": {"wanted": [], "unwanted": []}, "recipient": None, "occasion": None}
    base.update(kw)
    return base


def test_scalar_slots_tp_fp_fn():
    gold = gold_slots({"category": "Jackets", "budget": {"max": 150}})
    scored = score_slots(gold, portrait(category="jackets", budget={"min": 20, "max": 150.004}, occasion="hiking"))
    assert scored["category"] == (1, 0, 0)          # case-insensitive
    assert scored["budget.max"] == (1, 0, 0)        # 0.01 tolerance
    assert scored["budget.min"] == (0, 1, 0)        # unexpected value
    assert scored["occasion"] == (0, 1, 0)
    wrong = score_slots(gold, portrait(category="Coats"))
    assert wrong["category"] == (0, 1, 1) and wrong["budget.max"] == (0, 0, 1)


def test_list_slots_are_scored_per_item():
    gold = gold_slots({"attributes": {"wanted": ["Waterproof", "hooded"]}})
    scored = score_slots(gold, portrait(attributes={"wanted": ["waterproof", "red"], "unwanted": []}))
    assert scored["attributes.wanted"] == (1, 1, 1)


def test_category_path_matches_level_name():
    assert score_slots(gold_slots({"category": "Jackets"}),
                       portrait(category="Outdoor & Hiking > Jackets"))["category"] == (1, 0, 0)


def test_hard_constraint_accuracy_and_micro_f1():
    gold = gold_slots({"budget": {"max": 100}, "brands": {"excluded": ["Nordvik"]}})
    assert hard_constraints_exact(gold, portrait(budget={"min": None, "max": 100}, brands={"liked": [], "excluded": ["nordvik"]}))
    assert not hard_constraints_exact(gold, portrait(budget={"min": None, "max": 100}))
    tally = SlotTally()
    tally.add(gold, portrait(budget={"min": None, "max": 100}))   # tp=1, fn=1
    m = tally.metrics()
    assert m["slot_precision"] == 1.0 and m["slot_recall"] == 0.5
    assert m["slot_f1"] == pytest.approx(2 / 3)
    assert m["hard_constraint_accuracy"] == 0.0
    assert m["slot_f1.brands.excluded"] == 0.0
