"""Train the learned second opinion on product questions (``assistant/understanding/answer_model.py``).

Data: the gold answers (``answer: {product_id, verdict, fact}``) of the dialogue suite's tuning files,
on the demo catalog; a turn whose product or fact is a ``$shown[N]`` reference is skipped. A row item is
the gold fact when the gold fact is inside it (the suite's own scoring); a gold "unknown" makes every
item of the row a negative. The rules' answer of each turn comes from a rules run of the same files
(``python -m eval.dialogue_report --suite dialogue --modes rules --out RUN``: its ``columns.json`` lists
the failed turns with their answers; every other turn's answer was the gold one).

The model answers only where the rules' answer is "unknown" (and, at ``override``, where it is sure
and disagrees). ``--loso``: each tuning file is held out in turn; the threshold and the override are
chosen on the other files alone (an inner leave-one-file-out), then applied to the held-out file, and
the table gives rules alone, the model alone and the two combined per file. Without ``--loso`` only the
pooled choice is made. The model of every file is written to ``--out``::

    python -m eval.train_answers --run RUN [--loso] [--pets-run RUN_PETS] [--out PATH]

Never give it a blind split: any path with ``dialogue-blind`` or ``blind26`` is refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import yaml

from assistant.understanding.answer_model import CLASSES, FEATURES, NULL_FEATURES, VERDICTS, LearnedAnswers, design

SUITES = Path(__file__).parent / "suites"
GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01)      # 1.01: never answer
OVERRIDE = (0.9, 0.95, 0.98, 2.0)                           # 2.0: never replace a rules answer
L2 = 0.1       # pooled leave-one-file-out, model alone: 0.1 beat 1, 3 and 10
FORBIDDEN = ("dialogue-blind", "blind26")


@dataclass
class Turn:
    """One gold answer turn, the rules' answer to it, and its candidates' features on the gold product."""

    file: str
    conv: str
    turn: int
    text: str
    product_id: str
    verdict: str
    fact: str | None
    rules: dict[str, Any] | None      # the rules' answer (product_id, verdict, fact), None: no answer
    rules_ok: bool
    items: list[tuple[str, str]] = field(default_factory=list)
    x: np.ndarray | None = None
    y: np.ndarray | None = None       # 1 for the items holding the gold fact

    @property
    def reachable(self) -> bool:
        return self.verdict == "unknown" or bool(self.y is not None and self.y.any())


def _plain(text: str | None) -> str:
    return " ".join(str(text or "").lower().split())


def right(turn: Turn, verdict: str, fact: str | None) -> bool:
    """The suite's scoring on the gold product: verdict equal, gold fact inside the answer's fact."""
    if verdict != turn.verdict:
        return False
    return turn.fact is None or (fact is not None and _plain(turn.fact) in _plain(fact))


def gold_turns(suite: str, run: Path | None) -> list[Turn]:
    """Every gold answer turn of ``suite``'s files with a literal product id and fact, with the rules' answer."""
    failed: dict[tuple[str, int], dict] = {}
    if run is not None:
        for column in json.loads((run / "columns.json").read_text()):
            for f in column["failures"]:
                if any(str(m).startswith("answer:") for m in f["failures"]):
                    failed[(f["conversation"], f["turn"])] = f.get("answer")
    out = []
    for path in sorted((SUITES / suite).glob("*.yaml")):
        for conv in yaml.safe_load(path.read_text()) or []:
            for i, t in enumerate(conv.get("turns", [])):
                gold = (t.get("expect") or {}).get("answer")
                if not gold or not gold.get("product_id") or str(gold.get("fact", "")).startswith("$") \
                        or str(gold["product_id"]).startswith("$"):
                    continue
                fact = None if gold.get("fact") is None else str(gold["fact"])
                key = (conv["id"], i)
                rules = failed[key] if key in failed else {"product_id": str(gold["product_id"]),
                                                             "verdict": str(gold["verdict"]), "fact": fact}
                out.append(Turn(path.stem, conv["id"], i, t["user"], str(gold["product_id"]), str(gold["verdict"]),
                                fact, rules, key not in failed))
    return out


def featurize(turns: list[Turn], model: LearnedAnswers, products: dict[str, Any]) -> list[Turn]:
    """The features of each turn's candidates, on the question as ``answer_question`` sees it (the product's
    name and a colour that only points at it taken out: ``names.strip_name``, ``names.strip_descriptor``)."""
    from assistant.understanding.names import strip_descriptor, strip_name

    kept = []
    for t in turns:
        product = products.get(t.product_id)
        if product is None:
            continue
        t.items, t.x = model.features(product, strip_descriptor(strip_name(t.text, product), product))
        t.y = np.array([1.0 if t.fact is not None and t.verdict != "unknown" and _plain(t.fact) in _plain(item)
                        else 0.0 for _k, item in t.items])
        kept.append(t)
    return kept


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, balanced: bool = True, steps: int = 25) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton steps (the features are few); ``y`` in {0, 1}."""
    n, d = x.shape
    pos = max(float(y.sum()), 1.0)
    weight = np.where(y > 0, 0.5 / pos, 0.5 / max(n - pos, 1.0)) if balanced else np.full(n, 1.0 / n)
    a = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, l2 / n)
    reg[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ w, -30, 30)))
        g = a.T @ ((p - y) * weight) + reg * w
        h = (a * (weight * p * (1 - p))[:, None]).T @ a + np.diag(reg + 1e-9)
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w[:-1], float(w[-1])


