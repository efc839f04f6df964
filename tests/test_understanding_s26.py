"""Session 26: blind24 read once it became tuning data. The causes, each tested on phrasings and rows of our own:

- references: "the last pair dragged on the floor" is the shopper's earlier pair, not the list's last product;
- slots: "after two washes" is a time, not a want (a category said after it is no need); "and for my nephew, …,
  something to build with" is a new need, for another person;
- names: a brand typed as two words ("fern hollow" of Fernhollow) names the product;
- acts: "or nah" tags a question; a wh-word left where its answer goes ("… is what", "… last how many hours ah")
  asks; "none of these are it, show me more" asks for more; "u guys do X??" asks whether the shop carries X;
  hellos and thanks of other languages open a message ("marhaba, …", "shukran habibi. …", "ta pet, that's
  champion"); "back to the <name>, X or Y" asks the product named; "can i set the <part> to …" asks about the one
  in focus; "can it reach <place> before eid / diwali / her birthday" asks the shop when a parcel arrives;
- routing: "a speaker i can talk to" (what a product does) is no request for a person;
- comparisons (probes in our own words): "pros and cons of the top two", "1 or 2?", "help me choose between the first
  and second", "how's the first compared to the second" weigh shown products; "are there more?", "not feeling
  these, others?" ask for more; "y'all carry chainsaws?", "where would i find wallpaper on here" ask the range.
"""

from __future__ import annotations

import pytest

from assistant.understanding.rules import RulesInterpreter
from retrieval.catalog.product import Product
from tests.test_understanding_conv10b import _ctx, _types


def test_the_last_pair_the_shopper_had_is_not_the_last_one_shown():
    ctx = _ctx(shown=("K1", "K2"), focus="K1")
    act = RulesInterpreter().interpret("is it stainless steel? the last pair we had rusted in a month", ctx).acts[0]
    assert (act.type.value, act.product) == ("ask_about", 1)
    act = RulesInterpreter().interpret("is the last one stainless steel?", ctx).acts[0]
    assert (act.type.value, act.product) == ("ask_about", 2)


def test_after_a_count_is_a_time_not_a_want():
    from assistant.portrait.extract_zh import read_turn
    from assistant.portrait.vocabulary import Vocabulary

    rows = [Product(id="J1", title="Hollis Slim Jeans", category="Apparel > Jeans"),
            Product(id="W1", title="Aurelle Bare Body Wash", category="Beauty > Body Wash")]
    vocab = Vocabulary.from_products(rows, {"brands": [], "categories": ["Apparel", "Jeans", "Beauty", "Body Wash"],
                                            "colours": [], "materials": [], "features": []})
    assert read_turn("they bagged out after two body washes. need jeans that keep their shape", vocab).categories[0] \
        == "Jeans"
    assert read_turn("i'm after a body wash", vocab).categories == ["Body Wash"]


def test_a_brand_typed_as_two_words_names_the_product():
    from assistant.understanding.names import ProductNames

    rows = [Product(id="S1", title="Fernhollow Strider Trail Running Shoes", brand="Fernhollow", category="Shoes"),
            Product(id="S2", title="Kestrel & Co Strider Trail Running Shoes", brand="Kestrel & Co", category="Shoes"),
            Product(id="S3", title="Fernhollow Canopy Tent", brand="Fernhollow", category="Tents")]
    names = ProductNames.from_products(rows)
    assert names.find("the fern hollow strider trail running shoes come in a size 7?").id == "S1"
    assert names.find("the kestrel strider trail shoes come in a size 7?").id == "S2"


