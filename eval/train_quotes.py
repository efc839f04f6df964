"""Train (and cross-validate) the customer service's learned quote choice (``assistant/knowledge/quotes.py``).

Labels come from the suite: for each case with facts as gold (kinds ``answerable`` and
``adversarial``), a candidate sentence (every sentence of the 4 passages the service
retrieves for it) is positive when it holds one of the gold facts (case-insensitive). Cases
whose retrieved passages hold no gold fact teach nothing and are left out. The judged
questions (``examples``) are the training cases with the policy sentences holding their facts;
a training question's own split never counts for its ``judged_near`` feature, as a held-out
question's split is never in the model.

``--loso``: leave one split out — fit on the other splits, then the real service
(``ServiceEvaluator``, shipped router and memory) on the held-out split with the rules' quote
and with the learned one; one JSON line per fold and a Markdown table. Then (unless ``--out -``)
fits on all the splits and writes ``--out`` (default: the shipped
``assistant/knowledge/quotes.json``). Never give it the blind split::

    python -m eval.train_quotes --data-dir /tmp/home [--loso] [--splits dev … dev29] [--rescue off] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from assistant.knowledge.answer import quote_sentences
from assistant.knowledge.intent import classify, plain
from assistant.knowledge.memory import fingerprint
from assistant.knowledge.quotes import FEATURES, QuoteChooser, fit
from eval.service_eval import Case, ServiceEvaluator, load_cases, print_loso_table, TUNING_SPLITS
from retrieval.knowledge.passages import sentences

TUNING = TUNING_SPLITS
L2 = 1.0
SECOND = 0.5     # fixed before any run: the runner-up of the same passage at half the best's probability
NEAR = FEATURES.index("judged_near")
GRID = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)   # answer_at; 1.01: never answer what the rules hand off


def refuse_blind(names: Sequence[str]) -> None:
    """The blind split (and its file) is measured only: never trained on."""
    for name in names:
        if name == "blind" or "blind" in Path(str(name)).name:
            raise SystemExit(f"refusing {name!r}: the blind split is never trained on")


def facts_in(case: Case, sentence: str) -> bool:
    return any(f.lower() in sentence.lower() for f in case.gold)


def case_rows(service, base: QuoteChooser, cases: dict[str, list[Case]]) -> list[dict[str, Any]]:
    """Per answerable case: candidates, features (``judged_near`` filled per fold), labels, its question vector."""
    policy = [s for p in service.knowledge.passages().values() for s in sentences(p.text)]
    rows = []
    for split, group in cases.items():
        for case in group:
            intent = classify(case.text)
            if not isinstance(case.gold, list) and intent.kind != "policy":
                continue
            query, hits, relevant = service.retrieve(case.text, intent)
            rule = (quote_sentences(query, relevant[0].passage, closest=relevant[0].sentence) if relevant else [])
            candidates, x = service.quote_features(base, case.text, query, hits, relevant, rule)
            y = np.asarray([float(isinstance(case.gold, list) and facts_in(case, c.sentence)) for c in candidates])
            rows.append({"split": split, "case": case, "x": x, "y": y, "candidates": candidates,
                         "answers": [s for s in policy if isinstance(case.gold, list) and facts_in(case, s)],
                         "no_relevant": intent.kind == "policy" and not relevant,
                         "q": base.unit(service.knowledge.embedder.embed, [plain(case.text)])[0]})
    return rows


def with_near(rows: Sequence[dict[str, Any]], judged: Sequence[dict[str, Any]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each row's (features with ``judged_near`` from ``judged``, leaving out the row's own split; labels)."""
    judged = [j for j in judged if j["answers"]]
    matrix = np.stack([j["q"] for j in judged])
    split_of = np.asarray([j["split"] for j in judged])
    holders: dict[str, list[int]] = {}
    for k, j in enumerate(judged):
        for sentence in j["answers"]:
            holders.setdefault(sentence, []).append(k)
    out = []
    for row in rows:
        x = row["x"].copy()
        sims = np.where(split_of == row["split"], -np.inf, matrix @ row["q"])
        for i, c in enumerate(row["candidates"]):
            best = float(sims[holders[c.sentence]].max()) if c.sentence in holders else -np.inf
            x[i, NEAR] = best if np.isfinite(best) else 0.0
        out.append((x, row["y"]))
    return out


def train(rows: Sequence[dict[str, Any]], embedder: str, knowledge: str, splits: Sequence[str],
          rescue: bool = True) -> QuoteChooser:
    featured = with_near(rows, rows)
    groups = [g for g in featured if g[1].any()]
    coef = fit(groups, L2)
    examples = [[plain(r["case"].text), r["answers"]] for r in rows if r["answers"]]
    chooser = QuoteChooser(coef.tolist(), embedder, knowledge, SECOND, examples,
                           {"splits": list(splits), "questions": len(groups), "l2": L2,
                            "trained_by": "python -m eval.train_quotes"})
    chooser.answer_at = choose_answer_at(chooser, rows, featured) if rescue else GRID[-1]
    chooser.meta["answer_at_net"] = rescue_net(chooser, rows, featured, chooser.answer_at)
    return chooser


