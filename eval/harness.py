"""Drive a real ``Assistant`` through a suite and compute one flat metrics dict.

The harness is backend-agnostic: it talks to ``Assistant.chat`` exactly like the CLI
does, so whatever LLM the settings configure (bundled SmolLM2, a local GPU model, an
OpenAI-compatible server, the fake) is what gets measured. Three kinds of work:

* scripted conversations — per-turn checks (portrait slots, hard constraints, products
  that must / must not appear, facts the guide must mention);
* simulated shoppers — whole conversations (``eval.simulator``): success@k, turns to
  success, constraint violations;
* judged queries — nDCG / recall on graded judgments (``eval.judged``).

Every reply also feeds the latency percentiles (``Reply.timings_ms`` per stage),
the fallback rate, the grounding-violation count, ``llm_text_kept_rate`` (replies whose
LLM prose was kept, over replies that asked the LLM) and the independent audit of the
kept prose (``eval.audit``: ``audit_flagged`` claims, ``audit_flagged_rate`` replies).

    from eval.harness import RunOptions, run_suite
    result = run_suite(assistant, load_suite("smoke"), RunOptions(limit=3))
    result.metrics["slot_f1"]
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from assistant.errors import BackendError
from eval.acts import ActTally, predicted_acts, predicted_answer
from eval.audit import audit_prose, portrait_words
from eval.conversations import Constraints, Conversation, Expect, Suite
from eval.simulator import ShopperSuite, SimulatedShopper
from eval.slots import SlotTally, predicted_slots
from retrieval.catalog.product import Product
from retrieval.query import Query, category_matches

STAGES = ("portrait_ms", "retrieval_ms", "rerank_ms", "first_token_ms", "total_ms")


@dataclass(frozen=True)
class RunOptions:
    """``limit``: at most N conversations / shoppers / queries of each kind, drawn with ``seed``."""

    limit: int | None = None
    seed: int = 0
    reply: bool = True           # False: portrait + retrieval only (no LLM text)
    progress: bool | None = None  # None: bars only on a terminal


@dataclass
class RunResult:
    metrics: dict[str, float]
    turns: list[dict[str, Any]] = field(default_factory=list)       # one record per assistant turn
    shoppers: list[dict[str, Any]] = field(default_factory=list)    # one record per simulated shopper
    queries: list[dict[str, Any]] = field(default_factory=list)     # one record per judged query
    latencies: dict[str, list[float]] = field(default_factory=dict)


def subset(items: list[Any], limit: int | None, seed: int) -> list[Any]:
    """A reproducible subset in the original order: ``limit`` items drawn with ``seed``."""
    if limit is None or limit >= len(items):
        return list(items)
    keep = sorted(random.Random(seed).sample(range(len(items)), max(0, limit)))
    return [items[i] for i in keep]


def constraint_violations(product: Product, c: Constraints) -> list[str]:
    """What ``product`` breaks of the expected hard constraints (checked by eval, not trusted)."""
    lo, hi = c.min_price, c.max_price
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    query = Query(text="", min_price=lo, max_price=hi, brands_exclude=c.brands_excluded,
                  attributes_required=c.attributes_required, in_stock=c.in_stock)
    out = query.violations(product)
    if c.category and not category_matches(product.category, (c.category,)):
        out.append(f"category {product.category} is not {c.category}")
    return out


class Tally:
    """Accumulates per-reply observations into the flat metrics."""

    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.replies = self.llm_replies = self.fallbacks = 0
        self.grounding = self.replies_with_issues = self.errors = 0
        self.asked_llm = self.kept_llm = 0      # replies whose prose the LLM was asked for / whose LLM prose was kept
        self.audit_flagged = self.audited_with_flags = 0
        self.slots = SlotTally()
        self.acts = ActTally()
        self.checked = self.violating = self.constraint_turns = self.violating_turns = self.flagged = 0
        self.skipped_slot_turns = 0
        self.must_show = [0, 0]
        self.must_not_show = [0, 0]
        self.show_category = [0, 0]
        self.guide = [0, 0]

    def observe(self, reply, llm: bool, said: str = "") -> list[str]:
        """Count one reply; returns the audit's flags on its kept LLM prose (``said``: the shopper's words)."""
        self.replies += 1
        flags: list[str] = []
        for stage, value in reply.timings_ms.items():
            if stage in STAGES or stage.endswith("_ms"):
                self.latency[stage].append(float(value))
        if llm:
            self.llm_replies += 1
            self.fallbacks += int(reply.fallback)
            self.grounding += len(reply.grounding_issues)
            self.replies_with_issues += int(bool(reply.grounding_issues))
            prose = kept_llm_prose(reply)
            self.asked_llm += int(bool(getattr(reply, "prose", "")))
            if prose:
                self.kept_llm += 1
                flags = audit_reply(reply, said)
                self.audit_flagged += len(flags)
                self.audited_with_flags += int(bool(flags))
        return flags

    def check_constraints(self, shown: list, c: Constraints) -> list[str]:
        """Check ``ShownProduct``s; ones the assistant itself labels as violating (``violates``,
        an honest "closest alternative") are counted as flagged, not as violations."""
        failures = []
        for s in shown:
            broken = constraint_violations(s.product, c)
            if broken and getattr(s, "violates", None):
                self.flagged += 1
            elif broken:
                failures.append(f"{s.product.id} violates: {'; '.join(broken)}")
        self.constraint_turns += 1
        self.violating_turns += int(bool(failures))
        self.checked += len(shown)
        self.violating += len(failures)
        return failures

    def check(self, reply, expect: Expect, llm: bool, earlier: list[list[Product]] | None = None) -> list[str]:
        """Score one scripted turn; returns human-readable failures for the report.

        ``earlier``: products shown after each earlier turn, for gold slots that refer to
        them ("$shown[1].brand", resolved by ``eval.portrait_eval``)."""
        failures: list[str] = []
        shown = [s.product for s in reply.products]
        ids = [p.id for p in shown]
        failures += self.acts.add(expect, reply, earlier[-1] if earlier else [])
        gold = resolved_gold(expect, earlier or [])
        if expect.portrait is not None and gold is None:
            self.skipped_slot_turns += 1
        if gold is not None:
            for slot, (tp, fp, fn) in self.slots.add(gold, reply.portrait).items():
                if fp or fn:
                    got = predicted_slots(reply.portrait).get(slot)
                    failures.append(f"slot {slot}: expected {gold.get(slot)!r}, got {got!r}")
        if expect.constraints is not None:
            failures += self.check_constraints(reply.products, expect.constraints)
        for pid in expect.must_show_ids:
            ok = pid in ids
            self.must_show[0] += int(ok)
            self.must_show[1] += 1
            if not ok:
                failures.append(f"{pid} should be shown")
        for pid in expect.must_not_show_ids:
            bad = pid in ids
            self.must_not_show[0] += int(bad)
            self.must_not_show[1] += 1
            if bad:
                failures.append(f"{pid} must not be shown")
        if expect.show_category:
            ok = any(category_matches(p.category, (expect.show_category,)) for p in shown)
            self.show_category[0] += int(ok)
            self.show_category[1] += 1
            if not ok:
                failures.append(f"no shown product is in {expect.show_category}")
        if llm:
            text = kept_llm_prose(reply).lower()   # the code-rendered header already names the category
            for fact in expect.guide_mentions:
                ok = fact.lower() in text
                self.guide[0] += int(ok)
                self.guide[1] += 1
                if not ok:
                    failures.append(f"guide does not mention {fact!r}")
        return failures

    def metrics(self) -> dict[str, float]:
        m: dict[str, float] = {"replies": float(self.replies), "errors": float(self.errors)}
        m.update(self.slots.metrics())
        m.update(self.acts.metrics())
        if self.skipped_slot_turns:
            m["slot_turns_skipped"] = float(self.skipped_slot_turns)
        if self.llm_replies:
            m["fallback_rate"] = self.fallbacks / self.llm_replies
            m["grounding_violations"] = float(self.grounding)
            m["grounding_violation_rate"] = self.replies_with_issues / self.llm_replies
        if self.asked_llm:
            m["llm_text_kept_rate"] = self.kept_llm / self.asked_llm
            m["audit_flagged"] = float(self.audit_flagged)
        if self.kept_llm:
            m["audit_flagged_rate"] = self.audited_with_flags / self.kept_llm
        if self.constraint_turns:
            m["constraint_violation_rate"] = self.violating / self.checked if self.checked else 0.0
            m["constraint_violation_turn_rate"] = self.violating_turns / self.constraint_turns
            m["flagged_alternatives"] = float(self.flagged)
        for name, (hit, total) in (("must_show_rate", self.must_show), ("show_category_rate", self.show_category),
                                   ("guide_mention_rate", self.guide),
                                   ("must_not_show_violation_rate", self.must_not_show)):
            if total:
                m[name] = hit / total
        for stage, values in self.latency.items():
            m[f"{stage}_p50"] = percentile(values, 50)
            m[f"{stage}_p95"] = percentile(values, 95)
        return m


def resolved_gold(expect: Expect, earlier: list[list[Product]]) -> dict[str, Any] | None:
    """The turn's gold slots with references to shown products resolved; None when unresolvable."""
    if expect.portrait is None or not expect.has_references:
        return expect.portrait
    try:
        from eval.portrait_eval import UnresolvedReference, resolve
    except ImportError:
        return None
    gold = dict(expect.portrait)
    turn = len(earlier)
    try:
        for slot, value in gold.items():
            if isinstance(value, list):
                gold[slot] = [resolve(v, earlier, turn) for v in value]
        for slot, expr in expect.shown_refs:
            gold[slot] = resolve(expr, earlier, turn)
    except (UnresolvedReference, ValueError):
        return None
    return gold


