"""The interpreter seam: ``interpret(text, context) -> Interpretation``.

Implementations — the rules (default), the LLM with a JSON schema, hybrid, and the
deterministic fake — all pass one contract suite (``tests/understanding_contract.py``).
The context is everything a message can refer to: the portrait so far, the products
shown on the previous turn (in order: "the second one" is ``shown[1]``), and the
catalog vocabulary that names brands, categories and attribute values.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Iterable, Protocol, Sequence, runtime_checkable

from assistant.portrait.model import Portrait
from assistant.portrait.vocabulary import Vocabulary
from assistant.understanding.acts import Act, ActType, Interpretation
from retrieval.catalog.product import Product


@dataclass
class Context:
    """What one message is read against. Cheap to build per turn."""

    portrait: Portrait = field(default_factory=Portrait)
    shown: Sequence[Product] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    turn: int = 0
    names: Any = None          # ``ProductNames`` of the catalog: products named in a message (optional)
    values: Any = None         # ``CatalogValues``: every attribute value → its keys (optional)
    history: tuple[str, ...] = ()   # the shopper's earlier messages, oldest first (a few are enough)

    @property
    def has_list(self) -> bool:
        return bool(self.shown)

    @property
    def previous(self) -> str:
        """The shopper's message before this one ("and the other one?" repeats its question)."""
        return self.history[-1] if self.history else ""


@runtime_checkable
class Interpreter(Protocol):
    """Turns one message into typed acts. Never raises on odd text: unknown → ``search``."""

    name: str

    def interpret(self, text: str, context: Context) -> Interpretation: ...


class FakeInterpreter:
    """Queued interpretations for unit tests, then a plain ``search``.

    >>> fake = FakeInterpreter([[Act(ActType.GREETING)]])
    >>> fake.interpret("hi", Context()).types == {ActType.GREETING}
    True
    >>> [a.type.value for a in fake.interpret("tents", Context()).acts]
    ['search']
    """

    name = "fake"

    def __init__(self, queued: Iterable[Sequence[Act]] = ()) -> None:
        self._queue: deque[list[Act]] = deque(list(q) for q in queued)
        self.calls: list[tuple[str, Any]] = []

    def enqueue(self, *acts: Act) -> None:
        self._queue.append(list(acts))

    def interpret(self, text: str, context: Context) -> Interpretation:
        self.calls.append((text, context))
        acts = self._queue.popleft() if self._queue else []
        return Interpretation(acts or [Act(ActType.SEARCH)], source="fake")
