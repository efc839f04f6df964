"""What a product question asks, read against the catalog: the attribute key, the asked value.

A question names an attribute by its key's words ("what's its waterproof rating" →
``waterproof_rating_mm``, "how many cups" → ``capacity_cups``), by an everyday word the
language table relates to a key word ("how heavy" → weight, "how cold" → temp), or by a
value: any value the catalog uses somewhere ("is it chicken?" → ``flavour`` because
some product's flavour is chicken; "is it for oily skin?" → ``skin_type``). A row item
that shares a word with the question answers a yes/no question ("does it float?" →
the feature "floats"). Keys and values come from the catalog; only the English
question words live in ``lang/en/cues.yaml``.

>>> from retrieval.catalog.product import Product
>>> rows = [Product(id="1", title="Umber Cat Food", attributes={"flavour": "turkey", "features": ["urinary care"]}),
...         Product(id="2", title="Sorrel Cat Food", attributes={"flavour": "chicken", "size": "4 kg bag"})]
>>> values = CatalogValues.from_products(rows)
>>> read_question(rows[0], "is it chicken?", values)
('no', 'flavour', 'turkey')
>>> read_question(rows[0], "does it help with urinary health", values)
('yes', 'features', 'urinary care')
>>> read_question(rows[1], "how big is the bag?", values, quantity=re.compile(r"\\bhow big\\b"))
('value', 'size', '4 kg bag')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from assistant.guide.honesty import STOP
from assistant.understanding.cues import load_cues
from assistant.understanding.subjects import names_other_thing, value_as_subject
from assistant.understanding.verdicts import _table, antonym_said
from assistant.understanding.wh import (  # noqa: F401 (re-exported)
    _QUESTION_WORDS, OR_NOT, _key_words, _words, asks_value, asks_which)
from retrieval.catalog.product import Product
from retrieval.text import same_word, stem

_DIMENSION = re.compile(r"\bhow (long|tall|wide|high|thick|deep|big|large) (?:is|are)\b|\b(length|width|height|depth)\b")
_HOW_MANY = re.compile(r"\bhow (?:many|much) ([a-z]+)")
_MADE_OF = re.compile(r"\bmade (?:of|from|out of)\b")
_COVERS_ALL = _table().get("covers_all", r"(?!)")


def _items(raw: Any) -> list[str]:
    return [str(v) for v in raw] if isinstance(raw, list) else [str(raw)]


def row_value(product: Product, key: str) -> str:
    """The row's value of ``key`` as the answer quotes it: its items joined ("nylon, mesh")."""
    return ", ".join(_items(product.attributes[key]))


_close = same_word     # "float"/"floats": the word-ending rule lives in retrieval.text


