"""The Chinese demo catalog: a word table (data) over the English generator, and `shopguide index --lang zh`."""

from __future__ import annotations

import json
import re

import pytest

from retrieval.demo.catalog import generate_catalog
from retrieval.demo.translate import load_table, missing_words, translate_catalog

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def english():
    return generate_catalog(seed=7, n=1600)


@pytest.fixture(scope="module")
def chinese(english):
    return translate_catalog(english, "zh")


def test_the_table_covers_every_word_the_generator_produces(english):
    assert missing_words(english, "zh") == {}


def test_same_products_ids_prices_and_attribute_keys(english, chinese):
    assert [p["id"] for p in chinese] == [p["id"] for p in english]
    for en, zh in zip(english, chinese):
        assert (zh["price"], zh["brand"], zh["rating"], zh["stock"]) == (en["price"], en["brand"], en["rating"], en["stock"])
        assert list(zh["attributes"]) == list(en["attributes"])
        assert CJK.search(zh["title"]) and CJK.search(zh["description"]) and CJK.search(zh["category"])
        assert zh["category"].count(">") == en["category"].count(">")


def test_values_come_from_the_table(english, chinese):
    table = load_table("zh")
    for en, zh in zip(english[:200], chinese[:200]):
        assert zh["attributes"]["colour"] == table["colours"][en["attributes"]["colour"]]
        assert zh["attributes"]["features"] == [table["features"][f] for f in en["attributes"]["features"]]
        # a description names its own features and no other feature of the table
        own = set(zh["attributes"]["features"])
        listed = [w for w in table["features"].values() if len(w) >= 3 and w in zh["description"]]
        assert all(any(w in o or o in w for o in own) or w in zh["title"] or w in zh["attributes"]["material"]
                   for w in listed), (zh["description"], own)


def test_translation_is_deterministic(english):
    assert translate_catalog(english[:50], "zh") == translate_catalog(english[:50], "zh")


def test_index_lang_zh_builds_the_chinese_variant(tmp_path, capsys):
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder
    from ui.cli import main

    home = tmp_path / "home"
    args = ["--data-dir", str(home), "--embedder", "fake", "--llm", "fake"]
    assert main([*args, "index", "--lang", "zh", "-n", "160", "--skip-llm", "--no-progress"]) == 0
    assert (home / "demo" / "catalog-7-160-zh.jsonl").exists()
    index = CatalogIndex(home / "index", FakeEmbedder())
    products = index.products
    english = {p["id"]: p for p in generate_catalog(seed=7, n=160)}
    assert set(products) == set(english)                       # judgments map by id
    assert all(CJK.search(p.title) for p in products.values())
    hits = index.keyword.search("保温杯", k=3)
    assert hits and all("Insulated Tumbler" in english[pid]["title"] for pid, _ in hits[:1])
    assert "水杯茶具" in index.vocabulary()["categories"]
    # back to English: the same data directory, the English catalog replaces the Chinese one
    assert main([*args, "index", "-n", "160", "--skip-llm", "--no-progress"]) == 0
    index = CatalogIndex(home / "index", FakeEmbedder())
    assert not any(CJK.search(p.title) for p in index.products.values())


def test_index_lang_unknown_is_a_clear_error(tmp_path, capsys):
    from ui.cli import main

    code = main(["--data-dir", str(tmp_path / "h"), "--embedder", "fake", "--llm", "fake", "index", "--lang", "xx"])
    assert code == 2 and "--lang 'xx'" in capsys.readouterr().err


def test_write_catalog_cli_lang(tmp_path):
    from retrieval.demo.catalog import write_catalog

    out = tmp_path / "zh.jsonl"
    assert write_catalog(out, seed=7, n=40, lang="zh") == 40
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(CJK.search(r["title"]) for r in rows)


def test_shoppers_in_either_language_reach_the_chinese_catalogs_categories(chinese):
    from assistant.guide.honesty import CatalogLexicon
    from assistant.portrait.extract_zh import read_turn
    from assistant.portrait.vocabulary import Vocabulary
    from retrieval.catalog.product import Product

    products = [Product.from_dict(p) for p in chinese]
    base = {"brands": sorted({p.brand for p in products}),
            "categories": sorted({lv.strip() for p in products for lv in p.category.split(">")}),
            "colours": sorted({p.attributes["colour"] for p in products}),
            "features": sorted({f for p in products for f in p.attributes["features"]})}
    vocab = Vocabulary.from_products(products, base)
    cases = {"我想给妈妈买一个300元以下的保温杯": "水杯茶具", "insulated mug": "水杯茶具",   # gloss → catalog noun
             "羊毛袜": "袜子", "哑铃": "力量训练", "充电宝": "充电器充电宝",           # Chinese title nouns
             "a waterproof jacket under $150": "夹克", "降噪耳机": "耳机"}
    for text, category in cases.items():
        assert read_turn(text.lower(), vocab).categories == [category], text
    facts = read_turn("a waterproof jacket", vocab)
    assert facts.wanted == ["防水"]                                   # English feature word → the catalog's value
    lexicon = CatalogLexicon.from_products(products)
    assert lexicon.unknown_product_words("an insulated mug for my mum") == []   # not "the shop doesn't carry mug"
    assert lexicon.unknown_product_words("a kayak") == ["kayak"]
