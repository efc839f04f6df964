"""A wall-clock limit on one streamed generation, enforced through the backend's ``cancel`` event.

The limit is for generating: callers load the model (``warm_up``) before they start the clock.

A backend's own timeout is per read (the ``openai`` client's ``timeout`` restarts with
every chunk, and it retries), and the local model has none; a shopper must not wait
longer than ``[llm] timeout_s`` for the guide. ``bounded_stream`` runs the backend's
``stream`` in a worker thread and hands its pieces on; at the deadline it sets the
``cancel`` event (the backend stops within a token or a read and frees its lock) and
raises ``LLMTimeout``. Closing the returned iterator early cancels the generation too.

>>> from assistant.llm.fake import FakeChatModel
>>> from assistant.llm.base import user
>>> "".join(bounded_stream(FakeChatModel(["fine and fast"]), [user("hi")], 10, timeout_s=5))
'fine and fast'
>>> slow = FakeChatModel(["a b c d"], piece_delay_s=5)
>>> list(bounded_stream(slow, [user("hi")], 10, timeout_s=0.05))
Traceback (most recent call last):
...
assistant.errors.LLMTimeout: the LLM did not finish within 0.05 s (llm.timeout_s)
"""

from __future__ import annotations

import inspect
import queue
import threading
import time
from typing import Iterator, Sequence

from assistant.errors import LLMTimeout
from assistant.llm.base import ChatMessage, ChatModel

_DONE = object()


def _takes_cancel(method) -> bool:
    try:
        parameters = inspect.signature(method).parameters
    except (TypeError, ValueError):
        return True
    return "cancel" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())
CANCEL_GRACE_S = 2.0   # how long a cancelled backend gets to stop before we stop waiting for it


def bounded_stream(llm: ChatModel, messages: Sequence[ChatMessage], max_new_tokens: int,
                   timeout_s: float | None, deadline: float | None = None) -> Iterator[str]:
    """``llm.stream(...)`` that raises ``LLMTimeout`` once ``timeout_s`` (or the absolute
    ``time.monotonic()`` ``deadline``, whichever is earlier) has passed.

    Errors of the backend are raised in the caller's thread, unchanged.
    """
    if deadline is None and (timeout_s is None or timeout_s <= 0):
        yield from llm.stream(messages, max_new_tokens=max_new_tokens)
        return
    limit = time.monotonic() + timeout_s if timeout_s and timeout_s > 0 else float("inf")
    limit = min(limit, deadline if deadline is not None else float("inf"))
    cancel = threading.Event()
    # one piece in hand at most: the model does not run ahead of the caller, which checks each
    # sentence as it completes and closes the stream early when it has what it needs
    pieces: queue.Queue = queue.Queue(maxsize=1)

    def put(item) -> bool:
        while not cancel.is_set():
            try:
                pieces.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    # a backend without ``cancel`` (older plug-ins, some test doubles) is abandoned at the deadline instead
    extra = {"cancel": cancel} if _takes_cancel(llm.stream) else {}

    def run() -> None:
        try:
            for piece in llm.stream(messages, max_new_tokens=max_new_tokens, **extra):
                if not put(piece):
                    break
        except BaseException as exc:   # noqa: BLE001 - handed to the caller's thread
            put(exc)
        finally:
            put(_DONE)

    worker = threading.Thread(target=run, name="llm-deadline", daemon=True)
    worker.start()
    try:
        while True:
            try:
                item = pieces.get(timeout=max(0.0, limit - time.monotonic()))
            except queue.Empty:
                waited = timeout_s if timeout_s and timeout_s > 0 else 0.0
                raise LLMTimeout(f"the LLM did not finish within {waited:g} s (llm.timeout_s)"
                                 if waited else "the LLM did not finish before the turn's deadline") from None
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        cancel.set()                         # a no-op when it finished; stops it otherwise
        worker.join(timeout=CANCEL_GRACE_S)  # a backend that ignores cancel is left to end on its own
