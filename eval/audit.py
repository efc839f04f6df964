"""An independent audit of the guide's LLM prose, with its own claim extraction.

Why a second checker: the grounding checker (``assistant.grounding``) accepted every
sentence that reached the shopper, so re-running it on the kept prose finds nothing by
construction. This audit shares no code with it (an import-linter contract forbids
``eval.audit`` → ``assistant.grounding``): it pulls checkable claims out of the prose
with its own rules and checks each against the **shown products' catalog rows** (title,
brand, category, price, rating, attributes, description) and **what the shopper said**.

Claims, by kind:

* ``money`` — an amount with a currency ("$49.99", "20 dollars"): a shown price, a
  difference of two shown prices, or an amount the shopper said;
* ``rating`` — "4.5 stars", "rated 4.7", "4.5/5": a shown product's rating (±0.05);
* ``number`` — any other number ("10,000mAh", "12 hours"): must occur in a shown row
  or the shopper's words, or be a position among the shown products ("option 2");
* ``name`` — a capitalised word that does not open the sentence (or a run of two or
  more capitalised words anywhere): must occur in a shown row or the shopper's words;
* ``policy`` — returns, refunds, shipping, warranty, "free shipping"… (``words/en/audit.yaml``):
  the guide has no shop-policy facts, so these must occur in a shown row or the shopper's words;
* ``link`` — URLs, e-mail addresses, Markdown or HTML markup: never expected in the prose.

Known blind spot: a single capitalised word opening a sentence ("Sarah loves it") is
not told apart from an ordinary capitalised first word, so it is not a claim; a run of
capitalised words there ("Sarah Kent loves it") is. The audit is deliberately simple and errs on the strict side (a rounded "$50" for a
$49.99 product is flagged); its count is a number to watch over time, not a verdict.

>>> from retrieval.catalog.product import Product
>>> p = Product(id="A", title="Trail Jacket", brand="Nordvik", category="Outdoor > Jackets",
...             price=120.0, rating=4.6, attributes={"features": ["waterproof"]})
>>> [f.claim.text for f in audit_prose("The Nordvik jacket is waterproof at $120.00.", [p])]
[]
>>> [(f.claim.kind, f.claim.text) for f in audit_prose("Rated 4.9 stars by Kent, with free shipping!", [p])]
[('rating', '4.9'), ('name', 'Kent'), ('policy', 'free shipping')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Sequence

import yaml

from retrieval.catalog.product import Product

KINDS = ("money", "rating", "number", "name", "policy", "link")


@dataclass(frozen=True)
class Claim:
    kind: str      # one of KINDS
    text: str      # the words as written ("$49.99", "Kent", "free shipping")
    value: float | None = None

    def __repr__(self) -> str:
        return f"Claim({self.kind}: {self.text!r})"


@dataclass(frozen=True)
class Flag:
    claim: Claim
    reason: str

    def message(self) -> str:
        return f"{self.claim.kind} {self.claim.text!r}: {self.reason}"


@lru_cache(maxsize=None)
def words(language: str = "en") -> dict[str, Any]:
    """The audit's word tables for ``language`` (``eval/words/<language>/audit.yaml``)."""
    text = resources.files("eval").joinpath("words", language, "audit.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_LINK = re.compile(r"https?://\S+|www\.\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b|\b[\w-]+\.(?:com|net|org|io|shop)\b"
                   r"|\*\*|__|`|^#+\s|\[[^\]]*\]\([^)]*\)|</?[a-zA-Z][^>]*>", re.MULTILINE)
_CAP_WORD = re.compile(r"\b[A-Z][\w'&-]*(?:\s+(?:&\s+)?[A-Z][\w'&-]*)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|[\"“(]\s*)$")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _money_pattern(table: dict[str, Any]) -> re.Pattern[str]:
    before = "|".join(re.escape(w) for w in sorted(table["currency_before"], key=len, reverse=True))
    after = "|".join(re.escape(w) for w in sorted(table["currency_after"], key=len, reverse=True))
    return re.compile(rf"(?:{before})\s?(?P<a>{_NUM})|(?P<b>{_NUM})\s?(?:{after})\b", re.IGNORECASE)


def _rating_pattern(table: dict[str, Any]) -> re.Pattern[str]:
    units = "|".join(re.escape(w) for w in sorted(table["rating_units"], key=len, reverse=True))
    return re.compile(rf"(?P<a>\d(?:\.\d+)?)\s?-?\s?(?:{units})|\brated\s+(?:at\s+)?(?P<b>\d(?:\.\d+)?)",
                      re.IGNORECASE)


