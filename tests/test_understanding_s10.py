"""Session 10: questions about amounts and sizes however they are put, and a "no" the row says another way.

Read from the eighth split's turns once it became tuning data (dialogue/blind8.yaml); every phrasing here is our own,
on rows of our own, so the readings are checked apart from the suite that pointed at them:

- an amount or measure asked with nothing setting it off ("<name> how heavy", "<name> how many litres") is a
  wh-question, about the named product;
- "what's it made of" names the material, whatever colour a word of the name happens to be; "made in" does not;
- "how much weight can it support" names a load key; "how many quarts" reads the row's "qt";
- a size said as "i take a us 10" / "my feet are a 12" is held against the row's size range;
- a row feature that shares a word with the question but the question says another value with it is a "no"
  ("plastic eyes?" on "embroidered eyes"; "the strap is leather?" on a rubber mat whose feature names the strap);
- "morning, …" greets, "haha …. anything cheaper?" is small talk before a request, "am i allowed to …" asks,
  "also looking at <another kind>" is a new need.
"""

from __future__ import annotations

import pytest

from assistant.understanding.answer import answer_question
from assistant.understanding.rowmatch import CatalogValues, asks_which, read_question
from assistant.understanding.rules import RulesInterpreter
from retrieval.catalog.product import Product
from tests.test_understanding_conv10b import _ctx

ROWS = [Product.from_dict(p) for p in [
    {"id": "R1", "title": "Pebblestone Tamsin Plush Otter", "category": "Toys > Plush", "brand": "Pebblestone",
     "price": 19.0, "attributes": {"colour": "brown", "material": "velour", "features": ["stitched eyes", "washable"]}},
    {"id": "R2", "title": "Pebblestone Wren Rattle", "category": "Toys > Plush", "brand": "Pebblestone",
     "price": 9.0, "attributes": {"colour": "white", "material": "plastic"}},
    {"id": "R3", "title": "Gorsedale Loft Exercise Mat", "category": "Fitness > Mats", "brand": "Gorsedale",
     "price": 39.0, "attributes": {"colour": "navy", "material": "natural rubber",
                                   "features": ["shoulder strap included", "non-slip"], "thickness_mm": 5,
                                   "max_load_kg": 180}},
    {"id": "R4", "title": "Gorsedale Crest Exercise Mat", "category": "Fitness > Mats", "brand": "Gorsedale",
     "price": 29.0, "attributes": {"colour": "grey", "material": "vegan leather", "thickness_mm": 3}},
    {"id": "R5", "title": "Hollin Sage Stock Pot", "category": "Kitchen > Cookware", "brand": "Hollin",
     "price": 59.0, "attributes": {"colour": "sage", "material": "enamelled steel", "size": "7 qt",
                                   "weight_g": 2400, "features": ["oven safe"]}},
    {"id": "R6", "title": "Trailmere Ascent Walking Shoes", "category": "Shoes > Walking", "brand": "Trailmere",
     "price": 89.0, "attributes": {"colour": "black", "material": "mesh", "size": "US 7-12",
                                   "features": ["cushioned"]}},
]]
VALUES = CatalogValues.from_products(ROWS)
BY_ID = {p.id: p for p in ROWS}


def _answer(pid: str, question: str) -> tuple[str, str | None]:
    got = answer_question(BY_ID[pid], None, None, ROWS, question, VALUES)
    return got.verdict, got.fact


@pytest.mark.parametrize("text", [
    "gorsedale loft mat how thick",
    "the hollin sage pot how heavy",
    "trailmere ascent how many pairs of laces come with it",
    "that stock pot how much does it hold",
])
def test_an_amount_asked_mid_sentence_is_a_which_question(text):
    assert asks_which(text)


@pytest.mark.parametrize("text", ["is it thick enough for my knees", "the loft mat, is it heavy"])
def test_a_yes_no_question_naming_a_measure_word_stays_yes_no(text):
    assert not asks_which(text)


