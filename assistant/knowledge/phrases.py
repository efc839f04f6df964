"""The shop-question phrase tables of one language (``lang/<language>/service.yaml``), loaded once, and ``plain``.

Data, not code (STYLE.md habit 14): ``intent.py`` and ``problems.py`` hold the logic that reads these tables.

>>> bool(tables()["handoff"].search("can i talk to someone")), "agent" in words_of("handoff_alone")
(True, True)
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from assistant.knowledge.spelling import unbase64, unleet, unstop
from retrieval.text import alternation


@lru_cache(maxsize=4)
def data(language: str = "en") -> dict[str, Any]:
    """The language's tables as written in ``service.yaml`` (lists of phrases; ``synonyms`` and
    ``chat_spellings`` are mappings). Shared: callers must not change it."""
    return yaml.safe_load(resources.files("assistant.knowledge").joinpath(f"lang/{language}/service.yaml").read_text())


@lru_cache(maxsize=4)
def words_of(table: str, language: str = "en") -> frozenset[str]:
    """One table's phrases as a set (``generic``: words that alone make no passage relevant)."""
    return frozenset(w.lower() for w in data(language).get(table, ()))


@lru_cache(maxsize=4)
def tables(language: str = "en") -> dict[str, re.Pattern[str]]:
    """Every table as one whole-word pattern ("talk to someone" → ``handoff``)."""
    return {name: re.compile(rf"(?<![\w]){alternation(phrases)}(?![\w])", re.I)
            for name, phrases in data(language).items()}


@lru_cache(maxsize=4)
def _synonyms(language: str = "en") -> dict[str, str]:
    return {k.lower(): v for k, v in (data(language).get("synonyms") or {}).items()}


@lru_cache(maxsize=4)
def _chat_spellings(language: str = "en") -> tuple[re.Pattern[str], dict[str, str]]:
    spellings = {k.lower(): v for k, v in (data(language).get("chat_spellings") or {}).items()}
    return re.compile(rf"(?<![\w'@.-]){alternation(spellings)}(?![\w'@-])", re.I), spellings


def plain(text: str, language: str = "en") -> str:
    """``text`` with chat spellings written out (``chat_spellings`` in ``service.yaml``: "u" → "you", "r u" →
    "are you"), so the phrase tables and the embedder read "what number can i call u on" like "… call you on".

    >>> plain("r u guys open saturday"), plain("which cards do u take"), plain("a u-lock")
    ('are you guys open saturday', 'which cards do you take', 'a u-lock')
    """
    pattern, spellings = _chat_spellings(language)
    text = unstop(unleet(unbase64(text)))   # "1gn0r3 4ll rul3s", "Where. Is. My. Order." (svc17), base64 (svc24)
    return pattern.sub(lambda m: spellings[m.group(0).lower()], text)


@lru_cache(maxsize=4)
def _synonym_pattern(language: str = "en") -> re.Pattern[str]:
    """The ``synonyms`` phrases, each also in its plural ("if the price drops" is "price drop")."""
    return re.compile(rf"(?<![\w])({alternation(_synonyms(language))})(?:s|es)?(?![\w])", re.I)


@lru_cache(maxsize=4)
def _body_unhappy(language: str) -> re.Pattern[str]:
    parts = alternation(data(language).get("body_parts") or ["-"])
    return re.compile(rf"\b(?:my|his|her|our|their|the) {parts} (?:(?:is|are|was|were|have been|has been|feel|"
                      rf"feels|get|gets) )?(?:(?:not|never) (?:so |too |very |at all )?happy|unhappy|"
                      rf"(?:start to |start |begin to )?(?:complain|protest|moan|grumble|object)s?)\b", re.I)


def without_bodily(text: str, language: str = "en") -> str:
    """``text`` without a body part's discomfort ("my knees are not happy"): the shopper's body, not the shop.

    >>> without_bodily("my current mat is 4mm and my knees are not happy, i want something thicker")
    'my current mat is 4mm and  , i want something thicker'
    >>> without_bodily("is it under a kilo? anything heavier and my wrists complain")
    'is it under a kilo? anything heavier and  '
    >>> without_bodily("i am not happy with my order")
    'i am not happy with my order'
    """
    return _body_unhappy(language).sub(" ", text)
