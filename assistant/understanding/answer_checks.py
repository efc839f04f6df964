"""The checks an answer passes after it is read from the row (``answer.answer_question``): each may turn it into the
no a row item says, or into "the catalog doesn't say" where the answer would say more than the row.

- ``opposite_checked``: a yes / unknown whose question says the opposite of a row item is a no ("is it stiff?" of
  "flexible"; ``polarity``); "can it get wet?" near "water resistant" is a yes (it copes).
- ``worry_checked``: a feared harm a row item guards against is answered by that item (``worries.overrides``).
- ``row_says_no``: a yes on a feature whose sibling the question names ("relaxed fit?" of "slim fit"), or a reason
  keeping away a thing the row has ("vegan? she doesn't wear leather").
- ``unsaid``: what the yes / no would claim beyond the row — a part's property ("does the hood come off"), an
  object far from the item ("does it have a porch" → waterproof), a thing of the shopper's nothing in the catalog
  names ("will it work with a mac"), a part's material ("is the handle wood").
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from assistant.understanding.answer_kinds import model_name, part_named
from assistant.understanding.polarity import denial, tolerated
from assistant.understanding.presence import object_unsaid
from assistant.understanding.subjects import said_of_the_part
from assistant.understanding.verdicts import avoided_item, compatibility_unsaid, sibling_named
from assistant.understanding.worries import overrides
from retrieval.catalog.product import Product


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
                 f"No — the {model_name(product)}'s {hit[0].replace('_', ' ')} is {hit[1]}.")


def unsaid(answer: Any, product: Product, plain: str, values: Any) -> bool:
    """Whether the answer claims more than the row says (see the module's note): then the catalog doesn't say."""
    yes = answer.verdict == "yes"
    if yes and (answer.aspect == "features" and said_of_the_part(product, plain, answer.fact, values)
                or object_unsaid(product, plain, answer.fact, values)):
        return True      # "does the hood come off" of a hooded parka; "does it have a porch" (waterproof)
    if answer.verdict != "unknown" and compatibility_unsaid(product, plain, values):
        return True      # "will it work with a mac": nothing in the catalog speaks of a mac
    # "is the handle wood": the row's material is the whole knife's, not the handle's
    return answer.aspect == "material" and answer.verdict in ("yes", "no") and part_named(product, plain)
