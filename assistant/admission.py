"""A bounded queue in front of the LLM: a few turns write at once, a few more wait, the rest get a clear 503.

Why: one local model generates for one turn at a time. Without a bound, a burst of
shoppers piles up threads that each wait minutes and then time out anyway; with one,
the turns that fit wait (the wait is reported as ``timings_ms["llm_wait_ms"]``) and the
rest are told at once to retry (``Overloaded`` → HTTP 503), while turns without LLM text
(``reply=False``) and the code-rendered parts never queue.

>>> gate = LLMGate(slots=1, queue=0)
>>> with gate() as waited:
...     waited >= 0.0
True
>>> gate.waiting, gate.running
(0, 0)
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

from assistant.errors import Overloaded


class LLMGate:
    def __init__(self, slots: int = 1, queue: int = 32, timeout_s: float | None = None) -> None:
        if slots < 1 or queue < 0:
            raise ValueError("slots must be >= 1 and queue >= 0")
        self.slots, self.queue, self.timeout_s = slots, queue, timeout_s
        self.running = 0
        self.waiting = 0
        self.refused = 0
        self._cond = threading.Condition()

    @contextmanager
    def __call__(self) -> Iterator[float]:
        """Hold one slot for the ``with`` body; yields the seconds spent waiting for it."""
        started = time.perf_counter()
        with self._cond:
            if self.running >= self.slots and self.waiting >= self.queue:
                self.refused += 1
                raise Overloaded(f"the assistant is busy ({self.running} writing, {self.waiting} waiting); "
                                 "retry in a few seconds, or send reply=false for products only")
            self.waiting += 1
            try:
                if not self._cond.wait_for(lambda: self.running < self.slots, timeout=self.timeout_s):
                    self.refused += 1
                    raise Overloaded(f"waited {self.timeout_s:g}s for the assistant; retry in a few seconds")
            finally:
                self.waiting -= 1
            self.running += 1
        try:
            yield time.perf_counter() - started
        finally:
            with self._cond:
                self.running -= 1
                self._cond.notify()
