"""Keyword search (BM25 via ``bm25s``), persisted beside the vector store.

Rebuilt from the product table after every ingest that changes it — tokenising 20k
products takes about a second, far below embedding cost — so it is always in sync
with the catalog. Filtering uses a boolean mask over documents, so hard constraints
apply before the top-k cut and never starve the result.

Tokens come from ``retrieval.text.segment.keyword_tokens``: English text exactly as
``bm25s.tokenize`` makes it, Chinese segmented by the index's ``segmenter`` ("bigram"
or "jieba"), saved with the index so a query is always cut the way the documents were.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Sequence

import numpy as np

from retrieval.text.segment import DEFAULT_SEGMENTER, check_segmenter, keyword_tokens


def _bm25s():
    try:
        import bm25s
    except ImportError as exc:  # pragma: no cover - install hint
        raise ImportError("bm25s is not installed; run scripts/setup.sh or `pip install bm25s`") from exc
    # bm25s sets its own logger to DEBUG on import, which prints through any root handler
    logger = logging.getLogger("bm25s")
    if logger.level == logging.DEBUG:
        logger.setLevel(logging.WARNING)
    return bm25s


class KeywordIndex:
    """BM25 over product texts; ``ids[i]`` is the product id of document ``i``."""

    def __init__(self, segmenter: str = DEFAULT_SEGMENTER) -> None:
        self.segmenter = check_segmenter(segmenter)
        self.ids: list[str] = []
        self._position: dict[str, int] = {}
        self._model = None

    def __len__(self) -> int:
        return len(self.ids)

    def build(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        bm25s = _bm25s()
        self.ids = list(ids)
        self._position = {pid: i for i, pid in enumerate(self.ids)}
        if not self.ids:
            self._model = None
            return
        tokens = [keyword_tokens(text, self.segmenter) for text in texts]
        model = bm25s.BM25()
        model.index(tokens, show_progress=False)
        self._model = model

    def position(self, pid: str) -> int | None:
        return self._position.get(pid)

    def search(self, text: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top ``k`` (id, score) with score > 0; ``mask[i]`` False hides document ``i``."""
        if self._model is None or not text.strip():
            return []
        tokens = [t for t in keyword_tokens(text, self.segmenter) if t in self._model.vocab_dict]
        if not tokens:
            return []
        return self._top_k(self._model.get_scores(tokens), min(k, len(self.ids)), mask)

    def _top_k(self, scores: np.ndarray, k: int, mask: np.ndarray | None) -> list[tuple[str, float]]:
        """The ``k`` best allowed documents with a positive score, best first, ties by document order.

        Why not ``bm25s``'s ``retrieve``: it runs ``argpartition`` twice over *every*
        document's score, and most scores are 0, a degenerate input for introselect — at
        200k products 13 ms per call, the largest item of a search (profile in
        docs/benchmarks.md). Only documents with a positive score can be returned
        anyway, so the selection runs over those few; the scores are bm25s's own
        (``get_scores``), so the hits and their scores are the same, and ties are broken
        by document order instead of arbitrarily.
        """
        hit = scores > 0
        if mask is not None:
            hit &= mask
        rows = np.flatnonzero(hit)
        if k <= 0 or not len(rows):
            return []
        values = scores[rows]
        if len(rows) > k:   # keep every row tied with the k-th score, so the tie-break below decides
            kth = np.partition(values, len(values) - k)[len(values) - k]
            rows, values = rows[values >= kth], values[values >= kth]
        order = np.lexsort((rows, -values))[:k]
        return [(self.ids[int(d)], float(v)) for d, v in zip(rows[order], values[order])]


    def save(self, path: Path, stamp: str = "") -> None:
        """Write to a temporary folder, then swap it in: a reader never sees half an index.

        ``stamp`` (the catalog generation it was built from) is saved with it; see ``stamp_of``.
        """
        tmp = path.with_name(path.name + ".tmp")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        if self._model is not None:
            self._model.save(str(tmp), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps(self.ids))
        (tmp / "generation.txt").write_text(stamp)
        (tmp / "segmenter.txt").write_text(self.segmenter)
        if path.exists():
            shutil.rmtree(path)
        tmp.rename(path)

    @staticmethod
    def stamp_of(path: Path) -> str | None:
        """The stamp saved with the index at ``path``, or None when there is none."""
        try:
            return (path / "generation.txt").read_text()
        except OSError:
            return None

    @staticmethod
    def segmenter_of(path: Path) -> str:
        """The segmenter the index at ``path`` was built with (indexes from before it was saved: bigram,
        which cuts English text exactly as they did)."""
        try:
            return (path / "segmenter.txt").read_text().strip() or DEFAULT_SEGMENTER
        except OSError:
            return DEFAULT_SEGMENTER

    @classmethod
    def load(cls, path: Path) -> "KeywordIndex":
        index = cls(cls.segmenter_of(path))
        ids_file = path / "ids.json"
        if not ids_file.exists():
            return index
        index.ids = json.loads(ids_file.read_text())
        index._position = {pid: i for i, pid in enumerate(index.ids)}
        if index.ids:
            index._model = _bm25s().BM25.load(str(path), show_progress=False)
        return index
