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
    from assistant.understanding.cues import load_cues

    return load_cues()


def _key_unit(key: str, units: dict[str, list]) -> tuple[str, float] | None:
    suffix = key.lower().rsplit("_", 1)[-1]
    hit = units.get(suffix)
    return (str(hit[0]), float(hit[1])) if hit and "_" in key else None


# "4-10", "8+", and a range with a label or a unit around it: "US 5-11" (size), "105-140 cm"
_RANGE = re.compile(r"^\s*(?:([A-Za-z]+)\s+)?(\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*([a-z]+)?\s*$"
                    r"|^\s*(\d+(?:\.\d+)?)\s*\+\s*$")


def _key_named(key: str, words: set[str], key_words: dict[str, list], units: dict[str, list] | None = None) -> bool:
    """Whether a question word names ``key``: one of its own words, or one the cue table relates to it
    ("warm" → temp_rating_c, "people" → players). A key's unit suffix is no name: "come in" does not name
    ``inseam_in``."""
    parts = key.lower().split("_")
    if units and len(parts) > 1 and parts[-1] in units:
        parts = parts[:-1]
    own = {stem(w) for w in parts if len(w) > 1}
    said = {stem(w) for w in words} | {stem(k) for w in words for k in key_words.get(w, ())}
    return bool(own & said)


def compare_quantity(product: Product, question: str) -> tuple[str, str, str] | None:
    """(yes|no, key, verbatim row value) for a number asked against a numeric attribute, or None.

    A number without a unit is held against the key a question word names ("warm enough at -5?"
    → temp_rating_c, in the key's own unit); a range value ("players": "4-10") against a count
    of the key's thing ("can 5 people play?"). A dimension listed in ``lower_limit`` (temperature)
    is a limit: without a comparative, "good for -20" is a yes when the row's rating is at or below it.
    """
    cues = _cues()
    units: dict[str, list] = cues.get("units", {})
    key_words: dict[str, list] = cues.get("key_words", {})
    lower_limit = set(cues.get("lower_limit", []))
    more, less = cues.get("comparatives", {}).get("more", []), cues.get("comparatives", {}).get("less", [])
    t = spelled_quantity(question.lower(), cues)
    clause = _LAST_CLAUSE.search(t)
    if clause and not re.search(r"\d", clause.group(1)) and not _POINTS_BACK.search(clause.group(1)) \
            and _DESCRIBED.search(t[:clause.start()]):
        t = clause.group(1)     # "the marble run with like 1100 pieces, is it plastic?": the number named it
    total = _total_load(product, t, units)
    if total is not None:
        return total
    words = set(re.findall(r"[a-z]+", t))
    bound = _bound(t)
    room = _room(t)
    direction = bound or ("more" if words & set(more) else "less" if words & set(less) else None)
    numeric = {k: v for k, v in product.attributes.items()
               if isinstance(v, (int, float)) and not isinstance(v, bool)}
    # a value written with its unit ("10 in", "750 ml"): its number in that unit, the fact still verbatim
    spelled = {k: m for k, v in product.attributes.items() if isinstance(v, str) and (m := _with_unit(v, units))}
    ranges = {k: v for k, v in product.attributes.items() if isinstance(v, str) and _RANGE.match(v)}
    title = re.sub(r"[\s,]+", "", product.title.lower())
    sized = _size_number(t, ranges, cues)
    if sized is not None:
        return sized
    for m in _NUMBER.finditer(t):
        if not direction and (re.sub(r"[\s,]+", "", m.group(0)) in title or _named_amount(m, product.title, units)):
            continue          # "the Kinetic 32 kg dumbbells" ("… twenty kilo kettlebell"): the name, not the weight
        number, unit = float(m.group(1).replace(",", ".")), m.group(2) or ""
        below_zero = number < 0 and (m.start() == 0 or not t[m.start() - 1].isalnum())    # not "4-10"
        if unit in ("st", "nd", "rd", "th", "year", "years", "yr", "yrs", "month", "months"):
            continue          # an ordinal or an age: other readings decide
        asked = units.get(unit)
        # "does it hold 1.5l" on a 1.7 l kettle: what it takes in at least, not exactly (``room_words``)
        direction_here = direction or ("at_least" if room is not None and room < m.start() else None)
        if unit and not asked:
            # "can 5 people play?": the word after the number names the key (players) before any other word does
            for key, raw in ranges.items():
                if _key_named(key, {unit}, key_words, units) and _same_unit(raw, unit):
                    return _in_range(raw, number), key, raw
        for key, raw in [*numeric.items(), *spelled.items()]:
            if isinstance(raw, tuple):       # "10 in": the value's own unit, not the key's
                (amount, own), raw = raw, product.attributes[key]
                if not asked or own[0] != asked[0]:
                    continue
                value, target = amount * own[1], number * float(asked[1])
            elif asked and (own := _key_unit(key, units)) and own[0] == asked[0]:
                value, target = float(raw) * own[1], number * float(asked[1])
            elif unit and len(unit) > 2 and (stem(unit) in {stem(w) for w in key.lower().split("_")[1:]} or
                                             key.lower().endswith("_count") and stem(unit) == stem(key.split("_")[0])):
                # ("500 pieces" of piece_count: a count of its first word)
                value, target = float(raw), number
            elif not asked and (own := _key_unit(key, units)) and _key_named(key, words - {unit}, key_words, units):
                value, target = float(raw), number          # no unit: the key's own
            elif (not unit or unit not in units) and below_zero and (own := _key_unit(key, units)) \
                    and own[0] in lower_limit:
                # "ok down to -30?": no word names the key, but counts, weights and sizes never go below
                # zero — a limit's dimension (temperature) does
                value, target = float(raw), number
            else:
                continue
            own = _key_unit(key, units) if not isinstance(product.attributes[key], str) else own
            if direction is None and own and own[0] in lower_limit:
                direction_here = None     # "warm enough for -5": a limit, whatever asks for room (below)
            elif direction_here is None and _LIMIT_KEY.search(key.lower()) \
                    and (room is not None or _TAKES.search(t) and not _LIMIT_SAID.search(t)):
                # "i'm 120 kg …, will it hold that", "will it take 230 kg": a load limit takes what is said
                # (not "is the max load 230?", which asks the limit itself)
                direction_here = "at_least"
            if direction_here == "more":
                verdict = value > target
            elif direction_here == "less":
                verdict = value < target
            elif direction_here == "at_least":
                verdict = value >= target - 1e-9
            elif direction_here == "at_most":
                verdict = value <= target + 1e-9
            elif own and own[0] in lower_limit:
                verdict = value <= target
            else:
                # "weighs about a kilo" of 900 g: said roughly, a tenth either way is the same amount
                rough = 0.1 if _ROUGHLY.search(t[max(0, m.start() - 25):m.start()]) \
                    or _OR_SO.match(t[m.end():]) else 0.01
                verdict = abs(value - target) <= rough * max(abs(target), 1e-9)
            return ("yes" if verdict else "no"), key, str(raw)
        for key, raw in ranges.items():
            if not _key_named(key, words | ({unit} if unit else set()), key_words, units) or not _same_unit(raw, unit):
                continue
            return _in_range(raw, number), key, raw
        measured = _measured_range(ranges, number, asked, units, direction_here)
        if measured is not None:
            return measured
    return None


