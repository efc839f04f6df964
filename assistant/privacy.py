"""Contact details are redacted before anything is stored, logged or sent to a model.

A shopper sometimes types an e-mail address or a phone number ("call me on +44 20 7946
0958"); the assistant never needs them to pick products, and a session database or a
log line that holds them is a liability. ``redact`` replaces them with a placeholder.
Patterns are deliberately narrow so prices ("$1,299.99"), model numbers ("WH-1000XM5")
and ranges ("50-80") are left alone.

>>> redact("mail ann.lee+shop@example.co.uk or call +1 (555) 010-7788, budget $1,299")
'mail [email] or call [phone], budget $1,299'
>>> redact("a 2-5 player game under 80, model WH-1000XM5")
'a 2-5 player game under 80, model WH-1000XM5'
>>> redact("ship to 221B Baker Street please")
'ship to [address] please'
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# +CC, an optional (area) group, then 2+ digit groups; see _is_phone for what makes it a phone number split by one space, dot or dash
_PHONE = re.compile(r"(?<![\w$€£])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,8}(?:[ .-]\d{2,8}){1,4}(?![\w])")
_ADDRESS = re.compile(r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}"
                      r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Court|Ct|Place|Pl)\b\.?")


def redact(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers and street addresses replaced by placeholders."""
    text = _EMAIL.sub("[email]", text)
    text = _PHONE.sub(lambda m: "[phone]" if _is_phone(m.group(0)) else m.group(0), text)
    return _ADDRESS.sub("[address]", text)


def _is_phone(candidate: str) -> bool:
    """7-15 digits and a phone's shape: a ``+``/``(…)`` prefix, 3+ groups or a 5+ digit group.

    "1000-1500" (a price range, two groups of four) is not a phone; "07700 900123" is.
    """
    groups = re.findall(r"\d+", candidate)
    digits = sum(map(len, groups))
    shaped = candidate[0] in "+(" or len(groups) >= 3 or max(map(len, groups)) >= 5
    return 7 <= digits <= 15 and shaped
