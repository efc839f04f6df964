"""Assembling a turn's reply text around the LLM prose, and the honesty step of a turn.

``guide_parts`` returns the code-rendered text that goes before the prose (``head``:
what I understood, or the plain "nothing matches" statement) and after it (``tail``:
picks, alternatives with what they violate, trade-offs, one follow-up question). The
assistant streams ``head`` at once, then the checked prose, then ``tail``.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.guide.render import cheaper_than, follow_up, price_text, render_picks, trade_offs, understood_section
from assistant.guide.honesty import (CatalogLexicon, describe_violation, none_match_notice, not_carried_notice,
                               relaxations)
from assistant.portrait.model import Portrait
from assistant.reply import ShownProduct
from retrieval.search import HybridRetriever, SearchResult


@dataclass
class Honesty:
    """What the honesty step decided: a notice, alternatives that break constraints, or "not carried"."""

    notice: str | None = None
    alternatives: list[ShownProduct] | None = None
    not_carried: bool = False


def honesty_step(portrait: Portrait, result: SearchResult | None, shown: list[ShownProduct],
                 retriever: HybridRetriever, lexicon: CatalogLexicon, top_k: int) -> Honesty:
    """Decide what to say when too little satisfies the hard constraints (see ``assistant.guide.honesty``)."""
    if result is None:
        return Honesty()
    if not portrait.category and not portrait.brands_liked and not portrait.attributes_wanted:
        unknown = lexicon.unknown_product_words(portrait.needs)
        if unknown:
            return Honesty(notice=not_carried_notice(unknown), alternatives=[], not_carried=True)
    if not result.too_few and shown:
        return Honesty()
    query = result.query
    if not query.has_constraints:
        return Honesty(notice=None if shown else "Nothing in the catalog matches that.")
    want = max(1, top_k - len(shown))
    seen = {s.product.id for s in shown}
    found: list = []
    # with some matches, alternatives must stay in the shopper's category; with none, any near product helps
    for relaxed in relaxations(query)[: 1 if shown else None]:
        for product, broken in retriever.nearest_violating(query, relaxed.with_(k=max(query.k, 20)), limit=want * 3):
            if product.id not in seen and "out of stock" not in broken:
                found.append((product, broken))
                seen.add(product.id)
        if found:
            break   # leave the shopper's category only when nothing in it comes close
    found = sorted(found, key=lambda pb: (len(pb[1]), _price_gap(pb[0], query)))[:want]
    if shown and not found:
        return Honesty()   # a few real matches and nothing close in their category: just show them
    seen_price = cheaper_than(portrait)
    friendly = [(p, [describe_violation(p, query, v, seen_price) for v in broken]) for p, broken in found]
    alternatives = [ShownProduct(p, why="; ".join(f), violates=list(broken))
                    for (p, broken), (_, f) in zip(found, friendly)]
    return Honesty(notice=none_match_notice(friendly, some_match=bool(shown)), alternatives=alternatives)


def guide_parts(portrait: Portrait, matches: list[ShownProduct], alternatives: list[ShownProduct],
                notice: str | None) -> tuple[str, str]:
    """(head, tail) of the reply; the prose goes between them."""
    head = understood_section(portrait)
    if notice:
        head = f"{head}\n\n{notice}"
    sections: list[str] = []
    products = [s.product for s in matches]
    if matches:
        sections.append(render_picks(products, portrait, whys=[s.why for s in matches]))
    if alternatives:
        lines = ["**Closest alternatives** (they do not meet everything you asked for)"]
        for i, s in enumerate(alternatives, start=len(matches) + 1):
            lines.append(f"{i}. **{s.product.title}** ({s.product.brand}) — {price_text(s.product)}: {s.why}")
        sections.append("\n".join(lines))
    if len(matches) >= 2:
        sections.append(trade_offs(products, portrait))
    if matches:
        sections.append(follow_up(products, portrait))
    elif alternatives:
        sections.append("**To narrow it down:** Would you like to relax one of these requirements, "
                        "or should I search for something else?")
    tail = "\n\n".join(s for s in sections if s)
    return head, tail


def _price_gap(product, query) -> float:
    """How far a price is outside the budget window (0 inside it): "closest" means smallest gap."""
    if product.price is None:
        return float("inf")
    if query.max_price is not None and product.price > query.max_price:
        return product.price - query.max_price
    if query.min_price is not None and product.price < query.min_price:
        return query.min_price - product.price
    return 0.0
