"""A product question that says the opposite of what the row states is a "no", quoting the row.

Shoppers often ask about a worry rather than the property: "will my deskmates hear every keystroke" of a
keyboard with "quiet keys", "will slush soak through them" of "waterproof" boots, "are the pieces flimsy?" of
a puzzle with "thick pieces". The readings before this one match such a question to the row item it is about —
and then answer "yes" (the item is there) or "the catalog doesn't say" (no item is near enough). The item is
there, but the question asks for its opposite: the truthful answer is "no", with the item as the deciding fact.

Two sources, both language data (``lang/<language>/``), never one catalog's words:

- ``opposites.yaml``: ways shoppers say a feature term's opposite, embedded beside the catalog's items
  (``RowParaphrase.denied``): the question must be clearly nearer one of them than to anything the row says;
- ``opposed_words`` of ``verdicts.yaml``: a word of a row item whose opposite the question says outside the
  title ("hand stitched?" of "machine stitched", "bare iron?" of "rubber coated"), read by
  ``verdicts.antonym_said`` over the row's features and short values (``opposed_word``).

A question that asks which ("quiet or loud?") or that the readings answered "no" or with a value is left alone.

>>> from retrieval.catalog.product import Product
>>> ball = Product(id="b", title="Anchor Basketball", attributes={"features": ["machine stitched", "official size"]})
>>> opposed_word(ball, "the anchor basketball, hand stitched?")
('features', 'machine stitched')
>>> opposed_word(ball, "is it machine stitched?") is None
True
"""

from __future__ import annotations

import re
from typing import Any

from assistant.understanding.paraphrase import _items
from assistant.understanding.worries import EITHER, _spaced, asked_clause, guard_said
from retrieval.catalog.product import Product


def opposed_word(product: Product, question: str) -> tuple[str, str] | None:
    """(key, item) of the first row feature or short string value whose word the question says the opposite of
    (``verdicts.antonym_said`` with ``opposed_words``), outside the product's own title."""
    from assistant.understanding.verdicts import _outside_title, _table, _words, antonym_said
    said = _outside_title(product, question)
    words = _words(said)
    opposed = {w for pair in _table().get("opposed_words", []) for w in pair}
    for key, raw in sorted(product.attributes.items(), key=lambda kv: kv[0] != "features"):
        if not isinstance(raw, (str, list)):
            continue
        for item in _items(raw):
            rest = [w for w in _words(item) if not any(w.startswith(o) for o in opposed)]
            if len(item.split()) <= 3 and antonym_said(item, said, "opposed_words") \
                    and all(any(r.rstrip("s") == w.rstrip("s") for w in words) for r in rest):
                return key, item
    return None


def denial(product: Product, question: str, verdict: str, fact: str | None,
           paraphrase: Any | None) -> tuple[str, str] | None:
    """(key, item) when a "yes" or "unknown" answer should be "no — <item>": a word of the question is the
    opposite of a word of a row item, or the question is clearly nearer a way of saying an item's opposite
    (``RowParaphrase.denied``) and the answer quoted that item or none."""
    if verdict not in ("yes", "unknown") or EITHER.search(question.lower()):
        return None
    # the asked sentence only: "thats heavy. is it lighter than a kilo?" says heavy of something else
    # (the last one with a question mark: "… is it dry clean only? i'll be living out of a suitcase")
    marked = [p for p in re.findall(r"[^.!?]+(?=\?)", question) if p.strip()]
    asked = marked[-1] if marked else next((p for p in reversed(re.split(r"[.!?]+", question)) if p.strip()), question)
    asked = asked_clause(asked)      # "bit worried it'll be sweaty, does it breathe": the clause asks
    word = opposed_word(product, asked)
    if word is not None:
        return word
    from assistant.understanding.verdicts import _outside_title, says_absent

    if verdict == "yes" and fact and says_absent(fact, _outside_title(product, asked)) \
            and not re.search(rf"\b{re.escape(fact.lower())}\b", asked.lower().replace("-", " ")):
        # ("is it paraben free" of the Fragrance-Free scrub: the fact itself is asked, its "free" a title word too)
        # "slippery when sweaty?" answered with "non-slip" (by any reading, the learned one too): it keeps that out
        # (the name's own words are no question: "yoga blocks" is not "blocks" asked as a protection)
        key = next((k for k, raw in product.attributes.items() if fact in _items(raw)), "features")
        return key, fact
    if _ABSENT.search(asked.lower()):
        return None      # "without wet feet": the shopper says the opposite is to stay away, not that it may happen
    if guard_said(product, asked):
        return None      # "my partner moans about the clicking, is it one of the quiet ones": quiet is asked
    near = paraphrase.denied(product, asked) if paraphrase is not None else None
    if near is None:
        return None
    # a "yes" quoting another item stands, unless the shopper said the opposite in so many words ("is the
    # kettlebell just bare iron?" answered "cast iron" by the shared word; "bare iron" denies "rubber coated")
    if verdict == "yes" and fact != near[1] and _spaced(near[3]) not in _spaced(question):
        return None
    return near[0], near[1]


def tolerated(question: str) -> bool:
    """The question asks whether the product copes with a harm ("can it get wet?", "ok to get rained on"):
    ``tolerated_asked`` of ``verdicts.yaml``. Nearest an item's opposite, it asks for the item — a "yes".

    >>> tolerated("the aria, can it get wet or not?"), tolerated("will it get wet inside?")
    (True, False)
    """
    from assistant.understanding.verdicts import _table
    cue = _table().get("tolerated_asked")
    return bool(cue) and re.search(cue, question.lower()) is not None


_ABSENT = re.compile(r"\b(?:without|not|no|never|nothing|won'?t|don'?t|doesn'?t|isn'?t|aren'?t|can'?t)\b|n't\b")
