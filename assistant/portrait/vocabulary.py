"""Catalog vocabulary and the words that point at it: brands, categories, attributes.

Everything recognised comes from the indexed catalog (``CatalogIndex.vocabulary``),
so "Nordvik" is a brand because the catalog sells Nordvik. Everyday words reach the
catalog's names through synonyms that are used only when their target exists
("rain coat" → Jackets, "earbuds" → Headphones) and through nouns read from product
titles (a word that almost only appears in one category's titles names it).

>>> v = Vocabulary(categories=["Jackets"], features=["hooded"], colours=["grey"])
>>> [(m.kind, m.value) for m in find_mentions("a gray rain coat with a hood", v)]
[('colour', 'grey'), ('category', 'Jackets'), ('feature', 'hooded')]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

# everyday phrase → catalog name; an entry is used only when the catalog has the target
CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "Jackets": ("rain coat", "raincoat", "rain jacket", "windbreaker", "anorak", "shell jacket", "hiking jacket",
                "softshell", "jacket", "jackets", "jakcet", "jaket", "jackt"),
    "Outerwear": ("parka", "coat", "coats", "puffer", "trench coat", "overcoat", "winter coat", "wool coat"),
    "Running Shoes": ("running shoes", "running shoe", "runners", "jogging shoes", "trail runners"),
    "Sneakers": ("sneakers", "sneaker", "trainers", "kicks", "snekers", "sneakrs"),
    "Hiking Boots": ("hiking boots", "hiking boot", "walking boots", "trekking boots", "hiking shoes"),
    "Winter Boots": ("winter boots", "snow boots", "snow boot", "duck boots"),
    "Sandals": ("sandals", "flip flops", "flip-flops", "sliders", "slides"),
    "Slippers": ("slippers", "house shoes"),
    "Headphones": ("headphones", "headphone", "earbuds", "ear buds", "earphones", "headset", "headfones", "headphnes"),
    "Speakers": ("speaker", "speakers", "soundbar", "bluetooth speaker"),
    "Smartwatches": ("smartwatch", "smart watch", "fitness tracker", "sports watch", "gps watch", "watch"),
    "Chargers & Power Banks": ("charger", "chargers", "power bank", "powerbank", "portable charger", "battery pack"),
    "Keyboards & Mice": ("keyboard", "keyboards", "mouse", "mice"),
    "T-Shirts": ("t-shirt", "t-shirts", "t shirt", "t shirts", "tshirt", "tshirts", "tee", "tees"),
    "Sweaters & Hoodies": ("sweater", "sweaters", "hoodie", "hoodies", "hoody", "jumper", "pullover", "sweatshirt",
                           "cardigan"),
    "Jeans": ("jeans", "denim"),
    "Dresses": ("dress", "dresses", "frock"),
    "Socks": ("socks",),
    "Backpacks": ("backpack", "backpacks", "rucksack", "daypack", "day pack", "bag for hiking"),
    "Tents": ("tent", "tents"),
    "Sleeping Bags": ("sleeping bag", "sleeping bags"),
    "Trekking Poles": ("trekking poles", "hiking poles", "walking poles", "poles"),
    "Cookware": ("frying pan", "pan", "pans", "skillet", "saucepan", "wok", "pots and pans", "dutch oven", "cookware"),
    "Drinkware": ("mug", "mugs", "tumbler", "water bottle", "travel mug", "flask", "thermos"),
    "Small Appliances": ("blender", "kettle", "toaster", "air fryer", "coffee maker", "coffee machine", "mixer"),
    "Bedding": ("sheets", "bed sheets", "duvet", "duvet cover", "blanket", "pillow", "bedding"),
    "Kitchen Knives": ("knife", "knives", "chef's knife", "chef knife", "knife set"),
    "Skincare": ("moisturizer", "moisturiser", "face cream", "serum", "cleanser", "skincare", "skin care", "eye cream"),
    "Haircare": ("shampoo", "conditioner", "hair mask", "hair oil", "haircare", "hair care"),
    "Makeup": ("makeup", "make-up", "make up", "lipstick", "mascara", "foundation", "lip gloss", "eyeshadow"),
    "Fragrance": ("perfume", "cologne", "fragrance", "eau de parfum", "eau de toilette", "body mist"),
    "Bath & Body": ("body wash", "body lotion", "bath bomb", "bath bombs", "hand cream", "body scrub", "shower gel"),
    "Yoga": ("yoga mat", "yoga", "yoga block", "yoga strap"),
    "Strength Training": ("dumbbells", "dumbbell", "kettlebell", "weights", "resistance bands", "weight bench"),
    "Cycling": ("bike helmet", "cycling", "bike light", "bike lights", "cycling gloves", "cycling jersey"),
    "Team Sports": ("soccer ball", "basketball", "volleyball", "football", "ball"),
    "Racket Sports": ("tennis racket", "tennis racquet", "racket", "racquet", "badminton", "pickleball", "ping pong",
                      "table tennis"),
    "Board Games": ("board game", "board games", "boardgame", "card game", "party game", "family game", "game night"),
    "Building Sets": ("building set", "building blocks", "lego", "construction kit", "magnetic tiles", "marble run"),
    "Plush Toys": ("plush", "teddy bear", "teddy", "stuffed animal", "soft toy", "plushie", "cuddly toy"),
    "Puzzles": ("puzzle", "puzzles", "jigsaw"),
    "Educational Toys": ("stem kit", "science kit", "educational toy", "coding robot", "stem toy"),
    "RC & Vehicles": ("rc car", "remote control car", "remote-control car", "toy car", "toy train", "scooter",
                      "toy truck"),
}
FEATURE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "hooded": ("hood", "hoods", "a hood", "hoodless"),
    "waterproof": ("water proof", "water-proof", "waterprof", "watreproof", "waterpoof", "keeps me dry", "for the rain",
                   "for rain"),
    "noise cancelling": ("noise canceling", "noise-cancelling", "noise-canceling", "anc", "noise cancellation"),
    "wireless": ("cordless", "wire-free", "no wires", "wireles"),
    "bluetooth": ("bt",),
    "usb-c": ("usb c", "type-c", "type c"),
    "non-stick": ("nonstick", "non stick"),
    "insulated": ("insulation",),
    "lightweight": ("light weight", "light-weight", "ultralight", "featherweight"),
    "dishwasher safe": ("dishwasher-safe", "dishwasher proof"),
    "machine washable": ("machine-washable", "washable"),
    "cruelty free": ("cruelty-free",),
    "fragrance free": ("fragrance-free", "unscented", "scent free", "scent-free"),
    "eco-friendly": ("eco friendly", "sustainable"),
    "water resistant": ("water-resistant", "splash proof", "splashproof"),
    "gps": ("built-in gps",),
    "recycled": ("made from recycled",),
    "breathable": ("breathes well",),
    "rechargeable": ("recharge",),
    "packable": ("packs small", "packs down"),
}
COLOUR_SYNONYMS: dict[str, tuple[str, ...]] = {
    "grey": ("gray",), "navy": ("navy blue", "dark blue"), "beige": ("tan", "cream colored", "khaki"),
    "purple": ("violet", "lilac"), "pink": ("rose pink",), "olive": ("olive green", "khaki green"),
    "teal": ("turquoise",), "brown": ("chocolate brown",),
}
# words that never name a category on their own, even when a title suggests it
_GENERIC = {"outdoor", "hiking", "sports", "sport", "fitness", "home", "body", "bath", "rc", "set", "kit", "pro",
            "lite", "plus", "max", "flex", "trail", "ii", "x", "lt", "with", "and", "the", "for", "by", "of", "mid",
            "kids", "women", "men", "unisex", "travel", "family", "classic", "everyday", "performance", "camping",
            "winter", "men's", "women's", "kids'", "piece", "ages", "inch", "mah", "gift", "set", "pack", "run",
            "village", "bag", "oil", "wash", "oven", "car"}


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


def title_terms(products: list, vocab: Vocabulary, min_count: int = 4, purity: float = 0.85) -> dict[str, str]:
    """Title words/bigrams that (almost) only occur in one category → that category's most specific level."""
    stop = {w.lower() for w in vocab.colours + vocab.features} | _GENERIC
    brand_words = {w for b in vocab.brands for w in b.lower().split()}
    counts: dict[str, Counter] = defaultdict(Counter)
    for p in products:
        levels = [x.strip() for x in p.category.split(">") if x.strip()]
        if not levels:
            continue
        # the head noun ends where the title's trimmings start: "… Rain Jacket in Navy", "… Shampoo – Bloom"
        head = re.split(r"\s+(?:–|-|by|in|with|for)\s+|[,(:|]", p.title.lower())[0]
        words = re.findall(r"[a-z][a-z'\-]+", head)
        for n in (1, 2):
            if len(words) >= n:
                counts[" ".join(words[-n:])][levels[-1]] += 1
    out: dict[str, str] = {}
    for gram, by_cat in counts.items():
        total = sum(by_cat.values())
        if total < min_count or any(w in stop or w in brand_words or len(w) < 3 for w in gram.split()):
            continue
        cat, n = by_cat.most_common(1)[0]
        if n / total >= purity:
            out[gram] = cat
    return out