@dataclass
class CatalogValues:
    """Every short attribute value of the catalog → the keys that use it ("chicken" → {"flavour"})."""

    keys_of: dict[str, set[str]] = field(default_factory=dict)
    verbatim: dict[str, str] = field(default_factory=dict)     # "2 person" → "2-person", as the catalog writes it
    stemmed: dict[str, str] = field(default_factory=dict)      # "puppi" → "puppy": "ok for puppies?" names it
    heads: dict[str, set[str]] = field(default_factory=dict)   # "wool" → {"material"}: the last word of "merino wool"
    parts: dict[str, set[str]] = field(default_factory=dict)   # "bamboo" → {"material"}: another word of "bamboo viscose"
    paraphrase: Any = None     # ``paraphrase.RowParaphrase`` over these values, when an embedder is at hand
    # category → value → the keys products of that category use it for: "long" is a sleeping bag's size, not
    # a knife's ("comfortable to hold for a long time" on a 10 in knife is no "no")
    in_category: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    # category → single-valued key → every word its values use, long values included ("duck down with nylon
    # shell" → down): a word that tells the row's value apart from another value of the same key
    value_words: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    learned: Any = None        # ``answer_model.LearnedAnswers`` bound to the embedder, when switched on

    @classmethod
    def from_products(cls, products: Iterable[Product]) -> "CatalogValues":
        keys_of: dict[str, set[str]] = {}
        verbatim: dict[str, str] = {}
        in_category: dict[str, dict[str, set[str]]] = {}
        value_words: dict[str, dict[str, set[str]]] = {}
        for p in products:
            for key, raw in p.attributes.items():
                if isinstance(raw, str) and key != "features":
                    value_words.setdefault(p.category or "", {}).setdefault(key, set()).update(_words(raw))
                for item in _items(raw):
                    words = _words(item)
                    if not words or len(words) > 4 or all(w.isdigit() for w in words) or len(item) < 3:
                        continue
                    keys_of.setdefault(" ".join(words), set()).add(key)
                    in_category.setdefault(p.category or "", {}).setdefault(" ".join(words), set()).add(key)
                    verbatim.setdefault(" ".join(words), item)
        heads: dict[str, set[str]] = {}
        key_words = {w for ks in keys_of.values() for k in ks for w in _key_words(k)}
        for phrase, keys in keys_of.items():
            last = phrase.split()[-1]
            plural = last.endswith("s") and not last.endswith("ss")       # "pieces", "blocks": counts, not stuff
            if " " in phrase and last.isalpha() and len(last) > 3 and last not in STOP and not plural \
                    and stem(last) not in {stem(w) for w in key_words}:
                heads.setdefault(last, set()).update(k for k in keys if k != "features")
        # the other words of a multi-word value, when no feature anywhere uses the word ("bamboo viscose" →
        # bamboo; not "waterproof nylon" → waterproof, a word features use: its absence is no "no")
        feature_words = {w for phrase, keys in keys_of.items() if "features" in keys for w in phrase.split()}
        parts: dict[str, set[str]] = {}
        for phrase, keys in keys_of.items():
            for word in phrase.split()[:-1]:
                if word.isalpha() and len(word) > 3 and word not in STOP and word not in feature_words \
                        and word not in keys_of and stem(word) not in {stem(w) for w in key_words}:
                    parts.setdefault(word, set()).update(k for k in keys if k != "features")
        return cls(keys_of, verbatim, {_stem_phrase(v): v for v in sorted(keys_of)},
                   {w: k for w, k in heads.items() if k}, {w: k for w, k in parts.items() if k},
                   in_category=in_category, value_words=value_words)

    def rival_keys(self, product: Product, value: str) -> set[str]:
        """The keys ``value`` is a value of among products of ``product``'s category (all keys when the
        category is unknown): a value competes with the row's only where the category uses it."""
        keys = self.keys_of.get(value, set())
        scoped = self.in_category.get(product.category or "")
        return keys if scoped is None else keys & scoped.get(value, set())

    def category_items(self, product: Product) -> set[str] | None:
        """The verbatim items products of ``product``'s category use (None when the category is unknown): the
        values a paraphrased question could mean on this kind of product."""
        scoped = self.in_category.get(product.category or "") if product.category else None
        return {self.verbatim[v] for v in scoped if v in self.verbatim} if scoped else None

    def capacity(self, number: str, units: Iterable[str]) -> str | None:
        """The catalog's own spelling of "<number> <unit>" for any of ``units``: ("2", [person, people]) → "2-person"."""
        for unit in units:
            hit = self.verbatim.get(f"{number} {unit}")
            if hit:
                return hit
        return None

    def mentioned(self, text: str) -> list[tuple[int, str]]:
        """(word position, value) of catalog values in ``text``; at each position the longest value."""
        words = _words(text)
        found: list[tuple[int, str]] = []
        i = 0
        while i < len(words):
            hit = None
            for n in (4, 3, 2, 1):
                phrase = " ".join(words[i:i + n])
                if len(words[i:i + n]) < n or phrase in STOP:
                    continue
                hit = phrase if phrase in self.keys_of else self.stemmed.get(_stem_phrase(phrase))
                if hit:
                    break
            if hit:
                found.append((i, hit))
                i += n
            else:
                i += 1
        return found


def _stem_phrase(phrase: str) -> str:
    return " ".join(stem(w) for w in phrase.split())



