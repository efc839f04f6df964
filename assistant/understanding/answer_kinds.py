"""The answers that depend on the kind of row value asked about — colours (across the model's variants), age
ranges, yes / no properties such as waterproof or washable — and the small readings of a row they share
(``model_name``, ``variants``, ``_values``). Split from ``answer`` (which orders the readings); same behaviour."""

from __future__ import annotations

import re
from typing import Any, Iterable

from assistant.guide.compare import spoken
from assistant.guide.render import short_name
from assistant.understanding.ages import age_range as _range, life_stage as _stage, years as _years
from retrieval.catalog.product import Product
from retrieval.query import has_term, norm, product_terms
from retrieval.text import stem

# aspect → attribute keys that hold its answer (prefix match), in order
_KEYS: dict[str, tuple[str, ...]] = {
    "colour": ("colour", "color"), "material": ("material",), "size": ("size",), "age_range": ("age_range", "age"),
    "weight": ("weight_g", "weight_kg", "weight"), "battery": ("battery_life_h", "capacity_mah"),
    "waterproof": ("waterproof_rating_mm", "waterproof"),
}
# aspect → feature words that say "yes" / phrases that say "no" (checked in the row's text)
_YES = {"waterproof": ("waterproof", "water resistant", "water-resistant", "rainproof"),
        "washable": ("machine washable", "washable", "dishwasher safe", "dishwasher-safe")}
_NO = {"washable": ("hand wash only", "dry clean only", "not dishwasher safe"),
       "waterproof": ("not waterproof",)}


def model_name(product: Product) -> str:
    """The title without its variant suffix, whatever the dash: "Pacera Flux Shoes – Beige" → "Pacera Flux Shoes"."""
    return re.sub(r"\s+[-–—]\s+[A-Za-z ]+$", "", short_name(product)).strip() or product.title


def _name_words(product: Product) -> set[str]:
    """Title words less the product's own colour and the words of its category path."""
    drop = set(re.findall(r"[a-z0-9]+", f"{product.attributes.get('colour', '')} {product.brand}".lower()))
    return set(re.findall(r"[a-z0-9]+", product.title.lower())) - drop - {"in", "s", "the", "with"}


def variants(product: Product, catalog: Iterable[Product]) -> list[Product]:
    """The same model in other colours/sizes: same brand and category, and one title's words
    (less colour) inside the other's — whatever order the title puts them in: "Stridewell Ember
    Men's Lightweight Running Shoes - Olive" and "Stridewell Lightweight Running Shoes Ember (Orange)"."""
    name = model_name(product).lower()
    words = _name_words(product)
    same = []
    for p in catalog:
        if p.id == product.id or p.brand != product.brand:
            continue
        if model_name(p).lower() == name:
            same.append(p)
            continue
        if p.category != product.category:
            continue
        other = _name_words(p)
        small, large = sorted((words, other), key=len)
        if len(small) >= 3 and small <= large:
            same.append(p)
    return [product] + same


def _values(product: Product, keys: tuple[str, ...]) -> list[tuple[str, Any]]:
    out = []
    for key, value in product.attributes.items():
        if any(key.lower().startswith(k) for k in keys) and value not in (None, "", []):
            out.append((key, value))
    return out


def _fmt(value: Any) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)


def _deciding(product: Product, value: str) -> str | None:
    """The attribute value or feature (verbatim) that contains ``value``."""
    for key, raw in product.attributes.items():
        items = raw if isinstance(raw, list) else [raw]
        for item in items:
            if has_term(" " + norm(str(item)) + " ", value):
                return str(item)
    return None


