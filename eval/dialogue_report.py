"""Dialogue suites under several understanding modes, side by side, in one Markdown table.

Each column is one (mode, suite) run of the harness (``eval.harness.run_suite``) with a fresh
assistant; rows are the dialogue metrics (act and answer accuracy, the list kept on
questions, slot F1, constraint violations). A mode the build cannot apply (no
``understanding.mode`` setting yet) is run with the default interpreter and its column is
marked ``(not applied)``, so identical columns are never mistaken for a measurement.

    python -m eval.dialogue_report --home /tmp/copy-of-shopguide-home \\
        --suite dialogue --suite dialogue-blind --suite pets=/tmp/pets-home \\
        --modes rules,hybrid,llm --out runs/dialogue

``--suite NAME[=HOME]`` runs NAME on HOME's index (default: ``--home``). ``--reply`` also
writes the LLM text (slower; grounding metrics); by default turns run with ``reply=False``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROWS = (
    ("act_accuracy", "act accuracy"),
    ("act_target_accuracy", "act target (positions) accuracy"),
    ("answer_accuracy", "answer accuracy (verdict + fact)"),
    ("answer_turns", "answer turns scored"),
    ("answer_unresolved", "answer turns unresolved ($shown[N] missing)"),
    ("answer_accuracy.yes", "answer accuracy, gold yes"),
    ("answer_accuracy.no", "answer accuracy, gold no"),
    ("answer_accuracy.value", "answer accuracy, gold value"),
    ("answer_accuracy.unknown", "answer accuracy, gold unknown (the catalog doesn't say)"),
    ("answer_fail.missing", "wrong answers: no answer (not read as a product question)"),
    ("answer_fail.product", "wrong answers: another product"),
    ("answer_fail.verdict", "wrong answers: right product, wrong verdict"),
    ("answer_fail.fact", "wrong answers: right verdict, deciding fact missing"),
    ("list_unchanged_rate", "list kept when it should be"),
    ("slot_f1", "slot F1"),
    ("hard_constraint_accuracy", "hard-constraint accuracy"),
    ("constraint_violation_rate", "shown products violating a constraint"),
    ("acts_missing", "turns without any acts from the assistant"),
    ("act_turns", "act turns"),
    ("errors", "backend errors"),
    ("seconds_per_turn", "seconds per turn (wall clock)"),
)


def render_table(columns: list[dict[str, Any]]) -> str:
    """``[{"mode", "suite", "applied", "metrics"}]`` → a Markdown table (metrics as rows).

    >>> print(render_table([{"mode": "rules", "suite": "dev", "applied": True, "metrics": {"act_accuracy": 0.5}}]))
    | metric | rules · dev |
    |---|---|
    | act accuracy | 0.500 |
    """
    heads = [f"{c['mode']} · {c['suite']}" + ("" if c.get("applied") is not False else " (not applied)")
             for c in columns]
    lines = ["| metric | " + " | ".join(heads) + " |", "|---|" + "---|" * len(columns)]
    for key, label in ROWS:
        values = [c["metrics"].get(key) for c in columns]
        if all(v is None for v in values):
            continue
        cells = ["–" if v is None else (f"{v:.0f}" if key.endswith(("_turns", "missing", "unresolved", "errors")) or key.startswith("answer_fail.")
                                        else f"{v:.1f}" if key == "seconds_per_turn" else f"{v:.3f}")
                 for v in values]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _suite_specs(raw: list[str], home: str | None) -> list[tuple[str, str | None]]:
    out = []
    for item in raw:
        name, _, suite_home = item.partition("=")
        out.append((name, suite_home or home))
    return out


def run_column(suite_name: str, home: str | None, mode: str, args: argparse.Namespace) -> dict[str, Any]:
    """One harness run of ``suite_name`` on ``home``'s index with understanding ``mode``."""
    from assistant import Assistant
    from assistant.components import build_components
    from assistant.sessions import SessionStore
    from eval.cli import load_eval_settings
    from eval.conversations import load_suite
    from eval.harness import RunOptions, run_suite

    overrides = {"llm.backend": args.llm, "llm.model": args.llm_model, "llm.base_url": args.llm_url,
                 "embedder": args.embedder}
    settings, applied = load_eval_settings(home, overrides, None if mode == "default" else mode)
    suite = load_suite(suite_name)
    if args.limit:
        # the first N conversations in file order: a reproducible slice for slow (real-LLM) modes
        suite.conversations = suite.conversations[:args.limit]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="shopguide-dialogue-") as tmp:
        index, llm, _, ranker = build_components(settings)
        bot = Assistant(settings, index, llm, SessionStore(Path(tmp) / "sessions.sqlite"), ranker)
        if args.reply:
            bot.warm_up()
        result = run_suite(bot, suite, RunOptions(reply=args.reply))
        bot.sessions.close()
    seconds = time.perf_counter() - started
    turns = max(1, len(result.turns))
    metrics = {**result.metrics, "seconds_per_turn": seconds / turns}
    return {"mode": mode, "suite": suite_name, "home": str(settings.home), "applied": applied,
            "conversations": len(suite.conversations), "turns": len(result.turns),
            "seconds": round(seconds, 1), "metrics": metrics,
            "failures": [{"conversation": t["conversation"], "turn": t["turn"], "user": t["user"],
                          "acts": t.get("acts"), "answer": t.get("answer"), "failures": t["failures"]}
                         for t in result.turns if t.get("failures")]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.dialogue_report", description=__doc__.split("\n")[0])
    parser.add_argument("--home", default=None, help="data dir with the demo index (default: $SHOPGUIDE_HOME)")
    parser.add_argument("--suite", action="append", default=None, metavar="NAME[=HOME]",
                        help="suite to run, optionally on another data dir (default: dialogue, dialogue-blind)")
    parser.add_argument("--modes", default="rules,hybrid,llm", help="comma-separated understanding modes "
                                                                    "(rules, hybrid, llm, default)")
    parser.add_argument("--reply", action="store_true", help="also generate the reply text (slow with a real LLM)")
    parser.add_argument("--llm", default=None, help="LLM backend override (transformers, openai, fake)")
    parser.add_argument("--llm-model", default=None)
    parser.add_argument("--llm-url", default=None)
    parser.add_argument("--embedder", default=None)
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="only the first N conversations of each suite (a slice for slow real-LLM modes)")
    parser.add_argument("--out", default=None, help="folder for report.md and columns.json")
    args = parser.parse_args(argv)
    specs = _suite_specs(args.suite or ["dialogue", "dialogue-blind"], args.home)
    columns = []
    for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
        for name, home in specs:
            print(f"running {name} with understanding={mode} on {home or '$SHOPGUIDE_HOME'}", file=sys.stderr)
            columns.append(run_column(name, home, mode, args))
    table = render_table(columns)
    print(table)
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.md").write_text(f"# Dialogue suites\n\n{table}\n", encoding="utf-8")
        (out / "columns.json").write_text(json.dumps(columns, indent=1, ensure_ascii=False, default=str),
                                          encoding="utf-8")
        print(f"wrote {out}/report.md and {out}/columns.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
