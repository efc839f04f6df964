"""Session 9: a question is a question however it is put (issue 13: "a question never becomes a filter").

The eighth blind split's baseline aggregates showed product questions read as refinements (ask_about recall
0.77, refine precision 0.32); its turns were not read. These phrasings are our own, on a catalog of our own:

- a question after a leading phrase, whatever separates them: "<name>, what's it made of", "<name> - does it …",
  "about the <name>: is it …" (when the clause points at a product: a pronoun after it, or a named product);
- a question asked indirectly: "i'd like to know whether …", "curious if …", "any idea if …", "tell me the … of";
- a statement about a product the message names by its brand or model word, asking for nothing else ("<name>
  weight please", "checking the <name> has …"), once something has been shown;
- and what must stay a request: a kind asked for with "a …", "let me know if you have anything cheaper",
  "tell me what you have in …", a first message naming only generic title words.
"""

from __future__ import annotations

import pytest

from assistant.understanding.rowmatch import asks_which
from assistant.understanding.rules import RulesInterpreter
from tests.test_understanding_conv10b import KITCHEN, _ctx


def _acts(text: str, **kw):
    return RulesInterpreter().interpret(text, _ctx(**kw)).acts


@pytest.mark.parametrize("text, product_id", [
    ("the ovenly crisp kettle, what's it made of", "K2"),
    ("brewhaus dawn toaster - does it come in red", "K3"),
    ("about the feltmoor nook throw: is that real wool", "K7"),
    ("the whirl blender from brewhaus; is it glass", "K6"),
    ("and the brewhaus dawn is stainless? or plastic", "K3"),     # a question mark inside
])
def test_a_question_after_a_leading_phrase_is_about_the_named_product(text, product_id):
    acts = _acts(text, shown=("K1", "K2", "K3", "K6", "K7"))
    assert [a.type.value for a in acts] == ["ask_about"] and acts[0].product_id == product_id


@pytest.mark.parametrize("text", [
    "i'd like to know whether the ovenly breeze kettle is stainless steel",
    "curious if the second one is glass",
    "wondering what the breeze kettle is made from",
    "any idea if that one comes in white",
    "tell me the material of the ovenly crisp",
    "just checking whether the crisp is black",
    "i need to know the material of the ovenly breeze",
    "please confirm the crisp kettle is black",
    "would love to know if it comes in white",
])
def test_a_question_asked_indirectly_is_a_question(text):
    assert [a.type.value for a in _acts(text, focus="K1")] == ["ask_about"]


@pytest.mark.parametrize("text, product_id", [
    ("ovenly crisp kettle colour please", "K2"),
    ("checking the brewhaus dawn has a red finish", "K3"),
    ("so the ovenly breeze is stainless steel then", "K1"),
    ("brewhaus whirl blender material", "K6"),             # a row key named, nothing else
    ("the ovenly crisp good for a small kitchen", "K2"),   # whether it suits something
])
def test_a_statement_naming_a_product_and_a_property_asks_about_it(text, product_id):
    acts = _acts(text, shown=("K1", "K2", "K3"))
    assert [a.type.value for a in acts] == ["ask_about"] and acts[0].product_id == product_id


def test_a_statement_naming_a_product_and_nothing_to_ask_is_not_a_question():
    assert "ask_about" not in [a.type.value for a in _acts("the ovenly crisp", shown=("K1", "K2", "K3"))]


@pytest.mark.parametrize("text", [
    "ok. a toaster then",                              # a kind asked for
    "fine, a blender then, at least 1000 watts",
    "let me know if you have anything cheaper",        # a request, indirectly put
    "tell me what you have in blankets",                # the assortment, no product pointed at
    "show me more like the ovenly crisp",              # more like a named one
    "glass, no brewhaus",                              # a value and an excluded brand (the portrait suite's kind)
    "a glass kettle maybe? under 50",                  # a question mark inside a request
])
def test_requests_put_indirectly_stay_requests(text):
    assert "ask_about" not in [a.type.value for a in _acts(text)]


def test_a_first_message_naming_only_title_words_is_a_search():
    ctx = _ctx(needs="", category="", shown=())
    ctx.portrait.needs, ctx.portrait.category = None, None
    assert [a.type.value for a in RulesInterpreter().interpret("an electric kettle in white", ctx).acts] == ["search"]


@pytest.mark.parametrize("text, which", [
    ("the ovenly crisp, what colour is it", True),
    ("i'd like to know what the breeze is made of", True),
    ("tell me the weight of the whirl blender", True),
    ("ovenly crisp kettle colour please", True),
    ("is it glass please", False),
    ("curious if the crisp is black", False),
])
def test_a_value_asked_inside_a_sentence_is_a_which_question(text, which):
    assert asks_which(text) is which


def test_the_kitchen_catalog_has_what_the_tests_name():
    assert {p.id for p in KITCHEN} >= {"K1", "K2", "K3", "K6", "K7", "K8"}


@pytest.mark.parametrize("text, which", [
    ("whirl blender wattage", True),                    # a property named, no verb, no question mark
    ("the breeze kettle capacity pls", True),
    ("crisp kettle colour", True),
    ("breeze kettle good for tea", False),              # whether it suits something
    ("the crisp is glass right", False),
    ("any plastic in the whirl", False),
    ("crisp kettle weight?", False),                    # a question mark: the older readings decide
    ("keeps my tea hot", False),                        # a verb phrase, no property noun
])
def test_a_bare_property_without_a_verb_asks_for_its_value(text, which):
    assert asks_which(text) is which


def test_either_or_with_a_question_mark_between_asks_which():
    from assistant.understanding.answer import answer_question
    from retrieval.catalog.product import Product

    kettle = Product(id="X1", title="Ovenly Crisp Electric Kettle - Black", attributes={"material": "glass"})
    a = answer_question(kettle, "material", "plastic", [kettle], question="is it glass? or plastic")
    assert (a.verdict, a.fact) == ("value", "glass")
