"""Questions that hold a number against a numeric row value: "is it heavier than 1kg?", "does it make 12 cups?".

The row's key carries its unit (``weight_g``, ``capacity_l``, ``capacity_cups``); the question's
unit words and comparatives come from ``lang/en/cues.yaml`` (``units``: word → [dimension,
factor to the dimension's base]; ``comparatives``: more / less words). A number with a unit
of the same dimension as a key's unit is converted, compared, and answered with the row's
value verbatim; a number followed by a key's own word ("12 cups" → ``capacity_cups``) is
checked for equality. Nothing matched → None (the other readings decide).

>>> from retrieval.catalog.product import Product
>>> pan = Product(id="p", title="Maple Pan", attributes={"weight_g": 3400, "capacity_cups": 4})
>>> compare_quantity(pan, "is it heavier than 1kg?")
('yes', 'weight_g', '3400')
>>> compare_quantity(pan, "does it make 12 cups?")
('no', 'capacity_cups', '4')
>>> compare_quantity(pan, "is it blue?") is None
True
"""

from __future__ import annotations

import re

from retrieval.catalog.product import Product
from retrieval.text import stem

_NUMBER = re.compile(r"(-?\d+(?:[.,]\d+)?)\s*([a-z]+)?")


def _cues() -> dict:
    from assistant.understanding.rules import load_cues     # rules imports the portrait stack: load lazily

    return load_cues()


def _key_unit(key: str, units: dict[str, list]) -> tuple[str, float] | None:
    suffix = key.lower().rsplit("_", 1)[-1]
    hit = units.get(suffix)
    return (str(hit[0]), float(hit[1])) if hit and "_" in key else None


def compare_quantity(product: Product, question: str) -> tuple[str, str, str] | None:
    """(yes|no, key, verbatim row value) for a number asked against a numeric attribute, or None."""
    cues = _cues()
    units: dict[str, list] = cues.get("units", {})
    more, less = cues.get("comparatives", {}).get("more", []), cues.get("comparatives", {}).get("less", [])
    t = question.lower()
    words = set(re.findall(r"[a-z]+", t))
    direction = "more" if words & set(more) else "less" if words & set(less) else None
    numeric = {k: v for k, v in product.attributes.items()
               if isinstance(v, (int, float)) and not isinstance(v, bool)}
    title = re.sub(r"[\s,]+", "", product.title.lower())
    for m in _NUMBER.finditer(t):
        if not direction and re.sub(r"[\s,]+", "", m.group(0)) in title:
            continue          # "the Kinetic 32 kg dumbbells": the name, not a question about the weight
        number, unit = float(m.group(1).replace(",", ".")), m.group(2) or ""
        asked = units.get(unit)
        for key, raw in numeric.items():
            own = _key_unit(key, units)
            if asked and own and own[0] == asked[0]:
                value, target = float(raw) * own[1], number * float(asked[1])
            elif unit and len(unit) > 2 and stem(unit) in {stem(w) for w in key.lower().split("_")[1:]}:
                value, target = float(raw), number
            else:
                continue
            if direction == "more":
                verdict = value > target
            elif direction == "less":
                verdict = value < target
            else:
                verdict = abs(value - target) <= 0.01 * max(abs(target), 1e-9)
            return ("yes" if verdict else "no"), key, str(raw)
    return None
