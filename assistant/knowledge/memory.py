"""Questions already judged against the shop's knowledge: answered by it, or not (``memory.json``).

Neither similarity to a passage nor word coverage separates a question the policy does not
cover from one it does ("can you ship to a PO box?" shares its words and its meaning with the
Shipping section; docs/customer_service_agent.md, sessions 6-7). What does separate them is
what was asked before: customers ask the same uncovered things again and again (PO boxes,
store pick-up, customs, the courier's name), and a question whose nearest judged question
is one the knowledge did not answer is most likely not answered either.

``QuestionMemory`` holds the texts of judged questions — ``answered`` (a passage answers
them) and ``unanswered`` (a person must) — the embedder and the knowledge they were judged
against, and a similarity ``threshold``. A policy answer is replaced by "I don't have that
information" + hand-off when the message's nearest judged question is an unanswered one at
``threshold`` or more. Judgements hold for one knowledge only: the memory records the
knowledge's fingerprint (its passage ids), and with other knowledge — another shop, or the
demo policy edited — or another embedder, ``QuestionMemory.load`` returns ``None`` and the
rules decide alone. ``python -m eval.train_memory`` builds it from the tuning splits of the
customer-service suite (judged against the demo policy) and chooses the threshold leaving
one split out.

>>> m = QuestionMemory(["do you ship to canada"], ["can i pick it up in a store"], "fake", "k", 0.6)
>>> m.nearest([[1.0, 0.0], [0.0, 1.0]], [0.1, 0.9])
(True, 0.9939, 'can i pick it up in a store')
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

log = logging.getLogger(__name__)

MEMORY_FILE = "memory.json"


def fingerprint(passage_ids: Iterable[str]) -> str:
    """The knowledge a judgement holds for: its passage ids (document, section, text), order-free."""
    return hashlib.sha1("\n".join(sorted(passage_ids)).encode()).hexdigest()[:16]


@dataclass
class QuestionMemory:
    answered: list[str]
    unanswered: list[str]
    embedder: str                    # ``Embedder.name`` the threshold was chosen for
    knowledge: str                   # ``fingerprint`` of the knowledge the questions were judged against
    threshold: float                 # the nearest unanswered question must be at least this similar
    meta: dict | None = None
    # ... and at most this much less similar than the nearest answered one (0: it must be the nearest judged question)
    margin: float = 0.0
    _vectors: np.ndarray | None = field(default=None, init=False, repr=False)

    def embed_with(self, embed: Callable[[Sequence[str]], Sequence[Sequence[float]]]) -> None:
        """Embed the judged questions (once) with the knowledge index's embedder."""
        if self._vectors is None:
            self._vectors = _unit(embed(self.answered + self.unanswered))

    def nearest(self, vectors: Sequence[Sequence[float]] | None, vector: Sequence[float]) -> tuple[bool, float, str]:
        """(the nearest judged question is an unanswered one, its similarity, its text); ``vectors``: the
        judged questions' embeddings in ``answered + unanswered`` order (default: ``embed_with``'s)."""
        matrix = self._vectors if vectors is None else _unit(vectors)
        sims = matrix @ _unit([vector])[0]
        i = int(sims.argmax())
        texts = self.answered + self.unanswered
        return i >= len(self.answered), round(float(sims[i]), 4), texts[i]

    def uncovered(self, vector: Sequence[float]) -> tuple[bool, float, str]:
        """Whether the nearest *unanswered* judged question is at least ``threshold`` similar and within ``margin``
        of the nearest answered one; its similarity and text. With ``margin`` 0 this is "the nearest judged
        question is an unanswered one at ``threshold``"; a margin lets an unanswered question that is nearly as
        close as an answered one speak ("does my refund include the shipping i paid" is 0.67 from an unanswered
        question and 0.71 from an answered one about a different sentence of the same section)."""
        if self._vectors is None:
            raise ValueError("embed_with first")
        sims = self._vectors @ _unit([vector])[0]
        n = len(self.answered)
        best_answered = float(sims[:n].max()) if n else -1.0
        if len(sims) == n:
            return False, round(best_answered, 4), self.answered[int(sims.argmax())] if n else ""
        j = n + int(sims[n:].argmax())
        unanswered = float(sims[j])
        hit = unanswered >= self.threshold and (unanswered > best_answered or
                                                (self.margin > 0 and unanswered >= best_answered - self.margin))
        return hit, round(unanswered, 4), self.unanswered[j - n]

    def to_json(self) -> dict:
        return {"embedder": self.embedder, "knowledge": self.knowledge, "threshold": self.threshold,
                "margin": self.margin, "meta": self.meta or {}, "answered": self.answered, "unanswered": self.unanswered}

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), indent=0, ensure_ascii=False) + "\n")

    @classmethod
    def from_json(cls, data: dict) -> "QuestionMemory":
        return cls(list(data["answered"]), list(data["unanswered"]), data["embedder"], data["knowledge"],
                   float(data["threshold"]), data.get("meta"), float(data.get("margin", 0.0)))

    @classmethod
    def load(cls, embedder_name: str, knowledge: str, path: str | Path | None = None) -> "QuestionMemory | None":
        """The shipped (or given) memory when it was judged with ``embedder_name`` against ``knowledge``."""
        return load_fitted(cls, MEMORY_FILE, embedder_name, knowledge, path, "question memory")


def load_fitted(cls, file: str, embedder_name: str, knowledge: str, path: str | Path | None, what: str):
    """``cls.from_json`` of ``path`` (else the package's ``file``) when it was fitted with ``embedder_name`` on the
    passages ``knowledge`` fingerprints; None when the file is missing or was fitted to something else (the rules
    alone decide then). Shared by the question memory and the quote chooser."""
    try:
        text = (Path(path).read_text() if path else resources.files("assistant.knowledge").joinpath(file).read_text())
    except FileNotFoundError:
        return None
    fitted = cls.from_json(json.loads(text))
    if fitted.embedder != embedder_name or fitted.knowledge != knowledge:
        log.info("%s fitted to other knowledge or another embedder: rules only", what)
        return None
    return fitted


def _unit(vectors) -> np.ndarray:
    m = np.asarray(vectors, dtype=float)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms == 0, 1.0, norms)
