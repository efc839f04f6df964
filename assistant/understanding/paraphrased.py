"""A question in other words than the row's: the row item's text it is nearest (a gloss or the item), and a
phrase that is clearly another value of a key the row has ("is it animal hide?" of a canvas shoe: leather)."""

from __future__ import annotations

import re

from assistant.understanding.rowmatch import CatalogValues
from retrieval.catalog.product import Product
from retrieval.query import norm


def _evidence(product: Product, question: str, fact: str, values: CatalogValues | None) -> str:
    """The row item's text the question is nearest: the item, or one of its glosses ("for grain allergies" is a
    gloss of grain free, asking for it, not about grain in it)."""
    para = values.paraphrase if values is not None else None
    return para.evidence(question, product.title, fact) if para is not None and para.items else fact


def _other_value(product: Product, question: str, values: CatalogValues,
                 hit: tuple[str, str, float] | None) -> tuple[str, str] | None:
    """(key, the row's value) when the asked phrase's nearest catalog item is clearly (``STRONG``) another
    value of a single-valued key the row has — and nearer than the row item ``hit`` the match found, if any."""
    from assistant.understanding.paraphrase import STRONG

    near = values.paraphrase.nearest(question, product.title)
    if near is None or near[1] < STRONG or (hit is not None and (hit[1] == near[0] or hit[2] >= near[1])):
        return None
    keys = values.keys_of.get(_phrase(near[0]), set())
    if "features" in keys:
        return None          # a feature the row lacks is "the catalog doesn't say", never a "no"
    sims = values.paraphrase.scores(question, product.title)
    for key in sorted(keys):
        raw = product.attributes.get(key)
        if raw in (None, "") or isinstance(raw, (list, bool)) or norm(str(raw)) == norm(near[0]):
            continue
        if hit is not None and hit[0] != key:
            return None      # the row holds a matching item of another key: not a competing value
        # clearly that key's value: nothing of another key near it ("warm" is near wool and near "thermal"
        # lining alike: a property, not a material), and the row's own value far behind
        elsewhere = max((s for i, s in sims.items() if key not in values.keys_of.get(_phrase(i), ())), default=0.0)
        if near[1] - elsewhere < _CLEAR or sims.get(str(raw), 0.0) > near[1] - _CLEAR:
            return None
        return key, str(raw)
    return None


# how far the asked phrase's nearest value must stand above any item of another key, and above the row's own
# value, for a reworded value to decide "no" (the paraphrase module's WISH_GAP)
_CLEAR = 0.10


def _phrase(item: str) -> str:
    return " ".join(re.findall(r"[a-z0-9][a-z0-9']*", item.lower().replace("-", " ").replace("_", " ")))
