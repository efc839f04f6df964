"""The UI's own labels follow the shopper's language (ui/lang/*.yaml), or the language setting."""

from __future__ import annotations

import pytest

from ui.labels import available, labels, ui_language


def _keys(table, prefix=""):
    out = set()
    for key, value in table.items():
        out |= _keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
    return out


def test_every_language_has_every_label():
    assert {"en", "zh"} <= set(available())
    for code in available():
        assert _keys(labels(code)) == _keys(labels("en")), code


def test_language_follows_the_message_unless_set():
    assert ui_language("我想给妈妈买一个300元以下的保温杯") == "zh"
    assert ui_language("a thermos for my mum") == "en"
    assert ui_language("", "auto", current="zh") == "zh"          # an empty message keeps the page as it is
    assert ui_language("a thermos", "zh") == "zh"                  # the setting wins
    assert ui_language("保温杯", "en") == "en"
    assert ui_language("a mug", "xx") == "en"


def test_cards_captions_in_chinese(sample_products):
    from assistant.reply import ShownProduct
    from ui.cards import cards_html

    shown = [ShownProduct(product=sample_products[0], why="防水，价格在预算内")]
    zh = cards_html(shown, "s1", language="zh")
    assert "推荐理由：" in zh and "加入购物车" in zh and "Why this pick" not in zh
    en = cards_html(shown, "s1")
    assert "Why this pick:" in en and "Add to cart" in en
    assert "还没有商品" in cards_html([], language="zh")


def test_the_page_relabels_in_the_shoppers_language(fake_assistant):
    pytest.importorskip("gradio")
    from ui.gradio_app import FIELD_KEYS, build_app

    app = build_app(fake_assistant)
    fns = {getattr(fn.fn, "__name__", ""): fn.fn for fn in app.fns.values()}
    respond, relabel = fns["respond"], fns["relabel"]
    *_, last = respond("我想要一件夹克", [], "", "", "auto", "en")
    assert last[-2] == "zh"                                         # the page language output
    updates = relabel("zh", "auto")
    assert updates[0]["value"].startswith("## shopguide 导购")      # header
    assert updates[3]["value"] == "发送"                              # send button
    assert updates[5]["label"] == "我的理解（可修改）"                   # portrait panel
    field_labels = [u["label"] for u in updates[6:6 + len(FIELD_KEYS)]]
    assert "送给谁" in field_labels and "最高预算" in field_labels
    assert updates[-1] == "zh"
    *_, last = respond("a jacket", [], "", "", "auto", "zh")
    assert last[-2] == "en" and relabel("en", "auto")[3]["value"] == "Send"
    *_, last = respond("a jacket", [], "", "", "zh", "en")          # the language menu set to 中文
    assert last[-2] == "zh"


def _strings(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


def test_bold_markers_in_chinese_replies_render_as_bold():
    """CommonMark does not close ``**`` after full-width punctuation followed by a letter
    ("**比较：**最便宜" showed its asterisks in the chat): every bold span must render."""
    markdown_it = pytest.importorskip("markdown_it")
    from assistant.guide.locale import messages

    md = markdown_it.MarkdownIt()
    for text in _strings(messages("zh")):
        if "**" in text:
            sample = text.replace("{", "").replace("}", "") + "文字"
            assert "**" not in md.render(sample), text
