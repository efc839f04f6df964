"""Changes of the svc23 round (dev19, the fifteenth blind split, promoted), by cause: cash handed over at the door is the
cash-on-delivery rule, not an order look-up; parcels sent to a place with the thing sent named between; a defect named
as a noun and a part that came away; personalised in other words (carved, monogrammed, etched) is custom-engraved; an
item added to a placed order said the other way round; where a refund's money goes asked as "which account" is the
Refunds rule, not an account matter; the goods named as such, and arriving said as landing, ask where an order is; the
phone answered in other words; a thing that differs from the one picked is a wrong item; and in the chat, a rule named
in words no product has is a shop question even with a category named. Phrasings of our own, in no split."""

from __future__ import annotations

import pytest

from assistant.knowledge.intent import asks_for_contact, asks_order_status, asks_progress, classify, expand
from assistant.knowledge.problems import reports_wrong_item, synonym_words
from assistant.understanding.cues import load_cues

from tests.test_service_svc20 import _Router, _service


# -- cash at the door --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "I'd want to hand the driver the cash when my package gets here",
    "can I just give you cash at the door when my parcel comes",
])
def test_cash_at_the_door_is_the_payment_rule_not_an_order_look_up(text):
    assert classify(text).kind == "policy"
    assert {"cash", "on", "delivery"} <= set(expand(text).split())


def test_an_order_question_without_cash_still_asks_for_the_number():
    assert classify("when does my parcel come?").kind == "order"


# -- parcels sent to a place ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["do you send parcels over to Ireland?", "would you send packages to Mexico"])
def test_parcels_sent_to_a_place_ask_the_shipping_rule(text):
    assert {"shipping", "ship"} <= set(expand(text).split())


def test_sending_it_back_is_still_a_return():
    assert "ship" not in expand("can I send it back if it's too small").split()


# -- a defect named, a part that came away ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "the zip is a defect if you ask me, it failed in week three",
    "the strap came off after two months of light use",
    "one of the wheels came loose on my suitcase",
])
def test_a_defect_or_a_part_that_came_away_names_the_warranty(text):
    assert {"warranty", "defects"} <= set(expand(text).split())


def test_money_coming_off_a_card_is_no_defect():
    assert "defects" not in expand("when does the money come off my card?").split()


# -- personalised in other words ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "the cutting board had our initials carved on it, can it still go back?",
    "I ordered a monogrammed towel set, am I able to return it",
    "can personalized mugs be refunded",
])
def test_personalised_in_other_words_is_custom_engraved(text):
    assert "custom-engraved" in synonym_words(text)


# -- an item added, the other way round -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["could a pair of socks be added to my order from this morning?",
                                  "is it too late for a scarf to be added to the order?"])
def test_an_item_added_to_a_placed_order_names_the_order_changes_rule(text):
    assert {"change", "order"} <= set(expand(text).split())


# -- which account the refund goes to -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "if I send the lamp back, the refund goes to which account? I used my sister's login",
    "which account does the refund go to when I paid through my husband's account?",
])
def test_which_account_a_refund_goes_to_is_the_refunds_rule(text):
    assert classify(text).kind == "policy"
    assert {"original", "payment", "method"} <= set(expand(text).split())


def test_an_account_question_is_still_an_account_question():
    assert classify("I can't log in to my account since yesterday").kind == "account"


# -- the goods, landing -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["please confirm whether my goods have been dispatched",
                                  "I ordered a rug on friday, any idea when it's going to land?"])
def test_the_goods_or_landing_ask_where_an_order_is(text):
    assert asks_order_status(text) or asks_progress(text)
    assert classify(text).kind == "order"


def test_finding_out_when_it_lands_is_not_made_a_policy_question_by_the_router():
    answer = _service(_Router("answer", 0.9)).answer("could you find out when my stuff is going to land")
    assert answer.kind == "ask_order"


# -- the phone answered ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["which hours do you take phone calls", "are you taking calls on a friday afternoon"])
def test_taking_calls_is_a_contact_question(text):
    assert asks_for_contact(text)


# -- different from the one picked ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, wrong", [
    ("the lamp that came is a different shade from the one I ordered", True),
    ("it's not the colour I picked, what happens now", True),
    ("I ordered a lamp, when does it arrive", False),
])
def test_different_from_the_one_picked_is_a_wrong_item(text, wrong):
    assert reports_wrong_item(text) is wrong


# -- the chat: a rule named in words no product has -------------------------------------------------------------------------
@pytest.mark.parametrize("text, named", [
    ("what's the return window on a coffee grinder?", True),
    ("how long is the returns period for a tent", True),
    ("the sweater that came is a different colour from the one i ordered", True),
    ("a window for the greenhouse", False),
])
def test_a_rule_named_in_words_no_product_has_is_a_shop_question(text, named):
    assert bool(load_cues()["policy_named"].search(text)) is named
