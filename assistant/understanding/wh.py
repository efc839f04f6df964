"""Whether a product question asks for a value (which) or asks whether (yes / no), read from its words alone
(``asks_which``) or with the product's row keys (``asks_value``); and the word splitting the row readers share.

Kept apart from ``rowmatch`` (which reads the row) so the question-form readings are one small module:

>>> asks_which("the kestrel boreal, how many litres"), asks_which("is it waterproof?")
(True, False)
"""

from __future__ import annotations

import re
from typing import Any

from assistant.understanding.cues import expand_contractions, load_cues
from retrieval.catalog.product import Product

_WORD = re.compile(r"[a-z0-9][a-z0-9']*")
# a yes / no put as a choice at the end: "wheels light up or no", "noise cancelling yes or no"
OR_NOT = re.compile(r"\b(?:or no|or not|or nah|or nope|or naw|yes or no|y/n)(?:\W*$|\?)")     # "cotton or nah? …"
_WH = re.compile(r"^(?:(?:and|so|ok|okay|also|hmm|but|roughly|approximately|about|just|btw|fr|tbh|ngl|honestly|"
                 r"srsly|seriously|quick q|quick question|(?:on|for|about|regarding|with) (?:the|that|this))[,:]? +)*"
                 r"(?:what|which|how|where|when|who)\b"     # ("on the <name> what … have they given it": name stripped)
                 r"(?! (?:if|happens if)\b)(?<!when)"      # "what if it rains, will we stay dry" asks yes / no
                 # "when it pours is there a cover" asks yes / no: a clause, then the auxiliary; "when does it ship" asks
                 r"|^(?:(?:and|so|ok|okay|also|hmm|but|just|btw)[, ]+)*when\b(?!\s+(?!(?:is|are|does|do|will|would|can|"
                 r"could|has|have|did|was)\b)[a-z][^,;?]{0,40}?,?\s+(?:is|are|does|do|will|would|can|could|has|have)\s+"
                 r"(?:there|it|they|this|that)\b)")
# a wh-question after a leading phrase ("<name>, what's it made of", "<name> - how heavy is it"), asked
# indirectly ("i'd like to know what …", "tell me the weight of …"), or a bare property and "please"
# ("<name> weight please": no auxiliary of a yes / no question anywhere)
_WH_INSIDE = re.compile(r"(?:[,;:]|\s[-–—]+)\s*(?:(?:and|so|ok|okay|also|hmm|but)[, ]+)?(?:what|which|how|where|when|who)\b"
                        r"|\b(?:know|wondering|wonder|curious|idea|find out|tell me|let me know)\b,? (?:what|which|how|where|when|who)\b"
                        r"|^(?:(?:and|so|ok|okay|also|but|please|kindly)[, ]+)?"
                        r"(?:can you |could you |please |kindly )?tell (?:me |us )?"
                        r"(?:the|its|their)\b"
                        r"|\b(?:any idea|an idea|idea|know|sure) (?:of|about|on) (?:the|its|their|how many|how much)\b")
_AUX = re.compile(r"\b(?:does|do|is|are|can|could|will|would|has|have|should|did|was|were|isn'?t|doesn'?t|don'?t|"
                  r"it'?s|they'?re|that'?s|need|needs|want|hope|guess|suppose|assume)\b")
# a property noun ending the message, "please" allowed after it ("… weight pls"); the nouns are the language's
# (``lang/<code>/cues.yaml`` property_nouns), so "keeps my tea hot" is not one
# words of haste or courtesy after the question mark ("… on it? quickly")
_HURRY = r"quickly|quick|asap|please|pls|plz|thanks|thx|ta|cheers|urgently"
_PROPERTY_LAST = re.compile(r"\b(?:" + load_cues()["property_nouns"].pattern + r")\W*(?:please|pls|plz)?\W*$")
_PROPERTY_NOUN = re.compile(r"\b(?:" + load_cues()["property_nouns"].pattern + r")\b")
# "<name> thickness in millimetres please": the property, then the unit it is wanted in
_PROPERTY_IN_UNIT = re.compile(r"\b(?:" + load_cues()["property_nouns"].pattern + r") (?:in|as) (?:"
                               + "|".join(map(re.escape, sorted(load_cues()["units"], key=len, reverse=True)))
                               + r")\W*(?:please|pls|plz)?\W*$")
# said as a yes / no question without an auxiliary: "… yes or no", "… or not", "… right", "any … in it", "good for …"
_YES_NO_MARK = re.compile(r"\b(?:yes or no|or not|right|correct|true|any|anything|some|enough|ok|okay|good|fine|safe|"
                          r"suitable|possible|fit|fits|work|works)\b")
_NUMBER_OR_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\s*[a-z]{0,6}\s+or\s+(?:a |an )?\d+(?:\.\d+)?\b")

_ABOUT = re.compile(r"^\W*(?:(?:and|so|ok|okay|also|hmm|but)[, ]+)?(?:what|how) about\b([^,;]*[,;])?\s*")


