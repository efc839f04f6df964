"""Session 11: names with a model letter, model names that end a title, "do you also sell", tag questions, a
"no" from a non-/anti- item, and what a thing is filled with.

Read from the ninth split's turns once it became tuning data (dialogue/blind9.yaml); every phrasing here is our own,
on rows of our own:

- a single letter after a model word is part of the name ("the Corrie X tent": Corrie X), as digits were;
- a model name that some titles put after the kind ("… Hiking Jacket Corrie") is not a word for a kind of product,
  so "the corrie x tent" still names the tent without its brand;
- "do you also sell …", "do you even stock …" ask the shop for a kind of product;
- a negated statement with a tag ("it won't fog up, will it?") is answered as the plain question the tag asks;
- "will rice stick to it" on a "non-stick" row is a "no", as "will it slip" on "non-slip";
- "what's it filled with / stuffed with" asks for the fill or the material;
- a number of the name is not the number asked; a newborn is an age; a part's material is the feature naming it;
  a measure the row lacks ("how fast") is not answered with another one it has;
- a chain of "and the …?" goes back to the question asked (it recursed without end);
- "and some bath bombs too" after bath salts is another kind: the heads differ though "bath" is shared.
"""

from __future__ import annotations

import pytest

from assistant.portrait.vocabulary import Vocabulary, title_terms
from assistant.understanding.answer import answer_question
from assistant.understanding.names import ProductNames
from assistant.understanding.rowmatch import CatalogValues
from assistant.understanding.rules import RulesInterpreter
from assistant.understanding.verdicts import untagged
from retrieval.catalog.product import Product
from tests.test_understanding_conv10b import _ctx

ROWS = [Product.from_dict(p) for p in [
    {"id": "T1", "title": "Brackenby Corrie X 3-Person Dome Tent in Green", "category": "Outdoor > Tents",
     "brand": "Brackenby", "price": 149.0, "attributes": {"colour": "green", "size": "3-person",
                                                           "features": ["easy setup", "waterproof"]}},
    {"id": "T2", "title": "Brackenby Corrie Sleeping Bag (Blue)", "category": "Outdoor > Sleeping Bags",
     "brand": "Brackenby", "price": 89.0, "attributes": {"colour": "blue", "material": "goose down with nylon shell"}},
    {"id": "J1", "title": "Fenwick Waterproof Hiking Jacket Corrie", "category": "Outdoor > Jackets",
     "brand": "Fenwick", "price": 129.0, "attributes": {"colour": "red", "features": ["waterproof"]}},
    {"id": "J2", "title": "Tolland Insulated Hiking Jacket Corrie", "category": "Outdoor > Jackets",
     "brand": "Tolland", "price": 139.0, "attributes": {"colour": "black", "features": ["hooded"]}},
    {"id": "J3", "title": "Fenwick Rain Jacket - Navy", "category": "Outdoor > Jackets", "brand": "Fenwick",
     "price": 99.0, "attributes": {"colour": "navy"}},
    {"id": "J4", "title": "Tolland Trail Jacket in Grey", "category": "Outdoor > Jackets", "brand": "Tolland",
     "price": 109.0, "attributes": {"colour": "grey"}},
    {"id": "P1", "title": "Hollin Tern Non-Stick Frying Pan", "category": "Kitchen > Cookware", "brand": "Hollin",
     "price": 45.0, "attributes": {"colour": "black", "material": "aluminium", "features": ["non-stick", "oven safe"]}},
    {"id": "G1", "title": "Lowmoor Clearview Ski Goggles", "category": "Sports > Snow", "brand": "Lowmoor",
     "price": 79.0, "attributes": {"colour": "white", "material": "polycarbonate", "features": ["anti-fog", "uv protection"]}},
    {"id": "S1", "title": "Lowmoor Dune Tumbler", "category": "Kitchen > Drinkware", "brand": "Lowmoor",
     "price": 25.0, "attributes": {"colour": "sand", "material": "stainless steel", "features": ["leak-proof"]}},
]]
VALUES = CatalogValues.from_products(ROWS)
# a catalog of some size: a model word names a product without its brand only when few titles use it
FILLER = [Product(id=f"F{n}", title=f"Brand{n} Model{n} Camping Lantern", brand=f"Brand{n}", category="Outdoor > Lights")
          for n in range(500)]
