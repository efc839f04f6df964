"""Number words through number-parser: "a hundred and fifty" → 150, "twentieth" → 20.

Only spans that are clearly amounts are rewritten (a run of number words that has a
scale word — hundred, thousand, grand — or is followed by a currency word), because
"one" and "a" are everywhere in shopping text ("the second one", "a jacket").

>>> words_to_digits("a hundred and fifty bucks for my son who is nine", currency_words={"bucks"})
'150 bucks for my son who is nine'
>>> words_to_digits("two grand max", currency_words=set())
'2000 max'
>>> words_to_digits("fifty dollars", currency_words={"dollars"})
'50 dollars'
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping

_CODES = {"en": "en"}
_TOKEN = re.compile(r"[a-z]+|-")
# money scales a number word may end with; "grand" is slang for thousand
_DEFAULT_SCALES = {"hundred": 100, "thousand": 1000, "grand": 1000}


def _parser():
    try:
        import number_parser
    except ImportError as exc:   # pragma: no cover - a declared dependency
        raise ImportError("retrieval.text needs number-parser: pip install number-parser") from exc
    return number_parser


@lru_cache(maxsize=4096)
def parse_number(text: str, language: str = "en") -> int | None:
    """``"twenty five"`` → 25; None when ``text`` is not a number in words."""
    value = _parser().parse_number(text, language=_CODES.get(language, language))
    return int(value) if isinstance(value, (int, float)) else None


@lru_cache(maxsize=1024)
def parse_ordinal(text: str, language: str = "en") -> int | None:
    """``"twentieth"`` → 20; None when ``text`` is not an ordinal word."""
    value = _parser().parse_ordinal(text, language=_CODES.get(language, language))
    return int(value) if isinstance(value, (int, float)) else None


def _is_number_word(word: str, language: str) -> bool:
    return not word.isdigit() and (word in ("and", "-") or parse_number(word, language) is not None)


def words_to_digits(text: str, currency_words: set[str] | frozenset[str],
                    scales: Mapping[str, int] = _DEFAULT_SCALES, language: str = "en") -> str:
    """Lower-case ``text`` with amount-like number words written as digits (see module doc)."""
    out: list[str] = []
    pos = 0
    toks = list(_TOKEN.finditer(text))
    i = 0
    while i < len(toks):
        start_i = i
        if toks[i].group(0) == "a" and i + 1 < len(toks) and toks[i + 1].group(0) in scales:
            i += 1                                           # "a hundred" = "one hundred"
        j = i
        while j < len(toks) and (_is_number_word(toks[j].group(0), language) or toks[j].group(0) in scales):
            j += 1
        while j > i and toks[j - 1].group(0) in ("and", "-"):
            j -= 1                                           # "fifty and" ends before "and"
        run = [t.group(0) for t in toks[i:j]]
        if not run or run[0] in ("and", "-"):
            i = start_i + 1
            continue
        has_scale = any(w in scales for w in run)
        nxt = toks[j].group(0) if j < len(toks) else ""
        if not has_scale and nxt not in currency_words:
            i = j if j > i else start_i + 1
            continue
        value = _run_value(run, scales, language)
        if value is None:
            i = j if j > i else start_i + 1
            continue
        out.append(text[pos:toks[start_i].start()])
        out.append(str(value))
        pos = toks[j - 1].end()
        i = j
    out.append(text[pos:])
    return "".join(out)


def _run_value(run: list[str], scales: Mapping[str, int], language: str) -> int | None:
    """``["two", "grand"]`` → 2000; slang scales (grand) become the scale number-parser knows."""
    if run[-1] in scales and parse_number(run[-1], language) is None:
        head = run[:-1]
        base = parse_number(" ".join(head), language) if head else 1
        return None if base is None else base * scales[run[-1]]
    return parse_number(" ".join(run), language)
