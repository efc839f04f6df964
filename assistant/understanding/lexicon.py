"""Phrases the catalog never uses, mapped to catalog values with the embedder.

"he likes cooking" names no catalog word, but "cooking" sits next to the category
"Cookware"; "dark colours" next to the colour "black". ``PhraseMap`` embeds the
catalog's categories and attribute values once (cached per value list) and maps a
phrase to the group of values clearly nearest to it — or to nothing.

"Clearly nearest" (measured with all-MiniLM-L6-v2 on the demo catalog): the top
similarity is at least ``floor`` (0.5), the accepted group is every value within
``group`` (0.03) of the top, and the next value is at least ``gap`` (0.04) below the
group. Examples: "cooking" → Cookware (0.68, next 0.55); "camping" → Tents (0.71);
"music" → Speakers (0.58, next 0.51); "science and space" → nothing (top 0.29);
"bright colours" → yellow, blue, red (0.62/0.61/0.60, next 0.54) — the embedder does
not really know "bright", and blue is the proof: these are soft preferences only.

>>> import numpy as np
>>> table = {"cooking": [1, 0, 0], "Cookware": [0.9, 0.1, 0], "Tents": [0, 1, 0], "Yoga": [0, 0, 1]}
>>> embed = lambda texts: np.array([table[t] for t in texts], dtype=float)
>>> PhraseMap(embed).nearest("cooking", ["Cookware", "Tents", "Yoga"])
['Cookware']
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

Embed = Callable[[Sequence[str]], np.ndarray]


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


class PhraseMap:
    """Nearest catalog values of a phrase, by cosine similarity; value embeddings cached."""

    def __init__(self, embed: Embed, floor: float = 0.5, group: float = 0.03, gap: float = 0.04) -> None:
        self.embed = embed
        self.floor, self.group, self.gap = floor, group, gap
        self._cache: dict[tuple[str, ...], np.ndarray] = {}

    def _values(self, values: Sequence[str]) -> np.ndarray:
        key = tuple(values)
        if key not in self._cache:
            self._cache[key] = _unit(np.asarray(self.embed(list(values)), dtype=float))
        return self._cache[key]

    def nearest(self, phrase: str, values: Sequence[str]) -> list[str]:
        if not values or not phrase.strip():
            return []
        matrix = self._values(values)
        query = _unit(np.asarray(self.embed([phrase]), dtype=float))[0]
        sims = matrix @ query
        order = np.argsort(-sims)
        top = float(sims[order[0]])
        if top < self.floor:
            return []
        chosen = [i for i in order if sims[i] >= top - self.group]
        rest = [i for i in order if sims[i] < top - self.group]
        if rest and float(sims[chosen[-1]] - sims[rest[0]]) < self.gap:
            return []
        return [values[i] for i in chosen]