BY_ID = {p.id: p for p in ROWS}


def _answer(pid: str, question: str) -> tuple[str, str | None]:
    got = answer_question(BY_ID[pid], None, None, ROWS, question, VALUES)
    return got.verdict, got.fact


@pytest.mark.parametrize("text, pid", [
    ("is the corrie x tent easy to pitch", "T1"),
    ("does the corrie x come in other colours", "T1"),
])
def test_a_model_letter_after_a_model_word_is_part_of_the_name(text, pid):
    found = ProductNames.from_products(ROWS + FILLER).find(text)
    assert found is not None and found.id == pid


def test_a_letter_alone_names_nothing():
    assert ProductNames.from_products(ROWS + FILLER).find("do you have a size x tent") is None


def test_a_model_name_that_ends_some_titles_is_not_a_kind_of_product():
    vocab = Vocabulary(categories=["Tents", "Sleeping Bags", "Jackets", "Cookware", "Snow", "Drinkware"],
                       brands=["Brackenby", "Fenwick", "Tolland", "Hollin", "Lowmoor"])
    terms = title_terms(ROWS, vocab, min_count=2)
    assert terms.get("jacket") == "Jackets"
    assert "corrie" not in terms and "jacket corrie" not in terms


@pytest.mark.parametrize("text", ["do you also sell snowboards", "do you guys even stock snowboards?",
                                  "have you also got snowboards"])
def test_do_you_also_sell_asks_the_shop(text):
    acts = RulesInterpreter().interpret(text, _ctx()).acts
    assert [a.type.value for a in acts] == ["not_carried"]


@pytest.mark.parametrize("question, plain", [
    ("the goggles won't fog up, will they?", "will the goggles fog up?"),
    ("it isn't a kids' size, is it", "is it a kids' size?"),
    ("does it not come in red?", "does it not come in red?"),
    ("is it waterproof, or not?", "is it waterproof, or not?"),
])
def test_a_tag_question_is_read_as_the_question_it_tags(question, plain):
    assert untagged(question) == plain


@pytest.mark.parametrize("pid, question, fact", [
    ("S1", "the lowmoor dune tumbler won't leak in my bag, will it?", "leak-proof"),
    ("P1", "will rice stick to the hollin tern pan", "non-stick"),
    ("G1", "will the lowmoor clearview goggles fog up", "anti-fog"),
])
def test_a_row_item_that_rules_the_asked_thing_out_is_a_no(pid, question, fact):
    assert _answer(pid, question) == ("no", fact)


@pytest.mark.parametrize("question", ["is the hollin tern pan non-stick", "does the lowmoor clearview have anti-fog"])
def test_the_item_asked_for_itself_is_still_a_yes(question):
    pid = "P1" if "hollin" in question else "G1"
    assert _answer(pid, question)[0] == "yes"


@pytest.mark.parametrize("question", ["what is the brackenby corrie sleeping bag filled with",
                                      "whats it stuffed with"])
def test_filled_with_asks_the_material(question):
    assert _answer("T2", question) == ("value", "goose down with nylon shell")


# -- rows for the readings below
KIT = [Product.from_dict(p) for p in [
    {"id": "C1", "title": "Zipwell Dart 2 Remote Control Buggy", "category": "Toys > RC", "brand": "Zipwell",
     "price": 49.0, "attributes": {"colour": "red", "run_time_min": 25, "age_range": "8+"}},
    {"id": "B1", "title": "Hollin Fjord 30L Daypack", "category": "Outdoor > Backpacks", "brand": "Hollin",
     "price": 69.0, "attributes": {"colour": "grey", "capacity_l": 30, "weight_g": 700, "features": ["rain cover"]}},
    {"id": "W1", "title": "Pebblestone Dozy Plush Lamb", "category": "Toys > Plush", "brand": "Pebblestone",
     "price": 15.0, "attributes": {"colour": "white", "age_range": "3+"}},
    {"id": "Q1", "title": "Lowmoor Ridge Walking Poles", "category": "Outdoor > Poles", "brand": "Lowmoor",
     "price": 59.0, "attributes": {"material": "carbon fibre", "features": ["foam handle", "adjustable"]}},
]]
KIT_VALUES = CatalogValues.from_products(KIT)