def match_key(product: Product, text: str, synonyms: dict[str, list[str]]) -> str | None:
    """The attribute key of ``product`` the question names: by its own words, else through ``synonyms``."""
    said = {stem(w) for w in _words(text) if w not in _QUESTION_WORDS}
    related = {stem(k) for w in _words(text) for k in synonyms.get(w, ())}
    low = " " + " ".join(_words(text)) + " "
    related |= {stem(k) for phrase, ks in synonyms.items() if " " in phrase and f" {phrase} " in low for k in ks}
    # "how many people can play …": the counted noun names the key, over other words ("play")
    m = _HOW_MANY.search(text.lower())
    head = {stem(m.group(1))} | {stem(k) for k in synonyms.get(m.group(1), ())} if m else set()
    best, score = None, 0
    for key in product.attributes:
        if key == "features" and not {stem("feature")} & said:
            continue          # "what are its features" names the list; other questions read it below
        kw = [stem(w) for w in _key_words(key) if len(w) > 1]
        s = 2 * sum(1 for w in kw if w in said) + sum(1 for w in kw if w in related) + 3 * bool(set(kw) & head)
        if s > score:
            best, score = key, s
    return best


def read_question(product: Product, text: str, values: CatalogValues,
                  synonyms: dict[str, list[str]] | None = None,
                  quantity: re.Pattern | None = None) -> tuple[str, str | None, str | None] | None:
    """(verdict, key, verbatim fact) for a question about ``product``'s row, or None when it asks nothing found.

    wh-questions take a value; yes/no questions are decided by the asked thing that comes
    last ("is the Gusto puppy food salmon?" asks about salmon), a row item that shares a
    word with the question (not one of the product's own title words) winning over a value
    the row lacks. A value the row lacks is "no" only when the row has that value's key —
    an absent feature is not a "no".
    """
    t = OR_NOT.sub("", text.lower()).rstrip(" ,:-")     # "noise cancelling yes or no": a yes / no, no choice of two
    synonyms = synonyms or {}
    if asks_value(product, t, values):
        asked = [(i, v) for i, v in values.mentioned(t)]
        if len(asked) >= 2 and re.search(r"\bor\b", t):
            return _either(product, _beside_or(t, asked))
        key = match_key(product, t, synonyms)
        if key is None:
            # "what kind of steel is it?": the key whose values hold the asked word (material: "… steel")
            named = [k for _i, v in asked for k in sorted(values.keys_of.get(v, ())) if k in product.attributes
                     and k != "features"]
            named += [k for w in _words(t) for k in sorted(values.heads.get(w, ())) if k in product.attributes]
            key = named[0] if named else None
        noun = _WH_NOUN.search(t)
        heads = sorted(k for k in values.heads.get(noun.group(1), ()) if k in product.attributes) if noun else []
        if heads and key not in heads and heads[0] != "features" and not (key and stem(noun.group(1)) in {
                stem(w) for w in _key_words(key)}):     # ("what piece count has it": piece_count names the noun)
            key = heads[0]      # "which steel did they use for the blade": the material ("… steel"), no hardness
        dimension = _DIMENSION.search(t)
        if key is not None and dimension and "size" in product.attributes:
            # "how long is the blade", "the blade length": the size, not blade_hardness_hrc (unless a length: inseam_in)
            word = dimension.group(1) or dimension.group(2)
            related = {stem(w) for w in [word] + list(synonyms.get(word, ()))}
            unit = load_cues().get("units", {}).get(_key_words(key)[-1], [None])[0] if _key_words(key) else None
            if not related & {stem(w) for w in _key_words(key)} and unit != "length":
                key = "size"
        if key is not None and "material" not in _key_words(key) and _MADE_OF.search(t):
            made = [k for k in product.attributes if "material" in _key_words(k)]  # "what's the blade made of"
            key = next((k for k in made if set(_key_words(k)) & set(_words(t))),
                       "material" if "material" in made else key)
        if key is None and quantity is not None and quantity.search(t) and "size" in product.attributes:
            key = "size"
        if key in (None, "size") and re.search(r"\bhow long\b(?!.*\b(?:take|takes|taking|charge|charging|recharge)\b)", t) \
                and not re.search(r"\d", str(product.attributes.get("size", ""))):
            # "how long is a game" on a board game of "one size": no length to give, its time is what lasts
            key = _time_key(product) or key
        labelled = [i for i in _items(product.attributes.get("features", ())) if re.search(r"\d", i)
                    and i.split()[0] in _words(t)]
        if key is None and labelled:
            return "value", "features", labelled[0]     # "what spf is the moisturiser": the item "spf 30" says it
        if key is None or (key == "size" and not _measures_product(product, t)):
            return None
        return "value", key, row_value(product, key)
    asked = values.mentioned(t)
    if asked and re.search(r"\b\w+ or (?!not\b)\w+", t):
        either = _either(product, _beside_or(t, asked))      # "is the tank glass or acrylic?" → which
        if either is not None:
            return either
    pair = re.search(r"\b([a-z]{3,}) or (?!not\b)([a-z]{3,})\b", t)
    if pair:
        # "is the bag down or synthetic?": "down" is no whole value, but a word of the row's "duck down …"
        for word in pair.groups():
            hit = next(((k, i) for k, raw in product.attributes.items() for i in _items(raw)
                        if k != "features" and any(_close(word, w) for w in _words(i))), None)
            if hit is not None and word not in _QUESTION_WORDS:
                return "value", hit[0], hit[1]
    named = _named_value(product, t, asked, values)
    if named is not None:
        return named
    title = {stem(w) for w in _words(product.title)}
    content = [w for w in _words(t) if w not in STOP and w not in _QUESTION_WORDS and len(w) > 2]
    outside = [w for w in content if stem(w) not in title]
    if outside:
        # the product's own name words ("the Fjellborn Tarn 1 person one", "the brooke wool socks") are not
        # what is asked when the question says more ("… stand up on its own", "… stop odour") — unless they
        # are a feature of the row: "does the Auralis Arc Noise Cancelling block out noise?" asks about it
        asked = [(i, v) for i, v in asked if not {stem(w) for w in v.split()} <= title
                 or (_in_row(product, v) or ("",))[0] == "features"]
    overlap = _row_overlap(product, outside, t, values.paraphrase)
    for _i, value in reversed(asked):
        # a whole catalog value of a key the row has with another value decides "no", before a word it shares
        # with that key's value: "is it plush polyester?" on "recycled polyester", "made of nylon tape?" on
        # "nylon with padding" — but not before another item: "pack down small" is the feature "packable"
        if _in_row(product, value):
            break
        keys = _other_value_keys(product, value, values)
        if keys and (overlap is None or overlap[0] in keys) and not value_as_subject(value, t, product, values) \
                and not (" " not in value and names_other_thing(value, t, product, values)):   # "metal utensils"
            return _other_or_all(product, keys[0])
    if overlap and antonym_said(overlap[1], t):
        return "no", overlap[0], overlap[1]        # "are the pieces thin?" on "thick pieces"
    from assistant.understanding.contrary import _contrary, _rival_word

    contrary = _contrary(product, overlap, t, values, title) if overlap else None
    if contrary is not None:
        return contrary
    if overlap and _rival_word(product, overlap[0], t, values):
        # "is it filled with down?" on "synthetic fill with nylon shell": "fill" is shared, but "down" is what tells
        # another value of the key ("duck down with nylon shell") apart from the row's
        return "no", overlap[0], row_value(product, overlap[0])
    if overlap:
        return "yes", overlap[0], overlap[1]
    for _i, value in reversed(asked):
        hit = _in_row(product, value)
        if hit:
            return "yes", hit[0], hit[1]
        keys = sorted(k for k in values.rival_keys(product, value) if k in product.attributes and k != "features")
        if keys and not value_as_subject(value, t, product, values):
            return _other_or_all(product, keys[0])
    overlap = _row_overlap(product, content, t, values.paraphrase)
    if overlap and outside and (overlap[0] != "features" or _in_name(overlap[1], t, title)):
        overlap = None           # a name word again (size "1-person", material "merino wool blend", "the … trail
        #                          shoes" of a "trail grip"), as above
    if overlap:
        return ("no" if antonym_said(overlap[1], t) else "yes"), overlap[0], overlap[1]
    for word in reversed(content):
        # "are they wool?": no value is just "wool", but it ends "merino wool" (material); the row's
        # material says otherwise → "no" with the row's material (the key is there; not mere absence).
        # "is it bamboo?": no value ends "bamboo", but "bamboo viscose" starts with it (``parts``)
        keys = sorted(k for k in values.heads.get(word, values.parts.get(word, ())) if k in product.attributes)
        if keys and stem(word) not in title and (word in values.heads or not _glossed(word, product, keys[0])) \
                and not names_other_thing(word, t, product, values) and not value_as_subject(word, t, product, values):
            return "no", keys[0], row_value(product, keys[0])
    return None


