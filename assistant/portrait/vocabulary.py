"""Catalog vocabulary and the words that point at it: brands, categories, attributes.

Everything recognised comes from the indexed catalog (``CatalogIndex.vocabulary``),
so "Nordvik" is a brand because the catalog sells Nordvik. Everyday words reach the
catalog's names in three general ways, none of them a list of this catalog's words:

- nouns read from product titles: a title word or bigram that almost only appears in
  one category's titles names it ("rain jacket" → Jackets when most such titles are);
- stems: "hoodie" and "hoodies", "running shoe" and "Running Shoes" share Snowball stems;
- English attribute synonyms from the language tables ("gray" → grey, "hood" →
  hooded), used only when the catalog has the target value;
- typos through ``retrieval.text.fuzzy`` ("jaket" → jacket), never listed anywhere.

>>> v = Vocabulary(categories=["Jackets"], features=["hooded"], colours=["grey"])
>>> [(m.kind, m.value) for m in find_mentions("a gray jaket with a hood", v)]
[('colour', 'grey'), ('category', 'Jackets'), ('feature', 'hooded')]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

from retrieval.text import FuzzyMatcher, stem, tokens
from retrieval.text.lang import available, load
from retrieval.text.segment import has_cjk, join_words, split_words

_EN = load("en")


@dataclass
class Vocabulary:
    """Catalog words the extractor recognises (from ``CatalogIndex.vocabulary``).

    ``category_parents`` maps a subcategory to its top level and ``category_terms`` maps
    title nouns to categories; both are optional (``from_index`` fills them).
    """

    brands: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    category_parents: dict[str, str] = field(default_factory=dict)
    category_terms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> "Vocabulary":
        return cls(**{k: (dict(v) if isinstance(v, dict) else list(v)) for k, v in data.items()
                      if k in cls.__dataclass_fields__})

    @classmethod
    def from_products(cls, products: Iterable, base: dict | None = None) -> "Vocabulary":
        """Vocabulary plus category parents and title nouns, from catalog products."""
        products = list(products)
        vocab = cls.from_dict(base or {})
        parents: dict[str, str] = {}
        for p in products:
            levels = [x.strip() for x in p.category.split(">") if x.strip()]
            for child, parent in zip(levels[1:], levels):
                parents.setdefault(child, parent)
        vocab.category_parents = parents
        vocab.category_terms = title_terms(products, vocab)
        return vocab

    def narrow(self, category: str, text: str) -> str:
        """The one subcategory of ``category`` the message also names by a word of its own name, else ``category``.

        "dry food for my senior cat": "cat" names Cat, "food" only Cat Food of its children → Cat Food.
        A category with a single child narrows to it (everything under Birds is Bird Supplies).

        >>> v = Vocabulary(category_parents={"Cat Food": "Cat", "Cat Toys": "Cat", "Bird Supplies": "Birds"})
        >>> v.narrow("Cat", "dry food for my senior cat"), v.narrow("Cat", "something for my cat"), v.narrow("Birds", "bird seed")
        ('Cat Food', 'Cat', 'Bird Supplies')
        """
        children = [c for c, parent in self.category_parents.items() if parent.lower() == category.lower()]
        if len(children) == 1:
            return children[0]
        own = {stem(w) for w in re.findall(r"[a-z]+", category.lower())}
        said = {stem(w) for w in re.findall(r"[a-z]+", text.lower())} - own
        hits = [c for c in children if {stem(w) for w in re.findall(r"[a-z]+", c.lower()) if len(w) > 2} - own & said]
        return hits[0] if len(hits) == 1 else category

    def is_ancestor(self, parent: str, child: str) -> bool:
        seen = 0
        while child in self.category_parents and seen < 5:
            child = self.category_parents[child]
            seen += 1
            if child.lower() == parent.lower():
                return True
        return False

    @cached_property
    def _matcher(self) -> "_Matcher":
        return _Matcher(self)

    def known_words(self) -> frozenset[str]:
        """Every word of every catalog form: right as written, never a typo of something else."""
        return self._matcher.known_words


def title_terms(products: list, vocab: Vocabulary, min_count: int = 2, purity: float = 0.85) -> dict[str, str]:
    """Title head nouns (words/bigrams) that (almost) only occur in one category → its most specific level.

    The head noun ends where the title's trimmings start ("… Rain Jacket in Navy",
    "… Shampoo – Bloom"), and a trailing generic word is not the whole head: "Duvet Cover Set"
    also yields "duvet cover" (but "Science Kit" not "science", a modifier on its own).
    A bigram may hold one generic word but not two; an attribute word ("stem", "red") never
    names a category alone, but may open a compound ("stem kit", where the matcher also
    reports the attribute).
    """
    generic = frozenset().union(*(load(code).generic for code in available()))
    attribute_words = {w.lower() for w in vocab.colours + vocab.features}
    stop = _EN.stopwords
    brand_words = {w for b in vocab.brands for w in b.lower().split()}
    counts: dict[str, Counter] = defaultdict(Counter)
    before: dict[str, list[str]] = defaultdict(list)     # the word before a one-word head, per title
    for p in products:
        levels = [x.strip() for x in p.category.split(">") if x.strip()]
        if not levels:
            continue
        head = re.split(r"\s+(?:–|-|by|in|with|for)\s+|[,(:|（]", p.title.lower())[0]
        # a Chinese title run is cut into words ("女款透气保暖夹克" → …, 保暖, 夹克)
        # ("24公斤可调节哑铃": the number is cut off before the alphabetic test, not the noun with it)
        words = [w for m in tokens(head) for w in split_words(m.group(0)) if w[0].isalpha()]
        trimmed = list(words)
        while trimmed and trimmed[-1] in generic:
            trimmed.pop()
        grams = {join_words(words[-n:]) for n in (1, 2) if len(words) >= n}
        if len(trimmed) >= 2 and len(trimmed) < len(words):
            grams.add(join_words(trimmed[-2:]))   # the compound before a generic head; "science" alone is a modifier
        elif trimmed and len(trimmed) < len(words) and has_cjk(trimmed[-1]):
            grams.add(trimmed[-1])                # a Chinese word is a compound already: 羽毛球拍 of 羽毛球拍套装
        for gram in grams:
            counts[gram][levels[-1]] += 1
        if len(words) >= 2:
            before[words[-1]].append(words[-2])
    out: dict[str, str] = {}
    for gram, by_cat in counts.items():
        total = sum(by_cat.values())
        parts = gram.split()
        # a generic head that is also a filler word ("badminton set", "sheet set") heads a compound seen often enough
        head_ok = len(parts) == 2 and parts[1] in generic and parts[0] not in generic and total >= 3
        if (total < min_count or any((w in stop and not (head_ok and i == 1)) or w in brand_words
                                     or len(w) < (2 if has_cjk(w) else 3) for i, w in enumerate(parts))
                or all(w in generic or w in attribute_words for w in parts) and not (
                    len(parts) == 2 and parts[0] in attribute_words and parts[1] in generic)):
            continue
        cat, n = by_cat.most_common(1)[0]
        if n / total >= purity:
            out[gram] = cat
    # a model name some titles put last ("… Hiking Jacket Glacier", "… Yoga Mat Pivot") is no head noun: most of
    # the times it ends a head, a head noun stands just before it
    models = {g for g in out if " " not in g and sum(w in out for w in before[g]) * 2 >= max(1, len(before[g]))}
    return {g: c for g, c in out.items() if g.split()[-1] not in models}


@dataclass(frozen=True)
class Mention:
    kind: str          # brand | category | colour | material | feature
    value: str         # the catalog's spelling
    start: int
    end: int
    fuzzy: bool = False


def material_heads(materials: Iterable[str], min_values: int = 2) -> list[str]:
    """Head words that several catalog materials share: "ABS plastic", "BPA-free plastic" → "plastic".

    A shopper names the stuff ("no plastic"), the catalog its kinds; each part of "metal and
    plastic" or "case with leather band" counts on its own. A head is a stuff only when the
    catalog also uses the word on its own or in front of another ("plastic and cardboard",
    "plastic miniatures"); a part such as "band", "shell" or "blend" only ever ends a phrase.
    A head shared by fewer than ``min_values`` values is a one-off phrase.

    >>> material_heads(["ABS plastic", "BPA-free plastic", "plastic and cardboard", "merino wool blend",
    ...                 "polyester blend", "leather", "steel case with leather band", "polymer case"])
    ['plastic']
    """
    counts: Counter = Counter()
    alone: set[str] = set()
    for value in {m.lower() for m in materials}:
        heads = set()
        for part in re.split(r"\s+(?:and|with|&)\s+|,\s*", value):
            words = part.split()
            alone.update(words[:-1] if len(words) >= 2 else words)
            if len(words) >= 2 and words[-1].isalpha() and len(words[-1]) >= 4:
                heads.add(words[-1])
        counts.update(heads)
    stop = _EN.stopwords
    return sorted(h for h, n in counts.items() if n >= min_values and h in alone and h not in stop)


class _Matcher:
    """One compiled regex over every surface form (longest first), then stems, then typos."""

    def __init__(self, vocab: Vocabulary) -> None:
        forms: dict[str, tuple[str, str]] = {}

        def put(form: str, kind: str, value: str, override: bool = False) -> None:
            form = form.lower().strip()
            if len(form) < 2 or (form in forms and not override):
                return
            forms[form] = (kind, value)

        for term, cat in vocab.category_terms.items():
            put(term, "category", cat)
        for cat in vocab.categories:
            for form in _category_forms(cat):
                put(form, "category", cat, override=True)
        for canonical, phrases in _EN.kind_synonyms.items():
            # "trainers" where the catalog's own words name a kind "sneakers" ("a | b": either word, either number)
            hit = next((forms[f] for c in canonical.split("|") for f in (c.strip(), c.strip() + "s", c.strip()[:-1])
                        if f in forms and forms[f][0] == "category"), None)
            if hit is not None:
                for phrase in phrases:
                    put(phrase, "category", hit[1])
        for kind, values, synonyms in (("feature", vocab.features, _EN.feature_synonyms),
                                       ("colour", vocab.colours, _EN.colour_synonyms)):
            have = {v.lower(): v for v in values}
            for canonical, phrases in synonyms.items():
                if canonical in have:
                    for phrase in phrases:
                        put(phrase, kind, have[canonical])
        for kind, values in (("feature", vocab.features), ("colour", vocab.colours)):
            for v in values:
                for form in _variants(v):
                    put(form, kind, v, override=True)
        for v in vocab.materials:          # "serum" is a material and a category word: the category wins
            for form in _variants(v):
                put(form, "material", v)
        for head in material_heads(vocab.materials):
            put(head, "material", head)    # "not plastic": the stuff ABS plastic and BPA-free plastic are made of
        for b in vocab.brands:
            for form in _variants(b):
                put(form, "brand", b, override=True)
        _cross_language_forms(forms, put)
        self.forms = forms
        ordered = sorted(forms, key=len, reverse=True)
        self.regex = re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(f) for f in ordered) + r")(?![a-z0-9])") if ordered else None
        # "hoodie" finds "hoodies", "running shoe" finds "running shoes": the same stems
        self.stemmed: dict[str, str] = {}
        for form, (kind, _) in sorted(forms.items(), key=lambda kv: len(kv[0])):
            if kind in ("category", "feature", "colour") and form.count(" ") <= 1 and len(form) >= 4:
                self.stemmed.setdefault(_stem_key(form), form)
        self.fuzzy = FuzzyMatcher([f for f, (kind, _) in forms.items()
                                   if f.count(" ") <= 1 and kind in ("brand", "category", "feature", "colour")],
                                  common=_EN.known_words(), min_form_length=6)   # "shoes" ~ "shows": too close
        self.fuzzy_stems = FuzzyMatcher([k for k, f in self.stemmed.items() if forms[f][0] in ("category", "feature")],
                                        common=_EN.known_words(), min_form_length=5)
        self.known_words = frozenset(w for f in forms for w in f.split())

    def _lookup(self, phrase: str) -> tuple[str, bool] | None:
        """The form ``phrase`` stands for, by stem first, then as a typo: (form, fuzzy)."""
        if len(phrase) >= 4:
            hit = self.stemmed.get(_stem_key(phrase))
            if hit is not None and _same_inflection(phrase, hit):
                return hit, False
        if len(phrase) >= 5:
            hit = self.fuzzy.match(phrase)
            if hit is None and phrase not in _EN.known_words():
                # "jaket" is one edit from the stem of "Jackets", two from the form itself
                key = self.fuzzy_stems.match(_stem_key(phrase))
                hit = self.stemmed[key] if key is not None else None
                if hit is not None and not _near(phrase, hit):
                    hit = None     # "insoles" / "insulated": near stems ("insol", "insul"), far words
            if hit is not None:
                return hit, True
        return None

    def find(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []
        if self.regex is not None:
            for m in self.regex.finditer(text):
                kind, value = self.forms[m.group(1)]
                out.append(Mention(kind, value, m.start(), m.end()))
                taken.append((m.start(), m.end()))
                if kind == "category" and " " in m.group(1):
                    # "bluetooth speaker" names a category and a feature
                    for word in tokens(m.group(1)):
                        inner = self.forms.get(word.group(0))
                        if inner and inner[0] in ("feature", "colour"):
                            out.append(Mention(inner[0], inner[1], m.start() + word.start(), m.start() + word.end()))
        words = [w for w in tokens(text) if w.group(0)[0].isalpha()]
        i = 0
        while i < len(words):
            m = words[i]
            i += 1
            word = m.group(0)
            if len(word) < 4 or any(s <= m.start() < e for s, e in taken) or word in _EN.stopwords:
                continue
            # a two-word name first ("fragance free", "running shoe"), then one word ("jaket", "hoodie")
            nxt = words[i] if i < len(words) and not any(s <= words[i].start() < e for s, e in taken) else None
            candidates = ([(f"{word} {nxt.group(0)}", nxt.end())] if nxt else []) + [(word, m.end())]
            for phrase, end in candidates:
                hit = self._lookup(phrase)
                if hit:
                    form, fuzzy = hit
                    kind, value = self.forms[form]
                    out.append(Mention(kind, value, m.start(), end, fuzzy=fuzzy))
                    taken.append((m.start(), end))
                    if end != m.end():
                        i += 1
                    break
        out.sort(key=lambda x: x.start)
        return out


def _cross_language_forms(forms: dict[str, tuple[str, str]], put) -> None:
    """English words for a catalog written in another language, from that language's tables.

    A Chinese catalog says "保温杯", "红色", "防水"; the zh tables gloss them as "insulated
    mug", "red", "waterproof". Each English gloss whose phrase is already a form of the
    catalog (a category term, colour or feature value) becomes a form of the same value,
    so an English shopper (and the English gloss of a Chinese message) reaches the
    Chinese catalog's names. On an English catalog no phrase matches and nothing is added.
    """
    for code in available():
        if code == "en":
            continue
        lang = load(code)
        for kind, table in (("category", lang.glossary or {}), ("colour", lang.colour_synonyms),
                            ("feature", lang.feature_synonyms)):
            for english, phrases in table.items():
                for phrase in phrases:
                    hit = forms.get(phrase.lower())
                    if hit is not None and hit[0] == kind:
                        put(english, *hit)
                        break


_VERBAL = re.compile(r"(?:ing|ed)$")


def _same_inflection(phrase: str, form: str) -> bool:
    """A shared stem is the same word only when neither side alone has a verb ending: "coating" (of
    a pan) is not "coats", "charged" not "charge", "cool" not "cooling"; "hoodie" is "hoodies".

    >>> _same_inflection("coating", "coats"), _same_inflection("cool", "cooling"), _same_inflection("hoodie", "hoodies")
    (False, False, True)
    """
    return all(bool(_VERBAL.search(a)) == bool(_VERBAL.search(b)) for a, b in zip(phrase.split(), form.split()))


def _near(word: str, form: str) -> bool:
    """Near ``form`` as written too, not only by stem: "jaket" / "jackets", "perfume" / "parfum" (two
    edits), not "insoles" / "insulated" (four, though the stems "insol" / "insul" are one apart)."""
    from rapidfuzz.distance import OSA

    from retrieval.text.fuzzy import max_edits

    bases = {form, re.sub(r"(?:es|s)$", "", form)}
    return any(OSA.distance(word, b) <= max_edits(len(word)) + 1 for b in bases)


def _stem_key(phrase: str) -> str:
    return " ".join(stem(w) for w in phrase.split())


def _variants(value: str) -> set[str]:
    v = value.lower()
    out = {v, v.replace("-", " "), v.replace("-", "")}
    if "&" in v:
        out |= {v.replace("&", "and"), v.replace(" & ", " ")}
    return {o for o in out if o}


def _category_forms(name: str) -> set[str]:
    """ "Sweaters & Hoodies" → {"sweaters & hoodies", "sweaters and hoodies", "sweaters", "hoodies", ...}.

    Singular and plural need no forms of their own: the matcher compares stems.
    """
    out = set(_variants(name))
    parts = [p.strip() for p in re.split(r"&|\band\b", name.lower()) if p.strip()]
    if len(parts) > 1:
        out |= {part for part in parts if part not in _EN.generic and len(part) >= 4}
    return {o for o in out if o and o not in _EN.generic}


def find_mentions(text: str, vocab: Vocabulary) -> list[Mention]:
    """Catalog mentions in lower-case ``text``, left to right, longest match first."""
    return vocab._matcher.find(text)
