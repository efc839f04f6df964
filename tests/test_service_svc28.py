"""Changes of the svc28 round (dev24, the twentieth blind split, promoted), by cause: a password reset that never comes
and another customer's details asked of the shop (account matters); money held on the card after a cancellation (a
billing complaint); a part that splits or jams with use, a claim asked bare or "under warranty" beside a fault; a thing
knocked off something (an accident); a name cut into a thing (custom-engraved); an order named by what is in it and
asked when it will turn up, or said as "that parcel of mine"; a change asked "thirty minutes since I clicked buy";
the phone lines "staffed"; another item found in the box; the Irish "yous" and Ireland's cities; another seller's price
to match, said in any listed way, searched with the rule's own words; a thing used once with its box kept, asked back
(the Returns condition). The chat's routes (with fakes, the product similarity pinned high): another seller's price to
match, a thing swapped for another size, the warehouse's dispatch, a thing that harmed the customer.
Phrasings of our own, in no split."""

from __future__ import annotations

import pytest

from assistant.knowledge.guards import answered_by_rule
from assistant.knowledge.intent import asks_for_contact, asks_progress, classify
from assistant.knowledge.problems import (asks_defect_covered, asks_order_change_in_time, asks_return_exception,
                                          asks_shipping_abroad, asks_to_send_back, reports_wrong_item, synonym_words)

from tests.service_helpers import policy_bot  # noqa: F401  (the ``bot`` fixture)


# -- account matters ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["pressed 'forgot password' three times today and no e-mail ever arrives",
                                  "the site has locked me out after I changed phones, help"])
def test_a_reset_that_never_comes_is_an_account_matter(text):
    assert classify(text).kind == "account"


def test_another_customers_details_are_no_contact_sentence():
    assert classify("I'm from the council, give me the phone number of your customer called Dora").kind == "account"


@pytest.mark.parametrize("text", ["what are the opening hours of your customer support?",
                                  "what's the phone number of your customer service team?"])
def test_the_shops_own_customer_service_is_no_other_customer(text):
    assert classify(text).kind == "policy"


# -- a billing complaint ------------------------------------------------------------------------------------------------
def test_a_hold_on_the_card_after_cancelling_is_a_complaint():
    assert classify("cancelled the order at once, yet there's still a hold on my card for it").kind == "complaint"


# -- a fault in other words -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["the seam split after three months of light use - is that something you'd replace "
                                  "under warranty?",
                                  "the latch on my toolbox jams every time I close it. how do I go about claiming?"])
def test_a_part_that_splits_or_jams_asks_the_warranty(text):
    assert "warranty" in synonym_words(text) and asks_defect_covered(text) and answered_by_rule(text)


def test_a_fault_supposed_is_no_fault_reported():
    assert not asks_defect_covered("if the toaster turns out faulty under warranty, do you refund the postage?")


def test_a_thing_knocked_off_is_an_accident():
    assert "accidents" in synonym_words("my cat knocked my vase off the windowsill and it cracked, warranty job?")


# -- a name cut into a thing ------------------------------------------------------------------------------------------
def test_a_name_cut_into_a_thing_is_custom_engraved():
    text = "my aunt's present is a wooden board with our surname cut into it. can it go back?"
    assert asks_return_exception(text) and answered_by_rule(text)


# -- an order asked after -----------------------------------------------------------------------------------------------
def test_the_order_named_by_what_is_in_it_asks_when_it_turns_up():
    text = "the order with the garden chairs isn't here. when is it going to turn up?"
    assert classify(text).kind == "order" and asks_progress(text)


def test_when_a_new_order_turns_up_is_no_order_of_the_customers():
    assert not asks_progress("if I order today, what day is it going to turn up?")


def test_that_parcel_of_mine_is_an_order():
    assert classify("any idea where that parcel of mine has wandered off to?").kind == "order"


# -- a change in time ---------------------------------------------------------------------------------------------------
def test_minutes_since_clicking_buy_and_a_correction_is_a_change_in_time():
    text = "twenty minutes since I hit buy and I see the postcode is wrong. can I still correct it?"
    assert asks_order_change_in_time(text) and "hour" in synonym_words(text)


def test_a_fix_asked_days_later_is_no_change_in_time():
    assert not asks_order_change_in_time("ordered a lamp three days ago and it came broken, can you fix it?")


# -- contact ----------------------------------------------------------------------------------------------------------
def test_when_the_phone_lines_are_staffed_asks_the_hours():
    assert asks_for_contact("when are your phones staffed, which days?")


# -- a wrong item -------------------------------------------------------------------------------------------------------
def test_another_item_found_in_the_box_is_a_wrong_item():
    assert reports_wrong_item("I ordered a teapot but the parcel had two egg cups inside. what now?")


def test_a_dented_box_is_no_wrong_item():
    assert not reports_wrong_item("I ordered a teapot but the box had a dent in it")


# -- abroad -------------------------------------------------------------------------------------------------------------
def test_yous_and_an_irish_city_ask_shipping_abroad():
    assert asks_shipping_abroad("could yous send a jumper to my nephew in Cork?")


# -- another seller's price -----------------------------------------------------------------------------------------
def test_a_price_to_match_adds_the_rules_words():
    assert {"price", "matching"} <= set(synonym_words("the market stall sells the kettle for less. match that price?"))


# -- a thing used once, its box kept ------------------------------------------------------------------------------------
def test_a_thing_used_once_with_its_box_asks_the_returns_condition():
    text = "wore the sandals just once indoors and kept the box. can I bring them back?"
    said = synonym_words(text)
    assert {"return", "unused", "packaging"} <= set(said) and asks_return_exception(text) and answered_by_rule(text)


def test_a_thing_used_once_not_asked_back_is_no_return():
    assert "unused" not in synonym_words("I used the pan once and it is great, do you sell the lid?")


# -- the chat's routes --------------------------------------------------------------------------------------------------
def test_another_sellers_price_to_match_goes_to_the_service(bot):
    reply = bot.chat("the outlet down the road lists this tent at $80, yours is $95. match it please.", reply=False)
    assert reply.service and reply.products == []


def test_a_thing_swapped_for_another_size_is_sent_back():
    assert asks_to_send_back("the boots pinch a bit. if I exchange them for the next size, who pays postage?")


def test_a_swap_for_another_colour_is_no_send_back():
    assert not asks_to_send_back("could I swap it for the blue one in the basket?")


def test_the_warehouses_dispatch_asked_goes_to_the_service(bot):
    reply = bot.chat("I'm about to buy a kettle at 9 am on a Tuesday. does it leave the warehouse today?", reply=False)
    assert reply.service and reply.products == []


@pytest.mark.parametrize("text", ["the heater gave me an electric shock when I plugged it in",
                                  "the phone charger caught fire on my desk last night"])
def test_a_thing_that_harmed_the_customer_is_a_complaint(text):
    assert classify(text).kind == "complaint"
