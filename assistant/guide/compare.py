"""Comparisons on request: an attribute table from catalog data plus a short verdict.

"compare the first two", "1 vs 3", "which is lighter?" refer to the products shown in
the previous turn (``SessionStore.last_shown``). Everything in the answer — the table
and the verdict — is computed from catalog data, so there is nothing to ground-check.

>>> parse_compare("compare the first two", 4)
CompareRequest(positions=(1, 2), aspect=None, product_ids=())
>>> parse_compare("which one is lighter?", 3)
CompareRequest(positions=(1, 2, 3), aspect='lighter', product_ids=())
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.guide.render import has_attribute, price_text, short_name
from retrieval.catalog.product import Product
from retrieval.text import alternation, ordinal, parse_number
from retrieval.text.lang import load
from retrieval.text.words import ordinal_words

_POSITION_WORDS = alternation(ordinal_words())
# aspect (from the language's comparatives table) → attribute key prefixes of the catalog schema
ASPECT_KEYS: dict[str, tuple[str, ...]] = {
    "weight": ("weight_g", "weight_kg"), "price": ("price",), "rating": ("rating",), "battery": ("battery_life_h",),
    "size": ("capacity", "height_cm", "piece_count"), "waterproofing": ("waterproof_rating_mm",),
    "power": ("output_w", "wattage_w"), "warmth": ("temp_rating_c",), "thickness": ("thickness_mm",),
}
# comparative word → (attribute key prefixes, True if a smaller value wins)
ASPECTS: dict[str, tuple[tuple[str, ...], bool]] = {
    word: (ASPECT_KEYS[aspect], smaller) for word, (aspect, smaller) in load("en").comparatives.items()
}
UNITS = {"_g": " g", "_kg": " kg", "_h": " h", "_l": " L", "_mm": " mm", "_cm": " cm", "_w": " W", "_c": " °C",
         "_min": " min", "_mah": " mAh", "_gsm": " gsm", "_in": " in", "_hrc": " HRC"}


@dataclass(frozen=True)
class CompareRequest:
    positions: tuple[int, ...]
    aspect: str | None = None
    product_ids: tuple[str, ...] = ()    # named products, not all on the shown list (then no positions)


def comparison_aspect(text: str) -> str | None:
    """The comparative a comparison asks by ("which is lighter" → "lighter"), or None."""
    t = " " + text.lower().strip() + " "
    return next((a for a in sorted(ASPECTS, key=len, reverse=True) if re.search(rf"\b{a}\b", t)), None)


def asks_comparison(text: str) -> bool:
    """ "compare …", "X vs Y", "what's the difference", or "which …" with a comparative."""
    t = " " + text.lower().strip() + " "
    asks = re.search(r"\b(?:compare|comparison|versus|vs\.?|v(?= (?!neck)[a-z0-9])|difference|differ|side by side|"
                     r"head to head|stack up|(?:measure|shape|match|size) up (?:next to|against|beside|to|with)|"
                     r"stack (?:[a-z0-9#' -]{1,40}? )?(?:up )?against|line (?:them|these|those) up\b|"
                     r"(?:against|next to|beside|alongside) (?:each other|one another)|"
                     r"weigh (?:them |those |these |it )?up|line [a-z0-9&' -]{1,60}? up (?:against|with|"
                     r"beside|next to)|(?:put|set|place|stand) (?:it|them|this|that|those|these|this one|that one) "
                     r"(?:next to|beside|alongside|against)|(?:put|set|place|stand) the [a-z0-9]+(?: one)? "
                     r"(?:next to|beside|alongside|against) the [a-z0-9]+\b)\b", t)
    which = re.search(r"\bwhich\b(?: one)?(?: of (?:these|them|those))?\b", t)
    return bool(asks or (which and comparison_aspect(t)) or _WEIGHED.search(t))


# a choice between shown products said without "compare": "pros and cons of the top two", "help me choose between the
# first and second", "how's the first compared to the second", "is the first one better than the second", "what sets
# the first apart", "is there much between the first two", "what would you pick out of those two", "1 or 2?",
# "which of the top two …", "which …, the first one or the second"
_PLACE = rf"(?:#?\d|{_POSITION_WORDS}|other|top|bottom)"
_WEIGHED = re.compile(
    rf"\bpros and cons\b|\b(?:choose|choosing|pick|picking|decide|deciding|torn|split) between (?:the|these|those|them|"
    rf"{_PLACE})\b|\bcompared (?:to|with)\b(?! (?:mine|my|ours|our|his|hers|her|what (?:i|we)|the ones? (?:i|we))\b)"
    r"|\bsets? (?:[a-z0-9 ]{1,30} )?apart\b|\b(?:much|anything|a lot|little) (?:to choose )?between\b"
    r"|\bbetween (?:the|these|those) (?:two|three|2|3)\b"
    rf"|\b(?:better|worse|nicer) than (?:the )?{_PLACE}\b"
    r"|\b(?:pick|choose|go for|take|get|buy) (?:out of|of|from|between) (?:those|these|the|them) (?:two|three|2|3)\b"
    rf"|^\s*(?:the )?{_PLACE}(?: one)? or (?:the )?{_PLACE}(?: one)?\W*(?:which\W*)?$"
    # "which of the first two would be cooler", "which suits us, the first one shown or the second": a choice
    r"|\bwhich (?:one )?(?:of|out of) (?:the )?(?:first|top|last|bottom) (?:two|three|2|3)\b"
    rf"|\bwhich\b[^?]*?\b(?:the )?{_PLACE}(?: one)?(?: (?:you )?(?:shown|showed|listed))? or (?:the )?{_PLACE}\b")


def parse_compare(text: str, shown_count: int) -> CompareRequest | None:
    """A comparison request about the last shown products, or None if ``text`` is not one."""
    t = " " + text.lower().strip() + " "
    aspect = comparison_aspect(t)
    if shown_count < 2 or not asks_comparison(t):
        return None
    positions: list[int] = []
    # "hoodie number one and number two", "no. 2 and no. 4": positions said as numbers
    t = re.sub(r"\b(?:number|no\.?) (one|two|three|four|[1-9])\b",
               lambda m: f" #{parse_number(m.group(1))}", t)
    # "bench one and bench three": the same word before each number; "the top pair": the first two
    t = re.sub(r"\b([a-z]{3,}) (one|two|three|four|[1-9]) and (?:the )?\1 (one|two|three|four|[1-9])\b",
               lambda m: m.group(0) if ordinal(m.group(1)) else
               f" #{parse_number(m.group(2))} and #{parse_number(m.group(3))}", t)
    t = re.sub(r"\b(first|top) (?:pair|couple)\b", r"\1 2", t)
    # "number one against three": a bare number held against a position said as a number is one too
    t = re.sub(r"(#\d[^#]{0,20}?\b(?:against|and|vs\.?|versus|with|to) (?:the )?)(one|two|three|four|[1-9])\b",
               lambda m: f"{m.group(1)}#{parse_number(m.group(2))}", t)
    m = re.search(r"\b(?:first|top)\s+(\d|[a-z]+)\b", t)
    n = (int(m.group(1)) if m.group(1).isdigit() else parse_number(m.group(1))) if m else None
    if n is not None and n >= 2:
        positions = list(range(1, n + 1))
    else:
        # "the 1st and the 3rd" as well as "the first and the third", "#1 and #3"
        for word in re.findall(rf"#?\b(\d(?:st|nd|rd|th)?|{_POSITION_WORDS})\b", t):
            pos = int(word) if word.isdigit() else ordinal(word)
            pos = shown_count if pos == -1 else pos
            if pos not in positions:
                positions.append(pos)
    positions = [p for p in positions if 1 <= p <= shown_count] or list(range(1, shown_count + 1))
    if len(positions) < 2:
        return None
    return CompareRequest(tuple(positions), aspect)


def _fmt(key: str, value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    unit = next((u for suffix, u in UNITS.items() if key.endswith(suffix)), "")
    return f"{value}{unit}"


def _label(key: str) -> str:
    base = key
    for suffix in UNITS:
        if key.endswith(suffix):
            base = key[: -len(suffix)]
            break
    return base.replace("_", " ").capitalize()


def spoken(key: str, value) -> tuple[str, str]:
    """A row key and its value as a sentence says them: ("max_load_kg", 350) → ("max load", "350 kg")."""
    return _label(key).lower(), _fmt(key, value)


def comparison_table(products: list[Product], numbers: list[int] | None = None) -> str:
    """A markdown table: price, rating, brand, every scalar attribute, then features as yes/no. ``numbers``: each
    product's place on the list the shopper sees ("the first and third" → 1 and 3), else 1, 2, …"""
    numbers = numbers or list(range(1, len(products) + 1))
    header = "| | " + " | ".join(f"{i}. {short_name(p)}" for i, p in zip(numbers, products)) + " |"
    rows = [header, "|---" * (len(products) + 1) + "|"]

    def row(label: str, values: list[str]) -> None:
        rows.append(f"| {label} | " + " | ".join(values) + " |")

    row("Price", [price_text(p) for p in products])
    row("Rating", [f"{p.rating:.1f}/5 ({p.review_count:,})" if p.rating is not None else "–" for p in products])
    row("Brand", [p.brand or "–" for p in products])
    keys: list[str] = []
    for p in products:
        for k, v in p.attributes.items():
            if k not in keys and not isinstance(v, list):
                keys.append(k)
    for k in keys:
        row(_label(k), [_fmt(k, p.attributes[k]) if k in p.attributes else "–" for p in products])
    features: list[str] = []
    for p in products:
        features.extend(f for f in p.features if f not in features)
    for f in features:
        row(f, ["yes" if has_attribute(p, f) else "no" for p in products])
    return "\n".join(rows)


