"""CI: the smoke suite with the real embedder and the bundled SmolLM2, against quality floors.

Thresholds were set from measured runs (see eval/README.md) minus a margin; there are
deliberately no timing thresholds (latency is reported, never asserted).
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    from ui.cli import main

    home = tmp_path_factory.mktemp("smoke-home")
    assert main(["--data-dir", str(home), "index"]) == 0
    return home


def test_smoke_suite_meets_quality_floors(demo_home, tmp_path, monkeypatch):
    from ui.cli import main

    monkeypatch.setenv("SHOPGUIDE_HOME", str(demo_home))
    out = tmp_path / "run"
    assert main(["--data-dir", str(demo_home), "eval", "run", "smoke", "--out", str(out), "--no-progress"]) == 0
    m = json.loads((out / "metrics.json").read_text())
    # measured 2026-11-23: slot_f1 0.97, violations 0, success@5 1.0 (3/3), must_show 1.0.
    # Measured 2026-12-03 (SmolLM2-135M, greedy, 14 replies; eval/README.md "Measurements that can fail"):
    # llm_text_kept_rate 0.286 (4 of 14 replies kept their LLM prose, 10 got the fallback sentence),
    # audit_flagged 1 (one invented price, "$7", in kept prose), guide_mention_rate 0.33 (1 of 3:
    # it now reads the LLM prose only; it was 0.75 because the code-rendered header named the category).
    # Floors = measured minus one reply / one claim / nothing of a 1-of-3 rate; a worse number is
    # a regression to explain, not a floor to move (the old floor fallback_rate <= 0.85 had been moved from 0.5).
    assert m["slot_f1"] >= 0.85
    assert m["hard_constraint_accuracy"] >= 0.85
    assert m["constraint_violation_rate"] == 0.0
    assert m["must_not_show_violation_rate"] == 0.0
    assert m["show_category_rate"] >= 0.8
    assert m["success@5"] >= 0.66
    assert m["guide_mention_rate"] >= 0.3
    assert m["llm_text_kept_rate"] >= 0.21      # 4/14 measured, one reply of tolerance (3/14 = 0.214 passes)
    assert m["audit_flagged"] <= 2              # 1 measured, one claim of tolerance
    assert m["errors"] == 0
    assert "final_ungrounded" not in m          # 0 by construction; replaced by the independent audit
    assert m["checker_labelled"] >= 150 and 0.0 <= m["checker_recall"] <= 1.0
    for key in ("total_ms_p50", "total_ms_p95", "first_token_ms_p50", "retrieval_ms_p95"):
        assert key in m
    assert (out / "report.md").exists() and (out / "latency.png").exists()
