"""A gift for someone: products made for the other gender, or for ages the person is not, go to the back of the list.

"a gift for my niece, she likes bright colours" once led with a *men's* fragrance set: the
colours matched, the person did not. The recipient's gender and the words that mark a
product's gender (its ``gender`` attribute, else its title) are language data
(``lang/en/cues.yaml``); nothing is removed — a soft preference, like the liked colours.

>>> from retrieval.catalog.product import Product
>>> men = Product(id="m", title="Maison Verde Men's Fragrance Gift Set")
>>> bear = Product(id="b", title="Plush Bear - Yellow")
>>> [p.id for p in for_recipient([men, bear], "niece", key=lambda p: p)]
['b', 'm']
>>> [p.id for p in for_recipient([men, bear], "father", key=lambda p: p)]
['m', 'b']

"a jigsaw for my 8 year old" once led with a 14+ puzzle: the age the need states (or a school grade, a life stage:
``ages``) is held against each row's age range the same way (``for_age``).

>>> teen = Product(id="t", title="Orchard 1500-Piece Puzzle", attributes={"age_range": "14+"})
>>> kid = Product(id="k", title="Meadow 300-Piece Puzzle", attributes={"age_range": "6+"})
>>> [p.id for p in for_age([teen, kid, bear], "a jigsaw for my 8 year old", key=lambda p: p)]
['k', 'b', 't']
>>> [p.id for p in for_age([teen, kid], "a jigsaw, she just started seventh grade", key=lambda p: p)]
['k', 't']
"""

from __future__ import annotations

import re
from typing import Callable, Sequence, TypeVar

from retrieval.catalog.product import Product

T = TypeVar("T")


def product_gender(product: Product) -> str | None:
    """"women" / "men" from the row (attribute first, then title words), else None (unisex, unknown)."""
    from assistant.understanding.cues import load_cues

    words = load_cues().get("gender_words", {})
    attr = str(product.attributes.get("gender") or "").lower().strip()
    for gender, marks in words.items():
        if attr and attr in marks:
            return gender
    if attr:
        return None                      # "unisex", "kids": nothing to hold against it
    title = product.title.lower()
    found = {g for g, marks in words.items()
             if any(re.search(rf"(?<![\w']){re.escape(m)}(?![\w'])", title) for m in marks)}
    return found.pop() if len(found) == 1 else None


def for_recipient(items: Sequence[T], recipient: str | None, key: Callable[[T], Product]) -> list[T]:
    """``items`` with those made for the recipient's other gender moved to the end (order kept otherwise)."""
    if not recipient:
        return list(items)
    from assistant.understanding.cues import load_cues

    wanted = next((g for g, people in load_cues().get("recipient_gender", {}).items()
                   if recipient.lower() in people), None)
    if wanted is None:
        return list(items)
    fits = [i for i in items if product_gender(key(i)) in (None, wanted)]
    return fits + [i for i in items if product_gender(key(i)) not in (None, wanted)]


def need_ages(needs: str) -> tuple[float, float] | None:
    """The ages the need names: "my 8 year old" → (8, 8), "a seventh grader" → (12, 13), else None."""
    from assistant.understanding.ages import age_asked, life_stage, years
    from assistant.understanding.cues import number_digits

    text = number_digits(needs.lower())
    said = age_asked(text)
    age = years(said) if said else None
    return (age, age) if age is not None else life_stage(text)


def for_age(items: Sequence[T], needs: str, key: Callable[[T], Product]) -> list[T]:
    """``items`` with those whose age range leaves out the ages the need names moved to the end (order kept)."""
    ages = need_ages(needs) if needs else None
    if ages is None:
        return list(items)
    from assistant.understanding.ages import age_range
    from assistant.understanding.answer_kinds import _KEYS, _fmt, _values

    def fits(product: Product) -> bool:
        found = _values(product, _KEYS["age_range"])      # the row's age range, as the answers read it
        low, high = age_range(_fmt(found[0][1])) if found else (None, None)
        return (low is None or low <= ages[1]) and (high is None or high >= ages[0])

    fitting = [fits(key(i)) for i in items]
    return [i for i, ok in zip(items, fitting) if ok] + [i for i, ok in zip(items, fitting) if not ok]
