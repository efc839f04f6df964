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

from assistant.understanding.cues import load_cues


def marked(question: str) -> str:
    """The question up to its last "?" inside it ("hrc? need it to hold an edge" → "hrc?"), else all of it."""
    inner = question.rstrip(" ?!.")
    return question[:inner.rindex("?") + 1] if "?" in inner else question


def before_why(question: str) -> str:
    """``marked`` when an amount is said before the mark — a number, or one of a unit ("under a kilo?"): the why's
    comparative ("… anything heavier and my wrists ache") is not what is asked."""
    part = marked(question)
    cues = load_cues()
    units = "|".join(re.escape(w) for w in sorted(cues.get("units", {}), key=len, reverse=True))
    said = re.search(r"\d", part) or units and re.search(rf"\b(?:{cues['quantity_one'].pattern}) (?:{units})\b",
                                                          part.lower())
    return part if said else question
