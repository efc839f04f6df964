"""Session 6, conv7b: blind3 (promoted to dev) read for acts, targets, kept lists and hard constraints.

Each case failed on the code before the round; each is a general cause, not one conversation's
phrase: quantifiers before "others", "have you got" with nothing named, a closing "that's all",
thanks for earlier help before a new need, "you guys", card payments, a wh-question after a
leading noun phrase, "the second one but in red", an elliptic comparison with the amount just
asked, "can you <verb> the <aspect>", and a reset that names what it drops.
"""

from __future__ import annotations

import pytest

from assistant.portrait.vocabulary import Vocabulary
from assistant.understanding.interpreter import Context
from assistant.understanding.rules import RulesInterpreter
from tests.test_understanding_generalise import focused, types
from tests.understanding_contract import SHOWN, context


@pytest.mark.parametrize("text", ["show me a few others", "can i see a couple of others", "what else have you got"])
def test_more_of_the_shown_need(text):
    assert types(text) == ["show_more"]


def test_have_you_got_with_a_thing_named_is_still_an_assortment_question():
    assert types("have you got a 4k tv?") == ["not_carried"]


@pytest.mark.parametrize("text", ["ok thats all, thanks", "thanks, that's everything", "that's all for now"])
def test_a_closing_is_chitchat(text):
    assert types(text) == ["chitchat"]


def test_thanks_for_earlier_help_in_front_of_a_new_need():
    assert types("thanks for the help earlier! now i need a waterproof jacket") == ["chitchat", "search"]


def test_you_guys_asks_the_shop():
    assert types("do you guys sell mattresses", shown=False) == ["not_carried"]


def test_card_payment_is_a_shop_question_but_a_product_that_takes_something_is_not():
    assert types("do you take american express") == ["shop_question"]
    assert types("does the shop accept credit cards?") == ["shop_question"]
    assert "shop_question" not in types("can it take aa batteries?")


def test_a_wh_question_after_a_leading_noun_phrase():
    assert types("the red one, what material is that") == ["ask_about"]
    assert types("a waterproof jacket, what about that", shown=False) != ["ask_about"]


def test_the_second_one_but_with_a_value_is_more_like_and_refine():
    acts = RulesInterpreter().interpret("the second one but in red then", context()).acts
    assert [(a.type.value, a.product) for a in acts] == [("more_like", 2), ("refine", None)]
    assert "red" in acts[1].slots["preferences"]
    # without "but" a position with a value stays what it was
    assert "more_like" not in types("is the second one red?")


@pytest.mark.parametrize("text", ["so more than 6mm?", "and under 2 kg?", "is it over 500 g?"])
def test_an_elliptic_comparison_asks_about_the_product_in_focus(text):
    acts = RulesInterpreter().interpret(text, focused("J2")).acts
    assert [(a.type.value, a.product) for a in acts] == [("ask_about", 2)]


@pytest.mark.parametrize("text", ["anything under 2 kg?", "under 2 kg"])
def test_a_request_with_an_amount_still_refines(text):
    assert [a.type.value for a in RulesInterpreter().interpret(text, focused("J2")).acts] == ["refine"]


def test_can_you_verb_the_aspect_asks_about_the_product_in_focus():
    # "adjust" reads as the catalog feature "adjustable": a wanted value, which alone would refine the need
    vocab = Vocabulary(categories=["Jackets"], features=["adjustable", "waterproof"])
    ctx = Context(focused("J3").portrait, SHOWN, vocab, turn=2)
    acts = RulesInterpreter().interpret("can you adjust the fit", ctx).acts
    assert [(a.type.value, a.product, a.aspect) for a in acts] == [("ask_about", 3, "size")]
    assert [a.type.value for a in RulesInterpreter().interpret("adjustable ones?", ctx).acts] == ["refine"]


def test_a_reset_that_names_what_it_drops_is_only_a_reset():
    assert types("ok forget the jacket, clear everything") == ["reset"]
    assert types("start over, i need a jacket") == ["reset", "search"]


def test_reset_with_a_new_need_starts_from_an_empty_portrait(fake_assistant):
    fake_assistant.chat("a jacket for my wife under $150", session_id="r2")
    reply = fake_assistant.chat("start over, i need headphones", session_id="r2")
    assert [a["type"] for a in reply.acts] == ["reset", "search"]
    portrait = reply.portrait
    assert portrait["recipient"] is None and portrait["budget"]["max"] is None
    assert portrait["category"] == "Headphones"
