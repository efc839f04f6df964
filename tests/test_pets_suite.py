"""The second catalog (pet supplies, eval/catalogs/pets.py) end to end, and the gold of every
dialogue suite checked against the catalog rows it quotes."""

from __future__ import annotations

import json

import pytest

from eval.catalogs.pets import generate_pets_catalog, write_pets_catalog
from eval.conversations import load_suite


def test_pets_catalog_is_deterministic_and_valid(tmp_path):
    from retrieval.catalog.loader import load_catalog

    rows = generate_pets_catalog()
    assert rows == generate_pets_catalog() and rows != generate_pets_catalog(seed=14)
    loaded = load_catalog(write_pets_catalog(tmp_path / "pets.jsonl"))
    assert loaded.errors == [] and len(loaded.products) == 320
    assert len({p.title for p in loaded.products}) == 320            # a name names one product
    assert len({p.category for p in loaded.products}) == 10
    for p in loaded.products:                                        # the description says what the row says
        text = (p.title + " " + p.description).lower()
        for key in ("material", "colour", "size", "flavour"):
            if key in p.attributes:
                assert str(p.attributes[key]).lower() in text, (p.id, key)
        assert all(f in text for f in p.features), p.id


def _rows(suite: str) -> dict[str, dict]:
    if suite == "pets":
        return {r["id"]: r for r in generate_pets_catalog()}
    from retrieval.demo.catalog import generate_catalog

    return {r["id"]: r for r in generate_catalog()}


def _values(row: dict) -> list[str]:
    # brand and price are row fields a product question can be about ("who makes it", "is it under $100")
    out = [row["title"], str(row.get("stock")), str(row.get("brand")), str(row.get("price"))]
    for value in row["attributes"].values():
        out += [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return [v.lower() for v in out]


@pytest.mark.parametrize("suite", ["dialogue", "dialogue-blind", "pets"])
def test_gold_answers_quote_the_catalog_row(suite):
    """A gold fact is copied from the row of the product it names: a typo here would make the
    answer metric punish a correct assistant."""
    rows = _rows(suite)
    checked = 0
    for conv in load_suite(suite).conversations:
        for turn in conv.turns:
            answer = turn.expect.answer
            if answer is None or answer.product_id is None or answer.fact is None:
                continue
            assert answer.product_id in rows, (conv.id, answer.product_id)
            fact = answer.fact.lower()
            assert any(fact in v for v in _values(rows[answer.product_id])), (conv.id, turn.user, fact)
            checked += 1
    assert checked >= 15


@pytest.fixture(scope="module")
def pets_run(tmp_path_factory):
    """The pets suite through a real assistant: fake embedder, fake LLM, the generated catalog ingested."""
    from assistant import Assistant
    from assistant.components import build_components
    from assistant.config import load_settings
    from assistant.sessions import SessionStore
    from eval.harness import RunOptions, run_suite
    from retrieval.catalog.loader import load_catalog

    tmp = tmp_path_factory.mktemp("pets")
    settings = load_settings(home=tmp / "home", env={}, overrides={"llm.backend": "fake", "embedder": "fake"})
    index, llm, _, ranker = build_components(settings)
    index.ingest(load_catalog(write_pets_catalog(tmp / "pets.jsonl")).products)
    bot = Assistant(settings, index, llm, SessionStore(tmp / "sessions.sqlite"), ranker)
    result = run_suite(bot, load_suite("pets"), RunOptions(reply=True))
    bot.sessions.close()
    return result


def test_pets_suite_runs_through_the_assistant(pets_run):
    m = pets_run.metrics
    assert m["errors"] == 0 and m["replies"] == 62
    assert m["constraint_violation_rate"] == 0.0                     # budgets and excluded brands hold
    assert m["show_category_rate"] >= 0.8                            # the right aisle, from catalog words only
    assert m["slot_f1"] >= 0.5                                       # floor under the measured value (README)
    assert m["audit_flagged"] == 0                                   # the independent audit of the kept prose
    records = [json.loads(json.dumps(t, default=str)) for t in pets_run.turns]   # records stay JSON
    assert all("acts" in r and "answer" in r for r in records)


def test_pets_suite_acts_do_not_regress(pets_run):
    """Floors under what the rules interpreter measured on this suite (2026-12-03, fake embedder:
    act accuracy 0.984, answer accuracy 1.000, list kept 0.933; before named-product questions
    0.645 / 0.036 / 0.367), so a regression fails."""
    m = pets_run.metrics
    if m["acts_missing"] == m["act_turns"]:
        pytest.skip("this build emits no dialogue acts")
    assert m["act_accuracy"] >= 0.95
    assert m["answer_accuracy"] >= 0.95
    assert m["list_unchanged_rate"] >= 0.9


def test_pets_suite_meets_the_issue_targets(pets_run):
    """Issue 13's done-when on the second catalog (it was a strict xfail until the targets were met)."""
    m = pets_run.metrics
    assert m["act_accuracy"] >= 0.9
    assert m["answer_accuracy"] >= 0.9
    assert m["list_unchanged_rate"] >= 0.9
