"""Hard constraints as boolean masks over the BM25 documents.

The keyword retriever must see only allowed products *before* its top-k cut, or a
strict query ("under $50, waterproof") could come back empty although matching products
exist. ``ConstraintMasks`` holds one column per constraint (price, stock, brand,
category levels) and a searchable text of every product's filter document, all in BM25
document order, and turns a ``Query`` into one mask with the same meaning as the Chroma
``where``/``where_document`` filters and ``Query.violations``.

>>> masks = ConstraintMasks([Product(id="a", title="Red Pan", price=30.0), Product(id="b", title="Blue Pot")])
>>> masks.allowed(Query(text="pan", max_price=50, attributes_required=("red",))).tolist()
[True, False]
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from retrieval.catalog.product import Product
from retrieval.query import Query, norm
from retrieval.index.store import filter_document, product_metadata, term_needle

_CACHE_SIZE = 256


class ConstraintMasks:
    """Constraint columns for ``products`` (in BM25 document order). Immutable once built."""

    def __init__(self, products: Sequence[Product]) -> None:
        metas = [product_metadata(p) for p in products]
        self.ids = [p.id for p in products]
        self._position = {pid: i for i, pid in enumerate(self.ids)}
        self.price = np.array([m["price"] for m in metas], dtype=np.float64)
        self.in_stock = np.array([m["in_stock"] for m in metas], dtype=bool)
        self.brand = np.array([m["brand"] for m in metas], dtype=object)
        self.levels = [np.array([m[f"cat{i}"] for m in metas], dtype=object) for i in range(3)]
        docs = [filter_document(p) for p in products]
        # one newline-joined string: str.find over it is fast, and a fixed-width array of
        # 200k texts (numpy's str dtype) would take gigabytes
        lengths = np.fromiter((len(d) + 1 for d in docs), dtype=np.int64, count=len(docs))
        self._starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64) if docs else lengths
        self._text = "\n".join(docs)
        self._terms: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def allowed(self, query: Query) -> np.ndarray:
        """``mask[i]`` is True when product ``i`` satisfies every hard constraint of ``query``."""
        mask = np.ones(len(self), dtype=bool)
        if query.max_price is not None:
            mask &= (self.price >= 0) & (self.price <= query.max_price + 1e-9)
        if query.min_price is not None:
            mask &= (self.price >= 0) & (self.price >= query.min_price - 1e-9)
        if query.in_stock:
            mask &= self.in_stock
        if query.brands_include:
            mask &= np.isin(self.brand, [norm(b) for b in query.brands_include])
        if query.brands_exclude:
            mask &= ~np.isin(self.brand, [norm(b) for b in query.brands_exclude])
        if query.categories:
            wanted = [norm(c) for c in query.categories]
            in_category = np.zeros(len(self), dtype=bool)
            for level in self.levels:
                in_category |= np.isin(level, wanted)
            mask &= in_category
        for pid in query.exclude_ids:
            pos = self._position.get(pid)
            if pos is not None:
                mask[pos] = False
        for attr in query.attributes_required:
            if norm(attr):
                mask &= self.has_term(attr)
        for attr in query.attributes_excluded:
            if norm(attr):
                mask &= ~self.has_term(attr)
        return mask

    def has_term(self, attr: str) -> np.ndarray:
        """Which products contain the whole-word phrase ``attr`` (cached)."""
        needle = term_needle(attr)
        hits = self._terms.get(needle)
        if hits is None:
            hits = np.zeros(len(self), dtype=bool)
            positions = []
            pos = self._text.find(needle)
            while pos >= 0:
                positions.append(pos)
                pos = self._text.find(needle, pos + 1)
            if positions:
                hits[np.searchsorted(self._starts, np.array(positions), side="right") - 1] = True
            if len(self._terms) >= _CACHE_SIZE:
                self._terms.pop(next(iter(self._terms)))
            self._terms[needle] = hits
        return hits
