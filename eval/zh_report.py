"""Chinese next to English in one report (issue 16): conversation suites and cross-lingual search.

Rows, each measured by the same harness (``eval.harness.run_suite``, no LLM text) on the demo
catalog with the rules interpreter:

* ``portrait-zh`` (dev, tuned on), ``portrait-zh-blind`` (measured once, then seen) and
  ``portrait-zh-blind2`` (never tuned on) beside the English
  ``portrait`` and ``dialogue`` / ``dialogue-blind`` suites: slot F1, hard-constraint accuracy,
  act accuracy, the list kept on questions, and **hard-constraint violations**: shown products
  (not labelled as alternatives) that break the gold budget or an excluded brand.
* Gold hard constraints come from the gold portraits, not from the assistant: the gold budget
  in the shopper's currency (``currency:``) times the data dir's ``[currency]`` rate (a budget
  in a currency without a rate gives no price constraint), and the gold excluded brands. A
  turn whose gold refers to shown products gets the constraints the harness resolves, or none.
* Cross-lingual search: 30 Icecat dev queries translated by hand
  (``eval/suites/crosslingual/icecat_dev_zh.jsonl``), each run as a first chat turn in English
  and in Chinese over the Icecat index, nDCG@10 against the English judgments (unjudged = 0,
  and judged-only). Needs ``--icecat-home`` and ``../shared/data``; skipped with a reason
  otherwise. Plus the demo category accuracy of ``eval.crosslingual`` (30 parallel queries).

The done-when checks of the issue are computed, not asserted: Chinese slot F1 and
hard-constraint accuracy within 0.05 of the English portrait suite's, and 0 violations.

    python -m eval.zh_report --home /tmp/demo-copy --icecat-home /tmp/icecat-copy --out runs/zh
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

import yaml

from eval.conversations import Suite, load_suite, resolve_suite_path
from eval.harness import RunOptions, run_suite
from eval.schema import Constraints

PRIMARY_METRIC = "zh_slot_f1"
ZH_SUITES = ("portrait-zh", "portrait-zh-blind", "portrait-zh-blind2")
EN_SUITES = ("portrait", "dialogue", "dialogue-blind")
ICECAT_QUERIES = Path(__file__).resolve().parent / "suites" / "crosslingual" / "icecat_dev_zh.jsonl"
TOLERANCE = 0.05     # the "within 0.05 of the English suite"
ROWS = (("slot_f1", "slot F1"), ("hard_constraint_accuracy", "hard-constraint accuracy"),
        ("act_accuracy", "act accuracy"), ("act_target_accuracy", "act target (positions) accuracy"),
        ("list_unchanged_rate", "list kept when it should be"),
        ("hard_constraint_violations", "hard-constraint violations (shown products)"),
        ("constraint_turns", "turns with a gold hard constraint"), ("slot_turns", "portrait turns"),
        ("act_turns", "act turns"), ("turns", "turns"))


# -- gold hard constraints ---------------------------------------------------------------------
def gold_constraints(raw_portrait: dict[str, Any] | None, rates: dict[str, float], catalog: str,
                     shown_refs: dict[str, Any] | None = None) -> Constraints | None:
    """The hard constraints a gold portrait states, in catalog currency; None when it states none.

    >>> gold_constraints({"budget": {"max": 300, "currency": "CNY"}}, {"CNY": 0.137}, "USD").max_price
    41.1
    >>> gold_constraints({"budget": {"max": 300, "currency": "CNY"}}, {}, "USD") is None
    True
    >>> gold_constraints({"brands": {"excluded": ["Nordvik", "$shown[1].brand"]}}, {}, "USD").brands_excluded
    ('Nordvik',)
    """
    if raw_portrait is None:
        return None
    budget = raw_portrait.get("budget") or {}
    currency = str(budget.get("currency") or catalog)
    rate = 1.0 if currency == catalog else rates.get(currency)
    lo = hi = None
    if rate is not None and not set(shown_refs or {}) & {"budget.min", "budget.max"}:
        lo = None if budget.get("min") is None else round(float(budget["min"]) * float(rate), 2)
        hi = None if budget.get("max") is None else round(float(budget["max"]) * float(rate), 2)
    brands = tuple(str(b) for b in (raw_portrait.get("brands") or {}).get("excluded") or []
                   if not str(b).startswith("$"))
    if lo is None and hi is None and not brands:
        return None
    return Constraints(max_price=hi, min_price=lo, brands_excluded=brands)


def with_gold_constraints(suite: Suite, rates: dict[str, float], catalog: str) -> Suite:
    """``suite`` with each turn's derived hard constraints (turns that state their own keep them)."""
    raw: dict[str, list[dict[str, Any]]] = {}
    for file in ([suite.path] if suite.path.is_file() else sorted(suite.path.rglob("*.y*ml"))):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        for conv in data if isinstance(data, list) else []:
            raw[str(conv["id"])] = [t.get("expect") or {} for t in conv.get("turns") or []]
    convs = []
    for conv in suite.conversations:
        turns = []
        stated = catalog      # a gold budget without `currency:` keeps the one stated earlier in the chat
        for i, turn in enumerate(conv.turns):
            expect = raw.get(conv.id, [])[i] if i < len(raw.get(conv.id, [])) else {}
            portrait = expect.get("portrait")
            budget = dict((portrait or {}).get("budget") or {})
            if budget.get("min") is None and budget.get("max") is None:
                stated = catalog
            elif budget.get("currency"):
                stated = str(budget["currency"])
            elif portrait is not None:
                portrait = {**portrait, "budget": {**budget, "currency": stated}}
            if turn.expect.constraints is None:
                c = gold_constraints(portrait, rates, catalog, expect.get("shown_refs"))
                if c is not None:
                    turn = dataclasses.replace(turn, expect=dataclasses.replace(turn.expect, constraints=c))
            turns.append(turn)
        convs.append(dataclasses.replace(conv, turns=tuple(turns)))
    return dataclasses.replace(suite, conversations=convs)


