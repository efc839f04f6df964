"""Session 13: blind11 read once it became tuning data — questions put in other shapes, names typed loosely,
everyday words for kinds of product, and "do you sell X as well". Every phrasing and row here is our own."""

from __future__ import annotations

import pytest

from assistant.portrait.vocabulary import Vocabulary, find_mentions
from assistant.understanding.names import ProductNames
from retrieval.catalog.product import Product
from tests.test_understanding_conv10b import KITCHEN, _ctx, _types


@pytest.mark.parametrize("text", [
    "my partner works nights, am i going to wake her with it",                   # ", am i …" after a statement
    "the ovenly crisp kettle - if i fill it right up will it spit everywhere",    # an if-clause, then the inversion
    "the ovenly crisp kettle - is it glass? my old one was plastic and it tasted", # the question, then why
])
def test_a_question_after_a_lead_or_before_a_reason_asks_about_the_product(text):
    assert _types(text, _ctx(focus="K2")) == ["ask_about"]


@pytest.mark.parametrize("text, focus", [("size 9 ok", "K2"), ("the ovenly crisp kettle 2 litres ok", None)])
def test_a_measure_followed_by_ok_asks_about_the_product(text, focus):
    assert _types(text, _ctx(focus=focus)) == ["ask_about"]


def test_a_measure_with_ok_and_nothing_to_ask_about_is_no_question():
    assert _types("size 9 ok", _ctx(shown=(), needs="", category="")) != ["ask_about"]


def test_is_that_a_kind_word_describes_the_product_in_focus():
    # "toaster" names another kind of the catalog, but "is that a …" says what the product in focus is
    assert _types("is that a big kettle or a small one", _ctx(focus="K1")) == ["ask_about"]


def test_a_name_phrase_before_the_dash_wins_over_a_title_word_in_the_question():
    from assistant.understanding.references import named_product
    ctx = _ctx(shown=("K1", "K2", "K5", "K6"))
    # "blender" of the Brewhaus Whirl; "glass" is in the question, and is the other Whirl's material only
    assert named_product("brewhaus whirl - is the jug glass", [], ctx).id == "K6"


def test_lite_and_light_are_the_same_brand_word():
    rows = [Product(id="a", title="Peakwise Summit 2 Boots", brand="Peakwise"),
            Product(id="b", title="Fellite Cadence 2 Hiking Boots", brand="Fellite")]
    rows += [Product(id=f"f{n}", title=f"Filler{n} Lantern", brand=f"Filler{n}") for n in range(50)]
    assert ProductNames.from_products(rows).find("the fellight cadence 2, are they warm").id == "b"


def test_everyday_words_for_a_kind_reach_the_catalog_s_word_only_when_it_has_it():
    shoes = [Product(id=str(n), title=f"Brand{n} Court Sneakers", category="Shoes > Sneakers") for n in range(5)]
    v = Vocabulary.from_products(shoes, {"categories": ["Shoes", "Sneakers"]})
    assert [(m.kind, m.value) for m in find_mentions("white trainers for the gym", v)][:1] == [("category", "Sneakers")]
    other = Vocabulary.from_products(KITCHEN, {"categories": ["Small Appliances"]})
    assert not [m for m in find_mentions("white trainers", other) if m.kind == "category"]


def test_do_you_sell_a_thing_as_well_is_not_carried_when_only_a_part_of_other_products_names_it():
    from assistant.guide.honesty import CatalogLexicon
    from assistant.understanding.handlers import carried
    from assistant.understanding.asked import object_phrase as _object_phrase
    from assistant.understanding.cues import load_cues

    lex = CatalogLexicon.from_products([
        Product(id="1", title="Trek Daypack", category="Bags > Backpacks", attributes={"features": ["laptop sleeve"]}),
        Product(id="2", title="Mixo Stand Mixer", category="Kitchen > Appliances")])
    phrase = _object_phrase("do you sell laptop stands as well?", load_cues()["carry"])
    assert phrase == "laptop stands"
    assert not carried(phrase, lex)
    assert carried("a laptop daypack", lex) and carried("stand mixers", lex)


@pytest.mark.parametrize("text, want", [
    ("ah brilliant, ta - any in black?", ["chitchat", "refine"]),
    ("ooh thanks. what else is there", ["chitchat", "show_more"]),
])
def test_thanks_in_other_words_in_front_of_a_request(text, want):
    assert _types(text, _ctx()) == want


def test_two_named_products_either_side_of_than_are_compared():
    assert _types("is the ovenly crisp kettle quieter than the ovenly breeze kettle", _ctx()) == ["compare"]


def test_a_remark_on_a_named_product_s_price_is_no_request_for_cheaper_ones():
    assert _types("would the ovenly breeze kettle do for a big family, it's a lot cheaper", _ctx()) == ["ask_about"]
    assert "cheaper" in _types("anything a lot cheaper?", _ctx())


