"""A BERT sentence encoder in plain numpy, for query-time embedding without torch.

Why: a one-shot ``shopguide ask`` needs exactly one query vector, but importing
sentence-transformers (torch, transformers) costs 8 s on the 2-core reference machine
— most of a cold start. MiniLM-L6 is small (6 layers, 384 wide): one short query
through this forward pass takes a few milliseconds, and loading it needs only
``tokenizers`` and ``safetensors`` (well under a second). The arithmetic is the same
as the torch model's in float32, so its vectors match sentence-transformers' to about
1e-6 (``tests/test_numpy_bert.py`` checks this against the real model), and an index
built by sentence-transformers is searched with them unchanged.

Only what MiniLM-style sentence-transformers models use is supported: a BERT encoder
with absolute positions, mean pooling, optional L2 normalisation. ``supports(path)``
says whether a model directory fits; otherwise callers keep sentence-transformers.

Usage (``tests/test_numpy_bert.py`` runs it against sentence-transformers)::

    enc = NumpyBertEncoder.load(path)
    enc.encode(["gaming mouse"]).shape      # (1, 384)
"""

from __future__ import annotations

import contextlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

_WEIGHTS = "model.safetensors"


def supports(path: str | Path) -> bool:
    """True when ``path`` holds a BERT sentence-transformers model with mean pooling."""
    path = Path(path)
    try:
        config = json.loads((path / "config.json").read_text())
        pooling = json.loads((path / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError):
        return False
    return (
        config.get("model_type") == "bert"
        and config.get("hidden_act") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and bool(pooling.get("pooling_mode_mean_tokens"))
        and not any(pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens",
                                             "pooling_mode_mean_sqrt_len_tokens"))
        and (path / _WEIGHTS).exists()
        and (path / "tokenizer.json").exists()
    )


@lru_cache(maxsize=1)
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - optional: only slower on a busy machine
        return None
    return ThreadpoolController()


def _one_blas_thread():
    """One BLAS thread for the forward pass.

    Its matrices are tiny (a query is ~10 tokens), so a second BLAS thread only adds
    synchronisation — and on a loaded 2-core machine that synchronisation made one
    query take 1–2 s instead of ~0.1 s (measured; see docs/benchmarks.md).
    """
    controller = _blas_controller()
    return controller.limit(limits=1, user_api="blas") if controller is not None else contextlib.nullcontext()


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7, below float32 noise here)."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.float32(np.sqrt(2.0))))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class NumpyBertEncoder:
    """Tokenizer + BERT forward + mean pooling (+ L2 normalisation), float32 numpy."""

    def __init__(self, weights: dict[str, np.ndarray], config: dict, tokenizer, normalize: bool = True) -> None:
        self.w = weights
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.tokenizer = tokenizer
        self.normalize = normalize
        self.dim = int(config["hidden_size"])

    @classmethod
    def load(cls, path: str | Path) -> "NumpyBertEncoder":
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = Path(path)
        config = json.loads((path / "config.json").read_text())
        max_len = 512
        st_config = path / "sentence_bert_config.json"
        if st_config.exists():
            max_len = int(json.loads(st_config.read_text()).get("max_seq_length", max_len))
        tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=max_len)
        tokenizer.enable_padding(pad_id=int(config.get("pad_token_id", 0)))
        weights = {k.removeprefix("bert."): v.astype(np.float32, copy=False)
                   for k, v in load_file(str(path / _WEIGHTS)).items()}
        normalize = False
        modules = path / "modules.json"
        if modules.exists():
            normalize = any(m.get("type", "").endswith("Normalize") for m in json.loads(modules.read_text()))
        return cls(weights, config, tokenizer, normalize=normalize)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """``len(texts) × dim`` float32 sentence vectors."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in batch], dtype=np.int64)
        types = np.array([e.type_ids for e in batch], dtype=np.int64)
        mask = np.array([e.attention_mask for e in batch], dtype=np.float32)
        with _one_blas_thread():
            hidden = self._forward(ids, types, mask)
        pooled = (hidden * mask[..., None]).sum(1) / np.clip(mask.sum(1, keepdims=True), 1e-9, None)
        if self.normalize:
            pooled = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled.astype(np.float32, copy=False)

    def _forward(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w, eps = self.w, self.eps
        n, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][np.arange(length)][None]
             + w["embeddings.token_type_embeddings.weight"][types])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
        head_dim = x.shape[-1] // self.heads
        # padded keys get -inf-like scores, exactly as BERT's extended attention mask
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(head_dim))
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def dense(h: np.ndarray, name: str) -> np.ndarray:
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def split(h: np.ndarray) -> np.ndarray:
                return h.reshape(n, length, self.heads, head_dim).transpose(0, 2, 1, 3)

            q = split(dense(x, "attention.self.query"))
            k = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, -1)
            x = _layer_norm(dense(context, "attention.output.dense") + x,
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], eps)
            inner = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(dense(inner, "output.dense") + x,
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], eps)
        return x
