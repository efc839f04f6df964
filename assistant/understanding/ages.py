"""Ages asked in a product question and the row's age range: "ok for a 4yo?" against "3+".

The question's age comes from ``age_asked`` in ``lang/en/cues.yaml`` ("a 4 year old", "18 months old"),
else from an age said of a person ("he's 6", "our youngest is 7", "she turns 2": ``age_said`` in
``lang/en/verdicts.yaml``); a life stage ("a toddler") from ``age_words``.

>>> age_asked("he's 6, is the doodle car ok for him?"), age_asked("ok for a 4yo?"), age_asked("is it 6 ft?")
('6 years', '4 years', None)
>>> age_asked("is it for small kids 3 years?"), age_asked("does it have 2 years warranty")
('3 years', None)
>>> age_range("8-12"), age_range("18 months+")
((8.0, 12.0), (1.5, None))
"""

from __future__ import annotations

import re

# "she just had her first birthday", "for his 3rd birthday": the age the birthday makes
_BIRTHDAY = re.compile(r"\b(?:her|his|their|my|our|your) ([a-z]+|\d{1,2}(?:st|nd|rd|th))[- ]birthday\b")
_CHILD = re.compile(r"\b(?:kids?|child|children|son|daughter|boy|girl|baby|niece|nephew|grandson|granddaughter|toddler)s?\b")


def age_asked(question: str) -> str | None:
    """The age a question states ("ok for a 4yo" → "4 years"), by ``age_asked`` in ``lang/en/cues.yaml``."""
    from assistant.understanding.cues import load_cues

    pattern = load_cues().get("age_asked")
    m = pattern.search(question.lower()) if pattern is not None else None
    if not m:
        from assistant.understanding.verdicts import _table

        said = _table().get("age_said")
        m = re.search(said, question.lower()) if said else None
        if m is None and _CHILD.search(question.lower()):
            # "is it for small kids 3 years?": years without "old", said of a child
            m = re.search(r"\b(\d{1,2})\s*(?:years?|yrs?)\b(?!\s*(?:warranty|guarantee|of))", question.lower())
        birthday = _BIRTHDAY.search(question.lower()) if m is None else None
        if birthday and (years := _ordinal(birthday.group(1))):
            return f"{years} years"
        if m is None:
            months = load_cues()["age_months_said"].search(question.lower())     # "baby is 4 months and we're …"
            return f"{months.group(1)} months" if months else None
        return f"{next(g for g in m.groups() if g)} years"
    return f"{m.group(1)} years" if m.group(1) else f"{m.group(2)} months"


# "seventh grade", "a 3rd grader", "grade 4" (the second pattern finds "grade 4" where "a grade" took the first)
_GRADE = re.compile(r"\b([a-z]+|\d{1,2})(?:st|nd|rd|th)?[- ]grad(?:e|ers?)\b|\bgrade (\d{1,2})\b")
_GRADE_NUMBER = re.compile(r"\bgrade (\d{1,2})\b")


def life_stage(question: str) -> tuple[float, float] | None:
    """The ages of a life stage the question names ("a toddler" → (1, 3)) or of a school grade ("a seventh grader"
    → (12, 13)), from ``age_words`` and ``school_grades`` in ``lang/en/cues.yaml``.

    >>> life_stage("ok for a toddler?"), life_stage("she's in 7th grade")
    ((1.0, 3.0), (12.0, 13.0))
    >>> life_stage("is it too easy for a grade 3 kid")
    (8.0, 9.0)
    >>> life_stage("is the board food grade"), life_stage("a high grade steel")
    (None, None)
    """
    found = _stage(question)
    return found[1] if found else None


def stage_said(text: str) -> str | None:
    """The life stage or school grade a message names, as said ("toddler", "seventh grade"), or None.

    >>> stage_said("the little one is in kindergarten and loves cars"), stage_said("a 3rd grader")
    ('kindergarten', '3rd grader')
    """
    found = _stage(text)
    return found[0] if found else None


def _stage(text: str) -> tuple[str, tuple[float, float]] | None:
    """(the words that name it, its ages) of the first school grade, else the first life stage, ``text`` names."""
    from assistant.understanding.cues import load_cues

    cues, t = load_cues(), text.lower()
    grades = cues.get("school_grades", {})
    for m in [*_GRADE.finditer(t), *_GRADE_NUMBER.finditer(t)]:
        if (grade := m.group(1) or m.group(m.lastindex)) in grades:
            low, high = grades[grade]
            return m.group(0), (float(low), float(high))
    stages = cues.get("age_words", {})
    # a phrase of several words first ("a brand new baby" is a newborn, not any baby), then a single word
    phrases = sorted((k for k in stages if " " in k), key=len, reverse=True)
    word = next((k for k in phrases if re.search(rf"\b{re.escape(k)}\b", t)), None) \
        or next((w for w in re.findall(r"[a-z]+", t) if w in stages), None)
    return (word, (float(stages[word][0]), float(stages[word][1]))) if word else None


def years(value: str) -> float | None:
    m = re.match(r"(\d+)\s*(years?|months?)", value)
    if not m:
        return None
    return int(m.group(1)) / (12 if m.group(2).startswith("month") else 1)


def age_range(fact: str) -> tuple[float | None, float | None]:
    """ "4+" → (4, None); "8-12" → (8, 12); "18 months+" → (1.5, None)."""
    months = "month" in fact.lower()
    nums = [float(x) / (12 if months else 1) for x in re.findall(r"\d+(?:\.\d+)?", fact)]
    if not nums:
        return None, None
    if len(nums) == 1:
        return nums[0], None if "+" in fact or "up" in fact.lower() else nums[0]
    return nums[0], nums[1]


def _ordinal(word: str) -> int | None:
    """ "first" → 1, "3rd" → 3; None for a word that is no ordinal ("last", "big")."""
    from retrieval.text import parse_ordinal

    if word[:-2].isdigit():
        return int(word[:-2])
    return parse_ordinal(word)
