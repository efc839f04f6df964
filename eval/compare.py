"""Compare two run folders: what changed, and which changes are regressions.

Each metric has a direction (higher or lower is better) and a tolerance; a change in the
bad direction beyond the tolerance is a regression. Quality metrics use absolute
tolerances (0.02 on rates and F1s), latencies a relative one (25 % and at least 5 ms,
because timings are noisy), counts any increase. Unknown metrics are shown, never flagged.

>>> diff = compare_metrics({"slot_f1": 0.90}, {"slot_f1": 0.80})
>>> diff[0].regression
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError

# final_ungrounded: written by runs before the independent audit (audit_flagged) replaced it
LOWER_IS_BETTER_PREFIXES = ("constraint_violation", "grounding_violation", "final_ungrounded", "audit_flagged",
                            "fallback_rate", "turns_to_success", "must_not_show", "shopper_violation", "errors",
                            "acts_missing", "answers_missing", "answer_unresolved")
INFO_KEYS = {"replies", "conversations", "shoppers", "judged_queries", "slot_turns", "slot_turns_skipped", "judged_coverage",
             "flagged_alternatives", "act_turns", "answer_turns"}
QUALITY_TOLERANCE = 0.02
LATENCY_RELATIVE = 0.25
LATENCY_ABSOLUTE_MS = 5.0


@dataclass(frozen=True)
class Change:
    key: str
    before: float | None
    after: float | None
    direction: str          # "higher", "lower" or "info"
    regression: bool
    improvement: bool

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


def direction(key: str) -> str:
    if key in INFO_KEYS:
        return "info"
    if key.endswith(("_p50", "_p95")) or key.startswith(LOWER_IS_BETTER_PREFIXES):
        return "lower"
    return "higher"


def tolerance(key: str, before: float) -> float:
    if key.endswith(("_p50", "_p95")):
        return max(LATENCY_RELATIVE * abs(before), LATENCY_ABSOLUTE_MS)
    if key in ("grounding_violations", "final_ungrounded", "audit_flagged", "errors"):
        return 0.0
    if key == "turns_to_success":
        return 0.25
    return QUALITY_TOLERANCE


def compare_metrics(a: dict[str, float], b: dict[str, float]) -> list[Change]:
    out = []
    for key in sorted(set(a) | set(b)):
        before, after = a.get(key), b.get(key)
        d = direction(key)
        regression = improvement = False
        if before is not None and after is not None and d != "info":
            worse = (after - before) if d == "lower" else (before - after)
            tol = tolerance(key, before)
            regression = worse > tol + 1e-12
            improvement = -worse > tol + 1e-12
        out.append(Change(key, before, after, d, regression, improvement))
    return out


def load_metrics(run: str | Path) -> dict[str, float]:
    path = Path(run)
    path = path / "metrics.json" if path.is_dir() else path
    if not path.exists():
        raise InputError(f"{path} not found: give a run folder written by `shopguide eval run --out DIR`")
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} is not valid JSON: {exc}") from None
    return {k: float(v) for k, v in data.items() if isinstance(v, (int, float))}


def render(changes: list[Change], name_a: str, name_b: str, all_keys: bool = False) -> str:
    """A Markdown table of changed metrics (all of them with ``all_keys``) and a verdict line."""
    rows = []
    for c in changes:
        changed = c.before is None or c.after is None or abs(c.after - c.before) > 1e-9
        if not (all_keys or changed):
            continue
        flag = "REGRESSION" if c.regression else "improved" if c.improvement else ""
        delta = "" if c.delta is None else f"{c.delta:+.4g}"
        rows.append(f"| `{c.key}` | {_v(c.before)} | {_v(c.after)} | {delta} | {flag} |")
    regressions = [c.key for c in changes if c.regression]
    lines = [f"# {name_a} → {name_b}", "", "| metric | A | B | Δ | |", "|---|---|---|---|---|", *rows]
    if not rows:
        lines.append("| (no metric changed) | | | | |")
    lines.append("")
    lines.append(f"{len(regressions)} regression(s): {', '.join(regressions)}" if regressions
                 else "no regressions beyond tolerance")
    return "\n".join(lines) + "\n"


def _v(value: float | None) -> str:
    return "—" if value is None else f"{value:.4g}"
