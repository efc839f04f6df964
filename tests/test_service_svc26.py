"""Changes of the svc26 round (dev22, the eighteenth blind split, promoted), by cause: a change asked of an order placed
minutes or hours ago, which the router leaves to the 1-hour rule; the shop's line called "customer care" and a reply
awaited; everyday words (an amount withheld from a refund, a thing that stopped switching on, a dent or a crushed box,
a price "gonna" be matched, "returnable", a thing worn flat); an order named with what is in it and a parcel "gone in
the post"; a refund short of what was sent back and a cost the customer wants covered; a city named for its country
and a thing sent from the shop.
Phrasings of our own, in no split."""

from __future__ import annotations

import pytest

from assistant.knowledge.guards import answered_by_rule
from assistant.knowledge.intent import asks_order_status, asks_progress, asks_shop_contact, classify
from assistant.knowledge.problems import (asks_defect_covered, asks_order_change_in_time, asks_shipping_abroad,
                                          reports_arrival_problem, synonym_words)

from tests.test_service_svc20 import _Router, _service


# -- a change asked of an order placed minutes or hours ago ----------------------------------------------------------
@pytest.mark.parametrize("text", ["put in an order for paint a quarter of an hour... no, 15 minutes ago. can I add a "
                                  "brush to it?",
                                  "I placed an order ten minutes ago, could you take the mug off it?",
                                  "ordered the bedding last night, is it possible to change it today?"])
def test_a_change_of_a_just_placed_order_is_the_one_hour_rule(text):
    assert asks_order_change_in_time(text) and answered_by_rule(text)
    assert {"change", "order"} <= set(synonym_words(text))


def test_minutes_ago_add_the_within_an_hour_words():
    assert {"within", "hour"} <= set(synonym_words("put an order in 5 minutes ago, can I add socks to it?"))


def test_a_day_ago_adds_the_no_longer_changed_words():
    assert {"longer", "changed"} <= set(synonym_words("I ordered yesterday evening, can I change it now?"))


@pytest.mark.parametrize("text", ["can I change my order?", "I ordered a lamp an hour ago and love it",
                                  "can I add a gift note to it?"])
def test_no_change_or_no_time_is_no_change_in_time(text):
    assert not asks_order_change_in_time(text)


def test_the_router_does_not_hand_off_a_change_in_time():
    reply = _service(_Router("handoff", 0.9)).answer("ordered 20 minutes ago, can I add a candle to it?")
    assert reply.handoff is None


# -- the shop's line as customer care; a reply awaited ---------------------------------------------------------------
@pytest.mark.parametrize("text", ["please send me the phone number for customer care",
                                  "can I get the phone number for customer support?"])
def test_customer_care_is_the_shops_own_line(text):
    assert asks_shop_contact(text)


def test_a_reply_awaited_names_the_reply_time():
    assert {"answered", "within", "business", "day"} <= set(synonym_words("how soon until he hears back from you?"))


# -- everyday words ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, wanted", [
    ("how much is withheld from the refund when I send a lamp back?", {"deducted", "return", "label"}),
    ("my kitchen radio stopped switching on after a year", {"warranty", "defects"}),
    ("the vase came with a dent in the base", {"damaged"}),
    ("are you gonna match the lower price at the other store?", {"price", "matching"}),
    ("is the rug returnable?", {"return"}),
    ("two years of hiking have worn the soles right through, warranty?", {"wear", "tear"}),
])
def test_everyday_words_name_the_policy(text, wanted):
    assert wanted <= set(synonym_words(text))


def test_a_device_that_stopped_switching_on_is_the_electronics_warranty():
    text = "my laptop has stopped switching on after 14 months, is that still covered?"
    assert asks_defect_covered(text) and "electronics" in synonym_words(text)


def test_a_crushed_box_on_delivery_is_an_arrival_problem():
    assert reports_arrival_problem("the lampshade arrived crushed on one side")


def test_crushed_velvet_is_no_damage():
    assert "damaged" not in synonym_words("do you have the sofa in crushed velvet?")


def test_ground_coffee_is_no_wear():
    assert "wear" not in synonym_words("is the ground coffee returnable?")


# -- an order named with what is in it; a parcel gone in the post ----------------------------------------------------
@pytest.mark.parametrize("text", ["has the paint order shipped yet?",
                                  "bought it on friday. has the box gone in the post yet?"])
def test_an_order_asked_after_asks_for_the_number(text):
    assert asks_order_status(text) and classify(text).kind == "order"


def test_gone_in_the_post_is_progress_the_router_keeps():
    assert asks_progress("the lamp I ordered, has it gone in the post?")


# -- a refund short; a cost to be covered -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["returned three shirts and was refunded for only two, one refund is missing",
                                  "you cancelled my order so I bought it elsewhere for more, I want that covered"])
def test_a_refund_short_or_a_cost_to_cover_is_a_complaint(text):
    assert classify(text).kind == "complaint"


# -- a city named for its country; sent from the shop ----------------------------------------------------------------
def test_a_gift_sent_from_the_shop_to_a_city_abroad_is_the_shipping_rule():
    text = "my aunt lives in Lagos, can I send her a kettle from your store?"
    assert asks_shipping_abroad(text) and {"ship", "shipping"} <= set(synonym_words(text))


def test_a_return_from_a_city_abroad_is_not_the_countries_shipped_to():
    assert not asks_shipping_abroad("I'm in London for work, can I send the return from there?")

