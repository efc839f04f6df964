"""Train (and cross-validate) the customer service's learned router (``assistant/knowledge/router.py``).

Labels come from the suite: gold ``handoff`` → handoff, ``ask_order`` → ask_order, kind
``order_number`` → order, every other case (answerable, adversarial with a fact) → answer.
Features: the question's embedding (the data directory's embedder), the best passage
similarity, order number / e-mail present, a rule-changing message (``router.py``).

``--loso``: leave one split out over the given tuning splits — train on the others, choose
the override threshold inside them (their own leave-one-split-out, simulated from the rules'
replies), then run the real service on the held-out split with the rules alone and with the
router; prints one JSON line per fold and a Markdown table. Without ``--loso`` (or after
it) trains on all the splits and writes ``--out`` (default: the shipped
``assistant/knowledge/router.json``). Never give it the blind split::

    python -m eval.train_router --data-dir /tmp/home [--loso] [--splits dev … dev29] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from assistant.knowledge.intent import ShopIntent, classify, plain
from assistant.knowledge.router import GROUPS, LearnedRouter, fit
from eval.service_eval import Case, ServiceEvaluator, correct, load_cases, TUNING_SPLITS

TUNING = TUNING_SPLITS
GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)   # 1.01: never override
L2 = 1.0


def label(case: Case) -> str:
    if case.gold == "handoff" and case.kind != "order_number":
        return "handoff"
    if case.gold == "ask_order":
        return "ask_order"
    return "order" if case.kind == "order_number" else "answer"


def case_rows(service, cases: Sequence[Case]) -> list[dict[str, Any]]:
    """Per case: the features, the label, the rules' reply outcome and the policy path's outcome."""
    rows = []
    vectors = service.knowledge.embedder.embed([plain(c.text) for c in cases])
    for case, vector in zip(cases, vectors):
        intent = classify(case.text)
        found = service.search(service._query(case.text, intent), 1)
        has_order = bool(intent.order_id or intent.email)
        rules = service.answer(case.text, session_id=case.id)
        policy = service._policy(case.text, ShopIntent("policy", intent.injection), ([case.text], {}, (), case.id))
        rows.append({"case": case, "label": label(case), "kind": intent.kind, "has_order": has_order,
                     "x": LearnedRouter.features(vector, found[0].dense if found else None, has_order,
                                                 intent.injection),
                     "rules_group": rules_group(rules, has_order), "rules_ok": correct(case, rules), "rules_handoff": rules.handoff is not None,
                     "policy_ok": correct(case, policy), "policy_handoff": policy.handoff is not None})
    return rows


def rules_group(answer, has_order: bool) -> str:
    """The rules' decision as a router group (an order the tool could not find is still an order look-up)."""
    if answer.kind in ("order", "ask_order"):
        return answer.kind
    if answer.kind == "handoff":
        return "order" if has_order and answer.handoff.reason.value.startswith("order") else "handoff"
    return "answer"


