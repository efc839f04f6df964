"""Session 25: blind23 read once it became tuning data. The causes, each tested on phrasings and rows of our own:

- names: a title word that is also one of the row's values, typed inside the name ("the harrowgate brisk breathable
  vest, is it reflective?"), names the product; it is not asked;
- answers: a wh-question after the stripped name ("on the <name> what … have they given it?") asks a value, so no
  feature that merely sounds alike says yes; a property and the unit it is wanted in ("<name> weight in kilos
  please") asks its value.
"""

from __future__ import annotations

import pytest

from assistant.understanding.answer import answer_question
from assistant.understanding.names import strip_name
from assistant.understanding.rowmatch import CatalogValues
from assistant.understanding.wh import asks_which
from retrieval.catalog.product import Product

VEST = Product(id="V1", title="Harrowgate Brisk Men's Breathable Running Vest - Lime", brand="Harrowgate",
               category="Clothing > Running", attributes={"colour": "lime", "features": ["breathable", "zip pocket"]})
HAT = Product(id="H1", title="Saltmarsh Tilly Sun Hat", brand="Saltmarsh", category="Clothing > Hats",
              attributes={"material": "cotton", "features": ["wide brim", "packable"], "weight_g": 110})
DUMBBELL = Product(id="D1", title="Ironvale Hex Dumbbell", brand="Ironvale", category="Sports > Strength",
                   attributes={"material": "cast iron", "weight_kg": 10})
ROWS = [VEST, HAT, DUMBBELL]
VALUES = CatalogValues.from_products(ROWS)


def _asked(product: Product, question: str, aspect: str | None = None, value: str | None = None):
    got = answer_question(product, aspect, value, ROWS, question, VALUES)
    return got.verdict, got.fact


def test_a_row_value_typed_inside_the_name_is_named_not_asked():
    assert "breathable" not in strip_name("the harrowgate brisk breathable vest, is it reflective?", VEST)
    assert "breathable" not in strip_name("on the harrowgate brisk breathable running vest what size is it", VEST)
    # the value typed last, nothing of the name after it, is asked
    assert "breathable" in strip_name("is the harrowgate brisk breathable?", VEST)
    assert _asked(VEST, strip_name("the harrowgate brisk breathable vest, is it reflective?", VEST))[0] == "unknown"


def test_a_wh_question_after_a_stripped_name_asks_a_value():
    assert asks_which("on the  what brim depth have they given it?")
    assert asks_which("for the  which size would suit a toddler")
    assert _asked(HAT, "on the  what brim depth have they given it?")[0] != "yes"


@pytest.mark.parametrize("product, question, expected", [
    (DUMBBELL, "weight in kilos please", ("value", "10")),
    (HAT, "weight in grams pls", ("value", "110")),
])
def test_a_property_in_a_unit_asks_its_value(product, question, expected):
    assert asks_which(question)
    assert _asked(product, question) == expected


def test_a_question_mark_anywhere_puts_a_message_as_a_question():
    """The learned act model may read an unread message as a question about the product in focus only when the
    message is put as a question; "<question in other words>? <the why>" is, though no cue starts or ends it."""
    from assistant.understanding.act_model import put_as_question

    assert put_as_question("yeh waterproof hai kya? trek pe le jaana hai")
    assert put_as_question("can i hang it on a wall")
    assert not put_as_question("only the lighter ones, it all goes on the bike")


@pytest.mark.parametrize("question, expected", [
    ("is it safe for our brand new baby?", "no"),
    ("ok from day one?", "no"),
    ("ok for a toddler?", "yes"),
])
def test_a_new_baby_is_a_newborn(question, expected):
    rattle = Product(id="R1", title="Pipit Rattle", category="Toys > Baby", attributes={"age_range": "1+"})
    assert answer_question(rattle, "age_range", None, [rattle], question).verdict == expected


@pytest.mark.parametrize("text, expected", [
    ("on the ovenly crisp kettle what wattage have they given it? needs to boil fast", ["ask_about"]),
    ("is the lid flip-top? my hands shake and one like that would help", ["ask_about"]),
    ("is it ok for kids? got any others like that one", ["more_like"]),
    ("di ovenly crisp kettle can boil fi 2 litres? mi family big", ["ask_about"]),
    ("the brewhaus solo toaster does bagels? we eat loads", ["ask_about"]),
])
def test_what_blind23_read_wrong_said_our_way(text, expected):
    from tests.test_understanding_conv10b import _ctx, _types

    assert _types(text, _ctx(focus="K1")) == expected


@pytest.mark.parametrize("question, expected", [
    ("finish kaisa hai iska?", ("value", "matte")),
    ("main ingredient nani desu ka?", ("value", "shea butter")),
    ("matte finish?", ("yes", "matte")),
])
def test_a_key_named_in_other_words_asks_its_value(question, expected):
    balm = Product(id="B1", title="Fernhollow Lip Balm", category="Beauty > Lips",
                   attributes={"finish": "matte", "key_ingredient": "shea butter"})
    rows = [balm, Product(id="B2", title="Fernhollow Gloss", category="Beauty > Lips", attributes={"finish": "glossy"})]
    got = answer_question(balm, None, None, rows, question, CatalogValues.from_products(rows))
    assert (got.verdict, got.fact) == expected


def test_a_hydrostatic_head_is_the_waterproof_rating():
    shell = Product(id="S1", title="Corrie Storm Shell", category="Clothing > Jackets",
                    attributes={"features": ["hooded", "waterproof"], "waterproof_rating_mm": 20000})
    got = answer_question(shell, None, None, [shell], "what hydrostatic head does it have?",
                          CatalogValues.from_products([shell]))
    assert (got.verdict, got.fact) == ("value", "20000")


def test_a_message_that_narrows_the_list_is_never_more_of_it():
    """The learned act model read "ok only show me guys ones then" as "show me more"; "only" narrows the list."""
    from assistant.understanding.acts import Act, ActType, Interpretation
    from assistant.understanding.cues import load_cues
    from tests.test_understanding_conv10b import _toy

    model, blank = _toy(), Interpretation([Act(ActType.REFINE)])
    assert [a.type for a in model.second_opinion(blank, [0, 1, 0, 0, 0]).acts] == [ActType.SHOW_MORE]
    assert model.second_opinion(blank, [0, 1, 0, 0, 0], narrows=True) is blank
    assert load_cues()["narrows"].search("ok only show me the gals ones then")


def test_from_day_one_asks_the_age_range():
    assert load_aspect("age_range").search("is the pipit rattle ok from day one?")


def load_aspect(name: str):
    from assistant.understanding.cues import load_cues

    return load_cues()["aspects"][name]


def test_a_question_to_the_shop_is_not_also_one_about_a_product():
    """At the lower threshold (0.75) the model reads "where can i see if my parcel has left the warehouse" as a shop
    question (0.88) and as a product question (0.80); the shop's reading stands alone (every such tuning turn's gold
    is a shop question)."""
    import numpy as np

    from assistant.understanding.act_model import LearnedActs
    from assistant.understanding.acts import ActType

    classes = [t.value for t in ActType]
    coef = np.zeros((len(classes), 2))
    coef[classes.index("shop_question"), 0] = coef[classes.index("ask_about"), 0] = 8.0
    model = LearnedActs(classes, coef.tolist(), [-3.0] * len(classes), "toy", 0.75)
    assert model.predict([1.0, 0.0], focus=True) == ["shop_question"]
    assert model.predict([1.0, 0.0]) == ["shop_question"]
