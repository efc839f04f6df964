"""``PrefixCache``: which cached prompt states a new prompt reuses, and how they are cut back."""

from __future__ import annotations

import pytest

from assistant.llm.prefix_cache import PrefixCache, common_prefix


class FakeStates:
    """Stands in for transformers' DynamicCache: a length that ``crop(-n)`` shortens."""

    def __init__(self, length: int) -> None:
        self.length = length
        self.crops: list[int] = []

    def get_seq_length(self) -> int:
        return self.length

    def crop(self, n: int) -> None:
        assert n < 0, "transformers 5 crops by a negative count"
        self.crops.append(n)
        self.length += n


SYSTEM = list(range(100, 140))             # 40 tokens every guide prompt starts with


def test_common_prefix():
    assert common_prefix([1, 2, 3], [1, 2, 3, 4]) == 3
    assert common_prefix([], [1]) == 0
    assert common_prefix([5, 2], [1, 2]) == 0


def test_nothing_cached_or_too_little_shared_gives_nothing():
    cache = PrefixCache(entries=2, min_tokens=16)
    assert cache.take(SYSTEM + [1, 2]) == (None, 0)
    cache.put(SYSTEM[:10] + [7] * 20, FakeStates(30))
    assert cache.take(SYSTEM + [1, 2]) == (None, 0)     # 10 shared tokens < 16
    assert len(cache) == 1                               # a refused entry stays


def test_the_retry_reuses_the_whole_first_prompt_and_the_draft():
    cache = PrefixCache()
    first = SYSTEM + [1, 2, 3]
    generated = [50, 51, 52, 53]
    states = FakeStates(len(first) + len(generated))
    cache.put(first + generated, states)
    retry = first + [50, 51, 9, 9, 9]                    # the draft's first tokens, then the problem
    got, reused = cache.take(retry)
    assert got is states and reused == len(first) + 2
    assert states.length == reused and states.crops == [-2]
    assert len(cache) == 0                               # taken: generation extends it in place


def test_the_longest_shared_prefix_wins():
    cache = PrefixCache(entries=3)
    short, long_ = FakeStates(45), FakeStates(60)
    cache.put(SYSTEM + [1] * 5, short)
    cache.put(SYSTEM + [2] * 20, long_)
    got, reused = cache.take(SYSTEM + [2] * 10 + [3])
    assert got is long_ and reused == 50


def test_at_least_one_prompt_token_is_left_to_compute():
    cache = PrefixCache()
    cache.put(SYSTEM + [1, 2, 3], FakeStates(43))
    got, reused = cache.take(SYSTEM + [1, 2, 3])         # the very same prompt again
    assert reused == 42 and got.length == 42


def test_put_keeps_the_most_recent_entries_and_checks_lengths():
    cache = PrefixCache(entries=2)
    for i in range(3):
        cache.put([i] * 20, FakeStates(20))
    assert len(cache) == 2
    assert cache.take([0] * 20 + [1]) == (None, 0)       # the oldest went
    assert cache.take([2] * 20 + [1])[1] == 20
    with pytest.raises(ValueError):
        cache.put([1, 2], FakeStates(5))
    off = PrefixCache(entries=0)
    off.put([1] * 30, FakeStates(30))
    assert len(off) == 0


def test_the_states_keep_only_the_ids_they_hold():
    cache = PrefixCache()
    cache.put(SYSTEM + [1, 2, 3, 4], FakeStates(42))     # generate's last token was never fed back
    got, reused = cache.take(SYSTEM + [1, 2, 3, 4, 5])
    assert reused == 42 and got.crops == []
