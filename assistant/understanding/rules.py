"""The default interpreter: cue words (data) + the catalog lexicon → acts. Fast, no model.

Catalog words come from the catalog (``Vocabulary``: brands, categories, attribute
values); only the English cues that say *what kind* of message it is — a greeting, a
question, "do you have", "start over" — live in ``lang/en/cues.yaml``. The slot facts
(money, negation, brands, references) are read by ``assistant.portrait.extract``.

The central decision: a question with a shown list and a reference to it ("does the
second one come in blue?", "is it machine washable?") is ``ask_about``, never a filter.

>>> from retrieval.catalog.product import Product
>>> v = Vocabulary(categories=["Running Shoes"], colours=["blue", "olive"], brands=["Stridewell"])
>>> shown = [Product(id="a", title="A"), Product(id="b", title="B")]
>>> RulesInterpreter().interpret("does the second one come in blue?", Context(shown=shown, vocabulary=v)).acts
[Act(ask_about, product=2, aspect='colour', value='blue')]
>>> [a.type.value for a in RulesInterpreter().interpret("hi", Context(vocabulary=v)).acts]
['greeting']
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from assistant.guide.compare import asks_comparison, comparison_aspect, parse_compare
from assistant.portrait.extract import TurnFacts, normalise
from assistant.portrait.extract_zh import gloss, read_turn
from retrieval.text.detect import detect_language
from assistant.portrait.vocabulary import Vocabulary, find_mentions
from assistant.understanding.acts import Act, ActType, Interpretation
from assistant.understanding.cues import expand_contractions, load_cues, number_digits  # noqa: F401  (also imported from here)
from assistant.understanding import asked, references
from assistant.understanding.interpreter import Context
from assistant.understanding.names import strip_name
from assistant.understanding.rowmatch import match_key
from assistant.understanding.slots import act_slots, likes  # noqa: F401  (likes: also imported from here)
from assistant.understanding.worries import EITHER

_STOP = asked.CARRY_STOP


def said(text: str, cues: dict[str, Any] | None = None) -> str:
    """The form of an English message the cues are matched on: contractions and number words read,
    lower case, single spaces ("Whats the weight?" → "what's the weight?")."""
    cues = cues or load_cues()
    return normalise(number_digits(expand_contractions(text, cues), cues))


_WHAT_ABOUT = re.compile(r"\b(?:what|how) about\b")
# a shown product pointed at after "similar to" / "like": "that one", "the first one", "it"
_LIKE_SHOWN = re.compile(r"\b(?:(?:that|this|the (?:first|second|third|fourth|last)) one|it|them|those|these)\b")


class RulesInterpreter:
    """Cue rules + catalog lexicon. ``interpret`` is pure and cheap (no model, no I/O)."""

    name = "rules"

    def __init__(self, language: str = "en") -> None:
        self.cues = load_cues(language)

    def interpret(self, text: str, context: Context) -> Interpretation:
        vocab = context.vocabulary
        text = number_digits(expand_contractions(text, self.cues), self.cues)
        # a Chinese or mixed message: the cues read its English gloss, the facts the Chinese reader
        t = normalise(gloss(text) if detect_language(text) == "zh" else text)
        said = t if detect_language(text) == "zh" else text    # English words for the phrase-level rules below
        facts = read_turn(text, vocab)
        n = len(context.shown)
        cues = self.cues
        meant = asked.as_meant(cues, t, context, self.interpret)     # "under 8, er, under 6 mm?", "… scratch that"
        if meant is not None:
            return meant
        if cues["reset"].search(t):
            acts = [Act(ActType.RESET)]
            # "forget the hoodie, clear everything": what is dropped is not a new need ("start over, i need a tent" is)
            kept = cues["dropped"].sub(" ", t)
            slots = act_slots(cues, kept, read_turn(kept, vocab) if kept != t else facts, vocab, context.values)
            if slots.get("category"):
                acts.append(Act(ActType.SEARCH, slots=slots))
            return Interpretation(acts)
        if cues["greeting"].search(t):
            return Interpretation([Act(ActType.GREETING)])
        if cues["chitchat"].search(t):
            return Interpretation([Act(ActType.CHITCHAT)])
        plain = " ".join(text.split())
        filler = re.match(cues["filler_prefix"].pattern, plain, re.I) if cues["filler_prefix"].match(t) else None
        if filler:
            return self.interpret(plain[filler.end():], context)    # "ok. is the first one …": the rest is asked
        for kind in (ActType.GREETING, ActType.CHITCHAT):
            # "hello, i need a gift for my sister" = greeting + search; "thanks! anything under 30?" = chitchat + refine
            m = cues[f"{kind.value}_prefix"].match(t)
            tail = next((g for g in m.groups() if g), "") if m else ""
            if tail.strip():
                rest = self.interpret(tail, context)
                # "thanks, that helps": the rest asks for nothing (an empty refine is not an act)
                kept = [a for a in rest.acts if a.type != kind
                        and not (a.type == ActType.REFINE and not a.slots and a.value is None)]
                return Interpretation([Act(kind)] + kept)
        thanked = asked.thanked_after(cues, t, context, self.interpret)     # "is it warm? thanks"
        if thanked is not None:
            return thanked
        mentions = find_mentions(t, vocab)
        # a shop rule named in words no product has, asked as the message's one question ("the return window for an
        # air fryer": svc23); with a product question beside it the clauses are read one by one below
        named = cues["policy_named"].search(t)
        named = named if named and "?" not in t[:named.start()] and t.count("?") <= 1 else None
        shop = asked.shop_cue(cues, t)
        both = asked.two_requests(cues, t, context, shop.group(0), self.interpret) if shop else None
        if both is not None:
            return both      # "is the <name> glass? and how long does delivery take": each asked, each answered
        if cues["shop_action"].search(t) or named or cues["shop_question"].search(t) and (
                _POLICY.search(t) or not (facts.categories and not cues["carry"].search(t))):
            hit = cues["shop_question"].search(t) or cues["shop_action"].search(t) or named
            return Interpretation([Act(ActType.SHOP_QUESTION, aspect=hit.group(0))])
        question = asked.put_as_question(cues, t, mentions, context) or self._unit_followup(t)
        # a statement about a product the message names by its title, asking for nothing else: "<name> weight
        # please", "i hope the <name> comes with a lid" — about that product (only if it names an aspect or value)
        stated = not question and not facts.new_need and facts.relation is None and not facts.budget \
            and not facts.unwanted and not facts.brands_excluded \
            and not cues["request_start"].search(t) and not cues["more_like"].search(t) \
            and not cues["show_more"].search(t) and bool(n or context.portrait.focus_id) and not _A_KIND.search(t) \
            and references.named_by_title(t, mentions, context) is not None
        question = question or stated or bool(n and _TELL_MORE.search(t))
        carry = cues["carry"].search(t)
        if carry and carry.start() and carry.group(0).startswith(("you ", "u ")) \
                and any(m.end <= carry.start() for m in mentions):
            carry = None     # "cheapest tennis racket you sell for a beginner": the thing said before, a need
        if carry and (re.match(r"\s*the\b", t[carry.end():]) or re.search(r"\bthe\b", t[:carry.start()])) \
                and references.named_product(t, mentions, context) is not None:
            # "do you have the juniper in black?", "how many of the juniper have you got left": about that product
            carry, question = None, True
        if carry and (n or context.portrait.focus_id) and cues["in_the_product"].search(t[carry.end():]) \
                and cues["product_pronoun"].search(t[:carry.start()]):
            # "has it got any perfume in it": what is in the product in focus ("do you have one with spf in it"
            # asks the shop for another product)
            carry, question = None, True
        more = cues["show_more"].search(t)
        thing = asked.object_phrase(said, cues["carry"]) if carry and n and more else None
        if carry and n and more and (not thing or thing.lower() in ("more", "anymore") or more.start() <= carry.start()
                                     and (more.end() >= carry.end() or re.match(r"\s*for\b", t[carry.end():]))):
            # "what else have you got", "got any others?", "what else have you got for a kid his age": nothing named
            # to carry, more of the shown need
            carry = None
        if carry and n and cues["more_like"].search(t[carry.end():]) and _LIKE_SHOWN.search(t[carry.end():]):
            carry = None     # "have you got other kits similar to that one": more like a shown product
        # "got any in green?": the quantifier ends the carry cue, what follows narrows the shown need
        lead = "any" if carry and carry.group(0).endswith(" any") else ""
        # "he's been on about a kids bike, do you do those": the thing asked for comes first, a pronoun after the cue
        fronted = _FRONTED.search(t[:carry.start()]) if carry and _PRONOUN_ONLY.match(t[carry.end():]) else None
        narrowed = bool(carry and n and not fronted and _ON_THE_SHOWN.match(lead + t[carry.end():]))
        if narrowed:
            carry = None     # "do you have it in black?", "do you have any from Ironvale?": the shown need, narrowed
        if carry and facts.relation not in ("cheaper", "pricier"):
            # "do you have it cheaper?" asks for the shown need at another price, not about the assortment
            if fronted is not None:
                thing = fronted.group(1)
                mentions = find_mentions(thing, vocab)
                if not mentions:
                    return Interpretation([Act(ActType.NOT_CARRIED, value=thing)])
                slots = act_slots(cues, thing, read_turn(thing, vocab), vocab, context.values)
                return Interpretation([Act(ActType.SEARCH, value=thing, slots=slots)])
            if not mentions:
                return Interpretation([Act(ActType.NOT_CARRIED, value=asked.object_phrase(said, cues["carry"]))])
            # the object is kept: the assistant checks the catalog's words for it (``handlers.carried``)
            return Interpretation([Act(ActType.SEARCH, value=asked.object_phrase(said, cues["carry"]),
                                       slots=act_slots(cues, t, facts, vocab, context.values))])
        named_pair = self._named_comparison(t, mentions, context) or asked.compared_with_named(cues, t, context)
        if named_pair is not None:
            return Interpretation([named_pair])
        request = parse_compare(said, n)
        if request is None and n >= 2 and cues["which_better"].search(t):
            request = parse_compare("compare " + said, n)      # "which is better, the first or the second?"
        if request is not None:
            return Interpretation([Act(ActType.COMPARE, aspect=request.aspect, products=request.positions)])
        position = facts.reference if isinstance(facts.reference, int) else None
        if position == -1 and not cues["the_last"].search(t):
            # "how long does the battery last (on the first one)": not "the last one"
            other = read_turn(re.sub(r"\blast\b", " ", text, flags=re.I), vocab).reference
            position = other if isinstance(other, int) and other != -1 else None
        other = references.other_one(t, context) if question else None     # "and the other one?"
        # "is the pricier one breathable?": in a question, "the cheaper one" picks, like "the cheaper of those two"
        pick = cues["pick_by_price"].search(t) or (cues["pick_one_by_price"].search(t) if question else None)
        if pick and facts.relation in ("cheaper", "pricier"):
            facts.relation = None    # "i'll go with the cheaper of those two": a pick, not cheaper products
        picked = references.by_price(context, cheapest=bool(pick.group(1))) if pick and question else None
        valued = references.by_value(t, context) if question else None      # "the grey pair, any good in mud?"
        titled = references.named_product(t, mentions, context) if question and not (other or picked) else None
        # a product the message names by its title beats a value that picks one off the list ("the ironvale anchor
        # plus set - is it like the adjustable ones at the gym": "adjustable" points at no shown one)
        named = other or picked or (titled if titled is not None and valued is not None
                                    and titled.id not in {p.id for p in context.shown} else None) or valued or titled
        elliptic = False
        if named is not None:
            # the name's own words ("… Camping Tent - Pink") are not what is asked: read the rest
            rest = strip_name(text, named)
            if rest != text:
                t, facts = rest.lower(), read_turn(rest, vocab)
                # "and the tidewater trailhead?": the name and nothing asked — the previous question, of this one
                elliptic = other is None and _NOTHING_ASKED.match(t) is not None
        if question and facts.relation in ("cheaper", "pricier") and _PRICE_REMARK.search(t):
            facts.relation = None    # "would the <name> be ok at -35, they're a lot cheaper": a remark on its price
        # ("different thing, the <name>, do they …", "also need a tee, is the <name> tagless?": a topic change, named)
        switched = facts.new_need and titled is not None and bool(_SWITCH.search(t) or _NEED_THEN_ASKED.search(t))
        if (n or named is not None or context.portrait.focus_id) and question \
                and not (facts.new_need and not switched) and not narrowed \
                and not (n and (cues["more_like"].search(asked.question_itself(cues, t))
                                and not (titled is not None and _ABOUT_ONE_NAMED.match(t))
                                and not _TELL_MORE.search(t)     # "she'd like the second one better… tell me more"
                                or (_ASKS_YOU.match(t) or _WHAT_ELSE.search(t) or cues["dismissed"].search(t))
                               and cues["show_more"].search(t))) \
                and facts.relation not in ("cheaper", "pricier", *(() if titled else ("other_brand", "other_colour"))):
            ask = self._ask_about(t, facts, context, position, named)
            if ask is not None and (other is not None or elliptic) and ask.aspect is None and ask.value is None \
                    and context.previous:
                # "and the other one?": the previous question, asked of the other product
                # (read against the messages before it: a chain of "and the …?" goes back to the question asked)
                before = self.interpret(context.previous, replace(context, history=context.history[:-1])).first(
                    ActType.ASK_ABOUT)
                if before is not None:
                    return Interpretation([Act(ActType.ASK_ABOUT, product=ask.product, aspect=before.aspect,
                                               value=before.value, product_id=(other or named).id)],
                                          question=context.previous)
            if ask is not None and not (stated and ask.aspect is None and ask.value is None
                                        and not asked.names_a_property(cues, t, named or context)
                                        and not cues["person_measure"].match(t)):
                return Interpretation([ask])
        acts: list[Act] = []
        liked = None
        if n and position is None and cues["more_like"].search(t):
            # "something like the pebble max but cheaper": like the product the message names
            liked = references.named_product(t, mentions, context)
            position = references.position_of(liked, context.shown)
        liked_id = liked.id if liked is not None else None
        if facts.relation in ("other_colour", "other_brand") and position is not None and n \
                and cues["but_relative"].search(t):
            # "the second one but in a different colour": like that one, its colour (brand) excluded
            acts = [Act(ActType.MORE_LIKE, product=len(context.shown) if position == -1 else position),
                    Act(ActType.REFINE)]
        elif position is not None and n and _BUT.search(t) and (facts.wanted or facts.unwanted or facts.brands_liked
                                                                  or facts.brands_excluded):
            # "the second one but in red (then)", "the first one but from Nordvik": like that one, a value changed
            # (the refine with the value follows from the slots below)
            acts = [Act(ActType.MORE_LIKE, product=len(context.shown) if position == -1 else position)]
        if facts.relation in ("cheaper", "pricier") and position is None and facts.reference != "all" \
                and _SINGULAR.search(t):
            position = _focus_position(context)     # "that's too expensive": the one in focus, else the first
        if facts.relation == "cheaper" and n:
            acts.append(Act(ActType.CHEAPER, product=position))
        elif facts.relation == "pricier" and n:
            acts.append(Act(ActType.PRICIER, product=position))
        elif n and cues["pricier"].search(t) and facts.budget is None:
            acts.append(Act(ActType.PRICIER, product=position))   # "show me the premium ones", "i can spend more"
        elif n and (cues["more_like"].search(t) or facts.relation == "pick"):
            acts.append(Act(ActType.MORE_LIKE, product=position, product_id=liked_id))
        elif n and (cues["show_more"].search(t) or asked.more_of_the_need(cues, t, facts, context)):
            acts.append(Act(ActType.SHOW_MORE))
        if acts and acts[0].type in (ActType.CHEAPER, ActType.PRICIER) and (
                position is not None and cues["but_relative"].search(t) or liked is not None
                or cues["more_like"].search(t)):
            # ("anything similar but cheaper?": like what was shown, at a lower price)
            # "the second one but cheaper", "ones like the alpenlite swift but cheaper"
            acts.insert(0, Act(ActType.MORE_LIKE, product=position, product_id=liked_id))
        slots = act_slots(cues, t, facts, vocab, context.values)
        if acts:
            slots = asked.new_slots(slots, context.portrait)    # "more like that first jacket": no new need
        use = _NEW_USE.search(t) if acts and acts[0].type == ActType.MORE_LIKE and not slots else None
        if use and use.group(1).split()[0] not in _STOP:
            # "more like that but for pickleball": like that one, for a new use (a soft preference: the search text)
            slots = {"preferences": (use.group(1).strip(),)}
        if slots or not acts:
            p = context.portrait
            # a new category is a new need, unless it makes a vague one concrete ("something for the gym"
            # → "a weight bench" refines it)
            # ("what about building blocks?" after a need with no category: another kind, not the need made concrete)
            fresh = bool(_A_KIND.search(t))
            # … nor "and some poles" / "now a weighted blanket": a kind added the way a second need starts
            # ("maybe a soft toy would be better", "a tent instead": another need in place of the vague one)
            vague = not p.category and not p.is_empty() and not _WHAT_ABOUT.search(t) \
                and not asked.ADDED_KIND.search(t) and not facts.correction
            same = (p.category or "").lower() == (slots.get("category") or "").lower()
            # ("make it white duvet sets only": the need narrowed to its own category, not another kind)
            new = bool(slots.get("category")) and (not same or asked.other_kind(t, vocab, context, fresh)
                                                   and not (facts.correction and _ONLY.search(t))) and not vague
            kind = ActType.SEARCH if (new or p.is_empty() or facts.new_need or asked.adds_a_kind(t, facts)) \
                else ActType.REFINE
            if acts and kind == ActType.SEARCH and not new:
                kind = ActType.REFINE
            if kind == ActType.REFINE and not set(slots) - {"preferences"} and not acts and cues["what_about"].search(t):
                kind = ActType.SEARCH    # "what about a lawn mower": a new thing, checked against the catalog's words
            value = asked.object_phrase(text, cues["what_about"]) if kind == ActType.SEARCH and \
                cues["what_about"].search(t) else None
            acts.append(Act(kind, slots=slots, value=value))
        return Interpretation(acts)

    # -- pieces ------------------------------------------------------------------------------
    def _ask_about(self, t: str, facts: TurnFacts, context: Context, position: int | None,
                   named: Any = None) -> Act | None:
        """A question about one shown or named product, or None when the question is a new need.

        "does the Kestrel & Co Arete pack down small?" names a product (``named``, resolved
        against the catalog titles); "what sizes?" right after one asks about the product
        in focus.
        """
        # "is there an app for it? my teenagers won't touch anything without one": the aspect is the question's, not
        # the reason's ("teenagers" asks no age); a number after the mark is read ("can he play? he's only 4")
        mark = t.rfind("?", 0, len(t.rstrip(" ?!.")))
        asked_part = t[:mark + 1] if mark > 0 and not re.search(r"\d", t[mark:]) else t
        aspect = next((name for name, pattern in self.cues["aspects"].items() if pattern.search(asked_part)), None)
        focus_q = position is None and named is None and (  # "… is the pan", "spec says 30,000 mAh, confirm?"
            self._about_focus(t, facts, context, aspect) or asked.the_focus_kind(t, context)
            or bool(context.portrait.focus_id and self.cues["claimed"].search(t) and self.cues["confirm"].search(t)))
        pointed = position is not None or named is not None or focus_q \
            or self.cues["product_pronoun"].search(t) is not None or self.cues["real_or_look"].search(t) is not None
        if facts.categories and position is None and named is None and not focus_q \
                and not (context.shown and (_OBJECT_PRONOUN.search(t) or _SUBJECT_QUESTION.match(t))):
            # ("can i machine wash them?": the shown products, whatever "wash" names in the catalog; "is that a big
            # bottle?": the category word says what the product in focus is)
            shown_categories = " ".join(p.category.lower() for p in context.shown)
            if not all(c.lower() in shown_categories for c in facts.categories):
                return None            # "is there a tent for 2?" asks for something else
        # (a request after the question mark is its why: "is the <name> under half a kilo? anything heavier …")
        head = t[:mark + 1] if mark > 0 and named is not None else t
        if not pointed or self.cues["request_start"].search(head) and not self.cues["presence_question"].search(t) \
                and not self.cues["indirect_question"].search(t) \
                and not (named is not None and self.cues["question_clause"].search(t)):   # "…: will the <name> last"
            return None                # "what about something waterproof?", "any that are waterproof?" refine the need
        if facts.budget is not None and facts.budget.max is not None and position is None and named is None \
                and not _ABOUT_ONE.match(t):
            return None                # "anything under $50?" is a refinement; "is it under $100?" asks about one
        value = asked.asked_value(t, facts, aspect)
        if position == -1:
            position = len(context.shown)
        if position is None and named is None:
            # no pointer: the product in focus, named by its place on the list when it is there
            # (the act then says which product the answer is about)
            ids = [p.id for p in context.shown]
            position = ids.index(context.portrait.focus_id) + 1 if context.portrait.focus_id in ids else None
        product_id = None
        if named is not None:
            ids = [p.id for p in context.shown]
            position = ids.index(named.id) + 1 if named.id in ids else position
            product_id = named.id
        return Act(ActType.ASK_ABOUT, product=position, aspect=aspect or (value and "feature"), value=value,
                   product_id=product_id)

    def _just_asked(self, context: Context) -> bool:
        """Whether the shopper's message before this one asked about a product (read again, against the turns before it)."""
        if not context.previous:
            return False
        before = self.interpret(context.previous, replace(context, history=context.history[:-1]))
        return before.first(ActType.ASK_ABOUT) is not None

    def _unit_followup(self, t: str) -> bool:
        """ "and in ounces?" / "what's that in ml": the last answered quantity in another unit."""
        m = _UNIT_FOLLOWUP.match(t)
        return bool(m) and m.group(1) in self.cues.get("units", {})

    def _named_comparison(self, t: str, mentions: list, context: Context) -> Act | None:
        """ "which is the better buy, the tidewater nordic or the copperleaf bistro 2": a comparison of two or more
        products the message names (one per part between "or", "and", "vs", commas), on the list or not."""
        if context.names is None:
            return None
        if not (asks_comparison(t) or self.cues["which_better"].search(t)):
            return None
        # "which is lighter, those or the tidewater glacier poles?": a pronoun is the product in focus
        found = references.named_parts(t, mentions, context, context.shown)
        if len(found) < 2:
            return None
        ids = [p.id for p in context.shown]
        positions = tuple(ids.index(p.id) + 1 for p in found) if all(p.id in ids for p in found) else ()
        return Act(ActType.COMPARE, aspect=comparison_aspect(t), products=positions, product_ids=tuple(p.id for p in found))

    def _elliptic_comparison(self, t: str) -> bool:
        """ "so more than 6mm?", "and under 2 kg?": the amount just asked about, held against a number
        (the comparatives and units are ``comparatives`` and ``units`` in ``lang/<code>/cues.yaml``)."""
        if not hasattr(self, "_comparison"):
            words = sorted({w for ws in self.cues.get("comparatives", {}).values() for w in ws}, key=len, reverse=True)
            units = sorted(self.cues.get("units", {}), key=len, reverse=True)
            self._comparison = re.compile(
                r"^(?:(?:and|so|ok|okay|but)[, ]+)?(?:(?:is|are) (?:it|they) |it'?s |they'?re )?(?:"
                + "|".join(map(re.escape, words)) + r")(?: than)? \d+(?:\.\d+)? ?(?:"
                + "|".join(map(re.escape, units)) + r")\W*$") if words and units else None
        return bool(self._comparison and t.rstrip().endswith("?") and self._comparison.match(t))

    def _about_focus(self, t: str, facts: TurnFacts, context: Context, aspect: str | None) -> bool:
        """A question with no pointer that still asks about the product in focus.

        "what sizes?" / "how big is the bottle?" (a wh-question about an aspect) and "is the
        tank glass or acrylic?" (the definite article, no other kind of product named).
        """
        focus = context.portrait.focus_id
        if not focus:
            return False
        product = context.names.get(focus) if context.names is not None else None
        path = (product.category.lower() if product is not None else "")
        own_kind = all(c.lower() in path for c in facts.categories)     # "how long does a game take?" on a game
        # "how hard is the blade": a wh-question naming a key of the product in focus (blade_hardness_hrc)
        named_key = product is not None and match_key(product, t, self.cues["key_words"]) is not None
        wh = _WH_START.search(t) and (aspect or self.cues["quantity"].search(t) or _KEY_WORD.search(t) or named_key)
        if self._unit_followup(t) or (own_kind and self._elliptic_comparison(t)):
            return True
        if own_kind and (aspect and _CAN_DO_THE.match(t) or self.cues["can_set_the"].match(t)) and not facts.budget:
            # "can you adjust the fit", "can i remove the hood", "can i set the face to high contrast, white on black":
            # what the shopper can do with the one in focus
            return True
        if (aspect or named_key) and own_kind and not (facts.wanted or facts.unwanted or facts.budget
                                                       or facts.brands_liked or facts.brands_excluded) \
                and not self.cues["request_start"].search(t):
            # an elliptic question that names only what is asked, nothing wanted: "weight?", "and battery
            # hours?", "ok for a 5 yr old?" (a value — "waterproof?" — refines the need instead)
            return True
        if (wh or asked.what_is_its(self.cues, t)) and (own_kind or _DEFINITE.search(t)):
            return True
        if (asked.OR_NOT.search(t) or asked.ASKED_OF_FOCUS.match(t)) and own_kind \
                and not (facts.unwanted or facts.budget or facts.brands_liked):
            return True     # "wheels light up or no": whether the one in focus has it
        if _IS_THERE.match(t) and own_kind and not (facts.wanted or facts.unwanted or facts.budget or facts.brands_liked):
            return True     # "is there an app you need to download": something of the one in focus
        if own_kind and _FRAGMENT.match(t) and not (facts.unwanted or facts.budget or facts.brands_liked) \
                and not self.cues["request_start"].search(t) and self._just_asked(context):
            return True     # "wide fit?" right after an answer about the one in focus: its value, asked of it
        # (the reason after the mark sets nothing: "glass body? i can't stand the plastic taste")
        why = asked.FRAGMENT_THEN_WHY.match(t) or asked.TAG_THEN_WHY.search(t)
        kept = read_turn(t[:t.index("?") + 1], context.vocabulary) if why else facts
        if (_GOT_ONE.match(t) or asked.short_follow_up(t) or len(t.split()) <= 4 and self.cues["confirm"].search(t)) \
                and own_kind \
                and not (kept.unwanted or kept.budget or kept.brands_liked) and self._just_asked(context):
            return True     # "got a mic for calls?", "bluetooth right" just after an answer about the one in focus
        if own_kind and EITHER.search(t) and (t.rstrip().endswith("?") or _WH_START.search(t)) \
                and not (facts.budget or facts.brands_liked or self.cues["request_start"].search(t)) \
                and len(facts.wanted) + len(facts.unwanted) >= 1:
            return True     # "leather on the outside, or something synthetic?": which of two values the one in focus has
        if own_kind and t.rstrip().endswith("?") and len(t.split()) <= 8 and self.cues["suitability"].search(t) \
                and not (facts.wanted or facts.unwanted or facts.budget or self.cues["request_start"].search(t)):
            return True     # "good down to minus twenty?", "ok on ice?": whether the one in focus suits it
        return bool(_DEFINITE.match(t)) and own_kind


