"""A row item shares a word with a yes / no question, but the question says another value with it ("does it have
plastic eyes?" of "embroidered eyes", "is the fill down?" of "synthetic fill"): the answer is "no" (see
``rowmatch.read_question``)."""

from __future__ import annotations

from assistant.guide.honesty import STOP
from typing import Any

from assistant.understanding.paraphrase import _items
from assistant.understanding.wh import _QUESTION_WORDS, _words
from retrieval.catalog.product import Product
from retrieval.text import same_word as _close
from retrieval.text import stem


def _rival_word(product: Product, key: str, text: str, values: Any) -> str | None:
    """A word of the question (not the product's name, not a question word) that other values of ``key`` in
    the product's category use and the row's value does not — the asked value is another one — else None.

    >>> from assistant.understanding.rowmatch import CatalogValues
    >>> bags = [Product(id="a", title="Tarn Bag", category="Bags", attributes={"material": "synthetic fill"}),
    ...         Product(id="b", title="Fell Bag", category="Bags", attributes={"material": "duck down fill"})]
    >>> v = CatalogValues.from_products(bags)
    >>> _rival_word(bags[0], "material", "is the fill down?", v), _rival_word(bags[0], "material", "synthetic fill?", v)
    ('down', None)
    """
    raw = product.attributes.get(key)
    if not isinstance(raw, str) or key == "features":
        return None
    words = values.value_words.get(product.category or "", {}).get(key, set())
    own = _words(raw)
    title = {stem(w) for w in _words(product.title)}
    for word in _words(text):
        if len(word) > 2 and word not in _QUESTION_WORDS and stem(word) not in title \
                and (word in words or any(_close(word, w) for w in words)) and not any(_close(word, o) for o in own):
            return word
    return None


def _value_keys(word: str, values: Any) -> set[str]:
    """The single-valued keys (not features) the catalog uses ``word`` for: a whole value, its last word or another."""
    keys = {k for k in values.keys_of.get(word, ()) if k != "features"}
    return keys | values.heads.get(word, set()) | values.parts.get(word, set())


def _contrary(product: Product, overlap: tuple[str, str], text: str, values: Any,
              title: set[str]) -> tuple[str, str, str] | None:
    """A row feature shares a word with a yes / no question, but the question says another value with it: "does it
    have plastic eyes?" on "embroidered eyes" (another material right before the shared noun: "no", the feature),
    "the blade is steel yeah?" on a ceramic knife with "blade guard included" (the feature only names the part;
    the value said after it is another material than the row's: "no", the row's material).

    >>> from assistant.understanding.rowmatch import CatalogValues
    >>> rows = [Product(id="a", title="Noodle Plush", attributes={"material": "minky fabric",
    ...                                                          "features": ["embroidered eyes", "blade guard"]}),
    ...         Product(id="b", title="Pip Plush", attributes={"material": "plastic"}),
    ...         Product(id="c", title="Edge Knife", attributes={"material": "stainless steel"})]
    >>> v = CatalogValues.from_products(rows)
    >>> _contrary(rows[0], ("features", "embroidered eyes"), "does it have plastic eyes?", v, set())
    ('no', 'features', 'embroidered eyes')
    >>> _contrary(rows[0], ("features", "blade guard"), "the blade is steel yeah?", v, set())
    ('no', 'material', 'minky fabric')
    >>> _contrary(rows[0], ("features", "embroidered eyes"), "does it have embroidered eyes?", v, set()) is None
    True
    """
    if overlap[0] != "features":
        return None
    item = _words(overlap[1])
    words = _words(text)
    shared = [i for i, w in enumerate(words) if len(w) > 2 and w not in STOP and any(_close(w, x) for x in item)]
    if not shared:
        return None
    row = {w for raw in product.attributes.values() for i in _items(raw) for w in _words(i)}

    def other(word: str) -> set[str]:
        if len(word) < 3 or word in STOP or word in _QUESTION_WORDS or stem(word) in title or word in row \
                or any(_close(word, x) for x in item):
            return set()
        return {k for k in _value_keys(word, values) if k in product.attributes
                and isinstance(product.attributes[k], str)}

    before = shared[0] - 1
    if before >= 0 and other(words[before]):
        return "no", "features", overlap[1]
    if len(item) < 2:
        return None          # "does it pack down small?" on "packable": the feature is what is asked
    scoped = values.value_words.get(product.category or "", {})
    for word in words[shared[-1] + 1:]:
        # said after the part, a value the product's category uses for that key ("steel" of "stainless steel")
        keys = sorted(k for k in other(word) if word in scoped.get(k, ()))
        if keys:
            return "no", keys[0], ", ".join(_items(product.attributes[keys[0]]))
    return None
