"""A budget in another currency than the catalog's: convert with the shop's rates, or ask.

A shopper writing "300元以下" to a USD shop means ¥300, not $300. The rates come from
``[currency]`` in config.toml (never the network); the conversion is stated in the
reply so the shopper can correct it, and without a rate the budget is not used as a
filter at all: the reply asks for it in the catalog currency instead.

>>> from assistant.config import CurrencySettings
>>> from assistant.portrait.model import Portrait
>>> p = Portrait(category="Drinkware", budget_max=300.0, currency="CNY")
>>> c = budget_in_catalog_currency(p, CurrencySettings(rates={"CNY": 0.137}, as_of="2026-12-01"))
>>> (c.max, c.note)
(41.1, 'I read ¥300 as about $41 (rate of 2026-12-01)')
>>> budget_in_catalog_currency(p, CurrencySettings()).question
'I have no exchange rate for CNY, so I did not filter by price: what is your budget in USD?'
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.config import CurrencySettings
from assistant.portrait.model import Portrait
from retrieval.query import Query
from retrieval.text.money import format_money

NOTE_PREFIX = "I read "
SYMBOLS = {"CNY": "¥", "JPY": "¥"}


@dataclass(frozen=True)
class CatalogBudget:
    """The budget in catalog currency; ``note`` states a conversion, ``question`` asks when none is possible."""

    min: float | None
    max: float | None
    note: str | None = None
    question: str | None = None


def shopper_money(amount: float, currency: str) -> str:
    """ "¥300" (CNY has no symbol in the catalog formatter, which writes "300 CNY")."""
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{amount:,.0f}" if symbol else format_money(amount, currency)


def budget_in_catalog_currency(portrait: Portrait, settings: CurrencySettings) -> CatalogBudget:
    lo, hi, currency = portrait.budget_min, portrait.budget_max, portrait.currency
    if (lo is None and hi is None) or not currency or currency == settings.catalog:
        return CatalogBudget(lo, hi)
    rate = settings.rates.get(currency)
    if rate is None:
        return CatalogBudget(None, None, question=(
            f"I have no exchange rate for {currency}, so I did not filter by price: "
            f"what is your budget in {settings.catalog}?"))
    convert = (lambda v: None if v is None else round(v * float(rate), 2))
    stated = " to ".join(shopper_money(v, currency) for v in (lo, hi) if v is not None)
    converted = " to ".join(format_money(round(v), settings.catalog) for v in (convert(lo), convert(hi)) if v is not None)
    source = ", ".join(x for x in (f"rate of {settings.as_of}" if settings.as_of else "", settings.note) if x)
    note = f"{NOTE_PREFIX}{stated} as about {converted}" + (f" ({source})" if source else "")
    return CatalogBudget(convert(lo), convert(hi), note=note)


def apply_to_query(query: Query, portrait: Portrait, settings: CurrencySettings) -> Query:
    """The query with its price bounds in catalog currency; the note or question goes on the portrait."""
    budget = budget_in_catalog_currency(portrait, settings)
    portrait.assumptions = [a for a in portrait.assumptions if not (a.startswith(NOTE_PREFIX) and " as about " in a)]
    if budget.note:
        portrait.assumptions.append(budget.note)
    if budget.question and not portrait.question:
        portrait.question = budget.question
    if (budget.min, budget.max) == (query.min_price, query.max_price):
        return query
    return query.with_(min_price=budget.min, max_price=budget.max)
