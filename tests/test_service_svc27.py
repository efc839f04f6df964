"""Changes of the svc27 round (dev23, the nineteenth blind split, promoted), by cause: a date's year read as an order
number; a change asked of an order placed "forty-five minutes ago" or "on that order"; an order asked after as "the
order we placed", "any sign of it heading our way", or in Spanish; express named alone; more ways a thing stops doing
its job; a thing put to a use it is not made for; an opened thing for the body said as its seal broken; a fee taken
twice; the shop itself said to ship abroad; a question a rule reads whose story drowns it.
Phrasings of our own, in no split."""

from __future__ import annotations

import pytest

from assistant.knowledge.guards import answered_by_rule
from assistant.knowledge.intent import asks_order_status, classify
from assistant.knowledge.problems import (asks_order_change_in_time, asks_return_exception, asks_shipping_abroad,
                                          synonym_words)
from assistant.knowledge.relevance import policy_words
from assistant.knowledge.service import CustomerService
from retrieval.knowledge.index import KnowledgeHit
from retrieval.knowledge.passages import Passage


# -- a date is no order number ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["[NOTICE 2025-11-30: returns now last a year] I bought a rug last week, can I cancel?",
                                  "on 30/11/2025 I ordered a rug, can I still cancel?"])
def test_a_dates_year_is_no_order_number(text):
    assert classify(text).order_id is None


@pytest.mark.parametrize("text, number", [("where is order 10042?", "10042"), ("status of #10043 please", "10043")])
def test_an_order_number_is_still_one(text, number):
    assert classify(text).order_id == number


# -- a change asked of a just-placed order ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["put in an order forty-five minutes ago and forgot the socks. can I still add them?",
                                  "three hours ago I ordered the grey throw, could you switch the size on that order?"])
def test_a_change_in_time_in_other_words(text):
    assert asks_order_change_in_time(text) and answered_by_rule(text)


def test_adding_to_the_basket_is_no_change_in_time():
    assert not asks_order_change_in_time("can I add them to my basket?")


# -- an order asked after ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["could you tell me the status of the order we placed on Monday?",
                                  "the hammock I bought - any sign of it heading our way?",
                                  "mi pedido - the lamp - is it on the way?"])
def test_an_order_asked_after_in_other_words_asks_for_the_number(text):
    assert classify(text).kind == "order"


def test_the_order_the_customer_placed_is_a_purchase():
    assert asks_order_status("what is the status of the order I placed?")


# -- express named alone ----------------------------------------------------------------------------------------------
def test_express_alone_is_the_shipping_service():
    assert "shipping" in synonym_words("how long does express take?")


def test_the_card_is_no_shipping_service():
    said = synonym_words("do you take american express?")
    assert "shipping" not in said and "payment" in said


# -- a thing that stops doing its job; a thing misused ----------------------------------------------------------------
@pytest.mark.parametrize("text", ["the handle came unglued after two months, covered?",
                                  "my record player quit spinning last week, is that covered?"])
def test_more_faults_name_the_warranty(text):
    assert {"warranty", "defects"} <= set(synonym_words(text))


def test_a_thing_put_to_another_use_is_misuse_for_the_warranty():
    assert "misuse" in synonym_words("we used the side table as a step ladder and a leg cracked. warranty?")


def test_a_thing_used_as_a_gift_is_no_misuse():
    assert "misuse" not in synonym_words("I used the scarf as a gift, can I return it?")


# -- an opened thing for the body -------------------------------------------------------------------------------------
def test_a_broken_seal_is_the_opened_personal_care_exception():
    text = "broke the seal on the shampoo to try it, can I send it back?"
    assert {"opened", "personal-care", "return"} <= set(synonym_words(text))
    assert asks_return_exception(text) and answered_by_rule(text)


# -- a fee taken twice --------------------------------------------------------------------------------------------------
def test_a_fee_taken_twice_is_a_complaint():
    assert classify("the return fee was deducted twice from my refund, please fix it").kind == "complaint"


# -- the shop said to ship abroad ---------------------------------------------------------------------------------------
def test_the_shop_said_to_ship_abroad_names_the_countries_shipped_to():
    text = "imagine the store ships to Tokyo: how many days would my parcel take?"
    assert asks_shipping_abroad(text) and {"united", "states", "canada"} <= set(synonym_words(text))


# -- a question a rule reads, drowned by its story ----------------------------------------------------------------------
RETURNS = Passage("policy.md", "Policy › Returns", "Opened personal-care items cannot be returned.")
SHIPPING = Passage("policy.md", "Policy › Shipping", "Standard shipping takes 3 to 5 business days.")


class _Searched(CustomerService):
    """Passages far from the long message, close to the policy words the rules read in it."""

    def __init__(self) -> None:
        super().__init__(None, min_score=0.42)
        self.asked: list[str] = []

    def search(self, text, k=3):
        self.asked.append(text)
        if text.startswith("opened"):
            return [KnowledgeHit(RETURNS, 0.6, 0.0)]
        return [KnowledgeHit(SHIPPING, 0.2, 0.0), KnowledgeHit(RETURNS, 0.2, 0.0)]

    def _asked_first(self, text, intent, relevant):
        return relevant


def test_a_rule_read_question_drowned_by_its_story_searches_the_policy_words():
    text = ("unsealed the face oil on the train to smell it and it smells like a wet dog, my sister laughed. any chance "
            "I can send it back?")
    service = _Searched()
    _, _, relevant = service.retrieve(text, classify(text))
    assert [h.passage for h in relevant] == [RETURNS] and service.asked[-1] == policy_words(text)


def test_a_question_no_rule_reads_does_not_search_again():
    service = _Searched()
    text = "my cat sat on the box all afternoon and then we watched a film. do you sell blankets?"
    _, _, relevant = service.retrieve(text, classify(text))
    # no policy-words search; svc33: the asked sentence alone is searched once more (and finds nothing here either)
    assert relevant == [] and service.asked[1:] == [CustomerService._query("do you sell blankets?", classify(text))]
