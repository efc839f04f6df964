"""Readings of a customer's story added in svc30 (dev26), kept apart so ``problems.py`` and ``intent.py`` stay under
500 lines: a thing ridden or driven into something (an accident), a thing for the body opened (the personal-care
exception), a thing used a few times (the return's condition), when the warranty starts asked, an order's clock
times and a thing tacked onto a placed order (the 1-hour rule), a swap for another size asked, and a price fall after
the purchase with the difference asked back. svc31 (dev27): a question written as a JSON object or a markdown table
(its markup dropped from the search), and another thing found in the box ("what came out of the box is a …").

Read by ``problems.synonym_words`` (the policy words a story stands for) and ``guards.answered_by_rule``.
"""

from __future__ import annotations

import re

from assistant.knowledge.phrases import plain, tables

# "rode the kick scooter straight into the duck pond", "drove the mower into the wall": an accident (not "flew into",
# a ``synonyms`` phrase since svc29); at most four words between the verb and "into"
_RAN_INTO = re.compile(r"\b(?:rode|ridden|drove|driven|reversed|backed|steered|crashed|cycled|skated|skateboarded)\s+"
                       r"(?:[\w'-]+\s+){0,4}?into\b", re.I)
# a thing for the body said opened ("the hand cream I opened yesterday", "can an opened tub go back?"), not denied
_OPENED = re.compile(r"\b(?:opened|unscrewed|unsealed)\b", re.I)
_NOT_OPENED = re.compile(r"\b(?:never|not|n't|unopened|still\s+sealed)\s+(?:been\s+)?opened\b", re.I)
# a thing used a few times ("had it out on the lake twice", "wore them a couple of times"): the return's condition
_USED_FEW = re.compile(r"\b(?:used|wore|worn|had|taken|took|tried)\s+(?:it|them|(?:the|my|our)\s+(?:[\w'-]+\s+){0,2}?"
                       r"[\w'-]+)\s+(?:[\w'-]+\s+){0,4}?(?:just\s+|only\s+)?(?:twice|two\s+times|three\s+times"
                       r"|a\s+couple\s+(?:of\s+)?times|a\s+few\s+times)\b", re.I)
# when the warranty starts, asked ("does it run from the day my card was charged, or from the day it landed?")
# svc32: or the warranty said as the year of cover ("is the one-year cover counted from the day I paid?")
_WARRANTY = re.compile(r"\b(?:warranty|warranties|guarantee|(?:one|two|1|2)[\s-]year\s+cover)\b", re.I)
_FROM_WHEN = re.compile(r"\b(?:runs?|starts?|counts?|counted|begins?|dated)\s+from\b|\bfrom\s+when\b", re.I)
# a clock time ("at 10:05", "4 pm"); two of them, the order's and now's ("placed it at 10:05 and it's now 10:25")
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?![\w])|\b(\d{1,2}):(\d{2})\b", re.I)
# a thing added to the placed order in other words ("tack it onto the same order", "stick a lid on my order")
ADD_ONTO = re.compile(r"\b(?:add|tack|put|stick|throw|pop)\s+(?:[\w'-]+\s+){0,4}?(?:to|onto|on\s+to|on|into)\s+"
                      r"(?:the\s+same|my|that|the|this)\s+order\b", re.I)
# a price fall after the purchase told ("went on sale Tuesday", "it's cheaper now") and the difference asked back
# ("refund me the gap"); "pay the difference" alone (a dearer size, an exchange rate) is no price fall
# svc31: or told as an amount off ("now shows $15 off", "has dropped since I bought it") and that amount asked back
# ("any chance of that $15 landing back with me?", "refund me the $30")
_PRICE_FELL = re.compile(r"\b(?:went|gone|goes|go|now|is|it's|was)\s+on\s+sale\b|\bmarked\s+down\b|\bcheaper\b"
                         r"|\bprice\s+(?:dropped|drop|went\s+down)\b|\bdropped\s+in\s+price\b"
                         r"|\$\s?\d[\d.,]*\s+off\b"
                         r"|\b(?:dropped|fallen|gone\s+down)\s+since\s+(?:i|we)\s+(?:bought|ordered|paid)",
                         re.I)
