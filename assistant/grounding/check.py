"""The grounding check: every claim in LLM text must be backed by catalog data.

A small model writes fluent prose and invents freely, so nothing it writes reaches the
shopper unchecked. ``check_grounding`` reads the text one sentence at a time and
reports four kinds of problem:

- ``name``: a brand or model name of a catalog product that is not among the shown picks;
- ``price``: a money amount that is not a shown price, the budget, or a price's
  distance to the budget;
- ``number``: any other number that appears nowhere in the shown products' data or in
  the shopper's own words ("30% off", "5-year warranty");
- ``attribute``: a feature, colour or material word that the product the sentence
  talks about (or, if it names none, every shown product) does not have;
- ``reference``: "pick 5" when only four are shown;
- ``meta``: talk about "the original text" or the model itself;
- ``name`` (unknown), ``claim``, ``rating``, ``format``, ``off_topic``: what a small
  model invents that no catalog product names, see ``assistant.grounding.claims``;
- ``safety``, ``referral``, ``policy``, ``unanswered``: negative/safety claims, other
  shops, shop policy, and prose that answers nothing asked (``assistant.grounding.unsupported``).

>>> from retrieval.catalog.product import Product
>>> p = Product(id="1", title="Nordvik Ridge Jacket", brand="Nordvik", price=129.99,
...             attributes={"features": ["waterproof"]})
>>> terms = CatalogTerms.from_products([p], extra_attributes=["windproof"])
>>> [i.kind for i in check_grounding("The Ridge is windproof and costs $99.", [p], terms=terms).issues]
['price', 'attribute']
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Iterable

from assistant.grounding.claims import lexical_issues
from assistant.grounding.evidence import unsupported_policy
from assistant.grounding.unsupported import answers_nothing, unsupported_claims
from retrieval.catalog.product import Product
from retrieval.query import has_term, product_terms
from retrieval.text import alternation, money_amounts, words as _words
from retrieval.text.lang import load
from retrieval.text.money import money_pattern

_EN = load("en")
_MONEY = money_pattern()
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
_SCALE = re.compile(r"\s*(?:/|out of)\s*5\b(?:\s*stars?)?", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
# "the second" points at pick 2 ("the last" is not a position a sentence can get wrong)
_ORDINALS = {w: n for w, n in _EN.ordinals.items() if n > 0}
_POSITION = re.compile(r"(?:#|\bpick\s+|\bno\.\s*|\bnumber\s+|\boption\s+|\bitem\s+|\bchoice\s+)(\d+)\b|^\s*(\d+)[.)]\s",
                       re.I)
_NEGATION = re.compile(rf"\b{alternation(_EN.grounding['absence'])}\s+(?:\w+\s+)?$", re.I)
_CAPWORD = re.compile(r"\b[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\b")


@dataclass(frozen=True)
class Issue:
    """One unsupported claim: its kind, the words that carry it, and why it fails."""

    kind: str
    claim: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class GroundingReport:
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues

    def messages(self) -> list[str]:
        return [str(i) for i in self.issues]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for issue in self.issues:
            out[issue.kind] = out.get(issue.kind, 0) + 1
        return out


@dataclass(frozen=True)
class CatalogTerms:
    """What the whole catalog could be claimed to contain: brands, model names, attribute words.

    Built once per index (``from_products``); the check looks for these words in LLM
    text and then asks whether the *shown* products back them.
    """

    brands: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()        # capitalised model words of titles ("Vertex", "Comet")
    attributes: frozenset[str] = frozenset()   # lower-case features, colours, materials
    vocabulary: frozenset[str] = frozenset()   # every lower-case word of the catalog's text

    @classmethod
    def from_products(cls, products: Iterable[Product], extra_attributes: Iterable[str] = ()) -> "CatalogTerms":
        brands: set[str] = set()
        title_words: set[str] = set()
        common: set[str] = set()
        attributes: set[str] = {a.lower() for a in extra_attributes if a}
        vocabulary: set[str] = set()
        for p in products:
            vocabulary.update(_words(" ".join((p.title, p.brand, p.category, p.description, p.attribute_text()))))
            if p.brand:
                brands.add(p.brand)
            title_words.update(_CAPWORD.findall(p.title))
            common.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9\-]*", p.category))
            common.update(re.findall(r"(?<![A-Za-z])[a-z][a-z0-9\-]*", p.description))
            for key, value in p.attributes.items():
                if key.startswith(("colour", "color", "material")) or key in ("features", "feature"):
                    for v in value if isinstance(value, list) else [value]:
                        attributes.add(str(v).lower())
                        common.update(str(v).lower().split())
        brand_words = {w.lower() for b in brands for w in b.split()}
        names = {w for w in title_words if len(w) >= 3 and w.lower() not in common and w.lower() not in brand_words
                 and not w.isdigit()}
        vocabulary.update(w for a in attributes for w in _words(a))
        return cls(frozenset(brands), frozenset(names), frozenset(a for a in attributes if len(a) > 2),
                   frozenset(vocabulary))


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def check_grounding(text: str, shown: list[Product], portrait=None, terms: CatalogTerms | None = None,
                    request: str = "", evidence: Iterable[str] = ()) -> GroundingReport:
    """Every unsupported name, price, number, attribute claim and pick reference in ``text``.

    ``evidence``: shop-knowledge passages the text may state (a customer-service answer):
    their numbers, amounts and policy phrases count as supported, nothing else does, so
    "30 days" passes only when a passage says 30 days — and a policy sentence's qualifiers
    and numbers only when one passage sentence on the same topic states them
    (``assistant.grounding.evidence``: "Shipping is always free." fails against "Standard
    shipping is free on orders over $75.").
    """
    evidence = [e for e in evidence if e]
    evidence_text = " ".join(evidence)
    if evidence_text:
        request = f"{request} {evidence_text}"
    terms = terms or CatalogTerms.from_products(shown)
    budget = [v for v in (getattr(portrait, "budget_max", None), getattr(portrait, "budget_min", None)) if v is not None]
    allowed_money = _allowed_money(shown, budget, request)
    allowed_numbers = _allowed_numbers(shown, budget, request) | allowed_money
    said, topic, shown_text = _said_and_topic(shown, portrait, request)
    context = _Context(shown, terms, allowed_money, allowed_numbers, said, topic,
                       f"{shown_text} {evidence_text.lower()}" if evidence_text else shown_text)
    issues: list[Issue] = []
    sentences = split_sentences(text)
    for sentence in sentences:
        issues.extend(_check_sentence(sentence, context))
        meta = _META.search(sentence)
        if meta:
            issues.append(Issue("meta", meta.group(0), f"talks about the text or itself ({meta.group(0)!r}), not the picks"))
        flagged = {i.claim.lower() for i in issues}
        issues.extend(Issue(kind, claim, message) for kind, claim, message in unsupported_claims(sentence, context.shown_text)
                      if claim.lower() not in flagged)
        if evidence:   # a policy claim needs a passage sentence on its topic that states it
            flagged = {i.claim.lower() for i in issues}
            issues.extend(Issue(kind, claim, message) for kind, claim, message in unsupported_policy(sentence, evidence)
                          if claim.lower() not in flagged)
    if len(sentences) > 1 and answers_nothing(sentences, context.topic):
        issues.append(Issue("unanswered", text[:40], "answers nothing the shopper asked"))
    return GroundingReport(issues)


# A tiny model asked to fix its draft often writes about "the original text" or "errors"
# instead of the products: grounded in nothing, useless to a shopper.
_META = re.compile(rf"\b{alternation(_EN.grounding['meta'])}(?![a-z])", re.IGNORECASE)


@dataclass(frozen=True)
class _Context:
    """What every sentence of one text is checked against."""

    shown: list[Product]
    terms: CatalogTerms
    allowed_money: set[float]
    allowed_numbers: set[float]
    said: str          # the shopper's words and the portrait: the prose may echo them
    topic: str         # words about the picks and the shopper: a sentence must use one
    shown_text: str    # the shown products' text, which may back a policy claim


def _said_and_topic(shown: list[Product], portrait, request: str) -> tuple[str, str, str]:
    fields = [getattr(portrait, name, None) for name in ("category", "recipient", "occasion", "needs", "style")]
    fields += list(getattr(portrait, "attributes_wanted", []) or []) + list(getattr(portrait, "brands_liked", []) or [])
    said = " ".join([request] + [str(f) for f in fields if f])
    topic = " ".join([said] + [f"{p.title} {p.brand} {p.category} {p.attribute_text()}" for p in shown])
    shown_text = " ".join(product_terms(p) for p in shown)
    return said, topic, shown_text


def _check_sentence(sentence: str, context: _Context) -> list[Issue]:
    shown, terms = context.shown, context.terms
    allowed_money, allowed_numbers = context.allowed_money, context.allowed_numbers
    issues: list[Issue] = []
    # -- references to pick positions
    positions = _positions(sentence)
    for pos in positions:
        if pos > len(shown) or pos < 1:
            issues.append(Issue("reference", f"#{pos}", f"refers to pick {pos} but only {len(shown)} are shown"))
    referenced = {i for i in positions if 1 <= i <= len(shown)} | _named_picks(sentence, shown)
    # -- names: brands and model words of products that are not shown
    lowered = sentence.lower()
    shown_brands = {p.brand.lower() for p in shown if p.brand}
    for brand in terms.brands:
        pattern = rf"(?<![\w-]){re.escape(brand)}(?![\w-])"
        flags = re.I if len(brand) >= 4 else 0
        if brand.lower() not in shown_brands and re.search(pattern, sentence, flags):
            issues.append(Issue("name", brand, f"names {brand}, which is not among the shown products"))
    shown_title_words = {w for p in shown for w in _CAPWORD.findall(p.title)}
    for word in _CAPWORD.findall(sentence):
        if word in terms.names and word not in shown_title_words:
            issues.append(Issue("name", word, f"names '{word}', which is not a shown product"))
    # -- money, then every other number
    scrubbed = _SCALE.sub(" ", sentence)
    for amount in money_amounts(scrubbed):
        claim = scrubbed[amount.start:amount.end].strip()
        if not _contains(allowed_money, amount.value):
            issues.append(Issue("price", claim, f"price {claim} is not a catalog price of a shown product or your budget"))
    scrubbed = _POSITION.sub(" ", _MONEY.sub(" ", scrubbed))   # positions were checked above
    for m in _NUMBER.finditer(scrubbed):
        value = _value(m.group(1), m.group(2))
        if not _contains(allowed_numbers, value):
            issues.append(Issue("number", m.group(0), f"the number {m.group(0)} is not in the shown products' data"))
    # -- attribute claims
    targets = [shown[i - 1] for i in sorted(referenced)] or shown
    target_terms = [product_terms(p) for p in targets]
    for attr in sorted(terms.attributes, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(attr)}(?![\w-])", lowered):
            if _NEGATION.search(lowered[: m.start()]):
                continue   # "not waterproof" claims an absence; we do not praise with it
            if not any(has_term(t, attr) for t in target_terms):
                who = ", ".join(p.title for p in targets) if referenced else "any shown product"
                issues.append(Issue("attribute", attr, f"'{attr}' is not an attribute of {who}"))
            break
    # -- what no catalog product names: unknown names, policy claims, ratings, markup, off-topic talk
    vocabulary = terms.vocabulary or frozenset(_words(context.topic))
    ratings = [p.rating for p in targets if p.rating is not None]
    flagged = {i.claim for i in issues}
    about_products = bool(positions or referenced or issues)
    for kind, claim, message in lexical_issues(sentence, vocabulary, context.said, context.topic, ratings,
                                               context.shown_text, about_products):
        if claim not in flagged:
            issues.append(Issue(kind, claim, message))
    return issues


def _positions(sentence: str) -> set[int]:
    found = {int(a or b) for a, b in _POSITION.findall(sentence)}
    for word, pos in _ORDINALS.items():
        if re.search(rf"\bthe {word}\b(?! time)", sentence, re.I):
            found.add(pos)
    return found


def _named_picks(sentence: str, shown: list[Product]) -> set[int]:
    """Positions of shown products the sentence names by a model word or a brand unique among the picks."""
    out: set[int] = set()
    words = set(_CAPWORD.findall(sentence))
    brand_counts: dict[str, int] = {}
    for p in shown:
        brand_counts[p.brand.lower()] = brand_counts.get(p.brand.lower(), 0) + 1
    title_counts: dict[str, int] = {}
    for p in shown:
        for w in set(_CAPWORD.findall(p.title)):
            title_counts[w] = title_counts.get(w, 0) + 1
    for i, p in enumerate(shown, start=1):
        unique = {w for w in _CAPWORD.findall(p.title) if title_counts[w] == 1 and len(w) >= 3
                  and w.lower() != p.brand.lower()}
        if words & unique:
            out.add(i)
        elif p.brand and brand_counts[p.brand.lower()] == 1 and re.search(
                rf"(?<![\w-]){re.escape(p.brand)}(?![\w-])", sentence, re.I):
            out.add(i)
    return out


def _value(whole: str, frac: str | None) -> float:
    value = float(whole.replace(",", ""))
    return value + float(f"0.{frac}") if frac else value


def _contains(allowed: set[float], value: float) -> bool:
    return any(abs(value - a) < 0.006 for a in allowed)


def _allowed_money(shown: list[Product], budget: list[float], request: str) -> set[float]:
    """Shown prices (exact, rounded, whole dollars), the budget, price-to-budget gaps, amounts the shopper said."""
    out: set[float] = set(budget)
    for p in shown:
        if p.price is None:
            continue
        out.update({round(p.price, 2), float(round(p.price)), float(math.floor(p.price))})
        for b in budget:
            gap = round(abs(b - p.price), 2)
            out.update({gap, float(round(gap)), float(math.floor(gap))})
    out.update(a.value for a in money_amounts(request))
    return out


def _allowed_numbers(shown: list[Product], budget: list[float], request: str) -> set[float]:
    """Numbers in the shown products' data and in the shopper's words, plus pick positions."""
    out: set[float] = set(budget) | {float(i) for i in range(1, len(shown) + 1)}
    texts = [request]
    for p in shown:
        texts += [p.title, p.description, p.attribute_text()]
        texts += [str(v) for v in p.attributes.values() if not isinstance(v, list)]
        if p.rating is not None:
            out.add(p.rating)
        if p.review_count:
            out.add(float(p.review_count))
    for text in texts:
        for m in _NUMBER.finditer(text):
            out.add(_value(m.group(1), m.group(2)))
    return out
