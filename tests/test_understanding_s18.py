"""Session 18: blind16 read once it became tuning data — a count said against a counted value ("a 10 piece set" of
an "8-piece" set), "30h+" as at least, an age said as "a kid of seven", a length in inches against a range in cm, an
either-or the learned model answered yes / no, "which one" after a yes / no, a snow skirt is no waterproofing,
"less $$", courtesy in a formal register ("most kind", "dear sir or madam"), "learn whether", "you send to <place>",
"in the spirit of", "tell me more about that" after a liking, "make it <kind> only", and "i say it …" in a
disagreement; then probe18's causes (below). Every phrasing and row here is our own."""

from __future__ import annotations

import pytest

from assistant.understanding.answer import Answer, answer_question
from assistant.understanding.answer_checks import count_checked, either_checked
from assistant.understanding.quantity import compare_quantity
from assistant.understanding.rowmatch import CatalogValues
from assistant.understanding.wh import which_after
from tests.test_understanding_conv10b import _ctx, _types
from retrieval.catalog.product import Product

POTS = Product(id="C1", title="Fennick Hob Cookware Set", category="Kitchen > Cookware",
               attributes={"size": "12-piece"})
BUDS = Product(id="E1", title="Tunely Loop Earbuds", category="Audio > Headphones", attributes={"battery_life_h": 22})
CART = Product(id="R1", title="Zippo Racer Buggy", category="Toys > RC", attributes={"age_range": "6+"})
STAFF = Product(id="P1", title="Kammler Ridge Trekking Poles", category="Outdoor > Poles",
                attributes={"size": "100-135 cm"})
SOAP = Product(id="S1", title="Mirelle Oat Body Wash", category="Beauty > Bath",
               attributes={"scent": "oat milk", "features": ["sulphate free"]})


@pytest.mark.parametrize("question, verdict", [
    ("is that a 16 piece set", "no"), ("is it a 12-piece set?", "yes"), ("a twelve piece set?", "yes"),
])
def test_a_count_said_against_a_counted_value(question, verdict):
    values = CatalogValues.from_products([POTS])
    assert answer_question(POTS, None, None, [POTS], question, values).verdict == verdict


def test_count_checked_ignores_the_titles_own_number():
    pots = Product(id="C2", title="Fennick 6-Piece Pan Set", attributes={"size": "6-piece"})
    yes = Answer("C2", "size", "yes", "6-piece", "")
    assert count_checked(yes, pots, "the fennick 6-piece pan set, is it 10 pieces").verdict == "no"
    assert count_checked(yes, pots, "is the fennick 6-piece pan set dishwasher safe").verdict == "yes"


@pytest.mark.parametrize("question, verdict", [("tunely loop, 20h+ battery?", "yes"), ("24h+ battery on them?", "no")])
def test_a_number_with_a_plus_is_at_least(question, verdict):
    got = answer_question(BUDS, None, None, [BUDS], question, CatalogValues.from_products([BUDS]))
    assert (got.verdict, got.fact) == (verdict, "22")


@pytest.mark.parametrize("question, verdict", [
    ("fine for a kid of eight?", "yes"), ("ok for a child of four", "no"), ("would it suit a girl of six?", "yes"),
])
def test_an_age_said_as_a_kid_of_n(question, verdict):
    assert answer_question(CART, "age_range", None, [CART], question).verdict == verdict


@pytest.mark.parametrize("question, verdict", [
    ("do they extend to 50 inches?", "yes"), ("do they go to 58 inches", "no"), ("longer than 4 feet?", "yes"),
])
def test_a_length_in_another_unit_against_a_range(question, verdict):
    assert compare_quantity(STAFF, question) == (verdict, "size", "100-135 cm")


def test_an_either_or_answered_yes_or_no_is_the_value():
    slippers = Product(id="L1", title="Hobbe Fleece Slippers", attributes={"gender": "unisex"})
    no = Answer("L1", "gender", "no", "unisex", "")
    assert either_checked(no, slippers, "made for gents, ladies, or both?").verdict == "value"
    assert either_checked(no, slippers, "are they for gents?").verdict == "no"


def test_which_one_after_a_yes_or_no_asks_the_value():
    assert which_after("it comes scented, doesn't it? which one") == "it comes scented, doesn't it?"
    got = answer_question(SOAP, None, None, [SOAP], "there's a scent in it, right? which one",
                          CatalogValues.from_products([SOAP]))
    assert (got.verdict, got.fact) == ("value", "oat milk")


def test_a_modifier_shared_through_a_gloss_is_no_evidence_for_the_thing():
    from assistant.understanding.presence import asked_object
    assert asked_object("does it have a snow skirt") == "snow skirt"


@pytest.mark.parametrize("text, expected", [
    ("less $$ options?", ["cheaper"]),
    ("got others in the spirit of the first one?", ["more_like"]),
    ("you send to portugal?", ["shop_question"]),
    ("Much obliged. And do you post overseas?", ["chitchat", "shop_question"]),
    ("Most kind of you. What would express delivery cost?", ["chitchat", "shop_question"]),
])
def test_intents_in_other_registers(text, expected):
    assert _types(text, _ctx()) == expected


def test_dear_sir_or_madam_before_a_need_is_a_greeting():
    got = _types("Dear Sir or Madam, I wish to purchase an electric kettle.", _ctx(needs="", category="", shown=()))
    assert got == ["greeting", "search"]


