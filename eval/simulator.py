"""A deterministic simulated shopper with a hidden target, for whole-conversation metrics.

Each shopper wants one catalog product (the *target*) but says so only bit by bit, the
way people do: first the category, then the features they care about, then the budget,
then an excluded brand, a colour and a liked brand as extra hints. When the assistant asks
a question ("What's your budget?") the shopper answers that topic first. The same
seed gives the same words, so two runs differ only by what the assistant did.

Success is measured on what the shopper sees: the conversation succeeds at ``k`` when
the target *or an equally good product* is among the first ``k`` shown products. Equally
good = same category level, satisfies every hidden constraint (budget, excluded brand,
in stock) and has all the target's wanted features. The shopper stops at the first
turn that shows a good product (so ``turns_to_success`` is the turn it happened on).

    shopper = SimulatedShopper(Target("SG-00042", ("waterproof",), 150.0), jacket)
    shopper.first_message()            # e.g. "I am looking for jackets."
    shopper.respond("What is your budget?")   # "My budget is $150."
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from eval.schema import Constraints, SuiteError
from retrieval.catalog.product import Product
from retrieval.query import norm

TOPICS = ("category", "features", "budget", "exclude_brand", "colour", "brand")
QUESTION_TOPICS = (
    ("budget", r"budget|price|spend|how much|afford|cost"),
    ("exclude_brand", r"brands? (?:to avoid|you (?:don't|do not) like|you dislike)|avoid any brand"),
    ("brand", r"brand"),
    ("colour", r"colou?r"),
    ("features", r"feature|must.have|important|requirement|need it to|looking for in"),
    ("category", r"what kind|which kind|what type|which type|category|what (?:are you|do you) (?:looking|need|want)"),
)


@dataclass(frozen=True)
class Target:
    """A hidden need: the product wanted, the features that matter and the budget."""

    id: str
    features: tuple[str, ...]
    budget_max: float
    exclude_brand: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "features": list(self.features), "budget_max": self.budget_max}
        if self.exclude_brand:
            out["exclude_brand"] = self.exclude_brand
        return out

    @classmethod
    def from_dict(cls, raw: Any, where: str) -> "Target":
        if not isinstance(raw, dict) or not raw.get("id") or raw.get("budget_max") is None:
            raise SuiteError(f"{where}: each target needs `id` and `budget_max` (and optional features, exclude_brand)")
        features = raw.get("features") or []
        if not isinstance(features, list):
            raise SuiteError(f"{where}: `features` must be a list of strings")
        try:
            budget = float(raw["budget_max"])
        except (TypeError, ValueError):
            raise SuiteError(f"{where}: budget_max must be a number, got {raw['budget_max']!r}") from None
        return cls(id=str(raw["id"]), features=tuple(str(f) for f in features), budget_max=budget,
                   exclude_brand=str(raw["exclude_brand"]) if raw.get("exclude_brand") else None)


@dataclass(frozen=True)
class ShopperSuite:
    """``kind: shopper`` suite file: targets plus how long shoppers keep trying."""

    name: str
    targets: tuple[Target, ...]
    max_turns: int = 6
    ks: tuple[int, ...] = (1, 3, 5)
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "") -> "ShopperSuite":
        targets = data.get("targets")
        if not isinstance(targets, list) or not targets:
            raise SuiteError(f"{source}: a shopper suite needs a non-empty `targets` list")
        parsed = tuple(Target.from_dict(t, f"{source}: target #{i + 1}") for i, t in enumerate(targets))
        ids = [t.id for t in parsed]
        if len(set(ids)) != len(ids):
            raise SuiteError(f"{source}: target ids must be unique")
        max_turns = int(data.get("max_turns", 6))
        ks = tuple(int(k) for k in data.get("k", (1, 3, 5)))
        if max_turns < 1 or not ks or min(ks) < 1:
            raise SuiteError(f"{source}: max_turns and every k must be positive")
        return cls(name=str(data.get("name") or "shopper"), targets=parsed, max_turns=max_turns, ks=ks, source=source)


def category_level(product: Product) -> str:
    """The most specific level of the category path: "Outdoor & Hiking > Jackets" → "Jackets"."""
    return product.category.split(">")[-1].strip()


@dataclass
class SimulatedShopper:
    target: Target
    product: Product
    seed: int = 0
    revealed: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"{self.seed}:{self.target.id}")
        self.pending = [t for t in TOPICS if self._has(t)]

    def _has(self, topic: str) -> bool:
        if topic == "features":
            return bool(self.target.features)
        if topic == "exclude_brand":
            return bool(self.target.exclude_brand)
        if topic == "colour":
            return isinstance(self.product.attributes.get("colour"), str)
        if topic == "brand":
            return bool(self.product.brand)
        return True

    # -- talking ---------------------------------------------------------------------
    def first_message(self) -> str:
        return self._say(self.pending[0])

    def respond(self, reply_text: str) -> str | None:
        """The next message: answer the assistant's question if it asked one, else reveal more."""
        topic = asked_topic(reply_text)
        if topic and self._has(topic):
            if topic in self.pending:
                self.pending.remove(topic)
                self.pending.insert(0, topic)
            else:
                return self._say(topic, repeat=True)
        if not self.pending:
            return None
        return self._say(self.pending[0])

    def _say(self, topic: str, repeat: bool = False) -> str:
        if topic in self.pending:
            self.pending.remove(topic)
        self.revealed.add(topic)
        cat = category_level(self.product).lower()
        pick = self.rng.choice
        if topic == "category":
            text = pick(["I am looking for {c}.", "I need some {c}.", "Can you help me find {c}?",
                         "Show me {c}, please."]).format(c=cat)
        elif topic == "features":
            feats = " and ".join(self.target.features)
            text = pick(["It should be {f}.", "Must-haves for me: {f}.", "I want it {f}.",
                         "Important to me: {f}."]).format(f=feats)
        elif topic == "budget":
            text = pick(["My budget is ${b}.", "Under ${b}, please.", "No more than ${b}.",
                         "I can spend up to ${b}."]).format(b=_money(self.target.budget_max))
        elif topic == "exclude_brand":
            text = pick(["Nothing from {b}, please.", "I don't want {b}.", "Please avoid {b}."]).format(
                b=self.target.exclude_brand)
        elif topic == "colour":
            text = pick(["Do you have it in {c}?", "Preferably {c}.", "I'd like it in {c}."]).format(
                c=self.product.attributes["colour"])
        else:
            text = pick(["I like {b}.", "{b} would be great.", "Anything from {b}?"]).format(b=self.product.brand)
        return ("As I said: " + text) if repeat else text

    # -- judging ---------------------------------------------------------------------
    def constraints(self) -> Constraints:
        """Hard constraints revealed so far (stock always applies)."""
        return Constraints(
            max_price=self.target.budget_max if "budget" in self.revealed else None,
            brands_excluded=(self.target.exclude_brand,) if "exclude_brand" in self.revealed and self.target.exclude_brand else (),
            category=category_level(self.product) if "category" in self.revealed else None,
            in_stock=True,
        )

    def is_good(self, product: Product) -> bool:
        """The target, or a product just as good for this shopper."""
        if product.id == self.target.id:
            return True
        if norm(category_level(product)) != norm(category_level(self.product)):
            return False
        if product.price is None or product.price > self.target.budget_max + 1e-9 or not product.in_stock:
            return False
        if self.target.exclude_brand and norm(product.brand) == norm(self.target.exclude_brand):
            return False
        have = {norm(f) for f in product.features}
        return all(norm(f) in have for f in self.target.features)


