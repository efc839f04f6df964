"""What one user turn says, by rules: ``extract_turn(text, vocab) -> TurnFacts``.

The rules handle what must never be left to a small LLM — money, negation, catalog
names — and the cues that tell the dialogue layer (``assistant.portrait.dialogue``) how to merge
the turn: a correction ("actually"), an addition ("also"), a new need ("and something
for camping"), a reference to shown products ("the second one", "cheaper than that").

>>> f = extract_turn("a waterproof jacket under $150", Vocabulary(categories=["Jackets"], features=["waterproof"]))
>>> (f.categories, f.budget.max, f.wanted)
(['Jackets'], 150.0, ['waterproof'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.portrait.negation import LIST_JOIN, polarity
from assistant.portrait.vocabulary import Vocabulary, find_mentions
from assistant.portrait.model import Portrait
from retrieval.text import FuzzyMatcher, normalise, ordinal, parse_number
from retrieval.text.lang import load
from retrieval.text.money import Budget, extract_budget
from retrieval.text.words import alternation, ordinal_words

__all__ = ["TurnFacts", "Vocabulary", "extract_budget", "extract_turn", "normalise"]

_EN = load("en")
_CUES = _EN.dialogue
_CORRECTION = re.compile(rf"\b(?:{alternation(_CUES['correction'])}|change (?:it|that|the \w+) to"
                         r"|not (?:for )?(?:my|a|the) \w+,? (?:for|but))(?![a-z])")
_ADDITION = re.compile(rf"\b{alternation(_CUES['addition'])}\b")
_NEW_NEED = re.compile(r"\b(?:i|we) (?:also|now) (?:need|want|am looking for|'m looking for)|\balso (?:need|want|looking (?:for|at)|shopping for|after|interested in)\b|"
                       r"\b(?:one more thing|another thing|different thing|something else|next,? (?:i|we) need|now (?:i|we) need|"
                       r"now (?:i'm|i am|we're) looking for|moving on|new search|"
                       # "boots next — men's, wide-ish feet": the next thing on the list
                       r"^\W*(?:and |ok |okay |right,? )?(?:some |a |an )?[a-z][a-z'-]*(?: [a-z][a-z'-]*)? next"
                       r"(?=\s*(?:[-–—:,.!]|please\b|$))(?![^?]*\?)|"
                       r"next on (?:the|my|our|his|her|their) (?:list|checklist)|next up|"
                       r"separately|separate (?:thing|question|search|need|item|request)|"
                       r"(?:and|also|now|ok|okay|great|thanks|cool)?,? ?(?:something|anything|a thing) (?:else )?for|"
                       # "and for my grandson, he's 5, something to build with": another person, a thing for them
                       r"^\W*(?:and |now |also |ok |okay )?for (?:my|our|his|her|the|a) [a-z]+(?: [a-z]+)?,[^?]*"
                       r"\b(?:something|anything) (?:to|that|he|she|they|[a-z]+ing)\b|"
                       # "need a full size keyboard to go with it too": another product, for the one just asked about
                       r"(?:need|want|get|grab|find|looking for|after) (?:me |us )?(?:a|an|some) [a-z' -]{2,40}? to go "
                       r"(?:with|alongside) (?:it|them|that|this|those))\b")
_CLEAR = alternation(_CUES["clear"])
_CLEAR_BUDGET = re.compile(rf"{_CLEAR} (?:about |on )?(?:the |my |that )?(?:budget|price(?: limit| cap)?|limit|max(?:imum)?|cap)|"
                           r"(?:budget|price|cost|money)(?: limit)? (?:doesn'?t|does not|no longer) matter|money is no (?:object|issue)|"
                           r"no budget|any price|price is no (?:object|issue)|whatever (?:it )?costs?")
_CLEAR_BRAND = re.compile(rf"{_CLEAR} (?:about |on )?(?:the |that |those |my )?brands?(?: thing| preference)?|any brand|"
                          r"brands? (?:doesn'?t|does not|don'?t|do not|no longer) matter|whatever brand|brand[- ]agnostic")
_CLEAR_COLOUR = re.compile(rf"{_CLEAR} (?:about |on )?(?:the |that )?colou?rs?|any colou?r|colou?r (?:doesn'?t|does not) matter|whatever colou?r")
_CLEAR_RECIPIENT = re.compile(r"\b(?:it'?s|its|it is) (?:actually )?for me\b|\bfor myself\b|\bnot a gift\b")
_ORDINAL_WORDS = alternation(w for w in ordinal_words() if 0 < abs(_EN.ordinals[w]) <= 4 or _EN.ordinals[w] == -1)
_NOT_A_PICK = alternation(_CUES.get("not_a_pick", ["lot"]))
_REF_ORDINAL = re.compile(rf"\b(?:the )?({_ORDINAL_WORDS}|[1-4](?:st|nd|rd|th))(?: one| option| pick| item| product| jacket| pair)?\b"
                          rf"(?! (?:{_NOT_A_PICK})\b)"
                          r"|\b(?:option|number|no\.?|#) ?([1-4])\b")
_REF_ALL = re.compile(r"\b(?:than )?(?:those|these|them|all of (?:them|those|these)|any of (?:them|those|these)|the others|what you showed)\b")
_REF_THAT = re.compile(r"\b(?:than )?(?:that|this|it|that one|this one)\b")
_CHEAPER = re.compile(rf"\b{alternation(_CUES['cheaper'])}\b")
_PRICIER = re.compile(rf"\b{alternation(_CUES['pricier'])}\b")
_OTHER_BRAND = re.compile(r"\b(?:different|another|other|not that|not this) brands?\b|\bnot from (?:that|this) brand\b")
_OTHER_COLOUR = re.compile(r"\b(?:different|another|other) colou?rs?\b|\bnot in that colou?r\b")
_MUST = re.compile(rf"\b{alternation(_CUES['must'])}\b")
_PICK = re.compile(rf"\b{alternation(_CUES['pick'])}\b")
_AGE = re.compile(r"\b(\d+|(?:[a-z]+-)?[a-z]+)[- ]years?[- ]old\b")   # "8 year old", "nine-year-old"
_ACTIVITY = re.compile(rf"\b(?:for|go|going|went) (?:a |some |the )?({alternation(_EN.activities)})\b")


# a kind word said as a verb after its subject ("when i game on my phone"), or inside a description of the ones shown
# ("the dark wash ones": a word before it, "ones" after)
_NOT_A_KIND = re.compile(r"\b(?:i|we|you|they|he|she)\s+$")
# "in blue to match the kettle", "goes with my sofa": a thing the wanted one is matched to, not a kind wanted
_MATCHED_TO = re.compile(r"\b(?:match|matches|matching|go with|goes with|going with) (?:the|my|our|his|her|their) "
                         r"(?:[a-z'-]+ )?$")
_MODIFIES_ONES = re.compile(r"\s+ones?\b")
_WORD_BEFORE = re.compile(r"\b(?!the\b|those\b|these\b|any\b|some\b|a\b|an\b)[a-z]+\s+$")


@lru_cache(maxsize=1)
def _cue_speller() -> FuzzyMatcher:
    """Typos of cue words ("brithday", "acutally") → the word; the tables list no misspellings."""
    # 6+ letters only: shorter cue words are one edit from too many real words ("tough" ~ "though")
    return FuzzyMatcher(_EN.cue_words(), common=_EN.known_words(), min_length=6)


@dataclass
class TurnFacts:
    """Everything one turn states, before it is merged into the portrait."""

    text: str
    budget: Budget | None = None
    budget_if_money: Budget | None = None   # bare numbers read as money (used when a budget is being revised)
    clear_budget: bool = False
    brands_liked: list[str] = field(default_factory=list)
    brands_excluded: list[str] = field(default_factory=list)
    brands_ok: list[str] = field(default_factory=list)
    clear_brands: bool = False
    categories: list[str] = field(default_factory=list)
    wanted: list[str] = field(default_factory=list)
    unwanted: list[str] = field(default_factory=list)       # explicit negation: deal-breakers
    disliked: list[str] = field(default_factory=list)       # soft ("rather not"): ranking only
    attrs_ok: list[str] = field(default_factory=list)
    must_haves: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)     # attribute value → colour | material | feature
    clear_colour: bool = False
    recipient: str | None = None
    clear_recipient: bool = False
    occasion: str | None = None
    style: str | None = None
    activity: str | None = None
    correction: bool = False
    addition: bool = False
    new_need: bool = False
    reference: int | str | None = None      # 1-based position, -1 (last), "that" or "all"
    relation: str | None = None             # cheaper | pricier | other_brand | other_colour | pick


def _phrase_find(t: str, table: dict[str, tuple[str, ...]]) -> list[tuple[int, int, str]]:
    out = []
    for canonical, phrases in table.items():
        for phrase in phrases:
            for m in re.finditer(rf"(?<![a-z]){re.escape(phrase)}(?:'s|s)?(?![a-z])", t):
                out.append((m.start(), m.end(), canonical))
    return sorted(out)


def _recipient(t: str) -> str | None:
    """ "a gift for my wife" → "wife"; "my 8 year old son loves…" → "son". The last one stated wins."""
    found = None
    for start, end, canonical in _phrase_find(t, _EN.recipients):
        before, after = t[max(0, start - 40):start], t[end:end + 24]
        gifted = re.search(r"\b(?:for|to|gift for|present for)\s+(?:my|our|a|an|the|his|her|their)?\s*"
                           r"(?:(?!(?:with|and|at|in|on|from|of|camping|hiking)\b)[\w'-]+\s+){0,3}$", before)
        subject = re.search(r"\bmy\s+(?:[\w'-]+\s+){0,2}$", before) and re.match(
            r"\s*(?:'s\b|s\b|just|wants|needs|loves|likes|is|turns|has|gets|would|will|said|asked|runs|plays|enjoys|"
            r"collects|hates|always|never|keeps|can't|cannot|doesn't|does|\d)", after)
        if not gifted and not subject:
            continue
        if re.match(r"\s*shower\b", after):         # "a baby shower" is an occasion
            continue
        if re.search(r"\bnot (?:for )?(?:my|a|the) (?:[\w'-]+ ){0,2}$", before):
            continue
        if re.match(r"'?s? day\b", t[end:end + 6]):          # "mother's day" is an occasion
            continue
        if canonical in ("child",) and re.search(r"\bfor (?:the )?kids?['s]* (?:room|size)|kid-friendly", t[max(0, start - 5):start + 15]):
            continue
        found = canonical
    age = _AGE.search(t)
    if found is None and age:
        years = int(age.group(1)) if age.group(1).isdigit() else parse_number(age.group(1))
        if years is not None:
            found = "baby" if years < 2 else "child" if years < 13 else "teenager" if years < 20 else None
    return found


def _occasion(t: str) -> str | None:
    found = None
    for start, _end, canonical in _phrase_find(t, _EN.occasions):
        if re.search(r"\bnot (?:for )?(?:a |an |the )?$", t[max(0, start - 12):start]):
            continue
        if canonical == "graduation" and not re.search(r"\bgrad(?:uation)?\b(?! school)", t[start:start + 12]):
            continue
        found = canonical
    return found


def _style(t: str) -> str | None:
    hits = _phrase_find(t, _EN.styles)
    return hits[-1][2] if hits else None


def extract_turn(text: str, vocab: Vocabulary) -> TurnFacts:
    """Read one English user message. Pure: nothing about earlier turns is needed here.

    Chinese and mixed messages go to ``assistant.portrait.extract_zh.read_turn`` instead.
    """
    t = _cue_speller().correct(normalise(text), keep=vocab.known_words())
    facts = TurnFacts(text=text.strip())
    facts.budget = extract_budget(t)
    if facts.budget is None:
        facts.budget_if_money = extract_budget(t, assume_money=True)
    facts.clear_budget = facts.budget is None and _CLEAR_BUDGET.search(t) is not None
    facts.clear_brands = _CLEAR_BRAND.search(t) is not None
    facts.clear_colour = _CLEAR_COLOUR.search(t) is not None
    facts.clear_recipient = _CLEAR_RECIPIENT.search(t) is not None
    previous: tuple[int, str, str] | None = None   # (end, polarity, kind) of the last attribute/brand mention
    places: dict[str, int] = {}
    for mention in find_mentions(t, vocab):
        pol = polarity(t, mention.start, mention.end)
        if (pol == "pos" and previous and previous[1] in ("neg", "soft") and previous[2] == mention.kind
                and LIST_JOIN.match(t[previous[0]:mention.start])):
            pol = previous[1]                     # "no red, blue or green" (a list of the same kind)
        if mention.kind != "category":
            previous = (mention.end, pol, mention.kind)
        if mention.kind == "brand":
            target = {"pos": facts.brands_liked, "neg": facts.brands_excluded, "soft": facts.brands_excluded,
                      "ok": facts.brands_ok}[pol]
            _add(target, mention.value)
        elif mention.kind == "category":
            if _NOT_A_KIND.search(t[:mention.start]) and " " not in t[mention.start:mention.end] \
                    or _MODIFIES_ONES.match(t, mention.end) and _WORD_BEFORE.search(t[:mention.start]):
                continue      # "when i game on my phone" (a verb), "just the dark wash ones" (a kind of the ones)
            if _MATCHED_TO.search(t[max(0, mention.start - 40):mention.start]):
                continue
            if pol == "pos" and mention.value not in facts.categories:
                facts.categories.append(mention.value)
                places[mention.value] = _place(t[max(0, mention.start - 24):mention.start])
        else:
            facts.kinds[mention.value] = mention.kind
            target = {"pos": facts.wanted, "neg": facts.unwanted, "soft": facts.disliked, "ok": facts.attrs_ok}[pol]
            _add(target, mention.value)
            if pol == "pos" and _MUST.search(t[max(0, mention.start - 30):mention.start]):
                _add(facts.must_haves, mention.value)
    # the kind asked for first ("opening a food truck and need a big wok": the wok; "next thing for the truck is a
    # chef's knife": the knife), a kind named as the place or the purpose ("for the truck") last
    facts.categories.sort(key=lambda c: places[c])
    for feature in vocab.features:
        # "nothing with parabens", "no sulfates" → the catalog's "paraben free", "sulfate free"
        if feature.lower().endswith(" free"):
            stem = re.escape(feature.lower()[:-5])
            if re.search(rf"\b(?:no|without|nothing with|free (?:of|from)|zero|not any|none of the)\s+(?:added\s+)?{stem}s?\b", t):
                _add(facts.wanted, feature)
                facts.kinds[feature] = "feature"
    facts.recipient = None if facts.clear_recipient else _recipient(t)
    facts.occasion = _occasion(t)
    facts.style = _style(t)
    m = _ACTIVITY.search(t)
    facts.activity = m.group(1) if m else None
    facts.correction = _CORRECTION.search(t) is not None
    facts.addition = _ADDITION.search(t) is not None
    facts.new_need = _NEW_NEED.search(t) is not None
    _references(t, facts)
    return facts


# "after" a count is a time, not a want: "they bagged out after two washes"
_ASKED_FOR = re.compile(r"\b(?:need|needs|want|wants|looking for|after(?! (?:\d+|two|three|four|five|six|a few|"
                        r"several|many|a couple of) )|get me|find me|buy|is|are) (?:an?|some|the|one|new|a new|"
                        r"another)?\s*(?:[a-z'-]+ )?$")
_CONTEXT_OF = re.compile(r"\b(?:for|in|on|at|with|from|into|to) (?:the|my|our|his|her|their|a|an) (?:[a-z'-]+ )?$")


def _place(before: str) -> int:
    """How a category mention is said, from the words before it: 0 asked for ("need a big wok"), 2 the place or
    purpose of the need ("for the truck"), 1 otherwise."""
    return 0 if _ASKED_FOR.search(before) else 2 if _CONTEXT_OF.search(before) else 1


def _references(t: str, facts: TurnFacts) -> None:
    m = _REF_ORDINAL.search(t)
    if m:
        facts.reference = ordinal(m.group(1)) if m.group(1) else int(m.group(2))
    if _CHEAPER.search(re.sub(r"\s*(?:\$|£|€){2,}", " money", t)):       # "less $$ options?": less money
        facts.relation = "cheaper"
    elif _PRICIER.search(t):
        facts.relation = "pricier"
    elif _OTHER_BRAND.search(t):
        facts.relation = "other_brand"
    elif _OTHER_COLOUR.search(t):
        facts.relation = "other_colour"
    elif facts.reference is not None and _PICK.search(t):
        facts.relation = "pick"
    if facts.relation and facts.reference is None:
        if _REF_ALL.search(t):
            facts.reference = "all"
        else:
            facts.reference = "that"
    if facts.relation in ("cheaper", "pricier") and facts.budget is not None:
        facts.relation = None               # "cheaper, under 80" states the number itself


def _add(target: list[str], value: str) -> None:
    if value.lower() not in {v.lower() for v in target}:
        target.append(value)
