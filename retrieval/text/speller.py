"""A misspelt word → the word the shopper meant, when the language's dictionary is sure of it.

The fuzzy matcher (``fuzzy``) forgives a typo of a *known form*, but it cannot tell a typo
from a real word no table lists ("larder" is one edit from "larger", "seams" from "seats"),
so the cue tables are only spelt from six letters up. The speller adds what it lacks: the
language's dictionary with word frequencies (pyspellchecker's word lists, 160k English
words counted in subtitles), read once per process (``dictionary``; about 0.1 s).

A word is corrected only when all of these hold:

- it is no word: not in the dictionary, nor a form the caller knows (a cue word, a catalog word);
- it has 5 letters or more, only ASCII letters, and the correction starts with the same letter;
- among the dictionary words and the caller's own words within ``max_edits`` of it (the fewest
  edits first), the most frequent is one of the caller's forms (see ``Speller``);
- that form is at least ``RATIO`` times as frequent as the runner-up at the same distance, and the words at that
  distance are all the catalog's or all not ("sience" stays: science, or the commoner since?) — unless a
  neighbour makes a pair of the catalog's titles with the catalog word ("sience kit" of a "Science Kit").

So "frist" → first (not fist), "beter" → better (not beer), "peple" → people, "cooprative" →
cooperative when the catalog says cooperative, and "pavment" stays as written: payment is not
ten times as frequent as pavement, and only one of them could be meant.

>>> s = Speller({"first", "better", "people", "payment"})
>>> s.correct("out of the frist two wich one grips beter on wet pavment")
'out of the first two wich one grips better on wet pavment'
>>> s.correct("the larder is fine, Rzeszów too")
'the larder is fine, Rzeszów too'
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import Iterable

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from retrieval.text.fuzzy import max_edits
from retrieval.text.words import tokens

RATIO = 10.0       # the form must be this many times as frequent as the next candidate at its distance
MIN_LENGTH = 5     # shorter words are one edit from too many others ("wich": which, with, wish)


@lru_cache(maxsize=None)
def dictionary(language: str = "en") -> dict[str, int]:
    """Word → frequency for ``language`` (pyspellchecker's list); empty when the package or the language is missing."""
    try:
        data = resources.files("spellchecker").joinpath(f"resources/{language}.json.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    return json.loads(gzip.decompress(data))


@lru_cache(maxsize=None)
def _by_initial(language: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for word in dictionary(language):       # (one cheap pass: this runs on a cold start)
        if len(word) >= MIN_LENGTH - 2 and "a" <= word[0] <= "z":
            out[word[0]].append(word)
    return out


def _word(word: str) -> bool:
    """Letters, or letters with an apostrophe inside ("haven't"): what may be corrected or corrected to."""
    return word.isascii() and word.replace("'", "").isalpha()


class Speller:
    """Corrects typos to ``forms`` (the words the caller reads), nothing else.

    ``forms`` are never corrected; a typo becomes one of them only if it is a word of the dictionary (a cue
    word such as "mahalo" is read as written but attracts no typo), one of ``own`` (the catalog's words, which
    the dictionary may lack: "quillon"), or a dictionary word with an apostrophe ("havent" → haven't).
    """

    def __init__(self, forms: Iterable[str], language: str = "en", own: Iterable[str] = (),
                 fixed: dict[str, str] | None = None, pairs: Iterable[tuple[str, str]] = ()) -> None:
        """``fixed``: typos a table of the language already reads, and the word they stand for ("frist": first);
        ``pairs``: word pairs of the catalog's titles, which settle a typo between a catalog word and a commoner one
        by its neighbour ("hiden caravan": hidden, as in the title "… Hidden Caravan …")."""
        own = frozenset(f for f in own if _word(f))
        self.fixed = dict(fixed or {})
        self.pairs = frozenset(pairs)
        self._owned: dict[str, list[str]] = {}      # an unsure typo → the catalog words it may be
        self.forms = frozenset(f for f in forms if _word(f)) | own
        self.own = own
        self.language = language
        self._extra: dict[str, list[str]] | None = None      # own words the dictionary lacks ("quillon"), by initial
        self._seen: dict[str, str | None] = {}

    def __repr__(self) -> str:
        return f"Speller({len(self.forms)} forms, {self.language!r})"

    def match(self, word: str) -> str | None:
        """The form ``word`` is a typo of, or None."""
        if word in self._seen:
            return self._seen[word]
        self._seen[word] = hit = self._match(word)
        return hit

    def _match(self, word: str) -> str | None:
        if word in self.fixed:
            return self.fixed[word]
        if len(word) < MIN_LENGTH or not word.isalpha() or not word.isascii() or word in self.forms:
            return None
        words = dictionary(self.language)
        if not words or word in words:
            return None
        if self._extra is None:     # once (an empty result too: the set difference is not worked out per word)
            self._extra = defaultdict(list)
            for form in self.own - words.keys():
                self._extra[form[0]].append(form)
        limit = max_edits(len(word))
        pool = [c for c in (*_by_initial(self.language).get(word[0], ()), *self._extra.get(word[0], ()))
                if abs(len(c) - len(word)) <= limit]
        hits = extract(word, pool, scorer=OSA.distance, score_cutoff=limit, limit=None)
        if not hits:
            return None
        nearest = min(distance for _, distance, _ in hits)
        nearest_words = [c for c, distance, _ in hits if distance == nearest]
        if len({c in self.own for c in nearest_words}) > 1:
            # a catalog word or a commoner one ("sience": science or since): the neighbours may tell (``correct``)
            self._owned[word] = [c for c in nearest_words if c in self.own]
            return None
        ranked = sorted(((words.get(c, 1), c) for c in nearest_words), reverse=True)
        (count, best), runner = ranked[0], ranked[1][0] if len(ranked) > 1 else 0
        if count < RATIO * runner or not (best in self.own or best in self.forms and best in words or "'" in best):
            return None
        return best

    def correct(self, text: str) -> str:
        """``text`` with each typo of a form replaced by the form (lower case); everything else as written."""
        out: list[str] = []
        pos = 0
        said = [(m, m.group(0).lower()) for m in tokens(text)]
        for i, (m, word) in enumerate(said):
            hit = self.match(word)
            if hit is None and word in self._owned:
                before, after = said[i - 1][1] if i else "", said[i + 1][1] if i + 1 < len(said) else ""
                hit = next((c for c in self._owned[word] if {(before, c), (c, after)} & self.pairs), None)
            if hit is not None:
                out += [text[pos:m.start()], hit]
                pos = m.end()
        out.append(text[pos:])
        return "".join(out)
