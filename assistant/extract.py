"""Deterministic portrait extraction from one user turn (rules + catalog vocabulary).

The rules handle what must never be left to a small LLM: money, ranges, negation.
Catalog vocabulary (brands, categories, feature words) is matched as whole words.

>>> p = Portrait()
>>> update_portrait(p, "a waterproof jacket under $150", 0, Vocabulary(categories=["Jackets"], features=["waterproof"]))
>>> (p.category, p.budget_max, p.attributes_wanted)
('Jackets', 150.0, ['waterproof'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.portrait import Portrait

_NUM = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?"
_CUR = r"(?:\$|usd|us\$|€|eur|£|gbp)?"
_UNIT = r"(?:\s*(?:dollars?|bucks|usd|euros?|eur|pounds?|quid))?"
MAX_PATTERNS = [
    rf"(?:under|below|less than|cheaper than|up to|upto|max(?:imum)?|at most|no more than|not more than|within|<=?)\s*{_CUR}\s*{_NUM}{_UNIT}",
    rf"{_CUR}\s*{_NUM}{_UNIT}\s*(?:or less|max(?:imum)?|tops|or under|or below)",
    rf"budget(?: is| of)?(?: about| around)?\s*{_CUR}\s*{_NUM}{_UNIT}",
]
MIN_PATTERNS = [
    rf"(?:over|above|more than|at least|minimum|min|>=?)\s*{_CUR}\s*{_NUM}{_UNIT}",
]
RANGE_PATTERN = rf"(?:between|from)\s*{_CUR}\s*{_NUM}{_UNIT}\s*(?:and|to|-)\s*{_CUR}\s*{_NUM}{_UNIT}"
DASH_RANGE = rf"{_CUR}\s*{_NUM}\s*(?:-|–|to)\s*{_CUR}\s*{_NUM}{_UNIT}"
AROUND_PATTERN = rf"(?:around|about|roughly|approximately|~)\s*{_CUR}\s*{_NUM}{_UNIT}"
BARE_MONEY = rf"(?:\$|€|£)\s*{_NUM}|{_NUM}\s*(?:dollars?|bucks|euros?|quid)"


@dataclass
class Vocabulary:
    """Catalog words the extractor recognises (from ``CatalogIndex.vocabulary``)."""

    brands: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, list[str]]) -> "Vocabulary":
        return cls(**{k: list(v) for k, v in data.items() if k in cls.__dataclass_fields__})


def _money(groups: tuple[str | None, ...]) -> float:
    whole, cents = groups[0], groups[1] if len(groups) > 1 else None
    value = float(whole.replace(",", ""))
    if cents:
        value += float(f"0.{cents}")
    return value


def _currency(text: str) -> str | None:
    if "€" in text or re.search(r"\beur(?:os?)?\b", text):
        return "EUR"
    if "£" in text or re.search(r"\b(?:gbp|pounds?|quid)\b", text):
        return "GBP"
    if "$" in text or re.search(r"\b(?:usd|dollars?|bucks)\b", text):
        return "USD"
    return None


def extract_budget(text: str) -> tuple[float | None, float | None, str | None]:
    """(min, max, currency) stated in ``text``; None where not stated.

    >>> extract_budget("between 50 and 80 dollars")
    (50.0, 80.0, 'USD')
    """
    t = text.lower()
    m = re.search(RANGE_PATTERN, t) or re.search(DASH_RANGE, t)
    if m:
        lo, hi = _money(m.groups()[0:2]), _money(m.groups()[2:4])
        return min(lo, hi), max(lo, hi), _currency(m.group(0)) or "USD"
    lo = hi = None
    cur = None
    for pattern in MAX_PATTERNS:
        m = re.search(pattern, t)
        if m:
            hi, cur = _money(m.groups()), _currency(m.group(0))
            break
    for pattern in MIN_PATTERNS:
        m = re.search(pattern, t)
        if m and not re.search(r"(?:rating|stars?|reviews?|hours?|mah|gb|inch|years?)", t[m.end():m.end() + 8]):
            lo, cur = _money(m.groups()), cur or _currency(m.group(0))
            break
    if hi is None and lo is None:
        m = re.search(AROUND_PATTERN, t)
        if m:
            center = _money(m.groups())
            return None, round(center * 1.2, 2), _currency(m.group(0)) or "USD"
        m = re.search(BARE_MONEY, t)
        if m:
            groups = m.groups()
            value = _money(groups[0:2] if groups[0] else groups[2:4])
            return None, value, _currency(m.group(0)) or "USD"
        return None, None, None
    return lo, hi, cur or "USD"


def _find_words(text: str, vocabulary: list[str]) -> list[str]:
    """Vocabulary entries present in ``text`` as whole words (longest first, plural-tolerant)."""
    found: list[str] = []
    lowered = " " + re.sub(r"[^a-z0-9&\-' ]+", " ", text.lower()) + " "
    for entry in sorted(vocabulary, key=len, reverse=True):
        e = entry.lower()
        forms = {e, e.rstrip("s"), e + "s", e + "es"} if len(e) > 3 else {e}
        if any(f" {form} " in lowered for form in forms if form):
            if not any(e in f.lower() for f in found):
                found.append(entry)
    return found


NEGATION = r"(?:no|not|without|anything but|except|avoid|hate|don't want|do not want|never|nothing from)"


def update_portrait(portrait: Portrait, text: str, turn: int, vocab: Vocabulary) -> None:
    """Fold one user turn into ``portrait`` (in place)."""
    lo, hi, cur = extract_budget(text)
    if hi is not None:
        portrait.set("budget_max", hi, turn)
    if lo is not None:
        portrait.set("budget_min", lo, turn)
        if hi is None and portrait.budget_max is not None and portrait.budget_max < lo:
            portrait.set("budget_max", None, turn)
    if cur is not None:
        portrait.set("currency", cur, turn)
    lowered = text.lower()
    # excluded brands: "no Nordvik", "anything but Lumora"
    for brand in _find_words(text, vocab.brands):
        if re.search(rf"{NEGATION}\s+(?:\w+\s+){{0,2}}{re.escape(brand.lower())}", lowered):
            portrait.add("brands_excluded", [brand], turn)
            portrait.remove("brands_liked", [brand])
        else:
            portrait.add("brands_liked", [brand], turn)
            portrait.remove("brands_excluded", [brand])
    categories = _find_words(text, vocab.categories)
    if categories:
        portrait.set("category", categories[0], turn)
        portrait.category_explicit = True
    for word in _find_words(text, vocab.features + vocab.colours + vocab.materials):
        if re.search(rf"{NEGATION}\s+(?:\w+\s+){{0,1}}{re.escape(word.lower())}", lowered):
            portrait.add("attributes_unwanted", [word], turn)
            portrait.remove("attributes_wanted", [word])
        else:
            portrait.add("attributes_wanted", [word], turn)
    portrait.set("needs", (portrait.needs + " " + text).strip() if portrait.needs else text.strip(), turn)