_ASKS_YOU = re.compile(r"^(?:(?:and|so|ok|okay|now)[, ]+)?(?:(?:can|could|would|will) you (?:please |pls )?"
                       r"(?:show|find|give|pull up|get|send)"
                       r"|(?:can|could|may) (?:i|we) (?:please )?(?:see|have|get|view))\b")
# "what else is there around that price": more of the shown need, asked as a question
_WHAT_ELSE = re.compile(r"(?:^|,\s*)(?:(?:and|so|ok|okay|now)[, ]+)?what else\b(?! (?:is|comes) (?:in|with)\b)")
_IS_THERE = re.compile(r"^(?:(?:and|so|ok|okay|also|but)[, ]+)?(?:is there|are there|does it (?:have|come with)) (?:a|an|any)\b"
                       r"(?! (?:one|ones|cheaper|other|others|more|similar)\b)")
# ("and the lining, real fur?": a part of it named first)
_FRAGMENT = re.compile(r"^(?:(?:and|so|ok|okay|also|but|hmm+)[, ]+)?(?:the [a-z]+(?: [a-z]+)?, )?"
                       r"(?:(?:is it|are they|it'?s|they'?re) )?[a-z0-9' -]{2,30}\?\W*$")
_NOTHING_ASKED = re.compile(r"^\W*(?:(?:and|so|ok|okay|also|but|what about|how about)\W+)*(?:the|that|this)?\W*"
                            r"(?:(?:then|instead|too)\W*)?(?:(?:same|the same) (?:question|q|thing|again)(?: (?:for|about) "
                            r"(?:that|this|it)(?: one)?)?\W*)?$")     # "ok the <name> then, same question"
