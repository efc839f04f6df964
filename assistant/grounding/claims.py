"""Claims a small model invents that name no catalog product: the lexical rules of grounding.

``assistant.grounding.check`` checks what the catalog *can* contradict (names of other
products, prices, numbers, attribute words). A 135M model mostly fails in other ways,
seen in real SmolLM2 drafts over the team's conversation suite:

- ``name``: names that exist nowhere in the catalog ("rated on Amazon", "The Shoppe",
  "Kistrel & Co", "headquartered in Milan") — a mid-sentence capitalised word that no
  catalog text, and nothing the shopper said, contains;
- ``claim``: shop-policy and provenance claims the catalog holds no data for
  ("free shipping", "verified on the official website", "sold out", "best-selling"),
  unless the shown products' own text says so;
- ``rating``: a star rating that is not the product's ("4 out of 5 stars" for a 4.6),
  or on another scale ("7 out of 10");
- ``format``: labels, markup and links ("Seller:", "**Draft:**", "<name>", URLs);
- ``off_topic``: a sentence about neither the picks nor the shopper ("I'm glad to know
  you're so passionate about fashion.") — fluent, grounded in nothing, useless.

>>> vocab = frozenset({"nordvik", "ridge", "jacket", "waterproof"})
>>> [kind for kind, _, _ in lexical_issues("The Ridge jacket is best-selling on Amazon.", vocab, "", "jacket")]
['name', 'claim']
"""

from __future__ import annotations

import re
from typing import Iterable

from retrieval.text import alternation, stem, words
from retrieval.text.lang import load

Flag = tuple[str, str, str]   # (kind, the words that carry it, why it fails): grounding.Issue's fields

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’][A-Za-z]+)?(?:-[A-Za-z0-9]+)*")
# Words a sentence may capitalise without naming anything.
_ALWAYS = {"i", "i'm", "i'd", "i've", "i'll", "ok", "okay", "yes", "no", "hi", "hello", "hey"}
_EN = load("en")
_CLAIMS = re.compile(rf"\b{alternation(_EN.grounding['claims'])}\b", re.IGNORECASE)
_RATING = re.compile(
    r"\brated\s+(?:as\s+|at\s+)?(\d(?:\.\d)?)\b(?!\s*(?:%|percent))"
    r"|\brating of\s+(\d(?:\.\d)?)\b"
    r"|(?<![\d.$])(\d(?:\.\d)?)\s*(?:/|out of)\s*(\d+)\b"
    r"|(?<![\d.$])(\d(?:\.\d)?)[- ]?stars?\b",
    re.IGNORECASE,
)
_FORMAT = re.compile(
    r"\*\*|<\s*/?\s*[a-z]+\s*>|https?://|www\.|\[[^\]]*\]\(|^\W*[A-Z][\w'’&. -]{0,30}:\s*(?=\S|$)",
)
# Words a sentence may open with that are neither stop words nor likely in catalog text.
OPENERS = _EN.openers
# Function words and shopping filler that say nothing about a product or a shopper.
STOPWORDS = _EN.stopwords


def lexical_issues(sentence: str, vocabulary: frozenset[str], said: str, topic: str,
                   ratings: Iterable[float] = (), shown_text: str = "", about_products: bool = False) -> list[Flag]:
    """Everything in one sentence that the lexical rules reject (see the module docstring).

    ``vocabulary``: lower-case words of the whole catalog; ``said``: the shopper's words
    and the portrait, which the sentence may echo; ``topic``: words about the picks and
    the shopper (titles, brands, categories, wanted attributes, recipient, occasion);
    ``ratings``: the ratings of the products the sentence may talk about;
    ``shown_text``: the shown products' text, which may back a policy claim;
    ``about_products``: the sentence already points at a pick ("pick 2", a name) or was
    flagged for a product claim, so it is not off topic.
    """
    issues: list[Flag] = []
    said_words = set(words(said))
    issues += _unknown_names(sentence, vocabulary | said_words)
    for m in _CLAIMS.finditer(sentence):
        if m.group(0).lower() not in shown_text:
            issues.append(("claim", m.group(0), f"claims '{m.group(0)}', which the catalog data does not say"))
    issues += _rating_issues(sentence, list(ratings))
    fmt = _FORMAT.search(sentence)
    if fmt:
        issues.append(("format", fmt.group(0).strip(), f"contains a label, markup or link ({fmt.group(0).strip()!r})"))
    if not about_products and not on_topic(sentence, topic):
        issues.append(("off_topic", sentence[:40], "is about neither the picks nor what the shopper asked for"))
    return issues


def _unknown_names(sentence: str, known: set[str] | frozenset[str]) -> list[Flag]:
    """Capitalised words after the first that no catalog text and nothing the shopper said contains."""
    issues: list[Flag] = []
    tokens = list(_TOKEN.finditer(sentence))
    for i, m in enumerate(tokens):
        word = m.group(0)
        if not word[0].isupper():
            continue
        base = re.sub(r"['’]s$", "", word).lower()
        starts = i == 0 or re.search(r"[.!?:(]\s*$", sentence[: m.start()])
        if starts and not (word.isupper() and len(word) > 3) and (base in STOPWORDS or base in OPENERS):
            continue   # a sentence's first word is capitalised anyway: unknown openers are still names ("Kent has")
        if base in _ALWAYS or base.replace("’", "'") in _ALWAYS:
            continue
        parts = [p for p in words(base) if not p.isdigit()]
        unknown = [p for p in parts if p not in known]
        if unknown:
            issues.append(("name", word, f"names '{word}', which appears nowhere in the catalog"))
    return issues


def _rating_issues(sentence: str, ratings: list[float]) -> list[Flag]:
    issues: list[Flag] = []
    for m in _RATING.finditer(sentence):
        value = float(next(g for g in (m.group(1), m.group(2), m.group(3), m.group(5)) if g))
        scale = m.group(4)
        if scale is not None and scale != "5":
            issues.append(("rating", m.group(0), f"rates on a scale of {scale}; ratings here are out of 5"))
            continue
        if not any(abs(value - r) < 0.051 or value == round(r) for r in ratings):
            issues.append(("rating", m.group(0), f"states a rating ({m.group(0)}) that is not the product's"))
    return issues


def on_topic(sentence: str, topic: str) -> bool:
    """Whether the sentence shares a content word with the picks or the shopper's request.

    >>> on_topic("The Ridge is light enough for hiking.", "nordvik ridge jacket hiking")
    True
    >>> on_topic("I'm glad you are so passionate about fashion.", "nordvik ridge jacket hiking")
    False
    """
    wanted = {stem(w) for w in words(topic) if w not in STOPWORDS and len(w) > 2}
    said = {stem(w) for w in words(sentence) if w not in STOPWORDS and len(w) > 2}
    return bool(said & wanted)