def _measured_range(ranges: dict[str, str], number: float, asked: list | None, units: dict[str, list],
                    direction: str | None) -> tuple[str, str, str] | None:
    """A number said in a unit against a range written in a unit of the same dimension: "extend to 54 inches?" of
    "105-140 cm" (137 cm: yes); with a direction, the range's far end ("more than 50 inches?": 140 cm > 127 cm).

    >>> units = {"inches": ["length", 25.4], "cm": ["length", 10]}
    >>> _measured_range({"size": "105-140 cm"}, 54, units["inches"], units, None)
    ('yes', 'size', '105-140 cm')
    >>> _measured_range({"size": "105-140 cm"}, 60, units["inches"], units, None)[0]
    'no'
    """
    if not asked:
        return None
    for key, raw in ranges.items():
        r = _RANGE.match(raw)
        own = units.get(r.group(4)) if r.group(4) else None
        if not own or own[0] != asked[0] or not r.group(3):
            continue
        low, high = float(r.group(2)), float(r.group(3))
        target = number * float(asked[1]) / float(own[1])
        if direction in ("more", "at_least"):
            fits = high >= target if direction == "at_least" else high > target
        elif direction in ("less", "at_most"):
            fits = low <= target if direction == "at_most" else low < target
        else:
            fits = low - 1e-9 <= target <= high + 1e-9
        return ("yes" if fits else "no"), key, raw
    return None


