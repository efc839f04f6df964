"""The grounding checker's own evaluation: labelled sentences → precision / recall."""

from __future__ import annotations

import pytest

from eval.checker_eval import DEFAULT_FILE, LABELS, evaluate_checker, load_labelled
from eval.schema import SuiteError

LABELLED = """
- {id: a, sentence: "The Nordvik jacket is waterproof.", product_ids: [J1, J3], label: grounded}
- {id: b, sentence: "The Nordvik jacket costs only $12 today!", product_ids: [J1, J3], label: ungrounded}
- {id: c, sentence: "Jackets with waterproof under can cost more than what you would expect.",
   product_ids: [J1, J3], label: nonsense}
- {id: d, sentence: "Great choice for rainy days!", product_ids: [J1, J3], label: grounded}
"""


@pytest.fixture
def labelled(tmp_path):
    path = tmp_path / "labelled.yaml"
    path.write_text(LABELLED)
    return path


def test_checker_is_scored_against_the_labels(fake_assistant, labelled):
    metrics, records = evaluate_checker(fake_assistant, labelled)
    assert metrics["checker_labelled"] == 4 and metrics["checker_labelled_nonsense"] == 1
    by_id = {r["id"]: r for r in records}
    assert by_id["b"]["checker_rejects"]                      # a price nobody shows
    # whatever the checker decides, the metrics are the confusion counts of its verdicts against the labels
    rejected = {r["id"] for r in records if r["checker_rejects"]}
    tp = len(rejected & {"b", "c"})
    assert metrics["checker_tp"] == tp and metrics["checker_fp"] == len(rejected - {"b", "c"})
    assert metrics["checker_recall"] == tp / 2
    assert metrics["audit_tp"] + metrics["audit_fn"] == 2


def test_labelled_products_must_be_in_the_index(fake_assistant, tmp_path):
    path = tmp_path / "l.yaml"
    path.write_text('- {sentence: "x", product_ids: [SG-00001], label: grounded}\n')
    with pytest.raises(SuiteError, match="demo catalog"):
        evaluate_checker(fake_assistant, path)


def test_labels_are_validated(tmp_path):
    path = tmp_path / "l.yaml"
    path.write_text('- {sentence: "x", product_ids: [J1], label: fine}\n')
    with pytest.raises(SuiteError, match="label"):
        load_labelled(path)


def test_bundled_labelled_file_is_big_enough_and_mixed():
    items = load_labelled(DEFAULT_FILE)
    assert len(items) >= 150
    assert {x.label for x in items} == set(LABELS)
    assert all(x.product_ids for x in items)
