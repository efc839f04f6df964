"""Deterministic chat model for unit tests: queued replies, then a fixed echo.

>>> from assistant.llm.base import user
>>> m = FakeChatModel(["hello there"])
>>> m.generate([user("hi")])
'hello there'

A set ``cancel`` event stops it before the next word (here: before the first)::

>>> import threading
>>> stop = threading.Event(); stop.set()
>>> m.generate([user("hi")], cancel=stop), len(m.calls)
('', 1)
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
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
    """Returns queued replies in order; when the queue is empty, ``default(messages)``.

    ``piece_delay_s`` makes each word take that long, under one lock like a real local
    model, so tests can exercise slow generations, timeouts and ``cancel``::

        slow = FakeChatModel(["a b c"], piece_delay_s=10)   # 30 s unless cancelled
    """

    name = "fake"

    def __init__(self, replies: Iterable[str] = (), default: Callable[[Sequence[ChatMessage]], str] | None = None,
                 piece_delay_s: float = 0.0):
        self._queue: deque[str] = deque(replies)
        self._default = default or _echo_first_pick
        self.piece_delay_s = piece_delay_s
        self.calls: list[list[ChatMessage]] = []
        self._gen_lock = threading.Lock()

    def enqueue(self, *replies: str) -> None:
        self._queue.extend(replies)

    def _text(self, messages: Sequence[ChatMessage], max_new_tokens: int) -> str:
        self.calls.append(list(messages))
        text = self._queue.popleft() if self._queue else self._default(messages)
        words = text.split(" ")
        return " ".join(words[: max(1, max_new_tokens)])

    def generate(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160,
                 cancel: threading.Event | None = None) -> str:
        if not self.piece_delay_s and cancel is None:
            return self._text(messages, max_new_tokens)
        return "".join(self.stream(messages, max_new_tokens, cancel=cancel))

    def stream(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160,
               cancel: threading.Event | None = None) -> Iterator[str]:
        # only a slow fake imitates the local model's lock; a fast one streams lock-free as before
        with self._gen_lock if self.piece_delay_s else contextlib.nullcontext():
            if cancel is not None and cancel.is_set():
                return      # cancelled before it started: the queued reply stays queued
            pieces = self._text(messages, max_new_tokens).split(" ")
            for i, piece in enumerate(pieces):
                # a slow "token": the wait ends early when the caller cancels
                if cancel is not None and (cancel.wait(self.piece_delay_s) if self.piece_delay_s else cancel.is_set()):
                    return
                if cancel is None and self.piece_delay_s:
                    time.sleep(self.piece_delay_s)
                yield piece if i == 0 else " " + piece


