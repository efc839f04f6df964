"""The guide in the shopper's language: code-rendered Chinese parts from a message catalog.

English parts are rendered by ``assistant.guide.render``; a Chinese message gets the same
facts (what I understood, picks, trade-offs, one follow-up) from
``assistant/guide/messages/zh.yaml``. The bundled SmolLM2 does not write acceptable
Chinese, so a Chinese reply has no LLM prose: a fixed code sentence takes its place.
Prices stay in the catalog's currency ($29.99); a budget is shown as the shopper wrote it
(¥300) together with the conversion the search used.

>>> from assistant.portrait.model import Portrait
>>> understood_zh(Portrait(category="Drinkware", budget_max=300.0, currency="CNY", recipient="mother",
...                        assumptions=["I read ¥300 as about $41 (rate of 2026-12-01, sample rate)"]))
'**我的理解**：Drinkware，¥300以下，送给妈妈。我的假设：我把¥300按约$41计算（rate of 2026-12-01, sample rate）。'
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from assistant.currency import NOTE_PREFIX, shopper_money
from assistant.guide.render import escape_markdown, format_money, has_attribute, price_text, short_name
from assistant.portrait.model import Portrait
from assistant.reply import ShownProduct

_NOTE = re.compile(rf"^{re.escape(NOTE_PREFIX)}(?P<stated>.+?) as about (?P<converted>\S+)(?: \((?P<source>.*)\))?$")


@lru_cache(maxsize=None)
def messages(language: str = "zh") -> dict:
    text = resources.files("assistant.guide").joinpath("messages", f"{language}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _money(amount: float, portrait: Portrait) -> str:
    return shopper_money(amount, portrait.currency) if portrait.currency else format_money(amount, "USD")


def understood_zh(portrait: Portrait) -> str:
    m = messages()
    parts: list[str] = []
    if portrait.category:
        parts.append(portrait.category)
    if portrait.attributes_wanted:
        parts.append(m["with_attributes"].format(attributes="、".join(portrait.attributes_wanted)))
    if portrait.attributes_unwanted:
        parts.append(m["without_attributes"].format(attributes="、".join(portrait.attributes_unwanted)))
    lo, hi = portrait.budget_min, portrait.budget_max
    if lo is not None and hi is not None:
        parts.append(m["between"].format(lo=_money(lo, portrait), hi=_money(hi, portrait)))
    elif hi is not None:
        parts.append(m["under"].format(amount=_money(hi, portrait)))
    elif lo is not None:
        parts.append(m["over"].format(amount=_money(lo, portrait)))
    if portrait.brands_liked:
        parts.append(m["prefer_brands"].format(brands="、".join(portrait.brands_liked)))
    if portrait.brands_excluded:
        parts.append(m["not_brands"].format(brands="、".join(portrait.brands_excluded)))
    if portrait.recipient:
        parts.append(m["for_recipient"].format(recipient=m["recipients"].get(portrait.recipient, portrait.recipient)))
    if portrait.occasion:
        parts.append(m["for_occasion"].format(occasion=m["occasions"].get(portrait.occasion, portrait.occasion)))
    text = m["understood"].format(text=escape_markdown("，".join(parts)) or m["browsing"])
    assumed = [_assumption(a, m) for a in portrait.assumptions]
    if assumed:
        text += m["assumed"].format(text=escape_markdown("；".join(assumed)))
    return text


def _assumption(text: str, m: dict) -> str:
    note = _NOTE.match(text)
    if note:
        return m["converted"].format(**{k: v or "" for k, v in note.groupdict().items()}).replace("（）", "")
    return m["assumptions"].get(text, text)


def _pick(n: int, product, m: dict) -> str:
    rating = m["rating"].format(rating=f"{product.rating:.1f}") if product.rating is not None else ""
    return m["pick_line"].format(n=n, title=product.title, brand=product.brand, price=price_text(product), rating=rating)


def guide_parts_zh(portrait: Portrait, matches: list[ShownProduct], alternatives: list[ShownProduct],
                   notice: str | None) -> tuple[str, str]:
    """(head, tail) of a Chinese reply; head ends with the code sentence that replaces the prose."""
    m = messages()
    head = understood_zh(portrait)
    if notice and not matches:
        head += "\n\n" + m["nothing"]
    if matches:
        head += "\n\n" + m["intro"]
    sections: list[str] = []
    if matches:
        sections.append("\n".join([m["picks"]] + [_pick(i, s.product, m) for i, s in enumerate(matches, 1)]))
    if alternatives:
        sections.append("\n".join([m["alternatives"]] + [_pick(i, s.product, m) for i, s in
                                                         enumerate(alternatives, len(matches) + 1)]))
    products = [s.product for s in matches]
    priced = [p for p in products if p.price is not None]
    rated = [p for p in products if p.rating is not None]
    if len(priced) >= 2 and len(rated) >= 2:
        cheap = min(priced, key=lambda p: p.price)
        best = max(rated, key=lambda p: (p.rating, p.review_count))
        sections.append(m["tradeoffs"].format(cheap=short_name(cheap), cheap_price=price_text(cheap),
                                              best=short_name(best), best_rating=f"{best.rating:.1f}"))
    sections.append(m["follow_up"] + _question(portrait, products, alternatives, m))
    return head, "\n\n".join(sections)


def _question(portrait: Portrait, products: list, alternatives: list, m: dict) -> str:
    if portrait.question and portrait.question.startswith("I have no exchange rate"):
        cur = re.search(r"rate for (\w+)", portrait.question)
        cat = re.search(r"budget in (\w+)", portrait.question)
        return m["ask_currency"].format(currency=cur.group(1) if cur else "", catalog=cat.group(1) if cat else "")
    if not portrait.category:
        who = portrait.recipient and m["recipients"].get(portrait.recipient, portrait.recipient)
        return m["ask_kind_for"].format(who=who) if who else m["ask_kind"]
    if not products and alternatives:
        return m["ask_relax"]
    if portrait.budget_max is None and portrait.budget_min is None:
        return m["ask_budget"]
    return m["ask_compare"]


__all__ = ["guide_parts_zh", "has_attribute", "messages", "understood_zh"]
