"""Customer-service fixes made for causes found on the odd half of dev10 (the sixth blind split, promoted in
session 8 and read half by half in the svc11 round). Each fix is tested on phrasings of our own that are in no
split, on an invented shop's knowledge (not the demo policy), and each test fails on the code before the fix.
Fakes only. The learned parts of the round (the question memory) are in ``test_service_memory.py``."""

from __future__ import annotations

import pytest

from assistant.knowledge.intent import classify
from tests.service_helpers import other_shop_service

SHOP = ("# Contact\nCall us at +44 20 7946 0000 or write to help@other-shop.example, weekdays 8 am to 6 pm.\n\n"
        "# Returns\nYou can return unused items within 21 days.")


@pytest.fixture()
def service():
    return other_shop_service(SHOP)


# -- asking for the shop's number or e-mail gets them, even when a person is named --------------------------------
@pytest.mark.parametrize("text", [
    "which number do i dial to talk to an agent",
    "what number should i phone to speak to a human",
    "what email do i use to reach a real person",
])
def test_asking_for_the_number_to_reach_a_person_gets_the_number(service, text):
    """dev10 b6-033 "what number can i ring to talk to support" (gold: the phone number) was handed off: "talk to
    support" asks for a person, and a person was checked before the contact question. What was asked is the number;
    every such question on dev..dev9 is answerable in gold."""
    answer = service.answer(text)
    assert answer.handoff is None and answer.kind == "policy"
    assert "+44 20 7946 0000" in answer.text and "Source: other-shop.md › Contact" in answer.text


def test_a_person_asked_for_without_asking_for_the_number_is_still_a_hand_off(service):
    assert service.answer("i want to talk to a human").handoff is not None
    assert service.answer("can someone call me back").handoff is not None


def test_without_a_contact_sentence_the_person_asked_for_is_a_hand_off():
    cs = other_shop_service("# Returns\nYou can return unused items within 21 days.")
    assert cs.answer("which number do i dial to talk to an agent").handoff is not None


# -- "show up" / "turn up" ask where a bought thing is --------------------------------------------------------------
@pytest.mark.parametrize("text, order_id", [
    ("my son ordered a lamp for me, 10043, when will it show up?", "10043"),
    ("ordered hiking boots, number 10043 - has it shown up at the depot yet", "10043"),
    ("i bought a kettle last week, when does it turn up?", None),
])
def test_when_a_bought_thing_will_show_up_is_an_order_question(text, order_id):
    """dev10 b6-081 "so my wife ordered me a jacket, number 10042 i think, when should it show up at the house?" (gold:
    the order's status) was a policy question: "show up" was an awaited-delivery word (``arrival_expected``) but no
    ``order_status_cue``, and a bare number needs one."""
    intent = classify(text)
    assert intent.kind == "order" and intent.order_id == order_id


def test_show_up_without_a_purchase_is_no_order_question():
    assert classify("when will the jacket show up in other colours?").kind == "policy"