def fit_choice(groups: Sequence[tuple[np.ndarray, np.ndarray]], l2: float = L2) -> np.ndarray:
    """Conditional logit (a softmax over each question's candidates, "unknown" last): the weights that make
    the gold candidates likely, L2-regularised; ``groups``: (design rows, 0/1 gold mask) per question."""
    from scipy.optimize import minimize

    a = np.vstack([g for g, _m in groups])
    gold = np.concatenate([m for _g, m in groups]).astype(bool)
    starts = np.cumsum([0] + [len(g) for g, _m in groups[:-1]])
    owner = np.repeat(np.arange(len(groups)), [len(g) for g, _m in groups])
    n = len(groups)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = a @ w
        top = np.maximum.reduceat(z, starts)
        e = np.exp(z - top[owner])
        total = np.add.reduceat(e, starts)
        hit = np.add.reduceat(np.where(gold, e, 0.0), starts)
        value = -np.sum(np.log(hit / total + 1e-300)) / n + 0.5 * l2 / n * w @ w
        p_all = e / total[owner]
        p_gold = np.where(gold, e / hit[owner], 0.0)
        grad = a.T @ (p_all - p_gold) / n + l2 / n * w
        return float(value), grad

    return minimize(loss, np.zeros(a.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x


def train(turns: Sequence[Turn], embedder: str) -> LearnedAnswers:
    """The fact head (a softmax over each reachable question's items and "unknown"), the verdict heads on the
    gold items."""
    use = [t for t in turns if t.reachable and len(t.items)]
    groups = [(design(t.x), np.append(t.y, 1.0 if t.verdict == "unknown" else 0.0)) for t in use]
    coef, intercept = [fit_choice(groups)], [0.0]
    gx = np.vstack([t.x[t.y > 0] for t in use if t.verdict in VERDICTS])
    gv = [t.verdict for t in use if t.verdict in VERDICTS for _ in range(int(t.y.sum()))]
    pad = len(NULL_FEATURES)
    for v in VERDICTS:
        w, b = fit(gx, np.array([1.0 if g == v else 0.0 for g in gv]), balanced=False)
        coef.append(np.append(w, np.zeros(pad)))
        intercept.append(b)
    return LearnedAnswers(CLASSES, np.array(coef).tolist(), intercept, embedder, 1.01)


def proposals(model: LearnedAnswers, turns: Sequence[Turn]) -> list[tuple[str, str, float] | None]:
    """(verdict, fact, probability) of the model's best item per turn (no threshold), None without items."""
    out = []
    for t in turns:
        if not len(t.items):
            out.append(None)
            continue
        fact, verdict = model.score(t.x)
        n = int(np.argmax(fact))
        out.append((VERDICTS[int(np.argmax(verdict[n]))], t.items[n][1], float(fact[n])))
    return out


def outcomes(turns: Sequence[Turn], props: Sequence, threshold: float, override: float) -> dict[str, int]:
    """Right answers of the rules, the model alone and the two combined at (threshold, override)."""
    c = {"turns": len(turns), "rules": 0, "model": 0, "combined": 0, "fixed": 0, "broken": 0}
    for t, p in zip(turns, props):
        model_ok = right(t, p[0], p[1]) if p and p[2] >= threshold else t.verdict == "unknown"
        c["model"] += model_ok
        c["rules"] += t.rules_ok
        r = t.rules
        on_product = r is not None and str(r.get("product_id")) == t.product_id
        ok = t.rules_ok
        if on_product and p is not None and (r.get("verdict") == "unknown" and p[2] >= threshold
                                             or r.get("verdict") != "unknown" and p[2] >= override
                                             and not (p[0] == r.get("verdict") and p[1] in str(r.get("fact")))):
            ok = right(t, p[0], p[1])
        c["combined"] += ok
        c["fixed"] += ok and not t.rules_ok
        c["broken"] += t.rules_ok and not ok
    return c


def choose(turns: Sequence[Turn], embedder: str) -> tuple[float, float, float]:
    """(threshold, override) with the most combined right answers over a leave-one-file-out of ``turns``
    (ties: the higher, more cautious values), and the threshold at which the model alone does best."""
    files = sorted({t.file for t in turns})
    held: list[tuple[list[Turn], list]] = []
    for f in files:
        rest = [t for t in turns if t.file != f]
        test = [t for t in turns if t.file == f]
        held.append((test, proposals(train(rest, embedder), test)))
    best, score = (1.01, 2.0), -1
    for o in OVERRIDE:
        for th in GRID:
            s = sum(outcomes(test, props, th, o)["combined"] for test, props in held)
            if s > score or (s == score and (o, th) > (best[1], best[0])):
                best, score = (th, o), s
    alone = max(GRID, key=lambda th: (sum(outcomes(test, props, th, 2.0)["model"] for test, props in held), th))
    return best[0], best[1], alone


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", required=True, type=Path, help="a rules dialogue_report --out folder (columns.json)")
    parser.add_argument("--loso", action="store_true", help="the nested leave-one-file-out table")
    parser.add_argument("--pets-run", type=Path, default=None, help="a rules run of the pets suite: a domain check")
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--verbose", action="store_true", help="print the held-out changes")
    parser.add_argument("--fixed", type=float, default=None, metavar="P",
                        help="with --loso, also the combined score at this threshold for every fold (not chosen)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "assistant" / "understanding" / "answer_model.json")
    args = parser.parse_args(argv)
    if any(b in str(p) for p in (args.run, args.pets_run, args.out) if p is not None for b in FORBIDDEN):
        parser.error("never train on (or write beside) a blind split")
    from retrieval.demo.catalog import generate_catalog
    from retrieval.catalog.product import Product
    from retrieval.index.embedder import make_embedder
    from assistant.understanding.rowmatch import CatalogValues

    embedder = make_embedder(args.embedder)
    products = {r["id"]: Product.from_dict(r) for r in generate_catalog()}
    probe = LearnedAnswers(CLASSES, np.zeros((4, len(FEATURES) + len(NULL_FEATURES))).tolist(), [0.0] * 4, embedder.name, 1.01)
    probe.bind(embedder.embed, CatalogValues.from_products(products.values()))
    turns = featurize(gold_turns("dialogue", args.run), probe, products)
    print(f"{len(turns)} gold answer turns, {sum(t.reachable for t in turns)} with the fact in the row or unknown",
          file=sys.stderr)
    files = sorted({t.file for t in turns})
    if args.loso:
        extra = f" at {args.fixed:g}, not chosen (fixed, broken) |" if args.fixed is not None else ""
        print("| held-out file | turns | rules | model alone | rules + model | fixed | broken | threshold, override "
              f"(model alone) |{extra}")
        print("|---|---|---|---|---|---|---|---|" + ("---|" if extra else ""))
        pooled: dict[str, dict[str, int]] = {"blind": {}, "other": {}}
        for f in files:
            rest = [t for t in turns if t.file != f]
            test = [t for t in turns if t.file == f]
            th, o, alone = choose(rest, embedder.name)
            props = proposals(train(rest, embedder.name), test)
            c = outcomes(test, props, th, o)
            c["model"] = outcomes(test, props, alone, 2.0)["model"]
            if args.fixed is not None:
                at = outcomes(test, props, args.fixed, 2.0)
                c.update({"at": at["combined"], "at_fixed": at["fixed"], "at_broken": at["broken"]})
            group = pooled["blind" if f.startswith("blind") else "other"]
            for k, v in c.items():
                group[k] = group.get(k, 0) + v
            n = c["turns"]
            print(f"| {f} | {n} | {c['rules'] / n:.3f} | {c['model'] / n:.3f} | {c['combined'] / n:.3f} | "
                  f"{c['fixed']} | {c['broken']} | {th:g}, {o:g} ({alone:g}) |"
                  + (f" {c['at'] / n:.3f} (+{c['at_fixed']}, -{c['at_broken']}) |" if extra else ""), flush=True)
            if args.verbose:
                for t, p in zip(test, props):
                    if p and (p[2] >= th and t.rules and t.rules.get("verdict") == "unknown" or p[2] >= o):
                        print(f"  {t.conv}#{t.turn} {t.text!r}: gold {t.verdict}/{t.fact}, rules "
                              f"{(t.rules or {}).get('verdict')}, model {p[0]}/{p[1]} ({p[2]:.2f})", file=sys.stderr)
        for name, c in pooled.items():
            n = c["turns"]
            print(f"| pooled {name} | {n} | {c['rules'] / n:.3f} | {c['model'] / n:.3f} | {c['combined'] / n:.3f} | "
                  f"{c['fixed']} | {c['broken']} | |" + (f" {c['at'] / n:.3f} (+{c['at_fixed']}, -{c['at_broken']}) |"
                                                       if extra else ""))
    th, o, _alone = choose(turns, embedder.name)
    model = train(turns, embedder.name)
    model.threshold = th
    model.meta = {"features": FEATURES, "override": o, "files": files, "turns": len(turns), "l2": L2,
                  "classes": "fact head (row 0), yes / no / value heads for the chosen item"}
    if args.pets_run is not None:
        from eval.catalogs.pets import generate_pets_catalog

        pets = {r["id"]: Product.from_dict(r) for r in generate_pets_catalog()}
        model.bind(embedder.embed, CatalogValues.from_products(pets.values()))
        ptests = featurize(gold_turns("pets", args.pets_run), model, pets)
        props = proposals(model, ptests)
        c = outcomes(ptests, props, th, o)
        print(f"pets (domain check, model of every tuning file): {c}")
        for t, p in zip(ptests if args.verbose else [], props):
            if p and p[2] >= th and t.rules and t.rules.get("verdict") == "unknown":
                print(f"  {t.conv}#{t.turn} {t.text!r}: gold {t.verdict}/{t.fact}, model {p[0]}/{p[1]} ({p[2]:.2f})",
                      file=sys.stderr)
    model.save(args.out)
    print(f"wrote {args.out} (threshold {th:g}, override {o:g}, {len(turns)} turns)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
