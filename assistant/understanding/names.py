"""Products named in a message, resolved against the catalog's own titles and brands.

Shoppers ask about a product by name as often as by position: "does the Kestrel & Co
Arete rain jacket pack down small?", "is the Misty Railways game ok for a 10 year old?".
Nothing here is a word list: a title word identifies a product when few catalog titles
use it (document frequency: under ``branded`` of the titles beside the brand's name,
under ``unbranded`` when two such words must do without it), and word endings are
matched through Snowball stems. The product named is the one whose title words the
message uses most, weighted by rarity; the words just after the brand (where model
names stand) count double. A product on the shown list gets the weight of one common
title word (one in ``branded`` of the titles) on top, so it wins a near tie: "the Ironvale
Titan rackets" are the badminton set on screen, not an Ironvale racket elsewhere.

>>> from retrieval.catalog.product import Product
>>> names = ProductNames.from_products([
...     Product(id="a", title="Stridewell Ember Running Shoes - Orange", brand="Stridewell"),
...     Product(id="b", title="Stridewell Pace Running Shoes - Blue", brand="Stridewell"),
...     Product(id="c", title="Nordvik Fjord Shell Jacket", brand="Nordvik"),
...     Product(id="d", title="Misty Railways - Board Game by Brightwell", brand="Brightwell")])
>>> names.find("does the stridewell ember come in blue?").id
'a'
>>> names.find("is the misty railways game ok for a 10 year old?").id
'd'
>>> names.find("do you have running shoes?") is None
True
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from assistant.guide.honesty import STOP
from assistant.understanding import title_words as tw
from retrieval.catalog.product import Product
from retrieval.text import one_edit, stem

@dataclass(frozen=True)
class _Entry:
    product: Product
    brand: str                 # normalised brand phrase ("kestrel & co"), "" when none
    brand_stems: frozenset[str]
    name_stems: frozenset[str]  # title stems that are not the brand's
    genders: frozenset[str] = frozenset()     # the genders its title names ("Women's …")


class ProductNames:
    """Title-word index of a catalog: ``find(text)`` → the product the message names, or None.

    ``rare`` is the document-frequency share under which a title word identifies (a
    model name such as "Ember" or "Railways"); common words ("shoes", "black") help rank
    but never name a product on their own.
    """

    def __init__(self, entries: list[_Entry], df: Counter, branded: float = 0.1, unbranded: float = 0.01,
                 value_stems: frozenset[str] = frozenset(), whole_values: frozenset[str] = frozenset(),
                 kind_stems: frozenset[str] = frozenset()) -> None:
        self._entries = entries
        self._kind_stems = kind_stems
        self._value_stems = value_stems
        self._whole_values = whole_values
        self._df = df
        self._n = max(1, len(entries))
        self._branded_df = max(3, int(branded * self._n))     # a model name is shared by its colour variants
        self._unbranded_df = max(1, int(unbranded * self._n))
        self._shown_bonus = math.log(1 / branded)

    @classmethod
    def from_products(cls, products: Iterable[Product]) -> "ProductNames":
        entries = []
        df: Counter = Counter()
        values: set[str] = set()
        whole: set[str] = set()     # one-word values ("olive", "leather"): never a name by themselves
        following: dict[str, Counter] = {}
        makers: dict[str, set[str]] = {}
        for p in products:
            words = [stem(w) for w in tw.words_of(p.title)]
            for word, after in zip(words, words[1:]):
                following.setdefault(word, Counter())[after] += 1
                makers.setdefault(word, set()).add(p.brand)
            brand = " ".join(tw.words_of(p.brand))
            brand_stems = frozenset(tw.stems_of(p.brand))
            names = frozenset(tw.stems_of(p.title) - brand_stems)
            entries.append(_Entry(p, brand, brand_stems, names, frozenset(_genders(tw.words_of(p.title)))))
            df.update(names)
            for raw in p.attributes.values():
                for item in (raw if isinstance(raw, list) else [raw]):
                    if isinstance(item, str) and len(item.split()) <= 3:
                        values.update(tw.stems_of(item))
                        whole.update(tw.stems_of(item) if len(item.split()) == 1 else ())
        # the first words of a kind's fixed name ("remote" of "… Remote Control Car", "duvet" of "Duvet Cover"):
        # titles of several brands write them, nearly always followed by the same word — a kind, not a model name
        kinds = frozenset(w for w, after in following.items() if sum(after.values()) >= 3 and len(makers[w]) >= 3
                          and after.most_common(1)[0][1] >= 0.9 * df.get(w, 0))
        return cls(entries, df, value_stems=frozenset(values), whole_values=frozenset(whole), kind_stems=kinds)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, product_id: str) -> Product | None:
        if not hasattr(self, "_by_id"):
            self._by_id = {e.product.id: e.product for e in self._entries}
        return self._by_id.get(product_id)

    def says_model(self, text: str, product: Product, kinds: Iterable[str] = ()) -> bool:
        """Whether ``text`` says a model word of the product's title: a rare title word that is neither its brand
        nor an attribute value of the catalog ("thyme" of "Brightwell Thyme … Frying Pan", not "cast" or "iron";
        "cushioned, no stridewell" says a brand and a value, no model), nor a word of ``kinds`` (the catalog's
        words for kinds of product: "coffee maker")."""
        said = {stem(self._brand_spelling(w)) for w in tw.words_of(text)}
        names = set(tw.stems_of(product.title)) - set(tw.stems_of(product.brand)) - STOP - self._value_stems \
            - self._kind_stems - {stem(w) for k in kinds for w in tw.words_of(k)}
        return any(self._df.get(t, 0) <= self._branded_df and len(t) > 2 and not t.isdigit() for t in names & said)

    def _idf(self, token: str) -> float:
        return math.log(self._n / (1 + self._df.get(token, 0)))

    def find(self, text: str, shown: Sequence[Product] = ()) -> Product | None:
        """The product ``text`` names (brand + a rare title word, or two rare title words), else the one
        shown product that words no other shown title has single out ("the orange meadow plus one")."""
        words = [self._brand_spelling(w) for w in self._rejoined(tw.words_of(text))]
        said = {stem(w) for w in words}
        pairs = {stem(f"{a}-{b}") for a, b in zip(words, words[1:])}     # "4 person" of "4-Person"
        phrase = " " + " ".join(words) + " "
        shown_ids = {p.id for p in shown}
        kinds = {p.category for p in shown}
        pointed = {stem(w) for w in re.findall(r"\b(?:the|that|this) ([a-z0-9][a-z0-9'&\-]*)", phrase)}
        # "the stridewell breeze womens ones": not the men's of that name (every word, "a" too: "a women's perfume")
        genders = _genders(re.findall(r"[a-z0-9'&]+", text.lower().replace("’", "'")), named=True)
        counted = _counted(text)
        best: tuple[float, int, float, int, int] | None = None
        found: Product | None = None
        candidates: list[tuple[tuple, Product, frozenset, bool]] = []
        for order, e in enumerate(self._entries):
            overlap = (e.name_stems & said) - STOP      # "come in black" does not name "… Tent in Olive"
            if not overlap or len(genders) == 1 and e.genders - genders:
                continue
            branded = bool(e.brand) and (f" {e.brand} " in phrase or self._short_brand(e.brand, phrase))
            limit = self._branded_df if branded else self._unbranded_df
            rare = [t for t in overlap if self._df.get(t, 0) <= limit and len(t) > 2 and not t.isdigit()]
            # a model number or letter right after a model word, as the title writes it: "the bistro 2" (Bistro 2),
            # "the glacier x tent" (Glacier X)
            rare += [t for t in overlap if (t.isdigit() or t in tw.ROMAN) and t not in rare
                     and tw.follows(phrase, e.product.title, t, rare)]
            # a common word right after a model word, as the title writes it, is the model name's second word:
            # "peakline flex" (Peakline Flex) though "flex" is in many titles
            rare += [t for t in overlap if t not in rare and t not in STOP and len(t) > 1
                     and tw.follows(phrase, e.product.title, t, rare[:1])]
            # … and a letter or a short word right after a model word ("glacier x", "grit max": stop words elsewhere)
            letters = [t for t in e.name_stems & said & STOP
                       if t.isalpha() and tw.follows(phrase, e.product.title, t, rare)]
            rare, overlap = rare + letters, overlap | set(letters)
            # one rare word right after "the" names a product on the shown list ("how many hours does the aria do"),
            # unless it is an attribute value by itself ("is the olive one …"); "are the pieces magnetic" names none
            on_list = e.product.id in shown_ids and bool(set(rare) & pointed - self._whole_values)
            if not (branded and rare) and len(rare) < 2 and not on_list:
                continue
            # a model name is a made-up word: an attribute value ("leather", "olive") after the brand is the question
            # ("is the Kestrel & Co Flux sneaker leather?"), not a name, so it does not count double
            near = self._after_brand(phrase, e.brand) - self._value_stems if branded else set()
            # "how waterproof is the fjellborn vardo rain jacket": a word said only before "the <brand>" is the
            # question, not the name ("Fjellborn Waterproof Shell Jacket Vardo" is not meant)
            asked = tw.before_the_brand(phrase, e.brand) if branded else set()
            score = sum(self._idf(t) * (2 if t in near else 1) for t in overlap - asked) \
                + (math.log(self._n) if branded else 0)
            # a word said as the head of a title's compound counts as that word: "the auralis cadence watch" is
            # the Auralis Cadence Smartwatch, not an Auralis sports watch that shares only "watch"
            heads = tw.compound_heads(e.name_stems - overlap - STOP, said - STOP)
            score += sum(self._idf(t) * (2 if w in near else 1) for t, w in heads.items())
            score += sum(self._idf(t) for t in e.name_stems & pairs if t not in heads)     # "4 person": 4-Person
            own = _counted(e.product.title) if counted else set()      # (a title is read only when the message counts)
            if counted and not counted & own and {w for _n, w in counted} & {w for _n, w in own}:
                score -= self._shown_bonus     # "the brightwell rocket 810 piece set" is not the Rocket 530-Piece shown
            if e.product.id in shown_ids:
                score += self._shown_bonus     # what the shopper sees wins a near tie
            elif e.product.category in kinds:
                score += self._shown_bonus / 2     # "the bistro 2" among knives is the knife, not a tumbler
            # a tie goes to the title the message covers most: "the Corbel Frost running shoe" is "Corbel Frost
            # Running Shoes - Navy", not "Corbel Women's Cushioned Running Shoes Frost (Brown)"
            covered = (len(overlap) + len(heads)) / max(1, len(e.name_stems - STOP))
            key = (round(score, 6), int(e.product.id in shown_ids), covered, len(e.name_stems & said & STOP), -order)
            # every title word said, "max" too (a common word) and each part of "2-person"
            named_words = frozenset({w for t in e.name_stems for w in [t, *t.split("-")]} & (said | pairs) | set(heads))
            candidates.append((key, e.product, named_words, e.product.id in shown_ids))
            if best is None or key > best:
                best, found = key, e.product
        if found is not None:
            # "the corbel flow max mat" while "Corbel Flow … Travel Yoga Mat" is on the list: the list's bonus does
            # not outweigh a title that has every word the shown one matched and more ("max")
            top = next(c for c in candidates if c[1] is found)
            fuller = [c for c in candidates if c[2] > top[2] and top[3] and not c[3]
                      and c[0][0] + self._shown_bonus >= top[0][0]]
            if fuller:
                found = max(fuller, key=lambda c: c[0])[1]
        return found if found is not None else self._on_list(said, shown)

    def _on_list(self, said: set[str], shown: Sequence[Product]) -> Product | None:
        """The one shown product whose title alone has two of the message's words, one of them not an
        attribute value: "the orange meadow plus one" among kettles (Meadow and Plus are too common in
        the whole catalog to name it, not on the list)."""
        if len(shown) < 2:
            return None
        titles = [tw.stems_of(p.title) for p in shown]
        hits = []
        for i, p in enumerate(shown):
            others = set().union(*(t for j, t in enumerate(titles) if j != i))
            own = {t for t in titles[i] & said if t not in others and len(t) > 2 and not t.isdigit()}
            if len(own) >= 2 and own - self._value_stems:
                hits.append(p)
        return hits[0] if len(hits) == 1 else None

    def _rejoined(self, words: list[str]) -> list[str]:
        """A brand or model word typed as two ("fern hollow" of Fernhollow, "trail blaze" of Trailblaze): one word."""
        if not hasattr(self, "_joinable"):      # built once: find() runs on every message
            self._joinable = self._brand_words() | self._model_words()
        known, out = self._joinable, list[str]()
        for w in words:
            out[-1:] = [out[-1] + w] if out and out[-1] + w in known else [*out[-1:], w]
        return out

    def _brand_spelling(self, word: str) -> str:
        """A brand word typed one letter off ("stridwell", "nordvk") → the brand's own spelling; a word
        any title uses is never changed, nor a short one."""
        if len(word) < 5 or stem(word) in self._df or word in self._brand_words():
            return word
        sounds = {word.replace("light", "lite"), word.replace("lite", "light")} - {word}     # "alpenlight" of Alpenlite
        near = [b for b in self._brand_words() | self._model_words() if b in sounds]
        near = near or [b for b in self._brand_words() if abs(len(b) - len(word)) <= 1 and one_edit(word, b)]
        if not near and len(word) >= 7:
            # a made-up model word typed one letter off ("trailblaize" of Trailblaze): long, rare in the titles
            near = [m for m in self._model_words() if abs(len(m) - len(word)) <= 1 and one_edit(word, m)]
        return near[0] if len(near) == 1 else word

    def _model_words(self) -> set[str]:
        """Title words of 6+ letters that few titles share and that are no attribute value: model names."""
        if not hasattr(self, "_model_word_set"):
            self._model_word_set = {w for e in self._entries for w in tw.words_of(e.product.title) if len(w) >= 6
                                    and self._df.get(stem(w), 0) <= self._branded_df and stem(w) not in self._value_stems}
        return self._model_word_set

    def _brand_words(self) -> set[str]:
        if not hasattr(self, "_brand_word_set"):
            self._brand_word_set = {w for e in self._entries for w in e.brand.split() if len(w) >= 5}
        return self._brand_word_set

    def _short_brand(self, brand: str, phrase: str) -> bool:
        """ "the kestrel boreal" for Kestrel & Co: a many-word brand named by its first word, when no
        other brand starts with that word (shoppers shorten brand names)."""
        first = brand.split()[0] if " " in brand else ""
        if len(first) < 4 or f" {first} " not in phrase:
            return False
        if not hasattr(self, "_first_words"):
            self._first_words = Counter(b.split()[0] for b in {e.brand for e in self._entries if e.brand})
        return self._first_words[first] == 1

    @staticmethod
    def _after_brand(phrase: str, brand: str, window: int = 3) -> set[str]:
        """Stems of the few words after the brand's name: where a model name stands ("Stridewell Ember")."""
        marker = f" {brand} " if f" {brand} " in phrase else f" {brand.split()[0]} "
        rest = phrase.split(marker, 1)[1].split()
        return {stem(w) for w in rest[:window]}


