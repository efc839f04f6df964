"""A learned hand-off / answer / order decision over the question's embedding (``router.json``).

The phrase rules in ``intent.py`` decide most shop questions; this multinomial logistic
regression is a second opinion over the message's embedding (the knowledge index's
embedder) plus three cheap features: the best shop-knowledge passage's similarity, whether
an order number or e-mail address is present, and whether the rules saw a rule-changing
message. Groups: ``answer`` (a policy answer), ``handoff``, ``order`` (a look-up with a
number) and ``ask_order`` (ask for the number).

It is trained on the tuning splits of the customer-service suite by ``python -m
eval.train_router`` (assistant must not import eval), stored as plain JSON weights with the
name of the embedder it was trained for: with another embedder ``LearnedRouter.load``
returns ``None`` and the rules decide alone. ``CustomerService`` lets it override the
rules only when its probability reaches ``threshold`` (chosen inside the training folds).

>>> r = LearnedRouter(["answer", "handoff"], [[1.0, 0.0, 0.0, 0.0], [-1.0, 0.0, 0.0, 0.0]],
...                   [0.0, 0.0], "fake", 0.6)   # a 1-dimensional embedding, then the 3 extra features
>>> r.predict([1.0], score=0.0, has_order=False, injection=False)[0]
'answer'
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from assistant.learned import LinearModel


GROUPS = ("answer", "handoff", "order", "ask_order")
EXTRA = ("best_score", "has_order", "injection")
ROUTER_FILE = "router.json"


class LearnedRouter(LinearModel):
    """Softmax over GROUPS; ``coef`` rows: embedding dims, then EXTRA."""

    PACKAGE = "assistant.knowledge"
    FILE = ROUTER_FILE

    @staticmethod
    def features(vector: Sequence[float], score: float | None, has_order: bool, injection: bool) -> np.ndarray:
        v = np.asarray(vector, dtype=float)
        norm = np.linalg.norm(v)
        v = v / norm if norm else v
        return np.concatenate([v, [score or 0.0, float(has_order), float(injection)]])

    def proba(self, vector: Sequence[float], score: float | None, has_order: bool, injection: bool) -> np.ndarray:
        x = self.features(vector, score, has_order, injection)
        if x.shape[0] != self._w.shape[1]:
            raise ValueError(f"router expects {self._w.shape[1]} features, got {x.shape[0]}")
        z = self._w @ x + self._b
        z = np.exp(z - z.max())
        return z / z.sum()

    def predict(self, vector: Sequence[float], score: float | None, has_order: bool,
                injection: bool) -> tuple[str, float]:
        p = self.proba(vector, score, has_order, injection)
        i = int(p.argmax())
        return self.classes[i], float(p[i])


def fit(x: np.ndarray, y: Sequence[str], classes: Sequence[str] = GROUPS, l2: float = 1.0,
        steps: int = 400, lr: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression by full-batch gradient descent (numpy only), L2 on the weights.

    Returns ``(coef, intercept)``. Classes with no example keep a large negative intercept.
    """
    index = {c: i for i, c in enumerate(classes)}
    n, d = x.shape
    k = len(classes)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), [index[c] for c in y]] = 1.0
    w = np.zeros((k, d))
    b = np.zeros(k)
    present = onehot.sum(axis=0) > 0
    for _ in range(steps):
        z = x @ w.T + b
        z = np.exp(z - z.max(axis=1, keepdims=True))
        p = z / z.sum(axis=1, keepdims=True)
        g = (p - onehot) / n
        w -= lr * (g.T @ x + l2 / n * w)
        b -= lr * g.sum(axis=0)
    b[~present] = -30.0
    return w, b