def _kit(pid: str, question: str) -> tuple[str, str | None]:
    from assistant.understanding.names import strip_name

    product = next(p for p in KIT if p.id == pid)
    got = answer_question(product, None, None, KIT, strip_name(question, product), KIT_VALUES)
    return got.verdict, got.fact


def test_a_number_of_the_name_is_not_the_number_asked():
    # "30l" is the daypack's name; 800 grams is what is asked
    assert _kit("B1", "is the hollin fjord 30l lighter than 800 grams") == ("yes", "700")


def test_a_newborn_is_an_age():
    from assistant.understanding.cues import load_cues

    assert load_cues()["aspects"]["age_range"].search("is the pebblestone dozy lamb ok for a newborn")
    lamb = next(p for p in KIT if p.id == "W1")
    assert answer_question(lamb, "age_range", None, KIT, "is the pebblestone dozy lamb ok for a newborn",
                           KIT_VALUES).verdict == "no"


def test_the_material_of_a_part_is_the_feature_that_names_it():
    assert _kit("Q1", "what are the handles on the lowmoor ridge made of") == ("value", "foam handle")
    assert _kit("Q1", "what are the lowmoor ridge poles made of") == ("value", "carbon fibre")


def test_a_measure_the_row_lacks_is_not_answered_with_another():
    from assistant.understanding.answer import Answer, _other_measure

    car = KIT[0]
    run_time = Answer("C1", "run_time_min", "value", "25", "")
    assert _other_measure(run_time, car, "how fast does the zipwell dart 2 go")
    assert not _other_measure(run_time, car, "how long does the zipwell dart 2 run for")


def test_a_chain_of_elliptic_questions_goes_back_to_the_question_asked():
    from dataclasses import replace

    ctx = replace(_ctx(shown=("K1", "K2", "K3")), history=("does the ovenly breeze kettle have a keep-warm setting",
                                                           "and the ovenly crisp?"))
    acts = RulesInterpreter().interpret("and the brewhaus dawn?", ctx).acts      # once: endless recursion
    assert [a.type.value for a in acts] == ["ask_about"]
    assert acts[0].product_id == "K3"


def test_another_kind_sharing_a_modifier_is_a_new_need():
    from assistant.portrait.model import Portrait
    from assistant.understanding.asked import other_kind
    from assistant.understanding.interpreter import Context

    vocab = Vocabulary(categories=["Bath"], category_terms={"bath salts": "Bath", "bath bombs": "Bath", "body wash": "Bath"})
    ctx = Context(portrait=Portrait(category="Bath", needs="bath salts for my mum"), vocabulary=vocab)
    assert other_kind("oh and some bath bombs too", vocab, ctx)
    assert not other_kind("any bath salts under 20", vocab, ctx)



WEAR = [Product.from_dict(p) for p in [
    {"id": "H1", "title": "Fenwick Tor Shell Jacket", "category": "Outdoor > Jackets", "brand": "Fenwick", "price": 99.0,
     "attributes": {"colour": "red", "gender": "women", "size": "XS-XL", "features": ["windproof"]}},
    {"id": "H2", "title": "Tolland Brae Winter Boots", "category": "Shoes > Boots", "brand": "Tolland", "price": 119.0,
     "attributes": {"colour": "black", "gender": "men", "size": "US 8-13", "features": ["slip resistant", "insulated"]}},
]]
WEAR_VALUES = CatalogValues.from_products(WEAR)