def strip_name(text: str, product: Product, opening: bool = False) -> str:
    """``text`` without the product's name, so the name's own words are not read as the question.

    A pick list shows "Fjellborn Sierra 2-Person Camping Tent - Pink"; a shopper who pastes
    it and asks "is it easy to set up?" asks nothing about pink. The longest of the full
    title and its variant-less prefix (cut at the last dash) that the text holds is removed,
    whatever the case, dashes or spacing.

    >>> tent = Product(id="t", title="Fjellborn Sierra 2-Person Camping Tent - Pink", brand="Fjellborn")
    >>> strip_name("is the Fjellborn Sierra 2-Person Camping Tent - Pink easy to set up?", tent)
    'is the  easy to set up?'
    >>> strip_name("does the fjellborn sierra 2-person camping tent come in blue?", tent)
    'does the  come in blue?'
    >>> strip_name("does it come in pink?", tent)
    'does it come in pink?'
    """
    title = product.title
    candidates = [title, re.sub(r"\s+[-–—:]\s+[^-–—:]+$", "", title), re.sub(r"\s*\([^)]*\)\s*$", "", title)]
    for name in sorted({c.strip() for c in candidates if c.strip()}, key=len, reverse=True):
        tokens = re.findall(r"[A-Za-z0-9]+", name)
        if len(tokens) < 2:
            continue
        pattern = _name_pattern(tokens)
        found = re.search(pattern, text, flags=re.IGNORECASE)
        if found:
            return _joined(text[:found.start()], text[found.end():], opening)
    plain = strip_descriptor(text, product)
    rest = _strip_name_start(plain, product, opening)
    return rest if rest != plain else _strip_brand_run(rest, product, opening)


