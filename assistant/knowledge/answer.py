"""A policy answer from retrieved passages: quoted by code, or phrased by the LLM and checked.

With the tiny default model the answer is the passage's most relevant sentence(s),
quoted word for word, so every policy claim is the shop's own text. A capable model
(``[service] phrase_with_llm = true``) may phrase it; its text reaches the customer
only when the grounding checker finds every claim (numbers, amounts, "free shipping")
in the passages, else the quote is used.

>>> from retrieval.knowledge.passages import Passage
>>> p = Passage("policy.md", "Returns", "You can return items within 30 days. Gift cards cannot be returned. "
...             "Return labels cost $5.00.")
>>> quote_sentences("can I return a gift card?", p)
['Gift cards cannot be returned.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from assistant.grounding.check import check_grounding
from assistant.knowledge.handoff import Handoff
from assistant.knowledge.orders import OrderStatus
from assistant.llm.base import ChatMessage, ChatModel, Role
from prompts import load_prompt
from retrieval.knowledge.passages import Passage, sentences
from retrieval.text import content_words, stem
from retrieval.text.fuzzy import one_edit


# "e-mail", "e-book": a one-letter prefix joined, so "email" in a question meets "e-mail" in a policy
_PREFIXED = re.compile(r"\b(\w)-(\w{3,})")


def stems_of(text: str, skip: frozenset[str] = frozenset()) -> set[str]:
    return {stem(w) for w in content_words(_PREFIXED.sub(r"\1\2", text)) if w.lower() not in skip}


def shared(asked: set[str], found: set[str]) -> set[str]:
    """The stems of ``asked`` that ``found`` holds, a typo allowed in stems of five letters or more
    ("warrenty" meets "warranty"; short words must match exactly: "cash" is not "case").

    >>> sorted(shared({"warrenti", "laptop"}, {"warranti", "electron"}))
    ['warrenti']
    """
    out = asked & found
    for a in asked - out:
        if len(a) >= 5 and any(len(b) >= 5 and b[0] == a[0] and one_edit(a, b) for b in found):
            out.add(a)
    return out


def quote_sentences(question: str, passage: Passage, most: int = 2, closest: str = "") -> list[str]:
    """The passage sentences sharing the most content words with the question, in passage order.

    The best sentence always; a second only when it shares as many words as the best
    (ties are kept because a rule and its exception often sit in two sentences; with more
    ties than ``most``, ``closest`` is one of them when it ties). A
    passage with no overlap at all quotes ``closest`` (the sentence nearest in meaning,
    from the retriever) or else its first sentence, which states the section's rule.
    """
    asked = stems_of(question)
    parts = sentences(passage.text)
    if not parts:
        return []
    scores = [len(shared(asked, stems_of(s))) for s in parts]
    best = max(scores)
    if best == 0:
        return [closest] if closest in parts else parts[:1]
    tied = [i for i, s in enumerate(scores) if s == best]
    chosen = _with_distinct(asked, parts, _choose(parts, scores, best, tied, most, closest))
    return [parts[i] for i in chosen]


def _with_distinct(asked: set[str], parts: list[str], chosen: list[int]) -> list[int]:
    """``chosen`` and the one sentence that alone in the passage holds a word of the question the chosen ones
    miss ("… promised me free express shipping": "free", "shipping" pick "Standard shipping is free on orders
    over $75"; "express" is said only by "Express shipping … costs $14.95", which answers the rest). A word
    that several sentences share tells nothing; one extra sentence at most, in passage order."""
    stems = [stems_of(s) for s in parts]
    missing = asked - set().union(*(shared(asked, stems[i]) for i in chosen))
    for word in sorted(missing):
        holders = [i for i, st in enumerate(stems) if shared({word}, st)]
        if len(holders) == 1 and len(parts) > 2:
            return sorted(set(chosen) | set(holders))
    return chosen


def with_distinct(question: str, passage: Passage, quoted: list[str]) -> list[str]:
    """``quoted`` (sentences of ``passage``, maybe others after them) and the passage's one sentence that alone holds a
    word of the question the quoted ones miss, as ``_with_distinct`` does for the rules' quote (svc25: read after the
    learned chooser's quote when the customer says what the rule is — "confirm express shipping is free": the
    Standard sentences chosen, "express" said only by the $14.95 one)."""
    parts = sentences(passage.text)
    own = [parts.index(s) for s in quoted if s in parts]
    if not own:
        return quoted
    return [parts[i] for i in _with_distinct(stems_of(question), parts, own)] + [s for s in quoted if s not in parts]


def _choose(parts: list[str], scores: list[int], best: int, tied: list[int], most: int, closest: str) -> list[int]:
    if closest in parts and 0 < scores[parts.index(closest)] < best:
        # the sentence nearest in meaning shares a word but fewer: it still answers what words miss ("does it
        # ship today?" → "… leave the warehouse the same day"), so it is quoted with the best one
        return sorted({tied[0], parts.index(closest)})
    if len(tied) > most and closest in parts and parts.index(closest) in tied:
        # more ties than room ("do you ship to the UK?": four sentences say "ship"): the one
        # nearest in meaning goes first, then passage order
        first = parts.index(closest)
        tied = [first] + [i for i in tied if i != first]
        return sorted(tied[:most])
    return tied[:most]


def cite(passages: Sequence[Passage]) -> str:
    names = []
    for p in passages:
        if p.source not in names:
            names.append(p.source)
    return "Source: " + "; ".join(names) + "."


def phrase_with_llm(llm: ChatModel, question: str, passages: Sequence[Passage], max_new_tokens: int = 80) -> str | None:
    """The LLM's answer when the grounding check passes against the passages, else None."""
    system_text, user_text = load_prompt("service_answer").render(
        question=question, passages="\n".join(f"[{p.source}] {p.text}" for p in passages))
    messages = [ChatMessage(Role.SYSTEM, system_text), ChatMessage(Role.USER, user_text)]
    text = " ".join(llm.generate(messages, max_new_tokens=max_new_tokens).split())
    if not text:
        return None
    report = check_grounding(text, [], request=question, evidence=[p.text for p in passages])
    return text if report.ok else None


@dataclass
class ServiceAnswer:
    """The service's reply: ``text`` (complete), the passages it rests on, a hand-off, an order."""

    text: str
    kind: str                                   # policy | order | ask_order | handoff
    sources: list[Passage] = field(default_factory=list)
    handoff: Handoff | None = None
    order: OrderStatus | None = None
    score: float | None = None                  # the best passage's similarity (policy questions)
    phrased: bool = False                       # the LLM's phrasing passed the check and was kept

    def sources_json(self) -> list[dict[str, str]]:
        return [p.to_json() for p in self.sources]
