"""Dialogue-act scoring: gold acts, product-question answers and "the list stays" per turn.

A dialogue-suite turn can say what the message *does* besides what the portrait should
become (format: ``eval/suites/dialogue/README.md``)::

    expect:
      acts: [ask_about]                         # or [{type: compare, products: [1, 2]}]
      answer: {verdict: "no", fact: olive, product_id: SG-00066}
      list_unchanged: true

Scoring, independent of the interpreter that is measured (this module never asks the
assistant's own code what the right act or answer is):

* ``act_accuracy``: turns whose predicted set of act *types* equals the gold set. Order and
  duplicates do not count; one missing or one extra type makes the turn wrong.
* ``act_target_accuracy``: of the gold acts that name shown positions (``product: 2``,
  ``products: [1, 2]``), the share whose predicted act of the same type names the same ones.
* ``answer_accuracy``: product-question turns whose predicted ``answer`` has the gold
  verdict, the gold product (when the gold names one) and a ``fact`` that contains the gold
  fact (case-insensitive substring). No answer at all is wrong. A gold fact may point at what
  was shown (``"$shown[2].colour"``); when nothing was shown there, the turn is counted in
  ``answer_unresolved`` and left out of the rate (both numbers are reported).
* ``list_unchanged_rate``: turns marked ``list_unchanged`` whose shown ids equal the
  previous turn's, in order. A customer-service answer (``Reply.is_service``: a policy, an
  order, a hand-off) carries no cards of its own and the UI keeps the list on screen, so
  its list is the previous one; ``list_unchanged_service_turns`` counts the turns scored
  that way (a product question wrongly answered by the service still fails its act).

>>> score_acts([GoldAct("ask_about")], [{"type": "ask_about", "product": 2}])
True
>>> score_acts([GoldAct("ask_about")], [{"type": "ask_about"}, {"type": "refine"}])
False
>>> score_answer(GoldAnswer("no", "orange"), {"verdict": "no", "fact": "Orange, olive"})
True
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from eval.schema import SuiteError

# The closed set of the acts contract (issue 13); gold files are checked against it.
ACT_TYPES = ("search", "refine", "ask_about", "compare", "more_like", "show_more", "cheaper", "pricier",
             "not_carried", "shop_question", "greeting", "chitchat", "reset")
VERDICTS = ("yes", "no", "unknown", "value")
_SHOWN = re.compile(r"^\$shown\[(\d+)\]\.([A-Za-z_][\w]*)$")


@dataclass(frozen=True)
class GoldAct:
    """One expected act: its type, and the shown positions it must refer to (if the gold says)."""

    type: str
    product: int | None = None
    products: tuple[int, ...] = ()

    @property
    def has_target(self) -> bool:
        return self.product is not None or bool(self.products)


@dataclass(frozen=True)
class GoldAnswer:
    """The expected answer to a product question. ``fact`` None: not checked (``unknown``)."""

    verdict: str
    fact: str | None = None
    product_id: str | None = None


def parse_gold_acts(raw: Any, where: str) -> tuple[GoldAct, ...]:
    """``[ask_about]`` or ``[{type: compare, products: [1, 2]}]`` → ``GoldAct``s (validated)."""
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise SuiteError(f"{where}: `acts` must be a non-empty list of act types")
    out = []
    for item in raw:
        spec = item if isinstance(item, dict) else {"type": item}
        kind = str(spec.get("type", "")).strip()
        if kind not in ACT_TYPES:
            raise SuiteError(f"{where}: unknown act type {kind!r} (one of {', '.join(ACT_TYPES)})")
        extra = set(spec) - {"type", "product", "products"}
        if extra:
            raise SuiteError(f"{where}: unknown act keys {sorted(extra)} (allowed: type, product, products)")
        product = spec.get("product")
        products = spec.get("products") or []
        if product is not None and (not isinstance(product, int) or product < 1):
            raise SuiteError(f"{where}: act `product` is a 1-based position, got {product!r}")
        if not isinstance(products, list) or not all(isinstance(p, int) and p >= 1 for p in products):
            raise SuiteError(f"{where}: act `products` must be a list of 1-based positions")
        out.append(GoldAct(kind, product, tuple(products)))
    return tuple(out)


def parse_gold_answer(raw: Any, where: str) -> GoldAnswer:
    if not isinstance(raw, dict):
        raise SuiteError(f"{where}: `answer` must be a mapping with verdict (and fact, product_id)")
    extra = set(raw) - {"verdict", "fact", "product_id"}
    if extra:
        raise SuiteError(f"{where}: unknown answer keys {sorted(extra)} (allowed: verdict, fact, product_id)")
    verdict = raw.get("verdict")
    # YAML 1.1 reads a bare yes/no as a boolean; accept it rather than make every file quote it
    if isinstance(verdict, bool):
        verdict = "yes" if verdict else "no"
    if verdict not in VERDICTS:
        raise SuiteError(f"{where}: answer.verdict must be one of {', '.join(VERDICTS)}, got {verdict!r}")
    fact = raw.get("fact")
    if verdict in ("yes", "no", "value") and (fact is None or str(fact).strip() == ""):
        raise SuiteError(f"{where}: a {verdict!r} answer needs the deciding catalog `fact`")
    pid = raw.get("product_id")
    return GoldAnswer(str(verdict), None if fact is None else str(fact), None if pid is None else str(pid))


# ---------------------------------------------------------------- predictions (duck-typed)

def _get(obj: Any, key: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def _plain(value: Any) -> Any:
    """An enum member → its value; everything else unchanged."""
    return getattr(value, "value", value)


def act_json(act: Any) -> dict[str, Any]:
    """A predicted act (a mapping, or an object with ``to_json()`` or attributes) → its JSON."""
    if hasattr(act, "to_json"):
        act = act.to_json()
    if isinstance(act, Mapping):
        out = {k: _plain(v) for k, v in act.items()}
    else:
        out = {k: _plain(getattr(act, k)) for k in ("type", "product", "products", "aspect", "value", "slots")
               if getattr(act, k, None) is not None}
    out["type"] = str(_plain(out.get("type")) or "")
    return out


def answer_json(answer: Any) -> dict[str, Any] | None:
    if answer is None:
        return None
    if hasattr(answer, "to_json"):
        answer = answer.to_json()
    if isinstance(answer, Mapping):
        return {k: _plain(v) for k, v in answer.items()}
    return {k: _plain(getattr(answer, k, None)) for k in ("product_id", "aspect", "verdict", "fact", "text")}


def predicted_acts(reply: Any) -> list[dict[str, Any]] | None:
    """The reply's acts as JSON, or None when the assistant emits none (no ``acts`` at all)."""
    acts = getattr(reply, "acts", None)
    if acts is None:
        return None
    return [act_json(a) for a in acts]