def _row_words(product: Product) -> set[str]:
    """The words of the row's text values: a run of name words stops before one (it is asked, not named)."""
    return {w for raw in product.attributes.values() for item in (raw if isinstance(raw, list) else [raw])
            if isinstance(item, str) for w in re.findall(r"[a-z0-9]+", item.lower())}


def _strip_brand_run(text: str, product: Product, opening: bool = False) -> str:
    """``text`` without the brand and the title words typed after it, in any order ("hrc on the copperleaf bistro 2?"
    of "Copperleaf Full-Tang Chef's Knife Bistro 2": the 2 of the model is not asked), one word at least after the
    brand; a word of the row's values ends the run ("the corbel tempo leather?": leather is asked).

    >>> knife = Product(id="k", title="Copperleaf Full-Tang Chef's Knife Bistro 2 (Black)", brand="Copperleaf",
    ...                 attributes={"material": "ceramic"})
    >>> _strip_brand_run("hrc on the copperleaf bistro 2?", knife), _strip_brand_run("is the copperleaf ceramic", knife)
    ('hrc on the ?', 'is the copperleaf ceramic')
    """
    if not product.brand:
        return text
    title, own = {w.lower() for w in re.findall(r"[A-Za-z0-9]+", product.title)}, _row_words(product)
    brand = re.search(r"(?<![a-z0-9])" + r"\W+".join(map(re.escape, re.findall(r"[a-z0-9]+", product.brand.lower())))
                      + r"(?![a-z0-9])", text.lower())
    if brand is None:
        return text
    end, words = brand.end(), 0
    for m in re.finditer(r"\W*([a-z0-9]+)", text.lower()[brand.end():]):
        if m.start() != end - brand.end() or m.group(1) not in title or m.group(1) in own:
            break
        end, words = brand.end() + m.end(), words + 1
    return _joined(text[:brand.start()], text[end:], opening) if words else text