@pytest.mark.parametrize("pid, question, verdict", [
    ("H1", "would my husband fit the fenwick tor jacket", "no"),
    ("H1", "is the fenwick tor ok for my mum", "yes"),
    ("H2", "could my stepdaughter wear the tolland brae boots", "no"),
    ("H2", "are the tolland brae boots ok for my grandad", "yes"),
])
def test_the_person_it_is_for_says_a_gender(pid, question, verdict):
    product = next(p for p in WEAR if p.id == pid)
    got = answer_question(product, None, None, WEAR, question, WEAR_VALUES)
    assert (got.verdict, got.fact) == (verdict, product.attributes["gender"])


def test_the_context_of_a_gloss_is_not_what_it_keeps_out():
    # the gloss "won't slip on ice" keeps out slipping; "grip on ice?" asks for the grip
    from assistant.understanding.verdicts import says_absent

    assert not says_absent("won't slip on ice", "do the tolland brae boots have grip on ice")
    assert says_absent("won't slip on ice", "will i slip in the tolland brae boots")


def test_any_chance_asks_a_question():
    from assistant.understanding.cues import load_cues

    assert not load_cues()["request_start"].search("any chance the ovenly crisp is cordless")
    assert load_cues()["request_start"].search("any cordless ones")


def test_the_value_of_one_shown_product_points_at_it():
    ctx = _ctx(shown=("K1", "K2", "K3"))
    acts = RulesInterpreter().interpret("the black one, is it cordless?", ctx).acts
    assert [a.type.value for a in acts] == ["ask_about"] and acts[0].product_id == "K2"


@pytest.mark.parametrize("text", ["ok and does it have a timer", "hmm, cool. is it cordless", "right so can it boil 2 litres"])
def test_several_leading_words_still_open_a_question(text):
    from assistant.understanding.cues import load_cues

    assert load_cues()["question_start"].search(text)


@pytest.mark.parametrize("text", ["i need it to hold 2 litres", "it has to fit under my cupboard", "we'd want it to be quiet"])
def test_a_need_said_of_the_product_in_focus_asks_about_it(text):
    acts = RulesInterpreter().interpret(text, _ctx(focus="K1")).acts
    assert [a.type.value for a in acts] == ["ask_about"]


def test_a_need_said_with_nothing_in_focus_stays_a_need():
    assert [a.type.value for a in RulesInterpreter().interpret("i need it to hold 2 litres", _ctx()).acts] != ["ask_about"]


def test_last_asks_at_least():
    speaker = Product.from_dict({"id": "S9", "title": "Lowmoor Tide Speaker", "category": "Audio > Speakers",
                                 "brand": "Lowmoor", "price": 59.0, "attributes": {"battery_life_h": 18}})
    values = CatalogValues.from_products([speaker])
    assert answer_question(speaker, None, None, [speaker], "will it last 12 hours", values).verdict == "yes"
    assert answer_question(speaker, None, None, [speaker], "will it last 24 hours", values).verdict == "no"


@pytest.mark.parametrize("text", ["its material", "and in terms of colour?", "ok the weight pls"])
def test_a_property_alone_asks_about_the_product_in_focus(text):
    acts = RulesInterpreter().interpret(text, _ctx(focus="K1")).acts
    assert [a.type.value for a in acts] == ["ask_about"]


GAMES = [Product.from_dict({"id": "Z1", "title": "Pebblestone Lantern Isle Board Game", "category": "Toys > Games",
                            "brand": "Pebblestone", "price": 24.0,
                            "attributes": {"players": "2-4", "age_range": "6+", "play_time_min": 30}})]
GAME_VALUES = CatalogValues.from_products(GAMES)


@pytest.mark.parametrize("question, verdict", [
    ("we are 6 persons, is lantern isle ok?", "no"),
    ("we'll be 3, can we play lantern isle", "yes"),
    ("lantern isle is ok for kids 4 years?", "no"),
    ("my daughter 8 years, can she play lantern isle", "yes"),
])
def test_people_and_ages_said_plainly(question, verdict):
    assert answer_question(GAMES[0], None, None, GAMES, question, GAME_VALUES).verdict == verdict
