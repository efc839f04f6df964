"""Small readings of what a message asks, each a cue of ``lang/<code>/cues.yaml`` plus a check on the context.

Kept apart from ``rules`` (which orders them) so each reading is one function with its example:

>>> from assistant.understanding.cues import load_cues
>>> bool(load_cues()["presence_question"].search("any chicken in it?"))
True
>>> what_is_its(load_cues(), "what's the thread count")
True
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any, Callable

from assistant.guide.compare import comparison_aspect
from assistant.portrait.extract import TurnFacts
from assistant.portrait.vocabulary import Vocabulary, find_mentions
from assistant.understanding.acts import Act, ActType, Interpretation
from assistant.understanding import references
from assistant.understanding.cues import load_cues
from assistant.understanding.interpreter import Context
from assistant.understanding.names import strip_name
from assistant.understanding.verdicts import untagged
from assistant.understanding.wanted import CARRY_STOP, object_phrase  # noqa: F401  (rules reads them from here)
from assistant.understanding.wh import OR_NOT  # noqa: F401  (rules reads it from here)
from retrieval.text import stem


def more_of_the_need(cues: dict[str, Any], t: str, facts: TurnFacts, context: Context) -> bool:
    """ "more keyboards please", "any more dog beds?": more of the category already asked for (the
    portrait's), nothing else said — the same need, products not shown yet."""
    m = cues["more_of"].match(t)
    category = (context.portrait.category or "").lower()
    return bool(m and category and facts.categories
                and all(c.lower() in category or category in c.lower() for c in facts.categories)
                and not (facts.wanted or facts.unwanted or facts.budget or facts.brands_liked
                         or facts.brands_excluded or facts.relation))


@lru_cache(maxsize=1)
def _property_alone() -> re.Pattern:
    """A property noun and nothing else asked ("its material", "and in terms of weight?", "the fabric pls")."""
    return re.compile(r"^\W*(?:(?:and|so|ok|okay|also|but|hmm+|cool|great|nice)[,.!]*\s+)*"
                      r"(?:in terms of |what about |how about )?(?:its|their|the)?\s*(?:"
                      + load_cues()["property_nouns"].pattern + r")\W*(?:please|pls|plz)?\W*$")


# a need, not a name, opens these: "a remote control car for my nephew, he's 6", "looking for …, i'm …"
_NEED_LEAD = re.compile(r"^(?:(?:ok|okay|so|and|also|now|then|hi|hey|hello|hmm+|maybe|perhaps|or)\W+)*"
                        r"(?:a|an|some|any|another|looking|need|"
                        r"i need|i want|i'm after|im after|want|searching|after|something|anything|no|not)\b"
                        r"|^.*\b(?:please|pls|plz)\W*$")     # "womens road running shoes please, my last pair …": a request


def put_as_question(cues: dict[str, Any], t: str, mentions: list, context: Context) -> bool:
    """Whether the message asks something, however it is put: a question word opening it or a clause after a leading
    phrase ("<name>, what's it made from", "the <name> - does it have spf": when the clause points at a product),
    a question mark, asked indirectly ("i'd like to know whether …", "curious if …", "tell me the weight of …")."""
    if cues["question_start"].search(t) or cues["question_end"].search(t) or cues["presence_question"].search(t) \
            or cues["indirect_question"].search(t) or untagged(t) != t or cues["negative_tag"].search(t) \
            or cues["same_question"].search(t) and context.previous:
        return True      # … or a tag question without its mark: "they don't test it on animals do they"
    if context.portrait.focus_id and (cues["need_of_it"].search(t) or _property_alone().match(t)
                                      or cues["person_measure"].match(t)):
        return True      # "i need it to last 20 hours", "its material", "he's a size 12", just after a question about it
    if context.portrait.focus_id and cues["measure_question"].search(t) and len(t.split()) <= 6:
        return True      # "pack of how many", "battery lasts how long": a measure of the product in focus
    if context.portrait.focus_id and ASKED_OF_FOCUS.match(t):
        return True      # "they come with somewhere to keep them", "any good for calls": asked of the one in focus
    if context.portrait.focus_id and (OR_NOT.search(t) or cues["real_or_look"].search(t)):
        return True      # "wheels light up or no", "proper leather or just the look": a choice, about the one in focus
    if (context.portrait.focus_id or cues["claimed"].search(t)) and cues["confirm"].search(t) and (
            cues["product_pronoun"].search(t) or len(t.split()) <= 3 or cues["claimed"].search(t)):
        return True      # "they're machine washable i assume", "bluetooth right", "spec says 20 kg, confirm?"
    if cues["measure_ok"].search(t) and (context.portrait.focus_id
                                         or references.named_product(t, mentions, context) is not None):
        return True      # "size 13 ok", "<name> 28 waist ok": whether it comes in the shopper's measure
    first = re.match(r"[^?]{8,}\?(?=\s+[a-z])", t)
    if first and (cues["question_start"].search(first.group(0)) or untagged(first.group(0)) != first.group(0)
                  or cues["question_clause"].search(first.group(0)) or _SAID_AS_ASKED.match(first.group(0))) \
            and _points(cues, first.group(0), [m for m in mentions if m.end <= first.end()], context):
        return True      # "<lead> - the <name> isn't natural rubber is it? latex brings me out in hives"
    if first and not re.match(r"\W*(?:a|an|any|some|one)\b", first.group(0)) and references.named_product(
            first.group(0), [m for m in mentions if m.end <= first.end()], context) is not None:
        return True      # "di <name> can play fi 30 hours? di party …": a product named, asked with a mark, then why
    if context.portrait.focus_id and short_follow_up(t):
        return True      # "heavy? we carry everything in": a word asked of the one in focus, then why
    back = _BACK_TO.match(t)
    named = references.named_product(t, mentions, context) if back else None
    if named is not None and short_follow_up(strip_name(t[back.end():], named).strip(" ,.:;-")):
        return True      # "back to the <name> 🤔 curvy wand or a straight one": the name, then what is asked of it
    inline = cues["question_inline"].search(t)
    if inline and (context.portrait.focus_id or references.named_product(
            t[:inline.start()], [m for m in mentions if m.end <= inline.start()], context) is not None):
        return True      # "<name> does it taste like anything", "he needs a size 7 is that what it is"
    if cues["need_of_it"].search(t) and references.named_product(t, mentions, context) is not None:
        return True      # "she only uses natural things, so the <name> would need to be too"
    if cues["situation_after_name"].match(t):
        # "<name>, my hob is induction btw": the shopper's situation, asked of the product named before it
        lead = re.split(r",|:| -| –", t, maxsplit=1)[0]
        if not _NEED_LEAD.match(lead) and \
                references.named_product(lead, [m for m in mentions if m.end <= len(lead)], context) is not None:
            return True
    clause = cues["question_clause"].search(t) or cues["measure_question"].search(t)
    if clause and (cues["product_pronoun"].search(t[clause.end():]) or the_focus_kind(t[clause.end():], context)):
        return True      # "underneath the coating, what metal is the pan itself": the pan just asked about
    if question_sentence(cues, t) and _points(cues, t, mentions, context):
        return True      # "she listens to the radio. could she get fm on the <name>": a statement, then a question
    # "also a kettlebell is the <name> rubber coated": said without a stop, a question about the product it names
    mid = _ASKED_OF_THE.search(t)
    if mid and references.named_product(t[mid.start():], [m for m in mentions if m.start >= mid.start()],
                                        context) is not None:
        return True
    # a yes / no or wh clause after a leading phrase asks only about a product the message names (looked up once)
    return bool((clause or cues["question_mid"].search(t) or cues["either_or"].search(t))
                and references.named_product(t, mentions, context) is not None)


_SENT_BACK = re.compile(r"\b(?:return|send|exchange|swap|refund)\w* (?:it|them|this|that|these|those)\b")
_ASKED_OF_THE = re.compile(r"(?<=[a-z] )(?:is|are|does|do|will|would|can|could) the (?=[a-z])")


# where one sentence ends and another begins ("… in the mornings. could she …"; not "1.5", not "no. 2")
_SENTENCE_END = re.compile(r"(?<=[a-z'\")])[.!?]+\s+(?=[a-z])")
ASKED_OF_FOCUS = re.compile(r"^\W*(?:(?:and|so|ok|okay)[, ]+)?(?:(?:it|they|this one|that one)(?:'s| has| have| comes?| got|'ve got)"
                            r" (?:with|got|included|a |an |any )|(?:any|much|(?:is it|are they) any) good\b)"
                            # "q2: same bag — comes with a stuff sack?": the subject left out
                            r"|^(?:.{0,40}?(?:[,:;—–]|\s-)\s+)?(?:(?:and|so|also)\s+)?(?:comes?|came) with\b[^?]*\?")
# the words a why said after a question starts with ("… ? we camp in the rain", "… ? cos the last one leaked")
_WHY_WORDS = (r"(?:we|i|my|our|he|she|[a-z]{3,}ing|his|her|they|we're|i'm|im|we'll|i'll|it'll|cos|because|since|as|"
              r"kids|children|the|it's|its|they're|there's|mine|ours)\b")
FRAGMENT_THEN_WHY = re.compile(r"^\W*(?:(?:and|so|ok|okay|but|hmm+)[, ]+)?(?:[a-z][a-z' -]{1,24}|"
                               r"(?!(?:a|an|some|any|need|looking|i|i'm|im|we)\b)[a-z][a-z0-9' -]{25,40})\?\s+"
                               + _WHY_WORDS)
# "back to the <name> …": a product named again, then what is asked of it (``put_as_question``)
_BACK_TO = re.compile(r"^\W*(?:(?:and|ok|okay|so)\W+)?(?:back to|going back to|as for|about|re:?|regarding) the ")
# "rechargeable or batteries": two things and nothing else, a choice asked of the one in focus (rules._about_focus)
BARE_EITHER = re.compile(r"^\W*(?:(?:and|so|ok|okay|also|but)[, ]+)?(?:[a-z-]+ ){0,3}[a-z-]+ or (?:an? )?[a-z-]+(?: [a-z-]+)?\W*$")
# "rechargeable or do i have to buy batteries": a value, or else what the shopper must do without it
EITHER_OR_CLAUSE = re.compile(r"^\W*(?:(?:and|so|ok|okay|also|but)[, ]+)?(?:is it |are they )?[a-z-]+(?: [a-z-]+)? or "
                              r"(?:do|will|would|should|must|can) (?:i|we|you) "
                              r"(?:have to |got to |need to |gotta |still )?[a-z-]+"
                              r"(?: [a-z0-9-]+){0,4}\W*$")
# "it switches itself off right? i'm forgetful", "hip belt padded? my old one dug in": asked, then why
TAG_THEN_WHY = re.compile(r"\b(?:right|correct|yeah|eh|yes)\?\s+[a-z]")


def question_sentence(cues: dict[str, Any], t: str) -> int:
    """Where the last sentence put as a question begins, when a statement comes before it ("our customers notice
    that sort of thing. is the <name> organic cotton" → the index of "is"); 0 when there is none.

    >>> t = "she listens to the radio. could she get fm on it"
    >>> t[question_sentence(load_cues(), t):], question_sentence(load_cues(), "could she get fm on it")
    ('could she get fm on it', 0)
    """
    return next((m.end() for m in reversed(list(_SENTENCE_END.finditer(t)))
                 if cues["question_start"].match(t[m.end():]) or cues["presence_question"].match(t[m.end():])), 0)


def question_itself(cues: dict[str, Any], t: str) -> str:
    """The last sentence put as a question (``question_sentence``), without the why said after its mark ("is the
    print on both sides? she found one like that hard to see": "one like that" asks for nothing like it).

    >>> question_itself(load_cues(), "so. is it printed on both sides? she found one like that too busy")
    'is it printed on both sides?'
    """
    start = question_sentence(cues, t)
    mark = t.find("?", start)
    why = mark >= 0 and re.match(_WHY_WORDS, t[mark + 1:].strip().lower())
    return t[start:mark + 1] if why else t[start:]


def short_follow_up(t: str) -> bool:
    """A fragment then why, a bare choice, or a tag then why: asked of the one in focus when it is the last answered."""
    return bool(FRAGMENT_THEN_WHY.match(t) or BARE_EITHER.match(t) or TAG_THEN_WHY.search(t)
                or EITHER_OR_CLAUSE.match(t))

# a statement with a question mark, about the product in focus: "it is light? under one kilo i hope"
_SAID_AS_ASKED = re.compile(r"^\W*(?:(?:and|so|but|ok|okay)[, ]+)?(?:it|they|this|that)(?:'s|'re| is| are)"
                            r"(?: not)? [a-z]"
                            # "altimeter on the <name>? for hill days": a thing on the product, asked with a mark
                            r"|^\W*(?:(?:and|so|but|ok|okay)[, ]+)?(?:an? |any )?[a-z][a-z-]+(?: [a-z][a-z-]+)? "
                            r"(?:on|in|with) (?:the|that|this|those|these|it|them)\b")


def _points(cues: dict[str, Any], piece: str, mentions: list, context: Context) -> bool:
    """Whether a sentence names a product, or points at the one in focus with a pronoun."""
    if context.portrait.focus_id and cues["product_pronoun"].search(piece):
        return True
    return references.named_product(piece, mentions, context) is not None


def the_focus_kind(piece: str, context: Context) -> bool:
    """Whether ``piece`` says "the <word>" of a word of the title of the product in focus ("the pan")."""
    focus = context.portrait.focus_id
    product = next((p for p in context.shown if p.id == focus), None) if focus else None
    if product is None and focus and context.names is not None:
        product = context.names.get(focus)      # named, not on the list
    if product is None:
        return False
    title = {stem(w) for w in re.findall(r"[a-z]+", product.title.lower()) if len(w) > 2}
    return any(stem(w) in title for w in re.findall(r"\bthe ([a-z]{3,})\b", piece.lower()))


def names_a_property(cues: dict[str, Any], t: str, about: Any) -> bool:
    """Whether a statement about a product names one of its row's keys ("<name> output", "<name> game time") or
    asks whether it suits something ("<name> good for wide feet"). ``about``: the product, or the context (its
    product in focus)."""
    if cues["suitability"].search(t):
        return True
    product = about
    if isinstance(about, Context):
        focus = about.portrait.focus_id
        product = next((p for p in about.shown if p.id == focus), None) if focus else None
    if product is None:
        return False
    from assistant.understanding.rowmatch import match_key

    return match_key(product, t, cues["key_words"]) is not None


# where one request ends and another begins: a sentence's end, or "and / also / plus" before a question word
_CLAUSES = re.compile(r"(?<=[?!.])\s+|\s*;\s*|,?\s+(?:and also|also|and|plus|oh and|btw)\s+"
                      r"(?=(?:how|what|when|where|can|could|do|does|is|are|will|would|which|if|you|your)\b)")
def two_requests(cues: dict[str, Any], t: str, context: Context, hit: str,
                 interpret: Callable[[str, Context], Interpretation]) -> Interpretation | None:
    """A question about a product and a shop question in one message, each in its own clause ("is the first one
    machine washable? and how long does delivery take"), or a new need and then a shop question: both acts, the
    shop's clause as its value (the service answers it), the product's clause as the question the answer reads.
    None when the rest asks nothing of a product nor a new need (``interpret``: the rules, read on the rest). Tested
    in ``tests/test_understanding_s19.py`` and ``test_understanding_s20.py``.
    """
    parts = [p.strip() for p in _CLAUSES.split(t) if p and p.strip()]
    shop = [re.sub(r"^(?:and|also|plus|oh and|btw)\s+", "", p) for p in parts if shop_cue(cues, p)]
    rest = " ".join(p for p in parts if not any(p.endswith(q) for q in shop)).strip(" ,;:-–—")
    asked_of_shop = Act(ActType.SHOP_QUESTION, aspect=hit, value=" ".join(shop))
    if shop and rest and not parts[0].endswith(shop[0]) and interrogative(cues, shop[-1]) \
            and not interrogative(cues, rest) and not cues["owned_before"].search(rest) \
            and not _SENT_BACK.search(shop[-1]):     # ("… is it possible to return it": a thing the shopper has)
        # "a cosy hoodie for my girlfriend, and is standard shipping free?": a need, then a shop question
        need = interpret(rest, context)
        if need.acts and need.acts[0].type == ActType.SEARCH and need.acts[0].slots.get("category") \
                and all(a.type in (ActType.SEARCH, ActType.GREETING) for a in need.acts):
            return Interpretation([*need.acts, asked_of_shop])
    if not (context.shown or context.portrait.focus_id):
        return None
    if not shop or not rest or not (interrogative(cues, rest) or cues["question_clause"].search(rest)):
        return None      # ("… before friday? it's a present": the rest is why, not a second question)
    if parts[0].endswith(shop[0]) and references.named_product(rest, find_mentions(rest, context.vocabulary),
                                                                context) is None:
        return None      # "do you ship to manitoba? and what does it cost": the shop question goes on
    read = interpret(rest, context)
    if [a.type for a in read.acts] != [ActType.ASK_ABOUT]:
        return None
    return Interpretation([read.acts[0], asked_of_shop], question=read.question or rest)


def shop_cue(cues: dict[str, Any], t: str) -> re.Match | None:
    """The first shop cue ``t`` says — a shop question, an after-sale action or a rule of the shop's named — or None."""
    return cues["shop_question"].search(t) or cues["shop_action"].search(t) or cues["policy_named"].search(t)


def interrogative(cues: dict[str, Any], t: str) -> bool:
    """ "can i grab the handle without a mitt", "my brother is 7, could he play too", "… in it?": the message is
    put as a question (how it starts or ends, or an auxiliary after a leading clause), whatever it asks.

    >>> from assistant.understanding.cues import load_cues
    >>> interrogative(load_cues(), "can i hang it on a wall"), interrogative(load_cues(), "show me ones rated colder")
    (True, False)
    """
    return bool(cues["question_start"].search(t) or cues["question_end"].search(t)
                or cues["question_mid"].search(t) or cues["presence_question"].search(t))


def what_is_its(cues: dict[str, Any], t: str) -> bool:
    """ "whats the thread count", "what's the fill power?": a wh-question about one property, named by a
    definite noun phrase and nothing else; asked of the product in focus (the row decides, or says it
    doesn't say). Not "what's the best one", "what's the difference"."""
    m = cues["what_is_its"].match(t)
    return bool(m) and not any(cues["not_a_property"].fullmatch(w) for w in m.group(1).split())


def compared_with_named(cues: dict[str, Any], t: str, context: Context) -> Act | None:
    """ "is it louder than the auralis cadence speaker?", "does this one hold more than the halden lt?", "how does it
    stack up against the halden lt?": the product in focus held against a product the message names — a comparison;
    "is the halden lt lighter than the auralis pack?": two named products."""
    m = cues["than_named"].search(t)
    focus = context.portrait.focus_id
    if context.names is None:
        return None
    if not m:
        # "is the <name> better than the <name> …": both named
        both = cues["than_between"].search(t)
        first = references.named_product(both.group(1), [], context) if both else None
        focus, m = (first.id, both) if first is not None else (focus, None)
    if not m or not focus:
        return None
    tail = m.group(2) if m.re is cues["than_between"] else (m.group(1) or m.group(2))   # "… than the X"
    other = references.named_product(tail, find_mentions(tail, context.vocabulary), context)
    if other is None or other.id == focus:
        return None
    ids = [p.id for p in context.shown]
    found = (focus, other.id)
    positions = tuple(ids.index(i) + 1 for i in found) if all(i in ids for i in found) else ()
    return Act(ActType.COMPARE, aspect=comparison_aspect(t), products=positions, product_ids=found)


def other_kind(t: str, vocab: Vocabulary, context: Context, fresh: bool = False) -> bool:
    """ "ok now show me coffee makers" after "an electric kettle": the catalog files both under one category
    (Small Appliances), but the message names it by a kind that shares no word with the kind the need was
    named by — another product, a new need. "shell jackets" after "a rain jacket" shares "jacket": the same need.

    >>> v = Vocabulary(categories=["Small Appliances"], category_terms={"kettle": "Small Appliances",
    ...                                                                 "coffee maker": "Small Appliances"})
    >>> from assistant.portrait.model import Portrait
    >>> c = Context(portrait=Portrait(category="Small Appliances", needs="an electric kettle"), vocabulary=v)
    >>> other_kind("now show me coffee makers", v, c), other_kind("show me kettles under 40", v, c)
    (True, False)
    >>> v = Vocabulary(categories=["Haircare"], category_terms={"hair oil": "Haircare", "hair mask": "Haircare"})
    >>> c = Context(portrait=Portrait(category="Haircare", needs="hair oil for dry hair"), vocabulary=v)
    >>> other_kind("and a hair mask too", v, c), other_kind("another hair oil", v, c)
    (True, False)
    """
    category = (context.portrait.category or "").lower()
    need = (context.portrait.needs or "").lower()
    if context.names is not None and interrogative(load_cues(), t) and context.names.find(t, context.shown):
        return False        # "and the halden lt backpack?": the kind word is part of a product's name

    own = {stem(w) for w in re.findall(r"[a-z]+", category)}

    def kinds(text: str) -> set[str]:
        # the category's own name is no kind of it: "a dutch oven" after "nice cookware" makes the need concrete
        out = set()
        for m in find_mentions(text, vocab):
            if _PART_OF.search(text[:m.start]):
                continue       # "ones with a (carrying) strap": a part of the kind asked for, not another kind
            words = [stem(w) for w in re.findall(r"[a-z]+", text[m.start:m.end])]
            if m.kind == "category" and m.value.lower() == category and not set(words) <= own:
                out.add(words[-1])     # the head: "a hair mask" after "hair oil" is another kind ("hair" is shared)
        return out

    def related(a: str, b: str) -> bool:     # "backpack" and "daypack" end alike: one kind of bag
        return a == b or a[-4:] == b[-4:] and len(a) >= 4 and len(b) >= 4

    now, before = kinds(t), kinds(need)
    if fresh and now and not before and not own <= {stem(w) for w in re.findall(r"[a-z]+", need)}:
        # "now a weighted blanket" after "queen sheets" (no kind word the catalog knows): a kind said the way a new
        # need starts (``fresh``: "now a …", "and some …") is another product when the need named no kind, nor the
        # category by its own name ("a dutch oven" after "nice cookware" makes that need concrete)
        return not any(w in need for w in now)
    return bool(now and before) and not any(related(a, b) for a in now for b in before)


_PART_OF = re.compile(r"\b(?:with|without|has|having|comes with|come with)\s+(?:a|an|the|some|its own|their own)?\s*"
                      r"(?:[a-z]+ )?$")

def new_slots(slots: dict[str, Any], portrait: Any) -> dict[str, Any]:
    """``slots`` without what the portrait already holds: the category it has and the preferences it
    wants or likes ("show me more like that first jacket" after jackets restates the need, changes nothing).

    >>> from assistant.portrait.model import Portrait
    >>> new_slots({"category": "Jackets", "preferences": ("red",)}, Portrait(category="Jackets"))
    {'preferences': ('red',)}
    """
    out = dict(slots)
    named = {stem(w) for w in re.findall(r"[a-z]+", str(out.get("category", "")).lower())}
    need = {stem(w) for w in re.findall(r"[a-z]+", (portrait.needs or "").lower())}
    if str(out.get("category", "")).lower() == (portrait.category or "").lower() or named and named <= need:
        out.pop("category", None)    # "other shoes to see" after "running shoes": the need said again, shorter
    held = {v.lower() for v in list(portrait.attributes_wanted) + list(portrait.likes)}
    prefs = tuple(v for v in out.get("preferences", ()) if v.lower() not in held)
    out.pop("preferences", None)
    if prefs:
        out["preferences"] = prefs
    return out


def asked_value(t: str, facts: TurnFacts, aspect: str | None) -> str | None:
    """The value asked about: a catalog value named in the question, or an age."""
    if aspect == "age_range":
        m = re.search(r"\b(\d+)[- ](?:years?|yrs?)(?:[- ]old)?\b|\b(\d+)[- ]months?\b", t)
        if m:
            return f"{m.group(1)} years" if m.group(1) else f"{m.group(2)} months"
    named = facts.wanted + facts.unwanted + facts.attrs_ok
    # "the fabric of that teal one?": "teal" picks the product, "the fabric of" names what is asked — no value
    named = [v for v in named if not re.search(rf"\b(?:that|this|the) {re.escape(v)} (?:ones?|pair)\b"
                                               rf"|\bthe {re.escape(v)} (?:of|on|in)\b", t)]
    # "leave black scuff marks": the colour of a trace, not of the product; "does the fabric rustle", "the fabric i
    # mean": a value that is also a property's name ("fabric"), said as the thing asked of — no value asked
    nouns = load_cues()["property_nouns"]
    named = [v for v in named if not re.search(rf"\b{re.escape(v)} (?:scuff |skid |scratch )?(?:marks?|scuffs?|"
                                               rf"streaks?|stains?|smudges?|residue|spots?|flecks?)\b", t)
             and not (nouns.fullmatch(v) and re.search(rf"\b(?:the|its|their) {re.escape(v)}\b", t))]
    # "is the fabric cotton?": "fabric" names what is asked of, the value after it is the one asked
    named = [v for v in named if not any(o != v and re.search(rf"\b(?:the|its|their) {re.escape(v)} (?:is |are )?"
                                                            rf"{re.escape(o)}\b", t) for o in named)] or named
    either = re.search(r"\b([a-z][a-z-]+) or ([a-z][a-z-]+)\W*$", t)
    if either and named:
        # "the pure gift set, does it smell woody or floral": the choice is asked, not a value of the name
        beside = [v for v in named if any(w in v.split() for w in either.groups())]
        named = beside
    if named:
        return named[0]
    # a value the catalog never uses is still the question: "does it come in purple?" → "purple"
    m = re.search(r"\b(?:(?:come|comes|available|made|sold|get (?:it|them)|have (?:it|them)) (?:in|of|from)|(?:filled|stuffed|padded) with) "
                  r"([a-z][a-z-]*(?: [a-z][a-z-]*)?)", t)
    if m:
        words = [w for w in m.group(1).split() if w not in CARRY_STOP]
        return " ".join(words) or None
    return None


def self_corrected(cues: dict[str, Any], t: str) -> str:
    """The message as the shopper meant it when they corrected themselves halfway ("does the <name>, sorry, i mean
    the <other name>, have …", "under 8, er, under 6 mm", "i need a 32 — wait, 34 inseam"): the words after the
    correction replace the same words before it (from the last place the first of them was said), or a number the
    last number before it; else the message as it is.

    >>> self_corrected(load_cues(), "is it under 8, er, under 6 mm?")
    'is it under 6 mm?'
    >>> self_corrected(load_cues(), "does it take five players? er, six if my cousin comes")
    'does it take six players?'
    >>> self_corrected(load_cues(), "i mean it's nice, but is it warm?")
    "i mean it's nice, but is it warm?"
    """
    m = cues["self_correction"].search(t)
    if not m or not m.start():
        return t
    before, after = t[:m.start() + (t[m.start()] in "?!.")], t[m.end():]
    first = re.match(r"[a-z0-9][a-z0-9'.-]*", after)
    if not first:
        return t
    word = first.group(0)
    said = [w for w in re.finditer(rf"\b{re.escape(word)}\b", before) if len(before[w.start():].split()) <= 8]
    if said:
        return before[:said[-1].start()] + after
    words = cues.get("number_words", {})
    numeral = r"\d+(?:\.\d+)?|" + "|".join(re.escape(w) for w in words if " " not in w)
    number = list(re.finditer(rf"\b(?:{numeral})\b", before))
    if not re.fullmatch(numeral, word) or not number or len(before[number[-1].start():].split()) > 6:
        return t
    last = number[-1]
    tail = before[last.end():]
    # "i need a 32 — wait, 34 inseam": at the end, the rest follows; "5 players? er, 6 if …": the rest is why
    return before[:last.start()] + (after if not tail.strip(" ,.?!-–—") else word + tail)


def as_meant(cues: dict[str, Any], t: str, context: Context,
             interpret: Callable[[str, Context], Interpretation]) -> Interpretation | None:
    """The message read as the shopper meant it: corrected halfway (``self_corrected``: "under 8, er, under 6 mm?")
    or with what came before taken back ("… scratch that, …": ``withdrawn``); None when neither."""
    fixed = self_corrected(cues, t)
    taken_back = cues["withdrawn"].search(t) if fixed == t else None
    rest = fixed if fixed != t else t[taken_back.end():] if taken_back and len(t[taken_back.end():].split()) >= 2 \
        else None
    if rest is None:
        return None
    kept = interpret(rest, context)
    return kept if kept.question else replace(kept, question=rest)


def thanked_after(cues: dict[str, Any], t: str, context: Context,
                  interpret: Callable[[str, Context], Interpretation]) -> Interpretation | None:
    """Thanks after a request ("is it warm? thanks"): the request's acts, then chitchat (an empty refine or search of
    "great, thanks" is dropped); None without such thanks."""
    thanks = cues["thanks_after"].search(t)
    if not thanks or not t[:thanks.start()].strip(" ,.!-–—"):
        return None
    rest = interpret(t[:thanks.start() + 1], context)
    kept = [a for a in rest.acts if a.type != ActType.CHITCHAT and (a.slots or a.value is not None or a.type
                                                                    not in (ActType.REFINE, ActType.SEARCH))]
    return replace(rest, acts=kept + [Act(ActType.CHITCHAT)])


# a kind added to the need: "and a lamp", "he also wants a cuddly toy", "we'll also need a lamp"
ADDED_KIND = re.compile(r"^\W*(?:(?:ok|okay|oh|so|then|actually|alright|well)\W+)?(?:and|also|plus|now)\s+"
                        r"(?:a|an|some|something)\s"
                        # "he also wants a cuddly toy", "we'll also need a lamp": another kind, said with "also"
                        r"|\b(?:also|too) (?:wants?|needs?|would like|'d like|asked for|likes?|is after|after)\s+"
                        r"(?:a|an|some)\s"
                        r"|\b(?:also|'ll also|will also) need\s+(?:a|an|some)\s"
                        # "i'll need walking boots for the inca trail as well"
                        r"|\b(?:i|we)(?:'ll| will)? (?:also )?need (?!it\b|them\b|that\b|this\b)[a-z' -]{3,40} "
                        r"(?:as well|too)\b")
_KIND_TOO = re.compile(r"^\W*[a-z]{3,}(?: [a-z]{3,})? (?:as well|too)\b(?! (?:much|many|big|small|long|short|heavy))")
# "and a red one", "now something in blue", "also some under 30": the shown need narrowed, no kind added
_ONES = re.compile(r"\b(?:a|an|some|something)\s+(?:[a-z-]+\s+){0,2}?(?:ones?|in|under|over|from|with|without|"
                   r"cheaper|pricier|similar|else|like|more|bigger|smaller)\b")


def adds_a_kind(t: str, facts: TurnFacts) -> bool:
    """ "now a pack to carry it in", "lights as well, ones i can charge": a kind added to the need, whatever its
    category (a new search), not the shown need narrowed ("and a red one", "now something in blue")."""
    return bool(ADDED_KIND.search(t) or _KIND_TOO.match(t)) and not _ONES.search(t) and not facts.wanted \
        and not (facts.budget or facts.brands_liked or facts.brands_excluded or facts.unwanted)