def _joined(before: str, after: str, opening: bool = False) -> str:
    """The text around a removed name; with ``opening``, a name that opened the message takes its separator with it
    ("<name> - do they …" → "do they …": the question the answer readings see reads as it opens; the act rules keep
    the separator, which tells a question after a name from a request opening a message)."""
    return re.sub(r"^\s*[-–—,:;]+\s*", "", after) if opening and not before.strip() else before + after


def _strip_name_start(text: str, product: Product, opening: bool = False) -> str:
    """``text`` without the longest run of the title's first words it holds, from the brand or the word after it
    ("is the summitra moraine 50l lighter than 500 g": the 50 of the name is not asked), two words at least; the
    run stops before a word of the row's values ("is the corbel balance x lightweight": lightweight is asked).

    >>> bag = Product(id="b", title="Summitra Moraine 50L Daypack", brand="Summitra",
    ...               attributes={"features": ["lightweight"], "capacity_l": 50})
    >>> _strip_name_start("is the summitra moraine 50l lighter than 500 grams", bag)
    'is the  lighter than 500 grams'
    >>> _strip_name_start("is the moraine 50l daypack lightweight", bag), _strip_name_start("is it 50l", bag)
    ('is the  lightweight', 'is it 50l')
    """
    tokens, own = re.findall(r"[A-Za-z0-9]+", product.title), _row_words(product)
    by = re.match(r"(.+?)\s+by\s+([^-–—(]+?)\s*(?:[-–—(].*)?$", product.title)
    if by:       # "Pure Fragrance Gift Set by Lumora", typed "the lumora pure gift set": the brand first
        return _strip_name_start_of(text, re.findall(r"[A-Za-z0-9]+", by.group(2) + " " + by.group(1)), own, opening,
                                    fallback=lambda t: _strip_name_start_of(t, tokens, own, opening))
    return _strip_name_start_of(text, tokens, own, opening)