def percentile(values: list[float], q: float) -> float:
    """numpy's linear-interpolated percentile (``q`` in 0–100); 0.0 for no values.

    >>> percentile([1, 2, 3, 4], 50), percentile([10, 20], 95)
    (2.5, 19.5)
    """
    if not values:
        return 0.0
    import numpy as np

    return float(np.percentile(values, q))


def kept_llm_prose(reply) -> str:
    """The LLM-written prose that reached the shopper: empty when no LLM text was asked for or
    it was replaced by the code-built fallback sentence."""
    return "" if reply.fallback else getattr(reply, "prose", "")


def audit_reply(reply, said: str = "") -> list[str]:
    """The independent audit (``eval.audit``) of a reply's kept LLM prose against its shown matches.

    Labelled alternatives (``violates``) are not described by the prose, so they are no evidence.
    """
    prose = kept_llm_prose(reply)
    shown = [s.product for s in reply.products if not s.violates]
    if not prose:
        return []
    return [f.message() for f in audit_prose(prose, shown, said + " " + portrait_words(reply.portrait))]


def _say(assistant, tally: Tally, text: str, session: str, reply: bool):
    try:
        answer = assistant.chat(text, session_id=session, reply=reply)
    except BackendError as exc:
        tally.errors += 1
        print(f"eval: backend error on {text[:40]!r}: {exc}", file=sys.stderr)
        return None
    if (getattr(answer, "fallback_reason", None) or "").startswith("llm_"):
        # the turn answered from catalog facts because the backend failed: an error of the run, not a
        # quality fallback (a dead backend must not read as a 100% fallback rate with 0 errors)
        tally.errors += 1
        print(f"eval: backend {answer.fallback_reason} on {text[:40]!r}", file=sys.stderr)
    return answer


