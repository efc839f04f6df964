"""Portrait slot scoring: gold slots vs the assistant's portrait, as TP/FP/FN counts.

Definitions (shared with the portrait suite, ``eval/portrait_eval.py``):

* list slots (``brands.*``, ``attributes.*``) are scored per item, as sets, case-insensitive;
* scalar slots: TP when equal; FP when predicted non-null but wrong or unexpected;
  FN when gold is non-null and the prediction differs (a wrong value is one FP + one FN);
* numbers compare with a 0.01 tolerance, strings case-insensitively;
* precision/recall/F1 are micro-averaged over all slot items, and reported per slot;
* a turn is *hard-constraint accurate* when budget.min, budget.max and brands.excluded
  (and attributes.unwanted, when the gold lists any) all equal the gold exactly.

>>> c = score_slots({"budget.max": 150.0, "brands.liked": []}, {"budget": {"max": 150}, "brands": {"liked": ["X"]}})
>>> c["budget.max"], c["brands.liked"]
((1, 0, 0), (0, 1, 0))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from eval.conversations import LIST_SLOTS, SCORED_SLOTS

Counts = tuple[int, int, int]


def predicted_slots(portrait: Mapping[str, Any]) -> dict[str, Any]:
    """The assistant's public portrait JSON → flat ``{slot: value}``."""
    budget = portrait.get("budget") or {}
    brands = portrait.get("brands") or {}
    attributes = portrait.get("attributes") or {}
    return {
        "category": portrait.get("category"),
        "budget.min": budget.get("min"),
        "budget.max": budget.get("max"),
        "brands.liked": list(brands.get("liked") or []),
        "brands.excluded": list(brands.get("excluded") or []),
        "attributes.wanted": list(attributes.get("wanted") or []),
        "attributes.unwanted": list(attributes.get("unwanted") or []),
        "recipient": portrait.get("recipient"),
        "occasion": portrait.get("occasion"),
    }


def _norm(value: Any) -> str:
    return " ".join(str(value).lower().split())


def scalar_equal(slot: str, gold: Any, predicted: Any) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if slot.startswith("budget."):
        try:
            return abs(float(gold) - float(predicted)) <= 0.01
        except (TypeError, ValueError):
            return False
    if slot == "category":
        # a predicted path "Outdoor & Hiking > Jackets" matches the level name "Jackets"
        levels = {_norm(level) for level in str(predicted).split(">")}
        return _norm(gold) == _norm(predicted) or _norm(gold) in levels
    return _norm(gold) == _norm(predicted)


def score_slots(gold: Mapping[str, Any], portrait: Mapping[str, Any]) -> dict[str, Counts]:
    """(TP, FP, FN) per scored slot; slots missing from ``gold`` are expected empty."""
    predicted = predicted_slots(portrait)
    out: dict[str, Counts] = {}
    for slot in SCORED_SLOTS:
        g, p = gold.get(slot), predicted.get(slot)
        if slot in LIST_SLOTS:
            gs, ps = {_norm(x) for x in (g or [])}, {_norm(x) for x in (p or [])}
            out[slot] = (len(gs & ps), len(ps - gs), len(gs - ps))
        else:
            if p is not None and isinstance(p, str) and not p.strip():
                p = None
            equal = scalar_equal(slot, g, p)
            tp = int(g is not None and equal)
            fp = int(p is not None and not equal)
            fn = int(g is not None and not equal)
            out[slot] = (tp, fp, fn)
    return out


def hard_constraints_exact(gold: Mapping[str, Any], portrait: Mapping[str, Any]) -> bool:
    predicted = predicted_slots(portrait)
    for slot in ("budget.min", "budget.max"):
        if not scalar_equal(slot, gold.get(slot), predicted.get(slot)):
            return False
    slots = ["brands.excluded"] + (["attributes.unwanted"] if gold.get("attributes.unwanted") else [])
    for slot in slots:
        if {_norm(x) for x in gold.get(slot) or []} != {_norm(x) for x in predicted.get(slot) or []}:
            return False
    return True


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class SlotTally:
    """Accumulates slot counts over turns; ``metrics()`` gives the flat report keys."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {s: [0, 0, 0] for s in SCORED_SLOTS})
    turns: int = 0
    hard_exact: int = 0

    def add(self, gold: Mapping[str, Any], portrait: Mapping[str, Any]) -> dict[str, Counts]:
        scored = score_slots(gold, portrait)
        for slot, (tp, fp, fn) in scored.items():
            c = self.counts[slot]
            c[0] += tp
            c[1] += fp
            c[2] += fn
        self.turns += 1
        self.hard_exact += int(hard_constraints_exact(gold, portrait))
        return scored

    def metrics(self) -> dict[str, float]:
        if not self.turns:
            return {}
        tp = sum(c[0] for c in self.counts.values())
        fp = sum(c[1] for c in self.counts.values())
        fn = sum(c[2] for c in self.counts.values())
        p, r, f = prf(tp, fp, fn)
        out = {"slot_precision": p, "slot_recall": r, "slot_f1": f, "slot_turns": float(self.turns),
               "hard_constraint_accuracy": self.hard_exact / self.turns}
        for slot, (stp, sfp, sfn) in self.counts.items():
            if stp + sfp + sfn:
                out[f"slot_f1.{slot}"] = prf(stp, sfp, sfn)[2]
        return out
