"""The cue table of a language (``lang/<language>/cues.yaml``, compiled once) and the two readings of
a message every stage makes before matching cues: contractions typed without their apostrophe, and
number words before an age or a unit. Light on purpose (``re`` and ``yaml`` only), so the answer,
quantity and age modules can use the cues without importing the rules interpreter and the portrait
stack behind it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=4)
def load_cues(language: str = "en") -> dict[str, Any]:
    """The cue table of ``language``, compiled once."""
    raw = yaml.safe_load(resources.files("assistant.understanding").joinpath(f"lang/{language}/cues.yaml").read_text())
    compiled: dict[str, Any] = {}
    for key, value in raw.items():
        if key in ("capacity_units", "lower_limit", "number_minus", "fit_words"):
            compiled[key] = list(value)
        elif key in ("slips", "spoken_amounts"):
            compiled[key] = [(re.compile(pattern, re.I), replacement) for pattern, replacement in value]
        elif key in ("contractions", "number_words", "number_tens", "number_scales"):
            compiled[key] = dict(value)
        elif key in ("key_words", "colour_shades", "recipient_gender", "gender_words", "age_words", "school_grades",
                     "units", "comparatives"):
            compiled[key] = {word: list(keys) for word, keys in value.items()}
        elif key == "aspects":
            compiled[key] = {name: re.compile(r"\b(?:" + "|".join(phrases) + r")\b") for name, phrases in value.items()}
        elif isinstance(value, list):
            compiled[key] = re.compile("|".join(f"(?:{v})" for v in value))
        else:
            compiled[key] = re.compile(value)
    return compiled


def expand_contractions(text: str, cues: dict[str, Any] | None = None) -> str:
    """ "whats the capacity" → "what's the capacity": a contraction typed without its apostrophe is
    read as the contraction (the table is ``contractions`` in ``lang/en/cues.yaml``).

    >>> expand_contractions("whats its output in watts"), expand_contractions("us it ok for curly hair")
    ("what's its output in watts", 'is it ok for curly hair')
    """
    cues = cues or load_cues()
    table = cues.get("contractions", {})
    text = re.sub(r"[A-Za-z]+", lambda m: table.get(m.group(0).lower(), m.group(0)), text) if table else text
    for pattern, replacement in cues.get("slips", []):      # "us it ok for curly hair" → "is it ok …"
        text = pattern.sub(replacement, text)
    return text


def number_digits(text: str, cues: dict[str, Any] | None = None) -> str:
    """ "ok for a seven year old?" → "ok for a 7 year old?", "under half a kilo" → "under 0.5 kilo":
    a number word before an age or a unit (``number_words``, ``units`` in ``lang/en/cues.yaml``)
    is read as its digits; "this one", "the second one" stay as they are.

    >>> number_digits("is it ok for a five yr old, and under half a kilo?")
    'is it ok for a 5 yr old, and under 0.5 kilo?'
    >>> number_digits("will it run for an hour and a half? nights drop to about zero")
    'will it run for 1.5 hours? nights drop to about 0'
    """
    cues = cues or load_cues()
    words = cues.get("number_words", {})
    if not words:
        return text
    text = _compounds(text, cues)
    for pattern, amount in cues.get("spoken_amounts", []):     # "an hour and a half" → "1.5 hours"
        text = pattern.sub(amount, text)
    # "10k" → 10000, not a resolution ("4k tvs", "8k video")
    text = re.sub(r"(?<![\w$£€])(\d+(?:\.\d+)?)k\b(?!\s*(?:tvs?|televisions?|video|resolution|monitors?|screens?|"
                  r"displays?|hdr|uhd|cameras?|streaming)\b)", lambda m: f"{float(m.group(1)) * 1000:g}", text)
    before_unit, after_age = _digit_patterns(cues)
    text = before_unit.sub(lambda m: f"{words[m.group(1).lower()]:g}", text)
    # an age said after words that only ever precede one: "he's turning nine", "aged seven", "as young as seven"
    return after_age.sub(lambda m: f"{m.group(1)} {words[m.group(2).lower()]:g}", text)


def _digit_patterns(cues: dict[str, Any]) -> tuple[re.Pattern, re.Pattern]:
    """The two number-word patterns of a cue table, compiled on first use and kept in it (``number_digits`` runs on
    every message, several times)."""
    if "_digit_patterns" not in cues:
        words = cues["number_words"]
        # not "in" nor one-letter units: "do you have one in blue?" keeps its "one"
        units = sorted({u for u in cues.get("units", {}) if len(u) > 1 and u != "in"}
                       | {"years?", "yrs?", "months?", "year-old", "yr-old"}, key=len, reverse=True)
        by_length = sorted(words, key=len, reverse=True)
        before_unit = re.compile(r"\b(" + "|".join(re.escape(w) for w in by_length) + r")(?=[- ](?:"
                                 + "|".join(u if u.endswith("?") else re.escape(u) for u in units) + r")\b)", re.I)
        small = "|".join(re.escape(w) for w in by_length if " " not in w)
        # ("if he's seven …", "my youngest is five": a person said to be a number is its age; not "she's one of …")
        after_age = re.compile(rf"\b((?:turning|turns|turned|aged|ages|as young as|as old as|(?:he|she)(?:'s| is)|"
                               rf"(?:youngest|oldest|eldest|son|daughter|niece|nephew|grandson|granddaughter)"
                               rf"(?:'s| is)|"
                               rf"(?:kid|child|boy|girl|lad|lass)s? of)(?:\s+(?:only|just|nearly|almost|about))?)"
                               rf"\s+({small})\b(?!\s+(?:of|who|that|in|more|step|thing|day|way|size|inch|foot))", re.I)
        cues["_digit_patterns"] = (before_unit, after_age)
    return cues["_digit_patterns"]


def _compounds(text: str, cues: dict[str, Any]) -> str:
    """ "more than two thousand pieces" → "more than 2000 pieces", "minus thirty" → "-30", "forty two" → "42": a run of
    number words with a tens word or a scale in it is its digits ("two" or "ten" alone wait for a unit, below).

    >>> _compounds("good down to minus thirty, over two thousand pieces, a hundred and twenty five", load_cues())
    'good down to -30, over 2000 pieces, 125'
    >>> _compounds("the second one in two sizes", load_cues())
    'the second one in two sizes'
    """
    ones = {w: v for w, v in cues.get("number_words", {}).items() if " " not in w and v == int(v) and v < 20}
    tens, scales = cues.get("number_tens", {}), cues.get("number_scales", {})
    minus = set(cues.get("number_minus", []))
    if not tens:
        return text
    out, last = [], 0
    tokens = list(re.finditer(r"[A-Za-z]+", text))
    i = 0
    while i < len(tokens):
        j, total, part, big, sign = i, 0, 0, False, 1
        if tokens[i].group(0).lower() in minus and i + 1 < len(tokens):
            sign, j = -1, i + 1
        start, seen = j, False
        while j < len(tokens):
            w = tokens[j].group(0).lower()
            gap = text[tokens[j - 1].end():tokens[j].start()] if j > start else ""
            if j > start and gap not in (" ", "-"):
                break
            after_a = j > start and tokens[j - 1].group(0).lower() == "a"
            if w in ones and not (seen and part % 10) and not (seen and 1 <= part < 20):
                part += int(ones[w])          # "forty two": a unit after a tens word, not after another unit
            elif w in tens and part % 100 == 0:
                part += int(tens[w])
                big = True
            elif w in scales and (part or after_a):
                part = (part or 1) * int(scales[w])     # "two thousand", "a hundred"
                big = True
                if scales[w] >= 1000:
                    total, part = total + part, 0
            elif w == "a" and j + 1 < len(tokens) and tokens[j + 1].group(0).lower() in scales and not seen:
                pass
            elif w == "and" and seen and j + 1 < len(tokens) and tokens[j + 1].group(0).lower() in {**ones, **tens}:
                pass
            else:
                break
            seen = seen or w not in ("a", "and")
            j += 1
        if big and j > start:
            end = j
            while end > start and tokens[end - 1].group(0).lower() in ("a", "and"):
                end -= 1
            out.append(text[last:tokens[i].start()])
            out.append(f"{sign * (total + part)}")
            last = tokens[end - 1].end()
            i = end
        else:
            i += 1
    out.append(text[last:])
    return "".join(out)
