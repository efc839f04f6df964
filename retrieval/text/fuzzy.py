"""Typo tolerance through rapidfuzz: the one place a misspelling is forgiven.

Tables never list misspellings; instead a word that is not a known form is compared
with the known forms by optimal-string-alignment distance (Levenshtein plus adjacent
transpositions, so "brithday" is one edit from "birthday"). How many edits are allowed
depends on length, because short words are one edit from many others:

- under 5 letters: exact only ("bag" is not a typo of "bat");
- 5–8 letters: one edit ("jaket" → "jacket", "snekers" → "sneakers");
- 9 letters and more: two edits ("anniversery" → "anniversary").

The first letter must match (people rarely get it wrong, and it halves false hits), and
a word the language lists as common ("weather", "better") is never corrected.

>>> m = FuzzyMatcher(["jacket", "sneakers", "waterproof", "birthday"])
>>> [m.match(w) for w in ("jaket", "snekers", "waterprof", "brithday", "bag", "leather")]
['jacket', 'sneakers', 'waterproof', 'birthday', None, None]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne


def one_edit(a: str, b: str) -> bool:
    """Levenshtein distance of at most one (a letter dropped, added or changed): "nordvk" ~ "nordvik".

    >>> one_edit("nordvk", "nordvik"), one_edit("stridwell", "stridewell"), one_edit("strid", "stridewell")
    (True, True, False)
    """
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def max_edits(length: int) -> int:
    """Edits allowed for a word of ``length`` letters (see the module docstring)."""
    return 0 if length < 5 else 1 if length < 9 else 2


class FuzzyMatcher:
    """Known forms, grouped by first letter, and the one best match for a typo."""

    def __init__(self, forms: Iterable[str], common: Iterable[str] = (), min_length: int = 5,
                 min_form_length: int | None = None) -> None:
        """``min_length``: shortest word looked at; ``min_form_length``: shortest form it may become."""
        self.forms = frozenset(f for f in forms if f)
        self.common = frozenset(common)
        self.min_length = min_length
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for form in sorted(self.forms):
            if len(form) >= (min_form_length or min_length):
                self._by_initial[form[0]].append(form)

    def __repr__(self) -> str:
        return f"FuzzyMatcher({len(self.forms)} forms)"

    def match(self, word: str) -> str | None:
        """The known form ``word`` is a typo of, or None (exact forms and common words: None)."""
        if len(word) < self.min_length or word in self.forms or word in self.common:
            return None
        limit = max_edits(len(word))
        if limit == 0:
            return None
        candidates = [f for f in self._by_initial.get(word[0], ()) if (" " in f) == (" " in word)
                      and abs(len(f) - len(word)) <= limit and max_edits(len(f)) >= 1]
        if not candidates:
            return None
        best = extractOne(word, candidates, scorer=OSA.distance, score_cutoff=limit)
        if best is None:
            return None
        form, distance, _ = best
        if distance > min(limit, max_edits(len(form))) or _inflection(word, form):
            return None
        return form

    def correct(self, text: str, keep: Iterable[str] | frozenset[str] = frozenset()) -> str:
        """``text`` with each unknown word that is a typo of a known form replaced by it.

        ``keep``: words that are right as they are (the catalog's own words), never replaced.

        >>> FuzzyMatcher(["birthday", "actually"]).correct("acutally it's for her brithday")
        "actually it's for her birthday"
        """
        from retrieval.text.words import tokens

        keep = keep if isinstance(keep, (set, frozenset)) else frozenset(keep)
        out: list[str] = []
        pos = 0
        for m in tokens(text):
            word = m.group(0)
            if word in keep:
                continue
            hit = self.match(word)
            if hit is not None:
                out += [text[pos:m.start()], hit]
                pos = m.end()
        out.append(text[pos:])
        return "".join(out)


def _inflection(word: str, form: str) -> bool:
    """ "charged" is charge + -d, a word of its own, not a typo of "charger": the word has an
    inflection the stemmer removes, and the form starts with what is left but is another word.

    A form that merely continues the word is a cut-off typo ("wireles" / "wireless"), not another word.

    >>> _inflection("charged", "charger"), _inflection("jaket", "jacket"), _inflection("snekers", "sneakers")
    (True, False, False)
    >>> _inflection("wireles", "wireless")
    False
    """
    from retrieval.text.words import stem

    root = stem(word)
    return root != word and form.startswith(root) and not form.startswith(word) and stem(form) != root
