"""Words: normalise, tokenise, stem, stop words and phrase patterns — each once.

One tokenizer for every vocabulary (catalog words, claim rules, ranker features): the
alphanumeric runs of the lower-cased text, so "Non-Stick 28cm" → ``non``, ``stick``,
``28cm``; ``tokens`` gives the same runs joined by inner hyphens/apostrophes with their
positions, for rules that must point back into the text ("t-shirt", "men's").

Stemming is Snowball English through PyStemmer (a C extension). inflect was measured as
the other candidate: it returns real words ("knives" → "knife") but took 21 s to import
on the (shared, loaded) dev machine against 0.3 s for PyStemmer, and 0.3 ms a word; its
singulars are not stems either ("hoodies" → "hoody", "cooking" stays), so both sides of
a comparison still need the same function. A stem is never shown to anyone: it is only
compared with another stem (the catalog matcher compares stem keys of its forms).

>>> words("Non-Stick 28cm pans")
['non', 'stick', '28cm', 'pans']
>>> [stem(w) for w in ("jackets", "hoodies", "hoodie", "batteries", "battery")]
['jacket', 'hoodi', 'hoodi', 'batteri', 'batteri']
>>> ordinal("2nd"), ordinal("second"), ordinal("last"), ordinal("twentieth"), ordinal("apple")
(2, 2, -1, 20, None)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from retrieval.text.lang import load

_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_NUMERAL_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    """Lower case, straight quotes, single spaces: the form every rule reads.

    >>> normalise("  A  ‘Cosy’  JACKET ")
    "a 'cosy' jacket"
    """
    return " ".join(text.lower().translate(_QUOTES).split())


def words(text: str) -> list[str]:
    """Lower-case alphanumeric word tokens, the unit of every vocabulary."""
    return _WORD.findall(text.lower())


def tokens(text: str) -> Iterator[re.Match]:
    """Word tokens of (already lower-case) ``text`` with positions; inner ``-`` and ``'`` kept."""
    return _TOKEN.finditer(text)


@lru_cache(maxsize=1)
def _stemmer(language: str = "english"):
    try:
        import Stemmer
    except ImportError as exc:   # pragma: no cover - a declared dependency
        raise ImportError("retrieval.text needs PyStemmer: pip install PyStemmer") from exc
    return Stemmer.Stemmer(language)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball English stem of one lower-case word: "jackets" → "jacket", "batteries" → "batteri"."""
    return _stemmer().stemWord(word)


def stems(text: str) -> list[str]:
    """``stem`` of every word of ``text``."""
    return [stem(w) for w in words(text)]


def stopwords(language: str = "en") -> frozenset[str]:
    """The language's one stop-word list (function words and shopping-request filler)."""
    return load(language).stopwords


def content_words(text: str, language: str = "en", min_len: int = 1) -> list[str]:
    """Words of ``text`` that are not stop words, in order, each once."""
    stop = load(language).stopwords
    out: list[str] = []
    for w in words(text):
        if w not in stop and len(w) >= min_len and w not in out:
            out.append(w)
    return out


def ordinal(word: str, language: str = "en") -> int | None:
    """Position named by ``word``: "first"/"1st" → 1, "last" → -1, else None."""
    w = word.lower().strip()
    table = load(language).ordinals
    if w in table:
        return table[w]
    m = _NUMERAL_ORDINAL.fullmatch(w)
    if m:
        return int(m.group(1))
    from retrieval.text.numbers import parse_number, parse_ordinal
    if parse_number(w, language) is not None:
        return None                                   # "one" is a count, not a position
    return parse_ordinal(w, language)


def ordinal_words(language: str = "en") -> tuple[str, ...]:
    """The language's position words, longest first (for building patterns)."""
    return tuple(sorted(load(language).ordinals, key=len, reverse=True))


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first, apostrophes optional.

    Word tables are data, so they hold plain phrases; this turns them into the pattern
    the rules need: ``["can't stand", "no"]`` → ``(?:can'?t\\ stand|no)``.

    >>> re.fullmatch(alternation(["can't stand", "no"]), "cant stand") is not None
    True
    """
    unique = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace("'", "'?") for p in unique) + ")"


def same_word(a: str, b: str) -> bool:
    """Same word up to an ending: float/floats, hood/hooded, backlight/backlit, pack/packable, grip/grippy — not a
    four-letter word that only begins another (free/freezer, pack/package).

    >>> same_word("hood", "hooded"), same_word("grip", "grippy"), same_word("free", "freezer")
    (True, True, False)
    """
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4:
        return False
    common = 0
    for x, y in zip(short, long_):
        if x != y:
            break
        common += 1
    if common == len(short) < 5 and not _ending(long_[len(short):], short[-1]):
        return stem(a) == stem(b)
    return common >= min(len(short), 5) or stem(a) == stem(b)


_ENDINGS = {"s", "es", "ed", "d", "er", "ers", "ing", "y", "ly", "able", "ible", "ful", "less", "ness", "ment", "ies",
            "ish", "ie", "en"}


def _ending(rest: str, last: str) -> bool:
    """Whether ``rest`` is an ending (after a doubled last letter: "grip" + "py")."""
    return rest in _ENDINGS or (rest[:1] == last and rest[1:] in _ENDINGS)