def test_a_need_with_a_question_mark_then_a_budget_stays_a_need():
    # the portrait suite's "an insulated tumbler maybe? under 35": the sentence before the mark asks nothing
    assert "ask_about" not in _types("an ovenly kettle maybe? under 50", _ctx(needs="a present", category="", shown=()))


def test_a_common_word_right_after_a_model_word_completes_the_name():
    rows = [Product(id="a", title="Norrow Hooded Jacket Ridgeway Flex (Green)", brand="Norrow", category="Jackets"),
            Product(id="b", title="Selby Ridgeway Plus Insulated Jacket", brand="Selby", category="Jackets")]
    rows += [Product(id=f"f{n}", title=f"Brand{n} Model{n} Flex Lantern", brand=f"Brand{n}") for n in range(300)]
    assert ProductNames.from_products(rows).find("Ridgeway Flex jacket. Rain proof?").id == "a"


def test_gonna_after_a_lead_and_a_short_suitability_question_ask_about_the_product():
    assert _types("the ovenly crisp kettle - my hands shake, gonna be too heavy?", _ctx()) == ["ask_about"]
    assert _types("good up to two litres?", _ctx(focus="K2")) == ["ask_about"]


@pytest.mark.parametrize("text, want", [
    ("next please", ["show_more"]),
    ("money is no problem, show me top quality", ["pricier"]),
    ("g'day! after a kettle", ["greeting", "search"]),
    ("good day, looking for a toaster", ["greeting", "search"]),
    ("hello sir, i want buy a blender", ["greeting", "search"]),
    ("thank you very much for your help!", ["chitchat"]),
    ("what's your return policy on kettles", ["shop_question"]),
])
def test_intents_in_more_registers(text, want):
    fresh = _ctx(shown=(), needs="", category="") if want[0] == "greeting" else _ctx()
    assert _types(text, fresh) == want


@pytest.mark.parametrize("text", ["they're glass i assume", "i take it it's glass", "battery is how many hours"])
def test_a_statement_put_up_for_confirmation_or_a_late_wh_word_asks_about_the_product_in_focus(text):
    assert _types(text, _ctx(focus="K2")) == ["ask_about"]


def test_a_like_is_no_confirmation_without_a_pronoun_for_the_product():
    assert _types("i guess something in red", _ctx(focus="K2")) != ["ask_about"]


def test_the_reason_after_a_question_sets_no_aspect_but_its_number_is_read():
    from assistant.understanding.rules import RulesInterpreter
    acts = RulesInterpreter().interpret("is there a timer on it? my teenagers never watch it", _ctx(focus="K2")).acts
    assert [a.type.value for a in acts] == ["ask_about"] and acts[0].aspect is None


def test_an_age_said_with_only_or_nearly():
    from assistant.understanding.ages import age_asked
    assert age_asked("can he play it? my son is only 4") == "4 years"
    assert age_asked("she's nearly 7, ok?") == "7 years"


def test_a_feature_named_word_for_word_that_the_row_lacks_is_no_yes_by_a_near_item():
    from assistant.understanding.rowmatch import CatalogValues
    from assistant.understanding.verdicts import other_feature_named
    combo = Product(id="c1", title="Drift Keyboard Combo", category="Keyboards", attributes={"features": ["wireless"]})
    other = Product(id="c2", title="Tap Keyboard", category="Keyboards", attributes={"features": ["bluetooth"]})
    lamp = Product(id="l1", title="Glow Lamp", category="Lamps", attributes={"features": ["bluetooth"]})
    values = CatalogValues.from_products([combo, other, lamp])
    assert other_feature_named(combo, "is it bluetooth?", values, "wireless") == "bluetooth"
    assert other_feature_named(combo, "does it work without wires?", values, "wireless") is None
    assert other_feature_named(other, "is it bluetooth?", values, "bluetooth") is None       # the row has it
    desk = Product(id="d1", title="Desk Lamp", category="Desks", attributes={"features": ["wireless"]})
    assert other_feature_named(desk, "is it bluetooth?", values, "wireless") is None         # not used for desks


@pytest.mark.parametrize("text, ceiling", [
    ("i can spend up to ninety on a lamp", 90.0),
    ("pay up to sixty for it", 60.0),
    ("something around 150ish", 180.0),          # "around" keeps its usual headroom
])
def test_a_number_word_after_a_price_cue_and_ish_after_digits_are_money(text, ceiling):
    from retrieval.text.money import extract_budget
    assert extract_budget(text).max == ceiling


@pytest.mark.parametrize("text", ["toys for under fives", "under two kilos please"])
def test_a_small_number_word_after_under_is_no_budget(text):
    from retrieval.text.money import extract_budget
    assert extract_budget(text) is None
