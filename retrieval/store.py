"""Vector store seam and its Chroma implementation (embedded or ``chroma run`` server).

Chroma holds one vector per product plus flat metadata for ``where`` filters (price,
normalised brand, category levels, stock). The product record itself lives in the
index's product table; Chroma is only asked "which ids, how similar".
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol, Sequence, runtime_checkable

import numpy as np

from retrieval.product import Product
from retrieval.query import norm

COLLECTION = "products"


@runtime_checkable
class VectorStore(Protocol):
    """Stores vectors by product id and answers filtered nearest-neighbour queries."""

    def upsert(self, ids: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]) -> None: ...

    def delete(self, ids: Sequence[str]) -> None: ...

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]: ...

    def count(self) -> int: ...

    def ids(self) -> set[str]: ...


def product_metadata(product: Product) -> dict[str, Any]:
    """Flat, filterable metadata for one product (what ``Query.chroma_where`` refers to)."""
    levels = [norm(level) for level in product.category.split(">") if level.strip()]
    meta: dict[str, Any] = {
        "pid": product.id,
        "price": float(product.price) if product.price is not None else -1.0,
        "brand": norm(product.brand),
        "in_stock": bool(product.in_stock),
    }
    for i in range(3):
        meta[f"cat{i}"] = levels[i] if i < len(levels) else ""
    return meta


class ChromaStore:
    """Chroma collection; ``path`` for the embedded PersistentClient, or ``host``/``port``."""

    def __init__(self, path: str | Path | None = None, host: str | None = None, port: int = 8000,
                 collection: str = COLLECTION) -> None:
        if path is None and host is None:
            raise ValueError("ChromaStore needs a path (embedded) or a host (server)")
        self.path = Path(path) if path is not None else None
        self.host = host
        self.port = port
        self.collection_name = collection
        self._collection = None
        self._lock = threading.Lock()

    @property
    def collection(self):
        if self._collection is None:
            with self._lock:
                if self._collection is None:
                    self._collection = self._connect()
        return self._collection

    def _connect(self):
        try:
            import chromadb
            from chromadb.config import Settings
        except ImportError as exc:  # pragma: no cover - install hint
            raise ImportError("chromadb is not installed; run scripts/setup.sh or `pip install chromadb`") from exc
        settings = Settings(anonymized_telemetry=False, allow_reset=False)
        if self.host is not None:
            client = chromadb.HttpClient(host=self.host, port=self.port, settings=settings)
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(self.path), settings=settings)
        return client.get_or_create_collection(self.collection_name, metadata={"hnsw:space": "cosine"})

    def upsert(self, ids, vectors, metadatas) -> None:
        if len(ids) == 0:
            return
        self.collection.upsert(ids=list(ids), embeddings=np.asarray(vectors, dtype=np.float32), metadatas=list(metadatas))

    def delete(self, ids) -> None:
        ids = list(ids)
        for start in range(0, len(ids), 5000):
            self.collection.delete(ids=ids[start:start + 5000])

    def query(self, vector, k, where=None):
        n = self.count()
        if n == 0:
            return []
        result = self.collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=min(k, n),
            where=where, include=["distances"],
        )
        ids = result["ids"][0]
        distances = result["distances"][0]
        return [(pid, 1.0 - float(d)) for pid, d in zip(ids, distances)]

    def count(self) -> int:
        return int(self.collection.count())

    def ids(self) -> set[str]:
        out: set[str] = set()
        total = self.count()
        for offset in range(0, total, 5000):
            out.update(self.collection.get(include=[], limit=5000, offset=offset)["ids"])
        return out


class MemoryStore:
    """Exact in-memory store: a reference implementation for the contract tests."""

    def __init__(self) -> None:
        self._vectors: dict[str, np.ndarray] = {}
        self._meta: dict[str, dict[str, Any]] = {}

    def upsert(self, ids, vectors, metadatas) -> None:
        for pid, vec, meta in zip(ids, vectors, metadatas):
            self._vectors[pid] = np.asarray(vec, dtype=np.float32)
            self._meta[pid] = dict(meta)

    def delete(self, ids) -> None:
        for pid in ids:
            self._vectors.pop(pid, None)
            self._meta.pop(pid, None)

    def query(self, vector, k, where=None):
        hits = [
            (pid, float(np.dot(vec, vector)))
            for pid, vec in self._vectors.items()
            if where is None or matches_where(self._meta[pid], where)
        ]
        hits.sort(key=lambda h: (-h[1], h[0]))
        return hits[:k]

    def count(self) -> int:
        return len(self._vectors)

    def ids(self) -> set[str]:
        return set(self._vectors)


def matches_where(meta: dict[str, Any], where: dict[str, Any]) -> bool:
    """Evaluate the subset of Chroma's ``where`` language that ``Query`` produces."""
    if "$and" in where:
        return all(matches_where(meta, w) for w in where["$and"])
    if "$or" in where:
        return any(matches_where(meta, w) for w in where["$or"])
    (key, cond), = where.items()
    value = meta.get(key)
    (op, arg), = cond.items() if isinstance(cond, dict) else (("$eq", cond),)
    if op == "$eq":
        return value == arg
    if op == "$ne":
        return value != arg
    if op == "$lte":
        return value is not None and value <= arg
    if op == "$gte":
        return value is not None and value >= arg
    if op == "$lt":
        return value is not None and value < arg
    if op == "$gt":
        return value is not None and value > arg
    if op == "$in":
        return value in arg
    if op == "$nin":
        return value not in arg
    raise ValueError(f"unsupported where operator {op}")
