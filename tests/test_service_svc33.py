"""Changes of the svc33 round. Part 1 (a generic change for the relevance floor, chosen on dev..dev28 by a rule fixed
beforehand and measured held out on dev29): a story told around the question dilutes the whole message's similarity
to the passage that answers it, so the asked sentences are searched on their own at a higher floor. Part 2 (dev29
read): minutes "back" for "ago"; a warranty claim named by its defect; a bare number asked "on its way"; the days and
hours asked together, the line to dial; the same-day dispatch as going out today; Barbadian "wunna", "dey", "since it
come", "ain't reach"; a thing that died at an age; countries the list lacked; a person asked to do a thing; when the
money comes out of an order placed; an accident named "by accident"; a promise to beat any price held up. Phrasings
of our own, in no split."""

from __future__ import annotations

import tempfile

import pytest

from assistant.knowledge.guards import answered_by_rule, asks_warranty_claim
from assistant.knowledge.intent import asks_price_match, asks_shop_contact, classify
from assistant.knowledge.phrases import plain
from assistant.knowledge.problems import (asks_accident_covered, asks_order_change_in_time, asks_shipping_abroad,
                                          synonym_words)
from assistant.knowledge.relevance import asked_sentences
from assistant.knowledge.service import DONT_KNOW, CustomerService
from retrieval.index.embedder import FakeEmbedder
from retrieval.index.store import MemoryStore
from retrieval.knowledge.index import KnowledgeIndex

_STORY = ("Beekeeper here, up at dawn with the hives most mornings and home late with sticky gloves. "
          "My neighbour keeps bees too and we swap tips over the fence on weekends. ")


@pytest.fixture(scope="module")
def service() -> CustomerService:
    kb = KnowledgeIndex(tempfile.mkdtemp(), FakeEmbedder(512), store=MemoryStore())
    kb.add_document("policy.md", "# Returns\nYou can return unused items within 30 days of delivery.\n\n"
                                 "# Shipping\nStandard shipping takes 3-5 business days.\n")
    return CustomerService(kb, orders=None, min_score=0.42)


# -- Part 1: the relevance floor ---------------------------------------------------------------------------------------
def test_the_asked_sentences_are_those_ending_in_a_question_mark_beside_a_story():
    """Only a message with other sentences besides its questions has asked sentences of its own."""
    assert asked_sentences("I work nights. I sleep late.\nCan I pick a delivery day? Thanks!") == (
        "Can I pick a delivery day?")
    assert asked_sentences("Can I pick a delivery day? And a time?") is None
    assert asked_sentences("I work nights, so please deliver after noon.") is None


def test_a_question_drowned_by_the_story_around_it_is_answered_from_the_passage_it_asks(service):
    """A story around the question keeps the whole message far from the passage that answers (the relevance floor);
    the asked sentence alone is close to it: answered, not "I don't have that information"."""
    answer = service.answer(_STORY + "Can I return unused items?")
    assert answer.handoff is None and "within 30 days" in answer.text
    # the asked sentence alone must pass a higher floor too: one the passages do not answer stays a hand-off
    answer = service.answer(_STORY + "Do you sell honey jars?")
    assert answer.handoff is not None and answer.text.startswith(DONT_KNOW)


# -- Part 2: dev29's causes --------------------------------------------------------------------------------------------
def test_minutes_back_is_how_long_ago_an_order_was_placed():
    """"Twenty minutes back I put through an order": the time said with "back" for "ago" (the 1-hour rule)."""
    assert asks_order_change_in_time("Twenty minutes back I put through an order for tape in black and I need white. "
                                     "Can I still change the colour on it?")


def test_a_claim_asked_of_a_defect_is_the_warranty_claim():
    """"It's a defect. What do I send you to claim?": the warranty named by the defect, not the word."""
    assert asks_warranty_claim("The hinge on my smoker snapped and I think it's a defect. What do I have to send you "
                               "to claim?")


def test_a_bare_number_asked_on_its_way_is_an_order_look_up():
    """A number and "on its way": one order's status, after any story."""
    assert classify("Choir rehearsal done. While the others stack chairs: is 10043 on its way to me, or still with "
                    "you?").kind == "order"


@pytest.mark.parametrize("text", ["Quick one: which days and hours can I ring your support?",
                                  "Evening, I don't do e-mail much. Which phone line can I dial to reach y'all?"])
def test_the_days_and_hours_or_the_line_to_dial_are_the_shops_contact(text):
    """The days and the hours asked together, the line to dial (and "y'all" for "you"): the contact sentence."""
    assert asks_shop_contact(text)


@pytest.mark.parametrize("text", ["If I order a torch right now, does it go out today?",
                                  "A scale ordered this minute - out the door tonight or waiting till tomorrow?"])
def test_going_out_today_is_the_same_day_dispatch(text):
    """Going out (of the door) today or tonight: the same-day dispatch sentence's words."""
    assert {"leave", "warehouse", "same", "day"} <= set(synonym_words(text))


def test_barbadian_you_they_and_the_present_for_the_past_are_read():
    """"wunna", "dey", "since it come", "ain't reach": read as "you", "they", "since it came", "haven't arrived"."""
    assert plain("too late to tell wunna? ten days since it come") == "too late to tell you? ten days since it came"
    assert classify("Hi, I ordered a kettle and dey ain't reach yet. When dey coming?").kind == "order"
    assert answered_by_rule("Why de teapot got a chip in it? Just see it now, ten days since it come. Too late to tell "
                            "wunna?")


def test_a_thing_that_died_at_an_age_is_a_defect():
    """"Died at nineteen months": a fault (the warranty's words), and so a guarded warranty question."""
    text = "A metronome I bought from you died at nineteen months, it just went dark. Covered?"
    assert "warranty" in synonym_words(text) and answered_by_rule(text)


def test_a_country_the_list_lacked_is_shipping_abroad():
    """A country named (Fiji, Samoa, Malta …) is as far as any listed: the countries shipped to answer."""
    assert asks_shipping_abroad("Hello! My aunt in Suva wants a cricket bat from your shop. Can you send it to Fiji?")
    assert not asks_shipping_abroad("Can you send the panama hat to my flat?")


def test_a_person_asked_to_do_a_thing_is_a_hand_off():
    """"Get someone to release it, please": a person asked to act on the customer's money."""
    assert classify("Returned my order within the hour on Monday. It's Friday and my card still has $40 on hold from "
                    "you. Get someone to release it, please.").kind == "handoff"


def test_when_the_money_comes_out_of_an_order_placed_is_the_payment_rule():
    """When the money comes out, asked of an order placed: the Payment rule (charged when it ships), not a look-up."""
    text = ("Night nurse, ordered a thermometer on my lunch. My bank app shows nothing yet - when does the money come "
            "out?")
    assert classify(text).kind == "policy" and {"card", "charged"} <= set(synonym_words(text))


def test_an_accident_named_by_accident_is_asked_of_the_warranty():
    """"By accident": an accident (the exclusion answers; svc33: the question memory is not asked either)."""
    assert asks_accident_covered("Knocked the soil meter off the shed roof by accident. Would the warranty cover it?")


def test_a_promise_to_beat_any_price_held_up_with_a_lower_price_is_price_matching():
    """A leaflet's "we beat any competitor's price" held up, the thing cheaper elsewhere: price matching asked (the
    rule answers it), not where the parcel is."""
    text = "A leaflet in my box said 'We beat any competitor's price!' - so do it. The lamp is $20 cheaper elsewhere."
    assert asks_price_match(text) and classify(text).kind == "policy"
