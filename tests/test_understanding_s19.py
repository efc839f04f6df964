"""Session 19: blind17 read once it became tuning data. The causes, each tested on phrasings and rows of our own:

- a statement, then a sentence put as a question ("she listens to the radio. could she get fm on the <name>"): the
  question is read whatever the statement before it says (a "sort of thing" in the statement asks for no similar ones);
- "my knees are not happy" is the shopper's body, not a complaint for a person to handle;
- prices relative to what was shown in other words ("i'd pay more", "dearer", "anything under that");
- positions said as numbers ("number one and number two") and "put the first next to the third";
- numbers said in words against the row: "a full litre", "just one player", "any quicker than that" (equal is no);
- a wh-word only in the why after the question mark asks nothing; "<topic>. what is it on the <name>";
- what a part is "made of" is a material, not the part's other number; a stated age before "how many pieces";
- a reviewer quoted ("i read a review of … that said", "a review called …") asks no rating;
- a hair or skin type said against the row's ("thick hair" of a "fine" one), a vegan question against leather;
- "wat"/"wats", "ta very much", "oh well, that's a pity", "he also wants a …", "do you also sell those …",
  "if i order it today would it get to me before saturday", a business rate.
"""

from __future__ import annotations

import pytest

from assistant.guide.compare import parse_compare
from assistant.knowledge.intent import classify
from assistant.understanding.answer import answer_question
from assistant.understanding.quantity import spelled_quantity
from assistant.understanding.rowmatch import CatalogValues
from assistant.understanding.slots import likes
from tests.test_understanding_conv10b import _ctx, _types, _vocabulary
from retrieval.catalog.product import Product

FLASK = Product(id="F1", title="Tarrow Commuter Flask", attributes={"size": "600 ml", "colour": "teal"})
BANK = Product(id="B1", title="Voltin Pocket Power Bank", attributes={"output_w": 20, "capacity_mah": 10000})
GAME = Product(id="G1", title="Pennant Harbour Tactics Board Game", attributes={"players": "3-6", "age_range": "10+"})
SET = Product(id="L1", title="Brickla Harbour Crane Set", attributes={"size": "640-piece", "age_range": "8+"})
TRAINER = Product(id="T1", title="Fleetfoot Pace Running Shoe", attributes={"drop_mm": 6, "features": ["wide fit"]})
CLEAVER = Product(id="C1", title="Haldor Chef Cleaver",
                  attributes={"material": "carbon steel", "blade_hardness_hrc": 60})
LOAFER = Product(id="S1", title="Marden City Loafer", attributes={"material": "suede", "colour": "tan"})


def _answer(product: Product, question: str, others: tuple = ()) -> tuple[str, str | None]:
    rows = [product, *others]
    got = answer_question(product, None, None, rows, question, CatalogValues.from_products(rows))
    return got.verdict, got.fact


# -- acts --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "we host a lot of dinners. is the ovenly crisp kettle glass",
    "my sister broke hers last week. does the ovenly crisp kettle come in black",
    "our guests notice that sort of thing. is the ovenly crisp kettle glass",
])
def test_a_statement_then_a_question_sentence_asks_about_the_product(text):
    assert _types(text, _ctx()) == ["ask_about"]


def test_a_statement_then_a_question_with_the_product_in_focus():
    assert _types("she forgets to refill it. how much water does it hold", _ctx(focus="K2")) == ["ask_about"]


@pytest.mark.parametrize("text, expected", [
    ("honestly i'd pay more for one that lasts, what are the better quality ones", ["pricier"]),
    ("i don't mind paying more, what are the dearer options", ["pricier"]),
    ("a bit more than i'd planned to spend, anything under that", ["cheaper"]),
    ("can you pull up a couple more in that vein", ["more_like"]),
])
def test_prices_relative_to_the_shown_said_other_ways(text, expected):
    assert _types(text, _ctx(focus="K2")) == expected


