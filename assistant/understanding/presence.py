"""Whether a "yes" to "does it have / come with / is there a X" answers X at all.

"does it have a porch to keep my boots out of the rain" on a tent listed as waterproof: the rain is why, the porch is
what is asked, and no row item says a porch. The object the question asks for is read by ``presence_object`` in
``lang/en/verdicts.yaml`` ("a porch", "the nails", "a peak or visor"; a generic word such as "something" asks
nothing by itself); a yes whose row item shares no word with it and that the embedder puts far from it
(``UNSAID_BELOW``) says more than the row: the catalog doesn't say.

``UNSAID_BELOW`` was read off the dev dialogue suite (session 17): every yes it answered right with a named object
scored 0.53 or more against that object alone ("a case" → cover included 0.56, "a strap" → carrying strap included
0.67), every yes it answered where the gold is "the catalog doesn't say" 0.42 or less ("the nails" → footprint
included 0.22, "a porch" → waterproof 0.30).

>>> asked_object("does it have a porch to keep my boots out of the rain")
'porch'
>>> asked_object("is there a peak or visor on the front"), asked_object("does it come with something to cover it")
('peak or visor', None)
>>> asked_object("is it waterproof?")
>>> asked_object("it isn't linen by any chance, is it?")
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from assistant.understanding.paraphrase import shares_word
from retrieval.catalog.product import Product

UNSAID_BELOW = 0.45


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern | None, frozenset[str], frozenset[str]]:
    from assistant.understanding.verdicts import _table

    table = _table()
    pattern = table.get("presence_object")
    return (re.compile(pattern) if pattern else None), frozenset(table.get("presence_generic", [])), \
        frozenset(table.get("presence_hedges", []))


def asked_object(question: str) -> str | None:
    """The thing a presence question asks for ("a porch" → "porch"), or None (no such frame, or a generic word)."""
    pattern, generic, hedges = _patterns()
    m = pattern.search(question.lower()) if pattern is not None else None
    if m is None:
        return None
    thing = m.group(1).strip()
    # ("isn't it linen, by any chance": a hedge is no thing asked for)
    return None if not thing or set(thing.split()) <= generic or thing.split()[0] in hedges else thing


def object_unsaid(product: Product, question: str, fact: str | None, values: Any) -> bool:
    """Whether a yes quoting ``fact`` leaves the object the question asks for unsaid (see the module's note)."""
    paraphrase = getattr(values, "paraphrase", None)
    thing = asked_object(question) if paraphrase is not None and fact else None
    if thing is None or shares_word(thing, fact) or paraphrase.shares_word(thing.split()[-1], fact):
        return False     # (through a gloss only the thing's head word counts: "snow" of a snow skirt is no waterproof)
    return paraphrase.scores(thing, product.title).get(fact, 1.0) < UNSAID_BELOW