# the noun a wh-word asks for ("which steel", "what kind of wood")
_WH_NOUN = re.compile(r"\b(?:which|what)\s+(?:kind of |sort of |type of )?([a-z]+)")
_MEASURED = re.compile(r"\bhow (?:long|tall|wide|high|thick|deep|big|large|heavy) (?:is|are) "
                       r"(?:the |its |it's |this |that |these |those )?([a-z]+)")
# "how many pockets does it have": a count of a part the row may never mention (then the size answers nothing)
_COUNTED = re.compile(r"\bhow many ([a-z]+)")
# what points at the product itself (an article left where its name was cut out: "how tall is the ?")
_POINTERS = {"it", "they", "this", "that", "these", "those", "one", "ones", "thing", "item", "the", "its", "a", "an"}


def _time_key(product: Product) -> str | None:
    """The row's numeric key measured in a unit of time (play_time_min, battery_life_h), by the units table."""
    units = load_cues().get("units", {})
    return next((k for k, v in product.attributes.items() if isinstance(v, (int, float))
                 and units.get(_key_words(k)[-1], [None])[0] == "time"), None)


def _measures_product(product: Product, text: str) -> bool:
    """Whether a dimension question measures the product, not a part its row never mentions: "how long is the
    blade" on a knife whose row names a blade (blade_hardness_hrc) does; "how long is the cable" on a power
    bank, "how high is the heel" on a boot, "how many pockets" on a backpack whose row names none do not —
    the size would answer something else."""
    m = _MEASURED.search(text) or _COUNTED.search(text)
    if m is None or m.group(1) in _POINTERS:
        return True
    if m.re is _COUNTED and m.group(1) in _counted_people():
        return True          # "how many people does it sleep": the row's "4-person" counts them
    known = {stem(w) for w in _words(f"{product.title} {product.category or ''}")}
    for key, raw in product.attributes.items():
        known |= {stem(w) for w in _key_words(key)} | {stem(w) for i in _items(raw) for w in _words(i)}
    if stem(m.group(1)) in known:
        return True
    # "how many quarts" on "7 qt": a unit of the dimension a unit in the row measures
    units = load_cues().get("units", {})
    asked = units.get(m.group(1))
    return asked is not None and any(units.get(w, [None])[0] == asked[0] for w in known | {
        w for raw in product.attributes.values() for i in _items(raw) for w in _words(i)})


