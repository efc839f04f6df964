"""Catalog words a question says of something other than the value asked: a compound naming another thing ("metal
utensils", "an sd card"), a value as the subject of something new ("is the fabric fire retardant"), a part's property
beyond a row item that only names the part ("does the hood come off" of "hooded"). Each reading compares the
question's words with what the product's title and its category's catalog values use (``CatalogValues.in_category``);
qualifiers of a value ("real", "pure") are ``value_qualifiers`` in ``lang/en/verdicts.yaml``.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.understanding.verdicts import _table
from retrieval.catalog.product import Product
from retrieval.text import stem


def _quiet_words() -> set[str]:
    """Stop words and a value's qualifiers: never the other thing a question names."""
    from retrieval.text.lang import load

    return load("en").stopwords | set(_table().get("value_qualifiers", []))


def _known_stems(product: Product, values: Any) -> set[str]:
    """The stems of the product's title and of every catalog value its category uses."""
    known = " ".join([product.title.lower(), *getattr(values, "in_category", {}).get(product.category or "", {})])
    return {stem(w) for w in re.findall(r"[a-z0-9]+", known)}


def names_other_thing(word: str, question: str, product: Product, values: Any) -> bool:
    """Whether ``word`` (a word of a longer catalog value: "metal" of "metal mesh") is said in a compound that names
    another thing ("can i use metal utensils on it", "off an sd card"): a word beside it that neither the title nor
    the values of the product's category use, and no qualifier of the value ("real", "pure": ``value_qualifiers``).

    >>> from types import SimpleNamespace
    >>> pan = Product(id="p", title="Maple Skillet", category="Cookware", attributes={"material": "cast iron"})
    >>> vals = SimpleNamespace(in_category={"Cookware": {"cast iron": {"material"}, "metal handle": {"features"}}})
    >>> names_other_thing("metal", "can i use metal utensils on it", pan, vals)
    True
    >>> names_other_thing("metal", "is it metal?", pan, vals)
    False
    >>> names_other_thing("metal", "is the handle metal", pan, vals)
    False
    """
    words = re.findall(r"[a-z0-9]+", question.lower())
    stop, known_stems = _quiet_words(), _known_stems(product, values)
    for i, w in enumerate(words):
        if w != word:
            continue
        beside = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
        if any(n not in stop and not n.isdigit() and stem(n) not in known_stems for n in beside):
            return True
    return False


def value_as_subject(value: str, question: str, product: Product, values: Any) -> bool:
    """Whether a catalog value is the subject the question says something new of ("is the fabric fire retardant":
    the fabric, then a property the title and the category's values never use), not the value asked.

    >>> from types import SimpleNamespace
    >>> tent = Product(id="t", title="Peak Tent", category="Tents", attributes={"material": "nylon ripstop"})
    >>> vals = SimpleNamespace(in_category={"Tents": {"nylon ripstop": {"material"}, "fabric": {"material"}}})
    >>> value_as_subject("fabric", "is the fabric fire retardant", tent, vals)
    True
    >>> value_as_subject("fabric", "is it fabric?", tent, vals)
    False
    >>> value_as_subject("fabric", "is the fabric nylon", tent, vals)
    False
    """
    m = re.search(rf"\b(?:the|its|their) {re.escape(value)} (\w+)", question.lower())
    return m is not None and names_other_thing(value.split()[-1], question[m.start():], product, values)


_HAS = {"come", "comes", "include", "includes", "included", "have", "has", "got", "supplied", "provided"}


def said_of_the_part(product: Product, question: str, item: str, values: Any) -> bool:
    """Whether a yes on a row item that only names a part (``item``: "hooded") would answer more than the row says:
    the question makes the part its subject ("does the hood come off") and says of it something that neither the
    title nor the category's values speak of. An item that says more of its part ("stay-cool handle", "embroidered
    eyes") may answer such a question in other words ("can i grab the handle without a mitt").

    >>> from types import SimpleNamespace
    >>> parka = Product(id="p", title="Loft Parka", category="Coats", attributes={"features": ["hooded", "insulated"]})
    >>> vals = SimpleNamespace(in_category={"Coats": {"hooded": {"features"}, "waterproof": {"features"}}})
    >>> said_of_the_part(parka, "does the hood come off", "hooded", vals)
    True
    >>> said_of_the_part(parka, "does it have a hood", "hooded", vals)
    False
    >>> said_of_the_part(parka, "is the hood waterproof", "hooded", vals)
    False
    >>> knife = Product(id="k", title="Birch Knife", attributes={"features": ["blade guard included"]})
    >>> none = SimpleNamespace(in_category={})
    >>> said_of_the_part(knife, "is that blade hand sharpened", "blade guard included", none)
    True
    >>> said_of_the_part(knife, "does the blade come with a guard", "blade guard included", none)
    False
    >>> said_of_the_part(knife, "anything to cover the blade in a drawer", "blade guard included", none)
    False
    """
    stop, known_stems = _quiet_words(), _known_stems(product, values)
    words = re.findall(r"[a-z0-9]+", item.lower())
    if len(words) > 1:
        # "blade guard included": a part ("blade") said before what the item says of it ("guard"); the question
        # names only that part ("is that blade forged …")
        asked = {stem(w) for w in re.findall(r"[a-z0-9]+", question.lower())}
        shared = [w for w in words if len(w) > 2 and stem(w) in asked]
        words = shared if len(shared) == 1 and shared[0] == words[0] else []
        # (the part is the subject asked of: "is that blade …", not "something to cover the blade")
        lead = r"\b(?:is|are|was|were|does|do|did|has|have|can|will|would) "
    else:
        lead = r"\b"
    for word in words if len(words) == 1 and len(words[0]) > 2 else []:
        m = re.search(rf"{lead}(?:the|its|their|that|this) {re.escape(stem(word))}\w*\b([^,.;?!]*)", question.lower())
        if m is None:
            continue
        said = [w for w in re.findall(r"[a-z0-9]+", m.group(1)) if w not in stop and not w.isdigit()]
        if lead != r"\b" and set(said) & _HAS:
            continue         # "does the strap come with it" of "shoulder strap included": whether it has the part
        if said and any(stem(w) not in known_stems for w in said):
            return True
    return False
