"""Code-rendered parts of the guide: money, picks, trade-offs, what I understood, follow-up.

A guide has four parts, in this order::

    What I understood: waterproof jackets under $150.        ← portrait + assumptions (code)
    <two or three sentences of prose>                         ← LLM, grounding-checked
    Top picks: 1. **Title** (Brand) — $129.99, ★4.6: why    ← catalog data (code)
    Trade-offs: cheapest, best rated, what only one has      ← catalog data (code)
    To narrow it down: one follow-up question                ← code

Names, prices, attributes and tables never come from the model, so the only text that
can be wrong is the prose, and that passes ``assistant.grounding.check.check_grounding``.
"""

from __future__ import annotations

import math
import re

from assistant.portrait.model import Portrait
from retrieval.catalog.product import Product
from retrieval.query import has_term, product_terms
from retrieval.text.money import format_money, price_text

__all__ = ["follow_up", "format_money", "has_attribute", "key_facts", "picks_block", "price_text", "render_picks",
           "short_name", "trade_offs", "understood_section", "understood_text", "why_this"]


def key_facts(product: Product, limit: int = 4) -> list[str]:
    facts = list(product.features[:limit])
    colour = product.attributes.get("colour") or product.attributes.get("color")
    if colour and isinstance(colour, str):
        facts.append(colour)
    return facts


def short_name(product: Product) -> str:
    """The title without its trailing variant: a parenthesis, or the product's own colour after a
    spaced dash or "in". A hyphen inside a word is part of the name.

    >>> short_name(Product("1", "Auralis Car Charger Vertex (White)", attributes={"colour": "white"}))
    'Auralis Car Charger Vertex'
    >>> short_name(Product("2", "Flowline Anchor Flex Non-Slip Yoga Mat in Orange", attributes={"colour": "orange"}))
    'Flowline Anchor Flex Non-Slip Yoga Mat'
    >>> short_name(Product("3", "Golden Forest – Family Board Game by Pipwick", attributes={"colour": "grey"}))
    'Golden Forest – Family Board Game by Pipwick'
    """
    title = product.title.strip()
    while True:  # "Set in Brown (Ages 6+)": parentheses first, then the colour
        stripped = re.sub(r"\s*\([^()]*\)$", "", title).strip()
        if not stripped or stripped == title:
            break
        title = stripped
    colour = str(product.attributes.get("colour") or product.attributes.get("color") or "").strip()
    if colour and not isinstance(product.attributes.get("colour"), list):
        stripped = re.sub(rf"(?:\s+[-–—]\s*|\s+in\s+){re.escape(colour)}$", "", title, flags=re.IGNORECASE).strip()
        title = stripped or title
    return title


def has_attribute(product: Product, attribute: str) -> bool:
    return has_term(product_terms(product), attribute)


def why_this(product: Product, portrait: Portrait) -> str:
    """A short, factual reason the product fits, built from catalog data only."""
    reasons: list[str] = []
    matched = [a for a in portrait.attributes_wanted if has_attribute(product, a)]
    if matched:
        reasons.append("has " + ", ".join(matched))
    # a budget in another currency (¥300 against a $ catalog) is never compared with prices here
    if portrait.budget_max is not None and product.price is not None and (
            not portrait.currency or not product.currency or portrait.currency == product.currency):
        left = portrait.budget_max - product.price
        cur = product.currency
        seen = cheaper_than(portrait)
        if seen is not None:     # "cheaper": the bound is a price the shopper saw, not a budget they gave
            reasons.append(f"{format_money(seen - product.price, cur)} less than the {format_money(seen, cur)} "
                           "one you saw")
        elif left >= 0.005:
            reasons.append(f"{format_money(left, cur)} under your {format_money(portrait.budget_max, cur)} budget")
        elif left >= -0.005:
            reasons.append(f"exactly your {format_money(portrait.budget_max, cur)} budget")
    if product.rating is not None and product.review_count:
        reasons.append(f"rated {product.rating:.1f}/5 by {product.review_count:,} reviewers")
    if not matched:
        extra = [f for f in key_facts(product, 3)]
        if extra:
            reasons.insert(0, ", ".join(extra))
    return "; ".join(reasons) or product.category


def cheaper_than(portrait: Portrait) -> float | None:
    """The shown price a "cheaper" turn set the budget under (its note says so), else None.

    >>> p = Portrait(budget_max=68.98, assumptions=["cheaper than $68.99"])
    >>> cheaper_than(p), cheaper_than(Portrait(budget_max=50.0, assumptions=["cheaper than $68.99"]))
    (68.99, None)
    """
    for note in portrait.assumptions:
        m = re.fullmatch(r"cheaper than \$([\d,]+(?:\.\d+)?)", note)
        if m:
            seen = float(m.group(1).replace(",", ""))
            if portrait.budget_max is not None and abs(portrait.budget_max - (seen - 0.01)) < 0.005:
                return seen
    return None