@lru_cache(maxsize=1)
def _counted_people() -> frozenset[str]:
    """``counted_people`` of ``lang/en/verdicts.yaml`` (read here: the cue loader imports this module)."""
    import yaml
    from importlib import resources

    text = resources.files("assistant.understanding").joinpath("lang/en/verdicts.yaml").read_text()
    return frozenset((yaml.safe_load(text) or {}).get("counted_people", []))


def _glossed(word: str, product: Product, key: str) -> bool:
    """Whether the glossary says ``word`` of the row's value of ``key`` ("metal" is a gloss of stainless steel)."""
    from assistant.understanding.paraphrase import glosses_of

    return any(word in _words(g) for item in _items(product.attributes[key]) for g in glosses_of(item))


def _other_value_keys(product: Product, value: str, values: CatalogValues) -> list[str]:
    """The row's single-valued keys (not features) that the catalog uses ``value`` for, sorted."""
    if "features" in values.keys_of.get(value, set()):
        return []            # also a feature's name: a row without it does not say (absence is not a "no")
    keys = values.rival_keys(product, value)
    return sorted(k for k in keys if k in product.attributes and not isinstance(product.attributes[k], (list, bool)))


def _other_or_all(product: Product, key: str) -> tuple[str, str, str]:
    """ "no" with the row's value of ``key`` where the question named another value of it, unless the row's value
    covers them all ("ok for oily hair?" of "all hair types": yes; ``covers_all`` in ``lang/en/verdicts.yaml``)."""
    fact = row_value(product, key)
    return ("yes" if re.search(_COVERS_ALL, fact.lower()) else "no"), key, fact


