"""LLM fallback for the soft slots the rules cannot parse (recipient, occasion, style).

Only consulted when a message sounds like a gift or an event ("something for my bestie
who just moved") and the rules found neither recipient nor occasion. The answer must be
one JSON object whose values come from closed lists (``RECIPIENTS``, ``OCCASIONS``,
``STYLES``): it is parsed strictly, a bad answer is retried once with a stricter
instruction, then dropped. Time is bounded by ``max_new_tokens`` and a per-call budget;
a generation still running at the deadline is cancelled (the model lock is freed).

Merge rule (``merge_llm``): the LLM only fills slots that are still empty; it never
touches budget, brands, category or attributes, so a rule-extracted hard constraint can
never be overwritten by a guess.

>>> from assistant.llm import FakeChatModel
>>> llm = PortraitLLM(FakeChatModel(['{"recipient": "bestie", "occasion": null, "style": null}']))
>>> llm.extract("a present for my bestie")
LLMSlots(recipient='friend', occasion=None, style=None)
"""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

from assistant.llm.base import ChatMessage, system, user
from assistant.portrait.model import Portrait
from retrieval.text.lang import load
from retrieval.text.words import alternation

log = logging.getLogger(__name__)
_EN = load("en")
RECIPIENTS, OCCASIONS, STYLES = _EN.recipients, _EN.occasions, _EN.styles

_GIFT_CUE = re.compile(rf"\b{alternation(_EN.dialogue['gift'])}\b")


@dataclass(frozen=True)
class LLMSlots:
    recipient: str | None = None
    occasion: str | None = None
    style: str | None = None


def _canonical(value: Any, table: dict[str, tuple[str, ...]]) -> str | None:
    """A value from the closed list (or one of its synonyms), else None."""
    if not isinstance(value, str):
        return None
    v = " ".join(value.lower().replace("’", "'").split())
    for canonical, synonyms in table.items():
        if v == canonical or v in synonyms:
            return canonical
    return None


def parse_slots(raw: str) -> LLMSlots | None:
    """Strict parse: the first JSON object, only known keys, values from the lists or null.

    >>> parse_slots('{"recipient": "mom", "occasion": "birthday", "style": null}')
    LLMSlots(recipient='mother', occasion='birthday', style=None)
    >>> parse_slots('{"recipient": "the moon"}') is None
    True
    """
    m = re.search(r"\{[^{}]*\}", raw or "")
    if not m:
        return None
    try:
        data = json.loads(m.group(0))
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict) or not data or set(data) - {"recipient", "occasion", "style"}:
        return None
    out = {}
    for key, table in (("recipient", RECIPIENTS), ("occasion", OCCASIONS), ("style", STYLES)):
        value = data.get(key)
        if value in (None, "", "null", "none"):
            out[key] = None
            continue
        canonical = _canonical(value, table)
        if canonical is None:
            return None          # outside the schema: the whole answer is distrusted
        out[key] = canonical
    return LLMSlots(**out)


class PortraitLLM:
    """Asks a ``ChatModel`` for recipient/occasion/style; bounded and optional."""

    def __init__(self, model: Any, max_new_tokens: int = 40, time_budget_s: float = 15.0, retries: int = 1) -> None:
        self.model = model
        self.max_new_tokens = max_new_tokens
        self.time_budget_s = time_budget_s
        self.retries = retries
        self.calls = 0
        self.failures = 0
        self.timeouts = 0
        self._pool = None
        self.seconds = 0.0
        self.cancel_grace_s = 2.0

    def wanted(self, text: str, facts: Any, portrait: Portrait) -> bool:
        """Only when the message sounds like a gift/event and the rules found neither slot."""
        if facts.recipient or facts.occasion or portrait.recipient:
            return False
        return _GIFT_CUE.search(text.lower()) is not None

    def maybe_extract(self, text: str, facts: Any, portrait: Portrait) -> LLMSlots | None:
        if not self.wanted(text, facts, portrait):
            return None
        return self.extract(text)

    def messages(self, text: str, attempt: int) -> list[ChatMessage]:
        from prompts import load_prompt

        sys_text, user_text = load_prompt("portrait_extract").render(
            recipients=", ".join(RECIPIENTS), occasions=", ".join(OCCASIONS), styles=", ".join(STYLES),
            message=text.replace('"', "'")[:300])
        if attempt:
            sys_text += "\nYour last answer was not valid. Reply with the JSON object only, using only the listed words."
        return [system(sys_text), user(user_text)]

    def _generate(self, messages: list[ChatMessage], timeout_s: float) -> str | None:
        """One generation with a hard wall-clock limit (a slow CPU must not stall the turn).

        At the deadline the generation is cancelled through the ``ChatModel``'s ``cancel``
        event, not abandoned: an abandoned one would keep the model lock until it reached
        ``max_new_tokens``, and the guide's prose for this very turn would wait behind it.
        A local model still finishes the prompt's prefill and one token first.
        """
        import concurrent.futures
        import threading

        if self._pool is None:
            self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="portrait-llm")
        cancel = threading.Event()
        future = self._pool.submit(self.model.generate, messages, max_new_tokens=self.max_new_tokens, cancel=cancel)
        try:
            return future.result(timeout=max(0.0, timeout_s))
        except concurrent.futures.TimeoutError:
            cancel.set()
            self.timeouts += 1
            try:   # a backend stops within a token or a read; do not wait on one that ignores cancel
                future.result(timeout=self.cancel_grace_s)
            except concurrent.futures.TimeoutError:
                log.warning("portrait LLM did not stop within %.1f s of being cancelled", self.cancel_grace_s)
            except Exception:   # noqa: BLE001 - its answer is unwanted either way
                pass
            return None

    def extract(self, text: str) -> LLMSlots | None:
        started = time.perf_counter()
        self.calls += 1
        try:
            for attempt in range(1 + self.retries):
                if time.perf_counter() - started > self.time_budget_s:
                    break
                remaining = self.time_budget_s - (time.perf_counter() - started)
                raw = self._generate(self.messages(text, attempt), remaining)
                if raw is None:           # over the time budget: give up, the rules stand
                    break
                slots = parse_slots(raw)
                if slots is not None:
                    return slots
                log.debug("portrait LLM answer rejected: %r", raw[:200])
            self.failures += 1
            return None
        except Exception as exc:     # the LLM is optional: any backend failure means "no answer"
            log.warning("portrait LLM failed, rules only: %s", exc)
            self.failures += 1
            return None
        finally:
            self.seconds += time.perf_counter() - started


def merge_llm(portrait: Portrait, slots: LLMSlots, turn: int) -> list[str]:
    """Fill empty soft slots from the LLM; returns the names filled. Never overwrites."""
    filled = []
    for name in ("recipient", "occasion", "style"):
        value = getattr(slots, name)
        if value and getattr(portrait, name) is None:
            portrait.set(name, value, turn)
            portrait.sources[f"{name}_from_llm"] = turn
            filled.append(name)
    return filled


def make_portrait_llm(model: Any, enabled: bool) -> PortraitLLM | None:
    """The fallback when ``[understanding] llm`` is on, else None (rules only)."""
    return PortraitLLM(model) if enabled else None