def _strip_name_start_of(text: str, tokens: list[str], own: set[str], opening: bool, fallback=None) -> str:
    """``_strip_name_start`` over the title's words in the order given (``fallback`` when no run of them is found)."""
    best: re.Match | None = None
    for start in (0, 1):
        for end in range(len(tokens), start + 1, -1):
            run = tokens[start:end]
            while len(run) > 2 and run[-1].lower() in own:
                run = run[:-1]
            if len(run) < 2 or run[-1].lower() in own:
                continue
            pattern = _name_pattern(run)
            if found := re.search(pattern, text, flags=re.IGNORECASE):
                best = found if best is None or found.end() - found.start() > best.end() - best.start() else best
                break
    if best is None:
        return text if fallback is None else fallback(text)
    # the title's own words typed right after the run ("corbel apex light set" of "Corbel Apex Rechargeable Bike Light
    # Set") are the name too, up to a word of the row's values
    words = {t.lower() for t in tokens} - _JOINERS
    return _strip_more(text, best.start(), best.end(), words - own, opening, bridge=words & own)


_JOINERS = {"in", "with", "for", "by", "the", "and", "of", "a", "an", "to", "on", "s"}     # "… Shoes in Yellow": "in stock"


def _strip_more(text: str, start: int, end: int, rest: set[str], opening: bool = False, bridge=frozenset()) -> str:
    """``text`` without [start, end) and the title words (``rest``) that follow it one by one; a title word that is
    also a row value (``bridge``) goes with them only when another of ``rest`` follows it ("the ironvale steady
    lightweight gloves, are they fingerless?" names lightweight; "the ironvale steady lightweight?" asks it).

    >>> [_strip_more(t, 4, 19, {"gloves"}, bridge={"lightweight"})
    ...  for t in ("the ironvale steady lightweight gloves ok?", "the ironvale steady lightweight?")]
    ['the  ok?', 'the  lightweight?']
    """
    word = r"\s*([A-Za-z0-9]+)(?![A-Za-z0-9'])"
    while True:
        m = re.match(word, text[end:])
        if m is not None and m.group(1).lower() in bridge:
            after = re.match(word, text[end + m.end():])
            m = re.match(word * 2, text[end:]) if after is not None and after.group(1).lower() in rest else None
        if m is None or m.group(m.lastindex).lower() not in rest:
            return _joined(text[:start], text[end:], opening)
        rest.discard(m.group(m.lastindex).lower())
        end += m.end()


