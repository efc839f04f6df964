"""Money: the one parser of amounts and price ranges, and the one price formatter.

A number is read as money only when something says it is: a currency sign or word
("$150", "150 bucks", "€80"), a price word nearby ("budget", "spend", "price"), or a
comparator followed by nothing that looks like a unit ("under 150", but not "at least
14 inches" or "about 36 appetizers"). Real shopper text is full of sizes and counts, so
false budgets are the main risk. The words come from the language tables
(``retrieval/text/lang/<code>/money.yaml``); the patterns are built here once.

>>> extract_budget("between 50 and 80 dollars")
Budget(min=50.0, max=80.0, currency='USD')
>>> extract_budget("around 60")
Budget(min=None, max=72.0, currency='USD')
>>> extract_budget("hair extensions that are at least 14 inches long") is None
True
>>> extract_budget("prices are $0 now") is None    # a ceiling of nothing is no budget
True
>>> [(a.value, a.currency) for a in money_amounts("It costs $129.99, not 99 euros.")]
[(129.99, 'USD'), (99.0, 'EUR')]
>>> format_money(169, "USD"), format_money(1234.5, "EUR"), format_money(12, "CHF")
('$169', '€1,234.50', '12 CHF')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from retrieval.text.lang import load
from retrieval.text.numbers import words_to_digits
from retrieval.text.words import alternation, normalise

AROUND_SLACK = 1.2     # "around 60" → at most 72: a cheaper item is fine, a much dearer one is not
MAX_AMOUNT = 1e12      # larger "amounts" are noise ("$999…9"), never a budget or a price
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d{1,2})?)(k\b)?"
# glue words between a cue and its amount ("under about 50"): grammar, not vocabulary
_CUE_GLUE = r"(?:of\s+|about\s+|around\s+|like\s+|maybe\s+|just\s+|roughly\s+)?"


@dataclass(frozen=True)
class Budget:
    """A stated price range. ``approx`` marks "around X" (a softer statement)."""

    min: float | None = None
    max: float | None = None
    currency: str | None = None
    approx: bool = False

    def __repr__(self) -> str:
        return f"Budget(min={self.min}, max={self.max}, currency={self.currency!r})"


@dataclass(frozen=True)
class Amount:
    """One number in a text; ``marked`` when a currency sign or word says it is money."""

    value: float
    start: int
    end: int
    marked: bool
    currency: str | None


# --------------------------------------------------------------------------- patterns

@dataclass(frozen=True)
class _Patterns:
    """Every money regex of one language, built once from its tables."""

    tables: dict
    pre: str
    post: str
    amount: re.Pattern
    marked: re.Pattern
    max_before: str
    max_after: str
    min_before: str
    min_after: str
    around: str
    range_start: str
    range_join: re.Pattern
    price_context: re.Pattern
    unit_after: re.Pattern
    followers: str
    before_money: frozenset[str]
    size_before: re.Pattern
    currency_words: dict[str, re.Pattern]
    currency_symbols: dict[str, tuple[str, ...]]
    all_currency_words: frozenset[str]
    scales: dict[str, int]
    default: str


@lru_cache(maxsize=None)
def _patterns(language: str = "en") -> _Patterns:
    m: dict[str, Any] = load(language).money
    currencies = m["currencies"]
    symbols = [s for c in currencies.values() for s in c.get("symbols", [])]
    codes = [code.lower() for code in currencies]
    cwords = [w for c in currencies.values() for w in c.get("words", [])]
    pre = rf"({alternation(symbols)}|{alternation(codes)}\s?)"
    post = rf"\s*({alternation(cwords)})\b"
    alpha_units = [u for u in m["units"] if u.isalpha()]
    other_units = [u for u in m["units"] if not u.isalpha()]
    money_words = alternation(cwords)
    unit_after = re.compile(
        rf"\s*(?:-\s*)?(?:x\s*\d|k\b(?!\s*{money_words})|{alternation(other_units)}|{alternation(alpha_units)}(?![a-z])"
        r"|[a-z]{3,})", re.I)
    return _Patterns(
        tables=m, pre=pre, post=post,
        amount=re.compile(rf"(?<![\w.]){pre}?\s*{_NUM}(?:{post})?"),
        marked=re.compile(rf"{pre}\s*(\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(\d{{1,2}}))?\b"
                          rf"|\b(\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(\d{{1,2}}))?{post}", re.I),
        max_before=alternation(m["max_before"]), max_after=alternation(m["max_after"]),
        min_before=alternation(m["min_before"]), min_after=alternation(m["min_after"]),
        around=alternation(m["around"]), range_start=alternation(m["range_start"]),
        range_join=re.compile(rf"\s*{alternation(m['range_join'])}\s*"),
        price_context=re.compile(rf"\b{alternation(m['price_context'])}|{alternation(symbols)}"),
        unit_after=unit_after,
        followers=rf"\s*(?:$|[.,;!?)]|{alternation(m['followers'])}\b)",
        before_money=frozenset(m["before_money"]),
        size_before=re.compile(rf"\b{alternation(m['size_before'])}\b(?:\s+(?:between|from|around|about|of|is|:))?\s*$"),
        currency_words={code: re.compile(rf"(?:^|[^a-z]){alternation(c.get('words', []) + [code.lower()])}(?![a-z])")
                        for code, c in currencies.items()},
        currency_symbols={code: tuple(s for s in c.get("symbols", []) if not s.isalpha()) for code, c in currencies.items()},
        all_currency_words=frozenset(w for w in cwords if " " not in w),
        scales={str(k): int(v) for k, v in m.get("scale_words", {}).items() if str(k).isalpha() and len(str(k)) > 1},
        default=str(m.get("default_currency", "USD")),
    )


# --------------------------------------------------------------------------- amounts

def _value(number: str, k: str | None = None, cents: str | None = None) -> float | None:
    """The number's value, or None when it is not a finite, plausible amount."""
    if len(number) > 16:
        return None
    value = float(number.replace(",", "")) + (float(f"0.{cents}") if cents else 0.0)
    value = value * 1000 if k else value
    return value if math.isfinite(value) and value <= MAX_AMOUNT else None