def run_conversation(assistant, conv: Conversation, tally: Tally, reply: bool) -> list[dict[str, Any]]:
    session = assistant.new_session()
    records = []
    earlier: list[list[Product]] = []
    said: list[str] = []
    for i, turn in enumerate(conv.turns):
        said.append(turn.user)
        r = _say(assistant, tally, turn.user, session, reply)
        if r is None:
            records.append({"conversation": conv.id, "turn": i, "user": turn.user, "failures": ["backend error"]})
            break
        audit = tally.observe(r, reply, " ".join(said))
        failures = tally.check(r, turn.expect, reply, earlier)
        # a shop answer shows no cards of its own: the list on screen (what "the second one" means) stays
        kept = not r.products and getattr(r, "is_service", False) and bool(earlier)
        earlier.append(earlier[-1] if kept else [s.product for s in r.products])
        records.append({"kind": "scripted", "conversation": conv.id, "tags": list(conv.tags), "turn": i,
                        "user": turn.user, "shown": [s.product.id for s in r.products], "fallback": r.fallback,
                        "grounding_issues": list(r.grounding_issues), "portrait": r.portrait,
                        "acts": predicted_acts(r), "answer": predicted_answer(r),
                        "timings_ms": {k: round(v, 1) for k, v in r.timings_ms.items()},
                        "reply": r.text, "prose": r.prose, "audit": audit, "failures": failures})
    return records