_UNIT_FOLLOWUP = re.compile(r"^(?:(?:and|so|ok|okay|also|but)[, ]+)?(?:(?:what|how much|how many|how heavy|how big)(?:'s| is| are)? "
                            r"(?:that|it|this|they)[, ]+)?in ([a-z]+)\W*$")
_NEW_USE = re.compile(r"\bbut (?:for|in|with|made of|made from) ([a-z][a-z -]{2,30}?)\W*$")
_POLICY = re.compile(r"\bpolic(?:y|ies)\b")     # "what's your return policy on jackets": the shop's, whatever it names
_PRICE_REMARK = re.compile(r"(?<!similar )(?<!anything )(?<!something )(?<!ones )(?<!any )(?<!else )\b(?:they'?re|"
                           r"they are|it'?s|it is|that'?s|that is|those are|these are|its) (?:a lot |a bit |much |way |"
                           r"so much |quite a bit |loads )?(?:cheaper|pricier|dearer|more expensive|less expensive)\b")
_OBJECT_PRONOUN = re.compile(r"\b(?:it|them|they|this one|that one)\b")
_SUBJECT_QUESTION = re.compile(r"^(?:(?:and|so|but|ok|okay)[, ]+)?(?:(?:is|was|isn'?t) (?:that|this)|(?:are|were|aren'?t) "
                               r"(?:those|these))\b")
