"""A product question in words the catalog does not use, matched to a row item through the embedder.

"will it keep my coffee hot?" shares no word with the feature "insulated", nor "does it
stand up on its own?" with "freestanding". ``RowParaphrase`` embeds the catalog's own
short attribute values and feature names once per catalog (on first use, then cached),
compares the question with all of them, and answers only with an item the product's row
holds: models propose, code verifies — the matched item must be in the row, never invented.
A catalog value that a feature glossary term names (``lang/en/glossary.yaml``: "slip resistant"
→ "good grip", "won't slip on ice") is compared through its glosses too, the best cosine
counting: "will they grip on icy pavements" is far from "slip resistant" but near its gloss.

The match is accepted when the row item's cosine similarity is at least ``threshold`` and
within ``margin`` of the best value among the products of its category (``scope``; the whole
catalog when no scope is given): a row item far behind a better-fitting value that such a
product could have is not what was asked, but a value only other kinds of product use does not
compete ("keep the rain out" is nearest "water resistant", which no tent lists; a tent's
"waterproof" answers it). Threshold chosen on dev only
(``python -m eval.paraphrase_threshold``, see eval/suites/dialogue/README.md).

>>> import numpy as np
>>> table = {"keeps drinks cold": [1, 0.2, 0], "insulated": [0.9, 0.3, 0], "leak-proof": [0, 1, 0],
...          "red": [0, 0, 1]}
>>> embed = lambda texts: np.array([table[t] for t in texts], dtype=float)
>>> from retrieval.catalog.product import Product
>>> mug = Product(id="1", title="Mug", attributes={"colour": "red", "features": ["insulated"]})
>>> RowParaphrase(embed, ["insulated", "leak-proof", "red"], glosses={}).match(mug, "keeps drinks cold")[:2]
('features', 'insulated')
"""

from __future__ import annotations

import re
from typing import Any, Callable, Collection, Sequence

import numpy as np

from retrieval.catalog.product import Product
from retrieval.text import one_edit, same_word

Embed = Callable[[Sequence[str]], np.ndarray]
THRESHOLD = 0.30
MARGIN = 0.05
# a wish in a search ("a bottle that won't leak"): one feature clearly nearest (dev probes, see README)
WISH_FLOOR = 0.45
# the values are embedded on first use, in the process: 485 on the demo catalog take a few seconds on
# 2 cores, the 17,419 short values of the 19k-product Icecat catalog would take minutes (measured:
# 2,000 in 51 s at load 5). Above this many, the matching is off until the embeddings are computed at
# ingest time (not done yet); the word-level answers work as before.
MAX_ITEMS = 3000
WISH_GAP = 0.10
# how far a way of saying an item's opposite must stand above everything the row says for "no" (``denied``).
# Chosen on dev (session 12): the embedder tells polarity apart poorly ("light enough to carry" is 0.59 from
# "too heavy to carry", 0.54 from lightweight); the five wrong denials it made there stood 0.05-0.12 above the
# row, the two right ones 0.28 and 0.45
DENY_GAP = 0.20
# below this similarity a match needs a word of its own in the question too ("stand up on its own" →
# freestanding, "a mic" → microphone); without one it is a neighbouring feature, not the asked one ("set a
# timer" → auto shut-off, 0.47): "the catalog doesn't say" beats a wrong yes. Chosen on dev: the six answers
# the paraphrase path gave there (eval/suites/dialogue/README.md); the one wrong one is the only weak match
# without a shared word, the lowest right one without a shared word is 0.62.
STRONG = 0.55
# a word the glosses of this many catalog items (or more) use is too common to be a weak match's only evidence (dev,
# session 14: "safe" in twelve; the gloss words the right weak matches shared were in five or fewer, or came in pairs)
GENERIC_GLOSS_WORD = 10
_WISH = re.compile(r"\b(?:that|which|so (?:it|they))\s+(?!is\b|are\b|i\b|my\b|you\b)"
                   r"([a-z' ]+?)(?=\s*(?:[,.!?;]|\band\b|\bbut\b|\bunder\b|\bfor (?:under|less|about)\b|$))")
_LEAD = re.compile(r"^(?:(?:and|so|ok|okay|also|but|hmm)[, ]+)?(?:does|do|is|are|can|could|will|would|has|have)\s+"
                   r"(?:it|they|this|that|these|those|the|this one|that one|i)?\s*"
                   r"(?:(?:have|has|got|come with|comes with|come in|comes in)\b\s*)?")


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _items(raw: Any) -> list[str]:
    return [str(v) for v in raw] if isinstance(raw, list) else [str(raw)]


