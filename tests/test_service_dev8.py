"""Customer-service fixes made for causes found on dev8 (the fourth blind split, promoted in session 7 and
read in the svc9 round): each test names the dev8 case and fails on the code before the fix. Fakes only."""

from __future__ import annotations

import pytest

from tests.test_service_turns import bot  # noqa: F401  (the fixture)


# -- the chat path's invented claim ------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "my Brightwell frying pan handle broke after 4 months, is that under warranty?",   # dev8 b4-027's shape
    "the Lumora headphones stopped working after a month, are they still under warranty?",
])
def test_a_policy_asked_about_an_owned_product_is_the_policy_in_the_chat(bot, text):
    """b4-027 "my Kestrel backpack zipper broke after 4 months, is that under warranty?" was an ``ask_about`` act:
    the product answer "The catalog doesn't say anything about the warranty of the … Cirrus Pro 28L …" stated
    a catalog number where a policy was asked (the audit's one invented claim through the chat). The warranty
    rule comes from the cited passage now."""
    reply = bot.chat(text, reply=False)
    assert reply.service == "policy" and reply.sources and not reply.products
    assert "warranty" in reply.text.lower() and "catalog" not in reply.text.lower()
    assert all(s["text"] for s in reply.sources)


def test_a_warranty_question_before_buying_stays_the_product_answer(bot):
    """Nothing gone wrong, nothing owned: the dialogue suite's "does it come with a warranty?" about a shown
    product keeps the product answer (its gold), as before."""
    sid = bot.chat("wireless headphones", reply=False).session_id
    reply = bot.chat("do the Lumora headphones come with a warranty?", session_id=sid, reply=False)
    assert not reply.service