def _currency(fragment: str, p: _Patterns) -> str | None:
    """The currency a fragment names ("€80" → EUR): a sign first, then a word or code."""
    for code, symbols in p.currency_symbols.items():
        if any(s in fragment for s in symbols):
            return code
    for code, pattern in p.currency_words.items():
        if pattern.search(fragment):
            return code
    return None


def money_amounts(text: str, language: str = "en") -> list[Amount]:
    """Amounts a text marks as money ("$129.99", "80 euros"), with their currency.

    This is what the grounding check compares with shown prices: no cue or context is
    needed, only a currency sign or word.
    """
    p = _patterns(language)
    out: list[Amount] = []
    for m in p.marked.finditer(text):
        whole, cents = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        value = _value(whole, None, cents)
        if value is not None:
            out.append(Amount(value, m.start(), m.end(), True, _currency(m.group(0).lower(), p)))
    return out


def money_pattern(language: str = "en") -> re.Pattern:
    """The compiled pattern of marked amounts (for scrubbing them out of a text)."""
    return _patterns(language).marked


def _amounts(t: str, p: _Patterns) -> list[Amount]:
    """Every number in ``t`` with whether it is explicitly money, unit-looking ones dropped."""
    out: list[Amount] = []
    for m in p.amount.finditer(t):
        pre, number, k, post = m.group(1), m.group(2), m.group(3), m.group(4)
        if number is None:
            continue
        value = _value(number, k)
        if value is None:
            continue
        marked = bool(pre or post)
        end = m.end()
        if not marked:
            after = t[end:end + 12]
            if p.unit_after.match(after) and not re.match(p.followers, after):
                continue
            if p.size_before.search(t[max(0, m.start() - 14):m.start()]):
                continue
            if re.match(r"\s*(?:x|by|\*|:|/)\s*\d", after) or re.search(r"\d\s*(?:x|by|\*|:|/)\s*$", t[max(0, m.start() - 5):m.start()]):
                continue
            if re.search(r"[a-z]$", t[max(0, m.start() - 1):m.start()]):   # "i5", "ps4"
                continue
            if value == int(value) and 1950 <= value <= 2100 and not k:      # "from 2006 - 2012": years
                continue
            prev = re.search(r"([a-z]+)\s*$", t[max(0, m.start() - 16):m.start()])
            if prev and prev.group(1) not in p.before_money:                  # "iphone 12 max": a model number
                continue
        out.append(Amount(value, m.start(), end, marked, _currency(m.group(0), p)))
    return out


def _cue_before(t: str, start: int, cues: str) -> bool:
    window = t[max(0, start - 28):start]
    return re.search(rf"(?:^|[^a-z]){cues}\s*{_CUE_GLUE}$", window) is not None


def _cue_after(t: str, end: int, cues: str) -> bool:
    return re.match(rf"\s*{cues}(?:[^a-z]|$)", t[end:end + 16]) is not None


def _bare_ok(t: str, a: Amount, p: _Patterns) -> bool:
    """A bare number after a comparator is money when nothing after it looks like a unit."""
    return re.match(p.followers, t[a.end:a.end + 14]) is not None and a.value >= 1


