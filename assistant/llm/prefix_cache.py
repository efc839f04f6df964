"""Reuse of a prompt's prefill: the attention key/value states of recent prompts, by token prefix.

On a CPU the prompt's prefill is most of a guide turn (one forward pass over ~500
tokens before the first new token). Consecutive prompts share long prefixes:

- every guide prompt starts with the same system text and worked example (~250 tokens);
- the retry after a failed first sentence is the first prompt *plus* the draft and the
  problem (``prompts/guide_fix.yaml``), so all of the first prompt is a prefix of it.

``PrefixCache`` keeps the states of the last few generations (prompt and generated
tokens) with the token ids they hold. ``take(ids)`` hands out the entry sharing the
longest prefix with ``ids``, cut back to that prefix, so the model computes only the
rest. The entry is *taken* (generation extends it in place) and ``put`` back, holding
the new prompt and its output, when the generation ends.

    cache = PrefixCache(entries=2)
    states, reused = cache.take(ids)          # (None, 0) when nothing shares ≥ min_tokens
    … generate with ``states`` (a fresh cache if None), which processes ids[reused:] …
    cache.put(ids_now_in_states, states)

The states object only needs ``get_seq_length()`` and ``crop(-n)`` (transformers'
``DynamicCache``; ``crop`` with a negative count removes that many tokens from the end
in transformers 4.x and 5.x alike). Not thread-safe: the model's generation lock guards it.
"""

from __future__ import annotations

from typing import Any, Sequence


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """Length of the longest common prefix of two token sequences.

    >>> common_prefix([1, 2, 3, 4], [1, 2, 5])
    2
    """
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


class PrefixCache:
    """The key/value states of the last ``entries`` generations, reused by shared token prefix."""

    def __init__(self, entries: int = 2, min_tokens: int = 16) -> None:
        if entries < 0 or min_tokens < 1:
            raise ValueError("entries must be >= 0 and min_tokens >= 1")
        self.entries = entries
        self.min_tokens = min_tokens
        self._items: list[tuple[list[int], Any]] = []   # most recent last

    def __len__(self) -> int:
        return len(self._items)

    def take(self, ids: Sequence[int]) -> tuple[Any | None, int]:
        """(states cut to the longest shared prefix, its length), or ``(None, 0)``.

        At least one token of ``ids`` is always left to compute: the model needs the last
        prompt token's output to choose the first new token.
        """
        best, best_len = -1, 0
        for i, (key, _) in enumerate(self._items):
            n = min(common_prefix(key, ids), len(ids) - 1)
            if n > best_len:
                best, best_len = i, n
        if best < 0 or best_len < self.min_tokens:
            return None, 0
        _, states = self._items.pop(best)
        extra = states.get_seq_length() - best_len
        if extra > 0:
            states.crop(-extra)
        return states, best_len

    def put(self, ids: Sequence[int], states: Any) -> None:
        """Keep ``states`` holding exactly ``ids`` (the oldest entry goes when full)."""
        if self.entries == 0:
            return
        held = states.get_seq_length()
        if held > len(ids):
            raise ValueError(f"the states hold {held} tokens but only {len(ids)} ids were given")
        self._items.append((list(ids[:held]), states))
        del self._items[: -self.entries]

    def clear(self) -> None:
        self._items.clear()