# -- conversation suites ------------------------------------------------------------------------
def run_conversations(name: str, assistant_factory: Callable[[], Any], limit: int | None = None,
                      seed: int = 0) -> dict[str, Any]:
    """One suite through the harness; metrics plus the violating and wrong turns (for the report)."""
    bot = assistant_factory()
    currency = bot.settings.currency
    suite = with_gold_constraints(load_suite(resolve_suite_path(name)), dict(currency.rates), currency.catalog)
    result = run_suite(bot, suite, RunOptions(limit=limit, seed=seed, reply=False, progress=False))
    m = dict(result.metrics)
    violations = [f"{r['conversation']} turn {r['turn'] + 1}: {f}" for r in result.turns for f in r["failures"]
                  if " violates: " in f]
    m["hard_constraint_violations"] = float(len(violations))
    m["constraint_turns"] = float(sum(1 for c in suite.conversations for t in c.turns
                                      if t.expect.constraints is not None))
    m["turns"] = float(len(result.turns))
    wrong = [{"id": r["conversation"], "turn": r["turn"] + 1, "user": r["user"], "failures": r["failures"]}
             for r in result.turns if r["failures"]]
    return {"suite": name, "metrics": m, "violations": violations, "wrong_turns": wrong}


# -- cross-lingual search -----------------------------------------------------------------------
def crosslingual_ndcg(assistant, rows: list[dict[str, str]], judgments: dict[str, dict[str, float]],
                      k: int = 10) -> dict[str, Any]:
    """nDCG@k of each query in English and in Chinese against the English query's judgments."""
    from eval.judged import rank_query
    from retrieval.ranking.metrics import mean, ndcg_at_k

    records = []
    for row in rows:
        grades = judgments[row["query"]]
        rec: dict[str, Any] = {"query": row["query"], "zh": row["zh"]}
        for lang, text in (("en", row["query"]), ("zh", row["zh"])):
            _, ranked = rank_query(assistant, text)
            rec[f"{lang}_ndcg@{k}"] = ndcg_at_k(ranked, grades, k)
            rec[f"{lang}_ndcg@{k}_judged_only"] = ndcg_at_k(ranked, grades, k, judged_only=True)
            rec[f"{lang}_top"] = ranked[:k]
        records.append(rec)
    keys = [key for key in records[0] if key.endswith(("@10", "_judged_only"))] if records else []
    metrics = {key: mean([r[key] for r in records]) for key in keys}
    metrics["queries"] = float(len(records))
    metrics["zh_zero_queries"] = float(sum(1 for r in records if r[f"zh_ndcg@{k}"] == 0.0))
    metrics["en_zero_queries"] = float(sum(1 for r in records if r[f"en_ndcg@{k}"] == 0.0))
    return {"metrics": metrics, "queries": records}


