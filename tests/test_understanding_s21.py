"""Session 21: blind19 read once it became tuning data. The causes, each tested on phrasings and rows of our own:

- questions the row doesn't answer, answered from a word they share with it: something said of a part a feature only
  names ("is that blade hand forged" of "blade guard included"), of the maker ("does this brand treat its staff
  fairly"), of how to keep a colour; a number asked of a yes / no property ("how many degrees can i wash it at");
  a remedy claimed ("will it soothe redness" of a fragrance-free cream); a fit said with "come in" ("tall lengths");
  a row word said only in the product's name ("do the corbel trail shoes have a toe guard" of "trail grip");
- verdicts: "is that really on the listing or just marketing" asks yes / no; "a proper size 5" asks a size; a load
  limit takes what is said ("will it take 150 kg"), in parts added up ("i'm 90 kg and he's 80, can it take both"),
  no price ("… 100 on the bar, will it take that"); "at least 500 pieces" of a piece count; a number that named the
  product ("the one with like 1100 pieces, is it plastic?"); "which steel" asks the material, not the blade's
  hardness; "the … twenty kilo kettlebell" names it; "animal leather" asks for the real thing; "spf level?" and
  "frame material on it? quickly" ask a value; "blue is a bit loud. what colour is it?" asks which;
- acts: group rates, "can it go back", "goes out this afternoon?", "any chance you stock …, i never …", "… on it?
  quickly", "underneath the paint, what metal is the kettle itself", "browse the rest of your … range", "other …
  in that mould", "kinder to my wallet", "i'll need … as well", "cheers for that. next on the list, …", "got any
  more?", "the fist one agianst the thrid"; "when the first lot runs out" points at no product.
"""

from __future__ import annotations

import pytest

from assistant.understanding.answer import answer_question
from assistant.understanding.answer_kinds import unnamed_colour
from assistant.understanding.rowmatch import CatalogValues
from assistant.understanding.rules import RulesInterpreter
from retrieval.catalog.product import Product
from tests.test_understanding_conv10b import KITCHEN, _ctx, _types
from tests.test_understanding_s19 import _answer

KNIFE = Product(id="N1", title="Fellcraft Santoku Knife", brand="Fellcraft", category="Kitchen > Knives",
                attributes={"material": "Damascus VG-10 steel", "features": ["full tang", "blade guard included"],
                            "blade_hardness_hrc": 61})
CREAM = Product(id="C1", title="Mossbank Calm Day Cream", category="Beauty > Skincare",
                attributes={"colour": "white", "features": ["fragrance free", "vegan"]})
BENCH = Product(id="B1", title="Ironhill Flat Bench", category="Sports > Strength",
                attributes={"material": "steel frame", "max_load_kg": 200})
BANK = Product(id="P1", title="Voltcell Pocket Power Bank", attributes={"capacity_mah": 26800, "colour": "black"})
TILES = Product(id="T1", title="Brickly 300-Piece Magnet Tiles", category="Toys > Construction",
                attributes={"material": "ABS plastic", "size": "one size", "piece_count": 300})
SHOE = Product(id="S1", title="Corbel Women's Trail Running Shoes Fellstep", category="Shoes > Running",
               attributes={"material": "mesh", "features": ["trail grip", "cushioned"], "drop_mm": 6})
BALL = Product(id="F1", title="Kickwell Academy Football", category="Sports > Team Sports",
               attributes={"material": "rubber", "size": "size 4", "features": ["machine stitched"]})
PHONES = Product(id="H1", title="Soundra Lumen Headphones", category="Electronics > Headphones",
                 attributes={"colour": "grey", "features": ["noise cancelling", "foldable"]})
DUVET = Product(id="D1", title="Northwick Duvet", category="Home > Bedding",
                attributes={"colour": "white", "features": ["machine washable", "hypoallergenic"]})


def _asked(product: Product, aspect: str, value: str | None, question: str) -> tuple[str, str | None]:
    got = answer_question(product, aspect, value, [product], question, CatalogValues.from_products([product]))
    return got.verdict, got.fact


# -- answers: what the row doesn't say ---------------------------------------------------------------------------

def test_something_said_of_a_part_a_feature_only_names_is_not_that_feature():
    assert _answer(KNIFE, "is that blade hand forged from a billet")[0] == "unknown"
    assert _answer(KNIFE, "does it come with anything to cover the blade in a drawer") == \
        ("yes", "blade guard included")


def test_a_question_about_the_maker_is_not_who_the_maker_is():
    assert _asked(KNIFE, "brand", None, "does this brand treat its warehouse staff fairly")[0] == "unknown"


def test_a_number_asked_of_a_yes_no_property_and_keeping_a_colour_are_not_said():
    assert _asked(DUVET, "washable", None, "how many degrees can i wash it at")[0] == "unknown"
    assert _asked(DUVET, "colour", None, "does it keep its colour if i turn it inside out")[0] == "unknown"


def test_a_fit_said_with_come_in_is_no_colour():
    assert _asked(DUVET, "colour", "tall lengths", "does it come in tall lengths")[0] == "unknown"
    assert _asked(DUVET, "colour", "blue", "does it come in blue") == ("no", "white")


def test_a_remedy_claimed_is_not_answered_by_what_keeps_the_harm_away():
    assert _answer(CREAM, "will it soothe the redness on my cheeks") != ("no", "fragrance free")
    assert _answer(CREAM, "will it bring me out in a rash")[0] == "no"       # the harm itself: still the guard


def test_a_row_word_said_only_in_the_products_name_is_not_asked():
    assert _answer(SHOE, "do the corbel trail shoes have a toe guard for scree")[0] == "unknown"