def _colour(product, value, catalog, make, name) -> Answer:
    colours: list[str] = []
    for variant in variants(product, catalog):
        for _key, raw in _values(variant, _KEYS["colour"]):
            for c in (raw if isinstance(raw, list) else re.split(r"\s*(?:,|/|&| and )\s*", str(raw))):
                if c and c.lower() not in {x.lower() for x in colours}:
                    colours.append(str(c))
    if not colours:
        return make("unknown", None, f"The catalog doesn't list the colours of {name}.")
    listed = _and(colours)
    fact = ", ".join(colours)
    if value is None:
        return make("value", fact, f"{name[0].upper()}{name[1:]} comes in {listed}.")
    hit = [c for c in colours if has_term(" " + norm(c) + " ", value)]
    if hit:
        return make("yes", ", ".join(hit), f"Yes — {name} comes in {_and(hit)}.")
    shades = _shades(value)
    hit = [c for c in colours if norm(c) in shades]
    if hit:
        return make("yes", ", ".join(hit), f"Yes — {name} comes in {_and(hit)} (a shade of {value}).")
    return make("no", fact, f"No — {name} comes in {listed}.")


def _shades(colour: str) -> set[str]:
    """The shades a shopper counts as ``colour`` (``lang/en/cues.yaml``): "blue" → {"navy", …}."""
    from assistant.understanding.cues import load_cues

    return {norm(s) for s in load_cues().get("colour_shades", {}).get(norm(colour), [])}


def _age(product, value, make, name, question: str | None = None) -> Answer:
    found = _values(product, _KEYS["age_range"])
    if not found:
        return make("unknown", None, f"The catalog doesn't give an age range for {name}.")
    fact = _fmt(found[0][1])
    age = _years(value) if value else None
    low, high = _range(fact)
    stage = _stage(question) if age is None and question else None
    if stage is not None and low is not None:
        # a life stage spans ages: yes when the range covers all of it, no when none of it, else the range
        if low <= stage[0] and (high is None or high >= stage[1]):
            age = stage[0]
        elif low > stage[1] or (high is not None and high < stage[0]):
            age = low - 1
    if age is None or low is None:
        return make("value", fact, f"{name[0].upper()}{name[1:]} is for ages {fact}.")
    fits = age >= low and (high is None or age <= high)
    if question and re.search(r"\btoo (?:young|old|little|small|big)\b", question.lower()):
        fits = not fits       # "is 8 too young for it?" of a 6+ game: no
    return make("yes" if fits else "no", fact,
                f"{'Yes' if fits else 'No'} — {name} is for ages {fact}.")


def _yes_no(product, aspect, make, name, question: str | None = None) -> Answer:
    terms = product_terms(product)
    for phrase in _NO.get(aspect, ()):
        if has_term(terms, phrase):
            return make("no", _deciding(product, phrase) or phrase, f"No — {name} is {phrase}.")
    # a question that says which ("machine washable") is not answered by another ("dishwasher safe")
    said = [set(p.replace("-", " ").split()) for p in _YES[aspect] if question and has_term(f" {norm(question)} ", p)]
    for phrase in _YES[aspect]:       # the listed word first ("waterproof"), then a rating that backs it
        if said and not any(words & set(phrase.replace("-", " ").split()) for words in said):
            continue
        if has_term(terms, phrase):
            fact = _deciding(product, phrase) or phrase
            return make("yes", fact, f"Yes — {name} is listed as {fact}.")
    for _key, raw in _values(product, _KEYS.get(aspect, ())):
        if not isinstance(raw, bool) or raw:
            fact = _fmt(raw)
            return make("yes", fact, f"Yes — {name} is {aspect} ({_key.replace('_', ' ')} {fact}).")
    return make("unknown", None, f"The catalog doesn't say whether {name} is {aspect}.")

def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# a yes / no question: an auxiliary and its subject first, no wh-word, no request for a value, no either-or
_YES_NO_ONLY = re.compile(r"^\W*(?:(?:and|so|ok|okay|also|but|hmm)[, ]+)?(?:will|would|does|do|is|are|can|could|did|has|"
                          r"have)\s+(?:it|they|this|that|these|those|the|i|we|he|she|my)\b")
# whether it fits in something of the shopper's (a cupholder, a bag, a drawer): the row's size does not say; "are
# they heavy" is answered by the weight
_FITS_IN = re.compile(r"\bfits? (?:in|into|inside|under|through|on|onto|in between|between)\b")
_ASKS_A_VALUE = re.compile(r"\b(?:what|which|how|where|when|who|why|give me|tell me|let me know|\w+\W* or \w+)\b")


