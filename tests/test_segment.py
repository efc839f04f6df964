"""Chinese keyword segmentation (bigram and jieba) and a Chinese catalog through BM25 and the index."""

from __future__ import annotations

import pytest

from retrieval.text.segment import SEGMENTERS, check_segmenter, keyword_tokens


def test_english_text_is_cut_exactly_as_bm25s_cuts_it():
    bm25s = pytest.importorskip("bm25s")
    texts = ["The Nordvik Ridgeline Waterproof Rain Jacket – Red | 2-person tent, 20,000 mm",
             "it's a USB-C wall charger (65 W) for the laptop", ""]
    expected = bm25s.tokenize(texts, stopwords="en", show_progress=False, return_ids=False)
    for segmenter in SEGMENTERS:
        assert [keyword_tokens(t, segmenter) for t in texts] == expected


def test_bigrams_cover_every_adjacent_pair_of_a_chinese_run():
    assert keyword_tokens("不锈钢保温杯", "bigram") == ["不锈", "锈钢", "钢保", "保温", "温杯"]
    assert keyword_tokens("杯", "bigram") == ["杯"]                      # a lone character stays itself
    # Latin words around and inside Chinese text keep their English form
    assert keyword_tokens("想要一个 Waterproof 的 jacket", "bigram") == ["想要", "要一", "waterproof", "jacket"]  # 一个: stop word


def test_jieba_finds_words_and_the_words_inside_them():
    tokens = keyword_tokens("不锈钢保温杯", "jieba")
    assert "保温杯" in tokens and "不锈钢" in tokens
    assert "保温" in tokens                     # search mode: the shorter word inside a long one


def test_chinese_stop_words_are_dropped():
    assert "的" not in keyword_tokens("红色的 杯子", "jieba")
    assert keyword_tokens("我 的", "bigram") == []


def test_unknown_segmenter_is_a_clear_error():
    with pytest.raises(ValueError, match="bigram, jieba"):
        check_segmenter("spaces")


def _zh_products():
    from retrieval.catalog.product import Product

    rows = [
        ("ZH-1", "Larkfield Cove 不锈钢保温杯 500毫升", "家居厨房 > 水杯茶具", "双层真空，保温十二小时，适合通勤。",
         {"colour": "红色", "material": "不锈钢", "features": ["保温", "防漏"]}),
        ("ZH-2", "Nordvik Ridgeline 防水冲锋衣", "户外徒步 > 夹克", "轻量防水面料，适合徒步与登山。",
         {"colour": "蓝色", "material": "尼龙", "features": ["防水", "防风"]}),
        ("ZH-3", "Auralis Halo 头戴式降噪耳机", "数码电子 > 耳机", "主动降噪，续航三十小时。",
         {"colour": "黑色", "material": "塑料", "features": ["降噪", "蓝牙"]}),
        ("ZH-4", "Pacera Tempo 公路跑鞋", "鞋靴 > 跑步鞋", "缓震回弹中底，透气网面。",
         {"colour": "白色", "material": "网面", "features": ["缓震", "透气"]}),
    ]
    return [Product.from_dict({"id": i, "title": t, "category": c, "description": d, "brand": t.split()[0],
                               "price": 30.0 + n * 40, "currency": "USD", "attributes": a})
            for n, (i, t, c, d, a) in enumerate(rows)]


@pytest.mark.parametrize("segmenter", SEGMENTERS)
def test_keyword_index_finds_chinese_products_by_chinese_words(segmenter):
    from retrieval.index.keyword import KeywordIndex

    products = _zh_products()
    index = KeywordIndex(segmenter)
    index.build([p.id for p in products], [p.search_text() for p in products])
    assert index.search("保温杯", k=2)[0][0] == "ZH-1"
    assert index.search("我想要一件防水的冲锋衣", k=2)[0][0] == "ZH-2"
    assert index.search("降噪耳机", k=2)[0][0] == "ZH-3"
    assert index.search("跑鞋", k=2)[0][0] == "ZH-4"
    assert index.search("Auralis", k=2)[0][0] == "ZH-3"          # a Latin brand inside Chinese text


@pytest.mark.parametrize("segmenter", SEGMENTERS)
def test_chinese_catalog_ingests_saves_and_retrieves(tmp_path, segmenter):
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.keyword import KeywordIndex
    from retrieval.index.store import MemoryStore
    from retrieval.query import Query
    from retrieval.search import HybridRetriever

    index = CatalogIndex(tmp_path / "index", FakeEmbedder(), store=MemoryStore(), segmenter=segmenter)
    report = index.ingest(_zh_products())
    assert report.added == 4
    assert KeywordIndex.segmenter_of(tmp_path / "index" / "bm25") == segmenter
    vocabulary = index.vocabulary()                      # the catalog's own words, Chinese as written
    assert "水杯茶具" in vocabulary["categories"] and "红色" in vocabulary["colours"]
    assert "防水" in vocabulary["features"]
    result = HybridRetriever(index).search(Query(text="保温杯", k=2, max_price=60), methods=("bm25",))
    assert result.products and result.products[0].id == "ZH-1"
    # reopened from disk: the saved segmenter is used for the query
    again = CatalogIndex(tmp_path / "index", FakeEmbedder(), store=index.store, segmenter=segmenter)
    assert again.keyword.search("冲锋衣", k=1)[0][0] == "ZH-2"


def test_changing_the_segmenter_rebuilds_the_keyword_index(tmp_path):
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.keyword import KeywordIndex
    from retrieval.index.store import MemoryStore

    store = MemoryStore()
    CatalogIndex(tmp_path / "index", FakeEmbedder(), store=store, segmenter="bigram").ingest(_zh_products())
    jieba_index = CatalogIndex(tmp_path / "index", FakeEmbedder(), store=store, segmenter="jieba")
    assert jieba_index.keyword.segmenter == "jieba"
    assert KeywordIndex.segmenter_of(tmp_path / "index" / "bm25") == "jieba"


@pytest.mark.slow
def test_chinese_catalog_with_the_real_embedder(tmp_path):
    """MiniLM vectors plus bigram BM25: a Chinese query finds the Chinese product (BM25 carries it)."""
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import make_embedder
    from retrieval.query import Query
    from retrieval.search import HybridRetriever

    index = CatalogIndex(tmp_path / "index", make_embedder("minilm"))
    index.ingest(_zh_products())
    retriever = HybridRetriever(index, min_results=1)
    for text, expected in (("保温杯", "ZH-1"), ("防水冲锋衣", "ZH-2"), ("降噪耳机", "ZH-3")):
        assert retriever.search(Query(text=text, k=2)).products[0].id == expected, text
