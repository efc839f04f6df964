"""Dialogue-act scoring (eval.acts) on hand-made turns, and the gold format in suite files."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from types import SimpleNamespace

import pytest

from eval.acts import ActTally, GoldAct, GoldAnswer, resolve_fact, score_acts, score_answer, target_hits
from eval.conversations import load_suite, parse_expect
from eval.schema import SuiteError
from retrieval.catalog.product import Product

P1 = Product.from_dict({"id": "A", "title": "Ember Shoe", "brand": "Stridewell", "price": 90.0,
                        "attributes": {"colour": "orange", "features": ["cushioned", "reflective"]}})
P2 = Product.from_dict({"id": "B", "title": "Ridge Shoe", "brand": "Pacera", "price": 60.0,
                        "attributes": {"colour": "olive"}})


def reply(acts=None, answer=None, shown=(P1, P2)):
    return SimpleNamespace(acts=acts, answer=answer, products=[SimpleNamespace(product=p) for p in shown])


def test_act_sets_compare_as_sets():
    gold = [GoldAct("ask_about")]
    assert score_acts(gold, [{"type": "ask_about", "product": 2}]) is True
    assert score_acts(gold, [{"type": "refine"}]) is False                       # wrong act: 0
    assert score_acts(gold, [{"type": "ask_about"}, {"type": "search"}]) is False  # one extra: 0
    assert score_acts(gold, []) is False and score_acts(gold, None) is False
    multi = [GoldAct("more_like"), GoldAct("cheaper"), GoldAct("refine")]
    assert score_acts(multi, [{"type": "refine"}, {"type": "cheaper"}, {"type": "more_like"}]) is True
    assert score_acts(multi, [{"type": "refine"}, {"type": "cheaper"}]) is False


def test_target_positions():
    gold = [GoldAct("compare", products=(1, 2)), GoldAct("ask_about", product=2)]
    assert target_hits(gold, [{"type": "compare", "products": [2, 1]}, {"type": "ask_about", "product": 1}]) == (1, 2)
    assert target_hits([GoldAct("search")], [{"type": "search"}]) == (0, 0)


def test_answers_need_verdict_product_and_fact():
    gold = GoldAnswer("no", "orange", "A")
    assert score_answer(gold, {"verdict": "no", "fact": "Orange, olive", "product_id": "A"})
    assert not score_answer(gold, {"verdict": "yes", "fact": "orange", "product_id": "A"})  # wrong verdict
    assert not score_answer(gold, {"verdict": "no", "fact": "olive", "product_id": "A"})    # wrong fact
    assert not score_answer(gold, {"verdict": "no", "fact": "orange", "product_id": "B"})   # wrong product
    assert not score_answer(gold, {"verdict": "no", "fact": None, "product_id": "A"})
    assert not score_answer(gold, None)
    assert score_answer(GoldAnswer("unknown"), {"verdict": "unknown", "fact": None})
    assert not score_answer(GoldAnswer("unknown"), {"verdict": "no", "fact": "orange"})


def test_fact_references_resolve_against_the_previous_list():
    assert resolve_fact("$shown[2].colour", [P1, P2]) == "olive"
    assert resolve_fact("$shown[1].features", [P1, P2]) == "cushioned, reflective"
    assert resolve_fact("$shown[1].brand", [P1, P2]) == "Stridewell"
    assert resolve_fact("plain", []) == "plain"
    with pytest.raises(LookupError):
        resolve_fact("$shown[3].colour", [P1, P2])
    with pytest.raises(LookupError):
        resolve_fact("$shown[2].key_ingredient", [P1, P2])
    with pytest.raises(SuiteError):
        resolve_fact("$shown[first].colour", [P1])


class Kind(str, Enum):
    ASK = "ask_about"


@dataclass
class ActObj:
    type: Kind
    product: int | None = None
    slots: dict = field(default_factory=dict)


def test_tally_scores_turns_and_reads_enum_objects():
    expect = parse_expect({"acts": [{"type": "ask_about", "product": 2}],
                           "answer": {"verdict": "no", "fact": "$shown[2].colour", "product_id": "B"},
                           "list_unchanged": True}, "t")
    tally = ActTally()
    good = reply(acts=[ActObj(Kind.ASK, 2)], answer={"verdict": "no", "fact": "olive", "product_id": "B"})
    assert tally.add(expect, good, [P1, P2]) == []
    bad = reply(acts=[{"type": "search"}], answer=None, shown=(P2,))
    failures = tally.add(expect, bad, [P1, P2])
    assert len(failures) == 4        # acts, target, answer, list changed
    m = tally.metrics()
    assert m["act_accuracy"] == 0.5 and m["answer_accuracy"] == 0.5 and m["list_unchanged_rate"] == 0.5
    assert m["act_target_accuracy"] == 0.5 and m["act_recall.ask_about"] == 0.5
    assert m["act_precision.search"] == 0.0 and m["acts_missing"] == 0


def test_an_assistant_without_acts_scores_zero_not_skipped():
    expect = parse_expect({"acts": ["greeting"], "answer": {"verdict": "unknown"}}, "t")
    tally = ActTally()
    tally.add(expect, SimpleNamespace(products=[]), [])
    m = tally.metrics()
    assert m["act_accuracy"] == 0.0 and m["acts_missing"] == 1
    assert m["answer_accuracy"] == 0.0 and m["answers_missing"] == 1


def test_wrong_answers_are_counted_by_the_stage_that_failed_and_by_gold_verdict():
    gold = {"answer": {"verdict": "no", "fact": "olive", "product_id": "B"}}
    expect = parse_expect(gold, "t")
    tally = ActTally()
    tally.add(expect, reply(answer=None), [P1, P2])                                                   # missing
    tally.add(expect, reply(answer={"verdict": "no", "fact": "orange", "product_id": "A"}), [P1, P2])   # product
    tally.add(expect, reply(answer={"verdict": "yes", "fact": "olive", "product_id": "B"}), [P1, P2])   # verdict
    tally.add(expect, reply(answer={"verdict": "no", "fact": "orange", "product_id": "B"}), [P1, P2])   # fact
    tally.add(expect, reply(answer={"verdict": "no", "fact": "olive", "product_id": "B"}), [P1, P2])    # right
    tally.add(parse_expect({"answer": {"verdict": "unknown"}}, "u"), reply(answer={"verdict": "unknown"}), [P1])
    m = tally.metrics()
    assert [m[f"answer_fail.{s}"] for s in ("missing", "product", "verdict", "fact")] == [1, 1, 1, 1]
    assert m["answer_accuracy.no"] == 0.2 and m["answer_accuracy.unknown"] == 1.0
    assert "answer_accuracy.yes" not in m
    assert m["answer_verdict.no_as_yes"] == 1 and not any(k.startswith("answer_verdict.unknown") for k in m)


def test_unresolvable_fact_is_counted_apart():
    expect = parse_expect({"answer": {"verdict": "value", "fact": "$shown[4].colour"}}, "t")
    tally = ActTally()
    tally.add(expect, reply(answer={"verdict": "value", "fact": "red"}), [P1])
    assert tally.metrics()["answer_unresolved"] == 1 and tally.metrics()["answer_turns"] == 0


@pytest.mark.parametrize("raw, message", [
    ({"acts": ["browse"]}, "unknown act type"),
    ({"acts": []}, "non-empty"),
    ({"acts": [{"type": "compare", "products": [0, 1]}]}, "1-based"),
    ({"answer": {"verdict": "maybe"}}, "verdict"),
    ({"answer": {"verdict": "no"}}, "needs the deciding"),
    ({"answer": {"verdict": "no", "fact": "x", "why": "y"}}, "unknown answer keys"),
    ({"list_unchanged": "yes"}, "true or false"),
])
def test_bad_gold_is_rejected(raw, message):
    with pytest.raises(SuiteError, match=message):
        parse_expect(raw, "suite.yaml turn 1")


def test_unquoted_yes_no_verdicts_load():
    expect = parse_expect({"answer": {"verdict": False, "fact": "orange"}}, "t")
    assert expect.answer == GoldAnswer("no", "orange")


@pytest.mark.parametrize("name, least", [("dialogue", 130), ("dialogue-blind", 60), ("pets", 60)])
def test_bundled_dialogue_suites_load(name, least):
    suite = load_suite(name)
    turns = [t for c in suite.conversations for t in c.turns]
    assert len(turns) >= least
    kinds = {a.type for t in turns for a in (t.expect.acts or ())}
    assert {"search", "ask_about", "refine"} <= kinds
    assert sum(t.expect.answer is not None for t in turns) >= 10


def test_understanding_override_is_applied_or_reported(tmp_path):
    from assistant.errors import ConfigError
    from eval.cli import load_eval_settings

    settings, applied = load_eval_settings(tmp_path, {"llm.backend": "fake"}, "hybrid")
    assert applied in (True, False)
    if applied:
        assert settings.understanding.mode == "hybrid"
    assert load_eval_settings(tmp_path, {}, None)[1] is None
    with pytest.raises(ConfigError):                     # other bad settings still fail loudly
        load_eval_settings(tmp_path, {"llm.backend": "nope"}, "rules")


def test_report_table_marks_modes_that_were_not_applied():
    from eval.dialogue_report import render_table

    table = render_table([
        {"mode": "rules", "suite": "dev", "applied": True, "metrics": {"act_accuracy": 0.75, "answer_turns": 12.0}},
        {"mode": "llm", "suite": "dev", "applied": False, "metrics": {"act_accuracy": 0.0}},
    ])
    assert "llm · dev (not applied)" in table and "rules · dev |" in table
    assert "| act accuracy | 0.750 | 0.000 |" in table
    assert "| answer turns scored | 12 | – |" in table


def test_report_limit_takes_the_first_conversations_and_times_turns(tmp_path, monkeypatch):
    """``--limit N``: a reproducible slice for slow real-LLM modes; seconds per turn are reported."""
    from eval import dialogue_report
    from eval.harness import RunResult

    seen = {}

    def fake_run(bot, suite, options):
        seen["ids"] = [c.id for c in suite.conversations]
        return RunResult(metrics={}, turns=[{"failures": []}] * 4)

    monkeypatch.setattr("eval.harness.run_suite", fake_run)
    args = dialogue_report.argparse.Namespace(llm="fake", llm_model=None, llm_url=None, embedder="fake",
                                              reply=False, limit=2)
    column = dialogue_report.run_column("dialogue", str(tmp_path), "rules", args)
    from eval.conversations import load_suite

    assert seen["ids"] == [c.id for c in load_suite("dialogue").conversations][:2]
    assert column["conversations"] == 2 and column["metrics"]["seconds_per_turn"] >= 0
    assert "| seconds per turn (wall clock) | 1.5 |" in dialogue_report.render_table(
        [{"mode": "rules", "suite": "dev", "metrics": {"seconds_per_turn": 1.49}}])


@pytest.mark.parametrize("name", ["eval.acts", "eval.dialogue_report", "eval.catalogs.pets",
                                  "assistant.guide.render", "ui.gradio_app"])
def test_docstring_examples(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


def test_cli_run_with_understanding_writes_act_metrics(tmp_path, sample_products, capsys):
    import json

    from assistant.config import load_settings
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder
    from ui.cli import main

    home = tmp_path / "cli-home"
    index = CatalogIndex(load_settings(home=home, env={}).index_dir, FakeEmbedder())
    index.ingest(sample_products)
    index.close()
    suite = tmp_path / "d.yaml"
    suite.write_text("""
- id: q
  turns:
    - user: "a waterproof jacket"
      expect: {acts: [search]}
    - user: "is the Tidewater Packable Rain Jacket yellow?"
      expect: {acts: [ask_about], answer: {verdict: "yes", fact: yellow, product_id: J3}, list_unchanged: true}
""")
    out = tmp_path / "run"
    assert main(["--data-dir", str(home), "--llm", "fake", "--embedder", "fake", "eval", "run", str(suite),
                 "--out", str(out), "--no-reply", "--no-progress", "--understanding", "rules"]) == 0
    run = json.loads((out / "run.json").read_text())
    assert run["understanding"] == "rules" and run["understanding_applied"] in (True, False)
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["act_turns"] == 2 and metrics["answer_turns"] == 1 and "list_unchanged_rate" in metrics
    records = [json.loads(line) for line in (out / "turns.jsonl").read_text().splitlines()]
    assert all("acts" in r and "answer" in r for r in records)
