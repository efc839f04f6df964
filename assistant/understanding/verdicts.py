"""General yes / no readings of a product question that no single row value spells out.

- **Gender**: "are the wool socks for women?" on a row whose ``gender`` is ``men`` is "no — men"; the
  words that mark a gender are ``gender_words`` in ``lang/en/cues.yaml`` (recipient words such as "women"
  are stop words elsewhere, so no catalog-value reading ever saw them).
- **Letter sizes**: "would it fit a large head?" on a helmet sized ``S-M`` is "no — S-M": the asked letter
  size against the row's letter range, in the order of ``size_letters`` (``lang/en/verdicts.yaml``).
- **Absence**: a row item that says a thing is absent ("cruelty free", "no artificial colours", "not tested
  on animals" as a gloss) answers a question that asks for the thing ("is it tested on animals?", "does it
  have parabens?") with "no", quoting the item — unless the question says the absence too ("is it
  paraben free?", "no perfume in it?").

Each reading quotes the row's value verbatim; nothing found → None (the other readings decide).

>>> from retrieval.catalog.product import Product
>>> helmet = Product(id="h", title="Zen Bike Helmet", attributes={"size": "S-M", "gender": "men"})
>>> letter_size(helmet, "would it fit a large head?"), letter_size(helmet, "does it come in small?")
(('no', 'size', 'S-M'), ('yes', 'size', 'S-M'))
>>> gender_asked(helmet, "is it for women?"), gender_asked(helmet, "is it a men's one?")
(('no', 'gender', 'men'), ('yes', 'gender', 'men'))
>>> says_absent("not tested on animals", "is it tested on animals?"), says_absent("paraben free", "any parabens?")
(True, True)
>>> says_absent("paraben free", "is it paraben free?"), says_absent("glare-free finish", "a finished look?")
(False, False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from retrieval.catalog.product import Product


@lru_cache(maxsize=4)
def _table(language: str = "en") -> dict[str, Any]:
    import yaml
    from importlib import resources

    text = resources.files("assistant.understanding").joinpath(f"lang/{language}/verdicts.yaml").read_text()
    return yaml.safe_load(text) or {}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("-", " "))


def _outside_title(product: Product, question: str) -> str:
    """The question without the product's own title words ("the Alpenlite Women's boots" names no gender)."""
    from retrieval.text import stem

    title = _words(f"{product.brand or ''} {product.title}")
    exact, loose = set(title), {stem(w.replace("'", "")) for w in title}
    said = _words(question)
    near = [stem(w.replace("'", "")) in loose for w in said]
    # a word of the name as the shopper types it ("womens" of "Women's", "blocks" of "Block Set") is the name's too when
    # it stands in a run of name words ("the granite womens jacket"); alone ("are they for men?") it is asked
    return " ".join(w for n, w in enumerate(said) if w not in exact and not (
        near[n] and ((n > 0 and near[n - 1]) or (n + 1 < len(said) and near[n + 1]))))