_ROUGHLY = re.compile(r"\b(?:about|around|roughly|approximately|approx|circa|near enough|something like)\s+(?:an?\s+)?$|~\s*$")
_OR_SO = re.compile(r"\s*(?:[a-z]+\s+)?(?:or so|ish|-ish|give or take|or thereabouts|or around there)\b")
# a row key that is a limit (max_load_kg, capacity_l): a quantity said before the room word is what it must take
_LIMIT_KEY = re.compile(r"(?:^|_)(?:max|maximum|capacity|load|limit)(?:_|$)")
# a yes / no clause after a lead, and what in it points back at a quantity the lead said ("…, will it take that")
_LAST_CLAUSE = re.compile(r",\s*((?:is|are|does|do|has|have|will|would|can|could) (?:it|they)\b[^,]*)$")
_POINTS_BACK = re.compile(r"\b(?:that|this|those|enough|all|both|take|takes|hold|holds|handle|support|carry|fit|fits|"
                          r"last|lasts|cope|manage)\b")
# a count that describes the product named in the lead ("the marble run with like 1100 pieces")
_DESCRIBED = re.compile(r"\bwith (?:like |about |around |roughly |maybe )?\d")
# a load said in parts ("i'm 110 kilos and i'd put another 100 on the bar, can it take that"): the parts add up
TOTAL_SAID = re.compile(r"\b(?:take|hold|handle|support|carry|bear) (?:that|all that|it all|both|the lot|the total)\b"
                    r"|\b(?:in total|combined|altogether)\b")


def _named_amount(m: re.Match, title: str, units: dict[str, list]) -> bool:
    """Whether the amount ``m`` (a number and a unit word) is one the title states in a unit of the same dimension
    ("20 kilo" of a "20 kg" kettlebell)."""
    asked = units.get(m.group(2) or "")
    if not asked:
        return False
    number = float(m.group(1).replace(",", "."))
    return any(float(n.replace(",", ".")) == number and (u := units.get(w or "")) and u[0] == asked[0]
               for n, w in _NUMBER.findall(title.lower()))


def _total_load(product: Product, t: str, units: dict[str, list]) -> tuple[str, str, str] | None:
    """(yes|no, key, value) of the row's one load limit against the sum of the amounts the question says, when it
    asks whether the product takes them all ("… can the bench take that"); None otherwise.

    >>> bench = Product(id="b", title="Bench", attributes={"max_load_kg": 250})
    >>> _total_load(bench, "i'm 110 kilos and want to bench 150, can it take that", {"kilos": ["weight", 1000],
    ...                                                                              "kg": ["weight", 1000]})
    ('no', 'max_load_kg', '250')
    """
    if not TOTAL_SAID.search(t):
        return None
    limits = [(k, v, own) for k, v in product.attributes.items() if isinstance(v, (int, float))
              and not isinstance(v, bool) and _LIMIT_KEY.search(k.lower()) and (own := _key_unit(k, units))]
    if len(limits) != 1:
        return None
    key, raw, own = limits[0]
    amounts, factor = [], own[1]
    for m in _NUMBER.finditer(t):
        asked = units.get(m.group(2) or "")
        if asked and asked[0] != own[0]:
            continue
        factor = float(asked[1]) if asked else factor      # a bare number: in the unit said last
        amounts.append(float(m.group(1).replace(",", ".")) * factor)
    if len(amounts) < 2:
        return None
    return ("yes" if float(raw) * own[1] >= sum(amounts) - 1e-9 else "no"), key, str(raw)


_TAKES = re.compile(r"\b(?:take|takes|handle|handles|support|supports|bear|bears|manage|cope with|hold up)\b")
_LIMIT_SAID = re.compile(r"\b(?:max|maximum|limit|capacity|rated|rating|load)\b")


def _room(text: str) -> int | None:
    """Where the first word that asks for room ("enough", "hold", "fits": ``room_words``) ends, else None."""
    from assistant.understanding.verdicts import _table

    words = _table().get("room_words", [])
    hits = [m.end() for w in words for m in [re.search(rf"\b{re.escape(w)}\b", text)] if m]
    return min(hits) if hits else None


