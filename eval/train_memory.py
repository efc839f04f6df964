"""Build (and cross-validate) the customer service's question memory (``assistant/knowledge/memory.py``).

Judged questions come from the tuning splits of the customer-service suite, all written
against the demo policy: kind ``unanswerable`` with gold ``handoff`` → unanswered; kinds
``answerable`` and ``adversarial`` with facts as gold → answered. Hand-off requests and order
questions are not judgements about the knowledge and are left out.

``--loso``: leave one split out — the memory of the other splits, its threshold chosen inside
them (their own leave-one-split-out, simulated on the service's replies without the memory:
a policy reply becomes a hand-off when the nearest judged question is unanswered at the
threshold; best net = hand-offs gained where gold is a hand-off minus right answers lost, ties
→ the higher threshold), then the real service on the held-out split without and with it;
one JSON line per fold and a Markdown table. Then (unless ``--out -``) builds the memory of
all the splits and writes it (default: the shipped ``assistant/knowledge/memory.json``). The
service runs with its shipped router, as in production. Never give it the blind split::

    python -m eval.train_memory --data-dir /tmp/home [--loso] [--splits dev … dev29] [--suite A.jsonl B.jsonl]
                                [--learned-router on|off]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from assistant.knowledge.intent import plain
from assistant.knowledge.memory import QuestionMemory, fingerprint
from eval.service_eval import Case, ServiceEvaluator, correct, load_cases, print_loso_table, TUNING_SPLITS

TUNING = TUNING_SPLITS
MARGINS = (0.0, 0.02, 0.04, 0.06, 0.08, 0.1)   # an unanswered question this much less similar than an answered one
GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.01)   # 1.01: never


def judgement(case: Case) -> str | None:
    """``answered`` / ``unanswered`` / ``None`` (not a judgement about the knowledge)."""
    if case.kind == "unanswerable" and case.gold == "handoff":
        return "unanswered"
    if case.kind in ("answerable", "adversarial") and isinstance(case.gold, list):
        return "answered"
    return None


def case_rows(service, cases: Sequence[Case]) -> list[dict[str, Any]]:
    """Per case: unit embedding, judgement, and the service's reply without the memory."""
    vectors = np.asarray(service.knowledge.embedder.embed([plain(c.text) for c in cases]), dtype=float)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    rows = []
    for case, vector in zip(cases, vectors):
        answer = service.answer(case.text, session_id=case.id)
        rows.append({"case": case, "x": vector, "judgement": judgement(case), "policy": answer.kind == "policy",
                     "ok": correct(case, answer), "handoff": answer.handoff is not None})
    return rows


def effects(memory_rows: Sequence[dict[str, Any]], rows: Sequence[dict[str, Any]]) -> list[tuple[float, float, int]]:
    """For each policy reply of ``rows``: (similarity of the nearest unanswered judged question, of the nearest
    answered one (-1 when none); +1 a hand-off gained where gold is one, -1 a right answer lost, 0 neither)."""
    judged = [r for r in memory_rows if r["judgement"]]
    unans = [r for r in judged if r["judgement"] == "unanswered"]
    ans = [r for r in judged if r["judgement"] == "answered"]
    if not unans:
        return []
    mu = np.stack([r["x"] for r in unans])
    ma = np.stack([r["x"] for r in ans]) if ans else None
    out = []
    for row in rows:
        if not row["policy"]:
            continue
        u = float((mu @ row["x"]).max())
        a = float((ma @ row["x"]).max()) if ma is not None else -1.0
        gain = 1 if row["case"].gold == "handoff" and not row["handoff"] else -1 if row["ok"] else 0
        out.append((u, a, gain))
    return out


def fires(u: float, a: float, threshold: float, margin: float) -> bool:
    """``QuestionMemory.uncovered`` on precomputed similarities."""
    return u >= threshold and (u > a or (margin > 0 and u >= a - margin))


def net(effect: Sequence[tuple[float, float, int]], threshold: float, margin: float = 0.0) -> int:
    return sum(g for u, a, g in effect if fires(u, a, threshold, margin))


