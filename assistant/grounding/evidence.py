"""Policy claims against shop-knowledge passages: each claim needs a passage sentence that states it.

``check_grounding(..., evidence=passages)`` used to accept a policy sentence whose words
occurred *anywhere* in the passages: "Shipping is always free." passed because "free"
is in the returns passage ("Return shipping is free for exchanges") and "shipping" in
another. Here a sentence that names a policy topic (``lang/en/evidence.yaml``) and states
a qualifier ("free", "always", "full") or a number must be stated by one passage sentence
about the same topic: that sentence holds every content word of the claim.

>>> passages = ["Standard shipping is free on orders over $75. Return shipping is free for exchanges.",
...             "You can return any item within 30 days of delivery for a full refund."]
>>> [claim for _, claim, _ in unsupported_policy("Shipping is always free.", passages)]
['always', 'free']
>>> [claim for _, claim, _ in unsupported_policy("Express shipping is free.", passages)]
['free']
>>> unsupported_policy("Standard shipping is free on orders over $75.", passages)
[]
>>> [claim for _, claim, _ in unsupported_policy("Shipping takes 30 days.", passages)]
['30']
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterable

import yaml

from assistant.grounding.claims import STOPWORDS
from retrieval.text import alternation, stem, words

Flag = tuple[str, str, str]
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?(?![\w])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@lru_cache(maxsize=2)
def _tables(language: str = "en") -> tuple[re.Pattern, re.Pattern]:
    raw = yaml.safe_load(resources.files("assistant.grounding").joinpath(f"lang/{language}/evidence.yaml").read_text())
    return (re.compile(rf"(?<![\w-]){alternation(raw['topics'])}(?![\w-])", re.I),
            re.compile(rf"(?<![\w-]){alternation(raw['qualifiers'])}(?![\w-])", re.I))


def _topics(text: str) -> set[str]:
    topic, _ = _tables()
    return {" ".join(stem(w) for w in m.group(0).lower().split()) for m in topic.finditer(text)}


def _numbers(text: str) -> set[str]:
    return {m.group(0).replace(",", "") for m in _NUMBER.finditer(text)}


def _stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOPWORDS}


def unsupported_policy(sentence: str, evidence: Iterable[str]) -> list[Flag]:
    """Qualifiers and numbers of a policy sentence that no single passage sentence on its topic states.

    Stated means: one passage sentence names the same topic and holds every content word of
    the claim ("Express shipping is free." is not stated by "Standard shipping is free on
    orders over $75.", though each word occurs somewhere). A sentence with no qualifier and
    no number is left to the other checks.
    """
    topics = _topics(sentence)
    if not topics:
        return []
    _, qualifier = _tables()
    claims = [m.group(0) for m in qualifier.finditer(sentence)] + sorted(_numbers(sentence))
    if not claims:
        return []
    backing = [s for passage in evidence for s in _SENTENCE.split(passage) if _topics(s) & topics]
    content = _stems(sentence)
    if any(content <= _stems(s) | {stem(n) for n in _numbers(s)} for s in backing):
        return []
    about = ", ".join(sorted(topics))
    return [("policy", claim, f"states '{claim}' about {about}, which no passage sentence on that topic states")
            for claim in claims]
