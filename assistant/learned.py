"""Small linear models shipped as JSON inside a package: the service's learned router
(``assistant.knowledge.router``) and the act model (``assistant.understanding.act_model``).

Each is trained by a script in ``eval`` over a sentence embedding, stores the name of the
embedder it was trained for, and is used only with that embedder: ``load`` returns ``None``
otherwise, and the rules decide alone. Subclasses name their file (``PACKAGE``, ``FILE``)
and say what they compute from the weights.

>>> import tempfile, os
>>> m = LinearModel(["a", "b"], [[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0], "fake", 0.8)
>>> path = os.path.join(tempfile.mkdtemp(), "m.json"); m.save(path)
>>> LinearModel.load("fake", path).classes, LinearModel.load("other", path)
(['a', 'b'], None)
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import ClassVar, TypeVar

import numpy as np

log = logging.getLogger(__name__)

M = TypeVar("M", bound="LinearModel")


@dataclass
class LinearModel:
    classes: list[str]
    coef: list[list[float]]          # one row per class
    intercept: list[float]
    embedder: str                    # ``Embedder.name`` the weights were trained for
    threshold: float                 # act only at or above this probability
    meta: dict | None = None         # how it was trained (splits, sizes, regularisation)

    PACKAGE: ClassVar[str] = ""      # where the shipped weights live, and their file name
    FILE: ClassVar[str] = ""
    DIGITS: ClassVar[int] = 6        # rounding of the stored weights

    def __post_init__(self) -> None:
        self._w = np.asarray(self.coef, dtype=float)
        self._b = np.asarray(self.intercept, dtype=float)

    def to_json(self) -> dict:
        d = self.DIGITS
        return {"classes": self.classes, "coef": [[round(float(c), d) for c in row] for row in self._w],
                "intercept": [round(float(b), d) for b in self._b], "embedder": self.embedder,
                "threshold": self.threshold, "meta": self.meta or {}}

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json()) + "\n")

    @classmethod
    def from_json(cls: type[M], data: dict) -> M:
        return cls(list(data["classes"]), data["coef"], data["intercept"], data["embedder"],
                   float(data["threshold"]), data.get("meta"))

    @classmethod
    def load(cls: type[M], embedder_name: str, path: str | Path | None = None) -> M | None:
        """The shipped (or given) model if it was trained for ``embedder_name``; else ``None``."""
        try:
            text = Path(path).read_text() if path else resources.files(cls.PACKAGE).joinpath(cls.FILE).read_text()
        except FileNotFoundError:
            return None
        model = cls.from_json(json.loads(text))
        if model.embedder != embedder_name:
            log.info("%s trained for %s, not %s: rules only", cls.__name__, model.embedder, embedder_name)
            return None
        return model