@dataclass(frozen=True)
class Mention:
    kind: str          # brand | category | colour | material | feature
    value: str         # the catalog's spelling
    start: int
    end: int
    fuzzy: bool = False


class _Matcher:
    """One compiled regex over every surface form (longest first), plus typo matching."""

    def __init__(self, vocab: Vocabulary) -> None:
        forms: dict[str, tuple[str, str]] = {}

        def put(form: str, kind: str, value: str, override: bool = False) -> None:
            form = form.lower().strip()
            if len(form) < 2 or (form in forms and not override):
                return
            forms[form] = (kind, value)

        cats = {c.lower(): c for c in vocab.categories}
        for term, cat in vocab.category_terms.items():
            put(term, "category", cat)
        for cat, phrases in CATEGORY_SYNONYMS.items():
            if cat.lower() in cats:
                for phrase in phrases:
                    put(phrase, "category", cats[cat.lower()], override=True)
        for cat in vocab.categories:
            for form in _category_forms(cat, top=cat not in vocab.category_parents and bool(vocab.category_parents)):
                put(form, "category", cat, override=True)
        for kind, values, synonyms in (("feature", vocab.features, FEATURE_SYNONYMS),
                                       ("colour", vocab.colours, COLOUR_SYNONYMS)):
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
        for b in vocab.brands:
            for form in _variants(b):
                put(form, "brand", b, override=True)
        self.forms = forms
        ordered = sorted(forms, key=len, reverse=True)
        self.regex = re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(f) for f in ordered) + r")(?![a-z0-9])") if ordered else None
        self.fuzzy: dict[str, list[str]] = defaultdict(list)
        for form, (kind, _) in forms.items():
            if len(form) >= 6 and form.count(" ") <= 1 and kind in ("brand", "category", "feature", "colour"):
                self.fuzzy[form[0]].append(form)

    def _fuzzy(self, word: str) -> str | None:
        """The one surface form within edit distance 1 (2 from 9 letters), same first letter."""
        for form in self.fuzzy.get(word[0], ()):
            if (" " in form) != (" " in word):
                continue
            limit = 2 if len(form) >= 9 else 1
            if abs(len(form) - len(word)) <= limit and _distance(word, form, limit) <= limit:
                return form
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
                    for word in re.finditer(r"[a-z][a-z\-]+", m.group(1)):
                        inner = self.forms.get(word.group(0))
                        if inner and inner[0] in ("feature", "colour"):
                            out.append(Mention(inner[0], inner[1], m.start() + word.start(), m.start() + word.end()))
        words = list(re.finditer(r"[a-z][a-z\-']+", text))
        i = 0
        while i < len(words):
            m = words[i]
            i += 1
            if len(m.group(0)) < 5 or any(s <= m.start() < e for s, e in taken) or m.group(0) in _COMMON:
                continue
            # a typo in a two-word name first ("fragance free"), then in one word ("jaket")
            nxt = words[i] if i < len(words) and not any(s <= words[i].start() < e for s, e in taken) else None
            candidates = ([(f"{m.group(0)} {nxt.group(0)}", nxt.end())] if nxt else []) + [(m.group(0), m.end())]
            for phrase, end in candidates:
                hit = self._fuzzy(phrase)
                if hit:
                    kind, value = self.forms[hit]
                    out.append(Mention(kind, value, m.start(), end, fuzzy=True))
                    taken.append((m.start(), end))
                    if end != m.end():
                        i += 1
                    break
        out.sort(key=lambda x: x.start)
        return out