@pytest.mark.parametrize("text, expected", [
    ("glass or nah? the plastic ones taste funny", ["ask_about"]),
    ("stainless steel or nah", ["ask_about"]),
    ("material inside is what", ["ask_about"]),
    ("the warranty can cover how many years ah", ["ask_about"]),
    ("kettle body is made from what", ["ask_about"]),
    ("lowkey none of these are it, show me more", ["show_more"]),
    ("wait u guys do waffle irons??", ["not_carried"]),
    ("marhaba, we need a wool throw for the new flat", ["greeting", "search"]),
    ("ta pet, that's champion", ["chitchat"]),
    ("shukran habibi. do you deliver on fridays?", ["chitchat", "shop_question"]),
    ("ok m goi saai! how many days is the shipping", ["chitchat", "shop_question"]),
    ("back to the ovenly crisp kettle 🤔 curved spout or a straight one", ["ask_about"]),
    ("about the brewhaus solo toaster: wide slots or narrow ones", ["ask_about"]),
    ("can i set the temperature to 80 for green tea", ["ask_about"]),
    ("can it reach my gran in leeds before diwali?", ["shop_question"]),
    ("and for my nephew, he is 6, something to build with that we can do together", ["search"]),
])
def test_what_blind24_read_wrong_said_our_way(text, expected):
    assert _types(text, _ctx(focus="K1")) == expected


def test_back_to_a_named_product_asks_that_one():
    act = RulesInterpreter().interpret("back to the ovenly crisp kettle 🤔 curved spout or a straight one",
                                       _ctx(focus="K1")).acts[0]
    assert act.product_id == "K2" or act.product == 2


@pytest.mark.parametrize("text, person", [
    ("want a speaker i can talk to for the radio and my timers", False),
    ("will it answer me if i speak to it?", False),
    ("is there someone i can talk to", True),
    ("can i talk to a human please", True),
    ("is there somebody in your team who speaks polish that i can talk with?", True),
])
def test_a_product_one_talks_to_is_no_request_for_a_person(text, person):
    from assistant.knowledge.intent import claims_turn
    from assistant.turns import _PERSON, _TALKS_BACK

    assert claims_turn(text if _PERSON.search(text) else _TALKS_BACK.sub(" ", text)) is person



@pytest.mark.parametrize("text", [
    "1 or 2?",
    "is the first one better than the second",
    "pros and cons of the top two",
    "between the two which is nicer",
    "first one or the second one, which",
    "what sets the first apart from the second",
    "is there much between the first two",
    "help me choose between the first and second",
    "i can't decide between the two",
    "what would you pick out of those two",
    "how's the first compared to the second",
])
def test_a_choice_between_shown_products_said_without_compare_is_a_comparison(text):
    """Probes in our own words (not read from any split): ways of weighing two shown products that name no
    "compare", "vs" or "difference"."""
    assert _types(text, _ctx()) == ["compare"]


@pytest.mark.parametrize("text", ["pick between red and blue", "is it ok for 1 or 2 people", "size 1 or 2?",
                                  "how much does the ovenly crisp kettle hold, compared with mine"])
def test_a_choice_of_values_is_no_comparison(text):
    assert _types(text, _ctx()) != ["compare"]


@pytest.mark.parametrize("text, expected", [
    ("are there more?", ["show_more"]),
    ("none of those grab me, what else is there", ["show_more"]),
    ("not feeling these, others?", ["show_more"]),
    ("can i see the rest", ["show_more"]),
    ("y'all carry chainsaws?", ["not_carried"]),
    ("any motorbike helmets in your shop?", ["not_carried"]),
    ("where would i find wallpaper on here", ["not_carried"]),
    ("does your store do paint", ["not_carried"]),
])
def test_more_of_the_list_and_the_shop_range_asked_in_other_words(text, expected):
    """Probes in our own words (not read from any split): more of the shown need, and whether the shop carries a kind."""
    assert _types(text, _ctx(focus="K1")) == expected


@pytest.mark.parametrize("text", ["is the first one glass? what else is in it", "ok, what else comes with it?"])
def test_what_else_of_the_product_in_focus_is_still_about_it(text):
    assert _types(text, _ctx(focus="K1")) == ["ask_about"]