def value_not_asked(verdict: str, question: str | None) -> bool:
    """Whether a value would answer a question that asks only whether it fits in something of the shopper's ("will it
    fit in my car's cupholder" on a mug whose row gives 750 ml: the size does not decide it — the catalog doesn't say).

    >>> value_not_asked("value", "will it fit in my car's cupholder"), value_not_asked("value", "is it heavy? how many grams")
    (True, False)
    >>> value_not_asked("value", "are they heavy"), value_not_asked("yes", "5.8 litres sounds big, will it fit on my counter")
    (False, True)
    """
    if verdict not in ("value", "yes", "no") or not question:
        return False
    from assistant.understanding.worries import asked_clause

    q = asked_clause(question.lower())       # "5.8 litres sounds big, will it fit on a small counter": the clause asks
    if verdict != "value" and re.search(r"\d", q):
        return False                          # "will it fit in a 40 l bag": a number of the shopper's, held against the row
    return bool(_YES_NO_ONLY.match(q) and _FITS_IN.search(q)) and not _ASKS_A_VALUE.search(q)


_DURATION = {"time", "life", "min", "h", "hour", "minut"}


def _other_measure(answer: Answer, product: Product, question: str) -> bool:
    """Whether ``answer`` quotes a measured number of the row while the question names a measure the row lacks and
    none that the answer's key is: "how fast does it go" on a car with a run time and no speed (``key_words`` of
    ``lang/en/cues.yaml``: fast → speed) is not answered with the run time."""
    from assistant.understanding.cues import load_cues

    raw = product.attributes.get(answer.aspect or "")
    if not isinstance(raw, (int, float)) or isinstance(raw, bool):
        return False
    synonyms = load_cues().get("key_words", {})
    own = {stem(w) for key in product.attributes for w in key.split("_")}
    said = re.findall(r"[a-z]+", question.lower())
    named = [{stem(k) for k in synonyms[w]} for w in said if w in synonyms]
    answered = {stem(w) for w in (answer.aspect or "").split("_")}
    if answered & _DURATION and re.search(r"\bhow long\b", question.lower()):
        return False      # "how long does it run": long is a length or a time
    return any(not keys & own for keys in named) and not any(keys & answered for keys in named)


def without_it(fact: str | None, question: str | None) -> bool:
    """Whether the question asks about doing without the very item that would answer yes."""
    words = re.findall(r"[a-z0-9]+", (fact or "").lower())
    return bool(words and question) and re.search(r"\bwithout (?:a |an |the |any |using )?" + r"\W*".join(words) + r"\b",
                                                  question.lower().replace("-", "")) is not None


def number_word(question: str) -> bool:
    """Whether the question says a number from two to eighteen in words ("my youngest is four"): ``number_words`` of
    ``lang/en/cues.yaml`` ("two of them", "one more" are no such number)."""
    from assistant.understanding.cues import load_cues

    cues = load_cues()
    if "_number_word" not in cues:
        said = [w for w, v in cues.get("number_words", {}).items() if " " not in w and 2 <= v <= 18]
        cues["_number_word"] = re.compile(r"\b(?:" + "|".join(map(re.escape, said)) + r")\b(?! (?:of|more|or|another)\b)")
    return cues["_number_word"].search(question) is not None


def title_choice(product: Product, question: str | None) -> str | None:
    """The alternative of an either-or question that the product's title says, when exactly one does ("are they over
    ear or on ear" of "… On-Ear Headphones" → "On-Ear"), as the title writes it; None otherwise.

    >>> phones = Product(id="h", title="Nexo On-Ear Headphones Solo")
    >>> title_choice(phones, "are those over ear or on ear"), title_choice(phones, "black or white?")
    ('On-Ear', None)
    """
    m = re.search(r"\b([a-z][a-z -]{1,20}?) or ([a-z][a-z -]{1,20}?)\W*$", (question or "").lower())
    if m is None:
        return None
    found = []
    kind = set(re.findall(r"[a-z]+", (product.category or "").lower()))
    for option in m.groups():
        if set(option.split()[-1:]) & ({w.rstrip("s") for w in kind} | kind):
            continue         # "tea as well or only coffee" of a coffee maker: the kind's own word decides nothing
        for words in (option.split()[-2:], option.split()[-1:]):      # "those over ear" → "over ear", "ear"
            hit = re.search(r"\b" + r"[\s-]?".join(re.escape(w) for w in words) + r"\b", product.title, re.I) \
                if len(words) == 2 or len(words[0]) > 3 else None
            if hit:
                found.append(hit.group(0))
                break
    return found[0] if len(found) == 1 else None


