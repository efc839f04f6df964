"""What the customer reports about something bought — a problem, damage on delivery, a wrong item, a code that failed —
and the policy words a message's everyday phrases stand for (``expand``).

Read by ``intent.classify`` and the conversation layer's routing; the phrases are the tables of ``phrases.py``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.knowledge.phrases import _synonym_pattern, _synonyms, data, plain, tables, words_of
from assistant.knowledge.readings import (ADD_ONTO, asks_price_gap_back, asks_warranty_start, clock_minutes,
                                          opened_for_body, own_thing_arrives, ran_into, used_a_few_times,  # noqa: F401
                                          what_came_instead, within_the_hour, CHANGE_BARE)
from retrieval.text import alternation

_SIZE_AFTER = re.compile(r"\s+sizes?\b", re.I)
# "turned up in about forty pieces", "came in two pieces": the ``damage`` phrase "in pieces" with a count in words
# between (svc18, dev15 b11-074); a count in digits is a product's ("a jigsaw in 1000 pieces")
_IN_PIECES = re.compile(r"\bin(?:\s+(?!\d)[\w']+){1,3}\s+pieces\b", re.I)
# an amount of money: "$129", "$ 99.50", "45 dollars" (svc20, ``reports_price_drop``)
_MONEY = re.compile(r"(?:\$\s?(\d[\d,]*(?:\.\d+)?)|(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s?(?:dollars|bucks|usd)\b)", re.I)
# a price fall told as a share ("just dropped 20%", "marked down by 30 percent", "now 25% off"; svc22)
_PERCENT_DROP = re.compile(r"\b(?:dropped|reduced|marked\s+down|cut|went\s+down|fell|(?:is|it's|now)\s+\d+\s?(?:%|percent)\s+off)"
                           r"(?:\s+(?:by|to))?(?:\s+\d+\s?(?:%|percent))?", re.I)
_PERCENT = re.compile(r"\d\s?(?:%|percent\b)", re.I)
# an accident said not to have happened ("normal commuting, never crashed it"): not the misuse sentence (svc22)
_NEGATED = re.compile(r"(?:\b(?:never|not|didn't|didnt|did\s+not|haven't|havent|hasn't|wasn't|weren't|no)\s+)$", re.I)
# "dropped my parcel off at the post office", "dropped my return at the depot": a drop-off, not a fall (svc22)
_DROPPED_OFF = re.compile(r"drop(?:ped)?(?:\s+[\w']+){1,3}?\s+(?:off|at)\b", re.I)
# "ordered six skeins of the rust one and you sent me mint green": ordered first, then what the shop sent (svc22)
_ORDERED_THEN_SENT = re.compile(r"\bordered(?:\s+[\w'-]+){1,10}?,?\s+(?:and|but)\s+(?:you|they|u)(?:\s+guys)?\s+"
                                r"(?:sent|shipped|gave|delivered)\b(?!(?:\s+(?:me|us|the|a|an))*\s+(?:tracking|e-?mail|link|"
                                r"confirmation|receipt|invoice|code|message|text|update|refund)\b)", re.I)

# svc28: ordered one thing and another found in the box ("ordered a teapot but the parcel had two mugs inside")
# svc29: or the order in the present ("I order the red mat but inside the box got two bricks") and "inside" first
_ORDERED_THEN_INSIDE = re.compile(r"\b(?:ordered|i\s+order|we\s+order)(?:\s+[\w'-]+){1,8}?,?\s+(?:and|but)\s+"
                                  r"(?:(?:the|my|your)\s+(?:box|parcel|package)\s+had(?:\s+[\w'-]+){1,6}?\s+inside"
                                  r"|inside\s+(?:the|my|your)\s+(?:box|parcel|package)\s+(?:got|was|were|had|came))\b",
                                  re.I)
# "it's a blue hockey stick, not the black one I picked": the chosen one named with a word or two between (svc24)
_NOT_THE_ONE = re.compile(r"\bnot\s+the(?:\s+[\w'-]+){0,2}\s+ones?\s+(?:i|we)\s+(?:picked|ordered|chose|selected|"
                          r"paid\s+for)\b", re.I)
# how long ago the order was placed, told beside a change asked for ("picked the grey one 20 min ago … too late to swap
# the colour?", "ordered two hours ago, can you knock one off?"): the 1-hour rule's sentence that applies (svc24)
# svc27: a count in two words ("twenty-five minutes ago", "forty five minutes ago")
_MINUTES_AGO = re.compile(r"\b(?:(?:twenty|thirty|forty|fifty)[\s-](?:one|two|three|four|five|six|seven|eight|nine)"
                          r"|\d{1,2}|a\s+few|few|ten|twenty|thirty|forty|fifty|fifteen|five)\s*"
                          r"(?:min|mins|minutes?)\s+(?:ago|since|back)\b", re.I)  # svc28 "since I paid", svc33 "back"
_HOURS_AGO = re.compile(r"\b(?:\d+|two|three|four|five|six|several|a\s+few|few)\s+(?:hours?|hrs?|days?)\s+ago\b"
                        # svc25: placed the day before ("ordered it last night … can I cancel it this morning?")
                        r"|\b(?:last\s+night|last\s+evening|yesterday|the\s+(?:night|evening|day)\s+before)\b", re.I)

# svc26: a placed order named and a change asked of it ("put an order in 20 minutes ago, can I add a mug to it?",
# "ordered last night, can I change it now?"): with the time words above, the 1-hour rule's sentence that applies
_PLACED = re.compile(r"\b(?:ordered|put\s+(?:an|the|my)\s+order\s+in|put\s+in\s+(?:an|the|my)\s+order"
                     r"|placed\s+(?:an|the|my)\s+order|order\s+(?:was\s+)?placed|put\s+through\s+(?:an|the|my)\s+order"
                     # svc28: the purchase as the button pressed ("since I clicked buy", "hit 'place order'")
                     r"|(?:clicked|hit|pressed|tapped)\s+['\"]?(?:buy|purchase|place\s+order|checkout|pay))\b", re.I)
# svc27: or the thing added bare ("forgot the gloves. can I still add them?"), a part of it changed "on that order"
# ("can you swap the colour on that order?")
# svc28: or put right ("am I too late to correct it?")
_CHANGE_IT = re.compile(r"\b(?:change|swap|switch|add|correct|amend|add\s+(?:[\w'-]+\s+){1,4}?to"
                        r"|take\s+(?:[\w'-]+\s+){1,4}?off"
                        r"|remove\s+(?:[\w'-]+\s+){1,4}?from|(?:change|swap|switch)\s+(?:[\w'-]+\s+){1,3}?(?:on|in|of))"
                        r"\s+(?:it|them|that|the\s+order|my\s+order|that\s+order|this\s+order)\b", re.I)

# svc26: a thing worn away by use ("dragging it has ground the wheels flat", "the soles wore right through"): wear
# and tear
_WORN = re.compile(r"\b(?:worn|wore|ground|rubbed|scuffed)\s+(?:[\w'-]+\s+){0,3}?"   # svc31: "ground right down"
                   r"(?:flat|smooth|thin|through|bald|down)\b", re.I)

# svc27: a thing put to a use it is not made for ("my son used the sled as a skateboard ramp and now it's split"), asked
# of the warranty: misuse
_USED_AS = re.compile(r"\bused\s+(?:it|them|(?:the|my|his|her|our|their)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+)\s+as\s+an?\b",
                      re.I)
_WARRANTY = re.compile(r"\b(?:warranty|warranties|guarantee)\b", re.I)
# svc28: a thing used once ("used the tongs once on Saturday", "wore them just once"), asked of a return: the condition
_USED_ONCE = re.compile(r"\b(?:used|wore|worn)\s+(?:it|them|(?:the|my|our)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+)\s+"
                        r"(?:just\s+|only\s+)?once\b", re.I)
_IF = re.compile(r"\b(?:if|in\s+case)\b", re.I)
# svc28: a fault asked of the warranty without a ``coverage`` word: the repair under its name ("is that something you'd
# fix under warranty?") or the claim asked bare ("how do I go about claiming?"); read only beside a reported fault
# (``asks_defect_covered``), so not in ``coverage``, which also routes a chat turn ("is this tent under warranty?"), and
# not of a fault supposed ("if it turns out faulty under warranty, who pays the postage?" asks what the policy leaves
# out)
_UNDER_WARRANTY = re.compile(r"\b(?:under|claim\s+on|claim\s+against)\s+(?:the\s+|my\s+|its\s+)?"   # svc31: claim on it
                             r"(?:warranty|guarantee)\b"
                             r"|\bgo\s+about\s+(?:making\s+a\s+|a\s+)?claim(?:ing)?\b", re.I)

# "ordered the teal mat … and it's bright pink": a colour ordered, another one come (svc25; ``colour`` in service.yaml)
_SAID_CAME = r"(?:it's|its|it\s+is|they're|they\s+are|it\s+came|they\s+came|came|arrived|turned\s+up)"
_SHADE = r"(?:(?:bright|dark|light|pale|hot|deep|neon|a|in)\s+)*"
# the shop's van or driver running into the customer's property, or the shop doing the opposite of what was asked
# ("your van backed into my fence", "you refunded me instead"): for a person to put right (svc25)
_SHOP_HARM = re.compile(r"\b(?:van|truck|lorry|driver|courier)\s+(?:[\w']+\s+){0,2}?(?:backed|reversed|crashed|drove|"
                        r"bumped|smashed|ran)\s+(?:right\s+)?(?:into|over|through)\b|\byou\s+(?:guys\s+)?(?:refunded|"
                        r"charged|cancelled|canceled)\s+(?:me|us|it|them|the\s+order|my\s+order)?\s*instead\b", re.I)

# "my money is on Venmo", "my money's all in PayPal": where the customer's money is held, not a refund (svc24)
_MONEY_HELD = re.compile(r"my\s+money(?:'s|\s+is)\s+(?:all\s+|only\s+)?(?:on|in)\b", re.I)
# a return sent from abroad ("can I post the return from Portugal?"): not the countries shipped to (svc24)
_RETURN_FROM = re.compile(r"\b(?:returns?|returning|refunds?|send(?:ing)?\s+(?:it\s+|them\s+)?back|sent\s+back)\b",
                          re.I)


def expand(text: str, language: str = "en") -> str:
    """``text`` followed by the policy words for its everyday phrases (``synonyms`` in ``service.yaml``).

    >>> expand("can i send it back if it's too small?")
    "can i send it back if it's too small? return fit size"
    """
    extra = synonym_words(text, language)
    return f"{text} {' '.join(extra)}" if extra else text


def synonym_words(text: str, language: str = "en") -> list[str]:
    """The policy words ``expand`` adds to ``text`` (in order, each once)."""
    t = tables(language)
    arrived = reports_arrival_problem(text, language)
    extra: list[str] = []
    synonyms = _synonyms(language)
    for m in _synonym_pattern(language).finditer(text):
        phrase = m.group(1).lower()
        if arrived and t["problem"].fullmatch(phrase):
            continue   # "arrived broken": damage on delivery, not the warranty's defects (arrival_problem below)
        if "accidents" in synonyms[phrase].split() and (_NEGATED.search(text[max(0, m.start() - 12):m.start()])
                                                        or _DROPPED_OFF.match(text, m.start())):
            continue   # "never crashed it", "dropped my return at the post office": no accident told (svc22)
        if phrase == "my money" and _MONEY_HELD.match(text, m.start()):
            continue   # "all my money is on Venmo": where it is held, no refund (svc24)
        for word in synonyms[phrase].split():
            if word not in extra:
                extra.append(word)
    extra += [w for w in problem_words(text, language, arrived) if w not in extra]
    if "electronics" not in extra and t["electronic_device"].search(text) and reports_problem(text, language):
        extra.append("electronics")   # "my gaming mouse started double clicking": the Electronics warranty (svc22)
    if reports_price_drop(text, language):   # "bought it at $129 and it's $99 today": the price-adjustment sentence
        for phrase in sorted(words_of("price_drop", language)):
            extra += [w for w in phrase.split() if w not in extra]
    if asks_shipping_abroad(text, language):   # "send him a helmet from your shop" to Nairobi (svc26); the countries
        # shipped to by name, so "how many days until it reaches Sydney?" quotes them, not the days (svc27)
        extra += [w for w in ("ship", "shipping", "united", "states", "canada") if w not in extra]
    if _WORN.search(text):   # "ground the wheels flat" (svc26)
        extra += [w for w in ("wear", "tear") if w not in extra]
    if _USED_AS.search(text) and ("warranty" in extra or t["coverage"].search(text) or _WARRANTY.search(text)):
        extra += [w for w in ("accidents", "misuse") if w not in extra]   # "used the sled as a ramp" (svc27)
    if ran_into(text) and "accidents" not in extra:   # "rode the scooter straight into the pond" (svc30)
        extra.append("accidents")
    if opened_for_body(text, language):   # "the hand cream I opened yesterday … can it go back?" (svc30)
        extra += [w for w in ("opened", "personal-care") if w not in extra]
    if (_USED_ONCE.search(text) or used_a_few_times(text)) and "return" in extra:   # "used the tongs once" (svc28),
        extra += [w for w in ("unused", "original", "packaging") if w not in extra]   # "had it out twice" (svc30)
    if asks_warranty_start(text):   # "does the warranty run from the day I paid or the day it came?" (svc30)
        extra += [w for w in ("counted", "delivery", "date") if w not in extra]
    if asks_order_change_in_time(text, language):   # "ordered an hour ago, can I add a lid to it?" (svc26)
        extra += [w for w in ("change", "order") if w not in extra]
    if "cancellation" in extra or ("change" in extra and "order" in extra):   # a change or cancellation asked of a
        # placed order: how long ago it was placed (svc24; a cancellation too, svc25)
        said = ((_MINUTES_AGO.search(text) or within_the_hour(text)) and "within hour placing"   # svc30: 10:05-10:25
                or _HOURS_AGO.search(text) and "after that no longer changed return instead")
        extra += [w for w in (said or "").split() if w not in extra]
    if asks_price_gap_back(text, language):   # "now shows $15 off … that $15 back?" (svc31): the rule's words
        extra += [w for w in ("adjust", "prices") if w not in extra]
    if t["price_match_ask"].search(plain(text, language)):   # "would you match their price?": the rule's name (svc28)
        extra += [w for w in ("price", "matching") if w not in extra]
    if asks_payment_means(text, language):   # "do y'all take Discover?": the Payment rule's list (svc22)
        extra += [w for w in ("accept", "payment") if w not in extra]
    return extra


def asks_payment_means(text: str, language: str = "en") -> bool:
    """A means of payment asked about (svc21): a ``payment_ask`` phrase and a ``payment_means`` word ("do you take your
    own store gift cards as payment?", "do y'all take Discover?").

    >>> asks_payment_means("do y'all take discover?"), asks_payment_means("do you take trade-ins")
    (True, False)
    """
    t = tables(language)
    text = plain(text, language)
    return bool(t["payment_ask"].search(text) and t["payment_means"].search(text))


def reports_price_drop(text: str, language: str = "en") -> bool:
    """A price paid and a lower price now, told with two amounts ("bought the suitcase at $129 and it's $99 on your
    site today"): a price drop after purchase (svc20). A ``purchased`` phrase, two different amounts and a
    ``price_now`` word.

    >>> reports_price_drop("i bought the lamp for $60 last week and now it's $45, can i get the difference?")
    True
    >>> reports_price_drop("i bought a $60 lamp, is shipping free over $75?")   # no price now
    False
    """
    t = tables(language)
    text = plain(text, language)
    amounts = {(m.group(1) or m.group(2)).replace(",", "") for m in _MONEY.finditer(text)}
    if _PERCENT.search(text) and _PERCENT_DROP.search(text) and t["price_drop_after"].search(text):
        return True   # "the lamp I got from you last week just dropped 20%, a refund on the difference?" (svc22)
    return len(amounts) >= 2 and bool(t["purchased"].search(text) and t["price_now"].search(text))


def problem_words(text: str, language: str = "en", arrived: bool | None = None) -> list[str]:
    """The policy words of the problem the rules read in ``text``: damage on delivery (``arrival_problem``), a wrong
    item (``wrong_item``: "you sent me the blue one but i ordered grey"); none for anything else.

    >>> problem_words("the vase arrived in bits"), problem_words("a vase for my mother")
    (['arrives', 'damaged'], [])
    """
    arrived = reports_arrival_problem(text, language) if arrived is None else arrived
    extra: list[str] = []
    for phrase in sorted(words_of("arrival_problem", language)) if arrived else ():
        extra += [w for w in phrase.split() if w not in extra]
    if reports_wrong_item(text, language):
        for phrase in sorted(words_of("wrong_item", language)):
            extra += [w for w in phrase.split() if w not in extra]
    return extra


def reports_wrong_item(text: str, language: str = "en") -> bool:
    """The shop sent something other than what was ordered, told as a story rather than named "the wrong item": a
    ``sent_me`` phrase, at most eight words, then an ``ordered_other`` one (svc18, dev15 b11-028).

    >>> reports_wrong_item("you sent me a red scarf but i ordered the green one")
    True
    >>> reports_wrong_item("you sent me a tracking link but it doesn't work"), reports_wrong_item("i ordered a scarf")
    (False, False)
    >>> reports_wrong_item("we ordered six white mugs and six blue ones came")   # the other way round (svc19)
    True
    >>> reports_wrong_item("i ordered a lamp and it arrived broken")   # damage, not another item
    False
    >>> reports_wrong_item("opened the box and the mug isn't what i ordered")   # said, no story (svc21)
    True
    """
    text = plain(text, language)
    return bool(_sent_instead(language).search(text) or _ordered_then_other(language).search(text)
                or _ORDERED_THEN_SENT.search(text) or _ORDERED_THEN_INSIDE.search(text)
                or tables(language)["not_ordered"].search(text)   # "it's not what i ordered" (svc21)
                or _NOT_THE_ONE.search(text) or _other_colour_came(text, language) or what_came_instead(text))


def _other_colour_came(text: str, language: str = "en") -> bool:
    """A colour ordered and another one said to have come ("ordered the teal yoga mat, opened the parcel and it's
    bright pink"), in one sentence (svc25).

    >>> _other_colour_came("ordered the grey scarf, opened the box and it's bright orange")
    True
    >>> _other_colour_came("ordered the grey scarf and it's grey but too short")
    False
    """
    m = _colour_pair(language).search(text)
    return bool(m) and m.group(1).lower() != m.group(2).lower()


@lru_cache(maxsize=4)
def _colour_pair(language: str = "en") -> re.Pattern[str]:
    colour = alternation(words_of("colour", language))
    return re.compile(rf"\bordered\s+(?:(?:the|a|an|my|our|some|two|three|\d+)\s+)?(?:[\w'-]+\s+)?({colour})\b"
                      rf"[^.!?]{{0,80}}?\b{_SAID_CAME}\s+{_SHADE}({colour})\b", re.I)


def reports_shop_harm(text: str, language: str = "en") -> bool:
    """The shop's delivery van or driver ran into the customer's property, or the shop did the opposite of what was
    asked ("you refunded me instead"): a complaint for a person, no rule answers it (svc25).

    >>> reports_shop_harm("the delivery truck reversed into our gate, who fixes it?")
    True
    >>> reports_shop_harm("the driver left it by the gate"), reports_shop_harm("refund me instead of a swap?")
    (False, False)
    """
    return bool(_SHOP_HARM.search(plain(text, language)))


def asks_return_exception(text: str, language: str = "en") -> bool:
    """A return asked of a thing the Returns rule excepts by name, said in everyday words ("can I send back the glasses
    you engraved for us?"): the rule's exception answers it, so the question memory is not asked (svc25).

    >>> asks_return_exception("can i send back the mugs you engraved?"), asks_return_exception("can you engrave it?")
    (True, False)
    """
    said = synonym_words(text, language)   # svc27: or an opened thing for the body ("cracked the seal on the oil")
    # svc28: or a thing used once, its box kept: the rule's condition ("used it once, still have the box")
    return "return" in said and ("custom-engraved" in said or "personal-care" in said
                                 or "unused" in said and "packaging" in said)


@lru_cache(maxsize=4)
def _ordered_then_other(language: str = "en") -> re.Pattern[str]:
    """svc19 (dev16 b12-025): "ordered 12 black aprons and 12 red ones turned up", "… a green one came instead"."""
    came = alternation(data(language)["arrived_other"])
    # the words before "one(s)" describe it ("red ones"); "only one came" is a count (a missing item, not another one)
    return re.compile(rf"\bordered(?:\s+[\w'-]+){{1,8}}?,?\s+(?:and|but)(?:\s+(?!(?:only|just)\b)[\w'-]+){{0,3}}?\s+"
                      rf"(?:(?<!\band\s)(?<!\bbut\s)ones?\s+{came}|{came}\s+instead)(?![\w])", re.I)


@lru_cache(maxsize=4)
def _sent_instead(language: str = "en") -> re.Pattern[str]:
    phrases = data(language)
    return re.compile(rf"(?<![\w]){alternation(phrases['sent_me'])}(?:\s+[\w']+){{0,8}}?[,;]?\s+"
                      rf"{alternation(phrases['ordered_other'])}(?![\w])", re.I)


def reports_arrival_problem(text: str, language: str = "en") -> bool:
    """Damage found on delivery: an ``arrival`` word and a ``damage`` word ("my blender arrived broken");
    "it came too small" is a size problem (the returns rule), not damage.

    >>> reports_arrival_problem("my package came and the lamp inside was smashed")
    True
    >>> reports_arrival_problem("the zipper broke after a week"), reports_arrival_problem("my package never came")
    (False, False)
    >>> reports_arrival_problem("the jacket came too small")
    False
    """
    t = tables(language)
    damage = t["damage"].search(text) or _IN_PIECES.search(text)
    return bool(t["arrival"].search(text) and damage) and reports_problem(text, language)


def reports_problem(text: str, language: str = "en") -> bool:
    """The customer reports a problem with something bought ("the zipper broke after a week").

    >>> reports_problem("the zipper broke after a week"), reports_problem("a jacket with a sturdy zipper")
    (True, False)
    >>> reports_problem("my son broke his tablet, need a new one")   # a product request after all
    False
    >>> reports_problem("the boots are too small, can i swap them for a bigger size")   # an exchange
    True
    """
    t = tables(language)
    # "swap them for a bigger size": another size of the same thing is an exchange, not a new product
    wants = [m for m in t["wants_product"].finditer(text) if not _SIZE_AFTER.match(text, m.end())]
    problem = t["problem"].search(text) or _IN_PIECES.search(text) or reports_wrong_item(text, language)
    return bool(problem) and not wants


def reports_code_failure(text: str, t: dict[str, re.Pattern[str]]) -> bool:
    """A code typed at checkout was rejected or not applied ("the voucher code keeps saying invalid"): a person looks
    at what the bot cannot see (svc17). ``tables()`` as ``t``.

    >>> reports_code_failure("the voucher code keeps saying invalid", tables())
    True
    >>> reports_code_failure("can i use a discount code on sale items?", tables())
    False
    """
    return bool(t["code_word"].search(text) and t["code_failed"].search(text))


def reports_paid_service_failed(text: str, language: str = "en") -> bool:
    """A faster service paid for and not given ("i paid $14.95 for express and it took 6 business days"): a complaint
    for a person, since a refund of the fee is not in the policy (svc19, dev16 b12-066). "paid" (an amount or "extra"
    between), "for", a ``paid_service`` word, and a ``paid_late`` word after it.

    >>> reports_paid_service_failed("paid extra for next day delivery and it came three days late")
    True
    >>> reports_paid_service_failed("if i pay for express how long does it take?")
    False
    """
    return bool(_paid_then_late(language).search(plain(text, language)))


@lru_cache(maxsize=4)
def _paid_then_late(language: str = "en") -> re.Pattern[str]:
    phrases = data(language)
    return re.compile(rf"\bpaid(?:\s+(?:extra|[$\d.,]+))?\s+for\s+(?:the\s+)?{alternation(phrases['paid_service'])}"
                      rf"(?![\w]).*?(?<![\w]){alternation(phrases['paid_late'])}(?![\w])", re.I | re.S)


def asks_shipping_abroad(text: str, language: str = "en") -> bool:
    """Shipping to a country the customer names outside the shop's own ("can you guys ship a present to my cousins in
    Osaka, Japan?"): an ``abroad`` place and a ``ship_verb`` said of the shop ("you", at most two words between: "could
    you post", "you wouldn't deliver"); the Shipping rule answers it (svc24: the learned router does not hand it off,
    the question memory is not asked). Every such question in the tuning splits is answerable with the countries shipped
    to; "which delivery company brings the parcels to France" asks something else (the memory's hand-off).

    >>> asks_shipping_abroad("could you post a board game to my brother in Germany?")
    True
    >>> asks_shipping_abroad("can you ship to my APO address?"), asks_shipping_abroad("I'm abroad, return clock?")
    (False, False)
    >>> asks_shipping_abroad("I'm in Spain till May, can I post the return from there?")   # a return sent from there
    False
    >>> asks_shipping_abroad("which delivery company brings the parcels to france")   # not whether the shop ships there
    False
    """
    said = plain(text, language)
    return bool(tables(language)["abroad"].search(said) and _you_ship(language).search(said)
                and not _RETURN_FROM.search(said))


@lru_cache(maxsize=4)
def _you_ship(language: str = "en") -> re.Pattern[str]:
    verb = alternation(words_of('ship_verb', language))
    # svc26: or the customer sending a thing from the shop ("I want to send him a helmet from your shop")
    # svc27: or the shop as the one that ships ("a story where Demo Shop ships everywhere")
    # svc29: or the thing had sent there ("can I order on your site and get it delivered straight to India?")
    return re.compile(rf"\b(?:you|y'all|shop|store)(?:\s+[\w']+){{0,2}}?\s+{verb}(?![\w])"
                      rf"|\b{verb}\s+(?:[\w']+\s+){{1,5}}?from\s+your\s+(?:shop|store|site|website)\b"
                      r"|\b(?:get|have)\s+(?:it|them|this|these|the\s+order|my\s+order|things|stuff|orders"   # svc31
                      r"|my\s+orders|everything)\s+(?:delivered|shipped|sent|"
                      r"posted|mailed)\s+(?:(?:directly|straight)\s+)?to\b", re.I)


def asks_defect_covered(text: str, language: str = "en") -> bool:
    """A fault reported in the warranty's words and asked whether it is covered ("the clasp broke off after five
    months of normal wear, is that covered?"): the Warranty rule answers it (svc24: the learned router does not hand
    it off; every such question in the tuning splits is answerable).

    >>> asks_defect_covered("the hinge snapped after six months, is that covered?")
    True
    >>> asks_defect_covered("is shipping covered?"), asks_defect_covered("the hinge snapped after six months")
    (False, False)
    """
    said = plain(text, language)
    asked = tables(language)["coverage"].search(said) or (_UNDER_WARRANTY.search(said) and not _IF.search(said))
    return bool(asked and reports_problem(text, language)
                and "warranty" in synonym_words(text, language))



def asks_order_change_in_time(text: str, language: str = "en") -> bool:
    """A change asked of an order the customer placed, with how long ago (svc26): the 1-hour rule answers it.

    >>> asks_order_change_in_time("put an order in ten minutes ago, can I add a lid to it?")
    True
    >>> asks_order_change_in_time("ordered yesterday evening, can I still change it?")
    True
    >>> asks_order_change_in_time("can I change my order?"), asks_order_change_in_time("I ordered a lamp yesterday")
    (False, False)
    """
    said = plain(text, language)
    return bool(_PLACED.search(said) and (_CHANGE_IT.search(said) or ADD_ONTO.search(said) or CHANGE_BARE.search(said))
                and (_MINUTES_AGO.search(said) or _HOURS_AGO.search(said) or clock_minutes(said)))   # svc30, svc32


# svc26: the thing itself asked to be sent back ("how long have I got to send it back?", "can I return them?")
# svc29: or in the gerund ("work out how to kick off sending it back")
_SEND_IT_BACK = re.compile(r"\b(?:send|post|take|bring|ship|sending|posting|taking|bringing|shipping)\s+"
                           r"(?:it|them|this|these|that|those)\s+back\b"
                           r"|\breturn\s+(?:it|them|this|these|that|those)\b"
                           # svc28: the thing had swapped for another size ("if I swap them for the bigger size …")
                           r"|\b(?:swap|exchange|change)\s+(?:it|them)\s+for\s+(?:a|an|the)\s+"
                           r"(?:bigger|smaller|larger|next|other|different)\s+size\b", re.I)


def asks_to_send_back(text: str, language: str = "en") -> bool:
    """A question about sending back the thing the customer has (svc26): the Returns rule, never a product search.

    >>> asks_to_send_back("got a scarf for my dad and he hates it, how long have I got to send it back?")
    True
    >>> asks_to_send_back("can you send me the blue one?"), asks_to_send_back("do you take returns")
    (False, False)
    """
    return bool(_SEND_IT_BACK.search(plain(text, language)))


# svc29: the clock time an order is (to be) placed at ("placed it at 4:50 pm Eastern", "at 11:40 am"), and the same day
# asked of it ("does it still get sent out today?", "… leave the same day?")
_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?![\w])|\b\d{1,2}:\d{2}\b", re.I)
_SAME_DAY = re.compile(r"\b(?:today|the\s+same\s+day|that\s+(?:same\s+)?day|same-day)\b", re.I)


def asks_dispatch_by(text: str, language: str = "en") -> bool:
    """An order's clock time and whether it still leaves that day (svc29): the Shipping rule's cut-off answers it, not
    the order's status ("placed my order at 4:50 pm on Monday, does it still get sent out today?").

    >>> asks_dispatch_by("placed my order at 3:15 pm, will it be sent out today?")
    True
    >>> asks_dispatch_by("has my order been sent out today?"), asks_dispatch_by("can I ring you at 6 pm today?")
    (False, False)
    """
    said = plain(text, language)
    return bool(_CLOCK.search(said) and _SAME_DAY.search(said) and _PLACED.search(said))


# svc29: how to begin sending a thing back ("how do I kick off sending it back?", "how do I start a return?")
_START_RETURN = re.compile(r"\b(?:start|begin|kick\s+off|initiate|get\s+started\s+(?:on|with))\s+(?:a\s+|the\s+|my\s+)?"
                           r"(?:return|returning|sending\s+(?:it|them|this|these|that)\s+back)\b", re.I)


def asks_return_start(text: str, language: str = "en") -> bool:
    """How to begin a return, asked (svc29): the Returns rule's "Start a return from your order page …" answers it.

    >>> asks_return_start("how do I kick off sending it back to you?"), asks_return_start("kick off at noon")
    (True, False)
    """
    return bool(_START_RETURN.search(plain(text, language)))


def asks_accident_covered(text: str, language: str = "en") -> bool:
    """An accident told (the ``accidents`` synonyms: "a horse stood on it", "flew it into a wall") and the warranty
    asked of it (svc29): the Warranty rule's exclusion answers it, so the learned router does not hand it off.

    >>> asks_accident_covered("my dog stood on the headphones, does the warranty cover that?")
    True
    >>> asks_accident_covered("I never dropped it and it broke, is that under warranty?")
    False
    """
    said = synonym_words(text, language)
    return "accidents" in said and bool(_WARRANTY.search(text) or tables(language)["coverage"].search(plain(text)))
