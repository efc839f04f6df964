"""Fast end-to-end turns through the real pipeline code with fake embedder and LLM."""

from __future__ import annotations

import pytest

from assistant.errors import InputError, NotIndexedError


def test_budget_is_enforced_and_products_come_from_catalog(fake_assistant, fake_index):
    reply = fake_assistant.chat("I need a waterproof jacket for hiking under $150")
    assert reply.products, "expected some products"
    for shown in (s for s in reply.products if not s.violates):  # alternatives carry `violates`
        assert shown.product.price <= 150
        assert fake_index.get(shown.product.id) == shown.product
    assert "J2" not in [s.product.id for s in reply.products if not s.violates]  # $169 is over budget
    assert "J4" not in [s.product.id for s in reply.products]  # out of stock
    assert reply.portrait["budget"]["max"] == 150


def test_reply_json_shape(fake_assistant):
    data = fake_assistant.chat("headphones under 250 dollars").to_json()
    assert set(data) >= {"reply", "products", "portrait", "fallback"}
    assert {"id", "title", "brand", "category", "price", "currency", "attributes"} <= set(data["products"][0])
    portrait = data["portrait"]
    assert set(portrait) >= {"category", "budget", "brands", "attributes", "recipient", "occasion", "needs"}
    assert set(portrait["budget"]) == {"min", "max", "currency"}


def test_session_continues_across_turns(fake_assistant):
    first = fake_assistant.chat("a jacket under $150", session_id="s1")
    second = fake_assistant.chat("make it under 100", session_id="s1")
    assert first.turn == 0 and second.turn == 1
    assert second.portrait["budget"]["max"] == 100
    assert all(s.product.price <= 100 for s in second.products if not s.violates)


def test_ungrounded_llm_text_is_replaced(fake_assistant):
    fake_assistant.llm.enqueue("The Nordvik jacket costs only $12 today!", "Still only $12!")  # retried once
    reply = fake_assistant.chat("waterproof jacket under $150")
    assert reply.fallback is True
    assert "only $12" not in reply.text
    assert reply.grounding_issues


def test_grounded_llm_text_is_kept(fake_assistant):
    fake_assistant.llm.enqueue("Here are a few great jackets for your hike.")
    reply = fake_assistant.chat("waterproof jacket under $150")
    assert reply.fallback is False
    assert "Here are a few great jackets" in reply.text


def test_no_reply_mode_skips_llm(fake_assistant):
    reply = fake_assistant.chat("board game", reply=False)
    assert reply.text == ""
    assert fake_assistant.llm.calls == []
    assert reply.products


def test_empty_message_is_an_input_error(fake_assistant):
    with pytest.raises(InputError):
        fake_assistant.chat("   ")


def test_missing_index_is_a_clear_error(tmp_path):
    from assistant import Assistant

    bot = Assistant.from_config(home=tmp_path / "empty", **{"llm.backend": "fake", "embedder": "fake"})
    with pytest.raises(NotIndexedError, match="shopguide index"):
        bot.chat("hello")