def off_key(verdict: str, key: str | None, question: str, values: Any) -> bool:
    """A "no" quoting a key other than the one of the values the question names ("waterproof?" answered "no, its
    material is ABS plastic": waterproof is a feature of the catalog, never a material) — a guess, dropped."""
    if verdict != "no" or not key or key == "features" or values is None:
        return False
    named = {k for _i, v in values.mentioned(question) for k in values.keys_of.get(v, ())}
    return bool(named) and key not in named


def unnamed_colour(answer: Any, question: str, values: Any) -> bool:
    """A "no" on a colour key of a question that names no colour and no word for one ("does it calm redness"):
    a guess of the learned reading, dropped."""
    if answer.verdict != "no" or not (answer.aspect or "").lower().startswith(_KEYS["colour"]) or values is None:
        return False
    from assistant.understanding.cues import load_cues

    cues = load_cues()
    said = " " + " ".join(re.findall(r"[a-z]+", question.lower())) + " "
    shades = {w for k, v in cues.get("colour_shades", {}).items() for w in [k, *v]}
    named = any(k.lower().startswith(_KEYS["colour"]) for _i, v in values.mentioned(question)
                for k in values.keys_of.get(v, ()) if f" {v} " in said)       # (not "red" of "redness")
    return not named and not cues["colour_phrase"].search(question.lower()) \
        and not any(f" {w} " in said for w in shades)


def _part_item(product: Product, question: str, answer: Any) -> str | None:
    """The row feature that names a part and what it is made of, when the material of that part is asked ("what are
    the grips made of" on poles of "aluminium" with a "cork grip"): the feature whose last word is a word the
    question says outside the title, in place of the whole product's material.

    >>> poles = Product(id="p", title="Sierra Poles", attributes={"material": "aluminium", "features": ["cork grip"]})
    >>> from assistant.understanding.answer import Answer
    >>> _part_item(poles, "what are the grips made of", Answer("p", "material", "value", "aluminium", ""))
    'cork grip'
    >>> _part_item(poles, "what are they made of", Answer("p", "material", "value", "aluminium", "")) is None
    True
    """
    if answer.verdict != "value" or answer.aspect != "material":
        return None
    from assistant.understanding.verdicts import _table

    said = _said_outside_title(product, question, 4)
    parts = _table().get("part_words", {})       # "the handles" of a "cork grip"
    features = product.attributes.get("features") or []
    hits = [f for f in (features if isinstance(features, list) else [features])
            if len(str(f).split()) >= 2 and (stem(last := str(f).split()[-1].lower()) in said
                                             or said & {stem(w) for w in parts.get(last, [])})]
    return str(hits[0]) if len(hits) == 1 else None


def part_named(product: Product, question: str | None, fact: str | None = None) -> bool:
    """Whether the question names a part of the product (``part_words``: "the handle", "the soles") outside its title,
    one that ``fact`` (the row value answering) does not name itself ("what's the strap made of" → "leather band").

    >>> knife = Product(id="k", title="Orrin Santoku Knife", attributes={"material": "steel"})
    >>> part_named(knife, "is the handle wood"), part_named(knife, "is it steel")
    (True, False)
    """
    from assistant.understanding.verdicts import _table

    parts, whole = _table().get("part_words", {}), set(_table().get("whole_words", []))
    if not any(str(v).lower().split()[-1:] == ["shell"] for v in _row_items(product)):
        parts = {part: [w for w in words if w not in whole] for part, words in parts.items()}
    said = _said_outside_title(product, question or "")
    told = {stem(w) for w in re.findall(r"[a-z]+", (fact or "").lower())}
    return any(said & group and not told & group for group in ({stem(w) for w in [p, *ws]} for p, ws in parts.items()))