def run_shopper(assistant, shopper: SimulatedShopper, suite: ShopperSuite, tally: Tally,
                reply: bool) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One simulated conversation until success or ``max_turns``."""
    session = assistant.new_session()
    first: dict[int, int | None] = {k: None for k in suite.ks}
    violations: list[str] = []
    turns: list[dict[str, Any]] = []
    message: str | None = shopper.first_message()
    said: list[str] = []
    for turn in range(suite.max_turns):
        if message is None:
            break
        said.append(message)
        r = _say(assistant, tally, message, session, reply)
        if r is None:
            break
        audit = tally.observe(r, reply, " ".join(said))
        shown = [s.product for s in r.products]
        broken = tally.check_constraints(r.products, shopper.constraints())
        violations += [f"turn {turn + 1}: {b}" for b in broken]
        good = [i for i, p in enumerate(shown) if shopper.is_good(p)]
        for k in suite.ks:
            if first[k] is None and good and good[0] < k:
                first[k] = turn + 1
        turns.append({"kind": "shopper", "conversation": shopper.target.id, "turn": turn, "user": message,
                      "shown": [p.id for p in shown], "good": [shown[i].id for i in good],
                      "timings_ms": {k: round(v, 1) for k, v in r.timings_ms.items()}, "reply": r.text,
                      "prose": r.prose, "fallback": r.fallback, "audit": audit,
                      "failures": broken, "portrait": r.portrait, "acts": predicted_acts(r)})
        if good:
            break
        message = shopper.respond(r.text)
    outcome = {"target": shopper.target.id, "turns": len(turns), "violations": violations,
               **{f"first_success@{k}": v for k, v in first.items()}}
    return outcome, turns


def shopper_metrics(outcomes: list[dict[str, Any]], ks: Iterable[int]) -> dict[str, float]:
    if not outcomes:
        return {}
    ks = sorted(set(ks))
    m: dict[str, float] = {"shoppers": float(len(outcomes))}
    for k in ks:
        m[f"success@{k}"] = sum(o.get(f"first_success@{k}") is not None for o in outcomes) / len(outcomes)
    main = 5 if 5 in ks else ks[-1]
    done = [o[f"first_success@{main}"] for o in outcomes if o.get(f"first_success@{main}") is not None]
    if done:
        m["turns_to_success"] = sum(done) / len(done)
    m["shopper_violation_rate"] = sum(bool(o["violations"]) for o in outcomes) / len(outcomes)
    return m


def run_suite(assistant, suite: Suite, options: RunOptions = RunOptions(),
              progress: Callable[[Iterable[Any], str, int], Iterable[Any]] | None = None) -> RunResult:
    """Run everything ``suite`` holds and return the metrics and per-item records."""
    bar = progress or (lambda it, desc, total: it)
    tally = Tally()
    result = RunResult(metrics={})
    convs = subset(suite.conversations, options.limit, options.seed)
    for conv in bar(convs, "conversations", len(convs)):
        result.turns += run_conversation(assistant, conv, tally, options.reply)
    ks: set[int] = set()
    for shopper_suite in suite.shoppers:
        ks.update(shopper_suite.ks)
        targets = subset(list(shopper_suite.targets), options.limit, options.seed)
        for target in bar(targets, f"shoppers ({shopper_suite.name})", len(targets)):
            product = assistant.index.get(target.id)
            if product is None:
                from assistant.errors import InputError

                raise InputError(f"{shopper_suite.source}: target {target.id} is not in the index at "
                                 f"{assistant.settings.index_dir}; shopper suites need the demo catalog "
                                 "(`shopguide index`)")
            outcome, turns = run_shopper(assistant, SimulatedShopper(target, product, options.seed),
                                         shopper_suite, tally, options.reply)
            result.shoppers.append(outcome)
            result.turns += turns
    metrics = tally.metrics()
    metrics.update(shopper_metrics(result.shoppers, ks))
    for judged in suite.judged:
        from eval.judged import evaluate_judged, load_judgments

        judgments = load_judgments(judged.judgments)
        queries = subset(list(judgments), options.limit, options.seed)
        jm, records = evaluate_judged(assistant, judged, queries, judgments,
                                      progress=lambda it: bar(it, f"queries ({judged.name})", len(queries)))
        metrics.update(jm)
        result.queries += records
    metrics["conversations"] = float(len(convs))
    result.metrics = metrics
    result.latencies = {k: list(v) for k, v in tally.latency.items()}
    return result
