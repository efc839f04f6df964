"""The harness end to end with fakes: metrics, run folder, plots, compare, the CLI."""

from __future__ import annotations

import json

import pytest

from eval.compare import compare_metrics, load_metrics, render
from eval.conversations import Constraints, load_suite
from eval.harness import RunOptions, constraint_violations, percentile, run_suite, subset
from eval.report import write_run

CONVERSATIONS = """
- id: jacket
  tags: [budget]
  turns:
    - user: "I need a waterproof jacket under $150"
      expect:
        portrait:
          category: "Jackets"
          budget: {max: 150}
          attributes: {wanted: [waterproof]}
        constraints: {max_price: 150, category: "Jackets", in_stock: true}
        must_not_show_ids: [J4]
        show_category: "Jackets"
        guide_mentions: ["closest fit"]   # in the LLM prose (the fake echoes the first pick)
    - user: "nothing from Nordvik"
      expect:
        portrait:
          category: "Jackets"
          budget: {max: 150}
          brands: {excluded: [Nordvik]}
          attributes: {wanted: [waterproof]}
        constraints: {max_price: 150, brands_excluded: [Nordvik], in_stock: true}
        must_show_ids: [J3]
- id: game
  turns:
    - user: "a cooperative board game"
      expect:
        show_category: "Board Games"
        guide_mentions: ["no such words here"]
"""

SHOPPER = """
kind: shopper
max_turns: 4
k: [1, 3, 5]
targets:
  - {id: J3, features: [packable], budget_max: 90}
  - {id: H2, features: [bluetooth], budget_max: 60}
"""


@pytest.fixture
def suite_dir(tmp_path):
    d = tmp_path / "suite"
    d.mkdir()
    (d / "conversations.yaml").write_text(CONVERSATIONS)
    (d / "shopper.yaml").write_text(SHOPPER)
    (d / "judged.csv").write_text("query,product_id,grade\nwaterproof jacket,J1,3\nwaterproof jacket,J3,2\n"
                                  "waterproof jacket,H1,0\nheadphones,H1,3\nheadphones,H2,3\n")
    return d


def test_run_suite_with_fakes(fake_assistant, suite_dir):
    result = run_suite(fake_assistant, load_suite(suite_dir))
    m = result.metrics
    assert m["conversations"] == 2 and m["shoppers"] == 2
    assert m["slot_f1"] == pytest.approx(1.0)
    assert m["hard_constraint_accuracy"] == 1.0
    assert m["constraint_violation_rate"] == 0.0
    assert m["flagged_alternatives"] >= 1          # J2 ($169) shown only as a labelled alternative
    assert m["must_not_show_violation_rate"] == 0.0 and m["must_show_rate"] == 1.0
    assert m["show_category_rate"] == 1.0
    assert m["guide_mention_rate"] == 0.5          # one fact present, one absent
    assert m["fallback_rate"] == 0.0 and m["grounding_violations"] == 0
    assert m["llm_text_kept_rate"] == 1.0 and m["audit_flagged"] == 0 and m["audit_flagged_rate"] == 0.0
    assert m["success@5"] == 1.0 and 1 <= m["turns_to_success"] <= 4
    assert 0 < m["ndcg@10"] <= 1 and "recall@50" in m and "ndcg@10_judged_only" in m
    for stage in ("portrait_ms", "retrieval_ms", "rerank_ms", "first_token_ms", "total_ms"):
        assert m[f"{stage}_p95"] >= m[f"{stage}_p50"] >= 0
    failing = [t for t in result.turns if t["failures"]]
    assert [t["conversation"] for t in failing] == ["game"]
    assert "no such words here" in failing[0]["failures"][0]


def test_grounding_violations_and_fallbacks_are_counted(fake_assistant, suite_dir):
    fake_assistant.llm.enqueue("The Nordvik jacket costs only $12 today!")
    result = run_suite(fake_assistant, load_suite(suite_dir), RunOptions(limit=1, seed=0))
    assert result.metrics["grounding_violations"] >= 1
    assert result.metrics["grounding_violation_rate"] > 0
    assert "fallback_rate" in result.metrics


def test_no_reply_mode_skips_llm_metrics(fake_assistant, suite_dir):
    result = run_suite(fake_assistant, load_suite(suite_dir), RunOptions(reply=False))
    assert fake_assistant.llm.calls == []
    assert "fallback_rate" not in result.metrics and "guide_mention_rate" not in result.metrics
    assert "slot_f1" in result.metrics


def test_subset_is_reproducible():
    items = list(range(50))
    assert subset(items, 5, seed=1) == subset(items, 5, seed=1)
    assert subset(items, 5, seed=1) == sorted(subset(items, 5, seed=1))
    assert subset(items, None, seed=1) == items


def test_constraint_violations(sample_products):
    by_id = {p.id: p for p in sample_products}
    c = Constraints(max_price=150, brands_excluded=("nordvik",), category="Jackets", in_stock=True)
    assert constraint_violations(by_id["J3"], c) == []
    assert any("excluded" in v for v in constraint_violations(by_id["J1"], c))
    assert any("budget" in v for v in constraint_violations(by_id["J2"], c))
    assert any("category" in v for v in constraint_violations(by_id["H2"], c))