def gender_asked(product: Product, question: str, people: bool = False) -> tuple[str, str, str] | None:
    """(yes|no, key, the row's value) when the question names a gender and the row has one.

    >>> jacket = Product(id="j", title="Peak Jacket", attributes={"gender": "women", "size": "XS-XL"})
    >>> gender_asked(jacket, "would my husband fit it", people=True), gender_asked(jacket, "ok for my mum", people=True)
    (('no', 'gender', 'women'), ('yes', 'gender', 'women'))
    >>> clog = Product(id="c", title="Clog Slippers", attributes={"gender": "unisex"})
    >>> gender_asked(clog, "are these strictly blokes' slippers?"), gender_asked(clog, "ok for my dad?", people=True)
    (('no', 'gender', 'unisex'), None)
    """
    from assistant.understanding.cues import load_cues

    marks: dict[str, list[str]] = load_cues().get("gender_words", {})
    row = next(((k, str(v)) for k, v in product.attributes.items() if isinstance(v, str)
                and any(v.lower().strip() in m for m in marks.values())), None)
    said = set(_words(_outside_title(product, question)))
    if row is None:
        # "are these strictly blokes' slippers?" of a unisex pair: one gender's own word, said as the only one, is a no
        both = next(((k, str(v)) for k, v in product.attributes.items() if isinstance(v, str)
                     and v.lower().strip() in _table().get("unisex_words", [])), None)
        named = {g for g, m in marks.items() if said & {w.lower() for w in m}}
        only = said & set(_table().get("only_words", []))     # ("is it for women?" of a unisex coat: yes, it is)
        if both is not None and len(named) == 2 and "or" in said:
            return ("value", both[0], both[1])      # "made for boys and girls or just for boys": unisex
        return ("no", both[0], both[1]) if both is not None and len(named) == 1 and only and "or" not in said else None
    # with ``people``, the person it is for says a gender too: "would my husband fit it" on a women's jacket
    # (``recipient_gender``) — read after every other reading: "my sister is an xxs, does it go that small?" asks a size
    # (only when the question is about who it is for or who wears it: "will they be ok on her tiled floor" is no)
    fits = re.search(r"\b(?:for|fit|fits|fitting|wear|wears|wearing|suit|suits|size|sized)\b", question.lower())
    persons: dict[str, list[str]] = load_cues().get("recipient_gender", {}) if people and fits else {}
    asked = {g for g, m in marks.items() if said & {w.lower() for w in [*m, *persons.get(g, [])]}}
    if len(asked) != 1:
        return None
    mine = next(g for g, m in marks.items() if row[1].lower().strip() in m)
    return ("yes" if asked == {mine} else "no"), row[0], row[1]


def _letter_order() -> dict[str, int]:
    return {letter: n for n, letter in enumerate(_table().get("size_letters", {}))}


def _row_letters(value: str) -> tuple[int, int] | None:
    """ "S-M" → (2, 3); "XL" → (5, 5); anything else (numbers, "one size", "small") → None."""
    order = _letter_order()
    parts = [p.strip().lower() for p in re.split(r"\s*(?:-|–|/|to)\s*", value.strip())]
    if not parts or len(parts) > 2 or not all(p in order for p in parts):
        return None
    return order[parts[0]], order[parts[-1]]


def letter_size(product: Product, question: str) -> tuple[str, str, str] | None:
    """(yes|no, key, the row's letter range) for a letter size asked of a row sized in letters."""
    rows = [(k, str(v)) for k, v in product.attributes.items() if "size" in k.lower().split("_") and isinstance(v, str)]
    sized = [(k, v, r) for k, v in rows if (r := _row_letters(v)) is not None]
    if not sized:
        return None
    text = " " + _outside_title(product, question) + " "
    if any(_row_letters(m) for m in re.findall(r"\b[a-z0-9]{1,4}\s*[-/]\s*[a-z0-9]{1,4}\b", question.lower())):
        return None      # "does it come in XS-XL?" names a range, another value: the value readings decide
    cue = _table().get("size_asked", [])
    if not any(re.search(rf"\b{re.escape(c)}\b", text) for c in cue):
        return None      # "does it pack down small?" is no size asked
    order = _letter_order()
    asked: dict[int, int] = {}     # (each letter asked → the length of the phrase it was said by: "in both s and m")
    for letter, said in _table().get("size_letters", {}).items():
        for phrase in said:
            single = len(phrase) == 1
            pattern = rf" (?:size|in an?|in|an?|both|and|or|,) {phrase}(?= |, )" if single else rf" {re.escape(phrase)} "
            if re.search(pattern, text.replace(",", " , ")):
                asked[order[letter]] = max(asked.get(order[letter], 0), len(phrase))
    if not asked:
        return None
    longest = max(asked.values())
    # the longest phrase decides between readings of one size ("extra large" holds "large"); a list names several
    letters = [n for n, length in asked.items() if length == longest] if longest > 1 else list(asked)
    key, value, (low, high) = sized[0]
    return ("yes" if all(low <= n <= high for n in letters) else "no"), key, value


