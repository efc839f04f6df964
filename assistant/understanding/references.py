"""Products a message refers to by name, by brand, or as "the other one" — read against the conversation.

The rules (``assistant.understanding.rules``) ask here which product a question names. Three
things beyond a product's own title words (``ProductNames``) count:

* a brand typed with a typo is written the catalog's way first ("stridwell ridge lite");
* what the shopper named in the last few messages counts as on screen: after "the Brightwell
  Aria or the Brightwell Helix?", "how many hours does the aria do" is that Aria, not the
  Voltaro Aria X elsewhere in the catalog;
* "and the other one?" is the other of the two products last named together (or named in the last
  messages, or of the two on the list), the one in focus being the first;
* "the cheaper of those two" is the one of the two last named with the lower price.

Nothing here is a word list: names come from the catalog, pronouns and separators are
English cues of the same kind as ``lang/en/cues.yaml``'s.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from assistant.portrait.extract import normalise
from assistant.portrait.vocabulary import find_mentions
from assistant.understanding.interpreter import Context
from retrieval.catalog.product import Product
from retrieval.text import stem

# the parts of "the X or the Y", "compare X with Y", "X vs Y, Z": one product each
PARTS = re.compile(r"\s*(?:,|\bor\b|\band\b|\bvs\.?|\bv\b(?! ?-?necks?\b)|\bversus\b|\bwith\b|\bto\b|\bnext to\b|"
                   r"\bagainst\b)\s*")
# a part that points instead of naming: "which is lighter, those or the …", "compare it with …"
POINTER = re.compile(r"^(?:(?:which (?:is|are) \w+,?|compare) )?(?:the )?"
                     r"(?:it|its|this|that|these|those|them|they|this one|that one)\W*$")
OTHER = re.compile(r"\b(?:the|that) other(?: one)?\b")
# a leading name phrase before a dash, comma or colon ("<name> - is it …", "<name>, does it …")
_LEAD = re.compile(r"^\W*([^,:;?!.]{3,60}?)\s*(?:,|:|\s[-–—]+)\s")
RECENT = 3        # messages back in which a named product still counts as on screen


def brands_spelled(t: str, mentions: list) -> str:
    """ "is the stridwell ridge lite waterproof?" → "is the stridewell ridge lite waterproof?": a brand the
    vocabulary read through a typo is written the catalog's way, so the product's name can be found."""
    for m in sorted((m for m in mentions if m.kind == "brand" and m.fuzzy), key=lambda m: -m.start):
        t = t[:m.start] + m.value.lower() + t[m.end:]
    return t


def named_parts(t: str, mentions: list, context: Context, shown: Sequence[Product]) -> list[Product]:
    """The distinct products named in the parts of ``t`` (a pointing part is the product in focus)."""
    focus = context.names.get(context.portrait.focus_id) if context.portrait.focus_id else None
    found: list[Product] = []
    for part in PARTS.split(brands_spelled(t, mentions)):
        product = focus if POINTER.match(part) else (context.names.find(part, shown) if part.strip() else None)
        if product is not None and product.id not in {p.id for p in found}:
            found.append(product)
    return found


def recently_named(context: Context) -> list[Product]:
    """Products the shopper named in the last ``RECENT`` messages, newest first (none without ``names``)."""
    if context.names is None:
        return []
    out: list[Product] = []
    for said in reversed(context.history[-RECENT:]):
        t = normalise(said)
        for product in named_parts(t, find_mentions(t, context.vocabulary), context, context.shown):
            if product.id not in {p.id for p in out}:
                out.append(product)
    return out


def named_product(t: str, mentions: list, context: Context) -> Product | None:
    """The product a question names: its title words (the list and the recently named ones win a near
    tie), else the brand of exactly one of those ("how much do the tidewater ones weigh")."""
    if context.names is None:
        return None
    listed = list(context.shown) + [p for p in recently_named(context) if p.id not in {s.id for s in context.shown}]
    spelled = brands_spelled(t, mentions)
    named = context.names.find(spelled, listed)
    lead = _LEAD.match(spelled)
    if named is not None and lead is not None:
        # "stridewell breeze vegan - is that real leather": the name is the phrase before the question; a title
        # word the question says ("leather") does not pick another product the lead does not name
        first = context.names.find(lead.group(1), listed)
        if first is not None and first.id != named.id and context.names.says_model(lead.group(1), first):
            named = first
    said = {context.names._brand_spelling(w) for w in re.findall(r"[a-z0-9&']+", spelled.lower())}
    if named is not None and named.id not in {p.id for p in listed} and context.vocabulary is not None \
            and not any(w in said for w in (named.brand or "").lower().split() if len(w) >= 4) \
            and not context.names.says_model(t, named, [*context.vocabulary.category_terms, *context.vocabulary.categories]):
        named = None      # "any coffee makers?": words for a kind of product, no brand, no model word — not a name
    that = _THAT_KIND.search(t) if named is not None and context.portrait.focus_id not in (None, named.id) else None
    focus = context.names.get(context.portrait.focus_id) if that else None
    if focus is not None and that.group(1)[:4] in focus.title.lower() \
            and not _stems(t) & _stems(named.title) - _stems(focus.title):
        named = focus      # "would that helmet go on it": the helmet just talked about; nothing said names the other
    if named is None and listed:
        brands = {m.value.lower() for m in mentions if m.kind == "brand"}
        same = [p for p in listed if (p.brand or "").lower() in brands]
        named = same[0] if len(brands) == 1 and len(same) == 1 else None
    return named


def named_by_title(t: str, mentions: list, context: Context) -> Product | None:
    """The product the message names by its title words, when it says the product's brand or a model word of the
    title — not only words such as "cast iron" that many titles and attribute values share, and never by a brand
    alone as ``named_product`` may in a question ("cushioned, no stridewell" excludes a brand)."""
    if context.names is None:
        return None
    listed = list(context.shown) + [p for p in recently_named(context) if p.id not in {s.id for s in context.shown}]
    found = context.names.find(brands_spelled(t, mentions), listed)
    return found if found is not None and context.names.says_model(t, found) else None


def other_one(t: str, context: Context) -> Product | None:
    """ "and the other one?": with a product in focus, the other of the two the shopper last named together
    ("the aria or the helix?"), else the other of two products on the list."""
    focus = context.portrait.focus_id
    if not focus or not OTHER.search(t):
        return None
    if context.names is not None:
        for said in reversed(context.history[-RECENT:]):
            s = normalise(said)
            pair = named_parts(s, find_mentions(s, context.vocabulary), context, context.shown)
            if len(pair) == 2 and focus in {p.id for p in pair}:
                return next(p for p in pair if p.id != focus)
    recent = recently_named(context)
    if len(recent) == 2 and focus in {p.id for p in recent}:
        # named one message each ("is the ironvale grit graphite?" after "how heavy is the kestrel sprint")
        return next(p for p in recent if p.id != focus)
    ids = [p.id for p in context.shown]
    if len(ids) == 2 and focus in ids:
        return context.shown[1 - ids.index(focus)]
    return None


def _stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2}


_THAT_KIND = re.compile(r"\b(?:that|this) ([a-z]{4,})\b(?! (?:one|ones)\b)")
_BY_VALUE = re.compile(r"\b(?:the|that|those|these) ([a-z][a-z-]+) (?:one|ones|pair|pairs|version|model|set)\b")


def by_value(t: str, context: Context) -> Product | None:
    """ "the grey pair", "the green ones": the one product on the list whose row has that value (a colour, a
    material) as a whole one-word value; None when no shown product, or more than one, has it.

    >>> from assistant.portrait.model import Portrait
    >>> shown = [Product(id="a", title="Trail Boot", attributes={"colour": "grey"}),
    ...          Product(id="b", title="Trail Boot", attributes={"colour": "green"})]
    >>> by_value("how about the grey pair, any good in mud?", Context(Portrait(), shown)).id
    'a'
    >>> by_value("the first one", Context(Portrait(), shown)) is None
    True
    """
    m = _BY_VALUE.search(t)
    if m is None or len(context.shown) < 2:
        return None
    word = m.group(1)
    hits = [p for p in context.shown
            if any(str(v).lower() == word for raw in p.attributes.values() for v in (raw if isinstance(raw, list) else [raw]))]
    return hits[0] if len(hits) == 1 else None


def by_price(context: Context, cheapest: bool = True) -> Product | None:
    """ "the cheaper of those two": of the two products named last (else of the list), the one with the
    lowest (``cheapest``) or highest price; None when no price tells them apart."""
    pool = recently_named(context)[:2]
    pool = pool if len(pool) == 2 else list(context.shown)
    priced = [p for p in pool if p.price is not None]
    if len(priced) < 2:
        return None
    return (min if cheapest else max)(priced, key=lambda p: p.price)


def position_of(product: Any, shown: Sequence[Product]) -> int | None:
    ids = [p.id for p in shown]
    return ids.index(product.id) + 1 if product is not None and product.id in ids else None