def _row_items(product: Product) -> list[str]:
    return [str(i) for raw in product.attributes.values() for i in (raw if isinstance(raw, list) else [raw])]


def _said_outside_title(product: Product, question: str, shortest: int = 1) -> set[str]:
    """The stems of the question's words (``shortest`` letters or more) that are not words of the product's title."""
    title = {stem(w) for w in re.findall(r"[a-z]+", product.title.lower())}
    return {stem(w) for w in re.findall(r"[a-z]+", question.lower()) if len(w) >= shortest} - title


# a statement, a dash, then a question: "she also wants a leave-in for dry hair — is the <name> silicone free"
_LEAD_STATED = re.compile(r"^[^?]{8,}?\s[-–—]+\s+"
                          r"(?=(?:is|are|does|do|can|could|will|would|has|have|what|which|how)\b)")


def property_first(question: str) -> str:
    """The question up to its first question mark when that part names a property and nothing else ("capacity?
    cooking for 2 mostly" → "capacity?": the 2 is why, not a capacity asked); else the question.

    >>> property_first("capacity? cooking for 2 mostly"), property_first("is it 2 l? we are two")
    ('capacity?', 'is it 2 l? we are two')
    >>> property_first("a gift for my dad — is it leather")    # a statement, then the question after the dash
    'is it leather'

    """
    from assistant.understanding.cues import load_cues

    lead = _LEAD_STATED.match(question.lower())
    if lead and not load_cues()["question_start"].match(question.lower()) and len(lead.group(0).split()) >= 5 \
            and not re.search(r"\d", lead.group(0)):     # ("she turned 5 in march - is it suitable": the age is asked)
        question = question[lead.end():]     # "she wants one for dry hair — is the <name> silicone free"
    if "?" not in question.rstrip(" ?!."):
        return question
    head = question[:question.index("?") + 1]
    nouns = load_cues()["property_nouns"].pattern
    alone = re.match(r"^\W*(?:(?:and|so|ok|okay|also|but|hmm+)[,.!]*\s+)*(?:its|their|the|what about the)?\s*(?:"
                     + nouns + r")\W*$", head.lower())
    return head if alone else question


# "is it scented?", "are they flavoured?": a yes / no question made of a row key turned into an adjective
_KEYED = re.compile(r"^\W*(?:(?:and|so|ok|okay|also|but|hmm)[, ]+)?(?:is|are|was|were|isn't|aren't)\b")
_KEYED_NOT = {"colour", "color", "size", "material", "features", "gender"}
_ABSENT = re.compile(r"\b(?:un\w+|none|no|free|plain|without|not)\b")


def keyed_yes(product: Product, question: str | None) -> tuple[str, str] | None:
    """(key, value) when a yes / no question asks whether the product has a row key's property at all ("is it
    scented?" of scent: rose) and the row gives one: the value is what makes it a yes.

    >>> cream = Product(id="1", title="Mist Hand Cream", attributes={"scent": "rose", "colour": "red"})
    >>> keyed_yes(cream, "is the hand cream scented? i'm fussy"), keyed_yes(cream, "is it coloured?")
    (('scent', 'rose'), None)
    >>> keyed_yes(Product(id="2", title="Balm", attributes={"scent": "unscented"}), "is it scented?")
    """
    asked = question.lower().split("?")[0] if question else ""
    if not _KEYED.match(asked):
        return None
    said = {w[:-2] for w in re.findall(r"\b[a-z]{5,}ed\b", asked)} \
        | {w[:-1] for w in re.findall(r"\b[a-z]{4,}ed\b", asked)}
    for key, raw in product.attributes.items():
        if key in _KEYED_NOT or key.lower().split("_")[-1] not in said or not isinstance(raw, str):
            continue
        return None if _ABSENT.search(raw.lower()) else (key, raw)
    return None


def key_value(key: str, fact: str) -> str:
    """"max load 350 kg" for ("max_load_kg", "350"): the key without its unit, the unit after the value ("size 3",
    not "size size 3", when the value says the key)."""
    label, value = spoken(key, fact)
    return value if value.lower().startswith(f"{label} ") else f"{label} {value}"