def people_count(text: str, cues: dict | None = None) -> str:
    """A number of people said as a group or in words, as "<digits> people" / digits: "is it big enough for
    six of us" → "is it big enough for 6 people", "ok for a family of four?" → "ok for a 4 people?",
    "can five players join" → "can 5 players join" (``people_group_before`` / ``_after``, ``counted_people``,
    ``capacity_verbs`` in ``lang/en/verdicts.yaml``; ``number_words`` in ``cues.yaml``).

    >>> people_count("is the tent big enough for six of us"), people_count("would it work for a group of 6")
    ('is the tent big enough for 6 people', 'would it work for a 6 people')
    >>> people_count("can three players play?"), people_count("does it sleep four"), people_count("one of them")
    ('can 3 players play?', 'does it sleep 4', 'one of them')
    >>> people_count("is it good for 6 person?"), people_count("the 2 person tent")
    ('is it good for 6 people?', 'the 2 person tent')
    """
    from assistant.understanding.verdicts import _table

    cues = cues if cues is not None else _cues()
    table = _table()
    numbers = cues.get("number_words", {})
    spelled = "|".join(re.escape(w) for w in sorted(numbers, key=len, reverse=True) if " " not in w)
    number = rf"(\d+|{spelled})" if spelled else r"(\d+)"

    def digits(word: str) -> str:
        return word if word.isdigit() else f"{numbers[word.lower()]:g}"

    before = "|".join(re.escape(w) for w in table.get("people_group_before", []))
    after = "|".join(re.escape(w) for w in table.get("people_group_after", []))
    nouns = "|".join(re.escape(w) for w in table.get("counted_people", []))
    verbs = "|".join(re.escape(w) for w in table.get("capacity_verbs", []))
    alone = "|".join(re.escape(w) for w in table.get("alone_words", []))
    if alone and re.search(r"\b(?:play|plays|played|playing|game|games|use|used|using|do|doing)\b", text, flags=re.I):
        text = re.sub(rf"\b(?:{alone})\b", "with 1 player", text, flags=re.I)    # "can you play it by yourself"
    # "good for 6 person?": a count said with the singular noun (not "a 6-person tent")
    text = re.sub(rf"\b{number}\s+person\b(?!-|\s*[a-z])", lambda m: f"{digits(m.group(1))} people", text, flags=re.I)
    if after:
        text = re.sub(rf"\b(?:{after})\s+{number}\b", lambda m: f"{digits(m.group(1))} people", text, flags=re.I)
    if before:
        # "one of them" is a pick, not a group of one
        text = re.sub(rf"\b{number}\s+(?:{before})\b",
                      lambda m: m.group(0) if digits(m.group(1)) == "1" else f"{digits(m.group(1))} people", text,
                      flags=re.I)
    if spelled and nouns:
        text = re.sub(rf"\b({spelled})(?=\s+(?:{nouns})\b)", lambda m: digits(m.group(1)), text, flags=re.I)
    if spelled and verbs:
        # "sleeps four", not "holds one full litre" / "takes two aa batteries" (a quantity: the unit readings decide)
        measures = "|".join(re.escape(u) for u in sorted(cues.get("units", {}), key=len, reverse=True))
        text = re.sub(rf"\b((?:{verbs})\s+(?:up to\s+)?)({spelled})\b(?!\s+(?:of|full|whole|{measures})\b)",
                      lambda m: m.group(1) + digits(m.group(2)), text, flags=re.I)
    return text


def _bound(text: str) -> str | None:
    """ "at least 30 litres" → "at_least", "no more than 2 kg" → "at_most" (``lang/en/verdicts.yaml``), else None."""
    from assistant.understanding.verdicts import _table

    table = _table()
    if re.search(r"\d\s*[a-z]{0,5}\s*\+(?![\d+])", text):
        return "at_least"        # "30h+ battery?", "a 5+ hour run time": the number or more
    for name in ("at_least", "at_most"):
        if any(re.search(rf"\b{re.escape(p)}\b", text) for p in table.get(f"bound_{name}", [])):
            return name
    return None


