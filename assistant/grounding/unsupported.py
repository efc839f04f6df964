"""Prose that answers nothing asked, or claims what no product row says.

Kinds of sentence a small model writes that the name/price/attribute checks do
not catch, seen in the issue's transcripts:

- ``safety``: negative or safety claims ("may have been leaking into the environment",
  "contains harmful chemicals") — a product's data rarely says so, and when it does the
  shown products' own text backs the sentence;
- ``referral``: sending the shopper elsewhere ("buy from a supplier who offers these");
- ``policy``: returns, exchanges, price matching … (the shop's knowledge will back these
  in the customer-service issue; until then no prose may state them);
- ``cause``: a good cause, an origin or an ethic ("a great option to support local women's
  shelters", seen with SmolLM2 in session 20; "proceeds go to charity").

``answers_nothing`` is the whole-text check: a reply whose sentences share no content
word with what the shopper asked or the picks answers nothing.

The word tables are data (``lang/en/unsupported.yaml``).

>>> [kind for kind, _, _ in unsupported_claims("These may have been leaking into the environment.", "")]
['safety']
>>> [kind for kind, _, _ in unsupported_claims("You can buy from a supplier who offers these.", "")]
['referral']
>>> unsupported_claims("It is made of recycled plastic.", " recycled plastic ")
[]
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from assistant.grounding.claims import on_topic
from retrieval.query import has_term

Flag = tuple[str, str, str]

_WHY = {"safety": "makes a negative or safety claim ('{}') the product's data does not make",
        "referral": "sends the shopper to another shop ('{}')",
        "policy": "states a shop policy ('{}') the shop's data does not back",
        "cause": "claims a cause or origin ('{}') the product's data does not state"}


@lru_cache(maxsize=2)
def _patterns(language: str = "en") -> dict[str, re.Pattern]:
    raw = yaml.safe_load(resources.files("assistant.grounding").joinpath(f"lang/{language}/unsupported.yaml").read_text())
    return {kind: re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in phrases) + r")\b", re.IGNORECASE)
            for kind, phrases in raw.items()}


def unsupported_claims(sentence: str, shown_text: str) -> list[Flag]:
    """Safety, referral and policy claims in ``sentence`` that the shown products' text does not contain."""
    flags: list[Flag] = []
    for kind, pattern in _patterns().items():
        for m in pattern.finditer(sentence):
            if kind != "referral" and has_term(shown_text, m.group(0)):
                continue          # the product's own data says it
            flags.append((kind, m.group(0), _WHY[kind].format(m.group(0))))
            break
    return flags


def answers_nothing(sentences: list[str], topic: str) -> bool:
    """True when no sentence shares a content word with the request and the picks."""
    return bool(sentences) and not any(on_topic(s, topic) for s in sentences)
