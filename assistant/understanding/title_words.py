"""How a message's words line up with a product title's: the words of a title as shoppers type them, the words said
before a brand (the question around a name), compound heads ("watch" of "Smartwatch") and model numbers that follow a
model word (``names.ProductNames`` reads a message with these)."""

from __future__ import annotations

import re

from retrieval.text import stem

WORD = re.compile(r"[a-z0-9][a-z0-9'&\-]*")


def words_of(text: str) -> list[str]:
    # single digits and letters stay: "the Vantor Orbit 2" is not the Vantor Orbit, "the Glacier X" not any Glacier
    # ("a" and "i" are words, not model letters)
    # a one-letter prefix is written with or without its hyphen: "t-shirt" and "tshirt" are one word
    return [re.sub(r"^([a-z])-(?=[a-z]{3,})", r"\1", w.strip("'-")) for w in WORD.findall(text.lower())
            if len(w.strip("'-")) > 1 or w.isdigit() or (w.isalpha() and w not in ("a", "i"))]


def stems_of(text: str) -> set[str]:
    return {stem(w) for w in words_of(text)}


ROMAN = {"ii", "iii", "iv"}


def before_the_brand(phrase: str, brand: str) -> set[str]:
    """The stems said only before "the <brand>" (the question around a name: "how waterproof is the fjellborn …").

    >>> sorted(before_the_brand(" how waterproof is the fjellborn vardo rain jacket ", "fjellborn"))
    ['how', 'is', 'waterproof']
    """
    at = phrase.find(f" the {brand} ")
    if at < 0:
        return set()
    after = {stem(w) for w in phrase[at:].split()}
    return {stem(w) for w in phrase[:at].split()} - after


def compound_heads(title_stems: set[str], said: set[str]) -> dict[str, str]:
    """Title words that end in a said word of 4+ letters, 3+ letters longer: {"smartwatch": "watch"}
    ("backpack" ← "pack", "keyboard" ← "board")."""
    # the said word must start the way a word starts: "sweatshirt" ends in "tshirt" (a t-shirt), not in a head
    return {t: w for t in title_stems for w in said if len(w) >= 4 and len(t) >= len(w) + 3 and t.endswith(w)
            and _ONSET.match(w)}


# how an English word may start: a vowel, a consonant and a vowel, or a common cluster
_ONSET = re.compile(r"^(?:[aeiouy]|[b-df-hj-np-tv-z][aeiouy]|(?:bl|br|ch|cl|cr|dr|fl|fr|gl|gr|kn|ph|pl|pr|qu|sc|sh|sk|sl|sm"
                    r"|sn|sp|st|sw|th|tr|tw|wh|wr|scr|spl|spr|str|thr))")


def follows(phrase: str, title: str, token: str, rare: list[str]) -> bool:
    """Whether ``token`` (a model number) follows one of the ``rare`` words both in the message and in the title."""
    words = words_of(title)
    pairs = {(stem(a), b) for a, b in zip(words, words[1:])}
    said = phrase.split()
    return any((stem(a), b) in pairs and token in (b, stem(b)) and stem(a) in rare for a, b in zip(said, said[1:]))
