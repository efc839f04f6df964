"""Customer service inside the conversation: routing, the reply JSON (`sources`, `handoff`), the kept list."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.knowledge.orders import create_demo_orders

POLICY = Path(__file__).resolve().parents[1] / "retrieval" / "demo" / "policy.md"


@pytest.fixture
def bot(fake_assistant):
    fake_assistant.customer_service.knowledge.add(POLICY)
    create_demo_orders(fake_assistant.settings.orders_db)
    return fake_assistant


def test_an_order_question_is_answered_by_the_order_tool(bot):
    reply = bot.chat("where is my order 10042?", reply=False)
    data = reply.to_json()
    assert data["reply"].startswith("Order 10042 is shipped") and data["products"] == []
    assert data["sources"] == [] and data["handoff"] is None
    asked = bot.chat("where is my order?").to_json()
    assert asked["reply"] == "I can look that up for you: what is your order number?"


def test_a_product_turn_carries_empty_sources_and_no_handoff(bot):
    data = bot.chat("a rain jacket", reply=False).to_json()
    assert data["products"] and data["sources"] == [] and data["handoff"] is None


def test_handoff_summarises_the_conversation_and_keeps_the_list(bot):
    first = bot.chat("a rain jacket", reply=False)
    shown = [p.product.id for p in first.products]
    sid = first.session_id
    data = bot.chat("I want to speak to someone", session_id=sid, reply=False).to_json()
    handoff = data["handoff"]
    assert handoff["reason"] == "requested" and handoff["session_id"] == sid
    assert '"a rain jacket"' in handoff["summary"]
    assert [p["id"] for p in handoff["products"]] == shown
    assert bot.settings.service.handoff_message in data["reply"]
    assert bot.sessions.last_shown(sid) == shown           # "the second one" still means the jackets


def test_an_email_is_redacted_before_the_service_sees_it(bot):
    """Contacts never reach a stored turn; the bot asks for the order number instead."""
    data = bot.chat("where is my package? my email is ann@example.com", reply=False).to_json()
    assert data["reply"] == "I can look that up for you: what is your order number?"
    assert all("ann@example.com" not in t["text"] for t in bot.sessions.history(data["session_id"]))


def test_policy_questions_are_answered_from_the_shop_knowledge_with_sources(bot):
    first = bot.chat("a rain jacket", reply=False)
    reply = bot.chat("can I return it if it doesn't fit?", session_id=first.session_id)
    data = reply.to_json()
    assert data["acts"][0]["type"] == "shop_question" and data["products"] == []
    body, _, cited = data["reply"].partition("\n\nSource: ")
    assert data["sources"] and data["sources"][0]["document"] == "policy.md" and data["handoff"] is None
    assert cited == f"policy.md › {data['sources'][0]['section']}."
    assert body in data["sources"][0]["text"]                 # quoted by code from the cited passage
    assert data["sources"][0]["text"] in " ".join(POLICY.read_text().split())
