"""Session 5's second round on blind2 (promoted to dev): general causes, each with its own test.

Every case here failed on the code before the round (courtesy words in sequence, texting
abbreviations, elliptic questions about the product in focus, number words, digit ordinals,
a question after a leading noun phrase, a price question about one product, typo matching
that turned an inflected word into a catalog word).
"""

from __future__ import annotations

import pytest

from assistant.guide.compare import parse_compare
from assistant.portrait.model import Portrait
from assistant.portrait.vocabulary import find_mentions
from assistant.understanding.answer import answer_question
from assistant.understanding.interpreter import Context
from assistant.understanding.rules import RulesInterpreter, likes, number_digits
from retrieval.text import FuzzyMatcher
from tests.understanding_contract import PRODUCTS, SHOWN, context, vocabulary


def types(text: str, shown: bool = True) -> list[str]:
    return [a.type.value for a in RulesInterpreter().interpret(text, context(shown)).acts]


def focused(focus: str = "J1") -> Context:
    """Three jackets shown, one asked about before (in focus)."""
    portrait = Portrait(needs="a waterproof jacket", category="Jackets", category_explicit=True, focus_id=focus)
    return Context(portrait, SHOWN, vocabulary(), turn=2)


@pytest.mark.parametrize("text", ["perfect, thank you so much!!", "ok thanks, bye", "great, ty", "cool, cheers"])
def test_a_message_of_courtesy_words_is_chitchat(text):
    assert types(text) == ["chitchat"]


@pytest.mark.parametrize("text,expected", [
    ("nice thx. got anything even cheaper?", ["chitchat", "cheaper"]),
    ("hello again, now i need a waterproof jacket", ["greeting", "search"]),
])
def test_courtesy_in_front_of_a_request_keeps_the_request(text, expected):
    assert types(text) == expected


def test_ok_alone_in_front_is_not_chitchat():
    assert "chitchat" not in types("ok, show me cheaper ones")


@pytest.mark.parametrize("text,expected", [
    ("do u sell phones", "not_carried"),
    ("more", "show_more"),
    ("can i see a few more", "show_more"),
    ("ok start fresh", "reset"),
    ("can i still cancel an order i placed 10 min ago?", "shop_question"),
    ("if they dont fit can i swap for another size", "shop_question"),
    ("if it breaks can i send it back?", "shop_question"),
])
def test_cue_phrasings(text, expected):
    assert types(text) == [expected]


def test_light_rain_is_not_a_weight_question():
    act = RulesInterpreter().interpret("will it keep me dry in light rain", focused()).acts[0]
    assert act.type.value == "ask_about" and act.aspect == "waterproof"


def test_number_words_before_an_age_or_unit_become_digits_and_other_ones_stay():
    assert number_digits("ok for a seven year old?") == "ok for a 7 year old?"
    assert number_digits("under half a kilo?") == "under 0.5 kilo?"
    assert number_digits("do you have one in blue? the second one") == "do you have one in blue? the second one"


@pytest.mark.parametrize("text,aspect", [("weight?", None), ("and battery hours?", None),
                                         ("ok for a five yr old?", "age_range")])
def test_an_elliptic_question_is_about_the_product_in_focus(text, aspect):
    acts = RulesInterpreter().interpret(text, focused()).acts
    assert [a.type.value for a in acts] == ["ask_about"]
    assert acts[0].product == 1                       # the one in focus, by its place on the list
    if aspect:
        assert acts[0].aspect == aspect


def test_an_elliptic_value_still_refines_the_need():
    assert [a.type.value for a in RulesInterpreter().interpret("windproof?", focused()).acts] != ["ask_about"]


def test_the_act_names_the_focus_by_its_position():
    acts = RulesInterpreter().interpret("and how heavy is it", focused("J2")).acts
    assert acts[0].type.value == "ask_about" and acts[0].product == 2


def test_compare_reads_digit_ordinals():
    assert parse_compare("compare the 1st and the 3rd for me", 4).positions == (1, 3)


def test_a_question_after_a_leading_noun_phrase():
    acts = RulesInterpreter().interpret("that first jacket, does it have a hood", context()).acts
    assert [(a.type.value, a.product) for a in acts] == [("ask_about", 1)]