# a number word right after a ceiling or floor cue is money when it is 20 or more ("spend up to ninety", "under fifty");
# a smaller one may be an age or a count ("toys for under fives", "under two kilos")
_CUED_WORDS = re.compile(r"\b(?:spend up to|pay up to|up to|upto|under|below|max|maximum|at most|no more than|not more than|"
                         r"less than|spend|pay|"
                         r"budget is|budget of|over|above|more than|at least|around|about|roughly)\s+((?:[a-z]+[ -]?){1,4})")


def _cued_number_words(t: str, language: str = "en") -> str:
    from retrieval.text.numbers import parse_number

    def digits(m: re.Match[str]) -> str:
        words = m.group(1).split()
        for n in range(len(words), 0, -1):       # the longest run of words that reads as a number
            value = parse_number(" ".join(words[:n]), language)
            if value is not None and value >= 20:
                rest = " ".join(words[n:])
                return m.group(0)[:m.start(1) - m.start(0)] + str(value) + (" " + rest if rest else "") + \
                    (" " if m.group(1).endswith(" ") else "")
        return m.group(0)
    return _CUED_WORDS.sub(digits, t)


def extract_budget(text: str, assume_money: bool = False, language: str = "en") -> Budget | None:
    """The price range ``text`` states, or None when it states none.

    ``assume_money``: the conversation is already about a budget ("make it 35" after
    "under 50"), so a bare number that does not look like a size or count is money.
    """
    p = _patterns(language)
    t = words_to_digits(normalise(text), p.all_currency_words, p.scales, language)
    t = _cued_number_words(re.sub(r"(?<=\d)ish\b", " ish", t), language)     # "150ish", "spend up to ninety"
    amounts = _amounts(t, p)
    if not amounts:
        return None
    if assume_money:
        amounts = [Amount(a.value, a.start, a.end, True, a.currency) for a in amounts]
    price_context = p.price_context.search(t) is not None
    lo = hi = None
    currency = None
    approx = False
    # ranges first: "between 50 and 80", "$50-80", "50 to 80 dollars"
    for a, b in zip(amounts, amounts[1:]):
        gap = t[a.end:b.start]
        starts = _cue_before(t, a.start, p.range_start)
        if p.range_join.fullmatch(gap) and (a.marked or b.marked or price_context or starts):
            if gap.strip() == "and" and not starts:
                continue
            if b.value < a.value and not b.marked:
                continue
            lo, hi = min(a.value, b.value), max(a.value, b.value)
            currency = a.currency or b.currency
            break
    if lo is None and hi is None:
        for a in amounts:
            ok = a.marked or price_context or _bare_ok(t, a, p)
            near = t[max(0, a.start - 14):a.start]
            if re.search(rf"(?:^|[^a-z]){p.around}\s*(?:\$|€|£)?\s*$", near) and hi is None:
                if ok:
                    hi, approx, currency = round(a.value * AROUND_SLACK, 2), True, currency or a.currency
            elif _cue_before(t, a.start, p.max_before) or _cue_after(t, a.end, p.max_after):
                if ok:
                    hi, currency = a.value, currency or a.currency
            elif _cue_before(t, a.start, p.min_before) or _cue_after(t, a.end, p.min_after):
                if ok:
                    lo, currency = a.value, currency or a.currency
            elif _cue_before(t, a.start, p.around) or _cue_after(t, a.end, "ish"):
                if ok and hi is None:
                    hi, approx, currency = round(a.value * AROUND_SLACK, 2), True, currency or a.currency
            elif a.marked and hi is None and lo is None:
                hi, currency = a.value, a.currency       # "150 bucks", "€80": a plain amount is a ceiling
    # a ceiling of nothing is not a budget: "prices are $0 now" (an injection, or a joke) would empty
    # the shelf, and no shopper can buy under $0; a floor of 0 says nothing either
    hi = hi if hi is None or hi > 0 else None
    lo = lo if lo is None or lo > 0 else None
    if lo is None and hi is None:
        return None
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return Budget(lo, hi, currency or p.default, approx)


# --------------------------------------------------------------------------- formatting

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_money(amount: float, currency: str | None = "USD", cents: bool | None = None) -> str:
    """``169`` → ``$169``; ``cents=None`` shows cents only when there are some, ``True`` always.

    >>> format_money(129.5, "USD", cents=True), format_money(float("inf"))
    ('$129.50', '$∞')
    """
    currency = currency or "USD"
    if not math.isfinite(amount):
        text = "∞" if amount > 0 else "-∞" if amount < 0 else "?"
    elif cents or (cents is None and round(amount, 2) != round(amount)):
        text = f"{amount:,.2f}"
    else:
        text = f"{round(amount):,}"
    symbol = SYMBOLS.get(currency, "")
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def price_text(product: Any) -> str:
    """A product's price as every surface shows it: ``$129.99``, ``$80.00``, "price on request"."""
    if getattr(product, "price", None) is None:
        return "price on request"
    return format_money(product.price, getattr(product, "currency", None) or "USD", cents=True)
