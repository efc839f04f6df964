"""Multi-turn rules: fold one turn's facts into the portrait.

Explicit, tested rules decide how a turn changes what is already known:

* corrections replace ("actually make it under 100", "forget the brand");
* additions add ("also in blue"); a new colour without "also" replaces the old one;
* a new need in the same chat ("and something for camping", a different category)
  keeps what describes the person (recipient, occasion, style, refused brands) and
  drops what described the previous item (its budget, attributes, liked brands);
* references to shown products ("the second one", "cheaper than that") are resolved
  against the products shown on the previous turn.

>>> p = Portrait()
>>> v = Vocabulary(categories=["Jackets", "Tents"], colours=["red", "blue"])
>>> _ = apply_turn(p, "a red jacket under $150", 0, v)
>>> _ = apply_turn(p, "also in blue", 1, v)
>>> p.attributes_wanted, p.budget_max
(['red', 'blue'], 150.0)
>>> _ = apply_turn(p, "and a tent for camping", 2, v)
>>> p.category, p.budget_max, p.attributes_wanted
('Tents', None, [])
"""

from __future__ import annotations

from typing import Any, Sequence

from assistant.portrait.extract import TurnFacts
from assistant.portrait.extract_zh import read_turn
from assistant.portrait.vocabulary import Vocabulary
from assistant.portrait.model import Portrait


def apply_turn(portrait: Portrait, text: str, turn: int, vocab: Vocabulary,
               shown: Sequence[Any] = (), llm: Any = None) -> TurnFacts:
    """Update ``portrait`` in place from one user message; returns what the rules read.

    ``shown`` are the products shown on the previous turn (in order), ``llm`` an optional
    ``assistant.portrait.llm_fill.PortraitLLM`` for recipient/occasion/style phrasing the rules
    do not cover — its answers only fill slots the rules left empty.
    """
    facts = read_turn(text, vocab)   # English, Chinese or mixed
    category = _pick_category(facts.categories, vocab)
    category = vocab.narrow(category, text) if category else None
    if _is_new_need(portrait, facts, category, vocab):
        portrait.start_new_need(turn)
    _merge_budget(portrait, facts, turn)
    _merge_brands(portrait, facts, turn)
    _merge_category(portrait, facts, category, turn, vocab)
    _merge_attributes(portrait, facts, turn, {c.lower() for c in vocab.colours})
    if facts.clear_recipient:
        portrait.clear("recipient")
    elif facts.recipient:
        portrait.set("recipient", facts.recipient, turn)
    if facts.occasion:
        portrait.set("occasion", facts.occasion, turn)
    if facts.style:
        portrait.set("style", facts.style, turn)
    if shown and facts.reference is not None:
        _resolve_reference(portrait, facts, list(shown), turn)
    if llm is not None:
        from assistant.portrait.llm_fill import merge_llm

        slots = llm.maybe_extract(text, facts, portrait)
        if slots is not None:
            merge_llm(portrait, slots, turn)
    if describes_need(facts) or not portrait.needs:     # the first message stays, whatever it says
        portrait.add_need(text, turn)
    review(portrait, facts)
    return facts


def describes_need(facts: TurnFacts) -> bool:
    """Whether a message says what is wanted, so it belongs in ``needs`` (the search text, "Looking for").

    A message that only sets constraints or moves relative to the list — "under 120", "not red",
    "no Brightwell", "cheaper", "the second one" — describes nothing: its facts are enforced as
    constraints, and its words in the search text would pull the opposite way ("not red" reads as red).
    A message with no facts at all keeps its words: they may name a need the catalog spells otherwise.
    """
    if (facts.categories or facts.wanted or facts.brands_liked or facts.must_haves or facts.recipient
            or facts.occasion or facts.style or facts.activity):
        return True
    constraint_only = (facts.budget is not None or facts.unwanted or facts.disliked or facts.brands_excluded
                       or facts.relation is not None or facts.reference is not None or facts.clear_budget
                       or facts.clear_brands or facts.clear_colour or facts.attrs_ok or facts.brands_ok)
    return not constraint_only


def _pick_category(categories: list[str], vocab: Vocabulary) -> str | None:
    """The most specific category named: a subcategory beats its top level."""
    if not categories:
        return None
    subs = [c for c in categories if c in vocab.category_parents]
    return (subs or categories)[0]


def _related(a: str, b: str, vocab: Vocabulary) -> bool:
    return a.lower() == b.lower() or vocab.is_ancestor(a, b) or vocab.is_ancestor(b, a)


def _is_new_need(portrait: Portrait, facts: TurnFacts, category: str | None, vocab: Vocabulary) -> bool:
    if portrait.is_empty() or facts.correction:
        return False
    if category and portrait.category and not _related(category, portrait.category, vocab):
        return True
    return facts.new_need and bool(category or facts.activity) and facts.recipient is None \
        and not (category and portrait.category and _related(category, portrait.category, vocab))


def _merge_budget(p: Portrait, facts: TurnFacts, turn: int) -> None:
    b = facts.budget
    if b is None and facts.correction and (p.budget_max is not None or p.budget_min is not None):
        b = facts.budget_if_money          # "make it 35" revises the budget already stated
    if facts.clear_budget:
        p.clear("budget_min", "budget_max")
        return
    if b is None:
        return
    if b.min is not None and b.max is not None:
        p.set("budget_min", b.min, turn)
        p.set("budget_max", b.max, turn)
    elif b.max is not None:
        p.set("budget_max", b.max, turn)
        if p.budget_min is not None and p.budget_min >= b.max:
            p.clear("budget_min")
    elif b.min is not None:
        p.set("budget_min", b.min, turn)
        if p.budget_max is not None and p.budget_max <= b.min:
            p.clear("budget_max")
    p.set("currency", b.currency, turn)
    if b.approx:
        _note(p, f"I read \"around\" as up to {b.max:g}")


