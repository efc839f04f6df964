"""Train the learned second opinion on unread messages (``assistant/understanding/act_model.py``).

Labels: the gold act types of every turn of the dialogue suite's tuning files (one binary model
per act type over the message's embedding). The threshold is chosen leave one file out: for each
tuning file, train on the others and look at the turns of that file that the rules left unread
(one slot-less ``refine`` or ``search`` in a run of the rules, ``--run``); at each threshold count the turns the
model makes right (its act set equals the gold set), the ones it breaks (the rules' refine was the
gold, or its search) and the ones it changes from one wrong set to another. The threshold with the most right
minus broken turns wins (ties: the higher one). Then it trains on every file and writes ``--out``.

Never give it a blind split: ``--exclude`` drops conversations by id (a regular expression), e.g.
the half of a promoted split that is still held out::

    python -m eval.train_acts --run RUN_DIR [--exclude 'b6-\\d*[02468]$'] [--out PATH]

``RUN_DIR`` holds ``turns.jsonl`` files of ``python -m eval.dialogue_report --modes rules`` (or of
``shopguide eval run``) on the same tuning files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import yaml

from assistant.understanding.act_model import REPLACEABLE, LearnedActs, fit_binary, put_as_question
from assistant.understanding.acts import ActType

SUITE = Path(__file__).parent / "suites" / "dialogue"
GRID = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98, 1.01)   # 1.01: never replace
L2 = 1.0
CLASSES = [t.value for t in ActType]


def tuning_turns(exclude: str | None) -> list[dict[str, Any]]:
    """Every turn with gold acts in the tuning files: file, conversation id, turn number, text, gold set."""
    skip = re.compile(exclude) if exclude else None
    rows = []
    for path in sorted(SUITE.glob("*.yaml")):
        for conv in yaml.safe_load(path.read_text()) or []:
            if skip and skip.search(conv["id"]):
                continue
            for i, turn in enumerate(conv.get("turns", [])):
                gold = (turn.get("expect") or {}).get("acts")
                if not gold:
                    continue
                kinds = frozenset(a if isinstance(a, str) else a["type"] for a in gold)
                rows.append({"file": path.stem, "id": conv["id"], "turn": i, "text": turn["user"], "gold": kinds})
    return rows


def unread_turns(run: Path) -> dict[tuple[str, int], bool]:
    """(conversation, turn) the rules left unread in a run (one refine or search with no slot, value or product)
    → whether a product was in focus before that turn (the previous turn's portrait)."""
    out = {}
    for path in run.rglob("turns.jsonl"):
        focus: dict[str, str | None] = {}
        for line in path.read_text().splitlines():
            r = json.loads(line)
            acts = r.get("acts") or []
            if len(acts) == 1 and acts[0]["type"] in ("refine", "search") and not acts[0].get("slots") \
                    and acts[0].get("value") is None and acts[0].get("product") is None and not acts[0].get("product_id"):
                out[(r["conversation"], r["turn"])] = bool(focus.get(r["conversation"]))
            focus[r["conversation"]] = (r.get("portrait") or {}).get("focus_id")
    return out


def train(x: np.ndarray, labels: Iterable[frozenset]) -> tuple[np.ndarray, np.ndarray]:
    labels = list(labels)
    coef, intercept = [], []
    for c in CLASSES:
        y = np.array([1.0 if c in g else 0.0 for g in labels])
        if y.sum() == 0:
            coef.append(np.zeros(x.shape[1]))
            intercept.append(-30.0)
            continue
        w, b = fit_binary(x, y, l2=L2)
        coef.append(w)
        intercept.append(b)
    return np.array(coef), np.array(intercept)


def outcome(predicted: list[str], gold: frozenset) -> str:
    if not predicted:
        return "kept"
    if set(predicted) == set(gold):
        return "right"
    return "broken" if gold in ({"refine"}, {"search"}) else "changed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", required=True, type=Path, help="a rules run on the tuning files (turns.jsonl)")
    parser.add_argument("--exclude", default=None, help="regular expression of conversation ids to leave out")
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--verbose", type=float, default=None, help="print the held-out decisions at this threshold")
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "assistant" / "understanding" / "act_model.json")
    args = parser.parse_args(argv)
    if "dialogue-blind" in str(args.run) or "blind26" in str(args.run):
        parser.error("never train on the blind split")
    from retrieval.index.embedder import make_embedder

    embedder = make_embedder(args.embedder)
    rows = tuning_turns(args.exclude)
    unread = unread_turns(args.run)
    x = np.asarray(embedder.embed([r["text"] for r in rows]), dtype=float)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    files = sorted({r["file"] for r in rows})
    counts = {t: {"right": 0, "broken": 0, "changed": 0, "kept": 0} for t in GRID}
    per_file = []
    for held in files:
        train_idx = [i for i, r in enumerate(rows) if r["file"] != held]
        test_idx = [i for i, r in enumerate(rows) if r["file"] == held and (r["id"], r["turn"]) in unread]
        coef, intercept = train(x[train_idx], (rows[i]["gold"] for i in train_idx))
        fold = {"file": held, "unread": len(test_idx)}
        for t in GRID:
            model = LearnedActs(CLASSES, coef.tolist(), intercept.tolist(), embedder.name, t)
            got = {"right": 0, "broken": 0, "changed": 0, "kept": 0}
            for i in test_idx:
                focus = unread[(rows[i]["id"], rows[i]["turn"])] and put_as_question(rows[i]["text"])
                predicted = model.predict(x[i], focus=focus)
                got[outcome(predicted, rows[i]["gold"])] += 1
                if args.verbose and predicted and t == args.verbose:
                    print(f"  {rows[i]['id']}#{rows[i]['turn']} {rows[i]['text']!r}: gold {sorted(rows[i]['gold'])}, "
                          f"model {predicted}", file=sys.stderr)
            for k, v in got.items():
                counts[t][k] += v
            fold[t] = got
        per_file.append(fold)
    best = max(GRID, key=lambda t: (counts[t]["right"] - counts[t]["broken"], t))
    print("| threshold | right | broken | changed (wrong → wrong) | kept |")
    print("|---|---|---|---|---|")
    for t in GRID:
        c = counts[t]
        print(f"| {t:g}{' (chosen)' if t == best else ''} | {c['right']} | {c['broken']} | {c['changed']} | {c['kept']} |")
    gold_unread = {}
    for r in rows:
        if (r["id"], r["turn"]) in unread:
            key = "+".join(sorted(r["gold"]))
            gold_unread[key] = gold_unread.get(key, 0) + 1
    print("unread turns by gold:", json.dumps(dict(sorted(gold_unread.items(), key=lambda kv: -kv[1]))))
    coef, intercept = train(x, (r["gold"] for r in rows))
    meta = {"files": files, "turns": len(rows), "exclude": args.exclude, "l2": L2,
            "replaceable": [t.value for t in REPLACEABLE], "grid": {f"{t:g}": counts[t] for t in GRID},
            "unread_turns": sum(1 for r in rows if (r["id"], r["turn"]) in unread)}
    LearnedActs(CLASSES, coef.tolist(), intercept.tolist(), embedder.name, best, meta).save(args.out)
    print(f"wrote {args.out} (threshold {best:g}, {len(rows)} turns, {len(files)} files)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