def key_is(key: str, fact: str) -> str:
    """"max load is 350 kg" for ("max_load_kg", "350")."""
    label, value = spoken(key, fact)
    return f"{label} is {value}"


# a price said only to point at the product ("the one for $8", "the $30 one", "going for $12", "<name> at $48, …"):
# not what is asked when the message asks something else
_PRICE_POINTER = re.compile(r",?\s*\b(?:the (?:one )?(?:for|at) \$\s?\d+(?:\.\d+)?(?: one)?"
                            r"|the \$\s?\d+(?:\.\d+)? (?:one|version|model|set)"
                            r"|(?:going|selling|sold|listed|priced|on sale|advertised) (?:for|at) \$\s?\d+(?:\.\d+)?"
                            r"|at \$\s?\d+(?:\.\d+)?(?=\s*,))\s*"
                            r"(?=[,;]|\s+(?:is|are|does|do|can|could|will|would|has|have|"
                            r"got|what|which|how)\b)")
_PRICE_ASKED = re.compile(r"\b(?:cost|costs|price|priced|cheap|cheaper|expensive|dear|pricey|worth|budget|afford|"
                          r"discount|sale|deal|dollars?|bucks?)\b|\$")


def price_pointer_dropped(question: str) -> str:
    """``question`` without a price said only to point at the product, when what is left asks about something else.

    >>> price_pointer_dropped("is the silver canyon game, the one for $8, ok for 6 players?")
    'is the silver canyon game, ok for 6 players?'
    >>> price_pointer_dropped("has the rocket ii, the $30 one, got more than 500 pieces")
    'has the rocket ii, got more than 500 pieces'
    >>> price_pointer_dropped("saw the sierra poles going for $12, can you change the length on them")
    'saw the sierra poles, can you change the length on them'
    >>> price_pointer_dropped("is the one for $8 under $10?"), price_pointer_dropped("is it $8?")
    ('is the one for $8 under $10?', 'is it $8?')
    """
    dropped = _PRICE_POINTER.sub("", question)
    return dropped if dropped != question and not _PRICE_ASKED.search(dropped.lower()) else question


def pointer_price(question: str) -> float | None:
    """The price a shopper said only to point at the product ("the one for $8"), or None.

    >>> pointer_price("is the canyon game, the one for $8, ok for 6?"), pointer_price("is it under $8?")
    (8.0, None)
    """
    if price_pointer_dropped(question) == question:
        return None
    m = re.search(r"\$\s?(\d+(?:\.\d+)?)", _PRICE_POINTER.search(question).group(0))
    return float(m.group(1)) if m else None


def _names_rating_key(product: Product, question: str) -> bool:
    """Whether the question names a row key with "rating" in it by another of its words
    ("temperature rating" → temp_rating_c, "waterproof rating" → waterproof_rating_mm)."""
    from assistant.understanding.cues import load_cues
    from assistant.understanding.rowmatch import match_key

    key = match_key(product, question, load_cues()["key_words"])
    return bool(key) and "rating" in key.lower().split("_") and len(key.split("_")) > 1 \
        and match_key(product, re.sub(r"\brat(?:ing|ed)\b", " ", question.lower()), load_cues()["key_words"]) == key


def _names_amount_key(product: Product, question: str) -> bool:
    """Whether a "how much" question names a numeric row key by a word of its own or one the cue table relates
    to it ("how much does it hold" → capacity_mah, "how much does it weigh" → weight_g): an amount, not a price."""
    from assistant.understanding.cues import load_cues
    from assistant.understanding.rowmatch import match_key

    key = match_key(product, question, load_cues()["key_words"])
    raw = product.attributes.get(key) if key else None
    return isinstance(raw, (int, float)) and not isinstance(raw, bool) and "price" not in key.lower()


def _content(question: str) -> list[str]:
    """The question's own words: no stop word, question word or word for the maker."""
    from assistant.understanding.rowmatch import _QUESTION_WORDS, STOP

    return [w for w in re.findall(r"[a-z]+", question.lower()) if len(w) > 2 and w not in STOP
            and w not in _QUESTION_WORDS and w not in ("brand", "make", "makes", "made", "maker")]
