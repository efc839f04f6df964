"""The shopping guide: code renders the facts, the LLM writes the connecting prose.

Every LLM text passes ``check_grounding``: prices it states must be catalog prices of
shown products (or the shopper's budget), brands it names must be shown brands, and
feature words it uses must be features of a shown product. A text that fails is
replaced by a deterministic sentence built from the facts (``fallback_intro``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from assistant.portrait import Portrait
from prompts import load_prompt
from retrieval.product import Product


def price_text(product: Product) -> str:
    if product.price is None:
        return "price on request"
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(product.currency, "")
    return f"{symbol}{product.price:,.2f}" if symbol else f"{product.price:,.2f} {product.currency}"


def key_facts(product: Product, limit: int = 4) -> list[str]:
    facts = list(product.features[:limit])
    colour = product.attributes.get("colour") or product.attributes.get("color")
    if colour and isinstance(colour, str):
        facts.append(colour)
    return facts


def why_this(product: Product, portrait: Portrait) -> str:
    """A short, factual reason the product fits, built from catalog data only."""
    reasons: list[str] = []
    words = " ".join(product.features + [str(product.attributes.get("colour", "")),
                                          str(product.attributes.get("material", ""))]).lower()
    matched = [a for a in portrait.attributes_wanted if a.lower() in words]
    if matched:
        reasons.append("has " + ", ".join(matched))
    if portrait.budget_max is not None and product.price is not None:
        left = portrait.budget_max - product.price
        if left >= 0:
            reasons.append(f"{left:,.2f} {product.currency} under your budget")
    if product.rating is not None and product.review_count:
        reasons.append(f"rated {product.rating:.1f}/5 by {product.review_count:,} reviewers")
    if not reasons:
        reasons.append(", ".join(key_facts(product, 3)) or product.category)
    return "; ".join(reasons)


def understood_text(portrait: Portrait) -> str:
    parts = []
    if portrait.category:
        parts.append(portrait.category.lower())
    if portrait.attributes_wanted:
        parts.append("with " + ", ".join(portrait.attributes_wanted))
    if portrait.budget_max is not None and portrait.budget_min is not None:
        parts.append(f"between ${portrait.budget_min:,.0f} and ${portrait.budget_max:,.0f}")
    elif portrait.budget_max is not None:
        parts.append(f"under ${portrait.budget_max:,.0f}")
    elif portrait.budget_min is not None:
        parts.append(f"over ${portrait.budget_min:,.0f}")
    if portrait.brands_excluded:
        parts.append("not from " + ", ".join(portrait.brands_excluded))
    if portrait.recipient:
        parts.append(f"for your {portrait.recipient}")
    return " ".join(parts) or portrait.needs


def picks_block(products: list[Product]) -> str:
    lines = []
    for i, p in enumerate(products, start=1):
        facts = ", ".join(key_facts(p))
        lines.append(f"{i}. {p.title} — {p.brand}, {price_text(p)}" + (f" ({facts})" if facts else ""))
    return "\n".join(lines)


def build_messages(request: str, portrait: Portrait, products: list[Product]):
    from assistant.llm.base import system, user

    prompt = load_prompt("guide")
    sys_text, user_text = prompt.render(
        request=sanitize(request), understood=sanitize(understood_text(portrait)), picks=sanitize(picks_block(products)),
    )
    return [system(sys_text), user(user_text)]


def sanitize(text: str) -> str:
    """Catalog/user text is data: strip the tags that delimit data in the prompt."""
    return re.sub(r"</?data>", "", text, flags=re.IGNORECASE)


_MONEY = re.compile(r"(?:\$|€|£)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?|(\d+(?:\.\d{1,2})?)\s*(?:dollars|usd|bucks)", re.I)


@dataclass
class GroundingReport:
    issues: list[str]

    @property
    def ok(self) -> bool:
        return not self.issues


def check_grounding(text: str, shown: list[Product], portrait: Portrait, catalog_brands: Iterable[str] = (),
                    catalog_features: Iterable[str] = ()) -> GroundingReport:
    """Find statements in ``text`` that the catalog does not support."""
    issues: list[str] = []
    allowed_prices = {round(p.price, 2) for p in shown if p.price is not None}
    for limit in (portrait.budget_max, portrait.budget_min):
        if limit is not None:
            allowed_prices.add(round(limit, 2))
    for m in _MONEY.finditer(text):
        whole = m.group(1) or m.group(3)
        value = float(whole.replace(",", "")) + (float(f"0.{m.group(2)}") if m.group(2) else 0.0)
        if not any(abs(value - p) < 0.011 or (not m.group(2) and abs(value - round(p)) < 1.0 and value == int(value)
                                                 and abs(value - p) < 1.0) for p in allowed_prices):
            issues.append(f"price {m.group(0).strip()} is not a price of any shown product")
    lowered = f" {text.lower()} "
    shown_brands = {p.brand.lower() for p in shown if p.brand}
    for brand in catalog_brands:
        b = brand.lower()
        if len(b) > 2 and b not in shown_brands and re.search(rf"\b{re.escape(b)}\b", lowered):
            issues.append(f"brand {brand} is not among the shown products")
    shown_words = " ".join(
        " ".join(p.features) + " " + p.title + " " + p.description for p in shown
    ).lower()
    for feature in catalog_features:
        f = feature.lower()
        if len(f) > 3 and re.search(rf"\b{re.escape(f)}\b", lowered) and f not in shown_words:
            issues.append(f"'{feature}' is not a feature of any shown product")
    return GroundingReport(issues)


def fallback_intro(portrait: Portrait, products: list[Product]) -> str:
    if not products:
        return "I couldn't find anything in the catalog that matches all of that."
    understood = understood_text(portrait)
    lead = f"Here are {len(products)} picks" + (f" for {understood}" if understood else "")
    best = products[0]
    return f"{lead}. The top match is the {best.title} at {price_text(best)}."


def render_picks(products: list[Product], portrait: Portrait) -> str:
    lines = []
    for i, p in enumerate(products, start=1):
        rating = f", ★{p.rating:.1f}" if p.rating is not None else ""
        lines.append(f"{i}. **{p.title}** ({p.brand}) — {price_text(p)}{rating}: {why_this(p, portrait)}")
    return "\n".join(lines)