_COMMON = {"things", "thanks", "should", "single", "simple", "little", "looking", "within", "winter", "better",
           "bother", "beaches", "people", "pocket", "pockets", "coffee", "collar", "colour", "colors", "colours",
           "camping", "hiking", "biking", "running", "walking", "cooking", "reading", "gaming", "travel", "cheaper",
           "brother", "mother", "father", "sister", "daughter", "husband", "friends", "cotton", "leather", "rather",
           "weather", "wether", "either", "sports", "shorts", "shirts", "toaster", "sandal", "hoodie", "sneaker",
           "budget", "bright", "brighter", "lighter", "darker", "warmer", "softer", "longer", "larger", "smaller",
           "second", "another", "pounds", "dollars", "wanted", "needed", "please", "prefer", "around", "nothing",
           "anything", "something", "without", "instead", "actually", "forget", "change", "changed"}


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions), stopping early past ``limit``."""
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _variants(value: str) -> set[str]:
    v = value.lower()
    out = {v, v.replace("-", " "), v.replace("-", "")}
    if "&" in v:
        out |= {v.replace("&", "and"), v.replace(" & ", " ")}
    return {o for o in out if o}


def _singular(word: str) -> str:
    irregular = {"knives": "knife", "mice": "mouse", "boots": "boot", "shoes": "shoe", "dresses": "dress",
                 "glasses": "glass", "t-shirts": "t-shirt"}
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _category_forms(name: str, top: bool) -> set[str]:
    """ "Sweaters & Hoodies" → {"sweaters & hoodies", "sweater", "hoodies", ...}; top levels only whole."""
    base = _variants(name)
    out = set(base)
    for b in base:
        out.add(" ".join(b.split()[:-1] + [_singular(b.split()[-1])]) if b.split() else b)
    parts = [p.strip() for p in re.split(r"&|\band\b", name.lower()) if p.strip()]
    if len(parts) > 1:
        for part in parts:
            if part in _GENERIC or len(part) < 4:
                continue
            out |= {part, _singular(part)} | {_singular(w) for w in [part] if " " not in part}
    return {o for o in out if o and o not in _GENERIC}


def find_mentions(text: str, vocab: Vocabulary) -> list[Mention]:
    """Catalog mentions in lower-case ``text``, left to right, longest match first."""
    return vocab._matcher.find(text)