def asks_which(text: str) -> bool:
    """Whether a question asks for a value (a wh-question) rather than yes / no. "how about X" / "what about X"
    only point at a product: what follows the comma decides ("how about the pathfinder, good for -30?" is
    yes / no; "what about the strider, what colour is it" asks which).

    >>> asks_which("how about the corbel pathfinder plus, good for -30?"), asks_which("and what colour is it")
    (False, True)
    >>> asks_which("what about the strider, what colour is that?"), asks_which("what about the strider?")
    (True, False)
    >>> asks_which("and what about the weight")
    True
    """
    t = expand_contractions(text.strip().lower())
    m = _ABOUT.match(t)
    if m:
        if not m.group(1):
            return bool(_PROPERTY_LAST.search(t))      # "what about the weight": which weight; "what about the strider?"
        t = t[m.end():]
    # "<name> output", "<name> weight please": a property named with no verb, no question mark, nothing that
    # asks whether — which value it has
    bare = "?" not in t and not _AUX.search(t) and not _YES_NO_MARK.search(t) \
        and bool(_PROPERTY_LAST.search(t) or _PROPERTY_IN_UNIT.search(t))
    # "<name> how many litres", "<name> how cold can they go": an amount or measure asked with nothing to set it off;
    # "inseam is 32 or 30?": one of two numbers
    return bool(_WH.search(t) or _WH_INSIDE.search(t) or bare or load_cues()["measure_question"].search(t)
                or _NUMBER_OR_NUMBER.search(t))


def asks_value(product: Product, text: str, values: Any) -> bool:
    """``asks_which``, or (``values``: the catalog's ``rowmatch.CatalogValues``) a row key named last with a question mark and no verb: "<name>, key ingredient?",
    "skin type?" ask its value; "recycled material?" asks whether (a catalog value stands before the key).

    >>> from assistant.understanding.rowmatch import CatalogValues
    >>> rows = [Product(id="1", title="Tern Cream", attributes={"key_ingredient": "squalane", "material": "recycled"})]
    >>> v = CatalogValues.from_products(rows)
    >>> asks_value(rows[0], "the tern, key ingredient?", v), asks_value(rows[0], "recycled material?", v)
    (True, False)
    >>> asks_value(rows[0], "tern cream weight?", v), asks_value(rows[0], "colour?", v)
    (True, True)
    """
    if asks_which(text):
        return True
    t = expand_contractions(text.strip().lower())
    units = load_cues().get("units", {})
    amount = re.search(r"\d\s*([a-z]+)\W*$", t)
    if _AUX.search(t) or _YES_NO_MARK.search(t) or re.search(r"\bthan\b", t) or (amount and amount.group(1) in units):
        return False         # "louder than 100 watts?", "over 100 watts?": an amount held against the row
    nouns = load_cues()["property_nouns"].pattern
    if re.match(r"^\W*(?:(?:and|so|ok|what about|how about)\W+)?(?:the |its |their |[a-z]+ )(?:" + nouns
                + r") (?:of|on|for) (?:the|that|this|those|these|it|them)\b[^?]*\?\W*(?:" + _HURRY + r")?\W*$", t):
        return True          # "and the fabric of that teal one?", "frame material on it? quickly": that value
    phrases = []
    for key in product.attributes:
        kw = _key_words(key)
        if len(kw) > 1 and kw[-1] in units:
            kw = kw[:-1]             # weight_g: "weight?"
        phrases.append(" ".join(kw))
    last = _PROPERTY_LAST.search(t)
    if last:
        phrases.append(last.group(0).strip(" ?!.").split()[-1] if last.group(0).strip(" ?!.") else "")
    for words in phrases:
        if not words or words == "features" or not re.search(rf"(?:^|[,;:.!-]\s*|\s){re.escape(words)}\W*$", t):
            continue
        before = t[:t.rfind(words)].rstrip()
        counted = re.search(r"\d\s*([a-z]{0,5})\s*\+$|\d\s*([a-z]+)$", before)
        if counted and (counted.group(1) is not None or counted.group(2) in units):
            return False         # "30h+ battery?", "25 hours battery?": an amount held against the row
        last = _words(before)[-1] if _words(before) else ""
        if not before or before[-1] in ",;:.!-" or not (last in values.keys_of or last in values.heads
                                                       or last in values.parts):
            return True
    # "anong finish po nya?", "wah di main ingredient inna dat one?": a key of the row named in a question put in
    # words no yes / no question of the cues uses (no auxiliary, no mark of one, no catalog value said): its value
    noun = _PROPERTY_NOUN.search(t)
    before = _words(t[:noun.start()])[-1:] if noun else []      # ("vegan material?" asks whether: a value's word)
    return bool("?" in t and noun and not re.search(r"\d", t) and not values.mentioned(t)
                and any(noun.group(0) in _key_words(key) for key in product.attributes)
                and not any(w in values.keys_of or w in values.heads or w in values.parts for w in before))


# the words of a question itself, never the thing asked
_QUESTION_WORDS = {"does", "do", "is", "are", "can", "could", "will", "would", "has", "have", "what", "which", "how",
                   "where", "when", "who", "it", "its", "they", "them", "this", "that", "these", "those", "one",
                   "come", "comes", "go", "goes", "get", "ok", "okay", "suitable", "good", "fine", "help", "helps",
                   "made"}     # "is it made of pate?" asks about pate, not "made in small batches"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("-", " ").replace("_", " "))


def _key_words(key: str) -> list[str]:
    return [w for w in key.lower().split("_") if w]


# "it's listed with a scent, isn't it? which one": a yes / no, then which value
# ("one review called the finish glossy, another said satin. which is it": the two said, then which)
_WHICH_AFTER = re.compile(r"^(.*[?.!])\s*(?:and |so |if so,? |if yes,? )?(?:which|what)(?: one| kind| type| sort)?"
                          r"(?: is (?:it|right|true|correct|it then))?\W*$")


def which_after(question: str) -> str | None:
    """The yes / no part of a question that then asks which ("it has a scent, right? which one"), or None.

    >>> which_after("but it's listed with a scent, isn't it? which one"), which_after("which one is lighter?")
    ("but it's listed with a scent, isn't it?", None)
    """
    m = _WHICH_AFTER.match(question.strip().lower())
    return question.strip()[:len(m.group(1))] if m else None