def predicted_answer(reply: Any) -> dict[str, Any] | None:
    return answer_json(getattr(reply, "answer", None))


# ---------------------------------------------------------------- scoring

def score_acts(gold: Sequence[GoldAct], predicted: Sequence[Mapping[str, Any]] | None) -> bool:
    """True when the predicted act-type set equals the gold one."""
    return {g.type for g in gold} == {str(p.get("type")) for p in (predicted or [])}


def target_hits(gold: Sequence[GoldAct], predicted: Sequence[Mapping[str, Any]] | None) -> tuple[int, int]:
    """(right, total) over gold acts that name shown positions."""
    right = total = 0
    for g in gold:
        if not g.has_target:
            continue
        total += 1
        for p in predicted or []:
            if str(p.get("type")) != g.type:
                continue
            if g.product is not None and p.get("product") == g.product:
                right += 1
                break
            if g.products and sorted(p.get("products") or []) == sorted(g.products):
                right += 1
                break
    return right, total


def resolve_fact(fact: str | None, previous_shown: Sequence[Any]) -> str | None:
    """``"$shown[2].colour"`` → the attribute of the 2nd product shown before this turn.

    Any product field (``title``, ``brand``, ``price``) or attribute key works; list values
    are joined with ", ". Raises ``LookupError`` when there is no such product or value.
    """
    if fact is None or not fact.startswith("$"):
        return fact
    m = _SHOWN.match(fact.strip())
    if not m:
        raise SuiteError(f"bad answer fact reference {fact!r} (expected $shown[N].field)")
    index, key = int(m.group(1)) - 1, m.group(2)
    if index >= len(previous_shown):
        raise LookupError(fact)
    product = previous_shown[index]
    value = product.attributes.get(key) if key in getattr(product, "attributes", {}) else getattr(product, key, None)
    if value is None or value == "" or value == []:
        raise LookupError(fact)
    return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)