def test_a_colour_no_for_a_question_that_names_no_colour_is_a_guess():
    from assistant.understanding.answer import Answer

    values = CatalogValues.from_products([CREAM, Product(id="C2", title="Red Cream", attributes={"colour": "red"})])
    guess = Answer("C1", "colour", "no", "white", "")
    assert unnamed_colour(guess, "does it calm redness", values)
    assert not unnamed_colour(guess, "does it come in red", values)


# -- answers: verdicts -------------------------------------------------------------------------------------------

def test_a_doubt_whether_the_listing_says_it_asks_yes_or_no():
    assert _answer(PHONES, "the box says noise cancelling, is that really on the listing or just marketing") == \
        ("yes", "noise cancelling")


def test_a_proper_size_asks_the_size():
    assert _answer(BALL, "the lads need a proper size 5, is it a 5?") == ("no", "size 4")


@pytest.mark.parametrize("question, verdict", [
    ("will it take 150 kg", "yes"),
    ("will it take 230 kg", "no"),
    ("is the max load 150 kg", "no"),
    ("i'm 90 kg and my brother is 80, can it take both", "yes"),
    ("i'm 120 kilos and want to get to pressing 100, can it take that", "no"),
])
def test_a_load_limit_takes_what_is_said(question, verdict):
    assert _answer(BENCH, question) == (verdict, "200")


def test_a_load_said_in_parts_is_no_price():
    priced = Product(id="B2", title="Ironhill Flat Bench", price=99.0, attributes={"max_load_kg": 200})
    assert _answer(priced, "i'm 90 kilos and put about 100 on the bar, will it take that?") == ("yes", "200")


def test_a_property_of_a_part_asked_in_a_hurry_is_its_value():
    from assistant.understanding.wh import asks_value

    assert asks_value(BENCH, "frame material on it? quickly", CatalogValues.from_products([BENCH]))


def test_a_capacity_said_as_remembered_is_that_capacity():
    assert _answer(BANK, "the pocket one was 20,000 mah if i remember right?") == ("no", "26800")


def test_a_count_of_the_pieces_and_a_count_that_named_the_product():
    assert _answer(TILES, "does it have at least 500 pieces") == ("no", "300")
    assert _answer(TILES, "the brickly one with like 290 pieces, is it plastic?") == ("yes", "ABS plastic")


def test_which_steel_asks_the_material():
    assert _answer(KNIFE, "which steel do they use for the blade, i sharpen by hand") == \
        ("value", "Damascus VG-10 steel")


def test_an_amount_that_names_the_product_in_other_units_is_not_asked():
    bell = Product(id="K1", title="Pacewell Grip 16 kg Kettlebell",
                   attributes={"weight_kg": 16, "features": ["rubber coated"]})
    assert _answer(bell, "is the pacewell grip sixteen kilo kettlebell rubber coated") == ("yes", "rubber coated")


def test_animal_leather_asks_for_the_real_thing():
    shoe = Product(id="V1", title="Treadly Vegan Sneakers", attributes={"material": "vegan leather"})
    assert _answer(shoe, "are they made of animal leather") == ("no", "vegan leather")


def test_a_level_asked_is_a_value():
    from assistant.understanding.wh import asks_value

    lotion = Product(id="L1", title="Sunfell Day Lotion", attributes={"features": ["spf 50", "water resistant"]})
    assert asks_value(lotion, "sunfell day lotion, spf level?", CatalogValues.from_products([lotion]))


def test_which_asked_after_a_statement_is_which():
    assert _asked(DUVET, "colour", "blue", "blue is a bit loud for our room. what colour is the northwick one?") == \
        ("value", "white")


# -- acts --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("if i order ten for the office, is there a group rate", ["shop_question"]),
    ("and if it turns out too loud can it go back", ["shop_question"]),
    ("order before lunch and it goes out this afternoon?", ["shop_question"]),
    ("let me browse the rest of your kettle range", ["show_more"]),
    ("got other kettles in that mould?", ["more_like"]),
    ("something like the ovenly crisp kettle but kinder to my wallet", ["more_like", "cheaper"]),
    ("cheers for that. next on the list, a toaster for the flat", ["chitchat", "search"]),
    ("got any more?", ["show_more"]),
])
def test_what_blind19_read_wrong_said_our_way(text, expected):
    assert _types(text, _ctx()) == expected


def test_a_thing_the_shop_may_not_stock_is_named_without_the_why():
    acts = RulesInterpreter().interpret("any chance you stock garden hoses, i never have one", _ctx()).acts
    assert [(a.type.value, a.value) for a in acts] == [("not_carried", "garden hoses")]


@pytest.mark.parametrize("text", ["kettle material on it? quickly",
                                  "underneath the paint, what metal is the kettle itself"])
def test_a_question_of_the_product_in_focus_after_a_lead_or_before_a_hurry(text):
    assert _types(text, _ctx(focus="K2")) == ["ask_about"]


def test_a_kind_needed_as_well_after_a_vague_need_is_a_new_need():
    assert _types("i'll need a toaster for the flat as well", _ctx(needs="something for the flat", category="")) == \
        ["search"]


def test_ordinals_typed_in_a_hurry():
    acts = RulesInterpreter().interpret("stack up the fist one agianst the thrid one",
                                        _ctx(shown=("K1", "K2", "K3"))).acts
    assert [(a.type.value, list(a.products)) for a in acts] == [("compare", [1, 3])]


def test_a_position_word_before_a_batch_or_a_time_is_no_pick():
    from assistant.portrait.extract import extract_turn
    from assistant.portrait.vocabulary import Vocabulary

    vocab = Vocabulary.from_products(KITCHEN)
    assert extract_turn("does it come with spare filters for when the first lot wear out", vocab).reference is None
    assert extract_turn("is the first one glass", vocab).reference == 1