def _named_value(product: Product, text: str, asked: list[tuple[int, str]],
                 values: CatalogValues) -> tuple[str, str | None, str | None] | None:
    """A question that names a key and one of its values: "is the life stage senior?" → yes / no by that key.

    The value may be a word of the product's own title ("… Senior Wet Cat Food"): the key named beside it
    says it is what is asked.
    """
    key = match_key(product, text, {})      # by the key's own words: "pack down small" names no size
    if key is None or key == "features":
        return None
    kw = {stem(w) for w in _key_words(key)}
    if not kw & {stem(w) for w in _words(text)}:
        return None
    for _i, value in reversed(asked):
        if key not in values.keys_of.get(value, ()) or {stem(w) for w in value.split()} <= kw:
            continue
        hit = _in_row(product, value)
        if hit and hit[0] == key:
            return "yes", key, hit[1]
        if not hit:
            return _other_or_all(product, key)
    return None


def _in_row(product: Product, value: str) -> tuple[str, str] | None:
    for key, raw in product.attributes.items():
        for item in _items(raw):
            if f" {value} " in " " + " ".join(_words(item)) + " ":
                return key, item
    return None


def _beside_or(text: str, asked: list[tuple[int, str]]) -> list[str]:
    """The asked values beside an "or" ("the pure gift set, does it smell woody or floral": not "gift set"), else all."""
    at = [n for n, w in enumerate(_words(text)) if w == "or"]
    near = sorted((min(abs(i - n) for n in at), k) for k, (i, _v) in enumerate(asked) if any(-4 <= i - n <= 4 for n in at))
    # the nearest first: "is the … ergonomic mouse rechargeable or battery powered" asks rechargeable, not ergonomic
    return [asked[k][1] for _d, k in near] or [v for _i, v in asked]


def _either(product: Product, asked: list[str]) -> tuple[str, str | None, str | None] | None:
    """ "is the tank glass or acrylic?" → the one the row has."""
    for value in asked:
        hit = _in_row(product, value)
        if hit:
            return "value", hit[0], hit[1]
    return None


def _in_name(item: str, text: str, title: set[str]) -> bool:
    """Whether every word ``item`` shares with the question is said beside another title word ("the … trail shoes"
    of a "trail grip"): the product named, not the thing asked ("does it block out noise" of "noise cancelling")."""
    words, mine = _words(text), [w for w in _words(item) if len(w) > 2]
    hits = [i for i, w in enumerate(words) if any(_close(w, x) for x in mine)]
    return bool(hits) and all(any(0 <= j < len(words) and words[j] not in STOP and stem(words[j]) in title
                                  for j in (i - 1, i + 1)) for i in hits)


def _row_overlap(product: Product, words: list[str], text: str = "", paraphrase: Any = None) -> tuple[str, str] | None:
    """The row item sharing the most words with ``words`` (attribute values and features). Items that tie
    ("charge my phone without a cable": fast charging, wireless charging) are told apart by the embedder,
    the question's nearest (``paraphrase.scores``), when one is at hand; else the first."""
    tied, score = [], 0
    for key, raw in product.attributes.items():
        for item in _items(raw):
            item_words = [w for w in _words(item) if w not in STOP and len(w) > 2]
            s = sum(1 for w in words if any(_close(w, x) for x in item_words))
            if s > score:
                tied, score = [(key, item)], s
            elif s and s == score:
                tied.append((key, item))
    if len(tied) > 1 and text and paraphrase is not None and getattr(paraphrase, "items", None):
        sims = paraphrase.scores(text, product.title)
        return max(tied, key=lambda ki: sims.get(ki[1], 0.0))      # max keeps the first of equal scores
    return tied[0] if tied else None
