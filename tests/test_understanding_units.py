"""conv4 fixes: contractions without apostrophes, units and limits, ranges, unit follow-ups, wh-values,
key names over generic cues, shortened brands, thanks/greeting forms (each failed on the old code)."""

from __future__ import annotations

import pytest

from assistant.portrait.model import Portrait
from assistant.understanding.acts import ActType
from assistant.understanding.answer import answer_question
from assistant.understanding.interpreter import Context
from assistant.understanding.names import ProductNames
from assistant.understanding.quantity import compare_quantity, convert_quantity
from assistant.understanding.rowmatch import CatalogValues
from assistant.understanding.rules import RulesInterpreter, expand_contractions
from retrieval.catalog.product import Product
from tests.understanding_contract import SHOWN, context, vocabulary

BAG = Product(id="b", title="Alpenlite Fjord Sleeping Bag (White)", brand="Alpenlite", category="Outdoor > Sleeping Bags",
              attributes={"colour": "white", "material": "synthetic fill", "temp_rating_c": -9, "weight_g": 800})
GAME = Product(id="g", title="Pipwick Moonlit Meadow: Card Game", brand="Pipwick", category="Toys > Board Games",
               attributes={"players": "4-10", "age_range": "8+", "play_time_min": 30})
KNIFE = Product(id="k", title="Larkfield Santoku Knife Bistro II (Black)", brand="Larkfield", category="Home > Knives",
                attributes={"material": "high-carbon stainless steel", "size": "7 in", "blade_hardness_hrc": 58})
WATCH = Product(id="w", title="Auralis Astra GPS Watch", brand="Auralis", category="Electronics > Smartwatches",
                attributes={"battery_life_h": 120, "features": ["gps"]})
KETTLE = Product(id="e", title="Hearthwood Meadow Kettle", brand="Hearthwood", category="Home > Small Appliances",
                 attributes={"capacity_l": 1.7, "wattage_w": 1500})
ALL = [BAG, GAME, KNIFE, WATCH, KETTLE]
VALUES = CatalogValues.from_products(ALL)


def answer(product: Product, question: str, aspect: str | None = None, value: str | None = None):
    a = answer_question(product, aspect, value, ALL, question, VALUES)
    return a.verdict, a.fact


def test_contractions_without_apostrophes_are_read_as_contractions():
    assert expand_contractions("Whats its output") == "what's its output"
    acts = RulesInterpreter().interpret("whats the material of the second one", context()).acts
    assert [(a.type, a.product) for a in acts] == [(ActType.ASK_ABOUT, 2)]      # was a refine


@pytest.mark.parametrize("question,verdict", [
    ("would it be warm enough at -5?", "yes"),        # no unit: the key a word names (warm → temp), its unit
    ("is it ok for -5 c?", "yes"),
    ("is it good for -20 degrees?", "no"),            # a rating is a lower limit, not an equality
])
def test_a_temperature_rating_is_a_lower_limit(question, verdict):
    assert compare_quantity(BAG, question) == (verdict, "temp_rating_c", "-9")


def test_the_temperature_rating_is_the_rows_key_not_the_reviews():
    assert answer(BAG, "what's the temperature rating on it?", aspect="rating") == ("value", "-9")


def test_a_count_is_held_against_a_range():
    assert compare_quantity(GAME, "can 5 people play it?") == ("yes", "players", "4-10")
    assert compare_quantity(GAME, "is it ok for 12 players") == ("no", "players", "4-10")
    assert compare_quantity(GAME, "is it ok for a 7 yr old") is None      # an age: the age reading decides


def test_durations_in_days():
    assert compare_quantity(WATCH, "does it last longer than 3 days") == ("yes", "battery_life_h", "120")


def test_a_unit_follow_up_converts_the_rows_value():
    assert convert_quantity(KETTLE, "and in ml?") == ("capacity_l", "1.7", "1,700 ml")
    verdict, fact = answer(BAG, "how heavy is it in pounds")
    assert (verdict, fact) == ("value", "800")
    text = answer_question(BAG, None, None, ALL, "and in ounces?", VALUES).text
    assert "28.2 ounces" in text
    ctx = Context(Portrait(category="Sleeping Bags", focus_id=BAG.id), [BAG, KETTLE], vocabulary(), turn=2,
                  names=ProductNames.from_products(ALL), values=VALUES)
    acts = RulesInterpreter().interpret("and in ounces?", ctx).acts
    assert [a.type for a in acts] == [ActType.ASK_ABOUT]                     # was a refine


def test_which_questions_get_the_value_not_yes():
    assert answer(KNIFE, "what steel is it made of?", aspect="material", value="steel") == \
        ("value", "high-carbon stainless steel")
    assert answer(KNIFE, "what kind of steel is it") == ("value", "high-carbon stainless steel")


def test_how_long_is_a_length_not_the_key_that_shares_a_word():
    assert answer(KNIFE, "how long is the blade on that one") == ("value", "7 in")
    assert answer(KNIFE, "how hard is the blade") == ("value", "58")


