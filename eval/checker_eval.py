"""How good is the grounding checker? Precision and recall on sentences labelled by a person.

``eval/suites/checker/labelled.yaml`` holds real SmolLM2 guide sentences (kept and
rejected ones, collected with ``eval.checker_collect``), each with what the checker
needs to run again (the shown products' ids, the portrait, the shopper's message) and a
label written by reading the sentence:

* ``grounded`` — every claim is backed by the shown products or the shopper's words;
* ``ungrounded`` — it states something the products/shopper do not (a price, a feature,
  a policy, a name...);
* ``nonsense`` — not a claim one can check but not fit to show either (garbled, off-topic,
  self-contradictory, talks about the prompt).

The positive class is "should be rejected" (ungrounded or nonsense). The checker is re-run
on every sentence now (so the numbers follow the checker's code), and compared to the label:

* ``checker_precision`` — of the sentences it rejects, the share that deserved it;
* ``checker_recall`` — of the sentences that deserve rejection, the share it rejects;
* ``checker_false_rejection_rate`` — of the grounded sentences, the share it rejects
  (precision alone hides this when most model sentences deserve rejection).

The same file scores the independent audit (``eval.audit``: a sentence is "rejected" when
any claim is flagged) as ``audit_precision`` / ``audit_recall``.

Do not tune the checker on this file: a labelled set that the checker was fitted to says
nothing about the next sentence. If you must, split it and report on the half you did not read.

    shopguide eval checker                      # JSON metrics over the bundled labelled file
    python -m eval.checker_eval --home /path/to/copy/of/.shopguide
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eval.conversations import SUITES_DIR
from eval.schema import SuiteError

DEFAULT_FILE = SUITES_DIR / "checker" / "labelled.yaml"
LABELS = ("grounded", "ungrounded", "nonsense")
PRIMARY_METRIC = "checker_recall"


@dataclass(frozen=True)
class Labelled:
    id: str
    sentence: str
    product_ids: tuple[str, ...]
    portrait: dict[str, Any]
    request: str
    label: str

    @property
    def should_reject(self) -> bool:
        return self.label != "grounded"


def load_labelled(path: str | Path = DEFAULT_FILE) -> list[Labelled]:
    """The labelled sentences; a bad entry names the file and its id."""
    path = Path(path)
    if not path.exists():
        raise SuiteError(f"{path}: no labelled sentences here (collect with eval.checker_collect, label by reading)")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out = []
    for i, raw in enumerate(data):
        where = f"{path}: entry {raw.get('id', i + 1) if isinstance(raw, dict) else i + 1}"
        if not isinstance(raw, dict) or not isinstance(raw.get("sentence"), str):
            raise SuiteError(f"{where}: needs a `sentence`")
        if raw.get("label") not in LABELS:
            raise SuiteError(f"{where}: `label` must be one of {', '.join(LABELS)}")
        out.append(Labelled(id=str(raw.get("id", i + 1)), sentence=raw["sentence"],
                            product_ids=tuple(raw.get("product_ids") or ()), portrait=raw.get("portrait") or {},
                            request=str(raw.get("request") or ""), label=raw["label"]))
    return out


def _prf(predicted: list[bool], gold: list[bool]) -> tuple[float, float, int, int, int]:
    tp = sum(p and g for p, g in zip(predicted, gold))
    fp = sum(p and not g for p, g in zip(predicted, gold))
    fn = sum(g and not p for p, g in zip(predicted, gold))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, tp, fp, fn


def score(items: list[Labelled], checker_rejects: list[bool], audit_rejects: list[bool]) -> dict[str, float]:
    """Flat metrics from the two predictors' verdicts on ``items`` (positive = should be rejected).

    >>> items = [Labelled(str(i), "s", (), {}, "", lab) for i, lab in enumerate(["grounded", "nonsense", "ungrounded"])]
    >>> m = score(items, [True, True, False], [False, True, True])
    >>> m["checker_precision"], m["checker_recall"], m["audit_recall"]
    (0.5, 0.5, 1.0)
    """
    gold = [x.should_reject for x in items]
    m: dict[str, float] = {"checker_labelled": float(len(items))}
    for label in LABELS:
        m[f"checker_labelled_{label}"] = float(sum(x.label == label for x in items))
    for name, verdicts in (("checker", checker_rejects), ("audit", audit_rejects)):
        p, r, tp, fp, fn = _prf(verdicts, gold)
        m.update({f"{name}_precision": p, f"{name}_recall": r, f"{name}_tp": float(tp),
                  f"{name}_fp": float(fp), f"{name}_fn": float(fn)})
    grounded = [v for v, x in zip(checker_rejects, items) if x.label == "grounded"]
    if grounded:   # "fine sentences fail": the share of grounded sentences the checker throws away
        m["checker_false_rejection_rate"] = sum(grounded) / len(grounded)
    nonsense = [v for v, x in zip(checker_rejects, items) if x.label == "nonsense"]
    if nonsense:
        m["checker_recall_nonsense"] = sum(nonsense) / len(nonsense)
    return m


def evaluate_checker(assistant, path: str | Path = DEFAULT_FILE) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Re-run the checker (and the audit) on every labelled sentence against ``assistant``'s index.

    Raises ``SuiteError`` when the index lacks the labelled products (they come from the demo catalog).
    """
    from assistant.grounding.check import check_grounding
    from assistant.portrait.model import Portrait
    from eval.audit import audit_prose, portrait_words

    items = load_labelled(path)
    terms = assistant.catalog_terms
    checker, audit, records = [], [], []
    for item in items:
        products = [assistant.index.get(pid) for pid in item.product_ids]
        if any(p is None for p in products):
            raise SuiteError(f"{path}: entry {item.id}: products {list(item.product_ids)} are not in the index at "
                             f"{assistant.settings.index_dir}; the labelled sentences need the demo catalog")
        report = check_grounding(item.sentence, products, Portrait.from_json(item.portrait), terms,
                                 request=item.request)
        flags = audit_prose(item.sentence, products, item.request + " " + portrait_words(item.portrait))
        checker.append(not report.ok)
        audit.append(bool(flags))
        records.append({"id": item.id, "label": item.label, "checker_rejects": not report.ok,
                        "checker_issues": report.messages(), "audit": [f.message() for f in flags],
                        "sentence": item.sentence})
    return score(items, checker, audit), records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.checker_eval", description=__doc__.split("\n")[0])
    parser.add_argument("--file", default=str(DEFAULT_FILE), help="labelled sentences (YAML)")
    parser.add_argument("--home", default=None, help="data directory with the demo index (default: $SHOPGUIDE_HOME)")
    parser.add_argument("--errors", action="store_true", help="also list the sentences the checker gets wrong")
    args = parser.parse_args(argv)
    from eval.portrait_eval import build_assistant

    metrics, records = evaluate_checker(build_assistant(args.home, use_llm=False), args.file)
    out: dict[str, Any] = {"primary_metric": PRIMARY_METRIC, "metrics": metrics}
    if args.errors:
        out["errors"] = [r for r in records if r["checker_rejects"] != (r["label"] != "grounded")]
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