def phrase_of(question: str, title: str = "") -> str:
    """The asked part of a yes/no question: "does it have a mic for calls?" → "a mic for calls".

    The product's own title words are not the question ("do the brooke wool socks stop odour").
    """
    text = re.sub(r"[?!.,]+", " ", question.lower()).strip()
    own = set(re.findall(r"[a-z0-9]+", title.lower()))
    if own:
        text = " ".join(w for w in text.split() if w.strip("'") not in own) or text
    return _LEAD.sub("", text).strip() or text


def _abbreviations(language: str = "en") -> dict[str, str]:
    global _ABBREVIATIONS
    if _ABBREVIATIONS is None:
        import yaml
        from importlib import resources

        text = resources.files("assistant.understanding").joinpath(f"lang/{language}/abbreviations.yaml").read_text()
        _ABBREVIATIONS = {str(k).lower(): str(v) for k, v in (yaml.safe_load(text) or {}).items()}
    return _ABBREVIATIONS


_ABBREVIATIONS: dict[str, str] | None = None


def _plain(text: str) -> str:
    """Lower case, hyphens / underscores / slashes as spaces: "Non-Slip Sole" → "non slip sole"."""
    return " ".join(re.sub(r"[-_/]+", " ", text.lower()).split())


def glossary(language: str = "en") -> dict[str, tuple[str, ...]]:
    """Feature term → the ways shoppers say it (``lang/<language>/glossary.yaml``), loaded once per language.

    >>> glossary()["insulated"][:2]
    ('keeps drinks hot', 'keeps tea warm')
    """
    if language not in _GLOSSARY:
        import yaml
        from importlib import resources

        text = resources.files("assistant.understanding").joinpath(f"lang/{language}/glossary.yaml").read_text()
        _GLOSSARY[language] = parse_glossary(yaml.safe_load(text), f"lang/{language}/glossary.yaml")
    return _GLOSSARY[language]


def parse_glossary(table: Any, source: str = "glossary") -> dict[str, tuple[str, ...]]:
    """A loaded glossary file checked and normalised: terms in ``_plain`` form, glosses stripped.

    >>> parse_glossary({"Slip-Resistant": [" good grip "]})
    {'slip resistant': ('good grip',)}
    """
    if not isinstance(table, dict):
        raise ValueError(f"{source}: expected a mapping of term → list of glosses")
    out: dict[str, tuple[str, ...]] = {}
    for term, said in table.items():
        if not isinstance(said, list) or not said or not all(isinstance(g, str) and g.strip() for g in said):
            raise ValueError(f"{source}: {term!r} needs a non-empty list of glosses (text)")
        out[_plain(str(term))] = tuple(g.strip() for g in said)
    return out


_GLOSSARY: dict[str, dict[str, tuple[str, ...]]] = {}


def opposites(language: str = "en") -> dict[str, tuple[str, ...]]:
    """Feature term → the ways shoppers say its opposite (``lang/<language>/opposites.yaml``), loaded once.

    >>> opposites()["quiet keys"][:2]
    ('loud typing', 'clacky keys')
    """
    name = f"{language}/opposites"
    if name not in _GLOSSARY:
        import yaml
        from importlib import resources

        text = resources.files("assistant.understanding").joinpath(f"lang/{language}/opposites.yaml").read_text()
        _GLOSSARY[name] = parse_glossary(yaml.safe_load(text), f"lang/{language}/opposites.yaml")
    return _GLOSSARY[name]


