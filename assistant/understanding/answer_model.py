"""A learned second opinion on product questions the rules leave unknown (``answer_model.json``).

The rules of ``answer.py`` read a question through word tables and the embedder match of
``paraphrase.py``; on text written by someone who has not read them they leave about a quarter
of the answers wrong, most often "the catalog doesn't say" where the row holds the answer
("do they stop feet from getting smelly" → anti-odor, "how long do the poles extend to" → 105-140 cm).

This model scores every item of the product's row (each attribute value, each feature) as the
deciding fact of the question, from a few numbers per (question, item) pair: cosine similarities
from the index's embedder (the item, its glossary glosses, its key's name), the item's rank and
margin among the row's items, a shared word, the item's kind, and the question's form (which /
yes-no, a negation or "prevent" word: ``lang/en/verdicts.yaml``). A second head picks the verdict
(yes / no / value) for the chosen item. Models propose, code verifies: the fact is always a
verbatim row item, and below ``threshold`` the model abstains and the rules' "unknown" stands.

Trained by ``python -m eval.train_answers`` (leave one tuning file out for the threshold) on the
gold answers of the dialogue suite's tuning files; stored with the name of its embedder, and
``LearnedAnswers.load`` refuses it for another.

>>> import numpy as np
>>> from retrieval.catalog.product import Product
>>> table = {"keeps my tea hot": [1.0, 0.1, 0], "keeps my tea hot?": [1.0, 0.1, 0], "insulated": [0.9, 0.2, 0],
...          "red": [0, 0, 1], "colour": [0, 0.3, 1], "features": [0, 1, 0]}
>>> embed = lambda texts: np.array([table.get(t, [0.1, 0.1, 0.1]) for t in texts], dtype=float)
>>> mug = Product(id="1", title="Mug", attributes={"colour": "red", "features": ["insulated"]})
>>> w = np.zeros((4, len(FEATURES) + len(NULL_FEATURES))); w[0, FEATURES.index("best")] = 10; w[1, 0] = 1
>>> w[0, len(FEATURES)] = 5        # the "unknown" candidate
>>> m = LearnedAnswers(CLASSES, w.tolist(), [0.0] * 4, "fake", 0.9)
>>> [(p.verdict, p.fact) for p in [m.bind(embed).propose(mug, "keeps my tea hot?")]]
[('yes', 'insulated')]
>>> m.propose(mug, "keeps my tea hot?", floor=0.999) is None      # not that sure: abstain
True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Sequence

import numpy as np

from assistant.learned import LinearModel
from retrieval.catalog.product import Product

MODEL_FILE = "answer_model.json"
CLASSES = ["fact", "yes", "no", "value"]       # row 0 scores an item as the fact; rows 1-3 the verdict
VERDICTS = ("yes", "no", "value")
FEATURES = [
    "sim", "sim_full", "gloss", "best", "key_sim", "key_gap", "in_title", "catalog_gap", "top", "margin", "gap", "shares", "key_named",
    "feature", "number", "text", "wh", "wh_number", "wh_feature", "wh_text",
    "absent", "item_neg", "asked_neg", "neg_both", "neg_item_only", "rival_text", "rival_feature",
    "either", "q_digits", "item_digits", "digit_in_item", "inv_items", "sim_key_named", "wh_key_sim",
]
# the "unknown" candidate of every question: its features, from the question's best item numbers (a softmax
# over the row's items and this one, so "the catalog doesn't say" competes with each item)
NULL_FEATURES = ["null", "null_best", "null_sim_full", "null_key_sim", "null_wh", "null_catalog_gap", "null_shares",
                 "null_key_named", "null_inv_items"]
_NULL_FROM = ["best", "sim_full", "key_sim", "wh", "catalog_gap", "shares", "key_named", "inv_items"]
Embed = Callable[[Sequence[str]], np.ndarray]
_EITHER = re.compile(r"\b[a-z]{3,} or (?!not\b)[a-z]{3,}\W*$")


@dataclass(frozen=True)
class Proposal:
    """The model's reading of a question on one row: verdict, the row's key and verbatim item, and how sure."""

    verdict: str
    key: str
    fact: str
    p: float


def row_items(product: Product) -> list[tuple[str, str, Any]]:
    """(key, verbatim item text, raw value) of every non-empty attribute value and list item of the row."""
    out = []
    for key, raw in product.attributes.items():
        for item in raw if isinstance(raw, list) else [raw]:
            if item is None or item == "" or isinstance(item, bool):
                continue
            out.append((key, str(item), item))
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))


@lru_cache(maxsize=1)
def _neg_words() -> tuple[frozenset[str], frozenset[str]]:
    """(marks of an item that names an absence or a protection, words of a question that ask one): the
    absent_item / absent_asked / prevent_asked lists of ``lang/en/verdicts.yaml``."""
    from assistant.understanding.verdicts import _table

    table = _table()
    marks = {w.replace("'", "") for w in [*table.get("absent_item", []), *table.get("absent_asked", [])]}
    asked = marks | {w.replace("'", "") for w in table.get("prevent_asked", [])}
    return frozenset(marks), frozenset(asked)


class LearnedAnswers(LinearModel):
    """Row 0 of ``coef``: P(item is the deciding fact); rows 1-3: yes / no / value for the chosen item.
    ``threshold``: the least item probability to answer with; ``meta["override"]`` (when at most 1): the least
    probability to replace a rules answer the model disagrees with."""

    PACKAGE = "assistant.understanding"
    FILE = MODEL_FILE
    DIGITS = 5

    def __post_init__(self) -> None:
        super().__post_init__()
        self._embed: Embed | None = None
        self._cache: dict[str, np.ndarray] = {}
        self.values: Any = None     # rowmatch.CatalogValues: the rival values of a key, in the product's category

    def bind(self, embed: Embed, values: Any = None) -> "LearnedAnswers":
        """Attach the embedder (the one named by ``embedder``) and the catalog values; returns self."""
        self._embed, self.values, self._cache = embed, values, {}
        return self

    @property
    def override(self) -> float:
        return float((self.meta or {}).get("override", 2.0))

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts``, each embedded once per model (item texts repeat across questions)."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            if self._embed is None:
                raise RuntimeError("LearnedAnswers.bind(embed) first")
            m = np.asarray(self._embed(todo), dtype=float)
            m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
            self._cache.update(zip(todo, m))
        return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 1))

    def features(self, product: Product, question: str) -> tuple[list[tuple[str, str]], np.ndarray]:
        """The row's (key, item) candidates and one feature row each (``FEATURES``)."""
        from assistant.understanding.cues import expand_contractions, load_cues
        from assistant.understanding.paraphrase import glosses_of, phrase_of, shares_word, spelled_out
        from assistant.understanding.rowmatch import asks_which, match_key
        from assistant.understanding.verdicts import says_absent

        items = row_items(product)
        if not items:
            return [], np.zeros((0, len(FEATURES)))
        question = expand_contractions(question)
        phrase, full = phrase_of(question, product.title), question.lower().strip()
        q = self.vectors([phrase, full])
        texts = [spelled_out(t) for _k, t, _r in items]
        both = self.vectors(texts) @ q.T
        sims, sim_full = both[:, 0], both[:, 1]
        glosses = [glosses_of(t) for _k, t, _r in items]
        gloss = np.array([float(np.max(self.vectors(g) @ q[0])) if g else 0.0 for g in glosses])
        best = np.maximum(sims, gloss)
        keys = [k.replace("_", " ") for k, _t, _r in items]
        key_sim = self.vectors(keys) @ q[1]
        # the asked phrase nearer a value other products of the kind have than anything of this row: not here
        scoped = sorted(self.values.category_items(product) or ()) if self.values is not None else []
        elsewhere = float(np.max(self.vectors([spelled_out(i) for i in scoped]) @ q[0])) if scoped else 0.0
        title = set(_words(product.title))
        named = match_key(product, question, load_cues()["key_words"])
        wh = float(asks_which(question))
        marks, asked = _neg_words()
        said = set(_words(question))
        asked_neg = float(bool(said & asked))
        either = float(bool(_EITHER.search(question.lower())))
        q_digits = set(re.findall(r"\d+", question))
        top_two = np.sort(best)[::-1]
        rows = []
        for n, (key, text, raw) in enumerate(items):
            number = float(isinstance(raw, (int, float)))
            feature = float(key == "features")
            plain = 1.0 - number - feature
            other = top_two[1] if best[n] == top_two[0] and len(best) > 1 else top_two[0]
            item_neg = float(bool(set(_words(text)) & marks) or bool(re.search(r"\b(?:non|anti)-?", text.lower())))
            rival = self._rival(product, key, text, phrase) - best[n] if not number else 0.0
            item_digits = set(re.findall(r"\d+", text))
            rows.append([
                sims[n], sim_full[n], gloss[n], best[n], key_sim[n], key_sim[n] - float(np.max(key_sim)),
                float(bool(set(_words(text))) and set(_words(text)) <= title), best[n] - max(elsewhere, best[n]),
                float(best[n] >= top_two[0]), best[n] - other,
                best[n] - top_two[0], float(shares_word(phrase, text) or any(shares_word(phrase, g) for g in glosses[n])),
                float(named == key), feature, number, plain, wh, wh * number, wh * feature, wh * plain,
                float(says_absent(text, question)), item_neg, asked_neg, item_neg * asked_neg,
                item_neg * (1 - asked_neg) * (1 - wh), rival * plain, rival * feature,
                either, float(bool(q_digits)), float(bool(item_digits)), float(bool(q_digits & item_digits)),
                1.0 / len(items), sims[n] * float(named == key), wh * key_sim[n],
            ])
        return [(k, t) for k, t, _r in items], np.asarray(rows, dtype=float)

    def _rival(self, product: Product, key: str, item: str, phrase: str) -> float:
        """The asked phrase's best cosine with another value the product's category uses for ``key`` (0 when
        none): "is it a guys one" nearer "men" than the row's "women" is a "no"."""
        scoped = (self.values.in_category.get(product.category or "", {}) if self.values is not None else {})
        others = [self.values.verbatim.get(v, v) for v, ks in scoped.items() if key in ks]
        others = [o for o in others if o.lower() != item.lower()]
        if not others:
            return 0.0
        return float(np.max(self.vectors(others) @ self.vectors([phrase])[0]))

    def score(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(P(item is the fact) per candidate, softmax with the "unknown" candidate; P(yes / no / value) per
        candidate, one-vs-rest)."""
        a = design(x)
        z = a @ self._w[0]
        p = np.exp(z - z.max())
        p /= p.sum()
        v = 1.0 / (1.0 + np.exp(-(a[:-1] @ self._w[1:].T + self._b[1:])))
        return p[:-1], v

    def propose(self, product: Product, question: str, floor: float | None = None) -> Proposal | None:
        """The row item most likely to decide ``question`` and its verdict, when its probability reaches
        ``floor`` (default ``threshold``); None: abstain."""
        candidates, x = self.features(product, question)
        if not candidates:
            return None
        fact, verdict = self.score(x)
        best = int(np.argmax(fact))
        if fact[best] < (self.threshold if floor is None else floor) or math.isnan(fact[best]):
            return None
        key, text = candidates[best]
        return Proposal(VERDICTS[int(np.argmax(verdict[best]))], key, text, float(fact[best]))

    def second_opinion(self, product: Product, question: str, rules: Any) -> Any:
        """The rules' ``answer.Answer`` unless it is "unknown" and the model is sure of a row item, or (with
        ``meta["override"]``) the model is surer still of another verdict or fact."""
        from assistant.understanding.answer import Answer, model_name

        if rules.verdict != "unknown" and self.override > 1.0:
            return rules
        got = self.propose(product, question, None if rules.verdict == "unknown" else self.override)
        if got is None or (got.verdict == rules.verdict and rules.fact and got.fact in rules.fact):
            return rules
        name, label = f"the {model_name(product)}", got.key.replace("_", " ")
        if got.verdict == "value":
            text = f"{name[0].upper()}{name[1:]}: {label} {got.fact}."
        elif got.key == "features":
            text = f"{'Yes' if got.verdict == 'yes' else 'No'} — {name} is listed with {got.fact}."
        else:
            text = f"{'Yes' if got.verdict == 'yes' else 'No'} — {name}'s {label} is {got.fact}."
        return Answer(product.id, got.key, got.verdict, got.fact, text)


def design(x: np.ndarray) -> np.ndarray:
    """The candidates' rows with the "unknown" candidate appended: item features padded with zeros, then the
    null row (``NULL_FEATURES``: an indicator and the best of the items' numbers)."""
    n, d = x.shape
    out = np.zeros((n + 1, d + len(NULL_FEATURES)))
    out[:n, :d] = x
    out[n, d] = 1.0
    for j, name in enumerate(_NULL_FROM):
        out[n, d + 1 + j] = x[:, FEATURES.index(name)].max() if n else 0.0
    return out
