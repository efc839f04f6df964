"""Portrait suite evaluation: slot precision/recall/F1 and hard-constraint accuracy.

Drives scripted conversations (``eval/suites/portrait``) through the real assistant in
``--no-reply`` mode (portrait + retrieval, no guide text) — or, without an assistant,
through the rule extractor alone — and scores the portrait after every turn against the
gold slots with ``eval.slots`` (definitions there). Primary metric: ``slot_f1``.

Gold values that depend on what was shown are resolved against the products the
assistant actually showed: ``"$shown[2].price - 0.01"`` (previous turn, position 2),
``"$turn1.shown[min].price"`` (after user turn 1, cheapest), ``"$shown[1].brand"``.

    python -m eval.portrait_eval --home /path/to/copy/of/.shopguide          # JSON metrics
    python -m eval.portrait_eval --blind --no-llm --home ...   # dev and blind split side by side
    from eval.portrait_eval import evaluate_portrait_suite
    metrics = evaluate_portrait_suite("eval/suites/portrait", assistant_factory=lambda: bot)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from eval.conversations import SUITES_DIR, gold_slots, load_suite, resolve_suite_path
from eval.slots import SlotTally

PRIMARY_METRIC = "slot_f1"
DEFAULT_SUITE = SUITES_DIR / "portrait"
BLIND_SUITE = SUITES_DIR / "webshop-blind"   # labelled before the code ran on it; never tune on it
_REF = re.compile(r"^\$(?:turn(\d+)\.)?shown\[(\d+|min|max|last)\]\.(price|brand|colour)(?:\s*([-+])\s*([\d.]+))?$")


class UnresolvedReference(ValueError):
    """A gold value points at a shown product that does not exist (nothing was shown)."""


def resolve(value: Any, shown_by_turn: list[list[Any]], turn: int) -> Any:
    """``"$shown[2].price - 0.01"`` → a number from the products shown before ``turn`` (0-based)."""
    if not isinstance(value, str) or not value.startswith("$"):
        return value
    m = _REF.match(value.strip())
    if not m:
        raise ValueError(f"bad shown reference {value!r} (expected $shown[N].price|brand|colour [- x])")
    k = int(m.group(1)) - 1 if m.group(1) else turn - 1
    products = shown_by_turn[k] if 0 <= k < len(shown_by_turn) else []
    if not products:
        raise UnresolvedReference(value)
    pos = m.group(2)
    if pos in ("min", "max"):
        priced = [p for p in products if p.price is not None]
        product = (min if pos == "min" else max)(priced, key=lambda p: p.price)
    else:
        index = len(products) - 1 if pos == "last" else int(pos) - 1
        if index >= len(products):
            raise UnresolvedReference(value)
        product = products[index]
    attr = m.group(3)
    out: Any = product.price if attr == "price" else product.brand if attr == "brand" else str(product.attributes.get("colour"))
    if m.group(4):
        delta = float(m.group(5))
        out = round(out - delta if m.group(4) == "-" else out + delta, 2)
    return out


def _resolved_gold(raw_expect: dict[str, Any], shown_by_turn: list[list[Any]], turn: int) -> dict[str, Any]:
    gold = gold_slots(raw_expect["portrait"])
    for slot, value in list(gold.items()):
        if isinstance(value, list):
            gold[slot] = [resolve(v, shown_by_turn, turn) for v in value]
    for slot, expr in (raw_expect.get("shown_refs") or {}).items():
        gold[slot] = resolve(expr, shown_by_turn, turn)
    return gold


@dataclass
class PortraitReport:
    metrics: dict[str, float]
    failures: list[dict[str, Any]] = field(default_factory=list)


def _raw_conversations(path: Path) -> dict[str, dict[str, Any]]:
    """Raw YAML per conversation id (``shown_refs`` is not kept by the shared loader)."""
    import yaml

    files = [path] if path.is_file() else sorted(p for p in path.rglob("*.y*ml"))
    out = {}
    for f in files:
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or []
        for conv in data if isinstance(data, list) else []:   # mappings (blind, shopper) have no raw turns
            out[str(conv["id"])] = conv
    return out


def run_portrait_suite(path: str | Path = DEFAULT_SUITE, assistant_factory: Callable[[], Any] | None = None,
                       extractor: Callable[[Any, str, int], Any] | None = None) -> PortraitReport:
    """Score every turn with a portrait gold; see the module docstring.

    Give ``assistant_factory`` (→ an ``Assistant``; each conversation gets a fresh session)
    or ``extractor(portrait, text, turn)`` (rules only: turns whose gold needs shown
    products are skipped and counted in ``skipped_turns``).
    """
    if (assistant_factory is None) == (extractor is None):
        raise ValueError("give exactly one of assistant_factory or extractor")
    path = resolve_suite_path(path)
    suite = load_suite(path)
    raw = _raw_conversations(path)
    tally = SlotTally()
    failures: list[dict[str, Any]] = []
    bot = assistant_factory() if assistant_factory else None
    skipped = shown_checked = shown_bad = 0
    portrait_ms: list[float] = []
    started = time.perf_counter()
    for conv in suite.conversations:
        session = f"portrait-eval-{conv.id}-{int(time.time() * 1000) % 10**9}"
        shown_by_turn: list[list[Any]] = []
        matches: list[Any] = []           # shown products presented as matches (not labelled alternatives)
        portrait_obj = None
        for t, turn in enumerate(conv.turns):
            if bot is not None:
                reply = bot.chat(turn.user, session_id=session, reply=False)
                portrait = reply.portrait
                shown_by_turn.append([s.product for s in reply.products])
                matches = [s.product for s in reply.products if not getattr(s, "violates", None)]
                portrait_ms.append(float(reply.timings_ms.get("portrait_ms", 0.0)))
            else:
                from assistant.portrait.model import Portrait

                portrait_obj = portrait_obj or Portrait()
                t0 = time.perf_counter()
                extractor(portrait_obj, turn.user, t)
                portrait_ms.append((time.perf_counter() - t0) * 1000)
                portrait = portrait_obj.to_json()
                shown_by_turn.append([])
            if turn.expect.portrait is None:
                continue
            try:
                if conv.id in raw:
                    gold = _resolved_gold(raw[conv.id]["turns"][t].get("expect") or {}, shown_by_turn[:-1], t)
                else:   # a blind suite: gold without references to shown products
                    gold = dict(turn.expect.portrait)
            except UnresolvedReference:
                skipped += 1
                continue
            scored = tally.add(gold, portrait)
            wrong = {s: c for s, c in scored.items() if c[1] or c[2]}
            if wrong:
                failures.append({"id": conv.id, "turn": t + 1, "user": turn.user, "wrong": sorted(wrong),
                                 "gold": {s: gold[s] for s in wrong},
                                 "got": {s: _flat(portrait).get(s) for s in wrong}})
            if bot is not None:
                for product in matches:
                    shown_checked += 1
                    shown_bad += int(bool(_violates(product, gold)))
    metrics = tally.metrics()
    metrics.update({
        "conversations": float(len(suite.conversations)),
        "turns": float(sum(len(c.turns) for c in suite.conversations)),
        "skipped_turns": float(skipped),
        "portrait_ms_mean": sum(portrait_ms) / len(portrait_ms) if portrait_ms else 0.0,
        "portrait_ms_max": max(portrait_ms) if portrait_ms else 0.0,
        "seconds": time.perf_counter() - started,
    })
    if bot is not None:
        # products shown as matches that break a gold hard constraint (labelled alternatives excluded)
        metrics["shown_products_checked"] = float(shown_checked)
        metrics["shown_gold_violation_rate"] = shown_bad / shown_checked if shown_checked else 0.0
        llm = getattr(bot, "portrait_llm", None)
        if llm is not None:
            metrics.update({"llm_calls": float(llm.calls), "llm_failures": float(llm.failures),
                            "llm_timeouts": float(getattr(llm, "timeouts", 0)), "llm_seconds": llm.seconds})
    return PortraitReport(metrics, failures)


def evaluate_portrait_suite(path: str | Path = DEFAULT_SUITE, assistant_factory: Callable[[], Any] | None = None,
                            extractor: Callable[[Any, str, int], Any] | None = None) -> dict[str, float]:
    """The evaluator's one shape: ``dict[str, float]``, primary metric ``slot_f1``."""
    return run_portrait_suite(path, assistant_factory=assistant_factory, extractor=extractor).metrics