def understood_text(portrait: Portrait) -> str:
    parts = []
    if portrait.category:
        parts.append(portrait.category.lower())
    if portrait.attributes_wanted:
        parts.append("with " + ", ".join(portrait.attributes_wanted))
    if portrait.attributes_unwanted:
        parts.append("without " + ", ".join(portrait.attributes_unwanted))
    cur = portrait.currency or "USD"
    if portrait.budget_max is not None and portrait.budget_min is not None:
        parts.append(f"between {format_money(portrait.budget_min, cur)} and {format_money(portrait.budget_max, cur)}")
    elif portrait.budget_max is not None:
        parts.append(f"under {format_money(portrait.budget_max, cur)}")
    elif portrait.budget_min is not None:
        parts.append(f"over {format_money(portrait.budget_min, cur)}")
    if portrait.brands_liked:
        parts.append("preferably from " + ", ".join(portrait.brands_liked))
    if portrait.brands_excluded:
        parts.append("not from " + ", ".join(portrait.brands_excluded))
    if portrait.recipient:
        parts.append(f"for your {portrait.recipient}")
    if portrait.occasion:
        parts.append(f"for {portrait.occasion}")
    return " ".join(parts) or portrait.needs


def escape_markdown(text: str) -> str:
    r"""Text from the shopper or a client (PATCH) as inert Markdown: no HTML, links, images or emphasis.

    >>> print(escape_markdown('<img src=x onerror=alert(1)> [a](b) *x*'))
    &lt;img src=x onerror=alert\(1\)&gt; \[a\]\(b\) \*x\*
    >>> print(escape_markdown('sweaters & hoodies &lt;b&gt;'))
    sweaters & hoodies &amp;lt;b&amp;gt;
    """
    # ("sweaters & hoodies" stays readable in a terminal: only an "&" that would start an entity is escaped)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]()#!|~])", r"\\\1", text)


def understood_section(portrait: Portrait) -> str:
    """``What I understood: …`` plus any assumptions the portrait made (escaped: portrait text may come from PATCH)."""
    text = f"**What I understood:** {escape_markdown(understood_text(portrait)) or 'you are browsing'}."
    if portrait.assumptions:
        text += " I assumed: " + escape_markdown("; ".join(portrait.assumptions)) + "."
    return text


def picks_block(products: list[Product]) -> str:
    """The picks as the prompt shows them to the model (facts only, no descriptions)."""
    lines = []
    for i, p in enumerate(products, start=1):
        facts = ", ".join(key_facts(p))
        rating = f", rated {p.rating:.1f}" if p.rating is not None else ""
        lines.append(f"{i}. {short_name(p)} by {p.brand}, {price_text(p)}{rating}" + (f" ({facts})" if facts else ""))
    return "\n".join(lines)


def render_picks(products: list[Product], portrait: Portrait, whys: list[str] | None = None) -> str:
    lines = ["**Top picks**"]
    for i, p in enumerate(products, start=1):
        rating = f", ★{p.rating:.1f}" if p.rating is not None else ""
        why = whys[i - 1] if whys else why_this(p, portrait)
        lines.append(f"{i}. **{p.title}** ({p.brand}) — {price_text(p)}{rating}: {why}")
    return "\n".join(lines)


def trade_offs(products: list[Product], portrait: Portrait) -> str:
    """Cheapest vs best rated vs what only one pick has, from catalog data."""
    if len(products) < 2:
        return ""
    parts: list[str] = []
    priced = [p for p in products if p.price is not None]
    if len(priced) >= 2:
        cheap = min(priced, key=lambda p: p.price)
        dear = max(priced, key=lambda p: p.price)
        if cheap.price < dear.price:
            parts.append(f"the {short_name(cheap)} is the cheapest at {price_text(cheap)}, "
                         f"the {short_name(dear)} the priciest at {price_text(dear)}")
    rated = [p for p in products if p.rating is not None and (p.review_count or 0) > 0]   # (no "5.0/5 from 0 reviews")
    if len(rated) >= 2:
        best = max(rated, key=lambda p: (p.rating, p.review_count))
        if best.rating > min(p.rating for p in rated):
            parts.append(f"the {short_name(best)} is the best rated ({best.rating:.1f}/5 from "
                         f"{best.review_count:,} reviews)")
    text = "; ".join(parts)
    text = text[0].upper() + text[1:] + "." if text else ""
    only = []
    for p in products:
        others = [o for o in products if o is not p]
        unique = [f for f in p.features if not any(has_attribute(o, f) for o in others)]
        if unique:
            only.append(f"only the {short_name(p)} is {', '.join(unique[:2])}")
        if len(only) == 2:
            break
    if only:
        extra = "; ".join(only)
        text = (text + " " if text else "") + extra[0].upper() + extra[1:] + "."
    return f"**Trade-offs:** {text}" if text else ""


def follow_up(products: list[Product], portrait: Portrait) -> str:
    """One question that would most narrow the choice."""
    if portrait.budget_max is None and portrait.budget_min is None:
        question = "What budget do you have in mind?"
    else:
        question = ""
        wanted = {a.lower() for a in portrait.attributes_wanted + portrait.attributes_unwanted}
        for feature in (f for p in products for f in p.features):
            n = sum(has_attribute(p, feature) for p in products)
            if 0 < n < len(products) and feature.lower() not in wanted:
                question = f"Is {feature} important to you? {n} of these {len(products)} picks are."
                break
        if not question:
            colours = sorted({str(p.attributes.get("colour")) for p in products if p.attributes.get("colour")})
            if len(colours) > 1:
                question = f"Any colour preference? These come in {', '.join(colours)}."
            else:
                question = "Would you like me to compare two of these side by side?"
    return f"**To narrow it down:** {question}"
