"""The checks an answer passes after it is read from the row (``answer.answer_question``): each may turn it into the
no a row item says, or into "the catalog doesn't say" where the answer would say more than the row.

- ``opposite_checked``: a yes / unknown whose question says the opposite of a row item is a no ("is it stiff?" of
  "flexible"; ``polarity``); "can it get wet?" near "water resistant" is a yes (it copes).
- ``worry_checked``: a feared harm a row item guards against is answered by that item (``worries.overrides``).
- ``row_says_no``: a yes on a feature whose sibling the question names ("relaxed fit?" of "slim fit"), or a reason
  keeping away a thing the row has ("vegan? she doesn't wear leather").
- ``number_checked``: a yes quoting a bare number the question does not say is a no ("a pack of 3?" of pack_count 1).
- ``count_checked``: a yes quoting a counted item ("8-piece") of a question that counts the same thing with another
  number ("is that a 10 piece set") is a no.
- ``either_checked``: a yes / no on a row key's value asked as an either-or ("for men, women or both?") is the value.
- ``unsaid``: what the yes / no would claim beyond the row — a part's property ("does the hood come off"), an
  object far from the item ("does it have a porch" → waterproof), a thing of the shopper's nothing in the catalog
  names ("will it work with a mac"), a part's material ("is the handle wood").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from assistant.understanding.answer_kinds import model_name, part_named, key_is
from assistant.understanding.cues import load_cues
from assistant.understanding.polarity import denial, tolerated
from assistant.understanding.presence import object_unsaid
from assistant.understanding.subjects import said_of_the_part
from assistant.understanding.verdicts import avoided_item, compatibility_unsaid, sibling_named
from assistant.understanding.worries import EITHER, overrides
from retrieval.catalog.product import Product
from retrieval.text import stem


def _said(answer: Any, product: Product, verdict: str, key: str | None, item: str, text: str | None = None) -> Any:
    """``answer`` now deciding ``verdict`` by the row item ``item`` of ``key``."""
    return replace(answer, aspect=key, verdict=verdict, fact=item,
                   text=text or f"{verdict.capitalize()} — the {model_name(product)} is listed as {item}.")


def opposite_checked(answer: Any, product: Product, plain: str, values: Any) -> Any:
    """A "yes" or "unknown" whose question (``plain``: without a descriptor that only pointed at the product) says
    the opposite of a row item is "no", quoting it (``polarity``)."""
    hit = denial(product, plain, answer.verdict, answer.fact, values.paraphrase)
    if hit is None:
        return answer
    key, item = hit
    # "can it get wet?" nearest "gets soaked" of water resistant: it copes
    return _said(answer, product, "yes" if tolerated(plain) else "no", key, item)


def worry_checked(answer: Any, product: Product, plain: str) -> Any:
    """A yes / no question about a harm a row item guards against is answered by that item (``worries.overrides``)."""
    hit = overrides(answer.verdict, answer.fact, product, plain)
    if hit is None:
        return answer
    verdict, key, item = hit
    verdict = "yes" if verdict == "no" and tolerated(plain) else verdict     # "can it get wet?": it copes
    return _said(answer, product, verdict, key, item)


def row_says_no(answer: Any, product: Product, plain: str, values: Any) -> Any:
    """A no quoting the row: a yes on a feature whose sibling the question names ("relaxed fit?" of "slim fit",
    ``sibling_named``), or a yes / unknown where the reason keeps away a thing the row has (``avoided_item``)."""
    if answer.verdict == "yes" and answer.aspect == "features" and sibling_named(product, plain, values, answer.fact):
        return _said(answer, product, "no", answer.aspect, answer.fact)
    hit = avoided_item(product, plain) if answer.verdict in ("yes", "unknown") else None
    if hit is None:
        return answer
    return _said(answer, product, "no", hit[0], hit[1],
                 f"No — the {model_name(product)}'s {key_is(hit[0], hit[1])}.")


def part_checked(answer: Any, product: Product, plain: str, value: str | None, values: Any) -> Any:
    """ "is the strap rubber?" of "stainless steel case with leather band": a part the question names (``part_words``)
    that a row value names with what it is made of — yes when the asked value is that, no when it is another of the
    catalog's materials; else the answer as it was.

    >>> from assistant.understanding.answer import Answer
    >>> from assistant.understanding.rowmatch import CatalogValues
    >>> w = Product(id="w", title="Tide Watch", attributes={"material": "steel case with leather band"})
    >>> r = Product(id="r", title="Mat", attributes={"material": "natural rubber"})
    >>> v = CatalogValues.from_products([w, r])
    >>> part_checked(Answer("w", None, "unknown", None, ""), w, "is the strap rubber?", "rubber", v).verdict
    'no'
    """
    if answer.verdict not in ("unknown", "yes") or not value or values is None:
        return answer      # (a yes quoting the very item that names the part is read again: the learned model's)
    from assistant.understanding.verdicts import _table

    said = {stem(w) for w in re.findall(r"[a-z]+", plain.lower())}
    asked = [{stem(part), *map(stem, words)} for part, words in _table().get("part_words", {}).items()]
    asked = [group for group in asked if group & said]
    wanted = {stem(w) for w in re.findall(r"[a-z]+", value.lower())}
    material = "material" in values.keys_of.get(" ".join(re.findall(r"[a-z]+", value.lower())), set()) \
        or any("material" in values.heads.get(w, set()) for w in re.findall(r"[a-z]+", value.lower()))
    for key, raw in product.attributes.items():
        for item in (raw if isinstance(raw, list) else [raw]):
            words = re.findall(r"[a-z]+", str(item).lower())
            at = next((i for i, w in enumerate(words) if i and any(stem(w) in g for g in asked)), None)
            if at is None:
                continue
            start = max((i + 1 for i, w in enumerate(words[:at]) if w in ("with", "and", "plus")), default=0)
            made = {stem(w) for w in words[start:at]}
            if made and (wanted <= made or material) and (answer.verdict == "unknown" or answer.fact == str(item)):
                verdict = "yes" if wanted <= made else "no"
                return _said(answer, product, verdict, key, str(item))
    return answer


def unsaid(answer: Any, product: Product, plain: str, values: Any) -> bool:
    """Whether the answer claims more than the row says (see the module's note): then the catalog doesn't say."""
    yes = answer.verdict == "yes"
    if yes and (answer.aspect == "features" and said_of_the_part(product, plain, answer.fact, values)
                or object_unsaid(product, plain, answer.fact, values)):
        return True      # "does the hood come off" of a hooded parka; "does it have a porch" (waterproof)
    if answer.verdict != "unknown" and compatibility_unsaid(product, plain, values):
        return True      # "will it work with a mac": nothing in the catalog speaks of a mac
    if yes and _neither_said(product, plain, answer.fact):
        return True      # "is the handle riveted on or moulded?" of an "ergonomic handle": neither is in the row
    if answer.aspect == "size" and answer.verdict != "unknown" and load_cues()["runs_small"].search(plain.lower()):
        return True      # "do they run small, should i size up": a size range says nothing of how it fits
    if answer.aspect == "colour" and load_cues()["colour_fades"].search(plain.lower()):
        return True      # "will the colour fade in a hot wash": what the colour is says nothing of whether it lasts
    if answer.verdict == "value" and _behaves(plain.lower()):
        return True      # "does the fabric rustle", "will the colours show up on dark skin": how it behaves, not which
    # "is the handle wood", "is the zipper metal or plastic": the row's material is the whole knife's, not the handle's
    material = answer.aspect == "material" or answer.verdict == "value" and answer.fact is not None \
        and answer.fact == product.attributes.get("material")      # ("metal or plastic?": the value of either-or)
    return material and answer.verdict in ("yes", "no", "value") and part_named(product, plain, answer.fact)


@lru_cache(maxsize=1)
def _behaviour() -> re.Pattern[str]:
    """ "does the <property> <verb>" (``property_nouns`` of ``lang/en/cues.yaml``), built once."""
    nouns = load_cues()["property_nouns"].pattern
    verbs = ("come|comes|look|looks|weigh|weighs|go|say|says|include|includes|have|has|be|run|runs|match|matches|"
             "measure|measures|last|lasts|hold|holds|take|takes|fit|fits|cost|costs")
    return re.compile(rf"\b(?:does|do|did|will|would|can|could) (?:the|its|their) (?:{nouns}) "
                      rf"(?:actually |really |ever |still |even )?(?!(?:{verbs})\b)[a-z]{{3,}}")


def _behaves(question: str) -> bool:
    """Whether the question asks what a property of the product does ("does the fabric rustle?", "will the colours
    actually show up on darker skin?"), which the property's value does not answer."""
    m = _behaviour().search(question)
    clause = re.split(r"[,.;?!]", question[:m.start()])[-1] if m is not None else ""
    return m is not None and not re.search(r"\b(?:how|what|which|when)\b", clause)    # "how long will the battery …"


# "riveted on or moulded", "glued or stitched": two ways a thing can be, each a word of its own
_DOUBT = {"real", "really", "true", "marketing", "hype", "legit", "fake", "genuine", "accurate", "right", "wrong"}
_TWO_WAYS = re.compile(r"\b([a-z]{4,})(?: (?:on|in|up|off|out|down|together))? or ([a-z]{4,})\b(?! (?:not|no)\b)")


def _neither_said(product: Product, question: str, fact: str | None) -> bool:
    """Whether a yes answers a choice of two ways ("riveted on or moulded?") that the row says neither of: no word
    of either (by its stem) in the quoted item or anywhere in the row."""
    asked = question.lower().split("?")[0]
    m = _TWO_WAYS.search(asked)
    if m is None or not fact or load_cues()["listing_doubt"].search(asked) or {m.group(1), m.group(2)} & _DOUBT:
        return False     # ("is that for real or marketing": a doubt, not two ways it is made)
    from retrieval.query import product_terms

    row = {stem(w) for w in re.findall(r"[a-z0-9]+", f"{product_terms(product)} {fact}".lower())}
    # (only a yes that came from a word the question shares with the item: "splashed or dunked" may be "waterproof")
    shared = {stem(w) for w in re.findall(r"[a-z]{3,}", fact.lower())} \
        & {stem(w) for w in re.findall(r"[a-z]{3,}", asked)}
    return bool(shared) and not {stem(m.group(1)), stem(m.group(2))} & row


# "8-piece", "2 person", "10 piece": a number and the thing it counts
_COUNTED = re.compile(r"(?<![\w.-])(\d+(?:\.\d+)?)\s*-?\s*([a-z]{3,})\b")


# "size 4", "us 9": a label and its number
_LABELLED = re.compile(r"\b([a-z]{3,})\s+(\d+(?:\.\d+)?)(?![\w.])")


def _counts(text: str) -> set[tuple[float, str]]:
    return {(float(n), stem(w)) for n, w in _COUNTED.findall(text.lower())} \
        | {(float(n), stem(w)) for w, n in _LABELLED.findall(text.lower())}


def count_checked(answer: Any, product: Product, question: str) -> Any:
    """A "yes" quoting a counted row item ("8-piece") is a "no" when the question counts the same thing with another
    number ("is that a 10 piece set"), not the title's own ("the 8-Piece set, is it 10 pieces?" asks 10).

    >>> from assistant.understanding.answer import Answer
    >>> row = Product(id="1", title="Hearth Cookware Set", attributes={"size": "8-piece"})
    >>> yes = Answer("1", "size", "yes", "8-piece", "")
    >>> count_checked(yes, row, "is that a 10 piece set").verdict, count_checked(yes, row, "an 8 piece set?").verdict
    ('no', 'yes')
    >>> ball = Product(id="2", title="Kick Ball", attributes={"size": "size 4"})
    >>> count_checked(Answer("2", "size", "yes", "size 4", ""), ball, "a proper size 5, is it?").verdict
    'no'
    """
    if answer.verdict != "yes" or not answer.fact:
        return answer
    facts = _counts(answer.fact)
    things = {w for _n, w in facts}
    said = {(n, w) for n, w in _counts(question) - _counts(product.title) if w in things}
    if not said or said & facts:
        return answer
    text = f"No — the {model_name(product)}'s {key_is(answer.aspect or 'listing', answer.fact)}."
    return _said(answer, product, "no", answer.aspect, answer.fact, text)


def either_checked(answer: Any, product: Product, question: str) -> Any:
    """A yes / no on a row key's value (not a feature) of a question asking which of two or three ("for men, women
    or both?", "gentlemen, ladies, or both?") is that value: the row's value answers it."""
    if answer.verdict not in ("yes", "no") or not answer.fact or answer.aspect in (None, "features") \
            or not EITHER.search(question.lower()):
        return answer
    return _said(answer, product, "value", answer.aspect, answer.fact, f"The {model_name(product)}: {answer.fact}.")


def _numbers_said(question: str, product: Product) -> set[float]:
    """The numbers a question says that are not in the product's title ("the 1-Pack …, a pack of 3?" → {3})."""
    title = set(re.findall(r"\d+(?:\.\d+)?", product.title))
    return {float(n) for n in re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", question) if n not in title}


def number_checked(answer: Any, product: Product, question: str) -> Any:
    """A "yes" quoting a bare number the question does not say is a "no" ("is it a pack of 3?" reached pack_count 1
    through the embedder or the learned model: the number said is not the row's)."""
    fact = (answer.fact or "").strip()
    said = _numbers_said(question, product)
    if answer.verdict != "yes" or not said or not re.fullmatch(r"-?\d+(?:\.\d+)?", fact) or float(fact) in said:
        return answer
    return replace(answer, verdict="no", text=f"No — the {model_name(product)}'s {key_is(answer.aspect or '', fact)}.")