def _aspect_value(product: Product, prefixes: tuple[str, ...]) -> tuple[str, float] | None:
    if prefixes == ("price",):
        return ("price", product.price) if product.price is not None else None
    if prefixes == ("rating",):
        return ("rating", product.rating) if product.rating is not None else None
    for key, value in product.attributes.items():
        if key.startswith(prefixes) and isinstance(value, (int, float)) and not isinstance(value, bool):
            grams = value * 1000 if key.endswith("_kg") and any(p.startswith("weight") for p in prefixes) else value
            return key, float(grams)
    return None


def verdict(products: list[Product], aspect: str | None) -> str:
    """One or two sentences from the data: the answer to ``aspect``, or the main differences."""
    if aspect:
        prefixes, smaller_wins = ASPECTS[aspect]
        values = [(p, _aspect_value(p, prefixes)) for p in products]
        known = [(p, kv) for p, kv in values if kv is not None]
        if len(known) < 2:
            missing = ", ".join(short_name(p) for p, kv in values if kv is None)
            return f"The catalog doesn't list that for {missing}, so I can't say which is {aspect}."
        best_p, (key, best) = (min if smaller_wins else max)(known, key=lambda pk: pk[1][1])
        others = [f"{short_name(p)}: {_show(p, k)}" for p, (k, _) in known if p is not best_p]
        if all(abs(v - best) < 1e-9 for _, (_, v) in known):
            return f"They are the same on that: {_show(best_p, key)} each."
        return f"The {short_name(best_p)} is {aspect} ({_show(best_p, key)}; {'; '.join(others)})."
    parts = []
    priced = [p for p in products if p.price is not None]
    if len(priced) >= 2:
        cheap = min(priced, key=lambda p: p.price)
        parts.append(f"the {short_name(cheap)} is cheapest ({price_text(cheap)})")
    rated = [p for p in products if p.rating is not None]
    if len(rated) >= 2:
        best = max(rated, key=lambda p: (p.rating, p.review_count))
        parts.append(f"the {short_name(best)} is best rated ({best.rating:.1f}/5)")
    text = "; ".join(parts)
    return (text[0].upper() + text[1:] + ".") if text else "They are close on the data the catalog has."


def _show(product: Product, key: str) -> str:
    if key == "price":
        return price_text(product)
    if key == "rating":
        return f"{product.rating:.1f}/5"
    return _fmt(key, product.attributes[key])


def render_comparison(products: list[Product], aspect: str | None, numbers: list[int] | None = None) -> str:
    return f"{verdict(products, aspect)}\n\n{comparison_table(products, numbers)}"