def test_a_many_word_brand_named_by_its_first_word():
    daypack = Product(id="d", title="Kestrel & Co Boreal 34L Daypack - Green", brand="Kestrel & Co")
    others = [Product(id=f"x{i}", title=f"Tidewater Halden {i}L Daypack", brand="Tidewater") for i in range(30)]
    names = ProductNames.from_products([daypack] + others)
    assert names.find("whats the capacity of the kestrel boreal daypack") is daypack


@pytest.mark.parametrize("text,types", [
    ("thanks, that helps", ["chitchat"]),                       # was chitchat + an empty refine
    ("how are you today?", ["chitchat"]),
    ("ok show me a few more", ["show_more"]),
    ("thanks! do you have it cheaper?", ["chitchat", "cheaper"]),
    ("thanks! any that are red?", ["chitchat", "refine"]),     # a request, not a question about one shown
])
def test_message_forms(text, types):
    assert [a.type.value for a in RulesInterpreter().interpret(text, context()).acts] == types


def test_what_about_an_unknown_thing_is_a_search_the_catalog_checks():
    acts = RulesInterpreter().interpret("how about a lawn mower", context()).acts
    assert [(a.type, a.value) for a in acts] == [(ActType.SEARCH, "lawn mower")]


def test_more_like_that_but_for_a_new_use_refines_the_need():
    acts = RulesInterpreter().interpret("more like that but for pickleball", context()).acts
    assert [a.type for a in acts] == [ActType.MORE_LIKE, ActType.REFINE]
    assert acts[1].slots["preferences"] == ("pickleball",)


def test_a_material_head_word_is_a_hard_exclusion():
    from assistant.portrait.extract import extract_turn
    from assistant.portrait.vocabulary import Vocabulary

    bottles = [Product(id=str(i), title=f"Bottle {i}", category="Home > Drinkware", attributes={"material": m})
               for i, m in enumerate(["BPA-free plastic", "ABS plastic", "plastic and cardboard", "stainless steel"])]
    vocab = Vocabulary.from_products(bottles, {"materials": [p.attributes["material"] for p in bottles]})
    for text in ("not plastic", "no plastic please", "nothing made of plastic"):
        assert extract_turn(text, vocab).unwanted == ["plastic"], text       # was [] (or wanted)


def test_an_attribute_value_after_the_brand_is_the_question_not_the_model_name():
    flux = Product(id="f", title="Kestrel & Co Flux Men's Canvas Sneakers", brand="Kestrel & Co",
                   attributes={"material": "canvas"})
    lumen = Product(id="l", title="Kestrel & Co Lumen Recycled Leather Sneakers", brand="Kestrel & Co",
                    attributes={"material": "recycled leather"})
    filler = [Product(id=f"x{i}", title=f"Pacera Flux Trainer {i}", brand="Pacera", attributes={"material": "mesh"})
              for i in range(2)]
    filler += [Product(id=f"y{i}", title=f"Corbel Model{i} Boots", brand="Corbel", attributes={"material": "leather"})
               for i in range(36)]     # "leather" is a value everywhere, a title word only once
    names = ProductNames.from_products([flux, lumen] + filler)
    assert names.find("is the kestrel & co flux sneaker leather?") is flux


def test_looking_for_keeps_needs_not_constraint_cue_words():
    from assistant.portrait.dialogue import apply_turn

    p = Portrait()
    for turn, text in enumerate(["a waterproof jacket under 200", "cheaper", "not red", "under 150", "with a hood"]):
        apply_turn(p, text, turn, vocabulary())
    assert p.needs == "a waterproof jacket under 200 with a hood"      # was "… cheaper not red under 150 …"
    assert p.budget_max == 150 and "red" in p.attributes_unwanted       # the constraints still hold


def test_a_top_level_category_narrows_to_the_child_the_message_also_names():
    from assistant.portrait.dialogue import apply_turn
    from assistant.portrait.vocabulary import Vocabulary

    rows = [Product(id=str(i), title=t, category=c) for i, (t, c) in enumerate([
        ("Umber Senior Dry Cat Food", "Pets > Cat > Cat Food"), ("Feather Wand Cat Toy", "Pets > Cat > Cat Toys"),
        ("Quill Clumping Litter", "Pets > Cat > Litter & Trays"), ("Millet Seed Mix", "Pets > Birds > Bird Supplies")])]
    vocab = Vocabulary.from_products(rows, {"categories": ["Pets", "Cat", "Cat Food", "Cat Toys", "Litter & Trays",
                                                           "Birds", "Bird Supplies"]})
    for text, category in (("dry food for my senior cat", "Cat Food"), ("clumping cat litter, low dust", "Litter & Trays"),
                           ("bird seed with no added sugar", "Bird Supplies"), ("something for my cat", "Cat")):
        p = Portrait()
        apply_turn(p, text, 0, vocab)
        assert p.category == category, text                  # was "Cat" / "Birds"