def test_is_it_under_an_amount_asks_about_the_one_in_focus_and_is_answered_from_its_price():
    acts = RulesInterpreter().interpret("is it under 100 bucks?", focused("J3")).acts
    assert [(a.type.value, a.product) for a in acts] == [("ask_about", 3)]
    cheap, dear = PRODUCTS[2], PRODUCTS[1]              # 79.50 and 169.00
    assert (answer_question(cheap, None, None, PRODUCTS, question="is it under 100 bucks?").verdict,
            answer_question(dear, None, None, PRODUCTS, question="is it under 100 bucks?").verdict) == ("yes", "no")
    assert "79.5" in answer_question(cheap, None, None, PRODUCTS, question="is it under 100 bucks?").fact
    # a budget without a pointer is still a refinement
    assert types("anything under $100?") == ["refine"]


def test_likes_with_an_adverb_inside():
    assert likes("a present for a 10 year old who is really into science", vocabulary()) == ["science"]


def test_an_inflected_word_is_not_a_typo_of_another_word():
    m = FuzzyMatcher(["charger", "jacket"])
    assert m.match("charged") is None and m.match("jaket") == "jacket"


def test_category_matching_needs_a_real_word():
    from assistant.portrait.vocabulary import Vocabulary

    v = Vocabulary(categories=["Chargers & Power Banks", "Jackets"], features=["insulated"])
    assert find_mentions("i was charged twice", v) == []
    assert [m.value for m in find_mentions("do you sell shoe insoles", v)] == []
    assert [m.value for m in find_mentions("a new charger", v)] == ["Chargers & Power Banks"]
    assert [m.value for m in find_mentions("a warm jaket", v)] == ["Jackets"]


def test_do_you_have_it_in_another_value_narrows_the_shown_need():
    assert types("do you have it in black maybe") == ["refine"]
    assert types("do you have any from Alpenlite?") == ["refine"]
    assert types("do you have a 4k tv?") == ["not_carried"]        # an assortment question stays one


def test_anything_similar_after_a_position_is_more_like():
    acts = RulesInterpreter().interpret("the third ones look good, got anything similar?", context()).acts
    assert [(a.type.value, a.product) for a in acts] == [("more_like", 3)]


def test_the_second_one_but_in_a_different_colour_is_more_like_and_refine():
    acts = RulesInterpreter().interpret("the second one but in a different colour", context()).acts
    assert {(a.type.value, a.product) for a in acts} == {("more_like", 2), ("refine", None)}


def test_an_amount_asked_in_a_unit_is_read_from_the_key_in_that_unit():
    from retrieval.catalog.product import Product

    bag = Product(id="d", title="Boreal 34L Daypack", attributes={"size": "M/L", "capacity_l": 34, "weight_g": 500})
    kettle = Product(id="k", title="Meadow Kettle", description="It holds 1.7 litres.", attributes={"size": "large"})
    assert answer_question(bag, None, None, [bag], question="how many liters is the Boreal daypack").fact == "34"
    assert answer_question(kettle, None, None, [kettle], question="capacity of the Meadow kettle?").fact == "1.7 litres"


def test_either_or_is_a_which_question():
    from retrieval.catalog.product import Product

    sweater = Product(id="s", title="Carver Sweater", attributes={"material": "organic merino wool"})
    a = answer_question(sweater, "feature", "wool", [sweater], question="is it real wool or synthetic")
    assert a.verdict == "value" and "merino wool" in a.fact
    assert answer_question(sweater, "feature", "wool", [sweater], question="is it wool or not").verdict == "yes"


def test_a_word_only_inside_a_longer_value_is_not_a_product_the_shop_carries():
    from assistant.guide.honesty import CatalogLexicon
    from assistant.understanding.handlers import carried
    from retrieval.catalog.product import Product

    lex = CatalogLexicon.from_products([
        Product(id="d", title="Boreal Daypack", category="Outdoor > Backpacks",
                attributes={"features": ["laptop sleeve", "water resistant"]}),
        Product(id="s", title="Flex Sneakers", category="Shoes > Sneakers",
                attributes={"features": ["cushioned insole"], "material": "canvas"})])
    assert not carried("gaming laptops", lex) and not carried("shoe insoles", lex)
    assert carried("a canvas daypack", lex) and carried("something in canvas", lex)


def test_a_shared_stem_with_a_verb_ending_on_one_side_is_another_word():
    from assistant.portrait.vocabulary import Vocabulary

    v = Vocabulary(categories=["Coats", "Hoodies"], features=["cooling"])
    assert find_mentions("if the coating peels can i send it back?", v) == []
    assert find_mentions("cool thanks!", v) == []
    assert [m.value for m in find_mentions("a warm coat and a hoodie", v)] == ["Coats", "Hoodies"]
