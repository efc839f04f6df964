"""What each act does to a turn, decided in code; the orchestrator only dispatches.

Three routes (``route``):

* ``compare`` — the comparison table of ``assistant.guide.compare``;
* ``direct`` — answered without a new search: a product question (from the row; the
  shown list stays as it was), a greeting or chit-chat (one question, no products), a
  shop question (plainly: not answered yet, a person can help — never an invented
  policy), a reset, and "we don't carry that" (decided from catalog evidence);
* ``search`` — the portrait changes and retrieval runs: ``apply_search_acts`` adds what
  the portrait rules do not read (a required brand, likes as soft preferences) and
  makes ``cheaper``/``pricier`` relative to the prices the shopper saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Mapping, Sequence

from assistant.guide.honesty import STOP, CatalogLexicon
from assistant.guide.render import short_name
from assistant.portrait.model import Portrait
from assistant.understanding.acts import ActType, Interpretation
from assistant.portrait.vocabulary import Vocabulary
from assistant.understanding.answer import Answer, answer_question
from assistant.understanding.recall import recall
from assistant.understanding.names import strip_name
from assistant.understanding.lexicon import PhraseMap
from assistant.understanding.rowmatch import CatalogValues
from assistant.understanding.cues import load_cues
from retrieval.catalog.product import Product
from retrieval.text import stem

DIRECT = {ActType.ASK_ABOUT, ActType.GREETING, ActType.CHITCHAT, ActType.SHOP_QUESTION, ActType.NOT_CARRIED}
GREETING_REPLY = "Hi! What are you shopping for today — and is it for you or someone else?"
CHITCHAT_REPLY = "Happy to help. What are you looking for?"
RESET_REPLY = "Okay — I've cleared what I knew. What are you looking for?"
SHOP_REPLY = ("I can't answer questions about orders, shipping, returns or other shop policies yet — "
              "a person from the shop can help with that. I can help you find and compare products.")


def route(interpretation: Interpretation) -> str:
    """``compare`` | ``direct`` | ``reset`` | ``search`` for the acts of one message."""
    types = interpretation.types
    if ActType.COMPARE in types:
        return "compare"
    if ActType.RESET in types and not types & {ActType.SEARCH, ActType.REFINE}:
        return "reset"
    if types and types <= DIRECT:
        return "direct"
    return "search"


@dataclass
class DirectTurn:
    """A turn answered without retrieval: the text, the products to show, the answer."""

    text: str
    shown: list[Product] = field(default_factory=list)
    answer: Answer | None = None
    keep_list: bool = False          # the session's "last shown" list stays what it was
    violates: dict[str, list[str]] = field(default_factory=dict)   # product id → why it is not a match
    notice: str | None = None


def target(position: int | None, shown: Sequence[Product], focus_id: str | None,
           lookup: Mapping[str, Product] | None = None) -> Product | None:
    """The product a question is about: its position, else the one in focus, else a lone product.

    The product in focus need not be on the shown list: one asked about by name stays in
    focus ("is it grey?") until the shopper points elsewhere (``lookup``: the catalog by id).
    """
    if position is not None and shown:
        index = position - 1 if position > 0 else len(shown) - 1
        return shown[index] if 0 <= index < len(shown) else None
    focused = [p for p in shown if p.id == focus_id]
    if focused:
        return focused[0]
    if focus_id and lookup is not None and focus_id in lookup:
        return lookup[focus_id]
    return shown[0] if len(shown) == 1 else None


def direct_turn(interpretation: Interpretation, shown: Sequence[Product], portrait: Portrait,
                catalog: Sequence[Product] | Mapping[str, Product], question: str | None = None,
                values: CatalogValues | None = None, previous: str | None = None,
                earlier: Sequence[str] = ()) -> DirectTurn:
    """Answer a list-keeping act (``ask_about``, greeting, chit-chat, shop question).

    A product question is answered from the row of the product it names (``product_id``),
    points at, or the one in focus; that product is in focus afterwards. A question that names
    only another product ("and the lumora delphine ones?", "what about the featherstep ii") asks
    the ``previous`` message's question again, about that product (``elliptic``). A question that points back at
    a quantity said before ("ok for her age?") reads it from ``earlier`` (the shopper's messages, newest first:
    ``recall``).
    """
    ask = interpretation.first(ActType.ASK_ABOUT)
    if ask is not None:
        lookup = catalog if isinstance(catalog, Mapping) else {p.id: p for p in catalog}
        product = lookup.get(ask.product_id) if ask.product_id else None
        product = product or target(ask.product, shown, portrait.focus_id, lookup)
        if product is None:
            return DirectTurn("Which one do you mean — the first, second, …? I'll answer from its catalog details.",
                              list(shown), keep_list=True)
        before = lookup.get(portrait.focus_id) if portrait.focus_id else None
        portrait.focus_id = product.id
        if question is not None:
            question = recall(strip_name(question, product, opening=True), earlier)    # its title words are no question
        answer = answer_question(product, ask.aspect, ask.value, list(lookup.values()), question, values)
        again = elliptic(question, product, previous, before) if answer.verdict == "unknown" else None
        if again is not None:
            repeated = answer_question(product, None, None, list(lookup.values()), again, values)
            answer = repeated if repeated.verdict != "unknown" else answer
        return DirectTurn(answer.text, list(shown), answer=answer, keep_list=True)
    # no new products with these (they answer no product need): the list on screen stays, and
    # "the second one" keeps pointing where it did
    if ActType.SHOP_QUESTION in interpretation.types:
        return DirectTurn(SHOP_REPLY, [], keep_list=True)
    if ActType.GREETING in interpretation.types:
        return DirectTurn(GREETING_REPLY if not shown else CHITCHAT_REPLY, list(shown), keep_list=True)
    return DirectTurn(CHITCHAT_REPLY, list(shown), keep_list=True)


# words of a follow-up that only points at another product: "and the other ones?", "what about the X"
_POINTING = {"and", "what", "about", "how", "other", "one", "ones", "then", "too", "also", "that", "those", "this",
             "these", "pair", "pairs", "model", "version"}


def _title_stems(product: Product) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z0-9]+", f"{product.brand} {product.title}".lower())}


def elliptic(question: str | None, product: Product, previous: str | None, before: Product | None) -> str | None:
    """The ``previous`` question, without the name of the product it was about (``before``), when
    ``question`` names only ``product`` and asks nothing itself — else None.

    >>> a = Product(id="a", title="Corbel Pathfinder Plus Snow Boots", brand="Corbel")
    >>> b = Product(id="b", title="Fernhollow Featherstep II Chelsea Boots", brand="Fernhollow")
    >>> elliptic("what about the fernhollow featherstep ii", b, "is the corbel pathfinder plus ok down to -30?", a)
    'is the ok down to -30?'
    >>> elliptic("is the featherstep ii waterproof?", b, "is the corbel pathfinder ok down to -30?", a) is None
    True
    """
    if not question or not previous or before is None or before.id == product.id:
        return None
    cues = load_cues()
    if not (cues["question_start"].search(previous.lower()) or cues["question_end"].search(previous)):
        return None          # "show me tents" then "what about the nordvik fjord?": nothing to repeat
    own = _title_stems(product)
    rest = [w for w in re.findall(r"[a-z0-9]+", question.lower())
            if w not in STOP and w not in _POINTING and stem(w) not in own]
    if rest:
        return None
    # the words that named it, not what was asked ("is the nordvik larch waterproof?": waterproof is in its row)
    row = {stem(w) for raw in before.attributes.values() for item in (raw if isinstance(raw, list) else [raw])
           for w in re.findall(r"[a-z0-9]+", str(item).lower())}
    named = _title_stems(before) - _title_stems(product) - row
    words = re.findall(r"\S+", previous)
    return " ".join(w for w in words if stem(re.sub(r"[^a-z0-9]", "", w.lower())) not in named)


def _content_words(phrase: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9][a-z0-9\-]*", phrase.lower()) if len(w) > 1 and w not in STOP]


def carried(phrase: str, lexicon: CatalogLexicon) -> bool:
    """Keyword evidence: does the catalog use the head noun (last content word) of ``phrase`` as
    a product kind or a value — not only inside a longer value ("gaming laptops" where only
    daypacks have a "laptop sleeve")?

    >>> lex = CatalogLexicon.from_products([Product(id="1", title="Trail Jacket", category="Outdoor > Jackets",
    ...                                             attributes={"features": ["laptop sleeve", "waterproof"]})])
    >>> carried("a 4k tv", lex), carried("a waterproof jacket", lex), carried("red jackets", lex)
    (False, True, True)
    >>> carried("gaming laptops", lex), carried("anything waterproof", lex)
    (False, True)
    >>> carried("laptop jackets", lex), carried("laptop stands", lex)
    (True, False)
    """
    words = _content_words(phrase)
    if not words:
        return True
    head = words[-1]
    forms = {head, head.rstrip("s"), head[:-2] if head.endswith("es") else head,
             head[:-3] + "y" if head.endswith("ies") else head}
    if len(words) >= 2 and lexicon.part_kinds is not None and words[-2] in lexicon.part_kinds:
        # "laptop stands": a part word before the head is carried only with a product of that kind that has the part
        return bool(forms & lexicon.part_kinds[words[-2]])
    return bool((forms & lexicon.words) - lexicon.parts)


# what a need names after its verb: "also need a wide-brimmed sun hat …", "reckon you'd have an esky …"
_NEED_THING = re.compile(r"\b(?:need|needs|want|wants|looking for|look for|after|buy|buying|get|getting|"
                         r"(?:you'?d|you would|you might|you) (?:have|stock|sell|carry|do))\s+"
                         r"(?:(?:a|an|some|any|two|a couple of|couple of|a few|a pair of|pairs of|a set of)\s+)*"
                         r"(?!(?:that|which|who|it|them|this|these|those|to|you)\b)([a-z][a-z' -]*?)"
                         r"(?=\s+(?:for|while|to|because|since|so|as|that|which|when|if|in|on|with|"
                         r"too|as well|also|please|pls|like|from|at)\b|\s*[,.!?;]|\s*$)")


def unnamed_need(text: str, acts: Interpretation, lexicon: CatalogLexicon) -> str | None:
    """The thing a need names when the rules found nothing of the catalog in it (one search or refine with no
    value and no slots) and the catalog does not use its head word: not carried.

    >>> from assistant.understanding.acts import Act
    >>> lex = CatalogLexicon.from_products([Product(id="1", title="Trail Jacket", category="Outdoor > Jackets")])
    >>> bare = Interpretation([Act(ActType.SEARCH)])
    >>> unnamed_need("also need a wide-brimmed sun hat for the summer", bare, lex)
    'wide-brimmed sun hat'
    >>> unnamed_need("i need a jacket too", bare, lex), unnamed_need("i need a present for my dad", bare, lex)
    (None, None)
    """
    if len(acts.acts) != 1 or acts.acts[0].type not in (ActType.SEARCH, ActType.REFINE) or acts.acts[0].value \
            or acts.acts[0].slots:
        return None
    m = _NEED_THING.search(text.lower())
    words = _content_words(m.group(1)) if m else []
    if not words or load_cues()["need_generic"].fullmatch(m.group(1).split()[-1]) or carried(m.group(1), lexicon):
        return None
    return m.group(1).strip()


def not_carried_turn(phrase: str, nearest: Sequence[Product], shown: Sequence[Product] = ()) -> DirectTurn:
    """ "We don't carry 4K TVs" — plainly, with the nearest products flagged as non-matches.

    Mid-conversation the list on screen stays what it was (the jacket list stays after "do
    you have a 4K TV?"); the nearest alternatives are named in the text instead.
    """
    thing = phrase or "that"
    if shown:
        text = f"We don't carry {thing} — nothing in the catalog is one."
        if nearest:
            text += f" The closest things we have ({', '.join(names(nearest))}) are not {thing}."
        return DirectTurn(text, list(shown), keep_list=True, notice=f"This shop doesn't carry {thing}.")
    if nearest:
        text = (f"We don't carry {thing} — nothing in the catalog is one. The closest things we have are below; "
                f"they are not {thing}.")
    else:
        text = f"We don't carry {thing} — nothing in the catalog is one."
    return DirectTurn(text, list(nearest), violates={p.id: [f"not {thing}"] for p in nearest},
                      notice=f"This shop doesn't carry {thing}.")


def apply_search_acts(portrait: Portrait, interpretation: Interpretation, shown: Sequence[Product],
                      turn: int, vocabulary: Vocabulary | None = None, phrases: PhraseMap | None = None,
                      text: str | None = None, values: CatalogValues | None = None) -> None:
    """After the portrait rules ran: required brands, soft likes, and relative prices.

    A liked phrase the catalog does not use is mapped through ``phrases`` (the embedder):
    a colour phrase to catalog colours, anything else to a category — both soft (the
    category is a guess: it joins the likes, i.e. the search text, never the category).
    """
    for act in interpretation.acts:
        if vocabulary is not None and phrases is not None:
            _map_phrases(portrait, act.slots.get("preferences", ()), vocabulary, phrases, turn)
        slots = act.slots
        if interpretation.source != "rules":
            _apply_slots(portrait, slots, turn)     # the rules' own slots were merged by the portrait rules
        required = list(slots.get("brands_required", ()))
        if required:
            portrait.add("brands_required", required, turn)
            portrait.remove("brands_excluded", required)
        for value in slots.get("attributes_excluded", ()):
            portrait.remove("attributes_wanted", [value])
        # catalog values ("red") were merged as wanted attributes by the portrait rules; the shopper's
        # own words for what the person likes ("cooking") are kept as likes: soft, search text only
        known = {v.lower() for v in (vocabulary.colours + vocabulary.materials + vocabulary.features)} if vocabulary else set()
        wanted = {a.lower() for a in portrait.attributes_wanted}
        prefs = list(slots.get("preferences", ()))
        if interpretation.source != "rules":
            portrait.add("attributes_wanted", [p for p in prefs if p.lower() in known], turn)
        # a capacity in the catalog's spelling ("2-person", read from "for 2 people"): wanted, soft like any
        capacity = [p for p in prefs if p[:1].isdigit() and p.lower() not in known]
        portrait.add("attributes_wanted", capacity, turn)
        wanted = {a.lower() for a in portrait.attributes_wanted}
        portrait.add("likes", [p for p in prefs if p.lower() not in known | wanted], turn)
        if act.type in (ActType.SEARCH, ActType.REFINE) and text and values is not None \
                and values.paraphrase is not None and vocabulary is not None:
            # "a water bottle that won't leak": the catalog feature the clause paraphrases, wanted (soft)
            features = {f for f in vocabulary.features}
            portrait.add("attributes_wanted", [f for f in values.paraphrase.wishes(text, features)
                                               if f.lower() not in {a.lower() for a in portrait.attributes_wanted}], turn)
        if act.type in (ActType.CHEAPER, ActType.PRICIER) and shown:
            _relative_price(portrait, act.type, target(act.product, shown, None) if act.product else None, shown, turn)


RELATIVE = {ActType.MORE_LIKE, ActType.CHEAPER, ActType.PRICIER, ActType.SHOW_MORE}


def liked_product(interpretation: Interpretation, shown: Sequence[Product], focus_id: str | None,
                  lookup: Any = None) -> Product | None:
    """The product a ``more_like`` act follows: the one it names (``product_id``), else its position /
    the one in focus on the list shown last; None without a ``more_like`` act."""
    more = interpretation.first(ActType.MORE_LIKE)
    if more is None:
        return None
    if more.product_id and lookup is not None and lookup(more.product_id) is not None:
        return lookup(more.product_id)
    return target(more.product, shown, focus_id) if shown else None


def holds(product: Product, value: str) -> bool:
    """The row has ``value`` as a whole attribute value or list item ("2-person", "waterproof")."""
    want = value.lower().strip()
    for item in product.attributes.values():
        items = item if isinstance(item, list) else [item]
        if any(str(v).lower().strip() == want for v in items):
            return True
    return False


def same_need(items: Sequence[Any], interpretation: Interpretation, portrait: Portrait,
              liked: Product | None, key: Any) -> list[Any]:
    """On a turn that keeps the need (more like, cheaper, pricier, more), products with the wanted values
    come first — the values the liked product has, when one is followed — the order otherwise kept.

    "a tent for 2 people" → "the second one but cheaper": the query text carries the liked tent's title,
    whose brand also names 4-person tents; "2-person" is wanted (soft) and the liked tent has it, so the
    cheaper 2-person tents lead. Nothing is removed: a soft preference, like a recipient's gender.
    """
    if not interpretation.types & RELATIVE or not portrait.attributes_wanted:
        return list(items)
    wanted = [w for w in portrait.attributes_wanted if liked is None or holds(liked, w)]
    if not wanted:
        return list(items)
    return sorted(items, key=lambda i: -sum(holds(key(i), w) for w in wanted))


def cheapest_first(items: Sequence[Any], interpretation: Interpretation, text: str, query: Any,
                   key: Any, window: int = 8) -> list[Any]:
    """ "the cheapest tennis racket you sell": a new or narrowed need asked at its lowest price — of a kind the query
    names, the best-ranked ``window`` that break none of its constraints, cheapest first (a category holds more
    than the kind asked for: badminton sets beside tennis rackets), the rest after, as ranked."""
    if not interpretation.types & {ActType.SEARCH, ActType.REFINE} or not query.categories \
            or not load_cues()["cheapest_asked"].search(text.lower()):
        return list(items)
    fits = list(islice((i for i in items if not query.violations(key(i))), window))   # the first that fit only
    cheapest = sorted(fits, key=lambda i: key(i).price if key(i).price is not None else float("inf"))
    taken = {id(i) for i in fits}
    return cheapest + [i for i in items if id(i) not in taken]


def _apply_slots(portrait: Portrait, slots: Any, turn: int) -> None:
    """The validated slots of an act, as hard constraints (idempotent after the portrait rules).

    With ``mode = "llm"`` this is how the model changes what is shown: its category,
    budget and exclusions reach the query only through here, and only after
    ``validate_acts`` checked them against the catalog and the message.
    """
    category = slots.get("category")
    if category and (portrait.category or "").lower() != str(category).lower():
        portrait.set("category", category, turn)
        portrait.category_explicit = True
    if slots.get("budget_max") is not None:
        portrait.set("budget_max", float(slots["budget_max"]), turn)
        if portrait.budget_min is not None and portrait.budget_min >= portrait.budget_max:
            portrait.clear("budget_min")
    if slots.get("budget_min") is not None and slots.get("budget_max") is None:
        portrait.set("budget_min", float(slots["budget_min"]), turn)
    excluded_brands = list(slots.get("brands_excluded", ()))
    portrait.add("brands_excluded", excluded_brands, turn)
    portrait.remove("brands_liked", excluded_brands)
    excluded = list(slots.get("attributes_excluded", ()))
    portrait.add("attributes_unwanted", excluded, turn)
    portrait.add("deal_breakers", excluded, turn)


def _map_phrases(portrait: Portrait, preferences: Sequence[str], vocabulary: Vocabulary, phrases: PhraseMap,
                 turn: int) -> None:
    known = {v.lower() for v in vocabulary.colours + vocabulary.materials + vocabulary.features}
    colour_phrase = load_cues()["colour_phrase"]
    for phrase in preferences:
        if phrase.lower() in known:
            continue
        if colour_phrase.search(phrase.lower()):
            # "she likes bright colours": a like (soft, the search text and the portrait's likes), never a
            # wanted feature that a product "fails" by being blue
            portrait.add("likes", phrases.nearest(phrase, vocabulary.colours), turn)
        elif not portrait.category:
            near = phrases.nearest(phrase, vocabulary.categories)
            if len(near) == 1 and near[0] not in portrait.likes:
                # a guess, so not the category: it joins the search text and is stated
                portrait.add("likes", near, turn)
                portrait.assumptions.append(f"\"{phrase}\" suggests {near[0]}")


def _relative_price(portrait: Portrait, kind: ActType, referred: Product | None, shown: Sequence[Product],
                    turn: int) -> None:
    """Below the cheapest shown (or the one referred to); above the dearest shown (or that one).

    "cheaper" after $99.99, $129.99 and $229.99 means under $99.99, not $229.98.
    """
    pool = [referred] if referred is not None else list(shown)
    prices = [p.price for p in pool if p.price is not None]
    if not prices:
        return
    # the portrait rules may have noted a different reference price: the stated one must be this one
    portrait.assumptions = [a for a in portrait.assumptions if not a.startswith(("cheaper than", "pricier than"))]
    currency = next((p.currency for p in pool if p.price is not None and p.currency), None)
    if currency and portrait.currency and portrait.currency != currency:
        # the new bound is a catalog price; a bound in the shopper's currency (¥300) cannot stay beside it
        portrait.clear("budget_min", "budget_max")
    if currency:
        portrait.set("currency", currency, turn)
    if kind == ActType.CHEAPER:
        ceiling = round(min(prices) - 0.01, 2)
        portrait.set("budget_max", ceiling, turn)
        if portrait.budget_min is not None and portrait.budget_min >= ceiling:
            portrait.clear("budget_min")
        portrait.assumptions.append(f"cheaper than ${min(prices):,.2f}")
    else:
        floor = round(max(prices) + 0.01, 2)
        portrait.set("budget_min", floor, turn)
        if portrait.budget_max is not None and portrait.budget_max <= floor:
            portrait.clear("budget_max")
        portrait.assumptions.append(f"pricier than ${max(prices):,.2f}")


def is_vague(portrait: Portrait) -> bool:
    """Nothing to search for yet: no category, no product words, nothing wanted ("something for my dad")."""
    if portrait.category or portrait.attributes_wanted or portrait.brands_liked or portrait.brands_required \
            or portrait.likes:
        return False
    return not _content_words(portrait.needs) or bool(portrait.recipient or portrait.occasion) and \
        len(_content_words(portrait.needs)) <= 2


def names(products: Sequence[Any]) -> list[str]:
    return [short_name(p) for p in products]
