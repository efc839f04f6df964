"""Is a mention negated? Scope rules for "no Nike", "anything but Apple", "not red".

A negation cue governs the mentions that follow it inside the same clause; a clause
ends at punctuation or a contrast word ("but", "though"), and at "and" only when a new
verb phrase starts ("no red and i want it waterproof"). A list keeps the negation —
"no red, blue or green" — which the caller applies with ``LIST_JOIN`` between mentions.

>>> polarity("i want a jacket but not red", 23)
'neg'
>>> polarity("no nike, i love adidas", 16)
'pos'
"""

from __future__ import annotations

import re

from retrieval.text.lang import load
from retrieval.text.words import alternation

_NEG = load("en").negation
# strong cues make a deal-breaker (hard filter); soft cues only a dislike (ranking)
STRONG_CUES = alternation(_NEG["strong"])
SOFT_CUES = alternation(_NEG["soft"])
_CUE_RE = re.compile(rf"(?:^|[^a-z'])(?P<cue>{SOFT_CUES}|{STRONG_CUES})(?=[^a-z']|$)")
_BREAK_RE = re.compile(rf"[.;!?,:()]|\b{alternation(_NEG['breaks'])}\b")
# after the mention: "nike is a no-go", "red is out", "nordvik? no thanks"
_POST_NEG = re.compile(rf"^\s*(?:is|are|'s)?\s*{alternation(_NEG['after_negative'])}\b")
_POST_OK = re.compile(rf"^\s*(?:is|are|'s)?\s*{alternation(_NEG['after_ok'])}\b")
_OBJECT_ONLY = frozenset(_NEG["object_only"])
# "no red, blue or green": a mention right after a negated one, joined by a list separator
LIST_JOIN = re.compile(r"^\s*(?:,|/|\bor\b|\bnor\b|, or|,? and|&)\s*(?:a |an |the |in )?$")


def polarity(text: str, start: int, end: int | None = None) -> str:
    """'neg' (strong), 'soft' (dislike), 'ok' ("X is fine") or 'pos' for a mention at ``start``.

    ``text`` must be lower-case; ``end`` is where the mention ends (for post cues).
    """
    if end is not None:
        tail = text[end:end + 40]
        if _POST_OK.match(tail) and not re.match(r"^\s*(?:is|are)?\s*not\b", tail):
            return "ok"
        if _POST_NEG.match(tail):
            return "neg"
    head = text[max(0, start - 60):start]
    best = None
    for m in _CUE_RE.finditer(head):
        best = m
    if best is None:
        return "pos"
    between = head[best.end():]
    if _BREAK_RE.search(between):
        return "pos"
    if len(between.split()) > 4:
        return "pos"
    cue = best.group("cue")
    if re.fullmatch(SOFT_CUES, cue):
        return "soft"
    if cue in _OBJECT_ONLY and not re.match(r"\s*(?:the\s+)?$", between):
        return "pos"
    return "neg"


