"""The LLM seam: chat messages in, text (whole or streamed) out.

Every backend — local transformers, an OpenAI-compatible server, the fake — implements
``ChatModel`` and passes the same contract tests (``tests/llm_contract.py``).

Cancellation: both methods take an optional ``cancel`` event. When another thread sets
it, the backend stops generating (a stopping criterion, a closed HTTP stream), frees
whatever it holds (the model lock) and returns what it produced so far. A caller with a
deadline sets the event instead of walking away from a generation that would otherwise
keep the model busy after nobody waits for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from threading import Event
from typing import Iterator, Protocol, Sequence, runtime_checkable


class Role(str, Enum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    content: str

    def to_dict(self) -> dict[str, str]:
        return {"role": self.role.value, "content": self.content}

    def __repr__(self) -> str:
        return f"ChatMessage({self.role.value}, {self.content[:40]!r})"


def system(text: str) -> ChatMessage:
    return ChatMessage(Role.SYSTEM, text)


def user(text: str) -> ChatMessage:
    return ChatMessage(Role.USER, text)


@runtime_checkable
class ChatModel(Protocol):
    """Generates an assistant message. ``stream`` yields text pieces whose join equals
    what ``generate`` would return for the same input (greedy decoding). A set ``cancel``
    ends the call early with the text produced so far (see the module docstring)."""

    name: str

    def generate(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160,
                 cancel: Event | None = None) -> str: ...

    def stream(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160,
               cancel: Event | None = None) -> Iterator[str]: ...
