"""Honesty when the catalog cannot satisfy a request.

Two different situations, two different answers:

- the shop carries the kind of product, but nothing satisfies every hard constraint:
  say so plainly and show the nearest alternatives, each with what it violates
  ("the closest is $169, $19 over your budget"); those products carry ``violates``
  in the JSON so no caller mistakes them for matches;
- the shop does not carry that kind of product at all ("a kayak" in a shop without
  kayaks): say so, and show nothing rather than unrelated products.

>>> lex = CatalogLexicon.from_products([Product(id="1", title="Trail Jacket", category="Outdoor > Jackets")])
>>> lex.unknown_product_words("I need a kayak")
['kayak']
>>> lex.unknown_product_words("a jacket for my nephew")
[]
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.guide.render import short_name
from retrieval.catalog.product import Product
from retrieval.query import Query
from retrieval.text import format_money, stem, words
from retrieval.text.lang import available, load

_EN = load("en")
# words that say nothing about the kind of product: stop words, who/when/why words, people, occasions, activities
STOP = _EN.stopwords | _EN.nonproduct | {w for table in (_EN.recipients, _EN.occasions) for phrases in table.values()
                        for p in phrases for w in words(p)} | {w for p in _EN.activities for w in words(p)}


@dataclass(frozen=True)
class CatalogLexicon:
    """Every word (and its stem) of the catalog's titles, categories, brands and attribute values.

    ``parts``: words the catalog uses only inside longer attribute values ("laptop" of "laptop
    sleeve", "insole" of "cushioned insole") — a part or a use of a product, never a product
    kind of its own or a value by itself.
    """

    words: frozenset[str]
    parts: frozenset[str] = frozenset()
    # part word → title and category words of the products that have it ("laptop" → daypack, backpack, …):
    # "a laptop backpack" is carried, "laptop stands" (a stand mixer elsewhere) is not
    part_kinds: dict[str, frozenset[str]] | None = None

    @classmethod
    def from_products(cls, products) -> "CatalogLexicon":
        products = list(products)
        known: set[str] = set()
        whole: set[str] = set()       # title, category and brand words, and one-word values
        texts: list[str] = []
        for p in products:
            text = " ".join([p.title, p.category, p.brand, p.attribute_text(), " ".join(p.attributes)])
            texts.append(text)
            for w in words(text.replace("_", " ")):
                known |= {w, stem(w)}
            for w in words(f"{p.title} {p.category} {p.brand} {' '.join(p.attributes)}".replace("_", " ")):
                whole |= {w, stem(w)}
            for value in p.attributes.values():
                for v in (value if isinstance(value, list) else [value]):
                    one = words(str(v))
                    if len(one) == 1:
                        whole |= {one[0], stem(one[0])}
        glossed = _glossed_words("\n".join(texts).lower())
        parts = frozenset(known - whole - glossed)
        kinds: dict[str, set[str]] = {}
        for p, text in zip(products, texts):
            own = set(words(text.replace("_", " ")))
            titled = {x for w in words(f"{p.title} {p.category}") for x in (w, stem(w))}
            for w in own & parts:
                kinds.setdefault(w, set()).update(titled)
        return cls(frozenset(known | glossed), parts, {w: frozenset(k) for w, k in kinds.items()})

    def unknown_product_words(self, text: str) -> list[str]:
        """Content words of ``text`` the catalog never uses — but only if it knows none of them."""
        content = [w for w in words(text) if len(w) > 2 and w[0].isalpha() and w not in STOP]
        if not content:
            return []
        known = [w for w in content if w in self.words or stem(w) in self.words or self._stem_known(w)]
        return [] if known else content

    def _stem_known(self, word: str) -> bool:
        """"cooking" is known when the catalog says "cookware": a shared stem of 4+ letters."""
        stem = word[: max(4, len(word) - 3)]
        return any(w.startswith(stem) for w in self.words)


def _glossed_words(catalog_text: str) -> set[str]:
    """English words (and stems) of the language tables' glosses whose phrase the catalog uses.

    A Chinese catalog never writes "mug", but it sells 保温杯, which the zh tables gloss as
    "insulated mug": an English shopper asking for a mug is not told the shop lacks one.
    """
    out: set[str] = set()
    for code in available():
        if code == "en":
            continue
        lang = load(code)
        for table in (lang.glossary or {}, lang.colour_synonyms, lang.feature_synonyms):
            for english, phrases in table.items():
                if any(phrase in catalog_text for phrase in phrases if len(phrase) >= 2):
                    out |= {x for w in words(english) for x in (w, stem(w))}
    return out


def relaxations(query: Query) -> list[Query]:
    """Ever looser versions of ``query``: first keep the category, then drop it too."""
    loose = query.with_(min_price=None, max_price=None, brands_include=(), brands_exclude=(),
                        attributes_required=(), attributes_excluded=())
    return [loose, loose.with_(categories=())] if query.categories else [loose]


def describe_violation(product: Product, query: Query, violation: str, seen_price: float | None = None) -> str:
    """Retrieval's phrase, made friendlier for price: "$19 over your $150 budget".

    ``seen_price``: the bound came from "cheaper" (under the $68.99 the shopper saw), not a budget
    they gave, so the phrase names that price: "not cheaper than the $68.99 one you saw".
    """
    if query.max_price is not None and product.price is not None and product.price > query.max_price:
        if violation.startswith("price") and "budget" in violation:
            if seen_price is not None:
                return f"not cheaper than the {format_money(seen_price, product.currency)} one you saw"
            gap = product.price - query.max_price
            return f"{format_money(gap, product.currency)} over your {format_money(query.max_price, product.currency)} budget"
    if query.min_price is not None and product.price is not None and product.price < query.min_price:
        if violation.startswith("price") and "minimum" in violation:
            gap = query.min_price - product.price
            return f"{format_money(gap, product.currency)} under your {format_money(query.min_price, product.currency)} minimum"
    return violation


def none_match_notice(alternatives: list[tuple[Product, list[str]]], some_match: bool) -> str:
    """The plain statement shown above the alternatives."""
    head = ("Only a few products satisfy all of your requirements, so I've added the closest ones that don't."
            if some_match else "Nothing in the catalog satisfies all of your requirements.")
    if not alternatives:
        return head
    product, broken = alternatives[0]
    price = f" at {format_money(product.price, product.currency)}" if product.price is not None else ""
    return f"{head} The closest is the {short_name(product)}{price}: {'; '.join(broken)}."


def not_carried_notice(words: list[str]) -> str:
    thing = " ".join(words[:3])
    return (f"This shop doesn't carry {thing}: nothing in the catalog matches it. "
            "Try describing a different kind of product.")
