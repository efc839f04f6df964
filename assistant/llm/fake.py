"""Deterministic chat model for unit tests: queued replies, then a fixed echo.

>>> from assistant.llm.base import user
>>> m = FakeChatModel(["hello there"])
>>> m.generate([user("hi")])
'hello there'
"""

from __future__ import annotations

import re
from collections import deque
from typing import Callable, Iterable, Iterator, Sequence

from assistant.llm.base import ChatMessage

_FIRST_PICK = re.compile(r"^\s*1\.\s+(.+?)\s+by\s", re.MULTILINE)


def _echo_first_pick(messages: Sequence[ChatMessage]) -> str:
    """A grounded default: names the first pick of a guide prompt, if there is one."""
    for message in reversed(messages):
        m = _FIRST_PICK.search(message.content)
        if m:
            return f"The {m.group(1)} is the closest fit for what you asked."
    return "Here are some picks that fit what you asked for."


class FakeChatModel:
    """Returns queued replies in order; when the queue is empty, ``default(messages)``."""

    name = "fake"

    def __init__(self, replies: Iterable[str] = (), default: Callable[[Sequence[ChatMessage]], str] | None = None):
        self._queue: deque[str] = deque(replies)
        self._default = default or _echo_first_pick
        self.calls: list[list[ChatMessage]] = []

    def enqueue(self, *replies: str) -> None:
        self._queue.extend(replies)

    def generate(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160) -> str:
        self.calls.append(list(messages))
        text = self._queue.popleft() if self._queue else self._default(messages)
        words = text.split(" ")
        return " ".join(words[: max(1, max_new_tokens)])

    def stream(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160) -> Iterator[str]:
        text = self.generate(messages, max_new_tokens)
        pieces = text.split(" ")
        for i, piece in enumerate(pieces):
            yield piece if i == 0 else " " + piece


