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


def test_a_product_named_with_a_typo_in_its_brand_is_found():
    from assistant.understanding.names import ProductNames
    from tests.understanding_contract import PRODUCTS, vocabulary

    ctx = Context(focused().portrait, SHOWN, vocabulary(), turn=2, names=ProductNames.from_products(PRODUCTS))
    acts = RulesInterpreter().interpret("is the nordvk fleece jacket insulated?", ctx).acts
    assert [(a.type.value, a.product_id) for a in acts] == [("ask_about", "J4")]


def _named_context(shown=SHOWN, focus: str | None = None) -> Context:
    from assistant.portrait.model import Portrait
    from assistant.understanding.names import ProductNames
    from tests.understanding_contract import PRODUCTS, vocabulary

    portrait = Portrait(needs="a jacket", category="Jackets", category_explicit=True, focus_id=focus)
    return Context(portrait, list(shown), vocabulary(), turn=2, names=ProductNames.from_products(PRODUCTS))


def test_a_comparison_of_named_products_names_them_even_off_the_list():
    from tests.understanding_contract import PRODUCTS

    ctx = _named_context(shown=PRODUCTS[:2])
    acts = RulesInterpreter().interpret("which is the better buy, the nordvik ridge or the tidewater packable 2", ctx).acts
    assert [(a.type.value, a.products, a.product_ids) for a in acts] == [("compare", (), ("J1", "J3"))]
    # both on the list: by their positions too
    acts = RulesInterpreter().interpret("which is lighter, the alpenlite storm or the nordvik ridge?", ctx).acts
    assert [(a.type.value, a.products, a.product_ids) for a in acts] == [("compare", (2, 1), ("J2", "J1"))]


def test_a_pronoun_in_a_named_comparison_is_the_product_in_focus():
    ctx = _named_context(shown=SHOWN[:2], focus="J2")
    acts = RulesInterpreter().interpret("which is lighter, those or the tidewater packable rain jacket?", ctx).acts
    assert [(a.type.value, a.product_ids) for a in acts] == [("compare", ("J2", "J3"))]


def test_a_brand_that_only_one_listed_product_has_names_it():
    acts = RulesInterpreter().interpret("and how much does the tidewater one weigh", _named_context()).acts
    assert [(a.type.value, a.product, a.product_id) for a in acts] == [("ask_about", 3, "J3")]


def test_one_rare_title_word_names_a_product_on_the_list_only():
    from assistant.understanding.names import ProductNames
    from retrieval.catalog.product import Product

    aria = Product(id="a", title="Brightwell Aria Wireless Speaker", brand="Brightwell")
    names = ProductNames.from_products([aria, Product(id="x", title="Voltaro Aria X Speaker", brand="Voltaro"),
                                        Product(id="h", title="Brightwell Helix Wireless Speaker", brand="Brightwell")]
                                       + [Product(id=f"s{i}", title=f"Filler Speaker {i}", brand="Filler")
                                          for i in range(300)])
    assert names.find("how many hours does the aria do", [aria]).id == "a"
    assert names.find("how many hours does the aria do") is None        # two Arias in the catalog


def test_named_products_are_compared_and_the_list_stays(fake_assistant):
    first = fake_assistant.chat("a waterproof jacket", session_id="nc")
    shown = [p.product.id for p in first.products]
    assert "H1" not in shown and "K1" not in shown
    reply = fake_assistant.chat("compare the lumora quiet headphones and the brightwell non-stick pan", session_id="nc")
    assert [a["type"] for a in reply.acts] == ["compare"] and reply.acts[0]["product_ids"] == ["H1", "K1"]
    assert [p.product.id for p in reply.products] == shown          # the cards on screen stay
    assert "1. " in reply.text and "Lumora" in reply.text and "Brightwell" in reply.text


def _speakers():
    from assistant.portrait.model import Portrait
    from assistant.understanding.names import ProductNames
    from retrieval.catalog.product import Product

    aria = Product(id="a", title="Brightwell Aria Wireless Speaker", brand="Brightwell", category="Speakers",
                   attributes={"battery_life_h": 22})
    helix = Product(id="h", title="Brightwell Helix Wireless Speaker", brand="Brightwell", category="Speakers",
                    attributes={"battery_life_h": 16})
    fillers = [Product(id=f"s{i}", title=f"Filler Speaker {i}", brand="Filler", category="Speakers") for i in range(300)]
    catalog = [aria, helix, Product(id="x", title="Voltaro Aria X Speaker", brand="Voltaro", category="Speakers")] + fillers
    vocab = Vocabulary(categories=["Speakers"], brands=["Brightwell", "Voltaro", "Filler"])
    portrait = Portrait(needs="a speaker", category="Speakers", category_explicit=True)
    return Context(portrait, fillers[:4], vocab, turn=2, names=ProductNames.from_products(catalog))


def test_a_product_named_in_a_recent_message_counts_as_on_screen_and_the_other_one_is_its_pair():
    ctx = _speakers()
    ctx.history = ("which lasts longer on battery, the brightwell aria or the brightwell helix?",)
    acts = RulesInterpreter().interpret("how many hours does the aria do", ctx).acts
    assert [(a.type.value, a.product_id) for a in acts] == [("ask_about", "a")]
    ctx.portrait.focus_id = "a"
    ctx.history += ("how many hours does the aria do",)
    result = RulesInterpreter().interpret("and the other one?", ctx)
    assert [(a.type.value, a.product_id) for a in result.acts] == [("ask_about", "h")]
    assert result.question == "how many hours does the aria do"      # the answer reads the question asked before


