"""The user portrait: what the assistant believes the shopper wants.

Hard constraints (budget, excluded brands, deal-breakers, an explicit category) become
``Query`` filters; soft preferences (liked brands, wanted attributes, style) become
ranking signals only. Every field remembers the turn that set it (``sources``).

Public JSON shape (``to_json``) — used by ``shopguide ask --json``, the HTTP API and
eval reports; keys may be added, never removed::

    {"category": str|null, "budget": {"min": n|null, "max": n|null, "currency": str|null},
     "brands": {"liked": [...], "excluded": [...], "required": [...]},
     "attributes": {"wanted": [...], "unwanted": [...]},
     "recipient": str|null, "occasion": str|null, "needs": str, ...}
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from retrieval.query import Query

# ``needs`` is the running search text; bounded so 40 long messages cannot make a 126 KB portrait
# that is returned with every reply and rewritten every turn. The newest words matter most.
MAX_NEED_CHARS = 300      # one message's contribution
MAX_NEEDS_CHARS = 600     # all of them together
# Fields the app may pin with PATCH (``locked``): a shopper message can tighten them, never loosen them.
LOCKABLE = ("budget_min", "budget_max", "brands_excluded", "deal_breakers")

LIST_FIELDS = ("brands_liked", "brands_excluded", "brands_required", "attributes_wanted", "attributes_unwanted",
               "must_haves", "deal_breakers", "likes")
SCALAR_FIELDS = ("category", "budget_min", "budget_max", "currency", "recipient", "occasion", "style", "needs")


@dataclass
class Portrait:
    needs: str = ""
    category: str | None = None
    category_explicit: bool = False
    budget_min: float | None = None
    budget_max: float | None = None
    currency: str | None = None
    brands_liked: list[str] = field(default_factory=list)
    brands_excluded: list[str] = field(default_factory=list)
    brands_required: list[str] = field(default_factory=list)   # "only Samsung", "from SanDisk": hard
    attributes_wanted: list[str] = field(default_factory=list)
    attributes_unwanted: list[str] = field(default_factory=list)
    recipient: str | None = None
    occasion: str | None = None
    style: str | None = None
    likes: list[str] = field(default_factory=list)   # what the person likes ("cooking", "bright colours"): soft, kept across needs
    must_haves: list[str] = field(default_factory=list)
    deal_breakers: list[str] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)   # field name → turn index that set it
    assumptions: list[str] = field(default_factory=list)
    focus_id: str | None = None        # the shown product the user last pointed at ("the second one")
    question: str | None = None        # one short clarifying question, when a missing fact matters
    locked: list[str] = field(default_factory=list)   # LOCKABLE fields the app set (see assistant.portrait.locks)

    def __repr__(self) -> str:
        return f"Portrait(category={self.category!r}, budget=({self.budget_min}, {self.budget_max}), needs={self.needs[:30]!r})"

    def is_empty(self) -> bool:
        return not (self.needs or self.category or self.budget_max or self.budget_min or self.attributes_wanted)

    def set(self, name: str, value: Any, turn: int) -> None:
        """Set a field and remember which turn did it."""
        setattr(self, name, value)
        self.sources[name] = turn

    def add(self, name: str, values: list[str], turn: int) -> None:
        """Append to a list field without duplicates (case-insensitive)."""
        current: list[str] = getattr(self, name)
        seen = {v.lower() for v in current}
        for value in values:
            if value.lower() not in seen:
                current.append(value)
                seen.add(value.lower())
                self.sources[name] = turn

    def remove(self, name: str, values: list[str]) -> None:
        lowered = {v.lower() for v in values}
        setattr(self, name, [v for v in getattr(self, name) if v.lower() not in lowered])

    def clear(self, *names: str) -> None:
        """Reset fields to their defaults and forget which turn set them."""
        for name in names:
            setattr(self, name, [] if name in LIST_FIELDS else False if name == "category_explicit" else "" if name == "needs" else None)
            self.sources.pop(name, None)

    def add_need(self, text: str, turn: int) -> None:
        """Append one message to ``needs``: repeats skipped, each message and the total capped.

        >>> p = Portrait()
        >>> p.add_need("a tent", 0); p.add_need("A tent", 1); p.add_need("x" * 900, 2)
        >>> len(p.needs) <= MAX_NEEDS_CHARS, p.needs.startswith("a tent")
        (True, True)
        """
        piece = " ".join(text.split())[:MAX_NEED_CHARS].strip()
        if not piece or re.search(rf"(?<!\w){re.escape(piece.lower())}(?!\w)", self.needs.lower()):
            return
        self.set("needs", bounded_needs(f"{self.needs} {piece}".strip()), turn)

    def start_new_need(self, turn: int) -> None:
        """A new need in the same chat ("and something for camping").

        Keeps what describes the person — recipient, occasion, style, brands they refuse,
        currency — and drops what described the previous item: its category, budget,
        liked brands (brands are category-specific) and attributes.
        """
        self.clear("category", "category_explicit", "budget_min", "budget_max", "brands_liked", "brands_required",
                   "attributes_wanted", "attributes_unwanted", "must_haves", "deal_breakers", "needs", "focus_id")
        self.assumptions = []
        self.sources["new_need"] = turn

    # -- public JSON -----------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "budget": {"min": self.budget_min, "max": self.budget_max,
                       "currency": self.currency if (self.budget_min or self.budget_max) else self.currency},
            "brands": {"liked": list(self.brands_liked), "excluded": list(self.brands_excluded),
                       "required": list(self.brands_required)},
            "attributes": {"wanted": list(self.attributes_wanted), "unwanted": list(self.attributes_unwanted)},
            "recipient": self.recipient,
            "occasion": self.occasion,
            "needs": self.needs,
            "style": self.style,
            "likes": list(self.likes),
            "must_haves": list(self.must_haves),
            "deal_breakers": list(self.deal_breakers),
            "category_explicit": self.category_explicit,
            "sources": dict(self.sources),
            "assumptions": list(self.assumptions),
            "focus_id": self.focus_id,
            "question": self.question,
            "locked": list(self.locked),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Portrait":
        budget = data.get("budget") or {}
        brands = data.get("brands") or {}
        attributes = data.get("attributes") or {}
        return cls(
            needs=bounded_needs(str(data.get("needs") or "")),
            category=data.get("category"),
            category_explicit=bool(data.get("category_explicit", data.get("category") is not None)),
            budget_min=_num(budget.get("min")),
            budget_max=_num(budget.get("max")),
            currency=budget.get("currency"),
            brands_liked=list(brands.get("liked") or []),
            brands_excluded=list(brands.get("excluded") or []),
            brands_required=list(brands.get("required") or []),
            attributes_wanted=list(attributes.get("wanted") or []),
            attributes_unwanted=list(attributes.get("unwanted") or []),
            recipient=data.get("recipient"),
            occasion=data.get("occasion"),
            style=data.get("style"),
            likes=list(data.get("likes") or []),
            must_haves=list(data.get("must_haves") or []),
            deal_breakers=list(data.get("deal_breakers") or []),
            sources={str(k): int(v) for k, v in (data.get("sources") or {}).items()},
            assumptions=list(data.get("assumptions") or []),
            focus_id=data.get("focus_id"),
            question=data.get("question"),
            locked=[f for f in (data.get("locked") or []) if f in LOCKABLE],
        )

    # -- to retrieval -----------------------------------------------------------------
    def search_text(self) -> str:
        parts = [self.needs]
        if self.category and self.category.lower() not in self.needs.lower():
            parts.append(self.category)
        parts.extend(a for a in self.attributes_wanted if a.lower() not in self.needs.lower())
        parts.extend(a for a in self.likes if a.lower() not in self.needs.lower())
        return " ".join(p for p in parts if p).strip()

    def to_query(self, k: int = 100, exclude_ids: tuple[str, ...] = ()) -> Query:
        """Hard constraints → filters; soft preferences → ranking signals."""
        lo, hi = self.budget_min, self.budget_max
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        return Query(
            text=self.search_text() or (self.category or ""),
            min_price=lo,
            max_price=hi,
            categories=(self.category,) if self.category and self.category_explicit else (),
            brands_include=tuple(self.brands_required),
            brands_exclude=tuple(self.brands_excluded),
            attributes_required=tuple(self.must_haves),
            attributes_excluded=tuple(self.deal_breakers),
            brands_liked=tuple(self.brands_liked),
            attributes_wanted=tuple(self.attributes_wanted),
            attributes_unwanted=tuple(self.attributes_unwanted),
            exclude_ids=exclude_ids,
            k=k,
        )


def bounded_needs(needs: str) -> str:
    """Keep the newest ``MAX_NEEDS_CHARS`` of ``needs``, cut at a word boundary."""
    if len(needs) <= MAX_NEEDS_CHARS:
        return needs
    tail = needs[-MAX_NEEDS_CHARS:]
    return tail.split(" ", 1)[1] if " " in tail[:MAX_NEED_CHARS] else tail


def _num(value: Any) -> float | None:
    """A finite number or None: Infinity/NaN from old rows or a client never reach a Query."""
    if value is None or value == "":
        return None
    number = float(value)
    return number if math.isfinite(number) else None
