"""The deterministic, personal sentence that replaces prose the grounding check rejected."""

from __future__ import annotations

from assistant.guide.render import has_attribute, key_facts, price_text, short_name
from assistant.portrait.model import Portrait
from retrieval.catalog.product import Product


def fallback_intro(portrait: Portrait, products: list[Product]) -> str:
    """The deterministic sentence used when the prose fails the grounding check twice.

    Built from the portrait and the top pick's catalog facts, so it is personal and true:
    "For your wife's birthday, I'd start with the Halo Body Scrub by Petalune at $26.49:
    lavender as you asked, rated 4.6/5 (1 of 4 good matches)."
    """
    if not products:
        return "I couldn't find anything in the catalog that matches all of that."
    best = products[0]
    who = portrait.recipient if portrait.recipient not in (None, "me", "myself", "self") else None
    if who and portrait.occasion and who in portrait.occasion:
        lead = f"For {portrait.occasion}, I'd start with"   # "mother's day", not "your mother's mother's day"
    elif who and portrait.occasion:
        lead = f"For your {who}'s {portrait.occasion}, I'd start with"
    elif who or portrait.occasion:
        lead = f"For your {who or portrait.occasion}, I'd start with"
    else:
        lead = "I'd start with"
    matched = [a for a in portrait.attributes_wanted if has_attribute(best, a)]
    facts = (", ".join(matched) + " as you asked") if matched else ", ".join(key_facts(best, 2))
    if best.rating is not None:
        facts = f"{facts}, rated {best.rating:.1f}/5" if facts else f"rated {best.rating:.1f}/5"
    count = f"1 of {len(products)} good matches" if len(products) > 1 else "the one good match"
    by = f" by {best.brand}" if best.brand and best.brand.lower() not in short_name(best).lower() else ""
    return f"{lead} the {short_name(best)}{by} at {price_text(best)}" + (f": {facts}" if facts else "") + f" ({count})."