@pytest.mark.parametrize("pid, question, want", [
    ("R3", "gorsedale loft mat how thick", ("value", "5")),
    ("R5", "hollin sage stock pot how heavy", ("value", "2400")),
    ("R5", "how many quarts", ("value", "7 qt")),
    ("R3", "how much weight can the loft support", ("value", "180")),
    ("R5", "the sage pot, whats it made of", ("value", "enamelled steel")),    # "sage": a colour, not asked
])
def test_amounts_and_materials_are_read_from_the_row(pid, question, want):
    assert _answer(pid, question) == want


def test_made_in_is_no_material_question():
    assert read_question(BY_ID["R5"], "which country is it made in?", VALUES) is None


@pytest.mark.parametrize("question, verdict", [
    ("i take a us 10, will they fit", "yes"),
    ("my feet are a 13, would they work", "no"),
    ("she wears a 7", "yes"),
])
def test_a_size_said_as_what_one_wears_is_held_against_the_range(question, verdict):
    assert _answer("R6", question) == (verdict, "US 7-12")


@pytest.mark.parametrize("pid, question, want", [
    ("R1", "does the otter have plastic eyes?", ("no", "stitched eyes")),
    ("R3", "the mat is leather right?", ("no", "natural rubber")),
    # (session 15: the strap is a part the row gives no material for — the mat's rubber says nothing of it)
    ("R3", "the strap is leather right?", ("unknown", None)),
    ("R1", "does it have stitched eyes", ("yes", "stitched eyes")),
    ("R3", "does the strap come with it?", ("yes", "shoulder strap included")),
])
def test_another_value_said_with_a_shared_word_is_a_no(pid, question, want):
    assert _answer(pid, question) == want


@pytest.mark.parametrize("text, types", [
    ("morning, i want a wool throw", ["greeting", "search"]),
    ("evening! looking for a fleece throw", ["greeting", "search"]),
    ("haha love that. anything cheaper?", ["chitchat", "cheaper"]),
    ("lol ok. any cheaper ones?", ["chitchat", "cheaper"]),
    ("am i allowed to put it in the dishwasher", ["ask_about"]),
])
def test_small_talk_in_front_and_questions_starting_am_i(text, types):
    acts = RulesInterpreter().interpret(text, _ctx(focus="K1"))
    assert [a.type.value for a in acts.acts] == types


def test_also_looking_at_another_kind_is_a_new_need():
    acts = RulesInterpreter().interpret("also looking at blenders", _ctx())
    assert [a.type.value for a in acts.acts] == ["search"]


@pytest.mark.parametrize("question, want", [
    ("the wren, material?", ("value", "plastic")),
    ("colour?", ("value", "white")),
])
def test_a_row_key_named_last_with_a_question_mark_asks_its_value(question, want):
    assert _answer("R2", question) == want


def test_a_value_before_the_key_still_asks_whether():
    # "vegan leather" is a catalog value: "vegan material?" asks whether it is, not what it is
    assert _answer("R4", "the crest mat, vegan material?")[0] in ("yes", "no")


def test_a_title_with_every_word_of_the_shown_one_and_more_is_the_one_named():
    """ "the gorsedale loft max" while the plain Loft is on the list: "max" (a word many titles use) still tells."""
    from assistant.understanding.names import ProductNames

    rows = ROWS + [Product.from_dict({"id": "R7", "title": "Gorsedale Loft Max Exercise Mat", "category": "Fitness > Mats",
                                      "brand": "Gorsedale", "price": 49.0, "attributes": {"thickness_mm": 8}})] + [
        Product.from_dict({"id": f"M{i}", "title": f"Brand{i} Max Thing {i}", "category": "Misc", "brand": f"Brand{i}",
                           "price": 5.0, "attributes": {}}) for i in range(30)]
    names = ProductNames.from_products(rows)
    shown = [p for p in rows if p.id == "R3"]
    assert names.find("gorsedale loft max mat, how thick", shown).id == "R7"
    assert names.find("gorsedale loft mat, how thick", shown).id == "R3"


