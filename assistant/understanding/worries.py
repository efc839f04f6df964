"""A worry about a product, answered from the row item that guards against it.

Shoppers often ask about the harm they fear, not about the feature: "will it shrink if the laundrette washes it
hot" of a tee listed as "pre-shrunk", "am i going to be buying batteries every five minutes" of a "rechargeable"
mouse, "is a spilt pint going to kill it" of a "waterproof" speaker. The row answers it — "no — pre-shrunk" —
but the readings that match a question to a row item answer "yes" (the item is there) or "the catalog doesn't
say" (no item is near enough in meaning). A question that asks whether the product guards against the harm ("i
wake up drenched, would it help" of a "cooling" pillow, "so it won't shrink?") is answered "yes" with the item.

Harms and their guards are language data (``lang/<language>/worries.yaml``), general retail knowledge, never one
catalog's words. An entry applies only when the row has one of its guard items; a question that names the guard
itself ("is it pre-shrunk?") or asks which of two ("quiet or loud?") is left to the other readings.

>>> from retrieval.catalog.product import Product
>>> tee = Product(id="t", title="Rowan Tee", attributes={"features": ["pre-shrunk", "crew neck"]})
>>> worry(tee, "will it shrink if i tumble dry it?")
('no', 'features', 'pre-shrunk')
>>> worry(tee, "so it won't shrink in the wash?")
('yes', 'features', 'pre-shrunk')
>>> worry(tee, "is it pre-shrunk?") is None, worry(tee, "what colour is it?") is None
(True, True)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from retrieval.catalog.product import Product

# "is it quiet or loud?", "is it real wool or synthetic?": which of two, not whether ("… or not?" stays yes / no);
# the readings' value stands here, and answer.py turns a yes / no into that value
# "quiet or loud?", and a choice put as a second question: "rechargeable, or does it take aa batteries?"
EITHER = re.compile(r"\b[a-z']{3,}(?: ones?)?\W* or (?:an? |the |just |only |just an? |only an? |some |more of an? "
                    r"|more |kind of an? |sort of an? )?(?!not\b)(?:(?!not\b)[a-z'-]{3,} )?[a-z']{3,}(?: ones?)?\W*$"
                    r"|^[^,;?]{0,60}?\b[a-z'-]{3,},? or (?:does|do|is|are|will|can|has|have|would) (?:it|they|i|we)\b"
                    r"[^,;?]*\W*$")


_NEGATION = {"not", "no", "never", "without", "t", "wont", "dont", "doesnt", "cant", "isnt", "arent", "wouldnt",
             "shouldnt", "didnt"}


def _spaced(text: str) -> str:
    """Lower-case words between single spaces, padded (apostrophes and hyphens split words): the lookup form."""
    return f" {' '.join(re.findall(r'[a-z0-9]+', text.lower()))} "


def _pattern(phrase: str) -> re.Pattern[str]:
    parts = [re.escape(_spaced(p).strip()) for p in phrase.split("…")]
    return re.compile(r" " + r" (?:[a-z0-9]+ ){0,4}".join(parts) + r" ")


@lru_cache(maxsize=4)
def _table(language: str = "en") -> dict[str, Any]:
    import yaml
    from importlib import resources

    raw = yaml.safe_load(resources.files("assistant.understanding").joinpath(f"lang/{language}/worries.yaml")
                         .read_text()) or {}
    entries = [([_pattern(h) for h in e["harm"]], [_spaced(g) for g in e["guard"]]) for e in raw.get("entries", [])]
    return {"entries": entries, "remedy": [_pattern(r) for r in raw.get("remedy", [])],
            "treat": [_pattern(r) for r in raw.get("treat", [])]}


def _guard_item(product: Product, guards: list[str]) -> tuple[str, str, str] | None:
    """(key, item, guard term) of the row feature or short string value holding the first of ``guards`` (in the
    entry's order: the most direct protection first) that the row has."""
    from assistant.understanding.paraphrase import _items

    items = [(key, item, _spaced(item)) for key, raw in sorted(product.attributes.items(),
                                                               key=lambda kv: kv[0] != "features")
             if isinstance(raw, (str, list)) for item in _items(raw)]
    for guard in guards:
        for key, item, spaced in items:
            if len(spaced.split()) <= 6 and guard in spaced:
                return key, item, guard
    return None


def guard_said(product: Product, question: str, language: str = "en") -> bool:
    """Whether the question names, in so many words, a protection the row lists ("is it one of the quiet ones" of
    "quiet keys"): it asks for that feature, whatever worry it also says."""
    from assistant.understanding.verdicts import _outside_title

    said = _spaced(_outside_title(product, question))
    return any(any(g in said for g in guards) and _guard_item(product, guards) is not None
               for _, guards in _table(language)["entries"])


def worry(product: Product, question: str, language: str = "en") -> tuple[str, str, str] | None:
    """(verdict, key, item) when the question fears a harm a row item guards against: "no" when it asks whether
    the harm happens, "yes" when it asks whether the product keeps it away (a remedy word, or the harm negated)."""
    hit = _reading(product, question, language)
    return hit[:3] if hit is not None else None


def _reading(product: Product, question: str, language: str = "en") -> tuple[str, str, str, list[str]] | None:
    """``worry``, with the guard terms of the harm's entry."""
    from assistant.understanding.verdicts import _outside_title

    either = EITHER.search(question.lower())
    pair = _spaced(either.group(0)) if either else ""        # "quiet or loud?" asks which; "an hour or two" does not
    # up to the last question mark: "is it cotton? cotton takes forever to dry" asks the material, the rest is why
    asked = question[:question.rindex("?") + 1] if "?" in question else question
    asked = asked_clause(asked)
    said = _spaced(_outside_title(product, asked))
    table = _table(language)
    for harms, guards in table["entries"]:
        hit = next((m for m in (h.search(said) for h in harms) if m), None)
        if hit is None:
            continue
        found = _guard_item(product, guards)
        if found is None:
            continue
        key, item, _ = found
        if any(g in said for g in guards) or any(h.search(pair) for h in harms):
            return None                      # "is it pre-shrunk?": the feature itself is asked
        if any(t.search(said[:hit.start() + 1]) for t in table["treat"]):
            return None                      # "does it calm redness": a remedy claimed, no guard says it
        before = said[:hit.start()].split()[-2:]
        remedy = any(w in _NEGATION for w in before) or any(r.search(said) for r in table["remedy"])
        return ("yes" if remedy else "no"), key, item, guards
    return None


_ASKED_CLAUSE = re.compile(r"(?:[,;:]|\s[-–—])\s*((?:and |so |but )?(?:does|do|is|are|will|would|can|could|has|have) "
                           r"(?:it|they)\b[^,;:]*)$")
# a clause that points back at what the lead said ("i wake up drenched, would it help", "… is it going to happen")
_POINTS_BACK = re.compile(r"\b(?:help|helps|happen|problem|issue|same|cope|handle|deal|matter|ok|okay|alright|fine|"
                          r"work|stop|prevent|avoid|fix|solve|cause|do that|be bad)\b")
def asked_clause(question: str) -> str:
    """The yes / no clause a lead sets off, else the question: "bit worried it'll be sweaty, does it breathe" asks
    "does it breathe" (the lead says why)."""
    clause = _ASKED_CLAUSE.search(question.lower())
    if clause is None or clause.start(1) == 0 or _POINTS_BACK.search(clause.group(1)):
        return question
    return question[clause.start(1):]


# a yes / no question: an auxiliary and its subject, no wh-word ("will it strip it", not "how long before it wears off")
_YES_NO = re.compile(r"^(?:(?!\b(?:what|which|how|where|when|who|why)\b).)*\b(?:will|would|does|do|is|are|am|can|could|did|"
                     r"has|have)\s+(?:it|they|i|this|that|these|those|he|she|we|my|her|his|the)\b"
                     r"(?:(?!\b(?:what|which|how|where|when|who|why)\b).)*$", re.S)


def overrides(verdict: str, fact: str | None, product: Product, question: str) -> tuple[str, str, str] | None:
    """The (verdict, key, item) that replaces an answer the readings gave (``verdict``, ``fact``), when ``worry``
    reads the question: a "no" always; a "yes" over a "no" or "the catalog doesn't say", and over a "yes" only when
    that quoted another guard of the same harm (the entry lists the most direct first: "cooling" before
    "breathable" for waking up drenched); over a value only when the question is put as yes / no."""
    if verdict not in ("yes", "no", "unknown") and not (verdict == "value" and _YES_NO.match(question.lower())):
        return None
    hit = _reading(product, question)
    if hit is None:
        return None
    if hit[0] == "yes" and verdict == "yes" and not (fact and fact != hit[2]
                                                     and any(g in _spaced(fact) for g in hit[3])):
        return None
    return hit[:3]
