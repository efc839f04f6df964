"""Session 23: blind21 read once it became tuning data. The causes, each tested on phrasings and rows of our own:

- acts: the assortment asked with a product in focus ("d'ye sell …", "any … on here?", "is there a … anywhere on your
  site?") is not a question about that product; "? yes or no only" is the answer's form, not a request; "got other
  kettles to see or not", "the rest of what you've got" ask for more; "thanks a million, i'll have a think" and
  "gutted. cheers anyway, …" are courtesy; "howdy y'all, …" greets; "ship out to …", "get it sent to the depot" ask
  the shop; "could you show me ones that are …" asks for products, not about one; "… or not" asks a yes / no;
  "a bit like that …", "same sort of thing" ask for more like it; a shorter name of the need ("other shoes" after
  "running shoes") is the same need;
- answers: "real leather?" of "composite leather", "are they synthetic?" of plain leather are noes; a value that
  covers every value of its key ("all hair types") is a yes to one of them; "how many folks can play" counts
  players; "and its weight …?" asks the weight (through the embedder's paraphrase: the dialogue suite checks
  it); "under a kilo? anything heavier …" holds the question's own bound;
  "strictly men's?" of a unisex row is a no; "my wrists complain" is the shopper's body, not a complaint.
"""

from __future__ import annotations

import pytest

from assistant.understanding.answer import answer_question
from assistant.understanding.cues import expand_contractions, load_cues
from assistant.understanding.rowmatch import CatalogValues
from assistant.understanding.wanted import object_phrase
from retrieval.catalog.product import Product
from tests.test_understanding_conv10b import _ctx, _types

STOOL = Product(id="S1", title="Ridgeway Camp Stool", category="Outdoor > Furniture",
                attributes={"material": "leather", "weight_g": 1400, "features": ["lightweight", "foldable"]})
GLOVE = Product(id="S2", title="Kickwell Keeper Gloves", category="Sports > Team Sports",
                attributes={"material": "composite leather", "features": ["grip palm"]})
CONDITIONER = Product(id="H1", title="Mossbank Daily Conditioner", category="Beauty > Haircare",
                      attributes={"hair_type": "all hair types", "features": ["sulfate free"]})
DRY = Product(id="H2", title="Mossbank Repair Conditioner", category="Beauty > Haircare",
              attributes={"hair_type": "dry", "features": ["sulfate free"]})
OILY = Product(id="H3", title="Mossbank Clarify Conditioner", category="Beauty > Haircare",
               attributes={"hair_type": "oily", "features": ["sulfate free"]})
CARDS = Product(id="G2", title="Lanternfish Card Game", category="Toys > Board Games",
                attributes={"players": "2-6", "play_time_min": 30, "age_range": "10+"})
PAN = Product(id="P1", title="Ovenly Deep Saute Pan", category="Home > Cookware",
              attributes={"material": "cast iron", "weight_g": 3200, "features": ["oven safe"]})
CLOGS = Product(id="C2", title="Hearthside Felt Clogs", category="Shoes > Slippers",
                attributes={"gender": "unisex", "size": "US 5-12", "features": ["non-slip sole"]})


def _asked(product: Product, question: str, aspect: str | None = None, catalog: tuple = ()):
    rows = [product, *catalog]
    got = answer_question(product, aspect, None, rows, question, CatalogValues.from_products(rows))
    return got.verdict, got.fact


# -- acts ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("d'ye sell teapots at all? the old one cracked", ["not_carried"]),
    ("random but any waffle irons on here? ours gave up", ["not_carried"]),
    ("quick question, is there a bread maker anywhere on your site?", ["not_carried"]),
    ("is there a toaster anywhere on your site? ours went bang", ["search"]),
    ("still got other kettles to see or not, show me", ["show_more"]),
    ("let's see the rest of what you've got", ["show_more"]),
    ("right so, that's plenty to chew on. thanks a million, i'll have a think", ["chitchat"]),
    ("ah gutted. cheers anyway, do you do a student discount?", ["chitchat", "shop_question"]),
    ("howdy y'all, after a toaster for the camper", ["greeting", "search"]),
    ("do y'all ship out to alaska?", ["shop_question"]),
    ("can i get it sent to the post office instead? i work days", ["shop_question"]),
    ("sorry to be a pain, could you show me ones that are glass only", ["refine"]),
    ("show me kettles a bit like that ovenly breeze one", ["more_like"]),
])
def test_what_blind21_read_wrong_said_our_way(text, expected):
    assert _types(text, _ctx(focus="K1")) == expected


