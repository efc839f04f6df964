"""Session 27: blind25 read once it became tuning data. The causes, each tested on phrasings and rows of our own:

- a claim from the product's listing quoted back with a confirming tag ("spec sheet says 30,000 mAh, confirm?",
  "material listed as PVC, correct?") asks about the product in focus, and is a yes or a no, not a value;
- "separate item: <name>, …" switches to the product named (a topic switch said with "item" or "product");
- acts: "pull up a few more" asks for more; "you don't sell X, do you?" asks the range; "which of the first two …"
  and "which …, the first one or the second" weigh shown products; "lovely, thanks, we'll mull it over" is courtesy;
- answers: a "no" that only the why after the question made ("fragrance free? my skin is very sensitive", of a
  row whose skin type is dry) yields to the yes asked before the mark; "what piece count has it" asks the
  piece count, though sizes elsewhere are "14-piece"; "her first birthday" says her age.
"""

from __future__ import annotations

import pytest

from assistant.understanding.answer import answer_question
from assistant.understanding.rowmatch import CatalogValues
from assistant.understanding.rules import RulesInterpreter
from retrieval.catalog.product import Product
from tests.test_understanding_conv10b import _ctx, _types

BELL = Product(id="W1", title="Ironvale Cast Kettlebell", category="Sports > Kettlebells", attributes={"weight_kg": 16})


@pytest.mark.parametrize("text", [
    "spec sheet says glass, confirm?",
    "the listing says it is stainless steel, is that right?",
    "material listed as glass, correct?",
    "the box says it's glass, true?",
])
def test_a_claim_from_the_listing_put_up_for_confirmation_asks_about_the_one_in_focus(text):
    acts = RulesInterpreter().interpret(text, _ctx(shown=("K1", "K2"), focus="K1")).acts
    assert [(a.type.value, a.product) for a in acts] == [("ask_about", 1)]


def test_a_claim_without_a_confirming_tag_asks_nothing():
    acts = RulesInterpreter().interpret("spec sheet says glass, can you check the reviews",
                                        _ctx(shown=("K1", "K2"), focus="K1")).acts
    assert "ask_about" not in [a.type.value for a in acts]


@pytest.mark.parametrize("question, verdict", [
    ("the box says 20 kg, is that right?", "no"),
    ("spec sheet says it weighs 20 kg, confirm?", "no"),
    ("listing says 16 kg, correct?", "yes"),
])
def test_a_quoted_claim_is_answered_yes_or_no_with_the_rows_value(question, verdict):
    answer = answer_question(BELL, None, None, [BELL], question=question)
    assert (answer.verdict, answer.fact) == (verdict, "16")


def test_a_claim_the_row_bears_out_is_a_yes_not_the_value():
    bank = Product(id="B1", title="Voltmere Slate Power Bank", category="Electronics > Power Banks",
                   attributes={"capacity_mah": 20000, "output_w": 65})
    answer = answer_question(bank, None, None, [bank], "the listing says 65w output, correct?",
                             CatalogValues.from_products([bank]))
    assert (answer.verdict, answer.fact) == ("yes", "65")


def test_a_separate_item_named_is_asked_about_not_the_one_in_focus():
    ctx = _ctx(shown=("K1", "K2"), focus="K1")
    acts = RulesInterpreter().interpret("separate item: the brewhaus dawn toaster, is it red?", ctx).acts
    assert [a.type.value for a in acts] == ["ask_about"] and acts[0].product_id == "K3"


@pytest.mark.parametrize("text, kind", [
    ("pull up a few more, my boss never likes the first batch", "show_more"),
    ("dig out a couple more for me", "show_more"),
    ("you don't sell garden gnomes do you?", "not_carried"),
    ("which of the first two would boil quicker in the morning", "compare"),
    ("which suits a small kitchen, the first one shown or the second", "compare"),
    ("lovely, thank you dear, we'll mull it over with a cuppa", "chitchat"),
    ("thanks, i'll think about it", "chitchat"),
])
def test_acts_said_in_everyday_words(text, kind):
    assert _types(text, _ctx(shown=("K1", "K2", "K3"))) == [kind]


def test_pull_up_a_few_more_expensive_ones_is_no_request_for_more_of_the_same():
    assert "show_more" not in _types("pull up a few more expensive ones", _ctx(shown=("K1", "K2", "K3")))


def test_a_no_the_why_alone_made_yields_to_the_yes_asked():
    cream = Product(id="C1", title="Dewmere Night Cream", category="Beauty > Face Cream",
                    attributes={"features": ["fragrance free", "vegan"], "skin_type": "dry"})
    other = Product(id="C2", title="Dewmere Day Cream", category="Beauty > Face Cream",
                    attributes={"skin_type": "sensitive"})
    values = CatalogValues.from_products([cream, other])
    answer = answer_question(cream, None, None, [cream], "is it fragrance free? my skin is very sensitive", values)
    assert (answer.verdict, answer.fact) == ("yes", "fragrance free")
    answer = answer_question(cream, None, None, [cream], "is it for oily skin? mine gets shiny by noon", values)
    assert (answer.verdict, answer.fact) == ("no", "dry")


PUZZLE = Product(id="P1", title="Lanternfield Harbour Floor Puzzle", category="Toys > Puzzles",
                 attributes={"size": "one size", "piece_count": 36, "age_range": "3+", "features": ["thick pieces"]})
KNIVES = Product(id="P2", title="Cinder Block Knife Set", category="Home > Knife Sets", attributes={"size": "9-piece"})


def test_what_piece_count_asks_the_count_not_the_size_other_rows_give_in_pieces():
    values = CatalogValues.from_products([PUZZLE, KNIVES])
    answer = answer_question(PUZZLE, None, None, [PUZZLE, KNIVES], "what piece count has that got?", values)
    assert (answer.verdict, answer.fact) == ("value", "36")


@pytest.mark.parametrize("question, verdict", [
    ("ok for her? she just had her second birthday", "no"),
    ("will it suit him? it's for his 5th birthday", "yes"),
])
def test_a_birthday_said_with_its_ordinal_is_the_age(question, verdict):
    values = CatalogValues.from_products([PUZZLE])
    answer = answer_question(PUZZLE, "age_range", None, [PUZZLE], question, values)
    assert (answer.verdict, answer.fact) == (verdict, "3+")
