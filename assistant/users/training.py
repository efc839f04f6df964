"""Train the collaborative model from all users' events (``shopguide ranker train --from-feedback``).

Time-based selection: the candidates (co-occurrence, ALS) are fitted on events before the
90th percentile of event time and scored on each user's first positive event after it
(HR@10 over all items, the user's earlier items excluded); the winner is refitted on
everything and saved with that evidence in its metadata. No event after the split
point is seen by the models being compared.
"""

from __future__ import annotations

import time
from typing import Any, Mapping, Sequence

import numpy as np

from assistant.users.profile import EVENT_WEIGHT
from assistant.users.store import UserEvent
from retrieval.ranking.collaborative import Interaction, category_popularity, fit_model, save_model

KINDS = ("cooccurrence", "als")


def interactions(events: Sequence[UserEvent]) -> list[Interaction]:
    return [Interaction(e.user_id, e.product_id, EVENT_WEIGHT[e.event], e.ts)
            for e in events if EVENT_WEIGHT.get(e.event, 0.0) > 0]


def next_item_hit_rate(model, inter: Sequence[Interaction], split: float, k: int = 10) -> tuple[float, int]:
    history: dict[str, dict[str, float]] = {}
    targets: dict[str, str] = {}
    for i in inter:
        if i.ts < split:
            history.setdefault(i.user_id, {})[i.item_id] = history.get(i.user_id, {}).get(i.item_id, 0.0) + i.weight
        elif i.user_id in history and i.user_id not in targets and i.item_id not in history[i.user_id]:
            targets[i.user_id] = i.item_id
    items = list(model.items)
    hits = 0
    for user, target in targets.items():
        scores = np.nan_to_num(model.score(history[user], items), nan=-np.inf)
        for seen in history[user]:
            if seen in model._index:
                scores[model._index[seen]] = -np.inf
        top = np.argsort(-scores)[:k]
        hits += int(target in {items[j] for j in top})
    return (hits / len(targets) if targets else float("nan")), len(targets)


def train_collaborative(events: Sequence[UserEvent], category_of: Mapping[str, str], path,
                        kinds: Sequence[str] = KINDS) -> dict[str, Any]:
    inter = interactions(events)
    if len({i.user_id for i in inter}) < 2:
        raise ValueError("need positive events (click, cart, purchase, thumbs up) from at least two users")
    split = float(np.quantile([i.ts for i in inter], 0.9))
    scores = {kind: next_item_hit_rate(fit_model(kind, inter, until=split), inter, split) for kind in kinds}
    usable = {k: v for k, v in scores.items() if not np.isnan(v[0])}
    kind = max(usable, key=lambda k: usable[k][0]) if usable else kinds[0]
    model = fit_model(kind, inter)
    meta = {"trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "kind": kind,
            "interactions": len(inter), "users": len({i.user_id for i in inter}),
            "validation_hr@10": {k: {"hr@10": v[0], "users": v[1]} for k, v in scores.items()},
            "split_ts": split, "category_popularity": category_popularity(inter, category_of)}
    save_model(model, path, meta)
    return {k: v for k, v in meta.items() if k != "category_popularity"}
