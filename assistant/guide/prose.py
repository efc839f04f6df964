"""The LLM's part of the guide, streamed one checked sentence at a time.

Nothing the model writes reaches the shopper before it passes the grounding check, yet
the shopper still sees text as it is generated: the model's tokens are buffered until a
sentence ends, the sentence is checked, and only then is it streamed on.

On the first sentence that fails:

- if no sentence has been shown yet, generation stops and the model is asked once more
  with the problem pointed out (``guide_fix`` prompt; ``retries=0`` skips this); if that
  attempt's first sentence fails too, a deterministic sentence built from the facts
  replaces the prose (``fallback=True``). With a local model the retry computes only the
  draft and the problem: the first prompt's prefill is reused (``assistant.llm.prefix_cache``);
- if earlier sentences were already shown (and are grounded), the failing sentence is
  dropped and the model goes on; a second failure ends the prose there.

So what was streamed is always exactly the final prose.

When the backend fails (an error, or no end within ``timeout_s`` — ``[llm] timeout_s``,
over both attempts) the prose stops there: with nothing shown yet the deterministic
sentence replaces it (``fallback=True``); sentences already shown stay. Either way
``fallback_reason`` says why (``llm_error`` | ``llm_timeout``; ``grounding`` when the
model's own text failed the check), and the turn goes on: the code-rendered facts
around the prose never needed the model.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from assistant.errors import LLMTimeout
from assistant.grounding.check import GroundingReport
from assistant.llm.base import ChatMessage, ChatModel
from assistant.llm.deadline import bounded_stream

log = logging.getLogger(__name__)
_END = re.compile(r"[.!?](?=\s)|\n")


@dataclass
class ProseResult:
    text: str = ""
    fallback: bool = False
    attempts: int = 0
    issues: list[str] = field(default_factory=list)
    dropped: int = 0                        # sentences cut after grounded ones
    first_llm_token_s: float | None = None  # perf_counter time of the model's first token
    fallback_reason: str | None = None      # grounding | llm_error | llm_timeout (None: the model's text kept whole)


class ProseWriter:
    """Runs the model for the guide prose with per-sentence grounding, one retry, then a fallback."""

    def __init__(self, llm: ChatModel, max_new_tokens: int = 80, max_sentences: int = 2, max_skips: int = 1,
                 timeout_s: float | None = None, retries: int = 1) -> None:
        if retries not in (0, 1):
            raise ValueError("retries must be 0 or 1")
        self.llm = llm
        self.retries = retries
        self.timeout_s = timeout_s
        self.max_new_tokens = max_new_tokens
        self.max_sentences = max_sentences
        self.max_skips = max_skips
        self.result = ProseResult()

    def stream(self, build: Callable[[str, str], Sequence[ChatMessage]], check: Callable[[str], GroundingReport],
               fallback: Callable[[], str]) -> Iterator[str]:
        """Yield checked sentences (with their separating spaces); ``self.result`` holds the outcome.

        ``build(problem, draft)`` makes the messages (``problem`` empty on the first try),
        ``check(sentence)`` grounds one sentence, ``fallback()`` is the deterministic text.
        """
        result = self.result = ProseResult()
        shown: list[str] = []
        problem = draft = ""
        broken: list[Exception] = []    # the backend's error, if it failed
        try:   # loading weights or a client is not generating: the deadline starts after it
            warm = getattr(self.llm, "warm_up", None)
            if warm is not None:
                warm()
        except Exception as exc:   # noqa: BLE001 - a backend that cannot load fails like one that errors
            broken.append(exc)
        deadline = time.monotonic() + self.timeout_s if self.timeout_s and self.timeout_s > 0 else None
        for attempt in range(1, self.retries + 2) if not broken else ():
            result.attempts = attempt
            failed: tuple[str, GroundingReport] | None = None
            buffer = ""
            pieces = _guarded(bounded_stream(self.llm, build(problem, draft), self.max_new_tokens, self.timeout_s,
                                             deadline=deadline), broken)
            try:
                for piece in pieces:
                    if result.first_llm_token_s is None:
                        result.first_llm_token_s = time.perf_counter()
                    buffer += piece
                    while len(shown) < self.max_sentences and (m := _END.search(buffer)):
                        sentence, buffer = buffer[: m.end()].strip(), buffer[m.end():]
                        if not sentence:
                            continue
                        report = check(sentence)
                        if not report.ok and shown and result.dropped < self.max_skips:
                            result.issues.extend(report.messages())
                            result.dropped += 1   # skip it; the next sentence may still be good
                            continue
                        if not report.ok:
                            failed = (sentence, report)
                            break
                        yield (" " if shown else "") + sentence
                        shown.append(sentence)
                    if failed or len(shown) >= self.max_sentences:
                        break
            finally:
                close = getattr(pieces, "close", None)
                if close:
                    close()   # stops generation early: no tokens are wasted on text we drop
            if broken:        # what the model left unfinished is unchecked: dropped
                break
            tail = buffer.strip()
            if not failed and tail and shown and len(shown) < self.max_sentences and tail[-1] in ".!?":
                # the model's last sentence, complete: kept if grounded, else dropped like any other
                if check(tail).ok:
                    yield " " + tail
                    shown.append(tail)
                else:
                    result.dropped += 1
                tail = ""
            if not failed and tail and len(shown) < self.max_sentences and not shown:
                # the model stopped (or hit the token limit) mid-sentence: keep it only if it is all we have
                report = check(tail)
                if report.ok:
                    tail = tail if tail[-1] in ".!?" else tail + "."
                    yield tail
                    shown.append(tail)
                else:
                    failed = (tail, report)
            elif not failed and tail and shown:
                result.dropped += 1   # an unfinished trailing sentence is not shown
            if failed:
                result.issues.extend(failed[1].messages())
                if shown:
                    result.dropped += 1
                    break
                problem, draft = "; ".join(failed[1].messages()), failed[0]
                continue
            if shown:
                break
            problem, draft = "the text was empty", ""
        if broken:
            result.fallback_reason = "llm_timeout" if isinstance(broken[0], LLMTimeout) else "llm_error"
            log.warning("guide prose: LLM %s (%s); answering with the catalog facts",
                        result.fallback_reason.removeprefix("llm_"), type(broken[0]).__name__)
        if not shown:
            text = fallback()
            result.fallback = True
            result.fallback_reason = result.fallback_reason or "grounding"
            yield text
            shown.append(text)
        result.text = " ".join(shown)


def _guarded(pieces: Iterator[str], errors: list[Exception]) -> Iterator[str]:
    """The backend's pieces; an error it raises ends them and is put in ``errors`` (not raised).

    Only the backend's own failures: an error in checking a sentence is a bug and propagates.
    """
    try:
        yield from pieces
    except Exception as exc:   # noqa: BLE001 - any backend failure: the guide goes on without the model
        errors.append(exc)