def test_without_a_recent_pair_the_single_word_is_not_a_name():
    acts = RulesInterpreter().interpret("how many hours does the aria do", _speakers()).acts
    assert all(a.product_id is None for a in acts)


def test_a_value_word_in_a_listed_title_does_not_name_that_product():
    from assistant.understanding.names import ProductNames
    from retrieval.catalog.product import Product

    olive = Product(id="o", title="Stridewell Ember Running Shoes - Olive", brand="Stridewell",
                    attributes={"colour": "olive"})
    names = ProductNames.from_products([olive] + [Product(id=f"s{i}", title=f"Filler Shoe {i}", brand="Filler")
                                                  for i in range(300)])
    assert names.find("does it come in olive?", [olive]) is None


def test_and_the_other_one_asks_the_previous_question_of_the_other_product():
    ctx = _named_context(shown=SHOWN[:2], focus="J1")
    ctx.history = ("how much does the nordvik ridge weigh",)
    result = RulesInterpreter().interpret("and the other one?", ctx)
    assert [(a.type.value, a.product, a.aspect) for a in result.acts] == [("ask_about", 2, "weight")]
    assert result.question == ctx.previous           # the answer reads the question asked before
    # with its own aspect it keeps it; with three on the list "the other one" points nowhere
    acts = RulesInterpreter().interpret("and the other one, what colour?", ctx).acts
    assert [(a.type.value, a.product, a.aspect) for a in acts] == [("ask_about", 2, "colour")]
    three = _named_context(focus="J1")
    three.history = ctx.history
    assert RulesInterpreter().interpret("and the other one?", three).question is None


def test_the_other_one_is_answered_through_the_whole_assistant(fake_assistant):
    fake_assistant.chat("a waterproof jacket", session_id="o1")
    fake_assistant.chat("compare the nordvik ridge and the alpenlite storm shell", session_id="o1")
    first = fake_assistant.chat("is the nordvik ridge hooded?", session_id="o1")
    assert first.answer["product_id"] == "J1" and first.answer["verdict"] == "yes"
    other = fake_assistant.chat("and the other one?", session_id="o1")
    assert [a["type"] for a in other.acts] == ["ask_about"]
    assert other.answer["product_id"] == "J2"


def test_a_rare_title_word_that_is_not_after_the_does_not_name_a_listed_product():
    from assistant.understanding.names import ProductNames
    from retrieval.catalog.product import Product

    tiles = Product(id="t", title="Brightwell 270-Piece Magnetic Tiles Set", brand="Brightwell",
                    attributes={"features": ["magnetic closure"]})
    names = ProductNames.from_products([tiles] + [Product(id=f"s{i}", title=f"Filler Toy {i}", brand="Filler")
                                                  for i in range(300)])
    assert names.find("are the pieces magnetic", [tiles]) is None    # asks about the one in focus
    assert names.find("how big is the magnetic set", [tiles]).id == "t"


def test_a_shop_answer_keeps_the_list_on_screen_but_other_cards_or_no_cards_still_fail():
    from types import SimpleNamespace

    from eval.acts import ActTally
    from eval.conversations import parse_expect
    from tests.understanding_contract import PRODUCTS

    expect = parse_expect({"acts": ["shop_question"], "list_unchanged": True}, "t")
    before = PRODUCTS[:2]
    tally = ActTally()
    service = SimpleNamespace(acts=[{"type": "shop_question"}], answer=None, products=[], is_service=True)
    assert tally.add(expect, service, before) == []                       # the UI keeps the cards
    silent = SimpleNamespace(acts=[{"type": "shop_question"}], answer=None, products=[], is_service=False)
    assert tally.add(expect, silent, before)                              # no cards and not a shop answer
    other = SimpleNamespace(acts=[{"type": "shop_question"}], answer=None, is_service=True,
                            products=[SimpleNamespace(product=PRODUCTS[3])])
    assert tally.add(expect, other, before)                               # a different list
    m = tally.metrics()
    assert m["list_unchanged_rate"] == 1 / 3 and m["list_unchanged_service_turns"] == 1


def test_the_turn_after_a_shop_answer_is_scored_against_the_list_on_screen(fake_assistant, tmp_path):
    import yaml

    from eval.conversations import load_suite
    from eval.harness import RunOptions, run_suite

    suite_file = tmp_path / "kept.yaml"
    suite_file.write_text(yaml.safe_dump([{"id": "k1", "turns": [
        {"user": "a waterproof jacket"},
        {"user": "what's your return policy?", "expect": {"acts": ["shop_question"], "list_unchanged": True}},
        {"user": "is the first one hooded?", "expect": {"acts": ["ask_about"], "list_unchanged": True}}]}]))
    result = run_suite(fake_assistant, load_suite(str(suite_file)), RunOptions(reply=False))
    assert result.metrics["list_unchanged_rate"] == 1.0 and result.metrics["list_unchanged_service_turns"] == 1


def test_a_question_that_re_sends_the_list_keeps_the_alternatives_flagged(fake_assistant):
    first = fake_assistant.chat("a waterproof jacket under $80", session_id="f1")
    flagged = {s.product.id for s in first.products if s.violates}
    assert flagged and all(s.product.price <= 80 for s in first.products if not s.violates)
    again = fake_assistant.chat("is the first one packable?", session_id="f1")
    assert [a["type"] for a in again.acts] == ["ask_about"]
    assert [s.product.id for s in again.products] == [s.product.id for s in first.products]
    assert {s.product.id for s in again.products if s.violates} == flagged
    assert all("over" in s.why for s in again.products if s.violates)