def test_or_not_at_the_end_of_a_clause_puts_it_as_a_question():
    from assistant.understanding.asked import interrogative

    assert interrogative(load_cues(), "the keys got lights or not, he types in the dark")
    assert not interrogative(load_cues(), "i got lights for the tree, not sure yet")


def test_the_assortment_asked_names_the_thing_without_the_site():
    carry = load_cues()["carry"]
    assert object_phrase("random but any waffle irons on here? ours gave up", carry) == "waffle irons"
    assert object_phrase("is there a bread maker anywhere on your site?", carry) == "bread maker"
    assert carry.search("any good in the rain?") is None        # a question about the product, not the shop's range
    # a part of the site is the shop's to answer, not a product it may not carry
    assert carry.search("is there a clearance or outlet section on the site where the cheap stuff is") is None


def test_the_answer_form_asked_for_is_not_part_of_the_question():
    assert expand_contractions("thicker than 4mm? yes or no only") == "thicker than 4mm?"
    assert expand_contractions("stress tracking? (y/n)") == "stress tracking?"
    assert expand_contractions("d'ye stock it") == "do you stock it"


def test_a_shorter_name_of_the_need_is_the_same_need():
    from assistant.portrait.model import Portrait
    from assistant.understanding.asked import new_slots

    running = Portrait(category="Running Shoes", needs="running shoes for the park")
    assert new_slots({"category": "Shoes"}, running) == {}
    assert new_slots({"category": "Sandals"}, running) == {"category": "Sandals"}


# -- answers -------------------------------------------------------------------------------------------------------

def test_the_genuine_thing_and_its_imitation():
    assert _asked(GLOVE, "is that proper real leather on it or something else") == ("no", "composite leather")
    assert _asked(STOOL, "is the seat synthetic? real leather cracks in the cold") == ("no", "leather")
    assert _asked(STOOL, "is it real leather?")[0] != "no"


def test_a_value_covering_every_value_of_its_key_is_a_yes():
    assert _asked(CONDITIONER, "ok for oily hair?", catalog=(DRY, OILY)) == ("yes", "all hair types")
    assert _asked(DRY, "ok for oily hair?", catalog=(CONDITIONER, OILY)) == ("no", "dry")


def test_folks_are_counted_players():
    assert _asked(CARDS, "how many folks can play it at once? big family") == ("value", "2-6")


def test_the_bound_of_the_question_not_of_its_why():
    assert _asked(PAN, "does it weigh under a kilo? anything heavier and my wrists ache") == ("no", "3200")


def test_one_genders_word_of_a_unisex_row_is_a_no():
    assert _asked(CLOGS, "are these strictly men's clogs, then?") == ("no", "unisex")
    assert _asked(CLOGS, "are they for women?")[0] != "no"        # a unisex pair is for women too


def test_a_body_part_that_complains_is_no_complaint():
    from assistant.knowledge.phrases import without_bodily

    assert "complain" not in without_bodily("is it under a kilo? anything heavier and my wrists complain")
    assert "complain" in without_bodily("i want to complain about my order")


def test_a_change_of_topic_to_a_named_product_asks_about_it():
    from assistant.understanding.rules import RulesInterpreter

    got = RulesInterpreter().interpret("totally different thing, the brewhaus dawn toaster, does it come in red?",
                                       _ctx(focus="K1")).acts
    assert [(a.type.value, a.product_id) for a in got] == [("ask_about", "K3")]


def test_the_pointer_is_no_part_of_a_value_asked_through_a_gloss():
    from assistant.understanding.answer import _POINTER

    assert _POINTER.sub("it", "will the first one fit a single bed?") == "will it fit a single bed?"


def test_comes_with_asked_without_a_subject_is_about_the_one_in_focus():
    assert _types("q2: same kettle — comes with a filter?", _ctx(focus="K1")) == ["ask_about"]
    assert _types("comes with a filter please", _ctx(focus="K1")) != ["ask_about"]
