"""A returning shopper's long-term profile: time-decayed affinities learned from their events.

Each event gives its product's brand, colour, size, material and category a weight
(purchase 3, add-to-cart 2, thumbs up 1.5, click 1, dismiss -1, thumbs down -2),
halved every ``half_life_days``. What the profile says is *soft*: it is added to a
query's liked brands and wanted attributes (ranking signals) and never to its filters,
so a profile can reorder picks but never hide a product. Every affinity remembers the
event that contributed most, so the assistant can say why::

    >>> from retrieval.catalog.product import Product
    >>> from assistant.users.store import UserEvent
    >>> p = Product.from_dict({"id": "A1", "title": "Alpenlite Corrie", "brand": "Alpenlite",
    ...                        "price": 120, "attributes": {"colour": "red"}})
    >>> prof = build_profile("u1", [UserEvent("u1", "A1", "purchase", 0.0)], {"A1": p}.get, now=1.0)
    >>> prof.top("brand")[0].value, prof.top("brand")[0].because
    ('alpenlite', 'because you bought the Alpenlite Corrie')
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from assistant.users.store import UserEvent
from retrieval.catalog.product import Product
from retrieval.query import Query, norm

EVENT_WEIGHT = {"purchase": 3.0, "add_to_cart": 2.0, "thumbs_up": 1.5, "click": 1.0,
                "dismiss": -1.0, "thumbs_down": -2.0, "impression": 0.0}
EVENT_VERB = {"purchase": "bought", "add_to_cart": "put in your cart", "thumbs_up": "liked",
              "click": "looked at"}
PROFILE_FIELDS = ("brand", "colour", "size", "material", "category")
REASON_FIELDS = ("brand", "colour", "material", "size")
DAY_S = 86400.0


@dataclass(frozen=True)
class Affinity:
    """How much a shopper leans towards one value of one field, and the event that says so most."""

    field: str
    value: str
    score: float
    because: str = ""
    product_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "score": round(self.score, 3), "because": self.because,
                "product_id": self.product_id}


@dataclass
class UserProfile:
    user_id: str
    affinities: dict[str, list[Affinity]] = field(default_factory=dict)   # field → best first
    price_level: float | None = None     # decayed mean of log(price / category median); 0 = typical
    events: int = 0
    history: dict[str, float] = field(default_factory=dict)   # product id → decayed positive weight
    hidden: list[tuple[str, str]] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"UserProfile({self.user_id!r}, {self.events} events, brands={[a.value for a in self.top('brand')]})"

    def is_empty(self) -> bool:
        return not any(self.affinities.values()) and self.price_level is None

    def top(self, name: str, n: int = 3, min_score: float = 0.5) -> list[Affinity]:
        return [a for a in self.affinities.get(name, []) if a.score >= min_score][:n]

    def score_of(self, name: str, value: str | None) -> float:
        if not value:
            return 0.0
        value = norm(value)
        return next((a.score for a in self.affinities.get(name, []) if a.value == value), 0.0)

    def apply(self, query: Query) -> Query:
        """Add the strongest liked brands, colours and materials as *soft* preferences.

        Brands the session excluded stay excluded (the session wins); filters are untouched.
        """
        excluded = {norm(b) for b in query.brands_exclude}
        unwanted = {norm(a) for a in (*query.attributes_unwanted, *query.attributes_excluded)}
        brands = [a.value for a in self.top("brand") if a.value not in excluded]
        attrs = [a.value for name in ("colour", "material") for a in self.top(name, n=2) if a.value not in unwanted]
        liked = tuple(dict.fromkeys([*query.brands_liked, *brands]))
        wanted = tuple(dict.fromkeys([*query.attributes_wanted, *attrs]))
        return query.with_(brands_liked=liked, attributes_wanted=wanted)

    def reasons(self, product: Product) -> list[str]:
        """Why this profile favours ``product`` ("because you bought the Alpenlite Corrie")."""
        out: list[str] = []
        for name in REASON_FIELDS:       # a shared category is no reason to show *this* product
            value = _field_value(product, name)
            for a in self.top(name):
                if not (value and a.value == norm(value) and a.because):
                    continue
                if any(r.startswith(a.because) for r in out):
                    continue
                out.append(a.because if a.product_id == product.id else f"{a.because} (same {name})")
        return out

    def to_json(self) -> dict[str, Any]:
        return {"user_id": self.user_id, "events": self.events,
                "price_level": None if self.price_level is None else round(self.price_level, 3),
                "affinities": {name: [a.to_json() for a in self.affinities.get(name, [])[:8]]
                               for name in PROFILE_FIELDS},
                "hidden": [{"field": f, "value": v} for f, v in self.hidden]}


def _field_value(product: Product, name: str) -> str | None:
    if name == "brand":
        return product.brand or None
    if name == "category":
        return product.category or None
    value = (product.attributes or {}).get(name)
    return str(value) if isinstance(value, (str, int, float)) and str(value) else None


def build_profile(user_id: str, events: Iterable[UserEvent], lookup: Callable[[str], Product | None],
                  now: float, half_life_days: float = 90.0, edits: Iterable[tuple[str, str, str]] = (),
                  category_medians: Mapping[str, float] | None = None) -> UserProfile:
    """Fold a user's events into affinities; events at or after ``now`` are ignored (no future leak).

    ``edits`` are the shopper's own changes: ``(field, value, "hide")`` removes an affinity
    for good, ``(field, value, "pin")`` keeps it at full strength.
    """
    scores: dict[tuple[str, str], float] = {}
    best: dict[tuple[str, str], tuple[float, str, str]] = {}
    history: dict[str, float] = {}
    price_sum = price_w = 0.0
    count = 0
    for e in events:
        if e.ts >= now or e.user_id != user_id:
            continue
        weight = EVENT_WEIGHT.get(e.event, 0.0)
        product = lookup(e.product_id)
        if product is None or weight == 0.0:
            continue
        count += 1
        decay = 0.5 ** (max(now - e.ts, 0.0) / DAY_S / half_life_days)
        w = weight * decay
        if w > 0:
            history[product.id] = history.get(product.id, 0.0) + w
        for name in PROFILE_FIELDS:
            value = _field_value(product, name)
            if not value:
                continue
            key = (name, norm(value))
            scores[key] = scores.get(key, 0.0) + w
            if w > 0 and w > best.get(key, (0.0, "", ""))[0]:
                best[key] = (w, _because(e.event, product), product.id)
        median = (category_medians or {}).get(product.category)
        if w > 0 and product.price and median:
            price_sum += w * math.log(product.price / median)
            price_w += w
    hidden = [(f, norm(v)) for f, v, action in edits if action == "hide"]
    for f, v, action in edits:
        if action == "pin":
            scores[(f, norm(v))] = max(scores.get((f, norm(v)), 0.0), 3.0)
            best.setdefault((f, norm(v)), (0.0, "because you said you like it", ""))
    affinities: dict[str, list[Affinity]] = {name: [] for name in PROFILE_FIELDS}
    for (name, value), score in scores.items():
        if (name, value) in hidden or score <= 0:
            continue
        _, because, pid = best.get((name, value), (0.0, "", ""))
        affinities[name].append(Affinity(name, value, score, because, pid))
    for name in affinities:
        affinities[name].sort(key=lambda a: (-a.score, a.value))
    return UserProfile(user_id, affinities, price_sum / price_w if price_w else None, count, history, hidden)


def _because(event: str, product: Product) -> str:
    verb = EVENT_VERB.get(event, "looked at")
    return f"because you {verb} the {product.title}"


def category_medians(products: Iterable[Product]) -> dict[str, float]:
    """Median price per category: the yardstick for a shopper's price level (catalog-relative)."""
    prices: dict[str, list[float]] = {}
    for p in products:
        if p.price:
            prices.setdefault(p.category, []).append(p.price)
    return {c: sorted(v)[len(v) // 2] for c, v in prices.items()}