def strip_descriptor(text: str, product: Product) -> str:
    """``text`` without a word of the product's own row used only to point at it: "and the red summitra
    tarn?" names the red Summitra Tarn; it asks nothing about red. Such a word is one of the row's one-word
    attribute values standing just before a word of the product's name (a title word that is neither in its
    category path nor in its row).

    >>> bag = Product(id="b", title="Summitra Tarn Sleeping Bag - Red", category="Outdoor > Sleeping Bags",
    ...               attributes={"colour": "red"})
    >>> strip_descriptor("and the red summitra tarn?", bag), strip_descriptor("is the summitra tarn red?", bag)
    ('and the summitra tarn?', 'is the summitra tarn red?')
    >>> strip_descriptor("the red one, is it warm?", bag), strip_descriptor("is the red one red", bag)
    ('the one, is it warm?', 'is the one red')
    """
    own = {str(v).lower() for v in product.attributes.values() if isinstance(v, str) and re.fullmatch(r"[a-z]+", str(v).lower())}
    if not own:
        return text
    # "the olive ones, are they heavy?": the value points at one of the list, as a name would
    text = re.sub(r"\b(?:the|that|those|these) (?:" + "|".join(map(re.escape, sorted(own)))
                  + r") (?=(?:one|ones|pair|pairs|version|model|set)\b)", "the ", text, flags=re.IGNORECASE)
    generic = set(tw.WORD.findall((product.category or "").lower()))
    for raw in product.attributes.values():
        for item in (raw if isinstance(raw, list) else [raw]):
            generic |= set(tw.WORD.findall(str(item).lower()))
    name = [w for w in tw.WORD.findall(product.title.lower()) if w not in generic and w not in STOP and len(w) > 2]
    if not name:
        return text
    # (not after a preposition: "is it for curly hair?" asks about curly, whatever the name)
    pattern = re.compile(r"(?<!\bfor )(?<!\bwith )(?<!\bin )(?<!\bon )(?<!\bof )(?<!\bto )(?<!\bat )\b("
                         + "|".join(map(re.escape, sorted(own))) + r")\s+(?=(?:"
                         + "|".join(map(re.escape, name)) + r")\b)", re.IGNORECASE)
    return pattern.sub("", text)


