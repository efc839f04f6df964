"""Vector store seam and its Chroma implementation (embedded or ``chroma run`` server).

Chroma holds one vector per product plus flat metadata for ``where`` filters (price,
normalised brand, category levels, stock) and a *filter document*: the product's words,
normalised exactly as ``Query.violations`` reads them, so "must be waterproof" is a
``where_document`` ``$contains " waterproof "`` filter with the same meaning as the code
re-check. The product record itself lives in the index's product table; Chroma is only
asked "which ids, how similar". ``MemoryStore`` is the exact reference implementation;
``tests/test_store_contract.py`` runs one suite against all of them.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any, Protocol, Sequence, runtime_checkable

import numpy as np

from retrieval.catalog.product import Product
from retrieval.query import norm, only_words, product_terms

COLLECTION = "products"


class StoreUnavailable(RuntimeError):
    """The Chroma server cannot be reached (stopped, killed, restarting); the next call tries again.

    ``retrieval`` knows nothing of the assistant's error tree: ``Assistant`` turns this
    into ``assistant.errors.SearchUnavailable`` (HTTP 503).
    """


@runtime_checkable
class VectorStore(Protocol):
    """Stores vectors by product id and answers filtered nearest-neighbour queries."""

    def upsert(self, ids: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]],
               documents: Sequence[str] | None = None) -> None: ...

    def delete(self, ids: Sequence[str]) -> None: ...

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None,
              where_document: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """Up to ``k`` (id, cosine similarity) best first, among entries matching both filters."""
        ...

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


def filter_document(product: Product) -> str:
    """The product's words as ``Query.violations`` sees them: " non stick frying pan … ".

    Lower-case, hyphens and punctuation turned to single spaces, padded with a space on
    both sides, so a whole-word phrase test is a plain substring test.
    """
    text = product_terms(product).replace("-", " ")
    return " " + " ".join(only_words(text).split()) + " "


def term_needle(attr: str) -> str:
    """The substring of ``filter_document`` that means "has the phrase ``attr``"."""
    return f" {norm(attr).replace('-', ' ')} "


class ChromaStore:
    """Chroma collection; ``path`` for the embedded PersistentClient, or ``host``/``port``.

    A filtered Chroma query costs time in proportion to the number of rows its filter
    *matches* (about 100 ms for a filter matching all of 20k products), so
    ``retrieval.search`` sends Chroma the narrow filters and post-filters broad ones.
    """

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

    @contextlib.contextmanager
    def _reachable(self):
        """Network failures of the server variant → ``StoreUnavailable`` (the HTTP client reconnects by itself)."""
        try:
            yield
        except Exception as exc:
            if self.host is None:
                raise
            import httpx

            # chromadb re-raises a refused connection at client creation as a ValueError
            chain = [exc, exc.__cause__, exc.__context__]
            if any(isinstance(e, (httpx.TransportError, ConnectionError)) for e in chain):
                raise StoreUnavailable(
                    f"catalog search unavailable: the Chroma server at {self.host}:{self.port} does not answer "
                    f"({type(exc).__name__}); start it again (`shopguide chroma-server` or `chroma run`), "
                    "requests recover by themselves once it is back") from None
            raise

    def _connect(self):
        try:
            import chromadb
            from chromadb.config import Settings
        except ImportError as exc:  # pragma: no cover - install hint
            raise ImportError("chromadb is not installed; run scripts/setup.sh or `pip install chromadb`") from exc
        settings = Settings(anonymized_telemetry=False, allow_reset=False)
        with self._reachable():
            if self.host is not None:
                client = chromadb.HttpClient(host=self.host, port=self.port, settings=settings)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=str(self.path), settings=settings)
            return client.get_or_create_collection(self.collection_name, metadata={"hnsw:space": "cosine"})

    def upsert(self, ids, vectors, metadatas, documents=None) -> None:
        if len(ids) == 0:
            return
        with self._reachable():
            self.collection.upsert(
                ids=list(ids), embeddings=np.asarray(vectors, dtype=np.float32), metadatas=list(metadatas),
                documents=list(documents) if documents is not None else None,
            )

    def delete(self, ids) -> None:
        ids = list(ids)
        for start in range(0, len(ids), 5000):
            with self._reachable():
                self.collection.delete(ids=ids[start:start + 5000])

    def query(self, vector, k, where=None, where_document=None):
        n = self.count()
        if n == 0 or k <= 0:
            return []
        return self._query(np.asarray(vector, dtype=np.float32), min(k, n), where, where_document)

    def _query(self, vector: np.ndarray, k: int, where=None, where_document=None) -> list[tuple[str, float]]:
        with self._reachable():
            result = self.collection.query(query_embeddings=[vector], n_results=k, where=where,
                                           where_document=where_document, include=["distances"])
        return [(pid, 1.0 - float(d)) for pid, d in zip(result["ids"][0], result["distances"][0])]

    def count(self) -> int:
        with self._reachable():
            return int(self.collection.count())

    def ids(self) -> set[str]:
        out: set[str] = set()
        total = self.count()
        for offset in range(0, total, 5000):
            with self._reachable():
                out.update(self.collection.get(include=[], limit=5000, offset=offset)["ids"])
        return out

    def vectors(self, ids: Sequence[str]) -> np.ndarray:
        """The stored vectors of ``ids``, in that order (for ``retrieval.index.vectors``)."""
        ids = list(ids)
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), 5000):
            with self._reachable():
                got = self.collection.get(ids=ids[start:start + 5000], include=["embeddings"])
            found.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32)))
        missing = [pid for pid in ids if pid not in found]
        if missing:
            raise KeyError(f"{len(missing)} products have no stored vector, e.g. {missing[:3]}")
        return np.stack([found[pid] for pid in ids]) if ids else np.zeros((0, 0), dtype=np.float32)


class MemoryStore:
    """Exact in-memory store: a reference implementation for the contract tests."""

    def __init__(self) -> None:
        self._vectors: dict[str, np.ndarray] = {}
        self._meta: dict[str, dict[str, Any]] = {}
        self._docs: dict[str, str] = {}

    def upsert(self, ids, vectors, metadatas, documents=None) -> None:
        docs = list(documents) if documents is not None else [None] * len(ids)
        for pid, vec, meta, doc in zip(ids, vectors, metadatas, docs):
            vec = np.asarray(vec, dtype=np.float32)
            norm_ = float(np.linalg.norm(vec))
            self._vectors[pid] = vec / norm_ if norm_ else vec
            self._meta[pid] = dict(meta)
            if doc is not None:
                self._docs[pid] = doc
            else:
                self._docs.pop(pid, None)

    def delete(self, ids) -> None:
        for pid in ids:
            self._vectors.pop(pid, None)
            self._meta.pop(pid, None)
            self._docs.pop(pid, None)

    def query(self, vector, k, where=None, where_document=None):
        vector = np.asarray(vector, dtype=np.float32)
        norm_ = float(np.linalg.norm(vector))
        vector = vector / norm_ if norm_ else vector
        hits = [
            (pid, float(np.dot(vec, vector)))
            for pid, vec in self._vectors.items()
            if (where is None or matches_where(self._meta[pid], where))
            and (where_document is None or matches_where_document(self._docs.get(pid), where_document))
        ]
        hits.sort(key=lambda h: (-h[1], h[0]))
        return hits[:k]

    def count(self) -> int:
        return len(self._vectors)

    def ids(self) -> set[str]:
        return set(self._vectors)

    def vectors(self, ids: Sequence[str]) -> np.ndarray:
        """The stored (normalised) vectors of ``ids``, in that order."""
        return np.stack([self._vectors[pid] for pid in ids]) if ids else np.zeros((0, 0), dtype=np.float32)


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
    if op == "$contains":  # metadata lists
        return isinstance(value, list) and arg in value
    if op == "$not_contains":
        return not (isinstance(value, list) and arg in value)
    raise ValueError(f"unsupported where operator {op}")


def matches_where_document(document: str | None, where: dict[str, Any]) -> bool:
    """Chroma's ``where_document``: ``$contains``/``$not_contains`` substrings, ``$and``/``$or``."""
    if "$and" in where:
        return all(matches_where_document(document, w) for w in where["$and"])
    if "$or" in where:
        return any(matches_where_document(document, w) for w in where["$or"])
    (op, arg), = where.items()
    if op == "$contains":
        return document is not None and arg in document
    if op == "$not_contains":
        return document is None or arg not in document
    raise ValueError(f"unsupported where_document operator {op}")


def query_where_document(attributes_required: Sequence[str], attributes_excluded: Sequence[str]) -> dict[str, Any] | None:
    """The ``where_document`` filter for a query's required/excluded attribute phrases."""
    clauses: list[dict[str, Any]] = [{"$contains": term_needle(a)} for a in attributes_required if norm(a)]
    clauses += [{"$not_contains": term_needle(a)} for a in attributes_excluded if norm(a)]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