def _merge_brands(p: Portrait, facts: TurnFacts, turn: int) -> None:
    if facts.clear_brands:
        p.clear("brands_liked") if p.brands_liked or not p.brands_excluded else p.clear("brands_excluded")
    if facts.brands_liked and facts.correction:
        p.clear("brands_liked")
    p.add("brands_liked", facts.brands_liked, turn)
    p.remove("brands_excluded", facts.brands_liked + facts.brands_ok)
    p.add("brands_excluded", facts.brands_excluded, turn)
    p.remove("brands_liked", facts.brands_excluded)


def _merge_category(p: Portrait, facts: TurnFacts, category: str | None, turn: int, vocab: Vocabulary) -> None:
    if category is None:
        return
    if p.category and vocab.is_ancestor(category, p.category) and not facts.correction:
        return      # "shoes" after "running shoes" keeps the more specific level
    p.set("category", category, turn)
    p.category_explicit = True
    p.focus_id = None


def _merge_attributes(p: Portrait, facts: TurnFacts, turn: int, colours: set[str]) -> None:
    if facts.clear_colour:
        p.remove("attributes_wanted", [a for a in p.attributes_wanted if a.lower() in colours])
    new_colours = [a for a in facts.wanted if a.lower() in colours]
    if new_colours and not facts.addition:
        p.remove("attributes_wanted", [a for a in p.attributes_wanted if a.lower() in colours and a not in new_colours])
    p.add("attributes_wanted", facts.wanted, turn)
    p.remove("attributes_unwanted", facts.wanted + facts.attrs_ok)
    p.remove("deal_breakers", facts.wanted + facts.attrs_ok)
    p.add("must_haves", facts.must_haves, turn)
    negated = facts.unwanted + facts.disliked
    p.add("attributes_unwanted", negated, turn)
    p.add("deal_breakers", facts.unwanted, turn)
    p.remove("attributes_wanted", negated)
    p.remove("must_haves", negated)


def _targets(facts: TurnFacts, shown: list[Any], focus_id: str | None) -> list[Any]:
    ref = facts.reference
    if ref == "all":
        return shown
    if isinstance(ref, int):
        index = ref - 1 if ref > 0 else len(shown) - 1
        return [shown[index]] if 0 <= index < len(shown) else []
    focused = [s for s in shown if getattr(s, "id", None) == focus_id]
    return focused or shown[:1]


def _resolve_reference(p: Portrait, facts: TurnFacts, shown: list[Any], turn: int) -> None:
    targets = _targets(facts, shown, p.focus_id)
    if not targets:
        return
    prices = [t.price for t in targets if getattr(t, "price", None) is not None]
    currency = next((t.currency for t in targets if getattr(t, "currency", None)), None)
    if facts.relation in ("cheaper", "pricier") and prices and currency:
        if p.currency and p.currency != currency:
            p.clear("budget_min", "budget_max")   # ¥300 and a catalog price cannot bound one range
        p.set("currency", currency, turn)
    if facts.relation == "cheaper" and prices:
        ceiling = round(min(prices) - 0.01, 2)
        p.set("budget_max", ceiling, turn)
        if p.budget_min is not None and p.budget_min >= ceiling:
            p.clear("budget_min")
        _note(p, f"cheaper than ${min(prices):,.2f}")
    elif facts.relation == "pricier" and prices:
        floor = round(max(prices) + 0.01, 2)
        p.set("budget_min", floor, turn)
        if p.budget_max is not None and p.budget_max <= floor:
            p.clear("budget_max")
    elif facts.relation == "other_brand":
        brands = [t.brand for t in targets if getattr(t, "brand", "")]
        p.add("brands_excluded", brands, turn)
        p.remove("brands_liked", brands)
    elif facts.relation == "other_colour":
        colours = [str(t.attributes.get("colour")) for t in targets if t.attributes.get("colour")]
        p.add("attributes_unwanted", colours, turn)
        p.add("deal_breakers", colours, turn)
        p.remove("attributes_wanted", colours)
    if len(targets) == 1:
        p.focus_id = targets[0].id
        if not p.category and targets[0].category:
            p.set("category", targets[0].category.split(">")[-1].strip(), turn)
            p.category_explicit = True


def _note(p: Portrait, text: str) -> None:
    if text not in p.assumptions:
        p.assumptions.append(text)


def review(p: Portrait, facts: TurnFacts | None = None) -> None:
    """Clarify-or-assume: one short question only when no category is known at all.

    Without a category the results could be anything in the catalog, so asking is worth
    a turn; a missing budget or colour changes little, so it is assumed and stated.
    """
    p.question = None
    if not p.category:
        if p.recipient or p.occasion:
            p.question = f"What kind of thing would you like for your {p.recipient or p.occasion}?"
        else:
            p.question = "What kind of product are you looking for?"
    elif p.budget_max is None and p.budget_min is None:
        _note(p, "no budget given, so I show a range of prices")
    if p.budget_max is not None or p.budget_min is not None:
        p.assumptions = [a for a in p.assumptions if not a.startswith("no budget")]