def test_a_pronoun_after_this_year_is_no_pick_of_one():
    from assistant.understanding.rules import RulesInterpreter
    acts = RulesInterpreter().interpret("only one more party this year, anything less expensive than these", _ctx())
    assert [a.type.value for a in acts.acts] == ["cheaper"] and acts.acts[0].product is None


@pytest.mark.parametrize("text, positions", [
    ("put the first one next to the third", (1, 3)),
    ("i'm torn between kettle number one and number two, how do they stack up", (1, 2)),
    ("compare no. 2 and no. 4", (2, 4)),
])
def test_positions_said_as_numbers_in_a_comparison(text, positions):
    assert parse_compare(text, 4).positions == positions


@pytest.mark.parametrize("text, expected", [
    ("brilliant, sorted for now, ta very much", ["chitchat"]),
    ("oh well, that's a shame, he'll be gutted", ["chitchat"]),
    ("oh well, show me others", ["show_more"]),
])
def test_courtesy_and_disappointment_are_chitchat(text, expected):
    assert _types(text, _ctx()) == expected


def test_wat_is_what():
    assert _types("wats the material on the ovenly crisp kettle", _ctx()) == ["ask_about"]


def test_also_wants_a_kind_is_a_new_need_after_a_vague_one():
    ctx = _ctx(needs="something for my nephew", category="", shown=("K1", "K2"))
    assert _types("he also wants a wool throw for his room", ctx) == ["search"]


def test_those_before_a_kind_not_shown_asks_the_shop_for_it():
    got = _types("do you also sell those memory foam toppers for allergies", _ctx())
    assert got == ["not_carried"]


@pytest.mark.parametrize("text", [
    "if i order it today, would it get to me before friday? it's a present",
    "is there a business rate if we order for the whole office",
])
def test_delivery_dates_and_business_rates_are_shop_questions(text):
    assert _types(text, _ctx(focus="K2")) == ["shop_question"]


def test_a_reset_does_not_search_for_what_they_have_plenty_of():
    got = _types("she says she has plenty of kettles, so wipe all that and let's begin again", _ctx())
    assert got == ["reset"]


def test_like_mine_is_no_liked_thing():
    assert likes("what else is there for skin like mine", _vocabulary()) == []


def test_a_body_part_not_happy_is_no_complaint():
    assert classify("my current mat is 4mm and my knees are not happy, i want something thicker").kind == "policy"
    assert classify("my back is unhappy with this chair, i need a better one").kind == "policy"
    assert classify("i'm not happy with the chair i got").kind == "complaint"


# -- answers -----------------------------------------------------------------------------------------------------

def test_a_full_litre_is_one_litre():
    assert spelled_quantity("does it take a full litre?") == "does it take 1 litre?"
    assert _answer(FLASK, "does it take a full litre? that's how much i drink") == ("no", "600 ml")


def test_a_wh_word_only_in_the_why_asks_nothing():
    assert _answer(FLASK, "does it hold 600 ml? that's how much i get through")[0] == "yes"


def test_quicker_than_an_equal_number_is_no():
    assert _answer(BANK, "mine puts out 20 watts. is the voltin any quicker than that") == ("no", "20")
    assert _answer(BANK, "is it faster than 10 watts") == ("yes", "20")


def test_a_hair_type_said_against_the_rows():
    serum = Product(id="H2", title="Loomi Light Serum", attributes={"hair_type": "fine"})
    assert _answer(serum, "would it suit really thick hair like mine") == ("no", "fine")
    assert _answer(serum, "is it for fine hair") == ("yes", "fine")


def test_a_stated_age_before_a_count_question():
    got = _answer(SET, "the ten-year-old keeps hinting about it, so how many pieces does that come with")
    assert got == ("value", "640-piece")


def test_one_player_in_words_against_the_range():
    assert _answer(GAME, "i play alone most weeks, would it work with just one player") == ("no", "3-6")
    assert _answer(GAME, "would it work for four players") == ("yes", "3-6")


