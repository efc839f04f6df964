"""A learned shop-or-product gate over the message's embedding (``shop_gate.json``).

The routing rules (``assistant.turns.CodeWrittenTurns._is_service_turn``) send a search-like turn to
the product path unless its words say "the shop". A shop question that names a product in passing
("the mug came cracked inside the box. what now", "once u get the blender back how long till the
refund hits my card") then gets products, not its policy answer or hand-off. This binary logistic
regression over the message's normalised embedding (the catalog index's embedder) gives P(shop);
the chat asks it only after the rules said no to a search-like turn, and routes the turn to the
service at or above ``threshold``.

Trained by ``python -m eval.train_shop_gate`` (assistant must not import eval): the service
questions of the tuning splits of ``eval/suites/customer_service*.jsonl`` are shop, the user turns
of the portrait, dialogue and pets suites are product (their gold ``shop_question`` turns shop).
The threshold is the lowest at which no product message moved out of fold (``meta`` holds the
folds' counts). Stored with the name of the embedder it was trained for: with another embedder
``ShopGate.load`` returns ``None`` and the rules decide alone. ``[service] shop_gate`` switches it.

>>> g = ShopGate(["shop"], [[4.0, 0.0]], [0.0], "fake", 0.9)
>>> round(g.proba([1.0, 0.0]), 3), g.is_shop([1.0, 0.0]), g.is_shop([0.0, 1.0])
(0.982, True, False)
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from assistant.learned import LinearModel

GATE_FILE = "shop_gate.json"


class ShopGate(LinearModel):
    """One logistic model (``classes == ["shop"]``) over the normalised embedding."""

    PACKAGE = "assistant.knowledge"
    FILE = GATE_FILE
    DIGITS = 5

    def proba(self, vector: Sequence[float]) -> float:
        """P(the message is a question to the shop rather than about products)."""
        v = np.asarray(vector, dtype=float)
        norm = np.linalg.norm(v)
        v = v / norm if norm else v
        if v.shape[0] != self._w.shape[1]:
            raise ValueError(f"shop gate expects {self._w.shape[1]} dimensions, got {v.shape[0]}")
        return float(1.0 / (1.0 + np.exp(-(self._w[0] @ v + self._b[0]))))

    def is_shop(self, vector: Sequence[float]) -> bool:
        """``proba`` reaches ``threshold``."""
        return self.proba(vector) >= self.threshold