def rescue_net(chooser: QuoteChooser, rows: Sequence[dict[str, Any]], featured, at: float) -> int:
    """Over the rows the rules hand off for want of a relevant passage, answering at ``at``: +1 a right quote
    where the gold is facts, -1 where the gold is a hand-off (``judged_near`` leaves each row's split out)."""
    net = 0
    for row, (x, y) in zip(rows, featured):
        if not row["no_relevant"] or not len(x) or float(x[:, NEAR].max()) < at:
            continue
        if row["case"].gold == "handoff":
            net -= 1
        elif y.any() and any(y[i] for i in chooser.choose(x, row["candidates"])):
            net += 1
    return net


def choose_answer_at(chooser: QuoteChooser, rows: Sequence[dict[str, Any]], featured) -> float:
    """The grid value with the best net over the training rows (ties → the higher, 1.01 never answers)."""
    return max(GRID, key=lambda at: (rescue_net(chooser, rows, featured, at), at))


def top1(chooser: QuoteChooser, rows: Sequence[dict[str, Any]], judged: Sequence[dict[str, Any]]) -> tuple[int, int, int]:
    """(held-out questions with a positive candidate, the learned top sentence holds a fact, the rules' quote does)."""
    n = learned = rules = 0
    for row, (x, y) in zip(rows, with_near(rows, judged)):
        if not y.any():
            continue
        n += 1
        learned += int(any(y[i] for i in chooser.choose(x, row["candidates"])))
        rules += int(any(y[i] for i in range(len(y)) if row["x"][i, FEATURES.index("rule_quote")]))
    return n, learned, rules


def quoted_sentences(evaluator: ServiceEvaluator) -> float:
    policy = [r for r in evaluator.rows if r["answer_kind"] == "policy"]
    return round(float(np.mean([len(sentences(r["reply"].split("\n\nSource:")[0])) for r in policy])), 3) if policy else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train_quotes", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True, help="data directory with the demo policy (`shopguide index`)")
    parser.add_argument("--splits", nargs="+", default=list(TUNING), help="tuning splits (never the blind split)")
    parser.add_argument("--loso", action="store_true", help="leave-one-split-out evaluation first")
    parser.add_argument("--folds", nargs="+", help="with --loso: hold out only these splits (default: each)")
    parser.add_argument("--rescue", choices=["on", "off"], default="on",
                        help="off: never answer what the rules hand off for want of a relevant passage (ablation)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "assistant/knowledge/quotes.json"),
                        help="where to write the chooser trained on all the splits ('-': don't write)")
    args = parser.parse_args(argv)
    refuse_blind(args.splits + (args.folds or []))
    unknown = [s for s in args.splits if s not in TUNING]
    if unknown:
        parser.error(f"not tuning splits: {unknown}")
    from assistant.components import build_service
    from assistant.config import load_settings

    settings = load_settings(home=args.data_dir, overrides={"service.learned_quotes": False})
    service = build_service(settings)
    if service.knowledge is None or not service.knowledge.exists():
        parser.error(f"no shop knowledge in {args.data_dir}: run `shopguide --data-dir {args.data_dir} index`")
    embedder = service.knowledge.embedder.name
    knowledge = fingerprint(service.knowledge.passages())
    cases = {s: load_cases(None, s) for s in args.splits}
    base = QuoteChooser([0.0] * len(FEATURES), embedder, knowledge, SECOND, [])
    print(f"features for {sum(len(c) for c in cases.values())} cases ({embedder})…", file=sys.stderr)
    rows = case_rows(service, base, cases)
    if args.loso:
        table = []
        for held in args.folds or args.splits:
            train_rows = [r for r in rows if r["split"] != held]
            held_rows = [r for r in rows if r["split"] == held]
            chooser = train(train_rows, embedder, knowledge, [s for s in args.splits if s != held],
                            args.rescue == "on")
            n, learned, rules = top1(chooser, held_rows, train_rows)
            service.quoter = None
            ev = ServiceEvaluator(cases[held])
            before = ev(service)
            before["quoted_sentences"] = quoted_sentences(ev)
            service.quoter = chooser
            after = ev(service)
            after["quoted_sentences"] = quoted_sentences(ev)
            line = {"held_out": held, "n": len(cases[held]), "offline_top1": [n, rules, learned],
                    "answer_at": chooser.answer_at, "answer_at_train_net": chooser.meta["answer_at_net"],
                    "rules": before, "learned": after}
            table.append(line)
            print(json.dumps(line), flush=True)
        service.quoter = None
        for t in table:
            t["offline"] = " / ".join(map(str, t["offline_top1"]))
        print_loso_table(table, "| held out | n | offline: questions / rules hold a fact / learned | rules: acc / h-recall / "
                         "h-precision / invented | learned quote | sentences quoted rules → learned |",
                         ("rules", "learned"), "offline",
                         lambda t: f"{t['rules']['quoted_sentences']} → {t['learned']['quoted_sentences']}")
    if args.out != "-":
        chooser = train(rows, embedder, knowledge, args.splits, args.rescue == "on")
        chooser.save(args.out)
        print(f"wrote {args.out} ({chooser.meta['questions']} questions, {len(chooser.examples)} judged)",
              file=sys.stderr)
    return 0


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
