"""The ranking variants compared by ``eval.personalization`` and ``eval.abtest``: which personal features each uses.

Every score is z-scored within the candidate list, so weights are comparable across lists.
"""

from __future__ import annotations

import numpy as np

from retrieval.ranking.personal import CONTENT_FEATURES

ACTIVE = {"oracle": (), "base": (), "profile": CONTENT_FEATURES, "cf": ("cf", "category_popularity"),
          "both": (*CONTENT_FEATURES, "cf", "category_popularity")}


def variant_scores(variant: str, weights: dict[str, float], base: np.ndarray, base_profile: np.ndarray,
                   feats: dict[str, np.ndarray]) -> np.ndarray:
    b = base_profile if variant in ("profile", "both") else base
    return b + sum(weights.get(f, 0.0) * feats[f] for f in ACTIVE[variant])
