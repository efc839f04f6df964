"""Money and price ranges in free text, by rules (never left to a small LLM).

A number is read as money only when something says it is: a currency sign or word
("$150", "150 bucks", "€80"), a price word nearby ("budget", "spend", "price"), or a
comparator followed by nothing that looks like a unit ("under 150", but not "at least
14 inches" or "about 36 appetizers"). Real shopper text is full of sizes and counts, so
false budgets are the main risk.

>>> extract_budget("between 50 and 80 dollars")
Budget(min=50.0, max=80.0, currency='USD')
>>> extract_budget("around 60")
Budget(min=None, max=72.0, currency='USD')
>>> extract_budget("hair extensions that are at least 14 inches long") is None
True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

AROUND_SLACK = 1.2   # "around 60" → at most 72: a cheaper item is fine, a much dearer one is not

_WORD_NUMS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_WORD_NUM_RE = re.compile(
    r"\b((?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?)\s+(hundred|thousand|grand)\b"
    r"|\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|ten|fifteen|twelve)(?=\s+(?:dollars?|bucks|euros?|quid)\b)"
)

MAX_AMOUNT = 1e9   # larger numbers are typos or attacks, never a price (they overflow int())
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d{1,2})?)(k\b)?"
_PRE = r"(\$|us\$|usd\s?|€|eur\s?|£|gbp\s?)"
_POST = r"\s*(dollars?|bucks|usd|euros?|eur|quid|gbp|pounds? sterling)\b"
_MONEY = rf"(?:{_PRE}\s*{_NUM}(?:{_POST})?|{_NUM}{_POST}|{_NUM})"
_MAX_CUES = (r"nothing (?:over|above|more than)|not (?:over|above)|under|below|beneath|less than|lower than|cheaper than|no more than|not more than|not over|"
             r"up to|upto|max(?:imum)?(?: of)?|at most|within|tops|no higher than|sub-?|<=?|spend(?: up to)?|"
             r"pay(?: up to)?|cap(?: of| at)?|limit(?: of| is)?|budget(?: is| of)?(?: just| only)?")
_MIN_CUES = r"over|above|more than|at least|minimum(?: of)?|min|starting at|from|>=?"
_AROUND_CUES = r"around|about|roughly|approximately|approx\.?|~|somewhere near|close to|ish"
_POST_MAX = r"or less|or under|or below|max(?:imum)?|tops|at most|or cheaper|and under|and below|limit|budget"
_POST_MIN = r"or more|and up|and above|or above|plus|\+|minimum|at least"
_RANGE = rf"(?:between|from)?\s*{_MONEY}\s*(?:-|–|to|and)\s*{_MONEY}"
_PRICE_CONTEXT = re.compile(r"\b(budget|spend|spending|price[ds]?|cost|costs|pay|paying|afford|bucks|dollars?|euros?|quid|cheap|\$|€|£)")
# words that make a bare number something other than money
_UNIT_AFTER = re.compile(
    r"\s*(?:-\s*)?(%|x\s*\d|by\b|inch|in\b|\"|”|'|cm|mm|m\b|meters?|metres?|ft|feet|foot|yards?|oz|ounces?|lbs?|pounds?|"
    r"kg|g\b|grams?|ml|l\b|liters?|litres?|gal|gallons?|gb|tb|mb|mah|w\b|watts?|v\b|volts?|hz|k\b(?!\s*(?:dollars?|bucks))|"
    r"pack|pk|pcs|pieces?|count|ct|items?|pairs?|sets?|players?|people|persons?|years?|yrs?|months?|weeks?|days?|hours?|hrs?|"
    r"min|mins|minutes?|seconds?|stars?|reviews?|ratings?|calories|cal|mg|servings?|degrees?|°|size|sizes|"
    r"[a-z]{3,})", re.I)
# words after a bare number that still let it be money ("under 150 for hiking", "over 150 though")
_FOLLOWERS = (r"\s*(?:$|[.,;!?)]|(?:and|or|to|for|please|pls|plz|tops|max|but|with|so|if|i|in total|total|each|is|would|"
              r"should|could|though|tho|that|thats|which|a|an|the|on|at|because|since|ok|okay|then|now|preferably|ideally|"
              r"if possible|or so|is fine|works|would be|max(?:imum)?|please|thanks|thx|lol|haha|either|instead|total|then)\b)")
# words that may stand right before a bare amount ("make it 120 max", "spend 45", "under 150")
_BEFORE_MONEY = {
    "it", "is", "be", "of", "for", "to", "at", "about", "around", "like", "maybe", "say", "spend", "budget", "under",
    "below", "max", "maximum", "and", "or", "with", "than", "me", "keep", "got", "have", "pay", "paying", "cost",
    "costs", "just", "only", "roughly", "approximately", "approx", "least", "most", "over", "above", "between", "from",
    "upto", "up", "within", "tops", "limit", "cap", "sub", "min", "minimum", "that", "this", "do", "go", "make",
    "mmm", "hmm", "ok", "okay", "so", "lets", "let's", "about", "near", "till", "til", "exceed", "exceeding",
    "beyond", "beneath", "nothing", "not", "no", "lower", "less", "more", "higher", "cheaper", "pricier", "but",
    "then", "now", "was", "were", "are", "am", "i", "we", "you", "tight", "plan", "planning", "looking", "want",
    "a", "an", "the", "those", "these", "stay", "staying", "kept", "somewhere", "usd", "eur", "gbp", "us",
}
_SIZE_BEFORE = re.compile(r"\b(size|sizes|length|width|height|waist|inseam|chest|pack of|set of|age[sd]?|aged|weight|capacity)\b(?:\s+(?:between|from|around|about|of|is|:))?\s*$")


@dataclass(frozen=True)
class Budget:
    """A stated price range. ``approx`` marks "around X" (a softer statement)."""

    min: float | None = None
    max: float | None = None
    currency: str | None = None
    approx: bool = False

    def __repr__(self) -> str:
        return f"Budget(min={self.min}, max={self.max}, currency={self.currency!r})"


def _words_to_digits(text: str) -> str:
    """ "a hundred bucks" → "100 bucks", "two grand" → "2000", "fifty dollars" → "50 dollars". """

    def repl(m: re.Match) -> str:
        if m.group(3):
            return str(_WORD_NUMS[m.group(3)])
        head, scale = m.group(1), m.group(2)
        parts = re.split(r"[ -]", head)
        value = sum(_WORD_NUMS.get(p, 0) for p in parts)
        return str(value * (100 if scale == "hundred" else 1000))

    return _WORD_NUM_RE.sub(repl, text)


def _value(number: str, k: str | None) -> float:
    value = float(number.replace(",", ""))
    return value * 1000 if k else value


def _currency(fragment: str) -> str | None:
    if "€" in fragment or re.search(r"\beur(?:os?)?\b", fragment):
        return "EUR"
    if "£" in fragment or re.search(r"\b(?:gbp|quid|pounds? sterling)\b", fragment):
        return "GBP"
    if "$" in fragment or re.search(r"\b(?:usd|dollars?|bucks)\b", fragment):
        return "USD"
    return None


@dataclass(frozen=True)
class _Amount:
    value: float
    start: int
    end: int
    marked: bool          # a currency sign/word says it is money
    currency: str | None


def _amounts(t: str) -> list[_Amount]:
    """Every number in ``t`` with whether it is explicitly money, unit-looking ones dropped."""
    out: list[_Amount] = []
    for m in re.finditer(rf"(?<![\w.]){_PRE}?\s*{_NUM}(?:{_POST})?", t):
        pre, number, k, post = m.group(1), m.group(2), m.group(3), m.group(4)
        if number is None:
            continue
        value = _value(number, k)
        if not math.isfinite(value) or value > MAX_AMOUNT:   # "$" + "9" * 400 is not a budget
            continue
        marked = bool(pre or post)
        end = m.end()
        if not marked:
            after = t[end:end + 12]
            if _UNIT_AFTER.match(after) and not re.match(_FOLLOWERS, after):
                continue
            if _SIZE_BEFORE.search(t[max(0, m.start() - 14):m.start()]):
                continue
            if re.match(r"\s*(?:x|by|\*|:|/)\s*\d", after) or re.search(r"\d\s*(?:x|by|\*|:|/)\s*$", t[max(0, m.start() - 5):m.start()]):
                continue
            if re.search(r"[a-z]$", t[max(0, m.start() - 1):m.start()]):   # "i5", "ps4"
                continue
            if value == int(value) and 1950 <= value <= 2100 and not k:      # "from 2006 - 2012": years
                continue
            prev = re.search(r"([a-z]+)\s*$", t[max(0, m.start() - 16):m.start()])
            if prev and prev.group(1) not in _BEFORE_MONEY:                   # "iphone 12 max": a model number
                continue
        cur = _currency(m.group(0))
        out.append(_Amount(value, m.start(), end, marked, cur))
    return out


def _cue_before(t: str, start: int, cues: str) -> bool:
    window = t[max(0, start - 28):start]
    return re.search(rf"(?:^|[^a-z])(?:{cues})\s*(?:of\s+|about\s+|around\s+|like\s+|maybe\s+|just\s+|roughly\s+)?$", window) is not None


def _cue_after(t: str, end: int, cues: str) -> bool:
    return re.match(rf"\s*(?:{cues})(?:[^a-z]|$)", t[end:end + 16]) is not None


def extract_budget(text: str, assume_money: bool = False) -> Budget | None:
    """The price range ``text`` states, or None when it states none.

    ``assume_money``: the conversation is already about a budget ("make it 35" after
    "under 50"), so a bare number that does not look like a size or count is money.
    """
    t = _words_to_digits(" ".join(text.lower().replace("’", "'").split()))
    amounts = _amounts(t)
    if not amounts:
        return None
    if assume_money:
        amounts = [_Amount(a.value, a.start, a.end, True, a.currency) for a in amounts]
    price_context = _PRICE_CONTEXT.search(t) is not None
    lo = hi = None
    currency = None
    approx = False
    used: set[int] = set()
    # ranges first: "between 50 and 80", "$50-80", "50 to 80 dollars"
    for a, b in zip(amounts, amounts[1:]):
        gap = t[a.end:b.start]
        if re.fullmatch(r"\s*(?:-|–|to|and)\s*", gap) and (a.marked or b.marked or price_context
                                                          or _cue_before(t, a.start, "between|from")):
            if gap.strip() == "and" and not _cue_before(t, a.start, "between|from"):
                continue
            if b.value < a.value and not b.marked:
                continue
            lo, hi = min(a.value, b.value), max(a.value, b.value)
            currency = a.currency or b.currency
            used.update((id(a), id(b)))
            break
    if lo is None and hi is None:
        for a in amounts:
            explicit = a.marked or price_context
            near = t[max(0, a.start - 14):a.start]
            if re.search(rf"(?:^|[^a-z])(?:{_AROUND_CUES})\s*(?:\$|€|£)?\s*$", near) and hi is None:
                if a.marked or explicit or _bare_ok(t, a):
                    hi, approx, currency = round(a.value * AROUND_SLACK, 2), True, currency or a.currency
            elif _cue_before(t, a.start, _MAX_CUES) or _cue_after(t, a.end, _POST_MAX):
                if a.marked or explicit or _bare_ok(t, a):
                    hi, currency = a.value, currency or a.currency
            elif _cue_before(t, a.start, _MIN_CUES) or _cue_after(t, a.end, _POST_MIN):
                if a.marked or explicit or _bare_ok(t, a):
                    lo, currency = a.value, currency or a.currency
            elif _cue_before(t, a.start, _AROUND_CUES) or _cue_after(t, a.end, "ish"):
                if (a.marked or explicit or _bare_ok(t, a)) and hi is None:
                    hi, approx, currency = round(a.value * AROUND_SLACK, 2), True, currency or a.currency
            elif a.marked and hi is None and lo is None:
                hi, currency = a.value, a.currency       # "150 bucks", "€80": a plain amount is a ceiling
    if lo is None and hi is None:
        return None
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return Budget(lo, hi, currency or "USD", approx)


def _bare_ok(t: str, a: _Amount) -> bool:
    """A bare number after a comparator is money when nothing after it looks like a unit."""
    return re.match(_FOLLOWERS, t[a.end:a.end + 14]) is not None and a.value >= 1