def _flat(portrait: dict[str, Any]) -> dict[str, Any]:
    from eval.slots import predicted_slots

    return predicted_slots(portrait)


def _violates(product: Any, gold: dict[str, Any]) -> list[str]:
    """Gold hard constraints a shown product breaks (budget, excluded brands)."""
    out = []
    price = product.price
    if gold.get("budget.max") is not None and (price is None or price > gold["budget.max"] + 0.01):
        out.append("over budget")
    if gold.get("budget.min") is not None and (price is None or price < gold["budget.min"] - 0.01):
        out.append("under minimum")
    if product.brand.lower() in {b.lower() for b in gold.get("brands.excluded") or []}:
        out.append("excluded brand")
    return out


def rules_extractor(vocab: Any) -> Callable[[Any, str, int], Any]:
    """An ``extractor`` for ``run_portrait_suite`` using the rules only (no index, no LLM)."""
    from assistant.portrait.dialogue import apply_turn

    return lambda portrait, text, turn: apply_turn(portrait, text, turn, vocab)


def build_assistant(home: str | Path | None, use_llm: bool = True, sessions_dir: str | Path | None = None):
    """The real assistant over ``home``'s index, with its session store in a scratch folder."""
    import tempfile

    from assistant import Assistant
    from assistant.config import load_settings
    from assistant.sessions import SessionStore

    settings = load_settings(home=home, overrides={} if use_llm else {"understanding.llm": False})
    bot = Assistant.from_config(settings=settings)
    scratch = Path(sessions_dir or tempfile.mkdtemp(prefix="portrait-eval-"))
    bot.sessions = SessionStore(scratch / "sessions.sqlite")
    return bot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.portrait_eval", description=__doc__.split("\n")[0])
    parser.add_argument("--suite", default=str(DEFAULT_SUITE))
    parser.add_argument("--home", default=None, help="data directory with an index (default: $SHOPGUIDE_HOME)")
    parser.add_argument("--no-llm", action="store_true", help="rules only, no LLM fallback")
    parser.add_argument("--failures", action="store_true", help="also print the turns with wrong slots")
    parser.add_argument("--blind", action="store_true",
                        help=f"also run the blind split ({BLIND_SUITE.name}) and report dev and blind side by side")
    args = parser.parse_args(argv)
    report = run_portrait_suite(args.suite, assistant_factory=lambda: build_assistant(args.home, not args.no_llm))
    out: dict[str, Any] = {"primary_metric": PRIMARY_METRIC, "metrics": report.metrics}
    if args.failures:
        out["failures"] = report.failures
    if args.blind:
        blind = run_portrait_suite(BLIND_SUITE, assistant_factory=lambda: build_assistant(args.home, not args.no_llm))
        out = {"primary_metric": PRIMARY_METRIC, "dev": out, "blind": {"metrics": blind.metrics}}
        if args.failures:
            out["blind"]["failures"] = blind.failures
        keys = ("slot_f1", "slot_precision", "slot_recall", "hard_constraint_accuracy", "slot_f1.category",
                "slot_f1.attributes.wanted", "slot_f1.brands.liked", "slot_f1.recipient", "slot_turns")
        out["side_by_side"] = {k: {"dev": report.metrics.get(k), "blind": blind.metrics.get(k)} for k in keys}
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
