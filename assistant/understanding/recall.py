"""A quantity a product question points back to, taken from the shopper's earlier messages.

"my niece turns 2 next month" … "is the pebble max ok for her age?": the question states no age, but
points at one said before. The pointer ("her age", "same age", "that kind of cold") is replaced by the
quantity the newest earlier message states in that dimension, so the row readings (the age range, the
temperature limit) decide as if it had been said again. Pointer and dimension words are data
(``recall_pointers``, ``recall_dimensions`` in ``lang/en/verdicts.yaml``); the quantities are read by the
same readers as in a question (``ages.age_asked``, ``quantity.spelled_quantity``).

>>> recall("is the pebble max ok for her age?", ["my niece turns 2 next month, a soft toy please"])
'is the pebble max ok for a 2 year old?'
>>> recall("warm enough for that kind of cold?", ["is the pace boot ok at -30?", "snow boots for minus 40"])
'warm enough for -30?'
>>> recall("same age ok?", ["show me kites"]), recall("is it ok for a 5 year old, same age as his?", ["he is 7"])
('same age ok?', 'is it ok for a 5 year old, same age as his?')
"""

from __future__ import annotations

import re
from typing import Callable, Sequence


def _age(message: str) -> str | None:
    from assistant.understanding.ages import age_asked
    from assistant.understanding.cues import number_digits

    age = age_asked(number_digits(message))
    if age is None:
        return None
    number, unit = age.split()
    return f"a {number} {'year' if unit.startswith('year') else 'month'} old"


def _age_or_stage(message: str) -> str | None:
    """An earlier message's age, else its life stage or school grade ("she's in seventh grade now": her age is a
    seventh grader's; a question's own "a baby that age" still points back)."""
    from assistant.understanding.ages import stage_said

    age = _age(message)
    stage = stage_said(message) if age is None else None
    return age or (f"an {stage}" if stage and stage[0] in "aeiou" else f"a {stage}" if stage else None)


# a temperature a shopper states: below zero ("-30", "minus 30") or with degrees ("20 degrees", "-5°c")
_TEMPERATURE = re.compile(r"(?<![\w.-])(-\d+(?:\.\d+)?)(?![\d.])|(?<![\w.])(-?\d+(?:\.\d+)?)\s*(?:°|degrees?\b)")


def _temperature(message: str) -> str | None:
    from assistant.understanding.quantity import spelled_quantity

    m = _TEMPERATURE.search(spelled_quantity(message.lower()))
    return (m.group(1) or m.group(2)) if m else None


_READERS: dict[str, Callable[[str], str | None]] = {"age": _age, "temperature": _temperature}
_EARLIER_READERS: dict[str, Callable[[str], str | None]] = {"age": _age_or_stage}


def recall(question: str, earlier: Sequence[str]) -> str:
    """``question`` with a pointer to an earlier quantity replaced by it; ``earlier``: the shopper's previous
    messages, newest first. Unchanged when nothing points back, the question states the quantity itself, or no
    earlier message states one."""
    from assistant.understanding.verdicts import _table

    table = _table()
    pointers = "|".join(re.escape(w) for w in table.get("recall_pointers", []))
    if not pointers or not earlier:
        return question
    for dimension, words in table.get("recall_dimensions", {}).items():
        reader = _READERS.get(dimension)
        said = "|".join(re.escape(w) for w in words)
        m = re.search(rf"\b(?:for\s+)?(?:(?:a|an)\s+[a-z]+\s+)?(?:{pointers})\s+(?:(?:kind|sort|type) of\s+)?(?:{said})\b(?!\s+(?:range|group|limit|rating))",
                      question, flags=re.I)
        if reader is None or m is None or reader(question) is not None:
            continue
        earlier_reader = _EARLIER_READERS.get(dimension, reader)
        found = next((q for q in (earlier_reader(message) for message in earlier) if q), None)
        if found is not None:
            lead = "for " if m.group(0).lower().startswith("for ") else ""
            return question[:m.start()] + lead + found + question[m.end():]
    return question
