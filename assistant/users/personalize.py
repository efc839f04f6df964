"""The assistant's personalization step: a known shopper's profile and collaborative signals per turn.

``Personalizer.turn(session_id)`` answers "who is this and what do we know?" once per
turn; the result (``PersonalTurn``) softens the query (liked brands, colours) and
re-orders the ranked list, and says why in the portrait JSON and on each card. An
anonymous session gets ``None`` and the turn is exactly what it was before.

The collaborative model (``$SHOPGUIDE_HOME/ranker/collaborative.npz``, trained by
``shopguide ranker train --from-feedback``) is optional: without it only the profile and
category popularity act. It is reloaded when the file changes.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from assistant.users.experiments import Experiment
from assistant.users.profile import UserProfile, build_profile, category_medians
from assistant.users.store import UserEvent, UserStore
from retrieval.catalog.product import Product
from retrieval.query import Query
from retrieval.ranking.personal import PersonalReranker, UserContext
from retrieval.search import Candidate

log = logging.getLogger(__name__)


@dataclass
class PersonalTurn:
    user_id: str
    profile: UserProfile
    context: UserContext
    variant: str = ""           # "experiment=variant" pairs, comma separated
    personalized: bool = True

    def apply(self, query: Query) -> Query:
        return self.profile.apply(query) if self.personalized else query

    def to_json(self) -> dict[str, Any]:
        data = self.profile.to_json()
        data.update(variant=self.variant, personalized=self.personalized)
        return data


class Personalizer:
    def __init__(self, users: UserStore, products: Callable[[], dict[str, Product]], model_path: Path | None = None,
                 half_life_days: float = 90.0, experiments: tuple[Experiment, ...] = ()) -> None:
        self.users = users
        self._products = products
        self.model_path = model_path
        self.half_life_days = half_life_days
        self.experiments = experiments
        self._medians: dict[str, float] | None = None
        self._model: tuple[float, Any] | None = None
        self._lock = threading.Lock()

    # -- per turn -----------------------------------------------------------------------------
    def turn(self, session_id: str, now: float | None = None) -> PersonalTurn | None:
        user_id = self.users.user_of(session_id)
        if user_id is None:
            return None
        now = time.time() if now is None else now
        products = self._products()
        events = self.users.events(user_id, until=now, skip_impressions=True)
        profile = build_profile(user_id, events, products.get, now=now,
                                half_life_days=self.half_life_days, edits=self.users.edits(user_id),
                                category_medians=self.medians)
        variants, personalized = [], True
        for exp in self.experiments:
            variant = self.users.assignment(user_id, exp.name)
            if variant is None:
                variant = exp.assign(user_id)
                self.users.record_assignment(user_id, exp.name, variant)
            variants.append(f"{exp.name}={variant}")
            personalized = personalized and exp.personalized(variant)
        ctx = UserContext(profile.history,
                          {f: {a.value: a.score for a in lst} for f, lst in profile.affinities.items()},
                          profile.price_level, self.medians)
        return PersonalTurn(user_id, profile, ctx, ",".join(variants), personalized)

    def rerank(self, turn: PersonalTurn | None, ranked: list[Candidate]) -> list[Candidate]:
        if turn is None or not turn.personalized:
            return ranked
        return self.reranker().rerank(turn.context, ranked)

    def record(self, turn: PersonalTurn | None, session_id: str, product_ids: list[str], event: str = "impression") -> None:
        """Log impressions (or an event) for a known shopper, tagged with the experiment variant."""
        if turn is None:
            return
        now = time.time()
        self.users.add_events([UserEvent(turn.user_id, pid, event, now + k * 1e-3, session_id, turn.variant)
                               for k, pid in enumerate(product_ids)])

    # -- shared state ----------------------------------------------------------------------------
    @property
    def medians(self) -> dict[str, float]:
        if self._medians is None:
            self._medians = category_medians(self._products().values())
        return self._medians

    def reranker(self) -> PersonalReranker:
        model, meta = self._collaborative()
        return PersonalReranker(model, (meta or {}).get("category_popularity"), (meta or {}).get("weights"))

    def _collaborative(self):
        if self.model_path is None or not self.model_path.exists():
            return None, None
        mtime = self.model_path.stat().st_mtime
        with self._lock:
            if self._model is None or self._model[0] != mtime:
                from retrieval.ranking.collaborative import load_model

                try:
                    self._model = (mtime, load_model(self.model_path))
                except (OSError, ValueError, KeyError) as exc:   # a bad file never takes a turn down
                    log.warning("ignoring the collaborative model %s (%s)", self.model_path, exc)
                    self._model = (mtime, None)
            model = self._model[1]
        return model, getattr(model, "metadata", None)


def with_profile_reason(why: str, personal: PersonalTurn | None, product) -> str:
    """Add the profile's reason ("because you bought the Alpenlite Corrie") to a card's why."""
    if personal is None or not personal.personalized:
        return why
    reasons = personal.profile.reasons(product)
    return f"{why}; {reasons[0]}" if why and reasons else (reasons[0] if reasons else why)
