"""Session 16: blind14 read once it became tuning data — a question taken back and asked again, statements with a
negative tag, questions relayed for someone else, "same question" of another product, comparisons asked as "line up" /
"put next to" / "against each other", either-or questions answered with the value, a feature named beside its sibling
(relaxed fit / slim fit), a counted number beside a feature sharing its word, letter sizes in lists, ages said as "he's
seven", title words of a brand-and-model name, and shop questions about bulk discounts, same-day dispatch and sending
abroad. Every phrasing and row here is our own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.guide.compare import asks_comparison
from assistant.understanding.answer import answer_question
from assistant.understanding.cues import number_digits
from assistant.understanding.names import strip_name
from assistant.understanding.rowmatch import CatalogValues
from assistant.portrait.vocabulary import Vocabulary, title_terms
from tests.test_understanding_conv10b import KITCHEN, _ctx, _types
from retrieval.catalog.product import Product


@pytest.mark.parametrize("text", [
    "is the ovenly crisp kettle glass? oops, scratch that, what i actually want to know is is it black",
    "does it boil fast? sorry, ignore that question, my real question is is it black",
])
def test_a_question_taken_back_is_not_asked(text):
    from assistant.understanding.rules import RulesInterpreter

    got = RulesInterpreter().interpret(text, _ctx(focus="K2"))
    assert [a.type.value for a in got.acts] == ["ask_about"]
    assert "black" in got.question and "glass" not in got.question and "boil" not in got.question


def test_a_correction_in_a_statement_is_not_a_question_taken_back():
    # "X, scratch that, Y": the need is corrected (the portrait's job), not a question withdrawn
    assert _types("now a toaster, scratch that, a blender", _ctx(shown=("K1", "K2"))) != ["ask_about"]


@pytest.mark.parametrize("text", [
    "the ovenly crisp kettle was the glass one, wasn't it",
    "ovenly crisp kettle is black isnt it",
    "my wife asks whether the ovenly crisp kettle is glass",
])
def test_negative_tags_and_relayed_questions_ask_about_the_named_product(text):
    assert _types(text, _ctx()) == ["ask_about"]


def test_same_question_asks_the_previous_question_of_the_product_named():
    from assistant.understanding.rules import RulesInterpreter

    ctx = replace(_ctx(focus="K1"), history=("is the ovenly breeze kettle glass?",))
    got = RulesInterpreter().interpret("and the ovenly crisp kettle then, same question", ctx)
    assert [a.type.value for a in got.acts] == ["ask_about"] and got.acts[0].product_id == "K2"


@pytest.mark.parametrize("text, compares", [
    ("set it beside the first one", True), ("line the two kettles up against each other", True),
    ("weigh them up for me", True), ("can you line the second one up with the first", True),
    ("put it in the basket", False), ("it stands next to the sink", False),
])
def test_comparisons_asked_without_the_word_compare(text, compares):
    assert asks_comparison(text) is compares


def test_what_else_asks_for_more_of_the_shown_need_not_a_price():
    assert _types("what else is there at about that price", _ctx()) == ["show_more"]


@pytest.mark.parametrize("text, act", [
    ("could he exchange it for the next size up if it's wrong", "shop_question"),
    ("is there a bulk discount for a school order", "shop_question"),
    ("if i order this morning will it go out today", "shop_question"),
    ("can you post it over to vancouver", "shop_question"),
])
def test_shop_questions_about_swaps_bulk_dispatch_and_destinations(text, act):
    assert _types(text, _ctx()) == [act]


def test_relayed_thanks_before_a_request_is_chitchat_and_the_request():
    assert _types("she says thanks, and could she see some cheaper ones", _ctx()) == ["chitchat", "cheaper"]


def test_anything_like_it_in_a_colour_is_more_like_that_one_and_the_colour():
    assert _types("the second one's lovely, anything like it in white?", _ctx()) == ["more_like", "refine"]


def test_what_have_you_got_in_a_material_narrows_the_shown_need():
    assert _types("ok then, what have you got in glass", _ctx()) == ["refine"]


def test_a_request_ending_in_please_is_no_product_name():
    from assistant.understanding.asked import _NEED_LEAD

    # the lead before "my …" is read as a product's name only when it is no request (a title may hold every word)
    assert _NEED_LEAD.match("trail running shoes please") and _NEED_LEAD.match("a kettle")
    assert not _NEED_LEAD.match("the ovenly crisp kettle")


def test_an_either_or_about_the_one_in_focus_is_a_question():
    ctx = replace(_ctx(focus="K2"), history=("is the ovenly crisp kettle black?",))
    assert _types("glass on the inside, or something plastic?", ctx) == ["ask_about"]
    assert _types("what's the body, glass or plastic", ctx) == ["ask_about"]


def test_a_value_asked_then_a_reason_naming_another_value_is_asked_of_the_one_in_focus():
    ctx = replace(_ctx(focus="K2"), history=("is the ovenly crisp kettle black?",))
    assert _types("glass jug? i hate the taste of plastic", ctx) == ["ask_about"]


MUG = Product(id="m", title="Kiln Everyday Insulated Mug - Sage", brand="Kiln",
              attributes={"features": ["insulated", "leak-proof", "slim fit"], "material": "stainless steel"})
TEE = Product(id="t", title="Loam Organic Tee", category="Apparel > T-Shirts", brand="Loam",
              attributes={"features": ["slim fit", "organic"], "size": "XS-L"})
LOOSE = Product(id="u", title="Loam Boxy Tee", category="Apparel > T-Shirts", brand="Loam",
                attributes={"features": ["relaxed fit"], "size": "S-XXL"})


@pytest.mark.parametrize("question", ["insulated, or only single walled?", "insulated or does it go cold fast"])
def test_an_either_or_is_answered_with_the_value(question):
    answer = answer_question(MUG, None, None, [MUG], question, CatalogValues.from_products([MUG]))
    assert (answer.verdict, answer.fact) == ("value", "insulated")


def test_a_sibling_feature_of_the_category_is_a_no_with_the_row_item():
    values = CatalogValues.from_products([TEE, LOOSE])
    answer = answer_question(TEE, None, None, [TEE, LOOSE], "is it a relaxed fit? i like room to move", values)
    assert (answer.verdict, answer.fact) == ("no", "slim fit")
    assert answer_question(TEE, None, None, [TEE, LOOSE], "is it slim fit?", values).verdict == "yes"


def test_a_counted_number_is_answered_by_the_count_not_a_feature_sharing_its_word():
    puzzle = Product(id="p", title="Fen Harbour Jigsaw", attributes={"features": ["large pieces"], "piece_count": 750})
    values = CatalogValues.from_products([puzzle])
    assert (answer_question(puzzle, None, None, [puzzle], "is it 300 pieces?", values).verdict) == "no"
    assert (answer_question(puzzle, None, None, [puzzle], "is it 750 pieces?", values).fact) == "750"


@pytest.mark.parametrize("question, verdict", [
    ("does it come in M", "yes"), ("does it come in both s and l", "yes"), ("does it come in xl", "no"),
    ("is it available in m or xxl", "no"),
])
def test_letter_sizes_in_a_list_are_all_asked(question, verdict):
    assert answer_question(TEE, None, None, [TEE], question).verdict == verdict


@pytest.mark.parametrize("text, digits", [
    ("if he's seven is it ok", "if he's 7 is it ok"), ("my eldest is nine, fine for her?", "my eldest is 9, fine for her?"),
    ("she's one of those people who", "she's one of those people who"),
])
def test_an_age_said_of_a_person(text, digits):
    assert number_digits(text) == digits


def test_a_size_said_with_really_is_read():
    jeans = Product(id="j", title="Cove Straight Jeans", attributes={"size": "26-32"})
    values = CatalogValues.from_products([jeans])
    assert answer_question(jeans, None, None, [jeans], "if she's really a 34, would they still fit", values).verdict == "no"
    assert answer_question(jeans, None, None, [jeans], "if she's actually a 28, would they fit", values).verdict == "yes"


def test_a_brand_and_the_model_words_after_it_are_the_name():
    knife = Product(id="k", title="Ember Forged Santoku Knife Ridge 3 (Grey)", brand="Ember",
                    attributes={"blade_hardness_hrc": 60, "material": "damascus steel"})
    assert strip_name("hrc on the ember ridge 3?", knife) == "hrc on the ?"
    question = strip_name("what's the hrc of the ember ridge 3?", knife, opening=True)
    answer = answer_question(knife, None, None, [knife], question, CatalogValues.from_products([knife]))
    assert (answer.verdict, answer.fact) == ("value", "60")


def test_a_compound_ending_in_a_generic_filler_word_names_its_category():
    sets = [Product(id=f"s{i}", title=f"{b} {m} Croquet Set - Green", category="Garden > Lawn Games", brand=b)
            for i, (b, m) in enumerate([("Brook", "Lawn"), ("Tarn", "Classic"), ("Brook", "Park")])]
    other = [Product(id="t", title="Brook Tea Set", category="Kitchen > Teaware", brand="Brook")]
    terms = title_terms(sets + other, Vocabulary(brands=["Brook", "Tarn"]))
    assert terms.get("croquet set") == "Lawn Games" and "tea set" not in terms     # (one title: too little evidence)


def test_a_kind_named_at_the_start_of_a_new_item_of_a_list_is_a_new_need():
    from assistant.portrait.extract import extract_turn

    assert extract_turn("next on her list: a toaster", Vocabulary()).new_need


@pytest.mark.parametrize("text, wh", [
    ("when it pours is there a hood", False), ("when i'm cold does it keep me warm", False),
    ("when does it arrive", True), ("when is it back in stock", True),
])
def test_a_when_clause_before_a_yes_no_question_is_no_wh_question(text, wh):
    from assistant.understanding.wh import _WH

    assert bool(_WH.match(text)) is wh


def test_a_conditional_clause_leaves_the_yes_no_question_answered():
    bag = Product(id="b", title="Fenwick Ridge Daypack", attributes={"features": ["rain cover included", "hip belt"]})
    answer = answer_question(bag, None, None, [bag], "when it buckets down is there a cover for it",
                             CatalogValues.from_products([bag]))
    assert (answer.verdict, answer.fact) == ("yes", "rain cover included")


def test_a_number_of_the_name_is_no_count_asked():
    knife = Product(id="k", title="Ember Santoku Ridge 3", brand="Ember",
                    attributes={"features": ["blade guard included"], "blade_hardness_hrc": 60})
    answer = answer_question(knife, None, None, [knife], "does the ridge 3 come with a blade guard",
                             CatalogValues.from_products([knife]))
    assert (answer.verdict, answer.fact) == ("yes", "blade guard included")


def test_what_is_in_it_asked_then_why_is_a_question_about_the_one_in_focus():
    ctx = replace(_ctx(focus="K2"), history=("is the ovenly crisp kettle black?",))
    assert _types("any plastic in that one? it taints the water", ctx) == ["ask_about"]


def test_is_the_named_one_like_that_one_asks_about_the_named_one():
    assert _types("is the ovenly crisp kettle glass like that one", _ctx(shown=("K1", "K3"), focus="K1")) == ["ask_about"]


def test_a_reason_keeping_away_a_thing_the_row_has_is_a_no():
    boot = Product(id="b", title="Harrow Chelsea Boot", attributes={"material": "suede leather", "features": ["pull tabs"]})
    values = CatalogValues.from_products([boot])
    answer = answer_question(boot, None, None, [boot], "are they cruelty free? my son won't wear leather", values)
    assert (answer.verdict, answer.fact) == ("no", "suede leather")
    assert answer_question(boot, None, None, [boot], "pull tabs? he hates laces", values).verdict == "yes"


@pytest.mark.parametrize("question, verdict", [
    ("will it work with my chromebook", "unknown"), ("does it clip onto a pram", "unknown"),
    ("will it work with a tablet", "yes"),          # the row names tablets: answered from it
    ("does it work for a group of five?", "unknown"),      # (no compatibility asked: other readings decide)
])
def test_whether_it_goes_with_a_thing_the_catalog_never_names(question, verdict):
    kb = Product(id="k", title="Drift Wireless Keyboard", category="Keyboards",
                 attributes={"features": ["wireless", "tablet stand"], "colour": "grey"})
    assert answer_question(kb, None, None, [kb], question, CatalogValues.from_products([kb])).verdict == verdict