GAME = Product.from_dict({"id": "G1", "title": "Quillon Harbour Lights Board Game", "category": "Toys > Board Games",
                          "brand": "Quillon", "price": 25.0,
                          "attributes": {"size": "one size", "players": "2-5", "play_time_min": 45}})
SLIPPER = Product.from_dict({"id": "S1", "title": "Hearthside Moss Slippers", "category": "Shoes > Slippers",
                             "brand": "Hearthside", "price": 35.0,
                             "attributes": {"material": "faux suede", "features": ["fleece lined"]}})
BOOT = Product.from_dict({"id": "B1", "title": "Hearthside Oak Boots", "category": "Shoes > Boots",
                          "brand": "Hearthside", "price": 95.0,
                          "attributes": {"material": "suede leather", "features": ["vegan leather strap"]}})


def test_how_long_on_a_row_without_a_length_is_its_time():
    values = CatalogValues.from_products([GAME])
    assert answer_question(GAME, None, None, [GAME], "the harbour lights, how long is a game", values).fact == "45"


def test_real_something_on_a_row_that_names_an_imitation_is_a_no():
    values = CatalogValues.from_products([SLIPPER, BOOT])
    got = answer_question(SLIPPER, None, None, [SLIPPER], "are they lined with real sheepskin", values)
    assert (got.verdict, got.fact) == ("no", "faux suede")
    # the genuine thing is in the row: an imitation elsewhere in it (a strap) decides nothing
    assert answer_question(BOOT, None, None, [BOOT], "is it real suede?", values).verdict != "no"


def test_heavy_rain_asks_about_rain_not_weight():
    from assistant.understanding.cues import load_cues

    weight = load_cues()["aspects"]["weight"]
    assert not weight.search("would it keep me dry in heavy rain")
    assert weight.search("is it heavy?") and weight.search("how heavy is it") and weight.search("heavier than the other")


def test_a_key_with_a_unit_is_asked_by_its_name_and_a_question_mark():
    assert _answer("R5", "hollin stock pot weight?") == ("value", "2400")


@pytest.mark.parametrize("text, product_id", [
    ("the ovenly crisp kettle is glass or steel", "K2"),
    ("brewhaus dawn toaster is it for two slices or four", "K3"),
])
def test_a_choice_between_two_said_of_a_named_product_asks_about_it(text, product_id):
    acts = RulesInterpreter().interpret(text, _ctx(shown=("K1", "K2", "K3"))).acts
    assert [a.type.value for a in acts] == ["ask_about"] and acts[0].product_id == product_id


def test_a_choice_between_two_without_a_named_product_is_no_question():
    acts = RulesInterpreter().interpret("looking for a kettle in glass or steel", _ctx()).acts
    assert [a.type.value for a in acts] != ["ask_about"]


def test_words_for_a_kind_of_product_are_no_model_words():
    """ "actually he prefers coffee, any coffee makers?" named the Copperleaf Thyme Coffee Maker (two rare title
    words); words the catalog uses for kinds of product are no model words."""
    from assistant.understanding.names import ProductNames
    from retrieval.demo.catalog import generate_catalog

    rows = [Product.from_dict(r) for r in generate_catalog()]
    names = ProductNames.from_products(rows)
    maker = next(p for p in rows if p.title.startswith("Copperleaf Thyme Coffee Maker"))
    assert names.says_model("any coffee makers?", maker)
    assert not names.says_model("any coffee makers?", maker, kinds=["coffee maker"])
    assert names.says_model("the thyme coffee maker, is it brown?", maker, kinds=["coffee maker"])


SPEAKER = Product.from_dict({"id": "P1", "title": "Quillon Tide Speaker", "category": "Audio > Speakers", "brand": "Quillon",
                             "price": 49.0, "attributes": {"output_w": 60, "battery_life_h": 14, "inseam_in": 30}})


@pytest.mark.parametrize("question, want", [
    ("quillon tide louder than 50 watts?", ("yes", "60")),
    ("is it over 80 watts", ("no", "60")),
    ("battery 10 or 20 hours?", ("value", "14")),
    ("tide speaker output?", ("value", "60")),
])
def test_an_amount_said_is_held_against_the_row_and_two_amounts_ask_which(question, want):
    values = CatalogValues.from_products([SPEAKER])
    got = answer_question(SPEAKER, None, None, [SPEAKER], question, values)
    assert (got.verdict, got.fact) == want