def asked_topic(reply_text: str) -> str | None:
    """The topic of the first question in the assistant's reply, or None."""
    for sentence in re.findall(r"[^.?!\n]*\?", reply_text or ""):
        lowered = sentence.lower()
        for topic, pattern in QUESTION_TOPICS:
            if re.search(pattern, lowered):
                return topic
    return None


def _money(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


# -- drawing targets ----------------------------------------------------------------------
def draw_targets(products: Iterable[Product], n: int = 120, seed: int = 7) -> list[Target]:
    """``n`` targets spread evenly over category levels (round robin), deterministic in ``seed``.

    Budget = the target's price plus 5–40 % headroom, rounded up to $5; every third
    target also excludes another brand of its category.
    """
    rng = random.Random(seed)
    by_cat: dict[str, list[Product]] = {}
    brands: dict[str, set[str]] = {}
    for p in sorted(products, key=lambda p: p.id):
        brands.setdefault(p.category, set()).add(p.brand)
        if p.in_stock and p.price is not None and p.features and p.brand:
            by_cat.setdefault(p.category, []).append(p)
    for items in by_cat.values():
        rng.shuffle(items)
    targets: list[Target] = []
    cats = sorted(by_cat)
    while len(targets) < n and any(by_cat.values()):
        for cat in cats:
            if by_cat[cat] and len(targets) < n:
                p = by_cat[cat].pop()
                feats = sorted(rng.sample(p.features, min(len(p.features), rng.choice((1, 2)))))
                budget = float(math.ceil(p.price * rng.uniform(1.05, 1.4) / 5) * 5)
                others = sorted(b for b in brands[cat] if b != p.brand)
                exclude = rng.choice(others) if others and len(targets) % 3 == 2 else None
                targets.append(Target(p.id, tuple(feats), budget, exclude))
    return targets


def main(argv: list[str] | None = None) -> int:
    """Print a shopper suite drawn from the demo catalog: ``python -m eval.simulator -n 120``."""
    import argparse

    import yaml

    from retrieval.demo.catalog import generate_catalog

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("-n", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7, help="target draw seed")
    parser.add_argument("--catalog-seed", type=int, default=7)
    parser.add_argument("--catalog-size", type=int, default=1600)
    args = parser.parse_args(argv)
    products = [Product.from_dict(p) for p in generate_catalog(seed=args.catalog_seed, n=args.catalog_size)]
    targets = draw_targets(products, n=args.n, seed=args.seed)
    print(f"# {len(targets)} simulated shoppers drawn from the demo catalog "
          f"(generate_catalog(seed={args.catalog_seed}, n={args.catalog_size})) by\n"
          f"# python -m eval.simulator -n {args.n} --seed {args.seed}")
    print("kind: shopper\nname: shopper\nmax_turns: 6\nk: [1, 3, 5]\ntargets:")
    for t in targets:
        print("  - " + yaml.safe_dump(t.to_dict(), default_flow_style=True, sort_keys=False, width=1000).strip())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