_GAP_BACK = re.compile(r"\b(?:difference|gap)\b|\bpartial\s+refund\b|\$\s?\d[\d.,]*\s+(?:[\w'-]+\s+){0,3}?back\b"
                       r"|\b(?:refund|give|pay)\s+(?:me|us)\s+(?:back\s+)?(?:the|that)\s+\$\s?\d", re.I)
# svc32: a change asked bare at the question's end, of an order placed minutes ago ("… can I still switch?")
CHANGE_BARE = re.compile(r"\b(?:change|swap|switch|amend)\s*\?", re.I)
# another size asked in a swap ("can I change it for a bigger size?", "trade them for the next size up")
# svc31: or traded in for a size named ("any chance I can trade 'em in for a large?", "swap it for a medium")
_SIZE_SWAP = re.compile(r"\b(?:swap|exchange|change|trade|switch)\s+(?:(?:it|them|em|'em|this|these|those)\s+)?"
                        r"(?:in\s+)?(?:for|to)\s+(?:(?:a|an|the)\s+)?"
                        r"(?:(?:bigger|smaller|larger|next|different|another)\s+size"
                        r"|(?:extra[\s-]+)?(?:small|medium|large)|xs|xl|xxl|size\s+(?:up|down)"
                        r"|(?:bigger|smaller|larger)\s+one)\b", re.I)


def ran_into(text: str) -> bool:
    """A thing ridden or driven into something ("rode the scooter straight into the pond"): an accident.

    >>> ran_into("my son rode his bike straight into the canal"), ran_into("I drove to the depot")
    (True, False)
    """
    return bool(_RAN_INTO.search(text))


def opened_for_body(text: str, language: str = "en") -> bool:
    """A thing for the body (``personal_care`` in service.yaml) said opened: the Returns rule's exception.

    >>> opened_for_body("the face cream I opened smells off"), opened_for_body("the face cream is unopened")
    (True, False)
    """
    said = plain(text, language)
    body = tables(language)["personal_care"].search(said)
    return bool(_OPENED.search(said) and not _NOT_OPENED.search(said) and body)


def used_a_few_times(text: str) -> bool:
    """A thing used twice or a few times ("had it out on the lake twice"): the return's "unused" condition.

    >>> used_a_few_times("I've had the kayak out on the river twice"), used_a_few_times("I had two of them")
    (True, False)
    """
    return bool(_USED_FEW.search(text))


def asks_warranty_start(text: str) -> bool:
    """When the warranty starts, asked ("does the guarantee run from the day I paid or the day it came?").

    >>> asks_warranty_start("does the warranty start from the order date?"), asks_warranty_start("warranty on a fan?")
    (True, False)
    """
    return bool(_WARRANTY.search(text) and _FROM_WHEN.search(text))


def clock_minutes(text: str) -> list[int]:
    """The clock times in ``text``, as minutes after midnight ("10:05", "1:15 pm").

    >>> clock_minutes("placed it at 10:05 and it's now 10:25"), clock_minutes("at 1:15 pm"), clock_minutes("a 3-pack")
    ([605, 625], [795], [])
    """
    found = []
    for m in _CLOCK.finditer(text):
        hour, minute = int(m.group(1) or m.group(4)), int(m.group(2) or m.group(5) or 0)
        half = (m.group(3) or "").lower()[:1]
        hour = hour % 12 + (12 if half == "p" else 0) if half else hour
        if hour < 24 and minute < 60:
            found.append(hour * 60 + minute)
    return found


def within_the_hour(text: str) -> bool:
    """Two clock times under an hour apart: the order's and now's ("placed at 10:05, it's now 10:25").

    >>> within_the_hour("placed it at 10:05 and it's now 10:25"), within_the_hour("ordered at 9:00, now it's 11:30")
    (True, False)
    """
    times = clock_minutes(text)
    return len(times) >= 2 and 0 <= times[-1] - times[0] < 60


def asks_size_swap(text: str, language: str = "en") -> bool:
    """A swap of the thing for another size asked ("can I change it for a bigger size?"): the Returns rule's exchange.

    >>> asks_size_swap("too small, can I change it for a bigger size?"), asks_size_swap("do you sell a bigger size?")
    (True, False)
    """
    return bool(_SIZE_SWAP.search(plain(text, language)))