def _with_unit(value: str, units: dict[str, list]) -> tuple[float, tuple[str, float]] | None:
    """ "10 in" → (10.0, ("length", 25.4)); "750 ml" → (750.0, ("volume", 1.0)); anything else → None."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*", value.lower())
    hit = units.get(m.group(2)) if m else None
    return (float(m.group(1)), (str(hit[0]), float(hit[1]))) if hit else None


def spelled_quantity(text: str, cues: dict | None = None) -> str:
    """A quantity said in words, as digits: "lighter than a kilo" → "lighter than 1 kilo", "ok at minus 30"
    → "ok at -30" (``quantity_one``, ``quantity_minus``, ``units`` in ``lang/en/cues.yaml``).

    >>> spelled_quantity("is it lighter than a kilo, ok at minus 30?")
    'is it lighter than 1 kilo, ok at -30?'
    >>> spelled_quantity("does it take a full litre?")
    'does it take 1 litre?'
    >>> spelled_quantity("does it come in a box"), spelled_quantity("it gets to minus five at night")
    ('does it come in a box', 'it gets to -5 at night')
    """
    cues = cues if cues is not None else _cues()
    units = sorted((u for u in cues.get("units", {}) if len(u) > 2), key=len, reverse=True)
    one, minus = cues.get("quantity_one"), cues.get("quantity_minus")     # word lists, compiled by load_cues
    if one is not None and units:
        # ("a full litre", "a whole kilo": one of the unit)
        text = re.sub(r"\b(?:" + one.pattern + r")\s+(?:(?:full|whole|good|solid|single)\s+)?(?=(?:"
                      + "|".join(map(re.escape, units)) + r")\b)", "1 ", text)
    if minus is not None:
        words = cues.get("number_words", {})
        if words:
            # "minus five": a number word after minus is a number below zero
            text = re.sub(r"\b(?:" + minus.pattern + r")\s+(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                          + r")\b", lambda m: f"-{words[m.group(1)]}", text)
        text = re.sub(r"\b(?:" + minus.pattern + r")\s*(?=\d)", "-", text)
    return text


def _size_number(text: str, ranges: dict[str, str], cues: dict) -> tuple[str, str, str] | None:
    """ "do they come in a 14" / "in a size 30": the bare number against the row's size range ("US 7-13")."""
    from assistant.understanding.verdicts import _table

    pattern = cues.get("size_number")
    m = pattern.search(text) if pattern is not None else None
    body = "|".join(re.escape(w) for w in _table().get("size_body", []))
    # "do they go up to a 38 waist?", "a 42 chest": a bare number said with a body measure is a size
    b = re.search(rf"\b(\d+(?:\.\d+)?)\s*(?:in(?:ch(?:es)?)?\s+|\"\s*)?(?:{body})\b", text) if body else None
    if not m and not b:
        return None
    number = float(next(g for g in m.groups() if g) if m else b.group(1))
    for key, raw in ranges.items():
        if "size" in key.lower().split("_") and _same_unit(raw, ""):
            return _in_range(raw, number), key, raw
    return None


def _same_unit(raw: str, unit: str) -> bool:
    """A range that names its unit ("105-140 cm") holds only a number in that unit (or none)."""
    own = _RANGE.match(raw).group(4)
    return not own or not unit or own == unit


def _in_range(raw: str, number: float) -> str:
    """ "4-10" holds 5 → "yes"; "8+" does not hold 7 → "no"; "US 5-11" does not hold 12."""
    r = _RANGE.match(raw)
    low = float(r.group(2) or r.group(5))
    high = float(r.group(3)) if r.group(3) else None
    return "yes" if low <= number and (high is None or number <= high) else "no"


_CONVERT = re.compile(r"\bin ([a-z]+)\W*$")


def convert_quantity(product: Product, question: str) -> tuple[str, str, str] | None:
    """ "and in ounces?" / "how heavy is it in lbs": (key, verbatim row value, the value in the asked
    unit) from the row's numeric key of the asked unit's dimension (weight_g for ounces), or None."""
    units: dict[str, list] = _cues().get("units", {})
    m = _CONVERT.search(question.lower())
    asked = units.get(m.group(1)) if m else None
    if asked is None or re.search(r"\d", question):
        return None
    for key, raw in product.attributes.items():
        own = _key_unit(key, units)
        if own and own[0] == asked[0] and isinstance(raw, (int, float)) and not isinstance(raw, bool):
            value = float(raw) * own[1] / float(asked[1])
            shown = f"{value:,.1f}".rstrip("0").rstrip(".") if value < 100 else f"{value:,.0f}"
            return key, str(raw), f"{shown} {m.group(1)}"
    return None


# words that ask for a volume without naming a unit ("capacity of the kettle?")
_VOLUME_WORDS = ("capacity", "volume")


