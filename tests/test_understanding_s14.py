"""Session 14: blind12 read once it became tuning data — questions run on without a comma, a statement with a
question mark, a short value question right after an answer, number words in compounds, greetings and thanks run
into the request, names typed loosely. Every phrasing and row here is our own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.understanding.answer import answer_question
from assistant.understanding.cues import number_digits
from assistant.understanding.names import ProductNames, strip_name
from assistant.understanding.verdicts import says_absent
from retrieval.catalog.product import Product
from tests.test_understanding_conv10b import KITCHEN, _ctx, _types


@pytest.mark.parametrize("text", [
    "ovenly crisp kettle does it whistle when it boils",          # a name, then the question, no comma
    "the brewhaus whirl blender is that one dishwasher safe",
])
def test_a_question_run_on_after_a_name_asks_about_that_product(text):
    assert _types(text, _ctx(shown=("K1", "K2", "K5", "K6"))) == ["ask_about"]


def test_a_question_run_on_after_a_statement_asks_about_the_product_in_focus():
    assert _types("my kitchen is tiny is that one compact", _ctx(focus="K2")) == ["ask_about"]


def test_a_run_on_verb_pronoun_pair_in_a_need_is_no_question():
    assert "ask_about" not in _types("i want a kettle that is good for a small kitchen", _ctx(shown=(), focus=None))


def test_a_statement_with_a_question_mark_then_a_hope_asks_about_the_product_in_focus():
    assert _types("it is heavy? under 2 kg i hope", _ctx(focus="K2")) == ["ask_about"]


def test_a_short_value_question_right_after_an_answer_asks_about_the_product_in_focus():
    ctx = replace(_ctx(focus="K2"), history=("is the ovenly crisp kettle glass?",))
    assert _types("stainless steel?", ctx) == ["ask_about"]


def test_the_same_value_question_after_a_search_narrows_the_need():
    ctx = replace(_ctx(focus="K2"), history=("an electric kettle please",))
    assert _types("stainless steel?", ctx) != ["ask_about"]


@pytest.mark.parametrize("text, said", [
    ("does it hold more than two thousand millilitres", "does it hold more than 2000 millilitres"),
    ("fine down to minus twenty five", "fine down to -25"),
    ("a hundred and twenty pieces?", "120 pieces?"),
    ("forty-two inch waist", "42 inch waist"),
    ("the second one in two colours", "the second one in two colours"),      # small numbers alone stay words
])
def test_compound_number_words_are_read_as_digits(text, said):
    assert number_digits(text) == said


@pytest.mark.parametrize("text, first", [
    ("bonjour, i look for a kettle", "greeting"),
    ("hey i need a toaster for my flat", "greeting"),
    ("cheers and do you have waffle makers", "chitchat"),
])
def test_a_greeting_or_thanks_run_into_the_request_is_two_acts(text, first):
    acts = _types(text, _ctx(shown=(), focus=None, needs="", category=""))
    assert acts[0] == first and len(acts) == 2


@pytest.mark.parametrize("text, act", [
    ("show me the more economical ones", "cheaper"),
    ("something more luxe please, the price is not a problem", "pricier"),
    ("i'd like to see a few further blender options", "show_more"),
    ("can you show me a couple more kettles", "show_more"),
    ("could you put the two of them side by side", "compare"),
])
def test_relative_requests_in_more_registers(text, act):
    assert act in _types(text, _ctx(shown=("K1", "K2"), focus="K2"))


def test_the_order_deadline_with_express_is_a_shop_question():
    assert _types("what's the last day i can order with express and still have it before christmas",
                  _ctx(focus="K2")) == ["shop_question"]


def test_a_title_word_is_no_thing_the_row_says_is_absent():
    # "slippers" holds "slip", the thing "non-slip" keeps away — but here it only names the product
    assert not says_absent("non-slip sole", "do the cosy slippers grip on tiles?", "Cosy Home Slippers - Grey")
    assert says_absent("non-slip sole", "do the cosy slippers grip on tiles?")       # no title given: read as asked
    assert says_absent("non-slip sole", "will they slip on tiles?", "Cosy Home Slippers - Grey")


def _row(**attributes) -> Product:
    return Product(id="p", title="Hollow Fell Mummy Sleeping Bag - Red", brand="Hollow", attributes=attributes)


def test_filled_with_asks_the_material_and_a_word_of_it_answers():
    bag = _row(material="goose down with polyester shell", features=["compressible"])
    answer = answer_question(bag, "material", "down", [bag], "is the hollow fell filled with down?")
    assert (answer.verdict, answer.fact) == ("yes", "goose down with polyester shell")


def test_a_guys_one_or_a_girls_one_asks_which():
    hoodie = Product(id="h", title="Tarnby Zip Hoodie", attributes={"gender": "women", "features": ["hooded"]})
    answer = answer_question(hoodie, None, None, [hoodie], "is it a guys one or a girls one?")
    assert (answer.verdict, answer.fact) == ("value", "women")


NAMED = [Product(id="w", title="Fellside Stride Women's Trail Shoes - Grey", brand="Fellside"),
         Product(id="m", title="Fellside Stride Men's Leather Trail Shoes - Blue", brand="Fellside"),
         Product(id="t2", title="Kettleby Dome 2-Person Tent - Green", brand="Kettleby"),
         Product(id="t4", title="Kettleby Dome 4-Person Tent in Sand", brand="Kettleby"),
         Product(id="g", title="Tarn Grip Yoga Mat - Blue", brand="Tarn"),
         Product(id="gm", title="Tarn Grip Max Yoga Mat - Teal", brand="Tarn")]
NAMED += [Product(id=f"f{n}", title=f"Filler{n} Max Lantern", brand=f"Filler{n}") for n in range(40)]


@pytest.mark.parametrize("text, pid", [
    ("are the fellside stride womens ones leather?", "w"),      # the gender said rules out the men's of that name
    ("and the kettleby dome 4 person, how heavy", "t4"),          # "4 person" typed for "4-Person"
    ("tarn grip max, how thick", "gm"),                          # "max": a common word right after the model word
])
def test_names_typed_loosely(text, pid):
    assert ProductNames.from_products(NAMED).find(text).id == pid


def test_a_possessive_typed_without_its_apostrophe_is_stripped_with_the_name():
    shoe = NAMED[0]
    assert "women" not in strip_name("are the fellside stride womens trail shoes leather?", shoe).lower()


def test_a_value_does_not_answer_a_question_that_asks_only_yes_or_no():
    mug = Product(id="m", title="Harrow Commuter Travel Mug", attributes={"size": "600 ml", "features": ["leak-proof"]})
    answer = answer_question(mug, "size", None, [mug], "will it fit in the door pocket of my bag")
    assert answer.verdict == "unknown"
    asked = answer_question(mug, "size", None, [mug], "how big is it")
    assert (asked.verdict, asked.fact) == ("value", "600 ml")


def test_real_x_of_a_row_whose_value_holds_x_is_a_yes_and_of_an_imitation_a_no():
    coat = Product(id="c", title="Ember Quilted Coat", attributes={"material": "goose down with nylon shell"})
    fake = Product(id="f", title="Ember Synthetic Coat", attributes={"material": "faux down polyester"})
    assert answer_question(coat, None, None, [coat], "is that real down?").verdict == "yes"
    assert answer_question(fake, None, None, [fake], "is that real down?").verdict == "no"


def test_everyday_plurals_for_sheets_and_paddles_reach_the_catalog_s_kinds():
    from assistant.portrait.vocabulary import Vocabulary, find_mentions
    rows = [Product(id=str(n), title=f"Brand{n} {kind} Paddle Set", category="Sports > Racket Sports")
            for n, kind in enumerate(["Pickleball", "Pickleball", "Tennis", "Tennis"])]
    rows += [Product(id=f"s{n}", title=f"Brand{n} Breathable Sheet Set", category="Home > Bedding") for n in range(3)]
    v = Vocabulary.from_products(rows, {"categories": ["Sports", "Racket Sports", "Home", "Bedding"]})
    found = {m.value for m in find_mentions("need paddles and some sheets", v) if m.kind == "category"}
    assert found == {"Racket Sports", "Bedding"}


def test_a_kind_after_with_is_a_part_of_the_shown_need_not_another_need():
    from assistant.understanding.asked import other_kind
    from assistant.portrait.model import Portrait
    from assistant.portrait.vocabulary import Vocabulary
    from assistant.understanding.interpreter import Context
    v = Vocabulary(categories=["Yoga"], category_terms={"yoga mat": "Yoga", "yoga strap": "Yoga", "strap": "Yoga",
                                                        "mat": "Yoga"})
    c = Context(portrait=Portrait(category="Yoga", needs="a yoga mat"), vocabulary=v)
    assert not other_kind("only ones with a strap to carry them", v, c)
    assert other_kind("and a yoga strap too", v, c, fresh=True)


def test_any_idea_of_the_property_asks_its_value():
    from assistant.understanding.wh import asks_which
    assert asks_which("the corbel lamp, any idea of the lumen output?") and not asks_which("is it bright?")


def test_the_title_words_typed_after_the_name_run_are_stripped_with_it():
    light = Product(id="l", title="Corbel Apex Rechargeable Bike Light Set - White", brand="Corbel",
                    attributes={"colour": "white", "features": ["rechargeable"]})
    assert strip_name("corbel apex light set, how bright is it", light).strip(" ,") == "how bright is it"
    assert "rechargeable" in strip_name("is the corbel apex rechargeable", light)
    assert "in stock" in strip_name("is the corbel apex light in stock", light)


@pytest.mark.parametrize("text", [
    "handle stays cool or no",                  # a yes / no put as a choice
    "roughly how long does it take to boil",    # an adverb before the wh-word
    "is there a filter you have to replace",    # something of the one in focus
])
def test_more_ways_of_asking_about_the_product_in_focus(text):
    assert _types(text, _ctx(focus="K2")) == ["ask_about"]


def test_a_comma_then_an_auxiliary_and_a_person_is_a_question():
    assert _types("my flat is tiny, would she manage with it", _ctx(focus="K2")) == ["ask_about"]


def test_the_clause_after_a_worry_asks_and_the_lead_is_the_reason():
    from assistant.understanding.worries import asked_clause
    assert asked_clause("bit worried about the noise, does it have a quiet mode") == "does it have a quiet mode"
    # a clause that points back at the lead keeps the lead: the worry is what is asked about
    assert asked_clause("i wake up drenched, would it help").startswith("i wake up")
    assert asked_clause("my feet get hot, is that going to be a problem").startswith("my feet")


def test_a_suitability_question_with_a_harm_in_the_reason_asks_for_protection():
    cream = Product(id="c", title="Elm Night Cream", attributes={"features": ["fragrance free", "vegan"]})
    from assistant.understanding.rowmatch import CatalogValues
    answer = answer_question(cream, None, None, [cream], "would it be ok for my dad, he reacts to perfumes",
                             CatalogValues.from_products([cream]))
    assert (answer.verdict, answer.fact) == ("yes", "fragrance free")


def test_blisters_are_kept_off_by_a_seamless_toe():
    socks = Product(id="s", title="Fell Hiking Socks", attributes={"features": ["seamless toe", "recycled"]})
    from assistant.understanding.rowmatch import CatalogValues
    answer = answer_question(socks, None, None, [socks], "do they stop blisters on long walks",
                             CatalogValues.from_products([socks]))
    assert (answer.verdict, answer.fact) == ("yes", "seamless toe")


@pytest.mark.parametrize("text, said", [
    ("he's turning nine", "he's turning 9"),
    ("for my niece aged seven", "for my niece aged 7"),
    ("is that one only 10k", "is that one only 10000"),
])
def test_an_age_after_turning_or_aged_and_thousands_written_k_are_digits(text, said):
    assert number_digits(text) == said


def test_a_name_that_opens_the_message_takes_its_separator_with_it():
    jeans = Product(id="j", title="Fenwick Calder Pro Men's Relaxed Jeans - Blue", brand="Fenwick",
                    attributes={"size": "24-34", "inseam_in": 32})
    assert strip_name("fenwick calder pro jeans - do they go up to a 36", jeans, opening=True) == "do they go up to a 36"
    assert strip_name("fenwick calder pro jeans - do they go up to a 36", jeans) == " - do they go up to a 36"
    assert strip_name("is the fenwick calder pro any good", jeans).startswith("is the")


def test_go_up_to_a_size_holds_the_number_against_the_size_range():
    jeans = Product(id="j", title="Fenwick Relaxed Jeans", attributes={"size": "24-34", "inseam_in": 32})
    answer = answer_question(jeans, None, None, [jeans], "do they go up to a 36")
    assert (answer.verdict, answer.fact) == ("no", "24-34")


def test_protein_leather_is_no_real_leather():
    phones = Product(id="h", title="Orbit Headphones", attributes={"material": "aluminium and protein leather"})
    assert answer_question(phones, None, None, [phones], "real leather on the ear cups?").verdict == "no"


def test_working_without_the_item_is_not_answered_by_the_item():
    from assistant.understanding.rowmatch import CatalogValues
    speaker = Product(id="s", title="Beam Speaker", attributes={"features": ["bluetooth", "wi-fi"]})
    answer = answer_question(speaker, "feature", "wi-fi", [speaker], "does it work without wifi",
                             CatalogValues.from_products([speaker]))
    assert answer.verdict == "unknown"


@pytest.mark.parametrize("text", ["any good for making smoothies", "they come with a spare lid"])
def test_statements_about_the_product_in_focus_ask_about_it(text):
    assert _types(text, _ctx(shown=("K5", "K6"), focus="K5")) == ["ask_about"]