_DEFINITE = re.compile(r"^(?:is|are|does|do|can|will|has|was)\s+the\b|\bthe\s+[a-z]+\W*$|\b(?:is|are) the\b")
# ("… got in glass"; "do you also sell those zip-up mattress protectors": a kind named after "those", not the shown)
_ON_THE_SHOWN = re.compile(r"\s*(?:it|them|(?:those|these|this|that)(?=\s*$|\s*[?.!,]|\s+(?:ones?|in|from|by|under|"
                           r"below|over|cheaper|with|without|made|for|at|too|as well|then|please|pls|any|still)\b)|"
                           r"(?:(?:any|some|one|ones)(?: ones?)?\s+)?"
                           r"(?:from|by|in|under|below|over|cheaper|with|without|made))\b")
_GOT_ONE = re.compile(r"^(?:(?:and|so|ok|okay|also)[, ]+)?(?:has it |have they |it's |they've |it has )?got (?:a|an) [a-z -]+\?\s*$")
_PRONOUN_ONLY = re.compile(r"\s*(?:those|them|these|that|it|one|ones|any)\W*$")
_FRONTED = re.compile(r"\b(?:an?|some|any)\s+([a-z][a-z' -]*?[a-z])\s*[,;:-]+\s*$")
# "is the <name> natural rubber like that one": a question about the product it names, not one like another
_ABOUT_ONE_NAMED = re.compile(r"^(?:(?:and|so|ok|okay|but)[, ]+)?(?:is|are|does|do|has|have|will|would|can)\s+the\b")
_ABOUT_ONE = re.compile(r"^(?:(?:and|so|ok|okay|also|but)[, ]+)?(?:is|does|would|will|was) (?:it|this|that)(?: one)?\b")
_KEY_WORD = re.compile(r"\bhow (?:long|many|much|old|often|far)\b")
_CAN_DO_THE = re.compile(r"^(?:(?:and|so|ok|okay|also|but)[, ]+)?(?:can|could) (?:you|i|we) [a-z]+ the [a-z]+\W*$")
_BUT = re.compile(r"\bbut\b")
_WH_START = re.compile(r"^(?:(?:and|so|ok|okay|also|roughly|approximately|about|just|btw)[, ]+)*(?:what|which|how)\b")
_SINGULAR = re.compile(r"\b(?:that|this|it)(?:'s| is| one)?\b")


