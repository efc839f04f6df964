"""The learned ranker: gradient-boosted trees (xgboost ``rank:ndcg``) over ``retrieval.ranking.features``.

A model file is one JSON document, versioned, that carries everything needed to use
it and to know where it came from::

    {"format": "shopguide-ranker", "version": 1,
     "features": ["dense_score", ...],          # the exact column order it was trained on
     "metadata": {"trained_at": ..., "judgments": ..., "queries": ..., "params": ...},
     "booster": {...}}                          # xgboost's own JSON model

``load_ranker(path)`` is what the assistant calls: a missing file means "no model yet"
(``None`` → fused retrieval order, silently); an unreadable or corrupt file is logged
as a warning and also falls back to fused order, so a bad file never takes the shop
down; a model that exists while xgboost cannot be imported falls back the same way
with a ``LearnedRankingUnavailable`` warning that says why (never silently); a model
trained on a different feature list raises ``FeatureMismatchError``, because silently
feeding columns in the wrong order would rank nonsense. ``ranker_status(path)`` says
in one line which of these applies (``shopguide ranker info``).

xgboost is imported lazily (``import retrieval.ranking.learned`` stays cheap).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import warnings
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from retrieval.ranking.features import FEATURES, candidate_features
from retrieval.ranking.trees import TreeEnsemble
from retrieval.query import Query
from retrieval.search import Candidate

log = logging.getLogger(__name__)

FORMAT = "shopguide-ranker"
VERSION = 1
POPULARITY_TTL_S = 60.0

PopularitySource = Callable[[], Mapping[str, float]]


class RankerModelError(ValueError):
    """A ranker model file cannot be used."""


class FeatureMismatchError(RankerModelError):
    """The model was trained on other features than this code computes: retrain it."""


class LearnedRankingUnavailable(UserWarning):
    """A ranker model exists but cannot be used here; ranking falls back to fused order."""


def import_xgboost():
    try:
        import xgboost
    except ImportError as exc:  # pragma: no cover - install hint
        raise ImportError("xgboost is not installed; run scripts/setup.sh or `pip install xgboost-cpu`") from exc
    return xgboost


class LearnedRanker:
    """Scores candidates with a trained booster; implements ``retrieval.ranking.base.Ranker``.

    Popularity from shopper feedback is optional: pass ``popularity=`` (product id →
    score) to ``rank``, set the ``popularity`` attribute, or set ``popularity_source``
    to a callable the ranker polls at most once a minute (the assistant wires it to
    its feedback log). Without any of these the feature is 0.
    """

    name = "learned"

    def __init__(self, booster: Any, features: Sequence[str] = FEATURES,
                 metadata: Mapping[str, Any] | None = None) -> None:
        self.booster = booster
        self.features = tuple(features)
        self.metadata = dict(metadata or {})
        self.popularity: Mapping[str, float] | None = None
        self.popularity_source: PopularitySource | None = None
        self._pop_cache: tuple[float, Mapping[str, float]] | None = None
        self._lock = threading.Lock()
        check_features(self.features, where="this model")

    def __repr__(self) -> str:
        return f"LearnedRanker({len(self.features)} features, trained_at={self.metadata.get('trained_at')!r})"

    # -- serving ----------------------------------------------------------------------------
    def rank(self, query: Query, candidates: list[Candidate],
             popularity: Mapping[str, float] | None = None) -> list[Candidate]:
        """Candidates best first, ``score`` set to the model's score; same set, never filtered."""
        if not candidates:
            return []
        scores = self.score(query, candidates, popularity)
        for cand, s in zip(candidates, scores):
            cand.score = float(s)
        return sorted(candidates, key=lambda c: (-c.score, c.fused_rank or 10**9, c.product.id))

    def score(self, query: Query, candidates: Sequence[Candidate],
              popularity: Mapping[str, float] | None = None) -> np.ndarray:
        matrix = candidate_features(query, candidates, popularity if popularity is not None else self._popularity())
        return self.predict(matrix)

    def predict(self, matrix: np.ndarray) -> np.ndarray:
        if len(matrix) == 0:
            return np.zeros(0, dtype=np.float32)
        return np.asarray(self.booster.inplace_predict(matrix), dtype=np.float32)

    def _popularity(self) -> Mapping[str, float] | None:
        if self.popularity is not None or self.popularity_source is None:
            return self.popularity
        now = time.monotonic()
        with self._lock:
            if self._pop_cache is None or now - self._pop_cache[0] > POPULARITY_TTL_S:
                try:
                    self._pop_cache = (now, dict(self.popularity_source()))
                except Exception as exc:  # feedback is a bonus signal: never fail a turn over it
                    log.warning("could not read shopper feedback for popularity (%s); ranking without it", exc)
                    self._pop_cache = (now, {})
            return self._pop_cache[1]

    # -- persistence ---------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        raw = self.booster.save_raw(raw_format="json")
        return {"format": FORMAT, "version": VERSION, "features": list(self.features),
                "metadata": self.metadata, "booster": json.loads(bytes(raw).decode("utf-8"))}

    def save(self, path: str | Path) -> Path:
        """Write the model atomically (temp file + rename), so readers never see half a file."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.to_dict()), encoding="utf-8")
        os.replace(tmp, path)
        return path

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "model") -> "LearnedRanker":
        """Rebuild a ranker; ``RankerModelError`` if malformed, ``FeatureMismatchError`` if stale."""
        if not isinstance(data, Mapping) or data.get("format") != FORMAT:
            raise RankerModelError(f"{source} is not a shopguide ranker model (no format {FORMAT!r})")
        if data.get("version") != VERSION:
            raise RankerModelError(
                f"{source} has model format version {data.get('version')!r}; this shopguide reads version "
                f"{VERSION}. Retrain it with `shopguide ranker train`."
            )
        features = data.get("features")
        if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
            raise RankerModelError(f"{source} has no feature list")
        check_features(tuple(features), where=source)
        booster_json = data.get("booster")
        if not isinstance(booster_json, Mapping):
            raise RankerModelError(f"{source} has no booster")
        try:
            # plain tree models are scored in numpy: serving never pays xgboost's import (seconds)
            return cls(TreeEnsemble(booster_json), features, data.get("metadata") or {})
        except (KeyError, TypeError, ValueError, IndexError):
            pass   # anything unusual: let xgboost read it (and explain what is wrong)
        booster = import_xgboost().Booster()
        try:
            booster.load_model(bytearray(json.dumps(booster_json).encode("utf-8")))
        except Exception as exc:
            raise RankerModelError(f"{source}: the booster cannot be loaded ({exc})") from None
        booster.set_param({"nthread": 1})  # one request, ~100 rows: threads only add overhead
        return cls(booster, features, data.get("metadata") or {})


def check_features(features: tuple[str, ...], where: str) -> None:
    if tuple(features) != FEATURES:
        missing = [f for f in FEATURES if f not in features]
        extra = [f for f in features if f not in FEATURES]
        detail = []
        if missing:
            detail.append(f"missing {', '.join(missing)}")
        if extra:
            detail.append(f"unknown {', '.join(extra)}")
        if not detail:
            detail.append("same features in another order")
        raise FeatureMismatchError(
            f"{where} was trained with a different feature list than this shopguide computes "
            f"({'; '.join(detail)}). Retrain it: `shopguide ranker train --judgments FILE` "
            "or `shopguide ranker ensure-default` for the demo catalog."
        )


def load_ranker(path: str | Path | None) -> LearnedRanker | None:
    """The model at ``path``; None (fused order) when missing, or corrupt (with a warning).

    Raises ``FeatureMismatchError`` when the file is a valid model for another feature list.
    """
    if path is None:
        return None
    path = Path(path)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LearnedRanker.from_dict(data, source=str(path))   # plain trees: numpy, no xgboost import
    except FeatureMismatchError:
        raise
    except ImportError as exc:   # a model the numpy scorer cannot read needs xgboost, and it is missing
        warnings.warn(LearnedRankingUnavailable(
            f"learned ranking is off: {path} needs xgboost ({exc}); ranking in fused retrieval order"), stacklevel=2)
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RankerModelError) as exc:
        log.warning("ignoring the ranker model %s (%s); using the fused retrieval order. "
                    "Retrain with `shopguide ranker train`.", path, exc)
        return None


def ranker_status(path: str | Path | None) -> tuple[bool, str]:
    """(usable, one line saying which model ranks, or why the fused order does instead)."""
    if path is None or not Path(path).exists():
        return False, f"no model at {path}: ranking in fused retrieval order (`shopguide ranker train` makes one)"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ranker = load_ranker(path)    # FeatureMismatchError propagates: the caller must not hide it
    if ranker is None:
        why = next((str(w.message) for w in caught if issubclass(w.category, LearnedRankingUnavailable)),
                   f"{path} is unreadable or corrupt; ranking in fused retrieval order")
        return False, f"learned ranking unavailable: {why}"
    return True, f"learned ranking with {path} ({len(ranker.features)} features)"
