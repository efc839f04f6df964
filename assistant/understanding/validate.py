"""Every value an LLM proposes is checked against the catalog before it may act.

A small model invents brands, categories and budgets. Each proposed value must exist:
the brand is sold and named in the message (a required or excluded brand is a hard
filter: a model that obeys text planted elsewhere must not add one), the category is a
catalog category, an excluded/preferred attribute value is in the catalog vocabulary
(or in the shopper's own words), a budget number appears in the message, a product
position is on the shown list. What fails is dropped
and counted (``Interpretation.dropped``) — never guessed or repaired.

>>> from assistant.understanding.acts import Act, ActType
>>> v = Vocabulary(brands=["SanDisk"], categories=["USB Flash Drives"])
>>> ok, dropped = validate_acts([Act(ActType.SEARCH, slots={"brands_required": ("Acme",), "budget_max": 20.0})],
...                             "usb stick under $20 from acme", v, shown_count=0)
>>> ok[0].slots, dropped
({'budget_max': 20.0}, ["brand 'Acme' is not in the catalog"])
"""

from __future__ import annotations

import re
from typing import Any

from assistant.portrait.extract import normalise
from assistant.portrait.vocabulary import Vocabulary, find_mentions
from assistant.understanding.acts import Act, ActType


def _number_in_text(value: float, text: str) -> bool:
    numbers = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
    if re.search(r"\b\d+(?:\.\d+)?\s*k\b", text):
        numbers |= {float(n) * 1000 for n in re.findall(r"\b(\d+(?:\.\d+)?)\s*k\b", text)}
    return any(abs(value - n) < 0.005 for n in numbers)


def _canonical(value: str, names: list[str]) -> str | None:
    lowered = {n.lower(): n for n in names}
    return lowered.get(value.strip().lower())


def validate_acts(acts: list[Act], text: str, vocab: Vocabulary, shown_count: int) -> tuple[list[Act], list[str]]:
    """(acts with only catalog-backed values, human-readable reasons for what was dropped)."""
    t = normalise(text)
    dropped: list[str] = []
    out: list[Act] = []
    attribute_values = vocab.colours + vocab.materials + vocab.features
    for act in acts:
        product = act.product
        if product is not None and not (1 <= product <= shown_count or (product == -1 and shown_count)):
            dropped.append(f"product {product} is not on the shown list")
            product = None          # never a position the shopper cannot see, whatever the act
        products = tuple(p for p in act.products if 1 <= p <= shown_count)
        if len(products) != len(act.products):
            dropped.append(f"compare positions {list(act.products)} not all on the shown list")
        if act.type == ActType.COMPARE and len(products) < 2 and shown_count >= 2:
            products = tuple(range(1, shown_count + 1))
        value = act.value
        if value is not None and act.type == ActType.ASK_ABOUT and value.lower() not in t:
            dropped.append(f"asked value {value!r} is not in the message")
            value = None
        slots: dict[str, Any] = {}
        for key, raw in act.slots.items():
            if key == "category":
                name = _canonical(str(raw), vocab.categories) or _category_from_words(str(raw), vocab)
                if name:
                    slots[key] = name
                else:
                    dropped.append(f"category {raw!r} is not in the catalog")
            elif key in ("budget_max", "budget_min"):
                if _number_in_text(float(raw), t):
                    slots[key] = float(raw)
                else:
                    dropped.append(f"{key} {raw:g} does not appear in the message")
            elif key in ("brands_required", "brands_excluded"):
                kept = []
                named = {m.value.lower() for m in find_mentions(t, vocab) if m.kind == "brand"}
                for brand in raw:
                    name = _canonical(brand, vocab.brands)
                    if not name:
                        dropped.append(f"brand {brand!r} is not in the catalog")
                    elif name.lower() not in named and name.lower() not in t:
                        dropped.append(f"brand {name!r} is not named in the message")
                    else:
                        kept.append(name)
                if kept:
                    slots[key] = tuple(kept)
            elif key in ("attributes_excluded", "preferences"):
                kept = []
                for item in raw:
                    name = _canonical(item, attribute_values)
                    if name is None and key == "preferences" and item.lower() in t:
                        name = item        # the shopper's own words: soft, ranking only
                    if name:
                        kept.append(name)
                    else:
                        dropped.append(f"attribute {item!r} is neither a catalog value nor in the message")
                if kept:
                    slots[key] = tuple(kept)
        # rebuilt through its JSON form, so whatever the model wrote leaves here normalised and round-trips
        out.append(Act.from_json(Act(act.type, product=product, aspect=act.aspect, value=value, slots=slots,
                                     products=products, product_id=act.product_id).to_json()))
    return out, dropped


def _category_from_words(value: str, vocab: Vocabulary) -> str | None:
    """ "running shoe" → "Running Shoes" through the same matcher the rules use."""
    for mention in find_mentions(normalise(value), vocab):
        if mention.kind == "category":
            return mention.value
    return None