def load_icecat_rows(path: Path = ICECAT_QUERIES, limit: int | None = None) -> list[dict[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


# -- the report ---------------------------------------------------------------------------------
def done_when(suites: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The issue's checks, computed from the rows (never asserted here)."""
    en = suites.get("portrait", {}).get("metrics", {})
    out: dict[str, Any] = {"tolerance": TOLERANCE}
    for name in ZH_SUITES:
        zh = suites.get(name, {}).get("metrics")
        if not zh or not en:
            continue
        for key in ("slot_f1", "hard_constraint_accuracy"):
            gap = en.get(key, 0.0) - zh.get(key, 0.0)
            out[f"{name}.{key}_gap"] = round(gap, 4)
            out[f"{name}.{key}_within"] = gap <= TOLERANCE
        out[f"{name}.zero_violations"] = zh.get("hard_constraint_violations", 0.0) == 0.0
    return out


def render_markdown(report: dict[str, Any]) -> str:
    suites = report["suites"]
    names = [n for n in (*ZH_SUITES, *EN_SUITES) if n in suites]
    lines = ["# Chinese next to English (issue 16)", "",
             f"Demo data dir: `{report['home']}` (rules interpreter, no LLM text; rates: {report['rates']}).", "",
             "| metric | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for key, label in ROWS:
        values = [suites[n]["metrics"].get(key) for n in names]
        if all(v is None for v in values):
            continue
        cells = ["–" if v is None else (f"{v:.0f}" if key.endswith(("turns", "violations")) else f"{v:.3f}")
                 for v in values]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "`portrait-zh` is the dev split (tuned on). `portrait-zh-blind` was measured once, then its failures "
              "were seen and the tables broadened (it is no longer blind); `portrait-zh-blind2` was written before that "
              "broadening and never tuned on.", ""]
    checks = report.get("done_when") or {}
    if checks:
        lines += ["## Done-when checks (against the English `portrait` suite)", ""]
        lines += [f"- {k}: {v}" for k, v in checks.items() if k != "tolerance"]
        lines.append("")
    cross = report.get("crosslingual") or {}
    if "icecat" in cross:
        m = cross["icecat"]["metrics"]
        lines += ["## Cross-lingual search: 30 Icecat dev queries, English vs Chinese (hand-translated)", "",
                  f"Index: `{cross['icecat_home']}` (embedder `{cross.get('icecat_embedder')}`); nDCG@10 against the "
                  "English judgments.", "", "| | English | Chinese |", "|---|---|---|",
                  f"| nDCG@10 (unjudged = 0) | {m['en_ndcg@10']:.3f} | {m['zh_ndcg@10']:.3f} |",
                  f"| nDCG@10 judged only | {m['en_ndcg@10_judged_only']:.3f} | {m['zh_ndcg@10_judged_only']:.3f} |",
                  f"| queries with nDCG 0 | {m['en_zero_queries']:.0f} | {m['zh_zero_queries']:.0f} |", ""]
    elif cross.get("icecat_skipped"):
        lines += [f"Cross-lingual Icecat: not run ({cross['icecat_skipped']}).", ""]
    if "demo_category" in cross:
        d = cross["demo_category"]
        lines += ["## Category slot on 30 parallel demo queries (`eval.crosslingual`)", "",
                  f"zh accuracy {d['zh_category_accuracy']:.3f} (wrong category {d['zh_wrong_category_rate']:.3f}); "
                  f"en accuracy {d['en_category_accuracy']:.3f} (wrong {d['en_wrong_category_rate']:.3f})", ""]
    for name in names:
        bad = suites[name].get("violations") or []
        if bad:
            lines += [f"Violations in {name}:", *[f"- {v}" for v in bad], ""]
    return "\n".join(lines) + "\n"


def build_report(home: str | Path, suites: tuple[str, ...] = (*ZH_SUITES, *EN_SUITES), limit: int | None = None,
                 icecat_home: str | Path | None = None, icecat_limit: int | None = None,
                 assistant_factory: Callable[[str | Path], Any] | None = None) -> dict[str, Any]:
    """Every row of the report as one JSON-able mapping (``assistant_factory(home)`` → an Assistant)."""
    from eval.portrait_eval import build_assistant

    factory = assistant_factory or (lambda h: build_assistant(h, use_llm=False))
    started = time.perf_counter()
    report: dict[str, Any] = {"primary_metric": PRIMARY_METRIC, "home": str(home), "suites": {}, "crosslingual": {}}
    for name in suites:
        report["suites"][name] = run_conversations(name, lambda: factory(home), limit=limit)
    bot = factory(home)
    report["rates"] = dict(bot.settings.currency.rates)
    from eval.crosslingual import evaluate as category_accuracy

    report["crosslingual"]["demo_category"] = category_accuracy(bot.vocabulary)
    if icecat_home is not None:
        from eval.judged import SHARED_DATA, load_judgments

        judgments_path = SHARED_DATA / "icecat" / "judgments-dev.csv"
        if not judgments_path.exists():
            report["crosslingual"]["icecat_skipped"] = f"{judgments_path} is absent"
        else:
            icecat = factory(icecat_home)
            rows = load_icecat_rows(limit=icecat_limit)
            report["crosslingual"]["icecat"] = crosslingual_ndcg(icecat, rows, load_judgments(judgments_path))
            report["crosslingual"]["icecat_home"] = str(icecat_home)
            report["crosslingual"]["icecat_embedder"] = icecat.settings.embedder
    else:
        report["crosslingual"]["icecat_skipped"] = "no --icecat-home given"
    report["done_when"] = done_when(report["suites"])
    zh = report["suites"].get("portrait-zh", {}).get("metrics", {})
    report["metrics"] = {f"zh_{k}": v for k, v in zh.items() if isinstance(v, float)}
    report["seconds"] = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.zh_report", description=__doc__.split("\n")[0])
    parser.add_argument("--home", required=True, help="a COPY of a data dir with the demo index (and its config.toml "
                        "with the [currency] sample rates)")
    parser.add_argument("--icecat-home", default=None, help="a copy of a data dir with the Icecat index (optional)")
    parser.add_argument("--out", required=True, help="folder for zh_report.json and zh_report.md")
    parser.add_argument("--suite", action="append", default=None,
                        help=f"suites to run (default: {', '.join((*ZH_SUITES, *EN_SUITES))})")
    parser.add_argument("--limit", type=int, default=None, help="at most N conversations per suite")
    parser.add_argument("--icecat-limit", type=int, default=None, help="at most N of the 30 Icecat queries")
    args = parser.parse_args(argv)
    report = build_report(args.home, tuple(args.suite or (*ZH_SUITES, *EN_SUITES)), args.limit,
                          args.icecat_home, args.icecat_limit)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "zh_report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    (out / "zh_report.md").write_text(render_markdown(report), encoding="utf-8")
    print(render_markdown(report))
    print(f"wrote {out / 'zh_report.json'}, {out / 'zh_report.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
