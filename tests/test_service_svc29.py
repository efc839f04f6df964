"""Changes of the svc29 round (dev25, the twenty-first blind split, promoted), by cause: "operator" as a trade, not a
person asked for, and a person asked for "us" ("put us through to a proper person"); another customer's details told as
a stranger's and a complaint said as "formally complaining"; one charge taken twice (a billing complaint); an order's
news asked as an update, or "sent off" beside its number; the cut-off asked of a clock time; a device that "quit on
me"; a thing trodden or flown into something (an accident asked of the warranty); a part snapped on arrival; how to
start a return, also in the gerund; cash handed to the driver; another seller's price "met"; a thing had delivered to a
country abroad; the wrong thing found inside the box, told in the present; being let know when the money is back; the
shop's services asked (engraving offered, an age check, a note in the parcel); a return the Returns rule excepts,
asked beside a product search in the chat. Phrasings of our own, in no split."""

from __future__ import annotations

import pytest

from assistant.knowledge.guards import answered_by_rule
from assistant.knowledge.intent import asks_payment_method, asks_price_match, asks_progress, classify
from assistant.knowledge.phrases import tables
from assistant.knowledge.problems import (asks_accident_covered, asks_dispatch_by, asks_return_start,
                                          asks_shipping_abroad, asks_to_send_back, reports_arrival_problem,
                                          reports_wrong_item, synonym_words)

from tests.service_helpers import policy_bot  # noqa: F401  (the ``bot`` fixture)


# -- a person, or not --------------------------------------------------------------------------------------------------
def test_a_trade_called_operator_is_no_person_asked_for():
    text = "Forklift operator here. The handle on my thermos snapped after two months of normal use. Covered?"
    assert classify(text).kind == "policy"


@pytest.mark.parametrize("text", ["operator", "can you get me an operator please", "put me through to the operator"])
def test_an_operator_asked_for_is_still_a_person(text):
    assert classify(text).kind == "handoff"


def test_a_proper_person_asked_for_us_is_a_handoff():
    assert classify("enough of the chatbot, put us through to a proper person").kind == "handoff"


# -- complaints --------------------------------------------------------------------------------------------------------
def test_a_strangers_details_in_the_parcel_are_a_complaint():
    text = "There was a stranger's invoice in my box with their phone number on it. This is a data breach."
    assert classify(text).kind == "complaint"


def test_one_charge_taken_twice_is_a_complaint():
    assert classify("I can see two identical charges for the one lamp, please refund the duplicate").kind == "complaint"


# -- an order's news ---------------------------------------------------------------------------------------------------
def test_an_update_on_my_order_asks_its_progress():
    text = "please update me on when my order is arriving"
    assert asks_progress(text) and classify(text).kind == "order"


def test_sent_off_beside_a_bare_number_is_a_look_up():
    intent = classify("about 10043 - has that been sent off yet?")
    assert intent.kind == "order" and intent.order_id == "10043"


# -- the cut-off -------------------------------------------------------------------------------------------------------
def test_the_cut_off_asked_of_a_clock_time_is_the_shipping_rule():
    text = "I placed my order at 1:45 pm on Wednesday, will it still be sent out today?"
    assert asks_dispatch_by(text) and classify(text).kind == "policy"


@pytest.mark.parametrize("text", ["has my order been sent out today?", "can I ring you at 6 pm today?"])
def test_no_clock_time_or_no_order_is_no_cut_off(text):
    assert not asks_dispatch_by(text)


# -- warranty ----------------------------------------------------------------------------------------------------------
def test_a_radio_that_quit_on_me_asks_the_electronics_warranty():
    assert "electronics" in synonym_words("my kitchen radio quit on me after fourteen months, still covered?")


@pytest.mark.parametrize("text", ["a horse stepped on my headphones and crushed them, would the warranty cover it?",
                                  "I flew it into a fence on the first day. is that a warranty repair?"])
def test_a_thing_trodden_or_flown_into_something_asks_the_accident_exclusion(text):
    assert "accidents" in synonym_words(text) and asks_accident_covered(text) and answered_by_rule(text)


def test_an_accident_denied_is_none():
    assert not asks_accident_covered("I never dropped it and the hinge broke, is that under warranty?")


# -- damage on arrival -------------------------------------------------------------------------------------------------
def test_a_part_snapped_on_arrival_is_damage_on_delivery():
    text = "the rocking horse arrived with one ear snapped off. what should I do?"
    assert reports_arrival_problem(text) and answered_by_rule(text)


# -- returns -----------------------------------------------------------------------------------------------------------
def test_how_to_kick_off_sending_it_back_asks_the_start_of_a_return():
    text = "no idea how to kick off sending it back to you, can you explain?"
    assert asks_return_start(text) and "start" in synonym_words(text) and asks_to_send_back(text)


def test_kick_off_at_a_time_is_no_return():
    assert not asks_return_start("does the sale kick off at noon?")


# -- payment, price, abroad --------------------------------------------------------------------------------------------
def test_cash_handed_to_the_driver_asks_the_means_of_payment():
    assert asks_payment_method("could I just give the driver cash when the box turns up?")


def test_another_sellers_price_met_is_a_price_match():
    assert asks_price_match("the hardware store has the same drill for $20 less. would you meet their price?")


def test_a_thing_had_delivered_abroad_asks_the_countries_shipped_to():
    assert asks_shipping_abroad("can I buy on your site and have it shipped straight to Japan?")


# -- a wrong item ------------------------------------------------------------------------------------------------------
def test_the_wrong_thing_inside_the_box_told_in_the_present_is_a_wrong_item():
    assert reports_wrong_item("I order the green kettle but inside the box was a toaster. what now?")


# -- a refund's notice -------------------------------------------------------------------------------------------------
def test_being_let_know_when_the_money_is_back_is_the_refund_email():
    assert {"receive", "e-mail"} <= set(synonym_words("will you let me know when the refund lands or must I check?"))


# -- the shop's services, in the chat ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["do you offer engraving on the hip flasks, and how much?",
                                  "is there an age check when somebody orders a hunting knife?",
                                  "could you slip a birthday note inside the parcel for my nephew?"])
def test_a_service_of_the_shops_goes_to_the_service(bot, text):
    reply = bot.chat(text, reply=False)
    assert reply.service and reply.products == []


def test_engraving_on_a_product_is_no_service_asked():
    assert not tables()["shop_service"].search("a steel hip flask with engraving on the front")
