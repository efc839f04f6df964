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
from typing import Any

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


_REAL_OR = re.compile(r"\s+or\s+(?:just|only|merely|simply)\b.*$")


def genuine_asked(question: str) -> str:
    """ "proper selvedge denim or just a selvedge look" → "proper selvedge denim?": whether it is the real thing is a
    yes / no (``real_or_look`` of ``lang/en/cues.yaml``), not a choice of two values; else the question.

    >>> genuine_asked("proper selvedge denim or just a selvedge look"), genuine_asked("is it wool or cotton")
    ('proper selvedge denim?', 'is it wool or cotton')
    """
    m = _REAL_OR.search(question)
    return question[:m.start()] + "?" if m and load_cues()["real_or_look"].search(question.lower()) else question


def number_in_why(question: str, fact: str | None, product: Any) -> str | None:
    """The question before its why when the answer's ``fact`` is the product's age range and only the why says a
    number ("can it go in the washing machine? hugged by four-year-olds": an age in the why decides nothing asked);
    else None ("lighter than my pair? they're 280 g" answered by a weight is left as it is)."""
    from assistant.understanding.answer_kinds import _KEYS, number_word

    aged = any(k.startswith(_KEYS["age_range"]) and str(v) == fact for k, v in product.attributes.items())
    part = marked(question)
    if not aged or part == question or not re.search(r"\d", fact or "") or re.search(r"\d", part) or number_word(part):
        return None
    return part


def as_asked(question: str) -> str:
    """The claim a confirming tag puts up, as the question it asks: "spec sheet says 30,000 mAh, confirm?" → "is it
    30,000 mAh" (the tag dropped, the listing quoted back read as "is it": a yes or a no, not a value).

    >>> as_asked("the box says it's 20 kg, is that right?"), as_asked("bluetooth right")
    ('is it 20 kg', 'bluetooth')
    """
    cues = load_cues()
    question = cues["confirm"].sub("", question).strip(" ,;") or question
    return cues["claimed"].sub(" is it", question).strip()


def no_from_why(answer: Any, marked: str, reread: Any = None) -> bool:
    """Whether ``answer`` (a "no") came only from the why after the question: neither its key's words nor its
    deciding fact are in the part asked ("fragrance free? my skin is very sensitive" — the skin type is the why's),
    and the why read alone (``reread()``, when given) comes to the same "no".

    >>> from types import SimpleNamespace as A
    >>> no_from_why(A(aspect="skin_type", fact="dry"), "is it fragrance free?")
    True
    >>> no_from_why(A(aspect="material", fact="cotton"), "is it cotton?")
    False
    """
    asked = marked.lower()
    if any(word in asked for word in (answer.aspect or "").split("_")) or (answer.fact or "").lower() in asked \
            or re.search(r"\d", answer.fact or ""):    # ("lighter than mine? they're 280 g": the why's measure, asked)
        return False
    if reread is None:
        return True
    alone = reread()
    return (alone.verdict, alone.fact) == ("no", answer.fact)
