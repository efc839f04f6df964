"""The part of a message a product question asks, apart from the why after it.

>>> marked("hrc? need it to hold an edge")
'hrc?'
>>> before_why("under half a kilo? anything heavier and my wrists ache"), before_why("under a kilo? anything heavier")
('under half a kilo?', 'under a kilo?')
>>> before_why("is it heavy? i carry it 5 km")
'is it heavy? i carry it 5 km'
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.understanding.cues import load_cues


def marked(question: str) -> str:
    """The question up to its last "?" inside it ("hrc? need it to hold an edge" → "hrc?"), else all of it."""
    inner = question.rstrip(" ?!.")
    return question[:inner.rindex("?") + 1] if "?" in inner else question


def before_why(question: str) -> str:
    """``marked`` when an amount is said before the mark — a number, or one of a unit ("under a kilo?"): the why's
    comparative ("… anything heavier and my wrists ache") is not what is asked."""
    part = marked(question)
    return part if re.search(r"\d", part) or _one_of_a_unit().search(part.lower()) else question


@lru_cache(maxsize=1)
def _one_of_a_unit() -> re.Pattern[str]:
    """ "a kilo", "a full litre": one of a unit (``quantity_one``, ``units`` in ``lang/en/cues.yaml``), built once."""
    cues = load_cues()
    units = "|".join(re.escape(w) for w in sorted(cues.get("units", {}), key=len, reverse=True))
    return re.compile(rf"\b(?:{cues['quantity_one'].pattern}) (?:{units})\b" if units else r"(?!)")