_AUX = r"(?:is|are|will|does|do|can|would|could|has|have|was|were)"
_NEG = {"isn't": "is not", "aren't": "are not", "won't": "will not", "doesn't": "does not", "don't": "do not",
        "can't": "can not", "cannot": "can not", "wouldn't": "would not", "couldn't": "could not",
        "hasn't": "has not", "haven't": "have not", "wasn't": "was not", "weren't": "were not",
        "isnt": "is not", "arent": "are not", "wont": "will not", "doesnt": "does not", "dont": "do not",
        "cant": "can not", "it's": "it is", "they're": "they are", "that's": "that is"}
_SUBJECT = r"(?P<subj>(?:\b[a-z0-9&'-]+ ){0,4}?(?:it|they|this|that|this one|that one|these|those|he|she|the [a-z0-9&' -]+?|the))"
# the tag ends the message, or its question mark ends the question ("…, is it? i'll be living out of a suitcase")
_TAGGED = re.compile(_SUBJECT + r" (?P<aux>" + _AUX + r") not (?P<rest>[^,.;!?]+?),? (?:(?P<tag>" + _AUX
                     + r") (?:it|they|this|that|these|those|he|she)|(?:right|eh|yeah|correct))(?:\s*\?|\s*$)")
# a guess with a negation, asked ("i'm guessing the … won't stretch to six players?")
_GUESS_ASKED = re.compile(r"(?:" + _SUBJECT + r" )?(?P<aux>" + _AUX + r") not (?P<rest>[^,.;!?]+?)\s*\?")
_GUESSED = re.compile(r"\b(?:i'm|i am|im) (?:guessing|assuming|thinking)\s+|\bi (?:guess|suppose|assume|presume|take it)\s+")


def untagged(question: str) -> str:
    """A negated statement with a tag ("it won't spill in my bag, will it?", "they're not real leather, are they?")
    asked as the plain question the tag asks ("will it spill in my bag?"): its truthful answer is the same yes or
    no ("no, it won't"), and the negation belongs to the shopper's guess, not to the thing asked.

    >>> untagged("it won't spill in my bag, will it?"), untagged("they're not real leather, are they?")
    ('will it spill in my bag?', 'are they real leather?')
    >>> untagged("lovely. the mug isn't glass, is it"), untagged("is it not waterproof?")
    ('lovely. is the mug glass?', 'is it not waterproof?')
    >>> untagged("it won't be too thin for winter, right?"), untagged("they're not heavy are they? my knee is bad")
    ('will it be too thin for winter?', 'are they heavy? my knee is bad')
    >>> untagged("i'm guessing the tern won't fit four?")
    'will the tern fit four?'
    """
    low = re.sub(r"[a-z']+", lambda m: _NEG.get(m.group(0), m.group(0)), question.lower().replace("’", "'"))
    low = re.sub(r"\s+", " ", low)         # (a name taken out leaves "the  won't …": a determiner alone is the subject)
    hit, start = _TAGGED.search(low), None
    if hit is None:
        guess = _GUESSED.search(low)
        hit = _GUESS_ASKED.match(low, guess.end()) if guess is not None else None
        if hit is None:
            return question
        start = guess.start()        # the guess is no part of the question asked
    subj = (hit.group("subj") or "it").strip()      # (the name taken out: "i'm guessing won't …")
    return f"{low[:hit.start() if start is None else start]}{hit.groupdict().get('tag') or hit.group('aux')} {subj} " \
           f"{hit.group('rest').strip()}?{low[hit.end():].rstrip('?')}"


_PREPOSITIONS = {"on", "in", "at", "for", "with", "to", "from", "into", "onto", "when", "while", "during", "under",
                 "by", "up"}      # "won't be ruined by sweat" keeps out ruin; "doesn't take up space" keeps out taking