def test_learn_whether_is_an_indirect_question():
    assert _types("I should be glad to learn whether the ovenly crisp kettle is glass", _ctx()) == ["ask_about"]


def test_tell_me_more_after_a_liking_asks_about_that_one():
    got = _types("she'd probably like the second one more... tell me more about that", _ctx())
    assert got == ["ask_about"]


def test_make_it_a_kind_only_narrows_the_need():
    assert _types("make it black kettles only", _ctx()) == ["refine"]


def test_i_say_it_in_a_disagreement_asks_about_the_one_in_focus():
    assert _types("fine. i say it is glass", _ctx(focus="K2")) == ["ask_about"]


# -- probe18 (our own tuning file in the voices blind17's writer reported) ------------------------------------------

def test_a_feature_asked_in_full_is_no_denial_when_its_word_is_in_the_title():
    scrub = Product(id="B1", title="Haze Fragrance-Free Body Scrub", attributes={"features": ["paraben free"]})
    values = CatalogValues.from_products([scrub])
    assert answer_question(scrub, None, None, [scrub], "is it paraben free at least", values).verdict == "yes"
    assert answer_question(scrub, None, None, [scrub], "does it have parabens", values).verdict == "no"


def test_a_value_said_in_the_why_does_not_turn_the_asked_yes():
    socks = [Product(id="W1", title="Ferren Trail Socks", attributes={"material": "merino wool blend"}),
             Product(id="W2", title="Ferren Gym Socks", attributes={"material": "cotton"})]
    got = answer_question(socks[0], None, None, socks, "are they merino? cotton ones make my feet sweat",
                          CatalogValues.from_products(socks))
    assert (got.verdict, got.fact) == ("yes", "merino wool blend")


@pytest.mark.parametrize("said, age", [
    ("like i said he's only four", "4 years"), ("baby is 4 months and tired", "4 months"),
    ("she's just 9 months", "9 months"), ("the warranty is 6 months", None),
])
def test_ages_said_with_only_or_in_months(said, age):
    from assistant.understanding.ages import age_asked
    from assistant.understanding.cues import number_digits
    assert age_asked(number_digits(said)) == age


def test_one_more_thing_before_a_named_product_asks_about_it():
    assert _types("one more thing for her: the ovenly crisp kettle, what is it made of", _ctx()) == ["ask_about"]


def test_a_product_to_go_with_it_is_a_new_need():
    assert _types("need a wool throw to go with it too", _ctx(focus="K2")) == ["search"]


def test_can_i_after_a_name_asks_about_it():
    assert _types("ovenly crisp kettle can i put it in the dishwasher", _ctx()) == ["ask_about"]


def test_a_need_after_a_remark_with_it_is_a_new_search():
    assert _types("apparently it gets cold there, need a wool throw", _ctx(focus="K2")) == ["search"]


def test_a_count_in_the_name_picks_the_product_with_that_count():
    from assistant.understanding.names import ProductNames
    sets = [Product(id="D1", title="Brickly Comet 810-Piece Block Set", brand="Brickly"),
            Product(id="D2", title="Brickly Comet 530-Piece Block Set", brand="Brickly")]
    assert ProductNames.from_products(sets).find("the brickly comet 810 piece block set, ok for a 5 year old?",
                                                 shown=[sets[1]]).id == "D1"


def test_whether_a_colour_fades_or_a_container_is_no_colour_answer():
    tee = Product(id="U1", title="Harlow Work Tee", attributes={"colour": "blue"})
    values = CatalogValues.from_products([tee])
    faded = answer_question(tee, "colour", None, [tee], "will the colour fade in a hot wash?", values)
    assert faded.verdict == "unknown"
    got = answer_question(tee, "colour", "pump", [tee], "does it come in a pump or a jar?", values)
    assert got.aspect != "colour" and got.verdict == "unknown"


def test_a_need_for_a_young_child_leads_with_what_suits_their_age():
    from assistant.understanding.recipient_fit import for_age, need_ages
    teen = Product(id="Z1", title="Orchard 1500-Piece Puzzle", attributes={"age_range": "14+"})
    kid = Product(id="Z2", title="Meadow 100-Piece Puzzle", attributes={"age_range": "5+"})
    assert need_ages("a puzzle for my granddaughter, she's seven") == (7.0, 7.0)
    assert [p.id for p in for_age([teen, kid], "a puzzle for my seven year old", key=lambda p: p)] == ["Z2", "Z1"]
    assert [p.id for p in for_age([teen, kid], "a puzzle for my aunt", key=lambda p: p)] == ["Z1", "Z2"]


def test_an_either_or_takes_the_value_nearest_the_or():
    mouse = Product(id="M1", title="Quova Arc Ergonomic Mouse", attributes={"features": ["ergonomic", "rechargeable"]})
    got = answer_question(mouse, None, None, [mouse], "is the quova arc ergonomic mouse rechargeable or battery powered?",
                          CatalogValues.from_products([mouse]))
    assert (got.verdict, got.fact) == ("value", "rechargeable")


@pytest.mark.parametrize("text, rating", [("a review said the lid cracks, is that a known fault?", False),
                                          ("what are the reviews like?", True), ("how is it rated", True)])
def test_a_review_quoted_as_the_source_of_a_claim_asks_no_rating(text, rating):
    from assistant.understanding.cues import load_cues
    assert bool(load_cues()["aspects"]["rating"].search(text)) is rating