def train(rows: Sequence[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    return fit(np.stack([r["x"] for r in rows]), [r["label"] for r in rows], GROUPS, l2=L2)


def probs(model: tuple[np.ndarray, np.ndarray], rows: Sequence[dict[str, Any]]) -> np.ndarray:
    w, b = model
    z = np.stack([r["x"] for r in rows]) @ w.T + b
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def combined(row: dict[str, Any], p: np.ndarray, threshold: float) -> tuple[bool, bool]:
    """(correct, handed off) of the rules + router, as ``CustomerService._second_opinion`` decides."""
    group, conf = GROUPS[int(p.argmax())], float(p.max())
    gold = row["case"].gold
    if row["has_order"] or row["kind"] not in ("policy", "order") or conf < threshold:
        return row["rules_ok"], row["rules_handoff"]
    if row["kind"] == "policy" and group == "handoff":
        return gold == "handoff", True
    if row["kind"] == "policy" and group in ("order", "ask_order"):
        return gold == "ask_order", False
    if row["kind"] == "order" and group == "answer":
        return row["policy_ok"], row["policy_handoff"]
    return row["rules_ok"], row["rules_handoff"]


def score(rows: Sequence[dict[str, Any]], p: np.ndarray, threshold: float) -> float:
    """Answerable accuracy + hand-off recall of the combination (the selection criterion)."""
    out = [combined(r, pi, threshold) for r, pi in zip(rows, p)]
    ans = [o[0] for r, o in zip(rows, out) if r["case"].gold != "handoff"]
    rec = [o[1] for r, o in zip(rows, out) if r["case"].gold == "handoff"]
    return (sum(ans) / max(len(ans), 1)) + (sum(rec) / max(len(rec), 1))


def choose_threshold(by_split: dict[str, list[dict[str, Any]]]) -> float:
    """Leave one split out inside ``by_split``: out-of-fold probabilities, then the best grid threshold
    (ties → the higher, the more conservative)."""
    oof_rows, oof_p = [], []
    for held in by_split:
        train_rows = [r for s, rs in by_split.items() if s != held for r in rs]
        oof_rows += by_split[held]
        oof_p.append(probs(train(train_rows), by_split[held]))
    p = np.concatenate(oof_p)
    best = max(GRID, key=lambda t: (round(score(oof_rows, p, t), 6), t))
    return best


def router_from(model, threshold: float, embedder: str, splits: Sequence[str], n: int) -> LearnedRouter:
    w, b = model
    return LearnedRouter(list(GROUPS), w.tolist(), b.tolist(), embedder, threshold,
                         {"splits": list(splits), "examples": n, "l2": L2,
                          "trained_by": "python -m eval.train_router"})


def run_service(service, cases: Sequence[Case]) -> dict[str, float]:
    return ServiceEvaluator(cases)(service)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train_router", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True, help="data directory with the demo policy (`shopguide index`)")
    parser.add_argument("--splits", nargs="+", default=list(TUNING), choices=list(TUNING),
                        help="tuning splits to train on (the blind split is never accepted)")
    parser.add_argument("--suite", nargs="+", help="train on these .jsonl files instead (one split each)")
    parser.add_argument("--loso", action="store_true", help="leave-one-split-out evaluation first")
    parser.add_argument("--folds", nargs="+", help="with --loso: hold out only these splits (default: each)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "assistant/knowledge/router.json"),
                        help="where to write the router trained on all splits ('-': don't write)")
    args = parser.parse_args(argv)
    from assistant.components import build_service
    from assistant.config import load_settings

    settings = load_settings(home=args.data_dir, overrides={"service.learned_router": False})
    service = build_service(settings)
    if service.knowledge is None or not service.knowledge.exists():
        parser.error(f"no shop knowledge in {args.data_dir}: run `shopguide --data-dir {args.data_dir} index`")
    embedder = service.knowledge.embedder.name
    names = args.suite or args.splits
    cases = {s: load_cases(s if args.suite else None, s) for s in names}
    print(f"features for {sum(len(c) for c in cases.values())} cases ({embedder})…", file=sys.stderr)
    rows = {s: case_rows(service, c) for s, c in cases.items()}
    if args.loso:
        table = []
        for held in args.folds or names:
            train_split = {s: r for s, r in rows.items() if s != held}
            threshold = choose_threshold(train_split)
            model = train([r for rs in train_split.values() for r in rs])
            p = probs(model, rows[held])
            clf_acc = float(np.mean([GROUPS[int(pi.argmax())] == r["label"] for r, pi in zip(rows[held], p)]))
            rules_acc = float(np.mean([r["rules_group"] == r["label"] for r in rows[held]]))
            rules = run_service(service, cases[held])
            service.router = router_from(model, threshold, embedder, list(train_split), 0)
            both = run_service(service, cases[held])
            service.router = None
            line = {"held_out": held, "n": len(cases[held]), "classifier_accuracy": round(clf_acc, 4),
                    "rules_decision_accuracy": round(rules_acc, 4),
                    "threshold": threshold, "rules": rules, "rules+router": both}
            table.append(line)
            print(json.dumps(line), flush=True)
        keys = ("answer_accuracy", "handoff_recall", "handoff_precision", "invented_policy_claims")
        print("| held out | n | classifier acc | rules' decision acc | threshold | rules: acc / recall / precision / invented "
              "| rules+router: acc / recall / precision / invented |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for t in table + [_mean(table, keys)]:
            print(f"| {t['held_out']} | {t['n']} | {t['classifier_accuracy']:.3f} | "
                  f"{t['rules_decision_accuracy']:.3f} | {t['threshold']} | "
                  + " / ".join(f"{t['rules'][k]:.3f}" for k in keys) + " | "
                  + " / ".join(f"{t['rules+router'][k]:.3f}" for k in keys) + " |")
    if args.out != "-":
        all_rows = [r for rs in rows.values() for r in rs]
        threshold = choose_threshold(rows) if len(rows) > 1 else GRID[-1]
        router = router_from(train(all_rows), threshold, embedder, names, len(all_rows))
        router.save(args.out)
        print(f"wrote {args.out} ({len(all_rows)} examples, threshold {threshold})", file=sys.stderr)
    return 0


def _mean(table: list[dict[str, Any]], keys: Sequence[str]) -> dict[str, Any]:
    avg = {side: {k: float(np.mean([t[side][k] for t in table])) for k in keys} for side in ("rules", "rules+router")}
    return {"held_out": "mean", "n": sum(t["n"] for t in table), "threshold": "-",
            "classifier_accuracy": float(np.mean([t["classifier_accuracy"] for t in table])),
            "rules_decision_accuracy": float(np.mean([t["rules_decision_accuracy"] for t in table])), **avg}


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