def test_percentile():
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([5], 95) == 5
    assert percentile([], 50) == 0.0


def test_run_folder_report_and_plots(fake_assistant, suite_dir, tmp_path):
    result = run_suite(fake_assistant, load_suite(suite_dir))
    out = write_run(tmp_path / "run", result, {"suite": "test", "seed": 0, "limit": None, "seconds": 1.0})
    metrics = json.loads((out / "metrics.json").read_text())
    assert all(isinstance(v, (int, float)) for v in metrics.values())
    for key in ("slot_f1", "constraint_violation_rate", "grounding_violations", "fallback_rate", "success@5",
                "turns_to_success", "ndcg@10", "total_ms_p50", "total_ms_p95"):
        assert key in metrics
    report = (out / "report.md").read_text()
    assert "## Headline" in report and "no such words here" in report
    for png in ("latency.png", "slots.png", "shopper.png", "judged.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"]({png})" in report
    assert len((out / "turns.jsonl").read_text().splitlines()) == len(result.turns)


def test_compare_flags_regressions_with_tolerances():
    a = {"slot_f1": 0.90, "constraint_violation_rate": 0.0, "total_ms_p95": 1000.0, "success@5": 0.5, "replies": 10}
    b = {"slot_f1": 0.89, "constraint_violation_rate": 0.1, "total_ms_p95": 1100.0, "success@5": 0.7, "replies": 12}
    changes = {c.key: c for c in compare_metrics(a, b)}
    assert not changes["slot_f1"].regression                     # within 0.02
    assert changes["constraint_violation_rate"].regression       # lower is better
    assert not changes["total_ms_p95"].regression                # within 25 %
    assert changes["success@5"].improvement
    assert not changes["replies"].regression and changes["replies"].direction == "info"
    text = render(list(changes.values()), "A", "B")
    assert "REGRESSION" in text and "1 regression(s): constraint_violation_rate" in text


def test_load_metrics_error_is_clear(tmp_path):
    from assistant.errors import InputError

    with pytest.raises(InputError, match="eval run --out"):
        load_metrics(tmp_path / "missing")


@pytest.fixture
def cli_home(tmp_path, sample_products, monkeypatch):
    """A data directory indexed with the fake embedder (real Chroma), for the real CLI."""
    from assistant.config import load_settings
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.catalog_index import CatalogIndex

    home = tmp_path / "cli-home"
    settings = load_settings(home=home, env={})
    index = CatalogIndex(settings.index_dir, FakeEmbedder())
    index.ingest(sample_products)
    index.close()
    return home


def test_cli_run_and_compare(cli_home, suite_dir, tmp_path, capsys):
    from ui.cli import main

    base = ["--data-dir", str(cli_home), "--llm", "fake", "--embedder", "fake", "eval"]
    assert main(base + ["run", str(suite_dir), "--out", str(tmp_path / "a"), "--no-progress"]) == 0
    headline = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert "slot_f1" in headline and "success@5" in headline
    assert main(base + ["run", str(suite_dir), "--out", str(tmp_path / "b"), "--limit", "1", "--seed", "3"]) == 0
    assert (tmp_path / "b" / "report.md").exists()
    assert json.loads((tmp_path / "b" / "run.json").read_text())["limit"] == 1
    capsys.readouterr()
    assert main(base + ["compare", str(tmp_path / "a"), str(tmp_path / "a")]) == 0
    assert "no regressions" in capsys.readouterr().out
    assert not list(cli_home.glob("sessions*")), "eval must not write sessions into the data directory"


def test_cli_errors_are_messages(cli_home, tmp_path, capsys):
    from ui.cli import main

    code = main(["--data-dir", str(cli_home), "--llm", "fake", "--embedder", "fake", "eval", "run", "nope",
                 "--out", str(tmp_path / "x")])
    assert code == 2 and "suite 'nope' not found" in capsys.readouterr().err
    code = main(["eval", "compare", str(tmp_path / "x"), str(tmp_path / "y")])
    assert code == 2 and "not found" in capsys.readouterr().err


def test_gold_referring_to_shown_products_is_resolved(fake_assistant, tmp_path):
    """Portrait-suite golds such as "$shown[1].brand" are resolved against what was shown."""
    pytest.importorskip("eval.portrait_eval")
    f = tmp_path / "refs.yaml"
    f.write_text("""
- id: refs
  turns:
    - user: "wireless headphones"
    - user: "not that brand, nothing from Lumora"
      expect:
        portrait: {category: Headphones, brands: {excluded: ["$shown[1].brand"]}, attributes: {wanted: [wireless]}}
""")
    first = fake_assistant.chat("wireless headphones", session_id="probe")
    if not first.products or first.products[0].product.brand != "Lumora":
        pytest.skip("the fake index ranks another brand first")
    result = run_suite(fake_assistant, load_suite(f), RunOptions(reply=False))
    assert result.metrics["slot_f1.brands.excluded"] == 1.0
    assert "slot_turns_skipped" not in result.metrics