def text_quantity(product: Product, question: str, fact: str | None) -> str | None:
    """The amount asked in a unit's dimension ("how many liters", "capacity of …" = volume): the one
    row key in that dimension (``capacity_l``), else the amount the title or description states
    ("… 34L Daypack", "It holds 1.7 litres"), verbatim. None when ``fact`` (what the row's
    reading found) already is such an amount, or nothing holds one.

    >>> bag = Product(id="b", title="Boreal 34L Daypack", attributes={"size": "M/L"})
    >>> text_quantity(bag, "how many liters is it", "M/L")
    '34L'
    >>> text_quantity(bag, "how many liters is it", "30 L") is None
    True
    >>> text_quantity(Product(id="k", title="Kettle", attributes={"capacity_l": 1.7}), "capacity of the kettle?", None)
    '1.7'
    """
    units = _cues().get("units", {})
    words = re.findall(r"[a-z]+", question.lower())
    # a unit asked for ("how many liters", "and in ounces?", "10 feet"), not a word that is one too ("my feet swell")
    dims = {str(units[w][0]) for w in words if w in units and len(w) > 2
            and re.search(rf"(?:\d\s*|\bhow (?:many|much) |\bin |\bthe )(?:[a-z]+ )?{w}\b", question.lower())}
    if any(w in _VOLUME_WORDS for w in words):
        dims.add("volume")
    if not dims:
        return None
    spelled = [u for u, (dim, _) in units.items() if str(dim) in dims and u != "in"]
    amount = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?\s?(?:" + "|".join(sorted(map(re.escape, spelled), key=len, reverse=True))
                        + r")(?![a-z])", re.I)
    if fact and amount.search(fact):
        return None
    keyed = [(k, v) for k, v in product.attributes.items() if (_key_unit(k, units) or ("",))[0] in dims
             and isinstance(v, (int, float))]
    if len(keyed) == 1:
        if fact == str(keyed[0][1]):
            return None           # already read from that key (and maybe converted: "and in ounces?")
        return str(keyed[0][1])   # "how many liters": the one key in litres (capacity_l), whatever else was read
    if keyed:
        return None
    for text in (product.title, product.description or ""):
        m = amount.search(text)
        if m:
            return m.group(0)
    return None


def count_capacity(product: Product, question: str) -> tuple[str, str, str] | None:
    """(verdict, key, the row's value) for "does it fit 4 people?" against a row value "2-person": the asked
    number of a capacity unit (``capacity_units`` in ``lang/en/cues.yaml``) against the row's own number."""
    from assistant.understanding.cues import load_cues

    units = {u.lower() for u in load_cues().get("capacity_units", ())}
    from assistant.understanding.verdicts import _table

    asked = [(m.group(1), m.group(2)) for m in re.finditer(r"\b(\d+)\s*-?\s*([a-z]+)", question.lower())
             if m.group(2) in units]
    verbs = "|".join(re.escape(v) for v in _table().get("capacity_verbs", []))
    if not asked and verbs:
        # "does it sleep 4?", "seats 6?": a bare count after a verb of taking people in; the unit is the row's
        measures = load_cues().get("units", {})
        asked = [(m.group(1), "") for m in re.finditer(rf"\b(?:{verbs})\s+(?:up to\s+)?(\d+)\b(?![.,]\d|\s*[%$])"
                                                         r"(?:\s*([a-z]+))?", question.lower())
                 if m.group(2) not in measures]       # "holds 2 litres" is a quantity, not a count
    title = " ".join(re.findall(r"[a-z0-9]+", product.title.lower()))
    if len(asked) != 1 or f" {asked[0][0]} {asked[0][1]} " in f" {title} ":
        return None          # "the Fjellborn Tarn 1 person one": the name, not a question about the count
    for key, raw in product.attributes.items():
        if isinstance(raw, (list, bool, int, float)):
            continue
        m = re.fullmatch(r"\s*(\d+)\s*-?\s*([a-z]+)\s*", str(raw).lower())
        if m and m.group(2) in units and asked[0][1] and _room(question.lower()) is None:
            # "is it a 2 person tent?": the count as the row states it (but "big enough for 2 people": below)
            return ("yes" if m.group(1) == asked[0][0] else "no"), key, str(raw)
        if m and m.group(2) in units:
            # a bare count: the row's number holds it when at least as many ("sleep 2" in a 3-person tent)
            return ("yes" if int(asked[0][0]) <= int(m.group(1)) else "no"), key, str(raw)
    return None
