"""Would an answerability check stop policy answers to what the policy does not cover? Leave one split out.

The check measured here (not shipped: it did not improve the held-out folds, see
docs/customer_service_agent.md, "session 6 round"): a passage answer is replaced by "I don't have
that information" + hand-off when the question has a **key term the shop never mentions**:

* a content word of the question (chat spellings written out, the words of everyday phrases that
  ``synonyms`` translate removed, ``generic`` words of ``service.yaml`` left out),
* absent from the chosen passage *and* from every knowledge passage (its IDF over the passages is
  the maximum) and from the catalog's vocabulary (a product the shop sells is an "item" the policy
  covers: "warranty on shoes?"),
* that carries the question: removing it moves the question's embedding by ``importance`` >= ``ti``
  (1 - cosine; "expire" of "do ur gift cards expire" 0.26, "sofa" of a long story 0.2),
* and that no word of the passage is close to in meaning (best word-to-word cosine < ``ts``: "UK" is
  near "Canada" of "We ship to the United States and Canada only", so that sentence answers it).

Rule-changing messages and the contact sentence are left alone. ``ti`` / ``ts`` are chosen on the
other splits (best net gain: hand-offs the check adds where gold is a hand-off, minus right answers
it removes) and applied to the held-out one::

    python -m eval.answerability_loso --data-dir /tmp/home [--splits dev … dev9] [--cover passage|sentence]

Never give it the blind split.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Sequence

import numpy as np

from eval.service_eval import load_cases, TUNING_SPLITS

TUNING = TUNING_SPLITS
TI = (0.03, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 1.01)    # 1.01: never refuse
TS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 1.01)


class _Vectors:
    """Unit embeddings, each text embedded once."""

    def __init__(self, embedder) -> None:
        self.embedder, self.cache = embedder, {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        need = [t for t in dict.fromkeys(texts) if t not in self.cache]
        for t, v in zip(need, self.embedder.embed(need) if need else []):
            v = np.asarray(v, dtype=float)
            self.cache[t] = v / (np.linalg.norm(v) or 1.0)
        return np.stack([self.cache[t] for t in texts])


def case_terms(service, known: frozenset[str], vectors: _Vectors, text: str, answer,
               cover: str = "passage") -> list[dict[str, Any]]:
    """The candidate key terms of one passage answer: word, importance, soft cover.

    ``cover``: what a term must be near in meaning — the chosen ``passage`` (its section and text, session 6)
    or only the ``sentence`` the reply quotes ("do you deliver on saturdays": the quoted "Standard shipping
    takes 3 to 5 business days …", not the whole Shipping section).
    """
    from assistant.knowledge.answer import shared, stems_of
    from assistant.knowledge.phrases import _synonym_pattern, plain, words_of
    from retrieval.text import content_words, stem

    generic = words_of("generic")
    passage = answer.sources[0]
    everywhere = set()
    for p in service.knowledge.passages().values():
        everywhere |= stems_of(f"{p.section} {p.text}", generic)
    question = plain(text)
    asked = [w.lower() for w in content_words(_synonym_pattern().sub(" ", question)) if w.lower() not in generic]
    terms = [w for w in dict.fromkeys(asked) if not shared({stem(w)}, everywhere) and w not in known
             and stem(w) not in known]
    if not terms:
        return []
    covering = f"{passage.section} {passage.text}" if cover == "passage" else answer.text.split("\n\nSource:")[0]
    passage_words = sorted({w.lower() for w in content_words(covering)} | {"item", "product"})
    q = vectors([question])[0]
    reduced = [" ".join(x for x in question.split() if stem(x.lower().strip("?.,!'\"")) != stem(w)) or "." for w in terms]
    importance = 1.0 - vectors(reduced) @ q
    soft = (vectors(terms) @ vectors(passage_words).T).max(axis=1)
    return [{"word": w, "importance": round(float(i), 4), "soft": round(float(s), 4)}
            for w, i, s in zip(terms, importance, soft)]


def joint_importance(vectors: _Vectors, text: str, terms: Sequence[dict[str, Any]]) -> dict[str, float]:
    """For each ``ts`` of the grid: how far the question moves when *all* its terms near no passage word
    (soft < ts) are removed at once. "r there customs fees or duties when you ship to canada": each of
    "customs" and "duties" alone barely moves it (the other still says it); both together do.
    """
    from assistant.knowledge.intent import plain
    from retrieval.text import stem

    question = plain(text)
    q = vectors([question])[0]
    out = {}
    for ts in TS:
        gone = {stem(t["word"]) for t in terms if t["soft"] < ts}
        if not gone:
            out[str(ts)] = 0.0
            continue
        reduced = " ".join(x for x in question.split() if stem(x.lower().strip("?.,!'\"")) not in gone) or "."
        out[str(ts)] = round(float(1.0 - vectors([reduced])[0] @ q), 4)
    return out


def refuses(row: dict[str, Any], ti: float, ts: float) -> bool:
    if row.get("joint") is not None:   # --joint: the uncovered terms together carry the question
        return row["joint"].get(str(ts), 0.0) >= ti
    return any(t["importance"] >= ti and t["soft"] < ts for t in row["terms"])


def metrics(rows: Sequence[dict[str, Any]], ti: float, ts: float) -> dict[str, float]:
    """The service's metrics with the check applied (a refused answer becomes a hand-off)."""
    ok, handoff = [], []
    for r in rows:
        refused = r["checked"] and refuses(r, ti, ts)
        handoff.append(r["handoff"] or refused)
        ok.append(r["gold"] == "handoff" if refused else r["correct"])
    answerable = [o for o, r in zip(ok, rows) if r["gold"] != "handoff"]
    gold_h = [h for h, r in zip(handoff, rows) if r["gold"] == "handoff"]
    tp = sum(gold_h)
    return {"answer_accuracy": round(sum(answerable) / max(len(answerable), 1), 4),
            "handoff_recall": round(tp / max(len(gold_h), 1), 4),
            "handoff_precision": round(tp / max(sum(handoff), 1), 4)}


def gain(rows: Sequence[dict[str, Any]], ti: float, ts: float) -> int:
    out = 0
    for r in rows:
        if r["checked"] and refuses(r, ti, ts):
            out += 1 if r["gold"] == "handoff" else -1 if r["correct"] else 0
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.answerability_loso", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--splits", nargs="+", default=list(TUNING), choices=list(TUNING))
    parser.add_argument("--cover", choices=["passage", "sentence"], default="passage",
                        help="what a key term must be near: the chosen passage (session 6) or the quoted sentence")
    parser.add_argument("--joint", action="store_true",
                        help="refuse when the uncovered terms removed together move the question by ti (not one alone)")
    args = parser.parse_args(argv)
    from assistant import Assistant
    from assistant.config import load_settings
    from assistant.knowledge.intent import classify
    from eval.service_eval import correct

    assistant = Assistant.from_config(settings=load_settings(home=args.data_dir))
    service, known = assistant.customer_service, assistant.lexicon.words
    vectors = _Vectors(service.knowledge.embedder)
    rows: dict[str, list[dict[str, Any]]] = {}
    for split in args.splits:
        rows[split] = []
        for case in load_cases(split=split):
            answer = service.answer(case.text, session_id=case.id)
            checked = (answer.kind == "policy" and answer.handoff is None and bool(answer.score)
                       and not classify(case.text).injection)
            rows[split].append({"id": case.id, "gold": case.gold if case.gold == "handoff" else "answer",
                                "correct": correct(case, answer), "handoff": answer.handoff is not None,
                                "checked": checked,
                                "terms": case_terms(service, known, vectors, case.text, answer, args.cover)
                                if checked else []})
            if args.joint:
                rows[split][-1]["joint"] = joint_importance(vectors, case.text, rows[split][-1]["terms"])
    table = []
    for held in args.splits:
        train = [r for s, rs in rows.items() if s != held for r in rs]
        best = max(((gain(train, ti, ts), ti, ts) for ti in TI for ts in TS), key=lambda g: (g[0], g[1], -g[2]))
        _, ti, ts = best
        changed = [r["id"] for r in rows[held] if r["checked"] and refuses(r, ti, ts)]
        line = {"held_out": held, "ti": ti, "ts": ts, "train_gain": best[0], "held_gain": gain(rows[held], ti, ts),
                "before": metrics(rows[held], 1.01, 0.0), "after": metrics(rows[held], ti, ts), "refused": changed}
        table.append(line)
        print(json.dumps(line), flush=True)
    keys = ("answer_accuracy", "handoff_recall", "handoff_precision")
    print("| held out | ti / ts (chosen on the others) | net on held out | before: acc / recall / precision "
          "| after |\n| --- | --- | --- | --- | --- |")
    for t in table:
        print(f"| {t['held_out']} | {t['ti']} / {t['ts']} | {t['held_gain']:+d} | "
              + " / ".join(f"{t['before'][k]:.3f}" for k in keys) + " | "
              + " / ".join(f"{t['after'][k]:.3f}" for k in keys) + " |")
    print(f"| mean | | {np.mean([t['held_gain'] for t in table]):+.2f} | "
          + " / ".join(f"{np.mean([t['before'][k] for t in table]):.3f}" for k in keys) + " | "
          + " / ".join(f"{np.mean([t['after'][k] for t in table]):.3f}" for k in keys) + " |")
    return 0


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