def score_answer(gold: GoldAnswer, predicted: Mapping[str, Any] | None, fact: str | None = None) -> bool:
    """Verdict equal, product equal (when gold names one), gold fact inside the predicted fact.

    ``fact``: the gold fact already resolved (defaults to ``gold.fact``).
    """
    if not predicted:
        return False
    if str(predicted.get("verdict") or "").lower() != gold.verdict:
        return False
    if gold.product_id is not None and str(predicted.get("product_id")) != gold.product_id:
        return False
    want = gold.fact if fact is None else fact
    if want is None:
        return True
    got = predicted.get("fact")
    return got is not None and " ".join(want.lower().split()) in " ".join(str(got).lower().split())


ANSWER_FAIL_STAGES = ("missing", "product", "verdict", "fact")


def answer_fail_stage(gold: GoldAnswer, predicted: Mapping[str, Any] | None) -> str:
    """Where a wrong answer went wrong, in pipeline order: no answer at all (the message was not
    read as a question about a product), another product, the wrong verdict, or the right verdict
    without the deciding fact. Aggregate counts only: they say which stage to work on without
    showing a blind split's text.

    >>> answer_fail_stage(GoldAnswer("no", "orange", "P1"), {"verdict": "no", "product_id": "P2"})
    'product'
    >>> answer_fail_stage(GoldAnswer("no", "orange", "P1"), {"verdict": "yes", "product_id": "P1"})
    'verdict'
    >>> answer_fail_stage(GoldAnswer("no", "orange"), None)
    'missing'
    """
    if not predicted:
        return "missing"
    if gold.product_id is not None and str(predicted.get("product_id")) != gold.product_id:
        return "product"
    if str(predicted.get("verdict") or "").lower() != gold.verdict:
        return "verdict"
    return "fact"


