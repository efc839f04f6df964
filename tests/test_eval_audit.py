"""The independent prose audit (eval.audit) and the metrics built on it in the harness."""

from __future__ import annotations

import pytest

from eval.audit import audit_prose, extract_claims, portrait_words
from eval.conversations import load_suite
from eval.harness import RunOptions, run_suite


@pytest.fixture
def jackets(sample_products):
    by_id = {p.id: p for p in sample_products}
    return [by_id["J1"], by_id["J3"]]   # Nordvik $129.99 (4.6), Tidewater $79.50 (4.1)


def kinds(prose, products, said=""):
    return [(f.claim.kind, f.claim.text) for f in audit_prose(prose, products, said)]


def test_claims_of_every_kind_are_extracted():
    claims = extract_claims("Rated 4.5 stars, the Kestrel & Co pack costs $1,299.99 for 2 of them, "
                            "with free returns: see **www.shop.com**.")
    got = {(c.kind, c.text) for c in claims}
    assert ("rating", "4.5") in got and ("money", "1,299.99") in got and ("number", "2") in got
    assert ("name", "Kestrel & Co") in got and ("policy", "free returns") in got
    assert ("link", "**") in got and any(k == "link" and "www.shop.com" in t for k, t in got)


def test_supported_claims_pass(jackets):
    assert kinds("The Nordvik jacket is waterproof and costs $129.99, rated 4.6 stars.", jackets) == []
    assert kinds("The Tidewater is $50.49 cheaper than the Nordvik.", jackets) == []   # a price difference
    assert kinds("Both are in stock.", jackets) == []                                 # stock is in the rows
    assert kinds("This fits your $150 budget.", jackets, said="a jacket under $150") == []


@pytest.mark.parametrize("prose, expected", [
    ("The Tidewater costs 80 dollars.", ("money", "80")),              # rounded: the audit is strict
    ("The Nordvik jacket is rated 5 stars.", ("rating", "5")),
    ("It lasts for 3 seasons.", ("number", "3")),
    ("Sarah Kent loves the Nordvik jacket.", ("name", "Kent")),        # a run of names opening the sentence
    ("The jacket is loved by Kent.", ("name", "Kent")),
    ("Both come with a 2-year warranty.", ("policy", "warranty")),
    ("Order now for free shipping.", ("policy", "free shipping")),
    ("See <b>this</b> jacket.", ("link", "<b>")),
])
def test_unsupported_claims_are_flagged(jackets, prose, expected):
    assert expected in kinds(prose, jackets)


def test_sentence_initial_words_and_attribute_free_are_not_claims(sample_products, jackets):
    pan = [p for p in sample_products if p.id == "K1"]
    # a known blind spot: one capitalised word opening a sentence is not told apart from "Great"
    assert kinds("Sarah loves the Nordvik jacket.", jackets) == []
    assert kinds("Great choice! This pan is non-stick and dishwasher safe.", pan) == []
    assert kinds("I'm sure the Brightwell pan suits you.", pan) == []


def test_words_the_shopper_said_count_as_evidence(jackets):
    said = "nothing from Marbleworks " + portrait_words({"brands": {"excluded": ["Alpenlite"]}})
    assert kinds("Unlike Marbleworks or Alpenlite, Nordvik fits.", jackets, said) == []
    assert ("name", "Marbleworks") in kinds("Unlike Marbleworks, Nordvik fits.", jackets)


def test_the_audit_does_not_import_the_checker():
    import ast
    import inspect

    import eval.audit as audit

    tree = ast.parse(inspect.getsource(audit))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not any(m and m.startswith("assistant") for m in imported)


CONVERSATIONS = """
- id: jacket
  turns:
    - user: "I need a waterproof jacket under $150"
      expect:
        guide_mentions: ["closest fit"]
    - user: "actually make it under $100"
      expect:
        guide_mentions: ["picks"]
"""


@pytest.fixture
def suite(tmp_path):
    (tmp_path / "c.yaml").write_text(CONVERSATIONS)
    return load_suite(tmp_path / "c.yaml")


def test_guide_mentions_look_at_the_llm_prose_only(fake_assistant, suite):
    result = run_suite(fake_assistant, suite)
    # "picks" is in the code-rendered part of the reply, never in the fake model's prose
    assert any("picks" in t["reply"].lower() and "picks" not in t["prose"].lower() for t in result.turns)
    assert result.metrics["guide_mention_rate"] == 0.5


def test_kept_rate_and_audit_count_what_reaches_the_shopper(fake_assistant, suite):
    # turn 1: rejected twice by the checker → fallback; turn 2: a rounded price the checker lets through
    from dataclasses import replace

    fake_assistant.settings = replace(fake_assistant.settings,   # the retry is off by default
                                      llm=replace(fake_assistant.settings.llm, prose_retries=1))
    fake_assistant.llm.enqueue("It ships free tomorrow!", "It ships free tomorrow!")
    fake_assistant.llm.enqueue("The Tidewater jacket costs 80 dollars.")
    result = run_suite(fake_assistant, suite, RunOptions())
    m = result.metrics
    assert m["llm_text_kept_rate"] == 0.5
    assert m["audit_flagged"] == 1 and m["audit_flagged_rate"] == 1.0
    assert result.turns[1]["audit"] and "80" in result.turns[1]["audit"][0]
    assert "final_ungrounded" not in m


def test_no_reply_runs_have_no_prose_metrics(fake_assistant, suite):
    m = run_suite(fake_assistant, suite, RunOptions(reply=False)).metrics
    assert "llm_text_kept_rate" not in m and "audit_flagged" not in m


@pytest.mark.parametrize("name", ["eval.audit", "eval.blind", "eval.checker_eval"])
def test_docstring_examples_of_the_measurement_modules(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


def test_compare_reads_old_runs_and_flags_more_audit_flags():
    from eval.compare import compare_metrics

    old = {"final_ungrounded": 0.0, "fallback_rate": 0.7}           # a run folder from before the audit
    new = {"audit_flagged": 1.0, "llm_text_kept_rate": 0.3, "fallback_rate": 0.7}
    assert not any(c.regression for c in compare_metrics(old, new))
    worse = compare_metrics(new, {**new, "audit_flagged": 2.0, "llm_text_kept_rate": 0.2})
    assert {c.key for c in worse if c.regression} == {"audit_flagged", "llm_text_kept_rate"}