def asks_price_gap_back(text: str, language: str = "en") -> bool:
    """A price fall after the purchase told and the difference asked back ("it went on sale two days later, any chance
    you'll refund me the gap?"): the Price matching rule's "we do not adjust prices after purchase".

    >>> asks_price_gap_back("the lamp went on sale a day later, can I have the gap back?")
    True
    >>> asks_price_gap_back("if the bigger size costs more do I pay the difference?")
    False
    """
    said = plain(text, language)
    return bool(_PRICE_FELL.search(said) and _GAP_BACK.search(said))


# svc31: a JSON object or a markdown table ('{"topic": "express shipping", "want_to_know": ["price"]}', "| item | my
# question |"): its braces, quotes, pipes and underscores are markup, not words for the search
_MARKUP = re.compile(r"^\s*[{\[]|\|\s*-{3,}\s*\|")
_MARKUP_CHARS = re.compile(r"[{}\[\]\"|_]+|-{3,}")


def without_markup(text: str) -> str:
    """``text`` without its JSON or markdown-table markup, so the search reads its words ("want_to_know": want to know).

    >>> without_markup('{"topic": "returns", "want_to_know": ["how many days"]}')
    ' topic :  returns ,  want to know :  how many days '
    >>> without_markup("do you ship to the U.S.A.? (asking for my_brother)")
    'do you ship to the U.S.A.? (asking for my_brother)'
    """
    return _MARKUP_CHARS.sub(" ", text) if _MARKUP.search(text) else text


# svc31: another thing found in the box, told as what came ("ordered a whetstone and what came out of the box is a
# garlic press", "ordered a lamp but what turned up in the parcel was a kettle"); svc32: up to ten words naming the
# thing ordered ("ordered a soldering iron for the repair café on Saturdays and what arrived is …")
_WHAT_CAME = re.compile(r"\bordered\s+(?:[\w'-]+\s+){1,10}?(?:and|but),?\s+what\s+"
                        r"(?:came|arrived|turned\s+up|was\s+inside|i\s+got|we\s+got)"
                        r"(?:\s+(?:out\s+of|in|inside)\s+(?:the|my|your)\s+(?:box|parcel|package))?"
                        r"\s+(?:is|was|were|are)\s+(?:a|an|the|some)\b", re.I)


def what_came_instead(text: str) -> bool:
    """One thing ordered and another told as what came ("I ordered a whetstone and what came out of the box is a garlic
    press"): a wrong item.

    >>> what_came_instead("ordered a teapot but what arrived was a toaster"), what_came_instead("what came was great")
    (True, False)
    """
    return bool(_WHAT_CAME.search(text))


# svc31: whether the customer's own thing will arrive in time ("whether my foghorn parts will reach the dock by then",
# "if our chairs will arrive before Friday"): one order's progress; not "if I order today, will my sofa arrive …"
_OWN_ARRIVES = re.compile(r"\b(?:whether|if)\s+(?:my|our)\s+(?:[\w'-]+\s+){1,3}?"
                          r"(?:will|'ll|is\s+going\s+to|are\s+going\s+to)\s+"
                          r"(?:reach|arrive|get\s+(?:here|there|to)|turn\s+up|land|make\s+it)\b"
                          # svc32: or the thing had from the shop, then "will they make it?" ("the lamps we bought from
                          # you need to be here by Friday. Will they make it?")
                          r"|\b(?:bought|ordered|got)\s+from\s+you\b.*\b(?:will|would)\s+(?:they|it)\s+"
                          r"(?:make\s+it|arrive|get\s+here|turn\s+up|be\s+here)\b", re.I | re.S)


def own_thing_arrives(text: str) -> bool:
    """Whether the customer's own thing will arrive, asked ("can you tell me whether my boots will reach me by then?").

    >>> own_thing_arrives("tell me whether my lamp parts will reach the island by then")
    True
    >>> own_thing_arrives("if I order today will my sofa arrive by Friday?")
    False
    """
    return bool(_OWN_ARRIVES.search(text))
