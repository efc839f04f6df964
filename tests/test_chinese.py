"""Chinese understanding: language detection, money, the zh tables, the Chinese reader."""

from __future__ import annotations

import pytest

from assistant.portrait.dialogue import apply_turn
from assistant.portrait.extract_zh import read_turn as extract_turn
from assistant.portrait.model import Portrait
from assistant.portrait.vocabulary import Vocabulary
from retrieval.text.detect import detect_language
from retrieval.text.lang import available, load
from retrieval.text.money_zh import chinese_to_int, extract_budget_zh

VOCAB = Vocabulary(categories=["Drinkware", "Jackets", "Running Shoes"],
                   brands=["Nike", "Alpenlite"], features=["waterproof", "insulated"], colours=["red", "black"],
                   category_terms={"mug": "Drinkware"})


def test_zh_folder_has_every_english_file():
    from importlib import resources

    root = resources.files("retrieval.text.lang")
    en = {p.name for p in root.joinpath("en").iterdir()}
    zh = {p.name for p in root.joinpath("zh").iterdir()}
    assert "zh" in available() and en <= zh
    assert load("zh").recipients["mother"][0] == "妈妈"


@pytest.mark.parametrize("text,expected", [
    ("a waterproof jacket", "en"), ("保温杯", "zh"), ("想要一个 waterproof 的 jacket", "zh"),
    ("Xiaomi 的", "en"), ("", "en"),
])
def test_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text,lo,hi,currency", [
    ("300元以下", None, 300, "CNY"),
    ("不超过两百块", None, 200, "CNY"),
    ("预算500", None, 500, "CNY"),
    ("100到200美元之间", 100, 200, "USD"),
    ("1千元以上", 1000, None, "CNY"),
    ("¥300以内", None, 300, "CNY"),
    ("五百块左右", None, 600, "CNY"),     # around: 20% slack, as in English
    ("至少50欧元", 50, None, "EUR"),
])
def test_budget_zh(text, lo, hi, currency):
    b = extract_budget_zh(text)
    assert (b.min, b.max, b.currency) == (lo, hi, currency)


@pytest.mark.parametrize("text", ["买3个杯子", "第二个", "要2双袜子"])
def test_counts_are_not_money(text):
    assert extract_budget_zh(text) is None


def test_chinese_numbers():
    assert [chinese_to_int(s) for s in ("三百", "两千五", "一万", "十", "二十五")] == [300, 2500, 10000, 10, 25]


def test_thermos_message():
    p = Portrait()
    apply_turn(p, "我想给妈妈买一个300元以下的保温杯", 0, VOCAB)
    assert p.category == "Drinkware" and p.category_explicit
    assert (p.budget_max, p.currency, p.recipient) == (300, "CNY", "mother")


def test_negation_and_exclusion():
    f = extract_turn("跑步鞋，不要红色的，除了Nike都可以", VOCAB)
    assert f.categories == ["Running Shoes"]
    assert f.unwanted == ["red"] and f.brands_excluded == ["Nike"]
    f = extract_turn("想要黑色的跑步鞋", VOCAB)
    assert f.wanted == ["black"] and not f.unwanted


def test_mixed_message():
    f = extract_turn("想要一个 waterproof 的 jacket", VOCAB)
    assert f.categories == ["Jackets"] and f.wanted == ["waterproof"]


@pytest.mark.parametrize("text,recipient,occasion", [
    ("给老婆的生日礼物", "wife", "birthday"),
    ("春节送同事", "colleague", "chinese new year"),
    ("中秋节给儿子买个礼物", "son", "mid-autumn festival"),
    ("母亲节的礼物", None, "mother's day"),
    ("不是给老婆的，给自己用", None, None),
])
def test_recipients_and_occasions(text, recipient, occasion):
    f = extract_turn(text, VOCAB)
    assert (f.recipient, f.occasion) == (recipient, occasion)


@pytest.mark.parametrize("text,reference,relation", [
    ("第二个便宜一点的", 2, "cheaper"),
    ("再便宜些", "that", "cheaper"),
    ("有没有贵一点的", "that", "pricier"),
    ("这个不错，我喜欢", None, None),
    ("我喜欢第三个", 3, "pick"),
    ("上一个", "that", None),
])
def test_references_and_comparatives(text, reference, relation):
    f = extract_turn(text, VOCAB)
    assert (f.reference, f.relation) == (reference, relation)


def test_english_is_untouched():
    f = extract_turn("a waterproof jacket under $150, no red", VOCAB)
    assert (f.budget.max, f.budget.currency, f.wanted, f.unwanted) == (150, "USD", ["waterproof"], ["red"])


def test_chinese_reply_is_code_rendered_in_chinese(tmp_path, fake_index):
    from assistant import Assistant
    from assistant.config import load_settings
    from assistant.llm import FakeChatModel
    from assistant.sessions import SessionStore

    settings = load_settings(home=tmp_path / "home", env={}, overrides={
        "llm.backend": "fake", "embedder": "fake", "understanding.llm": False, "currency.rates": {"CNY": 0.137}})
    llm = FakeChatModel()
    a = Assistant(settings, fake_index, llm, SessionStore(settings.sessions_db))
    reply = a.chat("想要防水的夹克，1000元以下")
    assert reply.text.startswith("**我的理解**：Jackets") and "¥1,000以下" in reply.text
    assert "我把¥1,000按约$137计算" in reply.text and "What I understood" not in reply.text
    matches = [s for s in reply.products if not s.violates]
    assert "**推荐**" in reply.text and matches and all(s.product.price <= 137 for s in matches)
    assert all(s.violates for s in reply.products if s.product.price > 137)   # shown only as alternatives
    english = a.chat("a waterproof jacket under $150")
    assert english.text.startswith("**What I understood:**")


def test_crosslingual_evaluator_can_fail(tmp_path):
    from eval.crosslingual import evaluate

    suite = tmp_path / "q.jsonl"
    suite.write_text('{"zh": "保温杯", "en": "insulated mug", "category": "Home > Drinkware"}\n'
                     '{"zh": "防水夹克", "en": "waterproof jacket", "category": "Home > Drinkware"}\n', encoding="utf-8")
    result = evaluate(VOCAB, suite)
    assert result["zh_category_accuracy"] == result["en_category_accuracy"] == 0.5
    assert result["zh_wrong_category_rate"] == 0.5          # Jackets set where Drinkware was meant


def test_cheaper_after_a_yuan_budget_is_bounded_in_catalog_currency(tmp_path, fake_index):
    from assistant import Assistant
    from assistant.config import load_settings
    from assistant.llm import FakeChatModel
    from assistant.sessions import SessionStore

    settings = load_settings(home=tmp_path / "home", env={}, overrides={
        "llm.backend": "fake", "embedder": "fake", "understanding.llm": False, "currency.rates": {"CNY": 0.137}})
    a = Assistant(settings, fake_index, FakeChatModel(), SessionStore(settings.sessions_db))
    first = a.chat("防水夹克，1500元以下", reply=False)
    cheapest = min(s.product.price for s in first.products if not s.violates)
    second = a.chat("再便宜些", session_id=first.session_id, reply=False)
    budget = second.portrait["budget"]
    # "cheaper" than $79.50 is $79.49 in dollars, not ¥79.49 (about $11)
    assert (budget["max"], budget["currency"]) == (round(cheapest - 0.01, 2), "USD")
