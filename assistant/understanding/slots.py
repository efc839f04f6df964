"""What a message sets on the need (the act's slots): the category it names, a budget, brands required or kept
out, values kept out, and soft preferences (values wanted, likes, a capacity the catalog writes its own way).

Read by the rules interpreter (``rules.RulesInterpreter``) for its ``search`` and ``refine`` acts; the slot facts
themselves come from ``assistant.portrait.extract`` (``TurnFacts``).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.portrait.extract import TurnFacts
from assistant.portrait.vocabulary import Vocabulary, find_mentions

_BRAND_REQUIRED = r"(?:from|only|just|by|made by|exclusively)\s+(?:the\s+)?{brand}\b|\b{brand}\s+only\b"
# an adverb may sit inside ("who is really into science", "she absolutely loves hiking")
# not a simile: "i want it to feel like a proper gift", "looks like a toy"
_LIKES = re.compile(r"(?<!\bfeel )(?<!\bfeels )(?<!\blook )(?<!\blooks )(?<!\bseem )(?<!\bsound )(?<!\bsounds )"
                    r"\b(?:(?:really|so|very|totally|super|absolutely|just) )?(?:likes?|loves?|(?:is|are|'s|'re) "
                    r"(?:(?:really|so|very|totally|super|big|huge) )?into|enjoys?|fan of|is a fan of|passionate about)\s+"
                    r"(?:to\s+)?([a-z][a-z' -]{2,40}?)(?:[.,!?]|\s+(?:and|but|so)\s|$)")


def act_slots(cues: dict[str, Any], t: str, facts: TurnFacts, vocab: Vocabulary, values: Any = None) -> dict[str, Any]:
    """The slots of a ``search`` / ``refine`` act read from message ``t`` (lower case) and its ``facts``."""
    slots: dict[str, Any] = {}
    if facts.categories:
        subs = [c for c in facts.categories if c in vocab.category_parents]
        slots["category"] = vocab.narrow((subs or facts.categories)[0], t)
    if facts.budget is not None:
        if facts.budget.max is not None:
            slots["budget_max"] = facts.budget.max
        if facts.budget.min is not None:
            slots["budget_min"] = facts.budget.min
    required = [b for b in facts.brands_liked
                if re.search(_BRAND_REQUIRED.format(brand=re.escape(b.lower())), t)]
    if required:
        slots["brands_required"] = tuple(required)
    if facts.brands_excluded:
        slots["brands_excluded"] = tuple(facts.brands_excluded)
    if facts.unwanted:
        slots["attributes_excluded"] = tuple(facts.unwanted)
    preferences = list(facts.wanted) + likes(t, vocab) + _capacity(cues, t, values)
    if preferences:
        slots["preferences"] = tuple(dict.fromkeys(preferences))
    return slots


def _capacity(cues: dict[str, Any], t: str, values: Any) -> list[str]:
    """ "a tent for 2 people" → ["2-person"] when the catalog writes a capacity that way."""
    if values is None:
        return []
    out = []
    for m in cues["capacity"].finditer(t):
        hit = values.capacity(m.group(1), cues["capacity_units"])
        if hit:
            out.append(hit)
    return out


def likes(t: str, vocab: Vocabulary) -> list[str]:
    """Soft preferences stated as likes: "she likes bright colours" → ["bright colours"].

    Catalog values named inside the phrase are returned as themselves ("he loves red" →
    ["red"]); anything else is kept as the shopper's words, a ranking signal only.
    """
    out: list[str] = []
    for m in _LIKES.finditer(t):
        phrase = m.group(1).strip()
        if phrase.split()[0] in ("it", "that", "this", "the", "them", "those", "these",
                                 "mine", "yours", "hers", "ours", "theirs", "me", "him", "us") \
                or re.match(r"(?:a few|a couple|some|more|several|one|two|three)\b(?! \w+ colou?rs?\b)", phrase):
            continue     # "i'd like a few to choose between": how many to see, not a liking

        mentions = find_mentions(phrase, vocab)
        if any(m.kind in ("brand", "category") for m in mentions):
            continue        # "I like Brightwell cookware": a liked brand / category, read by the portrait rules
        out.extend([m.value for m in mentions] or [phrase])
    return out
