"""xgboost tree ensembles evaluated in numpy, so serving a ranker needs no xgboost import.

Why: ``import xgboost`` pulls in scikit-learn and costs seconds on the 2-core reference
machine — the largest single item of a cold ``shopguide ask`` once the embedder and
the catalog structures were fast. Scoring 100 candidates with 150 depth-3 trees is a
few hundred numpy operations, so the saved model's JSON is read into flat arrays and
walked here. Training still uses xgboost.

Only plain ``gbtree`` models with one output and numerical splits are read (what
``retrieval.ranking.training`` trains); anything else raises ``ValueError`` and the
caller keeps xgboost. Semantics follow xgboost: features are compared as float32,
``x < split`` goes left, a missing value (NaN) follows ``default_left``, and the score
is ``base_score`` plus the sum of the reached leaves (the raw margin, which is what
``inplace_predict`` returns for ranking objectives).
``tests/test_ranker.py`` checks equality with xgboost's own predictions.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

import numpy as np


class TreeEnsemble:
    """A booster's trees as arrays; ``inplace_predict`` and ``save_raw`` as xgboost's ``Booster``."""

    def __init__(self, model: Mapping[str, Any]) -> None:
        self.model = model
        learner = model["learner"]
        booster = learner["gradient_booster"]
        if booster.get("name") != "gbtree":
            raise ValueError(f"unsupported booster {booster.get('name')!r}")
        params = learner["learner_model_param"]
        if int(params.get("num_class", 0)) > 1 or int(params.get("num_target", 1)) != 1:
            raise ValueError("only single-output models are supported")
        self.base_score = np.float32(float(str(params["base_score"]).strip("[]")))
        self.num_feature = int(params["num_feature"])
        trees = booster["model"]["trees"]
        if any(t.get("categories_nodes") for t in trees) or any(any(t.get("split_type", [])) for t in trees):
            raise ValueError("categorical splits are not supported")
        if any(int(t["tree_param"].get("size_leaf_vector", 1)) > 1 for t in trees):
            raise ValueError("vector leaves are not supported")
        # all trees in one flat node table: offsets make child indices global
        sizes = [len(t["left_children"]) for t in trees]
        offsets = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
        self.roots = offsets
        left = [np.asarray(t["left_children"], dtype=np.int64) for t in trees]
        right = [np.asarray(t["right_children"], dtype=np.int64) for t in trees]
        self.leaf = np.concatenate([lc == -1 for lc in left]) if trees else np.zeros(0, bool)
        self.left = np.concatenate([np.where(lc == -1, 0, lc + o) for lc, o in zip(left, offsets)]) if trees else left
        self.right = np.concatenate([np.where(rc == -1, 0, rc + o) for rc, o in zip(right, offsets)]) if trees else right
        self.feature = np.concatenate([np.asarray(t["split_indices"], dtype=np.int64) for t in trees]) if trees else []
        self.split = np.concatenate([np.asarray(t["split_conditions"], dtype=np.float32) for t in trees]) if trees else []
        self.default_left = np.concatenate([np.asarray(t["default_left"], dtype=bool) for t in trees]) if trees else []
        self.depth = max((self._depth(t) for t in trees), default=0)

    @staticmethod
    def _depth(tree: Mapping[str, Any]) -> int:
        left, right = tree["left_children"], tree["right_children"]
        depth, level = 0, [0]
        while level:
            level = [c for n in level for c in (left[n], right[n]) if c != -1]
            depth += 1 if level else 0
        return depth

    def inplace_predict(self, matrix: np.ndarray) -> np.ndarray:
        x = np.asarray(matrix, dtype=np.float32)
        if x.ndim != 2 or x.shape[1] != self.num_feature:
            raise ValueError(f"expected a (rows, {self.num_feature}) matrix, got {x.shape}")
        rows = np.arange(len(x))[:, None]
        node = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        for _ in range(self.depth):
            inner = ~self.leaf[node]
            if not inner.any():
                break
            value = x[rows, self.feature[node]]
            go_left = np.where(np.isnan(value), self.default_left[node], value < self.split[node])
            node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)
        leaves = self.split[node]          # a leaf's split_conditions entry is its value
        return (leaves.sum(axis=1, dtype=np.float32) + self.base_score).astype(np.float32)

    def save_raw(self, raw_format: str = "json") -> bytes:
        if raw_format != "json":
            raise ValueError("only the JSON format is kept")
        return json.dumps(self.model).encode("utf-8")