def says_absent(evidence: str, question: str, title: str = "") -> bool:
    """Whether ``evidence`` (a row item, or the gloss of one that matched) says a thing is absent, the
    question names that thing ("paraben" of "paraben free"; "tested", "animals" of "not tested on animals";
    not "finish" of "glare-free finish"), and the question does not say its absence itself. A word of the
    product's ``title`` names it only as itself: "slippers" is no "slip" of "non-slip sole"."""
    from retrieval.text import same_word

    table = _table()
    item = _words(evidence)
    marks_item = set(table.get("absent_item", []))
    at = next((n for n, w in enumerate(item) if w in marks_item), None)
    if at is None:
        return False
    absent = item[:at] if item[at] in ("free", "proof") else item[at + 1:]     # "leak-proof": leak
    if item[at] in ("non", "anti") and re.search(rf"\b{item[at]}-[a-z]+\s+[a-z]", evidence.lower()):
        absent = absent[:1]        # "non-slip sole" keeps out slipping, not the sole ("grippy soles?")
    # the thing kept out ends at a preposition: "won't slip on ice" keeps out slipping, not ice ("grip on ice?")
    cut = next((n for n, w in enumerate(absent) if w in _PREPOSITIONS and n), len(absent))
    absent = absent[:cut]
    said = _words(question)
    named = set(_words(title))
    if not any(a == b or b not in named and (same_word(a, b) or min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
               for a in absent if len(a) > 2 for b in said):
        return False
    # the question says the absence itself ("paraben free?") or asks for it to be kept off ("do they stop smelly
    # feet?" on anti-odor, ``prevent_asked``)
    marks = set(table.get("absent_asked", [])) | {w.replace("'", "") for w in table.get("prevent_asked", [])}
    return not any(w in marks or w.endswith("n't") or (w.endswith("less") and len(w) > 6) for w in said)


def genuine_asked(product: Product, question: str) -> tuple[str, str, str] | None:
    """("no", key, the row's value) when the question asks for the genuine thing ("is it real leather?") and
    the row's value names an imitation of it ("synthetic leather"); ("no", …) too when it asks for the imitation
    ("faux fur?") of a row value that is the thing itself ("fur trim"). Words: ``lang/en/verdicts.yaml``.

    >>> ball = Product(id="b", title="Volleyball", attributes={"material": "synthetic leather"})
    >>> genuine_asked(ball, "is it real leather?"), genuine_asked(ball, "is the leather genuine")
    (('no', 'material', 'synthetic leather'), ('no', 'material', 'synthetic leather'))
    >>> genuine_asked(ball, "is it synthetic leather?") is None
    True
    >>> genuine_asked(Product(id="s", title="Slipper", attributes={"material": "faux shearling"}), "real sheepskin inside?")
    ('no', 'material', 'faux shearling')
    """
    table = _table()
    genuine, fake = set(table.get("genuine_words", [])), set(table.get("imitation_words", []))
    said = _words(_outside_title(product, question))
    wants_real, wants_fake = bool(genuine & set(said)), bool(fake & set(said))
    if wants_real == wants_fake and "?" in question.rstrip(" ?!."):
        # "are they synthetic? proper leather cracks": the question, not the reason after it
        said = _words(_outside_title(product, question.split("?")[0]))
        wants_real, wants_fake = bool(genuine & set(said)), bool(fake & set(said))
    if wants_real == wants_fake:
        return None
    # the thing an imitation word qualifies is the word after it: "engineered wood with sisal" imitates wood only
    asked_fake = {b for a, b in zip(said, said[1:]) if a in fake}
    if wants_fake and not asked_fake and said and said[-1] in fake and "or" not in said:
        # "are they synthetic?" (the word said alone) of a row whose material is an animal's ("leather"): no
        animal = set(table.get("animal_derived", []))
        made = str(product.attributes.get("material") or "")
        if set(_words(made)) & animal and not set(_words(made)) & fake:
            return "no", "material", made
    for key, raw in product.attributes.items():
        for item in (raw if isinstance(raw, list) else [raw]):
            words = _words(str(item))
            imitated = {b for a, b in zip(words, words[1:]) if a in fake}
            if wants_real and imitated & set(said):
                return "no", key, str(item)
            if wants_fake and not fake & set(words) and asked_fake & set(words):
                return "no", key, str(item)
    # (not a key's own name: "a proper size 5" asks a size, not whether the row's size is genuine)
    keyed = {w for k in product.attributes for w in k.lower().split("_")}
    asked_real = {b for a, b in zip(said, said[1:]) if a in genuine and b not in keyed}
    if wants_real and asked_real:
        # "lined with real sheepskin?" on "faux shearling": another word for the thing, but the row's own value (its
        # material before its features) says it is an imitation
        items = [(k, str(i)) for k, raw in sorted(product.attributes.items(), key=lambda kv: kv[0] == "features")
                 for i in (raw if isinstance(raw, list) else [raw])]
        real = next(((k, i) for k, i in items if asked_real & set(_words(i)) and not fake & set(_words(i))), None)
        if real is not None:
            return "yes", real[0], real[1]      # "real wood?" on "solid wood", "real down?" on "duck down": it is there
        if any(asked_real & set(_words(i)) for _k, i in items):
            return None
        hit = next(((k, i) for k, i in items if fake & set(_words(i)) and (k != "features" or set(_words(i)) & set(said))),
                   None)
        if hit is not None:
            return "no", hit[0], hit[1]
    return None


def property_gloss(product: Product, fact: str, evidence: str) -> bool:
    """Whether a denial came only from a gloss of a value that is no feature ("is it itchy?" nearest "not itchy",
    a gloss of merino wool): what a material usually is, not what the row says of this product."""
    return evidence != fact and not says_absent(fact, evidence) and fact not in (product.attributes.get("features") or [])


def _key_words() -> dict:
    from assistant.understanding.cues import load_cues

    return load_cues().get("key_words", {})


def absent_asked(product: Product, question: str) -> tuple[str, str, str] | None:
    """("no", key, item) when the question asks for a thing to be absent ("latex free?", "without parabens?") and a
    row item names that thing without saying it is absent ("natural latex"); None otherwise (the item "latex free"
    is a yes for the other readings).

    >>> bands = Product(id="b", title="Rally Bands", attributes={"material": "natural latex", "features": ["non-slip"]})
    >>> absent_asked(bands, "latex free?"), absent_asked(bands, "is it plastic free?")
    (('no', 'material', 'natural latex'), None)
    >>> absent_asked(Product(id="c", title="Cream", attributes={"scent": "rose"}), "is it unscented?")
    ('no', 'scent', 'rose')
    """
    from retrieval.text import same_word

    table = _table()
    said = _outside_title(product, question)
    asked = {m.group(1) for f in table.get("absent_forms", []) for m in re.finditer(f, said)}
    marks, named = set(table.get("absent_item", [])), _key_words()
    listed = {w for raw in product.attributes.values() for i in (raw if isinstance(raw, list) else [raw])
              if marks & set(_words(str(i))) for w in _words(str(i))}     # "fragrance free" listed: no scent to read
    for key, raw in product.attributes.items():
        if isinstance(raw, str) and not marks & set(_words(raw)) and not raw.lower().startswith("un") \
                and not asked & listed \
                and any(same_word(a, key) or a.startswith(key[:5]) or key in named.get(a, ()) for a in asked):
            return "no", key, raw      # "unscented?", "fragrance free?" of scent: rose — it has one
        for item in (raw if isinstance(raw, list) else [raw]):
            words = _words(str(item))
            if marks & set(words):
                continue
            if any(same_word(a, w) for a in asked for w in words):
                return "no", key, str(item)
    return None


def antonym_said(item: str, question: str, table: str = "antonyms") -> bool:
    """Whether the question says the opposite of a word of ``item`` and not the word itself ("are the pieces thin?"
    on "thick pieces"; "is it heavy?" on "lightweight"). Pairs: ``antonyms`` of ``lang/en/verdicts.yaml``.

    >>> antonym_said("thick pieces", "are the pieces thin"), antonym_said("lightweight", "is it heavy?")
    (True, True)
    >>> antonym_said("thick pieces", "are the pieces thick"), antonym_said("lightweight", "is it light?")
    (False, False)
    """
    words, said = _words(item), set(_words(question))
    for a, b in _table().get(table, []):
        for one, other in ((a, b), (b, a)):
            if other in said and one not in said and any(w == one or w.startswith(one) and len(w) > len(one) + 3
                                                         for w in words) \
                    and not any(w == other or w.startswith(other) for w in words):
                return True
    return False


def general_verdict(product: Product, question: str) -> tuple[str, str, str] | None:
    """The gender, letter-size, genuine-or-imitation or asked-absent reading of a yes / no question, whichever
    applies."""
    return gender_asked(product, question) or letter_size(product, question) or genuine_asked(product, question) \
        or absent_asked(product, question) or plant_based_asked(product, question) or bed_asked(product, question)


def bed_asked(product: Product, question: str) -> tuple[str, str, str] | None:
    """(yes|no, key, value) when the question names a bed size ("fit a double bed?") and the row's value is one
    (``bed_sizes`` of ``lang/en/verdicts.yaml``: a British double is a US full).

    >>> sheets = Product(id="s", title="Meadow Sheet Set", attributes={"size": "twin"})
    >>> bed_asked(sheets, "will it fit a double bed?"), bed_asked(sheets, "ok for a single bed?")
    (('no', 'size', 'twin'), ('yes', 'size', 'twin'))
    """
    sizes = {name: size for size, names in _table().get("bed_sizes", {}).items() for name in names}
    names = "|".join(re.escape(n) for n in sorted(sizes, key=len, reverse=True))
    m = re.search(rf"\b({names})(?:[- ]size)?(?:d)? beds?\b", question.lower()) if names else None
    row = next(((k, str(v)) for k, v in product.attributes.items() if str(v).lower() in sizes), None)
    if m is None or row is None:
        return None
    return ("yes" if sizes[m.group(1)] == sizes[row[1].lower()] else "no"), row[0], row[1]


def plant_based_asked(product: Product, question: str) -> tuple[str, str, str] | None:
    """("no", key, item) when the question asks whether the product is vegan ("are these boots vegan") and a
    material or feature of the row is made from an animal ("leather", "merino wool", "duck down") with no word
    saying it is an imitation ("vegan leather", "faux fur"). Words: ``plant_based_asked``, ``animal_derived``
    and ``imitation_words`` of ``lang/en/verdicts.yaml``.

    >>> boot = Product(id="b", title="Winter Boot", attributes={"material": "leather", "features": ["warm lining"]})
    >>> plant_based_asked(boot, "i went vegan this year, are these boots vegan")
    ('no', 'material', 'leather')
    >>> plant_based_asked(Product(id="c", title="Coat", attributes={"material": "faux leather"}), "is it vegan?")
    """
    table = _table()
    said = _words(_outside_title(product, question))
    if not set(said) & set(table.get("plant_based_asked", [])):
        return None
    animal, fake = set(table.get("animal_derived", [])), set(table.get("imitation_words", []))
    for key, raw in sorted(product.attributes.items(), key=lambda kv: kv[0] != "material"):
        for item in (raw if isinstance(raw, list) else [raw]):
            words = set(_words(str(item)))
            if isinstance(raw, (str, list)) and words & animal and not words & fake:
                return "no", key, str(item)
    return None


def other_feature_named(product: Product, question: str, values: Any, item: str) -> str | None:
    """A feature the question names word for word that products of this category list and this row does not (nor
    ``item``, the row item a looser reading matched, nor a synonym of it): "is it bluetooth?" of a keyboard listed
    only as "wireless" — the catalog uses "bluetooth" for keyboards, so its absence here is no "yes — wireless".

    >>> from types import SimpleNamespace
    >>> kb = Product(id="k", title="Drift Combo", category="Keyboards", attributes={"features": ["wireless"]})
    >>> vals = SimpleNamespace(in_category={"Keyboards": {"bluetooth": {"features"}, "wireless": {"features"}}})
    >>> other_feature_named(kb, "is it bluetooth?", vals, "wireless"), other_feature_named(kb, "is it cordless?", vals, "wireless")
    ('bluetooth', None)
    """
    from retrieval.text.lang import load

    used = getattr(values, "in_category", {}).get(product.category or "", {})
    said = f" {' '.join(_words(_outside_title(product, question)))} "
    row = " ".join(f" {' '.join(_words(str(v)))} " for raw in product.attributes.values()
                   for v in (raw if isinstance(raw, list) else [raw]))
    synonyms = load("en").feature_synonyms
    near = {item.lower(), *synonyms.get(item.lower(), ())}
    near |= {k for k, ps in synonyms.items() if item.lower() in ps}
    for phrase, keys in used.items():
        if "features" in keys and f" {phrase} " in said and f" {phrase} " not in row and phrase not in near \
                and phrase not in item.lower():
            return phrase
    return None


def sibling_named(product: Product, question: str, values: Any, item: str | None) -> bool:
    """Whether the question names another feature of the category with the same head word as ``item``, the row item
    a reading matched: "is it a relaxed fit?" of a tee listed as "slim fit" (the row has the other one).

    >>> from types import SimpleNamespace
    >>> tee = Product(id="t", title="Loam Tee", category="Tees", attributes={"features": ["slim fit"]})
    >>> vals = SimpleNamespace(in_category={"Tees": {"relaxed fit": {"features"}, "slim fit": {"features"}}})
    >>> sibling_named(tee, "is it a relaxed fit?", vals, "slim fit"), sibling_named(tee, "slim fit?", vals, "slim fit")
    (True, False)
    """
    other = other_feature_named(product, question, values, item or "")
    head = (item or "").lower().split()
    return other is not None and len(head) >= 2 and other.split()[-1] == head[-1] and other.split()[0] != head[0]


def avoided_item(product: Product, question: str) -> tuple[str, str] | None:
    """(key, item) when the reason after the question keeps away a thing the row has (the item or its last word) and
    the question itself does not name it: "vegan? she doesn't wear leather" on a leather sandal (``avoided``).

    >>> sandal = Product(id="s", title="Tempo Sandal", attributes={"material": "nubuck leather"})
    >>> avoided_item(sandal, "vegan? she doesn't wear leather"), avoided_item(sandal, "is it leather? she hates leather")
    (('material', 'nubuck leather'), None)
    """
    reason = re.search(r"\?\s+(\S.*)$", question.lower())
    if reason is None:
        return None
    asked, kept_away = question.lower()[:reason.start() + 1], "|".join(_table().get("avoided", []))
    for key, raw in product.attributes.items():
        for item in (raw if isinstance(raw, list) else [raw]):
            said = str(item).lower()
            for form in ({said, said.split()[-1]} if isinstance(item, str) and said.strip() else set()):
                if len(form) > 3 and form not in asked and re.search(
                        rf"\b(?:{kept_away})\s+(?:the\s+|any\s+|real\s+|anything\s+)?{re.escape(form)}\b", reason.group(1)):
                    return key, str(item)
    return None


def compatibility_unsaid(product: Product, question: str, values: Any) -> bool:
    """Whether the question asks if the product goes with a thing of the shopper's that no word of the row, the title
    or the category's catalog values names ("will it work with a mac" of a keyboard listed as wireless; ``goes_with``):
    the catalog doesn't say. A number ("fit six people"), a value of the category ("fit my queen bed") stays answerable.

    >>> from types import SimpleNamespace
    >>> kb = Product(id="k", title="Drift Keyboard", category="Keyboards", attributes={"features": ["wireless"]})
    >>> vals = SimpleNamespace(in_category={"Keyboards": {"wireless": {"features"}, "mac layout": {"features"}}})
    >>> compatibility_unsaid(kb, "will it work with my tablet", vals), compatibility_unsaid(kb, "does it work with a mac", vals)
    (True, False)
    """
    from retrieval.text import stem
    from retrieval.text.lang import load

    m = re.search(_table().get("goes_with", r"(?!)"), question.lower())
    if m is None:
        return False
    thing = re.split(r"[,.;!?]| (?:and|but|or|because|cos|since|so) ", question.lower()[m.end():])[0]
    from assistant.understanding.cues import load_cues

    if re.search(r"\d", thing) or set(re.findall(r"[a-z]+", thing)) & set(load_cues().get("number_words", {})):
        return False     # "the whole gang of six": a count, read elsewhere
    stop = load("en").stopwords
    words = {stem(w) for w in re.findall(r"[a-z]{3,}", thing) if w not in stop}
    if not words:
        return False
    known = " ".join([product.title.lower(), *(str(v).lower() for raw in product.attributes.values()
                                               for v in (raw if isinstance(raw, list) else [raw])),
                      *getattr(values, "in_category", {}).get(product.category or "", {})])
    return not words & {stem(w) for w in re.findall(r"[a-z]{3,}", known)}