@dataclass
class ActTally:
    """Accumulates the act, answer and list-unchanged scores of scripted turns."""

    act_turns: int = 0
    act_right: int = 0
    acts_missing: int = 0          # turns with gold acts where the reply carried no ``acts`` at all
    target: list[int] = field(default_factory=lambda: [0, 0])
    answer_turns: int = 0
    answer_right: int = 0
    answer_unresolved: int = 0
    answers_missing: int = 0
    answer_by_verdict: Counter = field(default_factory=Counter)       # gold verdict -> turns
    answer_right_by_verdict: Counter = field(default_factory=Counter)
    answer_fail_stage: Counter = field(default_factory=Counter)       # where a wrong answer went wrong
    verdict_confusion: Counter = field(default_factory=Counter)       # (gold, predicted) verdicts, right product
    unchanged: list[int] = field(default_factory=lambda: [0, 0])
    kept_by_service: int = 0       # list_unchanged turns answered by customer service (no cards of their own)
    gold_types: Counter = field(default_factory=Counter)
    pred_types: Counter = field(default_factory=Counter)
    hit_types: Counter = field(default_factory=Counter)

    def add(self, expect: Any, reply: Any, previous_shown: Sequence[Any]) -> list[str]:
        """Score one turn; ``previous_shown``: the products shown after the turn before (in order).

        Returns human-readable failures for the report.
        """
        failures: list[str] = []
        gold_acts = getattr(expect, "acts", None)
        if gold_acts:
            acts = predicted_acts(reply)
            self.act_turns += 1
            self.acts_missing += int(acts is None)
            ok = score_acts(gold_acts, acts)
            self.act_right += int(ok)
            gold_set = {g.type for g in gold_acts}
            pred_set = {str(a.get("type")) for a in acts or []}
            self.gold_types.update(gold_set)
            self.pred_types.update(pred_set)
            self.hit_types.update(gold_set & pred_set)
            if not ok:
                failures.append(f"acts: expected {sorted(gold_set)}, got {sorted(pred_set) if acts is not None else None}")
            right, total = target_hits(gold_acts, acts)
            self.target[0] += right
            self.target[1] += total
            if right < total:
                failures.append("acts: wrong shown product referred to")
        gold_answer = getattr(expect, "answer", None)
        if gold_answer is not None:
            try:
                fact = resolve_fact(gold_answer.fact, previous_shown)
            except LookupError:
                self.answer_unresolved += 1
                failures.append(f"answer: gold {gold_answer.fact} has nothing shown to refer to")
            else:
                predicted = predicted_answer(reply)
                self.answer_turns += 1
                self.answers_missing += int(predicted is None)
                ok = score_answer(gold_answer, predicted, fact)
                self.answer_right += int(ok)
                self.answer_by_verdict[gold_answer.verdict] += 1
                self.answer_right_by_verdict[gold_answer.verdict] += int(ok)
                if not ok:
                    stage = answer_fail_stage(gold_answer, predicted)
                    self.answer_fail_stage[stage] += 1
                    if stage == "verdict":
                        self.verdict_confusion[(gold_answer.verdict, str(predicted.get("verdict")).lower())] += 1
                    failures.append(f"answer: expected {gold_answer.verdict} / {fact!r}"
                                    f"{' on ' + gold_answer.product_id if gold_answer.product_id else ''}, got "
                                    f"{None if predicted is None else (predicted.get('verdict'), predicted.get('fact'), predicted.get('product_id'))}")
        if getattr(expect, "list_unchanged", False):
            before = [p.id for p in previous_shown]
            after = [s.product.id for s in reply.products]
            if not after and getattr(reply, "is_service", False):
                after = before          # a shop answer: the cards on screen stay (the UI keeps them)
                self.kept_by_service += 1
            ok = before == after
            self.unchanged[0] += int(ok)
            self.unchanged[1] += 1
            if not ok:
                failures.append("the shown list changed on a turn that should leave it as it was")
        return failures

    def metrics(self) -> dict[str, float]:
        m: dict[str, float] = {}
        if self.act_turns:
            m["act_accuracy"] = self.act_right / self.act_turns
            m["act_turns"] = float(self.act_turns)
            m["acts_missing"] = float(self.acts_missing)
            for kind in sorted(self.gold_types):
                m[f"act_recall.{kind}"] = self.hit_types[kind] / self.gold_types[kind]
            for kind in sorted(self.pred_types):
                m[f"act_precision.{kind}"] = self.hit_types[kind] / self.pred_types[kind]
        if self.target[1]:
            m["act_target_accuracy"] = self.target[0] / self.target[1]
        if self.answer_turns or self.answer_unresolved:
            m["answer_accuracy"] = self.answer_right / self.answer_turns if self.answer_turns else 0.0
            m["answer_turns"] = float(self.answer_turns)
            m["answer_unresolved"] = float(self.answer_unresolved)
            m["answers_missing"] = float(self.answers_missing)
            for verdict in sorted(self.answer_by_verdict):
                m[f"answer_accuracy.{verdict}"] = self.answer_right_by_verdict[verdict] / self.answer_by_verdict[verdict]
            for stage in ANSWER_FAIL_STAGES:
                m[f"answer_fail.{stage}"] = float(self.answer_fail_stage[stage])
            for (gold, got), n in sorted(self.verdict_confusion.items()):
                m[f"answer_verdict.{gold}_as_{got}"] = float(n)
        if self.unchanged[1]:
            m["list_unchanged_rate"] = self.unchanged[0] / self.unchanged[1]
            m["list_unchanged_service_turns"] = float(self.kept_by_service)
        return m