def choose_threshold(by_split: dict[str, list[dict[str, Any]]], margins: Sequence[float] = (0.0,)) -> tuple[float, float]:
    """Leave one split out inside ``by_split``; the (threshold, margin) of the grid with the best summed net (ties →
    the higher threshold, then the smaller margin)."""
    folds = []
    for held in by_split:
        others = [r for s, rs in by_split.items() if s != held for r in rs]
        folds.append(effects(others, by_split[held]))
    grid = [(t, m) for t in GRID for m in margins]
    return max(grid, key=lambda tm: (sum(net(e, *tm) for e in folds), tm[0], -tm[1]))


def memory_from(rows: Sequence[dict[str, Any]], threshold: float, embedder: str, knowledge: str,
                splits: Sequence[str], margin: float = 0.0) -> QuestionMemory:
    answered = list(dict.fromkeys(r["case"].text for r in rows if r["judgement"] == "answered"))
    unanswered = list(dict.fromkeys(r["case"].text for r in rows if r["judgement"] == "unanswered"))
    return QuestionMemory(answered, unanswered, embedder, knowledge, threshold,
                          {"splits": list(splits), "trained_by": "python -m eval.train_memory"}, margin)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train_memory", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True, help="data directory with the demo policy (`shopguide index`)")
    parser.add_argument("--splits", nargs="+", default=list(TUNING), choices=list(TUNING),
                        help="tuning splits (the blind split is never accepted)")
    parser.add_argument("--suite", nargs="+", help="these .jsonl files instead (one split each)")
    parser.add_argument("--loso", action="store_true", help="leave-one-split-out evaluation first")
    parser.add_argument("--folds", nargs="+", help="with --loso: hold out only these splits (default: each)")
    parser.add_argument("--learned-router", choices=["on", "off"], default="on",
                        help="the service's learned router while judging and measuring (default on, as shipped)")
    parser.add_argument("--margins", nargs="+", type=float, default=list(MARGINS),
                        help="margins tried with each threshold (0 only: the nearest judged question decides)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "assistant/knowledge/memory.json"),
                        help="where to write the memory of all the splits ('-': don't write)")
    args = parser.parse_args(argv)
    from assistant.components import build_service
    from assistant.config import load_settings

    settings = load_settings(home=args.data_dir, overrides={"service.question_memory": False,
                                                            "service.learned_router": args.learned_router == "on"})
    service = build_service(settings)
    if service.knowledge is None or not service.knowledge.exists():
        parser.error(f"no shop knowledge in {args.data_dir}: run `shopguide --data-dir {args.data_dir} index`")
    embedder = service.knowledge.embedder.name
    knowledge = fingerprint(service.knowledge.passages())
    names = args.suite or args.splits
    cases = {s: load_cases(s if args.suite else None, s) for s in names}
    print(f"replies for {sum(len(c) for c in cases.values())} cases ({embedder})…", file=sys.stderr)
    rows = {s: case_rows(service, c) for s, c in cases.items()}
    if args.loso:
        table = []
        for held in args.folds or names:
            train = {s: r for s, r in rows.items() if s != held}
            threshold, margin = choose_threshold(train, args.margins)
            before = ServiceEvaluator(cases[held])(service)
            service.memory = memory_from([r for rs in train.values() for r in rs], threshold, embedder, knowledge,
                                         list(train), margin)
            after = ServiceEvaluator(cases[held])(service)
            service.memory = None
            line = {"held_out": held, "n": len(cases[held]), "threshold": f"{threshold} / {margin}",
                    "simulated_net": net(effects([r for rs in train.values() for r in rs], rows[held]), threshold,
                                         margin),
                    "without": before, "with": after}
            table.append(line)
            print(json.dumps(line), flush=True)
        print_loso_table(table, "| held out | n | threshold / margin | without: acc / recall / precision / invented | with memory | "
                         "unanswerable without → with |", ("without", "with"), "threshold",
                         lambda t: f"{t['without'].get('accuracy_unanswerable', 0):.3f} → "
                                   f"{t['with'].get('accuracy_unanswerable', 0):.3f}")
    if args.out != "-":
        threshold, margin = choose_threshold(rows, args.margins) if len(rows) > 1 else (GRID[-1], 0.0)
        memory = memory_from([r for rs in rows.values() for r in rs], threshold, embedder, knowledge, names, margin)
        memory.save(args.out)
        print(f"wrote {args.out} ({len(memory.answered)} answered, {len(memory.unanswered)} unanswered, "
              f"threshold {threshold}, margin {margin})", file=sys.stderr)
    return 0


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
