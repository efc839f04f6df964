"""Blind suites: gold labels in the repo, texts read from shared data at run time."""

from __future__ import annotations

import hashlib
import json

import pytest

from eval.conversations import SUITES_DIR, load_suite
from eval.schema import SuiteError
from tests.conftest import shared_data


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:8]


@pytest.fixture
def texts(tmp_path):
    data = ["a waterproof jacket under $150 for my husband", "i need nordvik boots, not red"]
    (tmp_path / "texts.json").write_text(json.dumps(data))
    return data


def write_gold(tmp_path, body: str):
    folder = tmp_path / "blindish"
    folder.mkdir(exist_ok=True)
    (folder / "gold.yaml").write_text(f"kind: blind\nsource: {tmp_path / 'texts.json'}\ngold:\n{body}")
    return folder


def test_blind_entries_become_one_turn_conversations(tmp_path, texts):
    folder = write_gold(tmp_path, f"  0: {{sha1: {_sha(texts[0])}, category: Jackets, budget: {{max: 150}}, "
                                  f"recipient: husband}}\n  1: {{sha1: {_sha(texts[1])}, brands: {{liked: [nordvik]}}}}\n")
    suite = load_suite(folder)
    assert [c.id for c in suite.conversations] == ["blindish-0", "blindish-1"]
    first = suite.conversations[0].turns[0]
    assert first.user == texts[0]
    assert first.expect.portrait["budget.max"] == 150 and first.expect.portrait["recipient"] == "husband"
    assert suite.conversations[1].turns[0].expect.portrait["category"] is None   # unlabelled slots are empty


def test_a_changed_text_is_detected(tmp_path, texts):
    folder = write_gold(tmp_path, "  0: {sha1: deadbeef, category: Jackets}\n")
    with pytest.raises(SuiteError, match="does not match"):
        load_suite(folder)


def test_missing_shared_data_says_so(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "gold.yaml").write_text("kind: blind\nsource: shared:nowhere/texts.json\ngold:\n  0: {sha1: x}\n")
    with pytest.raises(SuiteError, match="never committed"):
        load_suite(folder)


def test_bundled_blind_split_matches_the_shared_instructions():
    shared_data("webshop", "human_goals.json")
    suite = load_suite(SUITES_DIR / "webshop-blind")
    assert len(suite.conversations) >= 100
    assert all(len(c.turns) == 1 and c.turns[0].expect.portrait is not None for c in suite.conversations)


def test_blind_split_scores_with_the_rules(fake_assistant):
    """The portrait evaluator runs on the blind split like on the dev suite (numbers are not asserted)."""
    shared_data("webshop", "human_goals.json")
    from eval.portrait_eval import run_portrait_suite, rules_extractor

    report = run_portrait_suite(SUITES_DIR / "webshop-blind", extractor=rules_extractor(fake_assistant.vocabulary))
    assert report.metrics["slot_turns"] == 100
    assert 0.0 <= report.metrics["slot_f1"] <= 1.0
