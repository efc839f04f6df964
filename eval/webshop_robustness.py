"""Robustness of portrait extraction on the 12,087 real WebShop shopper instructions.

Each instruction is folded into a fresh portrait by the same rules the assistant uses
(``assistant.portrait.dialogue.apply_turn``) with the demo catalog's vocabulary. Reported:
crashes (must be 0), time per extraction, and — for every instruction that states a
price limit, found by an independent pattern ("price lower than 40.00 dollars",
"under $30") — whether the extracted budget equals it. Instructions that state no
price must not get a budget either (``false_budget_rate``): sizes, counts and weights
("at least 14 inches", "about 36 appetizers") are the usual traps.

    python -m eval.webshop_robustness            # prints JSON
    python -m eval.webshop_robustness --path ../shared/data/webshop/human_goals.json --examples 5
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "webshop" / "human_goals.json"
# independent of the extractor's patterns: only unambiguous price statements
_STATED = re.compile(
    r"(?:price\s+(?:lower|less)\s+than|price\s+(?:under|below|up\s+to)|(?:under|below|less\s+than|at\s+most|"
    r"no\s+more\s+than|up\s+to|within|max(?:imum)?(?:\s+of)?)\s+\$?)\s*\$?(\d+(?:\.\d{1,2})?)\s*"
    r"(dollars?|usd|bucks|\$)?", re.I)


def stated_price_limit(text: str) -> float | None:
    """The price ceiling an instruction states unambiguously, else None.

    >>> stated_price_limit("blue shoes, and price lower than 40.00 dollars")
    40.0
    >>> stated_price_limit("at least 14 inches long") is None
    True
    """
    for m in _STATED.finditer(text):
        head = m.group(0).lower()
        if "price" in head or "$" in head or m.group(2):
            return float(m.group(1))
    return None


def demo_vocabulary():
    """The vocabulary the assistant would have over the demo catalog (no index needed)."""
    from assistant.portrait.vocabulary import Vocabulary
    from retrieval.demo.catalog import generate_catalog
    from retrieval.catalog.product import Product

    products = [Product.from_dict(d) for d in generate_catalog(seed=7, n=1600)]
    base: dict[str, set] = {"brands": set(), "categories": set(), "colours": set(), "materials": set(), "features": set()}
    for p in products:
        base["brands"].add(p.brand)
        base["categories"].update(x.strip() for x in p.category.split(">"))
        base["colours"].add(str(p.attributes.get("colour", "")))
        base["materials"].add(str(p.attributes.get("material", "")))
        base["features"].update(p.features)
    return Vocabulary.from_products(products, {k: sorted(v - {""}) for k, v in base.items()})


# the original WebShop goals end with "and price lower than X dollars"; this copy has them
# stripped, so ``--append-price`` puts a limit back in a few phrasings (deterministically)
PRICE_SUFFIXES = (", and price lower than {p:.2f} dollars", " under ${p:g}", ", no more than {p:g} dollars",
                  " - budget is {p:g} bucks", ", price lower than {p:.2f} dollars")
PRICES = (10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 90.0, 100.0, 140.0, 250.0, 500.0)


def with_price(text: str, i: int) -> str:
    return text.rstrip(" .") + PRICE_SUFFIXES[i % len(PRICE_SUFFIXES)].format(p=PRICES[(i * 7) % len(PRICES)])


def run(path: str | Path = DEFAULT_PATH, vocab: Any = None, examples: int = 0,
        append_price: bool = False) -> dict[str, Any]:
    from assistant.portrait.dialogue import apply_turn
    from assistant.portrait.model import Portrait

    instructions = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(instructions, dict):
        instructions = list(instructions.values())
    vocab = vocab or demo_vocabulary()
    apply_turn(Portrait(), "warm up", 0, vocab)          # compile the matcher outside the timings
    times: list[float] = []
    crashes: list[dict[str, str]] = []
    stated = equal = false_budget = 0
    misses: list[dict[str, Any]] = []
    false_examples: list[dict[str, Any]] = []
    for i, text in enumerate(instructions):
        text = with_price(str(text), i) if append_price else str(text)
        portrait = Portrait()
        t0 = time.perf_counter()
        try:
            apply_turn(portrait, text, 0, vocab)
        except Exception as exc:  # counted, never raised: this run measures robustness
            crashes.append({"text": text[:200], "error": f"{type(exc).__name__}: {exc}",
                            "where": traceback.format_exc(limit=2)[-300:]})
            continue
        finally:
            times.append((time.perf_counter() - t0) * 1000)
        limit = PRICES[(i * 7) % len(PRICES)] if append_price else stated_price_limit(text)
        if limit is not None:
            stated += 1
            if portrait.budget_max is not None and abs(portrait.budget_max - limit) <= 0.01:
                equal += 1
            elif len(misses) < examples:
                misses.append({"text": text, "stated": limit, "got": [portrait.budget_min, portrait.budget_max]})
        elif portrait.budget_max is not None or portrait.budget_min is not None:
            false_budget += 1
            if len(false_examples) < examples:
                false_examples.append({"text": text, "got": [portrait.budget_min, portrait.budget_max]})
    times.sort()
    n = len(instructions)
    out: dict[str, Any] = {
        "instructions": n,
        "crashes": len(crashes),
        "ms_per_extraction_mean": sum(times) / len(times) if times else 0.0,
        "ms_per_extraction_p50": times[len(times) // 2] if times else 0.0,
        "ms_per_extraction_p95": times[int(len(times) * 0.95)] if times else 0.0,
        "ms_per_extraction_max": times[-1] if times else 0.0,
        "with_stated_price_limit": stated,
        "budget_equal": equal,
        "budget_equal_rate": equal / stated if stated else None,
        "false_budget": false_budget,
        "false_budget_rate": false_budget / (n - stated) if n - stated else 0.0,
        "llm": "not used (rules only; the LLM fallback never sets a budget)",
        "append_price": append_price,
    }
    if examples:
        out.update({"crash_examples": crashes[:examples], "budget_misses": misses, "false_budget_examples": false_examples})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.webshop_robustness", description=__doc__.split("\n")[0])
    parser.add_argument("--path", default=str(DEFAULT_PATH), help="human_goals.json (WebShop instructions)")
    parser.add_argument("--examples", type=int, default=0, help="also print up to N examples of each failure")
    parser.add_argument("--append-price", action="store_true",
                        help="append a stated price limit to every instruction (WebShop's original phrasing and others)")
    args = parser.parse_args(argv)
    if not Path(args.path).exists():
        print(f"{args.path} not found: pass --path to WebShop's human_goals.json "
              "(the shared data folder beside the checkout)", file=sys.stderr)
        return 2
    json.dump(run(args.path, examples=args.examples, append_price=args.append_price), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