def _genders(words: Sequence[str], named: bool = False) -> set[str]:
    """The genders a run of words names ("womens", "men's": ``gender_words`` of ``lang/en/cues.yaml``). ``named``:
    only a gender word typed right after a word of a name ("the stridewell breeze womens ones"), not one asked
    ("is it a women's perfume?", "are they for men")."""
    from assistant.understanding.cues import load_cues

    table = load_cues().get("gender_words", {})
    forms = {f: g for g, fs in table.items() for f in fs}
    return {forms[w] for n, w in enumerate(words) if w in forms
            and (not named or n > 0 and words[n - 1] not in STOP and words[n - 1] not in forms)}


def _name_pattern(tokens: Sequence[str]) -> str:
    """The title words as typed in a message, any separator between them; a possessive "s" may be typed without its
    apostrophe ("womens" of "Women's")."""
    out = r"(?<![A-Za-z0-9])" + re.escape(tokens[0])
    for tok in tokens[1:]:
        out += (r"[\W_]*" if tok.lower() == "s" else r"[\W_]+") + re.escape(tok)
    return out + r"(?![A-Za-z0-9])"


def _counted(text: str) -> set[tuple[str, str]]:
    """The counts a text says, number and counted word: "the 810 piece set" → {("810", "piec")}."""
    return {(n, stem(w)) for n, w in re.findall(r"(?<![\w.-])(\d+)\s*-?\s*([a-z]{3,})\b", text.lower())}