def extract_claims(prose: str, language: str = "en") -> list[Claim]:
    """Every checkable claim in ``prose``, in kind order (money, rating, number, name, policy, link).

    >>> [c.text for c in extract_claims("About $1,299 for 2 of them; see www.x.com")]
    ['1,299', '2', 'www.x.com']
    """
    table = words(language)
    claims: list[Claim] = []
    taken: list[tuple[int, int]] = []   # spans already claimed, so "$49.99" is not also a bare number

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for m in _money_pattern(table).finditer(prose):
        group = "a" if m.group("a") else "b"
        claims.append(Claim("money", m.group(group), _number(m.group(group))))
        taken.append(m.span())
    for m in _rating_pattern(table).finditer(prose):
        if free(*m.span()):
            group = "a" if m.group("a") else "b"
            claims.append(Claim("rating", m.group(group), _number(m.group(group))))
            taken.append(m.span())
    links = list(_LINK.finditer(prose))
    for m in re.finditer(_NUM, prose):
        inside_word = m.start() > 0 and prose[m.start() - 1].isalpha()   # "Ember2", "A-8" stay names
        if free(*m.span()) and not inside_word and not any(l.start() <= m.start() < l.end() for l in links):
            claims.append(Claim("number", m.group(), _number(m.group())))
    not_names = {w.lower() for w in table["not_names"]}
    for m in _CAP_WORD.finditer(prose):
        parts = m.group().split()
        if _SENTENCE_START.search(prose[: m.start()]) or prose[: m.start()].strip() == "":
            parts = parts[1:]   # the sentence's first word is capitalised anyway
        names = [p for p in parts if p.lower().strip("'s") not in not_names and p.lower() not in not_names]
        if names:
            claims.append(Claim("name", " ".join(names)))
    low = prose.lower()
    for phrase in sorted(table["policy"], key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", low):
            if not any(c.kind == "policy" and phrase in c.text and c.text != phrase for c in claims):
                claims.append(Claim("policy", phrase))
            break
    claims += [Claim("link", m.group().strip()) for m in links]
    return claims


def _row_text(product: Product) -> str:
    attrs = []
    for key, value in (product.attributes or {}).items():
        values = value if isinstance(value, (list, tuple)) else [value]
        attrs.append(f"{key.replace('_', ' ')} " + " ".join(str(v) for v in values))
    stock = "in stock" if product.stock is not None and product.stock > 0 else ""
    parts = [product.title, product.brand, product.category, product.description, stock, *attrs]
    return " ".join(str(p) for p in parts if p)


def _numbers_in(text: str) -> set[float]:
    return {_number(m.group()) for m in re.finditer(_NUM, text)}


def _has_phrase(haystack: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(phrase.lower())}", haystack) is not None


class Evidence:
    """What the prose may state: the shown rows and the shopper's words, pre-digested."""

    def __init__(self, products: Sequence[Product], said: str = "") -> None:
        self.products = list(products)
        self.text = (" ".join(_row_text(p) for p in self.products) + " " + said).lower()
        self.numbers = _numbers_in(self.text)
        prices = [p.price for p in self.products if p.price is not None]
        self.prices = set(prices) | {abs(a - b) for a in prices for b in prices if a != b}
        self.said_numbers = _numbers_in(said)
        self.ratings = {p.rating for p in self.products if p.rating is not None}

    def supports(self, claim: Claim) -> str | None:
        """None when the evidence backs ``claim``, else why not."""
        v = claim.value
        if claim.kind == "money":
            if any(abs(v - x) < 0.005 for x in self.prices | self.said_numbers):   # to the cent
                return None
            return "no shown price (or price difference) and nothing the shopper said is this amount"
        if claim.kind == "rating":
            if any(abs(v - r) <= 0.05 for r in self.ratings):
                return None
            return "no shown product has this rating"
        if claim.kind == "number":
            if v in self.numbers or (v.is_integer() and 1 <= v <= max(len(self.products), 1)):
                return None
            return "not in the shown products' rows or the shopper's words"
        if claim.kind == "name":
            missing = [w for w in claim.text.split() if w != "&" and not _has_phrase(self.text, w.strip("'s,"))]
            return f"unknown name {' '.join(missing)!r}" if missing else None
        if claim.kind == "policy":
            return None if _has_phrase(self.text, claim.text) else "shop-policy claim with no policy facts shown"
        return "links and markup never belong in the prose"


def portrait_words(portrait: dict[str, Any] | None) -> str:
    """What the shopper said, as the portrait kept it (budget, brands, attributes, needs) — for ``said``.

    >>> portrait_words({"budget": {"max": 150}, "brands": {"excluded": ["Marbleworks"]}})
    '150 Marbleworks'
    """
    if not portrait:
        return ""
    out: list[str] = []
    for key, value in portrait.items():
        if isinstance(value, dict):
            out.append(portrait_words(value))
        elif isinstance(value, (list, tuple)):
            out += [str(v) for v in value]
        elif value is not None and key not in ("currency", "category"):
            out.append(f"{value:g}" if isinstance(value, float) else str(value))
    return " ".join(x for x in out if x)


def audit_prose(prose: str, products: Iterable[Product], said: str = "", language: str = "en") -> list[Flag]:
    """The claims in ``prose`` that the shown ``products`` and the shopper's words do not back."""
    evidence = Evidence(list(products), said)
    flags = []
    for claim in extract_claims(prose, language):
        reason = evidence.supports(claim)
        if reason:
            flags.append(Flag(claim, reason))
    return flags
