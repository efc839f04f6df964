"""Typos read as the words meant, before a message is understood ("out of the frist two wich one grips beter").

A misspelt cue word hides the act ("frist two … beter" is a comparison only once "first" and "better" are read),
and a misspelt catalog word hides the product or the value ("is the hiden caravan cooprative?"). The speller
(``retrieval.text.speller``) corrects a word only to a word the understanding reads: the words the cue table is
written in (``lang/<code>/cues.yaml``), the words of the language tables, and the catalog's own words (titles,
categories, attribute values); and only when the language's dictionary says the word is no word and the form
is by far the likeliest one meant. No misspelling is listed anywhere.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from retrieval.text import load
from retrieval.text.detect import detect_language
from retrieval.text.speller import Speller, dictionary

# a word written out in a cue pattern: letters not right after a letter or an escape ("\b", "\s")
_LITERAL = re.compile(r"(?<![a-z\\])[a-z]{4,}(?![a-z])")


@lru_cache(maxsize=None)
def cue_words(language: str = "en") -> frozenset[str]:
    """The words the cue table of ``language`` is written in (its patterns' literal words of 4+ letters)."""
    raw = resources.files("assistant.understanding").joinpath(f"lang/{language}/cues.yaml").read_text()
    return frozenset(m.group(0) for m in _LITERAL.finditer(raw))


def catalog_words(products: Iterable[Any]) -> set[str]:
    """Every word of the catalog's titles, categories and attribute values (lower case, letters only)."""
    out: set[str] = set()
    for p in products:
        values = [v for value in (p.attributes or {}).values() for v in (value if isinstance(value, list) else [value])]
        for text in (p.title, p.category, p.brand or "", *map(str, values)):
            out.update(w for w in re.findall(r"[a-z]+", str(text).lower()) if len(w) >= 4)
    return out


def speller_for(products: Iterable[Any], language: str = "en") -> Speller:
    """The speller of one catalog: cue words, the language's table words and the catalog's words."""
    lang = load(language)
    words = dictionary(language)
    # the ordinal table reads "frist" and "secnd" as numbers: typos, written as the ordinal the cues are written in
    typos = {w: n for w, n in lang.ordinals.items() if w.isalpha() and words and w not in words}
    spelt = {n: max((w for w, m in lang.ordinals.items() if m == n and w in words), key=words.get, default=None)
             for n in set(typos.values())}
    known = {w for w in lang.known_words() if w not in typos}
    products = list(products)
    titles = [re.findall(r"[a-z]+", p.title.lower()) for p in products]
    pairs = {pair for title in titles for pair in zip(title, title[1:])}
    return Speller(cue_words(language) | lang.cue_words() | known, language, own=catalog_words(products),
                   fixed={w: spelt[n] for w, n in typos.items() if spelt[n]}, pairs=pairs)


def spelled(text: str, speller: Speller) -> str:
    """``text`` with its typos read as the words meant; a Chinese message as written."""
    return text if detect_language(text) == "zh" else speller.correct(text)
