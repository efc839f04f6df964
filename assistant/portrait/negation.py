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

# strong cues make a deal-breaker (hard filter); soft cues only a dislike (ranking)
STRONG_CUES = (
    r"no|not|without|never|nothing from|nothing by|none of|anything but|anything except|except|excluding|exclude|"
    r"avoid|hate|hates|can'?t stand|cannot stand|don'?t want|do not want|doesn'?t want|don'?t like|do not like|"
    r"doesn'?t like|dislike|dislikes|no more|skip|other than|not a fan of|isn'?t|aren'?t|can'?t be|cannot be|"
    r"mustn'?t be|must not be|shouldn'?t be|should not be|no need for|allergic to|done with|sick of|tired of|"
    r"steer clear of|stay away from|keep away from|nix|minus|free of|drop"
)
SOFT_CUES = r"rather not|prefer not|preferably not|ideally not|would rather avoid|not too keen on|not so keen on|not keen on|less keen on"
_CUE_RE = re.compile(rf"(?:^|[^a-z'])(?P<cue>{SOFT_CUES}|{STRONG_CUES})(?=[^a-z']|$)")
_BREAK_RE = re.compile(
    r"[.;!?,:()]|\b(?:but|though|however|although|instead|rather|yet|i want|i need|i'd like|i would like|i like|i love|"
    r"we want|we need|prefer|i prefer|looking for|should be|must be|has to be|and i|and it|and we|and make|"
    r"and something|also|plus|with|for|that is|which is)\b"
)
# after the mention: "nike is a no-go", "red is out", "nordvik? no thanks"
_POST_NEG = re.compile(
    r"^\s*(?:is|are|'s)?\s*(?:a no[- ]go|out|off the table|not an option|not for me|not ok|not okay|a no|banned|"
    r"excluded|please,? no|no thanks|not allowed|not wanted|is not wanted)\b"
)
_POST_OK = re.compile(r"^\s*(?:is|are|'s)?\s*(?:fine|ok|okay|alright|all right|acceptable|back on the table|not a problem)\b")
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
    if cue in ("drop", "skip", "nix", "minus") and not re.match(r"\s*(?:the\s+)?$", between):
        return "pos"
    return "neg"


