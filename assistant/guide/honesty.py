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

import re
from dataclasses import dataclass

from assistant.guide.render import money, short_name
from retrieval.catalog.product import Product
from retrieval.query import Query

# words that say nothing about the kind of product (request phrasing, people, occasions)
STOP = set("""
a an the and or but for of to in on at by with without from into under over below above between than
i me my we our you your he she his her they them their it its this that these those some any
need needs want wants wanted looking look find get buy buying show give recommend something anything
good great nice best better cheap cheaper cheapest affordable budget price priced under around about
dollars dollar bucks usd eur euros pounds gbp max maximum less more most much very really please thanks
gift gifts present birthday christmas anniversary holiday wedding party trip travel vacation holidays
mom mum dad mother father wife husband son daughter kid kids child children boy girl boyfriend girlfriend
friend friends brother sister nephew niece grandma grandpa grandmother grandfather partner baby teen teenager
man men woman women someone people family colleague boss new one ones pair set thing things stuff
make show tell more like love loves likes enjoy enjoys use using used also just only maybe would could should can will
is are be been am was were has have had do does did not no yes ok okay hi hello hey what which who
year years old age day days week weeks time home daily everyday work school office outdoor indoor
""".split())


def _forms(word: str) -> set[str]:
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return forms


@dataclass(frozen=True)
class CatalogLexicon:
    """Every word of the catalog's titles, categories, brands and attribute values."""

    words: frozenset[str]

    @classmethod
    def from_products(cls, products) -> "CatalogLexicon":
        words: set[str] = set()
        for p in products:
            text = " ".join([p.title, p.category, p.brand, p.attribute_text(), " ".join(p.attributes)])
            for w in re.findall(r"[a-z0-9]+", text.lower().replace("_", " ")):
                words |= _forms(w)
        return cls(frozenset(words))

    def unknown_product_words(self, text: str) -> list[str]:
        """Content words of ``text`` the catalog never uses — but only if it knows none of them."""
        content = [w for w in re.findall(r"[a-z][a-z\-]+", text.lower()) if len(w) > 2 and w not in STOP]
        if not content:
            return []
        known = [w for w in content if _forms(w) & self.words or any(
            part in self.words for part in w.split("-")) or self._stem_known(w)]
        return [] if known else content

    def _stem_known(self, word: str) -> bool:
        """"cooking" is known when the catalog says "cookware": a shared stem of 4+ letters."""
        stem = word[: max(4, len(word) - 3)]
        return any(w.startswith(stem) for w in self.words)


def relaxations(query: Query) -> list[Query]:
    """Ever looser versions of ``query``: first keep the category, then drop it too."""
    loose = query.with_(min_price=None, max_price=None, brands_include=(), brands_exclude=(),
                        attributes_required=(), attributes_excluded=())
    return [loose, loose.with_(categories=())] if query.categories else [loose]


def describe_violation(product: Product, query: Query, violation: str) -> str:
    """Retrieval's phrase, made friendlier for price: "$19 over your $150 budget"."""
    if query.max_price is not None and product.price is not None and product.price > query.max_price:
        if violation.startswith("price") and "budget" in violation:
            gap = product.price - query.max_price
            return f"{money(gap, product.currency)} over your {money(query.max_price, product.currency)} budget"
    if query.min_price is not None and product.price is not None and product.price < query.min_price:
        if violation.startswith("price") and "minimum" in violation:
            gap = query.min_price - product.price
            return f"{money(gap, product.currency)} under your {money(query.min_price, product.currency)} minimum"
    return violation


def none_match_notice(alternatives: list[tuple[Product, list[str]]], some_match: bool) -> str:
    """The plain statement shown above the alternatives."""
    head = ("Only a few products satisfy all of your requirements, so I've added the closest ones that don't."
            if some_match else "Nothing in the catalog satisfies all of your requirements.")
    if not alternatives:
        return head
    product, broken = alternatives[0]
    price = f" at {money(product.price, product.currency)}" if product.price is not None else ""
    return f"{head} The closest is the {short_name(product)}{price}: {'; '.join(broken)}."


def not_carried_notice(words: list[str]) -> str:
    thing = " ".join(words[:3])
    return (f"This shop doesn't carry {thing}: nothing in the catalog matches it. "
            "Try describing a different kind of product.")