PUZZLE = Product.from_dict({"id": "Z1", "title": "Quillon Harbour 500-Piece Puzzle", "category": "Toys > Puzzles",
                            "brand": "Quillon", "price": 15.0,
                            "attributes": {"material": "recycled card", "features": ["thick pieces", "lightweight box"]}})
BANDS = Product.from_dict({"id": "N1", "title": "Gorsedale Loop Bands", "category": "Fitness > Bands", "brand": "Gorsedale",
                           "price": 15.0, "attributes": {"material": "natural latex", "size": "S-XL",
                                                         "features": ["non-slip"]}})


@pytest.mark.parametrize("product, question, want", [
    (PUZZLE, "are the pieces thin", ("no", "thick pieces")),
    (PUZZLE, "are the pieces thick", ("yes", "thick pieces")),
    (BANDS, "gorsedale loop bands latex free?", ("no", "natural latex")),
    (BANDS, "loop bands in large?", ("yes", "S-XL")),
])
def test_opposites_asked_absence_and_a_letter_size_said_with_in(product, question, want):
    values = CatalogValues.from_products([PUZZLE, BANDS])
    got = answer_question(product, None, None, [product], question, values)
    assert (got.verdict, got.fact) == want


SOCKS = Product.from_dict({"id": "W1", "title": "Gorsedale Fell 1-Pack Walking Socks", "category": "Clothing > Socks",
                           "brand": "Gorsedale", "price": 12.0,
                           "attributes": {"material": "merino blend", "features": ["anti-odor", "slim fit"],
                                          "pack_count": 1}})


def test_a_question_asking_a_thing_kept_off_is_answered_by_the_item_that_keeps_it_off():
    from assistant.understanding.verdicts import says_absent

    assert not says_absent("anti-odor", "do they stop smelly feet")
    assert says_absent("paraben free", "does it have parabens")


def test_a_yes_quoting_a_number_the_question_does_not_say_is_a_no():
    from assistant.understanding.answer import Answer
    from assistant.understanding.answer_checks import number_checked

    got = number_checked(Answer("W1", "pack_count", "yes", "1", ""), SOCKS, "fell socks, a pack of 3?")
    assert (got.verdict, got.fact) == ("no", "1")
    same = number_checked(Answer("W1", "pack_count", "yes", "1", ""), SOCKS, "is it a single pair, 1 in the pack?")
    assert same.verdict == "yes"


def test_loose_on_a_slim_fit_row_is_a_no():
    values = CatalogValues.from_products([SOCKS])
    got = answer_question(SOCKS, None, None, [SOCKS], "are they a loose fit", values)
    assert (got.verdict, got.fact) == ("no", "slim fit")


@pytest.mark.parametrize("text, types", [
    ("ovenly crisp or ovenly breeze, which is lighter", ["compare"]),
    ("i like the ovenly crisp. does it come in white", ["ask_about"]),
    ("do you have the ovenly crisp in white", ["ask_about"]),
    ("great, i'll take it. do you do gift wrapping?", ["shop_question"]),
])
def test_choices_sentences_and_named_products_in_a_carry_question(text, types):
    acts = RulesInterpreter().interpret(text, _ctx(shown=("K1", "K2"))).acts
    assert [a.type.value for a in acts] == types


def test_weighs_how_much_asks_the_weight_and_how_loud_the_output():
    from assistant.understanding.cues import load_cues

    cues = load_cues()
    aspect = next(name for name, pattern in cues["aspects"].items() if pattern.search("the loft mat weighs how much"))
    assert aspect == "weight"
    assert _answer("R5", "hollin sage pot weighs how much") == ("value", "2400")
    values = CatalogValues.from_products([SPEAKER])
    assert answer_question(SPEAKER, None, None, [SPEAKER], "the tide - how loud", values).fact == "60"
