"""Session 17: blind15 read once it became tuning data — ages said as a school grade ("she's in seventh grade", "a
kindergartner") and recalled by "her age", "what else have you got for …", "tell me a bit more about it", comparisons
"next to each other", "that sort of thing", "the posh ones", "yo," before a need, shop questions about a discount on an
order size and delivery by a day, swapping a part of the product (no exchange), a part named before an elliptic
question, a size said as "a 14", a topic change before a named product, words said before "the <brand>" are not its
name, a thing the shop is asked to sell "so i can …", "maybe a <kind> instead", and a catalog word said of another
thing ("metal utensils", "an sd card", "is the fabric fire retardant"). Every phrasing and row here is our own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.guide.compare import asks_comparison
from assistant.portrait.vocabulary import Vocabulary, find_mentions
from assistant.understanding.ages import life_stage, stage_said
from assistant.understanding.answer import answer_question
from assistant.understanding.names import ProductNames
from assistant.understanding.recall import recall
from assistant.understanding.rowmatch import CatalogValues
from assistant.understanding.rules import RulesInterpreter
from tests.test_understanding_conv10b import _ctx, _types
from retrieval.catalog.product import Product

KITE = Product(id="T1", title="Gustly Delta Stunt Kite", category="Toys > Outdoor Toys", attributes={"age_range": "10+"})
PUZZLE = Product(id="T2", title="Marblo Meadow 300-Piece Puzzle", category="Toys > Puzzles", attributes={"age_range": "6+"})


@pytest.mark.parametrize("text, ages", [
    ("is it ok for a fifth grader", (10.0, 11.0)), ("she's in 2nd grade", (7.0, 8.0)),
    ("my son is a kindergartner", (5.0, 6.0)), ("too hard for grade 4?", (9.0, 10.0)),
    ("is the cutting board food grade", None), ("a high grade steel blade", None),
])
def test_school_grades_and_kindergarten_are_ages(text, ages):
    assert life_stage(text) == ages


@pytest.mark.parametrize("product, question, verdict", [
    (KITE, "would a seventh grader be old enough for it", "yes"),
    (KITE, "is it ok for a kindergartner", "no"),
    (PUZZLE, "fine for a 3rd grader?", "yes"),
    (KITE, "is a kindergartener old enough", "no"),
])
def test_a_grade_is_held_against_the_age_range(product, question, verdict):
    got = answer_question(product, "age_range", None, [product], question)
    assert (got.verdict, got.fact) == (verdict, product.attributes["age_range"])


def test_her_age_recalls_a_grade_said_before():
    said = recall("is the gustly delta right for her age?", ["a kite for my niece, she just started sixth grade"])
    assert stage_said(said) == "sixth grade"
    assert answer_question(KITE, "age_range", None, [KITE], said).verdict == "yes"
    said = recall("can he fly it at his age", ["the little one is in kindergarten and loves kites"])
    assert answer_question(KITE, "age_range", None, [KITE], said).verdict == "no"


@pytest.mark.parametrize("text, expected", [
    ("what else have you got for a teenager", ["show_more"]),
    ("what else have you got for my mum", ["show_more"]),
])
def test_what_else_have_you_got_for_someone_is_more_of_the_need(text, expected):
    assert _types(text, _ctx()) == expected


def test_tell_me_a_bit_more_about_a_shown_one_asks_about_it():
    got = RulesInterpreter().interpret("hmm the second one, tell me a bit more about it", _ctx())
    assert [a.type.value for a in got.acts] == ["ask_about"] and got.acts[0].product == 2


@pytest.mark.parametrize("text", ["put the two kettles next to each other", "set them beside one another",
                                  "stand the first and second alongside each other"])
def test_next_to_each_other_is_a_comparison(text):
    assert asks_comparison(text)


def test_that_sort_of_thing_for_less_is_more_like_it_cheaper():
    assert _types("the first one's nice, find me that kind of thing for less", _ctx()) == ["more_like", "cheaper"]


def test_the_posh_ones_are_pricier():
    assert _types("go on, show me the posh ones", _ctx()) == ["pricier"]


def test_yo_before_a_need_is_a_greeting_and_the_need():
    assert _types("yo, a kettle for my flat", _ctx(needs="", category="", shown=())) == ["greeting", "search"]


@pytest.mark.parametrize("text", [
    "do you do a discount if we buy twenty kettles",
    "is there any discount if the school orders thirty",
    "if i order now will it get here by friday",
    "would it be here before sunday if i pay for express",
])
def test_discounts_on_an_order_size_and_delivery_by_a_day_are_shop_questions(text):
    assert _types(text, _ctx())[0] == "shop_question"


@pytest.mark.parametrize("text, shop", [
    ("can i swap the lid on it", False), ("can i swap out the filter", False),
    ("can i swap it for the white one", True), ("could she swap them if they don't suit", True),
])
def test_swapping_a_part_is_about_the_product_swapping_it_is_the_shop(text, shop):
    got = _types(text, _ctx(focus="K2"))
    assert (got[0] == "shop_question") is shop


def test_a_part_named_before_an_elliptic_question_asks_about_the_one_in_focus():
    ctx = replace(_ctx(focus="K2"), history=("is the ovenly crisp kettle black?",))
    assert _types("and the jug, glass?", ctx) == ["ask_about"]


def test_a_size_said_as_a_number_before_will_they_fit():
    slippers = Product(id="S1", title="Puffin Cosy Slippers", category="Shoes > Slippers", attributes={"size": "US 5-12"})
    got = answer_question(slippers, "size", None, [slippers], "he has massive feet, a 13, will they fit")
    assert (got.verdict, got.fact) == ("no", "US 5-12")
    got = answer_question(slippers, "size", None, [slippers], "she's got small feet, a 6, will they fit")
    assert got.verdict == "yes"


def test_a_topic_change_before_a_named_product_asks_about_it():
    got = RulesInterpreter().interpret("another thing: the ovenly crisp kettle, is it black", _ctx(focus="K1"))
    assert [a.type.value for a in got.acts] == ["ask_about"] and got.acts[0].product_id == "K2"


def test_words_before_the_brand_are_the_question_not_the_name():
    jackets = [Product(id="J1", title="Nordby Waterproof Shell Jacket Fjord", category="Outdoor > Jackets", brand="Nordby"),
               Product(id="J2", title="Nordby Fjord Rain Jacket", category="Outdoor > Jackets", brand="Nordby"),
               Product(id="J3", title="Brenna Packable Rain Jacket", category="Outdoor > Jackets", brand="Brenna")]
    names = ProductNames.from_products(jackets)
    assert names.find("how waterproof is the nordby fjord rain jacket").id == "J2"
    assert names.find("is the nordby waterproof shell jacket warm").id == "J1"


def test_a_thing_asked_for_so_i_can_do_something_is_the_thing():
    got = RulesInterpreter().interpret("or do you just sell kayaks so i can paddle away from it all", _ctx())
    assert [a.type.value for a in got.acts] == ["not_carried"] and got.acts[0].value == "kayaks"


def test_maybe_a_kind_instead_is_no_question_about_a_product_of_that_name():
    assert "ask_about" not in _types("hmm maybe a whirl blender instead, there's a shelf by the window", _ctx())


def test_a_catalog_word_said_of_another_thing_decides_nothing():
    speaker = Product(id="P1", title="Echo Dune Speaker", category="Audio > Speakers",
                      attributes={"material": "recycled aluminium", "features": ["waterproof"]})
    other = Product(id="P2", title="Echo Crate Speaker", category="Audio > Speakers",
                    attributes={"material": "card and cloth", "features": ["bass boost"]})
    values = CatalogValues.from_products([speaker, other])
    assert answer_question(speaker, None, None, [speaker, other], "can it play tunes off an sd card", values).verdict \
        == "unknown"
    # the same word asked of the product itself still decides
    got = answer_question(speaker, None, None, [speaker, other], "is it card?", values)
    assert (got.verdict, got.fact) == ("no", "recycled aluminium")


def test_straw_is_no_typo_of_strap():
    products = [Product(id="Y1", title="Loomi Cotton Yoga Strap", category="Sports > Yoga Straps")]
    vocab = Vocabulary.from_products(products, {"brands": ["Loomi"], "categories": ["Sports", "Yoga Straps"],
                                                "colours": [], "materials": [], "features": []})
    assert find_mentions("does the lid take a straw", vocab) == []
    assert find_mentions("a yoga strapp", vocab) != []


def test_a_yes_on_an_item_does_not_answer_what_is_said_of_its_part():
    parka = Product(id="C1", title="Loft Parka", category="Coats", attributes={"features": ["hooded", "insulated"]})
    other = Product(id="C2", title="Dale Parka", category="Coats", attributes={"features": ["waterproof", "hooded"]})
    values = CatalogValues.from_products([parka, other])
    assert answer_question(parka, None, None, [parka, other], "does the hood come off", values).verdict == "unknown"
    got = answer_question(parka, None, None, [parka, other], "does it have a hood", values)
    assert (got.verdict, got.fact) == ("yes", "hooded")
    # an item that says more of its part answers what is said of it in other words
    pan = Product(id="C3", title="Tidy Frying Pan", category="Cookware", attributes={"features": ["stay-cool handle"]})
    pan_values = CatalogValues.from_products([pan])
    got = answer_question(pan, None, None, [pan], "does the handle stay cool when cooking", pan_values)
    assert (got.verdict, got.fact) == ("yes", "stay-cool handle")


def test_a_catalog_value_said_as_the_subject_is_not_the_value_asked():
    tent = Product(id="N1", title="Ridge Tent", category="Tents", attributes={"material": "nylon ripstop"})
    other = Product(id="N2", title="Vale Tent", category="Tents", attributes={"material": "fabric"})
    values = CatalogValues.from_products([tent, other])
    assert answer_question(tent, None, None, [tent, other], "is the fabric fire retardant", values).verdict != "no"
    got = answer_question(tent, None, None, [tent, other], "is it fabric?", values)
    assert (got.verdict, got.fact) == ("no", "nylon ripstop")


def _presence_embed(texts):
    import numpy as np

    concepts = [("porch", "vestibule"), ("rain", "waterproof", "wet", "dry"), ("case", "cover", "bag")]
    out = np.zeros((len(texts), len(concepts) + 1))
    for row, text in enumerate(texts):
        for i, words in enumerate(concepts):
            out[row, i] = sum(text.lower().count(w) for w in words)
        out[row, -1] = 0.2
    return out


def test_a_yes_by_a_row_item_far_from_the_thing_asked_for_is_unsaid():
    from assistant.understanding.paraphrase import RowParaphrase
    from assistant.understanding.presence import asked_object, object_unsaid

    tent = Product(id="E1", title="Ridge Tent", category="Tents", attributes={"features": ["waterproof", "cover included"]})
    values = CatalogValues.from_products([tent])
    values.paraphrase = RowParaphrase(_presence_embed, ["waterproof", "cover included"], glosses={})
    assert asked_object("does it have a porch to keep my boots out of the rain") == "porch"
    assert object_unsaid(tent, "does it have a porch to keep my boots out of the rain", "waterproof", values)
    assert not object_unsaid(tent, "does it come with a bag for the poles", "cover included", values)
    assert not object_unsaid(tent, "does it come with something to keep it dry", "waterproof", values)
    assert not object_unsaid(tent, "is it waterproof", "waterproof", values)


def test_the_comparison_table_numbers_the_products_as_the_list_does():
    from assistant.guide.compare import comparison_table

    a = Product(id="A", title="Ovenly Breeze Kettle", brand="Ovenly", price=39.0, attributes={"colour": "white"})
    b = Product(id="B", title="Brewhaus Dawn Kettle", brand="Brewhaus", price=29.0, attributes={"colour": "red"})
    header = comparison_table([a, b], [1, 3]).splitlines()[0]
    assert "1. Ovenly Breeze Kettle" in header and "3. Brewhaus Dawn Kettle" in header
    assert "2. Brewhaus" in comparison_table([a, b]).splitlines()[0]