# a kind asked for, not a product pointed at: "ok. a wooden toy train then" (an indefinite article opening a sentence)
_ONLY = re.compile(r"\bonly\b")
_SWITCH = re.compile(r"\b(?:different|another|other|unrelated|separate) (?:thing|question|topic|item|product)\b"
                     r"|\bmoving on\b")
_NEED_THEN_ASKED = re.compile(r"\b(?:need|want|after|looking for)\b[^,.;!?]*[,.;] *(?:and |but |so )?"
                              r"(?:is|are|does|do|can|will|would|has|have) (?:the|that|those|these|this)\b")
_TELL_MORE = re.compile(r"\btell me (?:a (?:bit|little) |some(?:thing)? )?more about "
                        r"(?:it|that|this|them|those|these)\b")
_A_KIND = re.compile(r"(?:^|[.!?;,]\s+|\b(?:ok|okay|oh|so|then|now|actually|maybe|fine|alright|well)\W+)"
                     r"(?:(?:and|also|plus)\s+)?(?:a|an|some)\s"     # "ok and a hair mask too": a kind, no name
                     r"|^\W*[a-z]{3,}(?: [a-z]{3,})? (?:as well|too)\b(?! (?:much|many|big|small|long|short|heavy))")
                     # "lights as well, ones i can charge": a kind said first, then "as well" ("too big" is no kind)


def _focus_position(context: Context) -> int:
    ids = [p.id for p in context.shown]
    return ids.index(context.portrait.focus_id) + 1 if context.portrait.focus_id in ids else 1