def glosses_of(item: str, table: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """The glosses of the most specific glossary terms that a catalog item is or holds as whole words.

    A term inside another matched term is dropped ("keep warm" holds "warm", whose glosses are about
    clothes): "Non-Slip Sole" → the glosses of "non slip"; "keep warm" → those of "keep warm" only.

    >>> glosses_of("Non-Slip Sole", {"non slip": ("good grip",), "sole": ("x",), "slip": ("y",)})
    ['good grip', 'x']
    """
    table = glossary() if table is None else table
    text = f" {_plain(item)} "
    terms = [t for t in table if f" {t} " in text]
    out: list[str] = []
    for t in terms:
        if any(t != u and f" {t} " in f" {u} " for u in terms):
            continue
        out.extend(g for g in table[t] if g not in out)
    return out


def spelled_out(item: str) -> str:
    """The text embedded for a catalog item: its abbreviations spelled out (``lang/en/abbreviations.yaml``).

    >>> spelled_out("spf 30"), spelled_out("leak-proof")
    ('spf 30 (sun protection factor)', 'leak-proof')
    """
    table = _abbreviations()
    said = [table[w] for w in re.findall(r"[a-z]+", item.lower()) if w in table]
    return f"{item} ({'; '.join(said)})" if said else item


def _shared(phrase: str, item: str) -> set[str]:
    """The words of ``item`` that a word of ``phrase`` matches (``shares_word``'s test, word by word)."""
    said = [w for w in re.findall(r"[a-z0-9]+", phrase.lower()) if len(w) >= 3 and w not in _FILLER]
    own = [w for w in re.findall(r"[a-z0-9]+", spelled_out(item).lower()) if len(w) >= 3 and w not in _FILLER]
    out = set()
    for a in said:
        for b in own:
            short, long_ = sorted((a, b), key=len)
            inside = short in long_ and short != long_        # (then the rest must be a word or an ending: not "freezer")
            if (same_word(a, b) or (len(short) >= 4 and short in long_) or long_.startswith(short)
                    or (len(short) >= 5 and one_edit(a, b))) and (not inside or _compound_rest(long_, short)):
                out.add(b)
    return out


def _compound_rest(long_: str, short: str) -> bool:
    """Whether ``long_`` is ``short`` with a word or an ending around it ("freestanding" holds "stand", "microphone"
    "mic", "nonslip" "slip") rather than a word that only begins like it ("freezer" is no "free" + anything)."""
    rest = long_.replace(short, " ", 1).split()
    return all(len(r) >= 4 or r in _AFFIXES for r in rest) or len(short) <= 3


_AFFIXES = {"s", "es", "ed", "er", "ers", "ing", "y", "ly", "able", "non", "anti", "un", "re", "pre", "pro", "ful"}


def shares_word(phrase: str, item: str) -> bool:
    """Lexical evidence for a match: a word of ``phrase`` inside a word of ``item`` or the other way round
    (4+ letters: "stand" in "freestanding"), the same word up to an ending, a prefix of 3+ letters ("mic" →
    "microphone") or a one-letter typo ("dishwaser").

    >>> shares_word("stand up on its own", "freestanding"), shares_word("set a timer", "auto shut-off")
    (True, False)
    >>> shares_word("a mic for calls", "built-in microphone"), shares_word("dishwaser", "dishwasher safe")
    (True, True)
    """
    return bool(_shared(phrase, item))


# question words that carry no feature ("can it", "will they"): never lexical evidence
_FILLER = {"can", "could", "will", "would", "does", "have", "has", "the", "its", "it's", "this", "that", "they",
           "them", "for", "with", "and", "you", "your", "get", "got", "put", "any", "one", "use", "using", "there",
           "not", "but", "all", "are", "was", "how", "off", "out", "who", "can't", "won't"}


class RowParaphrase:
    """Catalog values and feature names, embedded once; a question → the row item it paraphrases."""

    def __init__(self, embed: Embed, items: Sequence[str], threshold: float = THRESHOLD,
                 margin: float = MARGIN, glosses: dict[str, tuple[str, ...]] | None = None,
                 scope: Callable[[Product], Collection[str] | None] | None = None,
                 opposed: dict[str, tuple[str, ...]] | None = None) -> None:
        """``glosses``: the feature glossary (default ``lang/en/glossary.yaml``; ``{}`` for none). ``scope``:
        product → the items products of its kind use (``CatalogValues.category_items``), the rivals the
        margin is measured against; None (or a None answer) → every item of the catalog. ``opposed``: the
        ways shoppers say an item's opposite (default ``lang/en/opposites.yaml`` when ``glosses`` is the
        default too, else none), read by ``denied``."""
        self.embed = embed
        self.scope = scope
        self.items = sorted({i for i in items if i and not i.replace(".", "").isdigit()})
        if len(self.items) > MAX_ITEMS:
            self.items = []          # off: see MAX_ITEMS
        self.threshold, self.margin = threshold, margin
        table = glossary() if glosses is None else glosses
        # item → its glosses; an item is compared through its own text and each of them (the max)
        self.glosses: dict[str, list[str]] = {i: g for i in self.items if (g := glosses_of(i, table))}
        against = (opposites() if glosses is None else {}) if opposed is None else opposed
        self.opposed: dict[str, list[str]] = {i: g for i in self.items if (g := glosses_of(i, against))}
        if len(self.items) + sum(len(g) for g in [*self.glosses.values(), *self.opposed.values()]) > MAX_ITEMS:
            # the glosses multiply the texts embedded on a turn (demo: 485 values + 806 glosses, 1.1 s → 2.6 s
            # at load 3): past MAX_ITEMS texts in all the values are compared alone, as before the glossary
            self.glosses, self.opposed = {}, {}
        self._matrix: np.ndarray | None = None
        self._gloss_rows: np.ndarray | None = None      # row of each gloss vector → index of its item
        self._opposed_rows: np.ndarray = np.zeros(0, dtype=int)   # the same for the opposite glosses, after them
        self._last: tuple[list[str], dict[str, tuple[float, float]]] | None = None
        self._queries: np.ndarray = np.zeros((0, 1))     # the last question's phrase vectors
        self._counts: dict[str, int] | None = None       # gloss word → items using it (``_gloss_word_counts``)

    def _values(self) -> np.ndarray:
        """Unit vectors of the items, then of their glosses (one batch, once per catalog)."""
        if self._matrix is None:
            texts = [spelled_out(i) for i in self.items]
            owners: list[int] = []
            for n, item in enumerate(self.items):
                for g in self.glosses.get(item, ()):
                    texts.append(g)
                    owners.append(n)
            against = [(n, g) for n, item in enumerate(self.items) for g in self.opposed.get(item, ())]
            texts.extend(g for _n, g in against)
            matrix = _unit(np.asarray(self.embed(texts), dtype=float)) if texts else np.zeros((0, 1))
            self._gloss_rows = np.asarray(owners, dtype=int)
            self._opposed_rows = np.asarray([n for n, _g in against], dtype=int)
            # the opposite glosses are kept apart: every other reading compares the items and their glosses only
            cut = len(matrix) - len(against)
            self._matrix, self._opposed_matrix = matrix[:cut], matrix[cut:]
        return self._matrix

    def _item_sims(self, queries: np.ndarray) -> np.ndarray:
        """items × queries: each item's best cosine over its own text and its glosses."""
        every = self._values() @ queries.T
        n = len(self.items)
        sims = every[:n].copy()
        if len(self._gloss_rows):
            np.maximum.at(sims, self._gloss_rows, every[n:])
        return sims

    def scores(self, question: str, title: str = "") -> dict[str, float]:
        """Cosine similarity of the asked phrase with every catalog item."""
        if not self.items:
            return {}
        # with and without the product's title words: "do the brooke wool socks stop odour" is about
        # odour, but in "the leak-proof bottle, does it leak?" the title word is the asked thing
        return {item: max(a, b) for item, (a, b) in self._pair(question, title).items()}

    def _pair(self, question: str, title: str) -> dict[str, tuple[float, float]]:
        """item → (similarity with the asked phrase less the title's words, with the whole phrase)."""
        phrases = [phrase_of(question, title), phrase_of(question)]
        if self._last is not None and self._last[0] == phrases:
            return self._last[1]        # match, nearest and scores of one question: embedded once
        queries = _unit(np.asarray(self.embed(phrases), dtype=float))
        self._queries = queries
        sims = self._item_sims(queries)
        pair = {item: (float(a), float(b)) for item, (a, b) in zip(self.items, sims.tolist())}
        self._last = (phrases, pair)
        return pair

    def match(self, product: Product, question: str) -> tuple[str, str, float] | None:
        """(key, verbatim row item, similarity) the question paraphrases, or None.

        A weak match (under ``STRONG``) must also share a word with the question (``shares_word``).
        """
        if not self.items:
            return None
        pair = self._pair(question, product.title)
        sims = {item: max(a, b) for item, (a, b) in pair.items()}
        # the best value elsewhere is measured without the product's own name: "does the clarity moisturizer
        # have sun protection" is not nearest "moisturizing" because the name says moisturizer; and only among
        # the values products of its kind use (a value of another kind of product is no rival reading)
        rivals = self.scope(product) if self.scope is not None else None
        rivals = [i for i in rivals if i in pair] if rivals else None
        top_item = max(rivals or pair, key=lambda i: pair[i][0])
        top = pair[top_item][0]
        best = None
        for key, raw in product.attributes.items():
            for item in _items(raw):
                s = sims.get(item)
                # a row item that holds the catalog's nearest item as whole words ("ergonomic handle" holds
                # "ergonomic", nearest "comfy to hold") is that item on this product, when itself strong
                held = s is not None and s >= STRONG and f" {_plain(top_item)} " in f" {_plain(item)} "
                if s is not None and s >= self.threshold and (s >= top - self.margin or held) \
                        and (best is None or s > best[2]):
                    best = (key, item, s)
        if best is not None and best[2] < STRONG and not self.shares_word(phrase_of(question, product.title), best[1]):
            return None
        return best

    def evidence(self, question: str, title: str, item: str) -> str:
        """The text of ``item`` the question is nearest: the item itself or one of its glosses ("is it tested
        on animals?" → the gloss "not tested on animals" of cruelty free), for the polarity check."""
        glosses = list(self.glosses.get(item, ()))
        if not glosses or item not in self.items:
            return item
        self._pair(question, title)               # the question's vectors (embedded once per question)
        n = self.items.index(item)
        rows = [n] + [len(self.items) + j for j in np.flatnonzero(self._gloss_rows == n).tolist()]
        sims = (self._values()[rows] @ self._queries.T).max(axis=1)
        return ([item] + glosses)[int(np.argmax(sims))]

    def denied(self, product: Product, question: str) -> tuple[str, str, float, str] | None:
        """(key, verbatim row item, cosine, the opposite gloss) when the question is clearly nearer a way of saying the opposite of a
        row item ("will slush soak through them" → waterproof, "are the pieces flimsy" → thick pieces) than to
        that item or any of its glosses, and than to every other item of the row: at least ``STRONG``, and
        ``DENY_GAP`` above them. None otherwise (the other readings decide)."""
        if not self.items or not self.opposed:
            return None
        pair = self._pair(question, product.title)      # the question's vectors, and the items embedded
        against = self._opposed_matrix @ self._queries.T
        best = None
        for key, raw in product.attributes.items():
            for item in _items(raw):
                if item not in self.opposed:
                    continue
                n = self.items.index(item)
                sims = against[self._opposed_rows == n].max(axis=1)
                s = float(sims.max())
                if s >= STRONG and (best is None or s > best[2]):
                    best = (key, item, s, self.opposed[item][int(np.argmax(sims))])
        if best is None:
            return None
        row = max((max(pair[i]) for _k, raw in product.attributes.items() for i in _items(raw) if i in pair),
                  default=0.0)
        return best if best[2] - row >= DENY_GAP else None

    def nearest(self, question: str, title: str = "") -> tuple[str, float] | None:
        """The catalog item the asked phrase is nearest (less the product's own name words), with its cosine."""
        if not self.items:
            return None
        pair = self._pair(question, title)
        item = max(pair, key=lambda i: pair[i][0])
        return item, pair[item][0]

    def shares_word(self, phrase: str, item: str) -> bool:
        """``shares_word`` with the item or with one of its glosses ("good grip" → slip resistant). Through a gloss
        the shared word must say something: a word the glosses of many items use ("safe": safe for skin, microwave
        safe, …) is no evidence alone ("safe to use while pregnant" is no paraphrase of dermatologist tested)."""
        if shares_word(phrase, item):
            return True
        words = {w for text in self.glosses.get(item, ()) for w in _shared(phrase, text)}
        common = self._gloss_word_counts()
        return len(words) >= 2 or any(common.get(w, 0) < GENERIC_GLOSS_WORD for w in words)

    def _gloss_word_counts(self) -> dict[str, int]:
        """gloss word → how many items' own text or glosses hold it (counted once, on first use)."""
        if self._counts is None:
            counts: dict[str, int] = {}
            for item in self.items:
                for w in {w for text in [item, *self.glosses.get(item, ())]
                          for w in re.findall(r"[a-z0-9]+", spelled_out(text).lower())}:
                    counts[w] = counts.get(w, 0) + 1
            self._counts = counts
        return self._counts

    def wishes(self, text: str, features: set[str]) -> list[str]:
        """Catalog features that a relative clause of a search paraphrases: "that won't leak" → leak-proof.

        Only a feature the catalog lists (``features``), and only when it is clearly the nearest value:
        at least ``WISH_FLOOR`` and ``WISH_GAP`` above the next ("keeps drinks hot" is as near to
        "keep warm" as to "insulated": nothing is added).
        """
        out: list[str] = []
        for m in _WISH.finditer(text.lower()):
            sims = self.scores(m.group(1))
            ranked = sorted(sims.items(), key=lambda kv: -kv[1])
            if len(ranked) < 2:
                continue
            (best, top), (_next, second) = ranked[0], ranked[1]
            if top >= WISH_FLOOR and top - second >= WISH_GAP and best in features and best not in out:
                out.append(best)
        return out
