"""Chinese money: "300元以下", "不超过两百块", "100到200美元之间", "预算500左右".

Chinese puts most cues after the amount ("300元以下" = under ¥300) and writes numbers in
digits, characters or both ("两百", "1.5万"), so it gets its own small reader over the
same ``Budget`` type; the words come from ``retrieval/text/lang/zh/money.yaml``. As in
English, a number is money only when a currency word, a price word or a cue says so
("3个" is a count, "300元" is money). No currency word means the table's default (CNY).

>>> extract_budget_zh("我想给妈妈买一个300元以下的保温杯")
Budget(min=None, max=300.0, currency='CNY')
>>> extract_budget_zh("100到200美元之间")
Budget(min=100.0, max=200.0, currency='USD')
>>> extract_budget_zh("预算两百块左右")
Budget(min=None, max=240.0, currency='CNY')
>>> extract_budget_zh("买3个杯子") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from retrieval.text.lang import load
from retrieval.text.money import AROUND_SLACK, Budget
from retrieval.text.words import alternation

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万]+")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def chinese_to_int(text: str) -> int | None:
    """ "两百" → 200, "三千五" → 3500, "一万二" → 12000, "十五" → 15; None when not a number.

    >>> [chinese_to_int(s) for s in ("两百", "三千五", "一万二", "十五", "五十", "万")]
    [200, 3500, 12000, 15, 50, None]
    """
    total, section, digit, last_unit = 0, 0, None, 1
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (digit if digit is not None else 1) * _UNITS[ch]
            last_unit, digit = _UNITS[ch], None
        elif ch == "万":
            if digit is None and section == 0:
                return None
            total += (section + (digit or 0)) * 10000
            section, digit, last_unit = 0, None, 10000
        else:
            return None
    if digit is not None:
        # "三千五": a trailing digit after a unit is one unit lower (3500, not 3005)
        section += digit * (last_unit // 10 if last_unit >= 100 and (section or total) else 1)
    value = total + section
    return value or (0 if text in ("零", "〇") else None)


def to_digits(text: str) -> str:
    """Full-width digits to ASCII, Chinese numerals to digits ("两百块" → "200块")."""
    text = text.translate(_FULLWIDTH)

    def repl(m: re.Match) -> str:
        if m.start() and text[m.start() - 1].isdigit() and not set(m.group(0)) - set("十百千万"):
            return m.group(0)       # "1千": a scale after digits, read by the amount pattern
        value = chinese_to_int(m.group(0))
        return str(value) if value is not None and (len(m.group(0)) > 1 or value >= 10) else m.group(0)

    return _CN_NUMBER.sub(repl, text)


@dataclass(frozen=True)
class _Zh:
    amount: re.Pattern
    currency_of: dict[str, str]
    max_before: re.Pattern
    max_after: re.Pattern
    min_before: re.Pattern
    min_after: re.Pattern
    around_before: re.Pattern
    around_after: re.Pattern
    range_join: re.Pattern
    price_context: re.Pattern
    default: str


@lru_cache(maxsize=1)
def _zh() -> _Zh:
    m = load("zh").money
    currency_of: dict[str, str] = {}
    for code, c in m["currencies"].items():
        for token in list(c.get("symbols", [])) + list(c.get("words", [])):
            currency_of[token.lower()] = code
    symbols = alternation([s for c in m["currencies"].values() for s in c.get("symbols", [])])
    words = alternation([w for c in m["currencies"].values() for w in c.get("words", [])])
    scales = alternation(list(m.get("scale_words", {})))
    return _Zh(
        amount=re.compile(rf"(?P<pre>{symbols})?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<scale>{scales})?\s*(?P<post>{words})?",
                          re.I),
        currency_of=currency_of,
        max_before=re.compile(rf"(?:{alternation(m['max_before'])})\s*(?:是|在|为)?\s*$"),
        max_after=re.compile(rf"^\s*(?:{alternation(m['max_after'])})"),
        min_before=re.compile(rf"(?:{alternation(m['min_before'])})\s*$"),
        min_after=re.compile(rf"^\s*(?:{alternation(m['min_after'])})"),
        around_before=re.compile(rf"(?:{alternation(m['around_before'])})\s*$"),
        around_after=re.compile(rf"^\s*(?:{alternation(m['around_after'])})"),
        range_join=re.compile(rf"^\s*(?:{alternation(m['range_join'])})\s*$"),
        price_context=re.compile(alternation(m["price_context"])),
        default=str(m.get("default_currency", "CNY")),
    )


@dataclass(frozen=True)
class _Amount:
    value: float
    start: int
    end: int
    currency: str | None


def _amounts(t: str, z: _Zh) -> list[_Amount]:
    scales = {str(k): int(v) for k, v in load("zh").money.get("scale_words", {}).items()}
    out = []
    for m in z.amount.finditer(t):
        value = float(m.group("num")) * scales.get((m.group("scale") or "").lower(), 1)
        token = (m.group("pre") or m.group("post") or "").lower()
        out.append(_Amount(value, m.start(), m.end(), z.currency_of.get(token) if token else None))
    return out


def extract_budget_zh(text: str) -> Budget | None:
    """The price range a Chinese message states, or None (see the module docstring)."""
    z = _zh()
    t = to_digits(text).replace("，", ",")
    amounts = _amounts(t, z)
    if not amounts:
        return None
    context = z.price_context.search(t) is not None
    currency = next((a.currency for a in amounts if a.currency), None)
    for a, b in zip(amounts, amounts[1:]):   # "100到200", "100-200元之间"
        if z.range_join.match(t[a.end:b.start]) and (a.currency or b.currency or context):
            return Budget(min(a.value, b.value), max(a.value, b.value), currency or z.default)
    lo = hi = None
    approx = False
    for a in amounts:
        before, after = t[max(0, a.start - 8):a.start], t[a.end:a.end + 6]
        # "200左右": "about" right after a bare number is about an amount (a count has its measure
        # word in between: "3个左右"); "大概200" needs a currency or price word to be money
        ok = a.currency is not None or context or bool(z.around_after.match(after))
        if z.around_after.match(after) or z.around_before.search(before):
            if ok and hi is None:
                hi, approx = round(a.value * AROUND_SLACK, 2), True
        elif z.max_before.search(before) or z.max_after.match(after):
            hi = a.value
        elif z.min_before.search(before) or z.min_after.match(after):
            lo = a.value
        elif a.currency is not None and hi is None and lo is None:
            hi = a.value                      # "300块的": a plain amount is a ceiling
    if lo is None and hi is None:
        return None
    return Budget(lo, hi, currency or z.default, approx)