def test_a_part_made_of_is_a_material():
    assert _answer(CLEAVER, "what's the blade actually made of? my dad reckons stainless") == ("value", "carbon steel")
    assert _answer(CLEAVER, "how hard is the blade") == ("value", "60")


def test_my_feet_is_no_unit_asked():
    from assistant.understanding.quantity import text_quantity
    assert text_quantity(TRAINER, "my feet swell by the evening. is there extra room in the width", None) is None
    kettle = Product(id="K9", title="Ovenly Kettle", attributes={"capacity_l": 1.7})
    assert text_quantity(kettle, "how many litres does it hold", None) == "1.7"


def test_a_topic_then_what_is_it():
    assert _answer(TRAINER, "my coach goes on about heel drop. what is it on these") == ("value", "6")


def test_a_vegan_question_against_an_animal_material():
    assert _answer(LOAFER, "i went vegan this year, are these vegan") == ("no", "suede")


@pytest.mark.parametrize("text", [
    "i read a review of the ovenly crisp kettle that said it rattles, is that a known issue",
    "several reviews of the ovenly crisp kettle say the lid sticks. does the listing mention it",
])
def test_a_reviewer_quoted_asks_no_rating(text):
    from assistant.understanding.rules import RulesInterpreter
    acts = RulesInterpreter().interpret(text, _ctx()).acts
    assert [a.type.value for a in acts] == ["ask_about"] and acts[0].aspect != "rating"


def test_a_count_asked_beside_a_stated_age_with_the_age_aspect():
    said = "the ten-year-old keeps hinting, so how many pieces is it"
    got = answer_question(SET, "age_range", "10 years", [SET], said, CatalogValues.from_products([SET]))
    assert (got.verdict, got.fact) == ("value", "640-piece")


def test_two_values_said_then_which_is_it():
    from assistant.understanding.wh import which_after
    said = "one review called the colour teal, another said green. which is it"
    assert which_after(said) == "one review called the colour teal, another said green."
    assert _answer(FLASK, said) == ("value", "teal")


# -- two requests in one message (a product question and a shop question) -----------------------------------------

@pytest.mark.parametrize("text", [
    "is the ovenly crisp kettle glass? and how long does delivery take",
    "does the second one come in black and can i return it if it doesn't suit",
])
def test_a_product_question_and_a_shop_question_are_both_read(text):
    from assistant.understanding.rules import RulesInterpreter
    acts = RulesInterpreter().interpret(text, _ctx()).acts
    assert [a.type.value for a in acts] == ["ask_about", "shop_question"]
    assert acts[1].value and "kettle" not in acts[1].value and "black" not in acts[1].value


def test_a_shop_question_alone_is_still_one_act():
    assert _types("and how long does delivery take", _ctx()) == ["shop_question"]
    assert _types("can i return it if it doesn't suit", _ctx(focus="K2")) == ["shop_question"]


def test_both_requests_are_answered_in_one_reply(fake_assistant):
    fake_assistant.chat("a waterproof jacket", session_id="both")
    before = fake_assistant.chat("is the first one hooded?", session_id="both")
    reply = fake_assistant.chat("is the first one hooded? and how long does delivery take", session_id="both")
    assert [a["type"] for a in reply.acts] == ["ask_about", "shop_question"]
    assert reply.answer is not None and reply.answer["verdict"] == before.answer["verdict"]
    assert reply.text.startswith(before.text)     # the product's answer first, then the shop's
    # no shop knowledge in this data directory: the shop part is handed to a person, nothing invented
    assert "don't have that information" in reply.text and reply.handoff["reason"] == "unanswerable"
    assert [p.product.id for p in reply.products] == [p.product.id for p in before.products]


def test_a_question_after_the_shop_question_goes_on_with_it_unless_it_names_a_product():
    assert _types("do you ship to portugal? and what does it cost", _ctx()) == ["shop_question"]
    assert _types("do you ship to portugal? and is the ovenly crisp kettle glass", _ctx()) == \
        ["ask_about", "shop_question"]
