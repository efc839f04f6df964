"""Session 24: blind22 read once it became tuning data. The causes, each tested on phrasings and rows of our own:

- acts: "gidday"; "cost heaps less", "algo más barato", "anything a bit flasher"; "anything similar that's cheaper"
  (a relative clause, no remark on a price); "would ye have …"; "ok gracias!"; a parcel to a place by a date,
  "ship down to …", "pick it up in store" (the shop's); "i'm ditching the kettle idea" after a reset; "in white to
  match the toaster" (a thing matched, not a kind wanted); "also need a toaster, is the <name> …?" (the question
  about the product named); "proper glass or just a glass look", "<name> hey, made for camping or just for home";
- answers: "is it for curly hair?" of a hair oil (a row value said to ask, not to point); a part's material ("is
  the strap rubber?" of a "… leather band", "is the zipper metal or plastic?" of a cotton hoodie, "plastic on the
  outside?" of a steel toaster); bed sizes by their British names; "unscented?" of a rose scent; "by yourself"
  counts one player; "made for boys and girls or just boys" of a unisex pair; what a property does ("does the
  fabric rustle", "will the colours show up") is not its value; an age said only in the why; "proper … or just
  the look"; "atex rated" is no star rating; "is it any good for …" asks no thing present.
"""

from __future__ import annotations

import pytest

from assistant.portrait.extract import TurnFacts
from assistant.understanding.answer import answer_question
from assistant.understanding.asked import asked_value
from assistant.understanding.cues import load_cues
from assistant.understanding.names import strip_descriptor
from assistant.understanding.rowmatch import CatalogValues
from retrieval.catalog.product import Product
from tests.test_understanding_conv10b import _ctx, _types

WATCH = Product(id="W1", title="Tidemark Pulse Watch", category="Electronics > Wearables",
                attributes={"material": "steel case with leather band", "features": ["gps"]})
MAT = Product(id="M1", title="Groundswell Studio Mat", category="Sports > Yoga",
              attributes={"material": "natural rubber", "features": ["non-slip"]})
HOODIE = Product(id="H1", title="Fellcroft Ridge Hoodie", category="Clothing > Hoodies",
                 attributes={"material": "cotton fleece", "features": ["hooded", "full zip"]})
TOASTER = Product(id="T1", title="Brewhaus Dawn Toaster", category="Home > Small Appliances",
                  attributes={"material": "stainless steel", "features": ["wide slots"]})
KETTLE = Product(id="T2", title="Brewhaus Dawn Kettle", category="Home > Small Appliances",
                 attributes={"material": "plastic", "features": ["cordless"]})
OIL = Product(id="O1", title="Mossbank Glow Hair Oil", category="Beauty > Haircare",
              attributes={"hair_type": "curly", "key_ingredient": "argan oil", "features": ["vegan"]})
TWIN = Product(id="B1", title="Linnet Percale Sheet Set", category="Home > Bedding",
               attributes={"size": "twin", "material": "cotton"})
FULL = Product(id="B2", title="Linnet Sateen Sheet Set", category="Home > Bedding",
               attributes={"size": "full", "material": "cotton"})
CREAM = Product(id="C1", title="Aldergrove Hand Balm", category="Beauty > Skincare",
                attributes={"scent": "lavender", "features": ["moisturizing", "cruelty free"]})
GAME = Product(id="G1", title="Lanternfish Harbour Game", category="Toys > Board Games",
               attributes={"players": "1-4", "age_range": "8+"})
DUEL = Product(id="G2", title="Lanternfish Duel Game", category="Toys > Board Games",
               attributes={"players": "2-4", "age_range": "8+"})
TRAINERS = Product(id="S1", title="Kestrel Court Trainers", category="Shoes > Sneakers",
                   attributes={"gender": "unisex", "colour": "black", "features": ["cushioned insole"]})
JACKET = Product(id="J1", title="Marram Coast Jacket", category="Clothing > Jackets",
                 attributes={"material": "polyester", "features": ["waterproof"]})
PALETTE = Product(id="E1", title="Sorrel Dusk Eyeshadow Palette", category="Beauty > Makeup",
                  attributes={"colour": "beige", "finish": "matte"})
PLUSH = Product(id="P1", title="Hollyhock Otter Plush", category="Toys > Soft Toys",
                attributes={"material": "polyester plush", "age_range": "3+", "features": ["machine washable"]})
JEANS = Product(id="D1", title="Carrick Loom Jeans", category="Clothing > Jeans",
                attributes={"material": "selvedge denim", "features": ["straight leg"]})
ROWS = [WATCH, MAT, HOODIE, TOASTER, KETTLE, OIL, TWIN, FULL, CREAM, GAME, DUEL, TRAINERS, JACKET, PALETTE, PLUSH,
        JEANS]
VALUES = CatalogValues.from_products(ROWS)


def _asked(product: Product, question: str, aspect: str | None = None, value: str | None = None):
    got = answer_question(product, aspect, value, ROWS, question, VALUES)
    return got.verdict, got.fact


# -- acts ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("got any that cost heaps less", ["cheaper"]),
    ("hmm they look a bit cheap tbh, got anything a bit flasher", ["pricier"]),
    ("got anything similar that's cheaper?", ["more_like", "cheaper"]),
    ("uf, muy caro. algo más barato?", ["cheaper"]),
    ("would ye have a waffle iron as well", ["not_carried"]),
    ("ok gracias! do you ship to guam?", ["chitchat", "shop_question"]),
    ("can you get it to leeds by next tuesday?", ["shop_question"]),
    ("will it reach galway by the 3rd, i leave that day", ["shop_question"]),
    ("you guys ship down to tasmania?", ["shop_question"]),
    ("can i pick it up in store instead of having it posted", ["shop_question"]),
    ("right, clean slate please, i'm ditching the kettle idea", ["reset"]),
    ("ideally in white to match the toaster", ["refine"]),
    ("also need a toaster, is the ovenly crisp kettle white?", ["ask_about"]),
    ("proper glass or just a glass look", ["ask_about"]),
    ("the ovenly breeze electric kettle hey, made for camping or just for home", ["ask_about"]),
])
def test_what_blind22_read_wrong_said_our_way(text, expected):
    assert _types(text, _ctx(focus="K1")) == expected


def test_a_greeting_word_of_new_zealand():
    assert _types("gidday, after a kettle for the bach", _ctx())[0] == "greeting"


def test_a_star_rating_needs_its_own_words():
    rating = load_cues()["aspects"]["rating"]
    assert not rating.search("is it atex rated or intrinsically safe?")
    assert rating.search("is it highly rated?") and rating.search("how is it rated")


def test_a_colour_of_a_trace_or_a_property_named_is_no_value_asked():
    facts = TurnFacts(text="", wanted=["black"])
    assert asked_value("will they leave black scuff marks on the hall floor?", facts, "feature") is None
    assert asked_value("do they come in black?", facts, "colour") == "black"
    fabric = TurnFacts(text="", wanted=["fabric"])
    assert asked_value("does the fabric rustle when you walk?", fabric, "material") is None


# -- answers -------------------------------------------------------------------------------------------------------

def test_a_row_value_before_a_name_word_is_asked_unless_it_points():
    assert strip_descriptor("is it for curly hair?", OIL) == "is it for curly hair?"
    assert _asked(OIL, "is it for curly hair?") == ("yes", "curly")


def test_a_part_named_with_its_material_decides_it():
    assert _asked(WATCH, "is the strap rubber?", "feature", "rubber") == ("no", "steel case with leather band")
    assert _asked(WATCH, "is the strap leather?", "feature", "leather") == ("yes", "steel case with leather band")
    assert _asked(HOODIE, "is the zipper metal or plastic? plastic ones snap on me")[0] == "unknown"
    assert _asked(TOASTER, "is it plastic on the outside?", "feature", "plastic") == ("no", "stainless steel")


@pytest.mark.parametrize("product, question, expected", [
    (TWIN, "will it fit a double bed?", ("no", "twin")),
    (TWIN, "ok for a single bed?", ("yes", "twin")),
    (FULL, "will it fit a double bed?", ("yes", "full")),
    (CREAM, "is it unscented? strong smells give me headaches", ("no", "lavender")),
    (CREAM, "is it fragrance free?", ("no", "lavender")),
    (GAME, "can you play it by yourself", ("yes", "1-4")),
    (DUEL, "can you play it on your own?", ("no", "2-4")),
    (TRAINERS, "made for boys and girls or just for boys", ("value", "unisex")),
    (PLUSH, "can it go in the washing machine? squeezed by four-year-olds all day", ("yes", "machine washable")),
    (JEANS, "proper selvedge denim or just a selvedge look", ("yes", "selvedge denim")),
])
def test_what_blind22_answered_wrong_asked_our_way(product, question, expected):
    assert _asked(product, question) == expected


def test_what_a_property_does_is_not_its_value():
    assert _asked(JACKET, "does the fabric rustle when you move?", "material")[0] == "unknown"
    assert _asked(JACKET, "is it noisy when you walk, does the fabric rustle?", "material")[0] == "unknown"
    assert _asked(PALETTE, "will the colours actually show up on dark skin?", "colour")[0] == "unknown"
    assert _asked(JACKET, "what's the fabric?", "material") == ("value", "polyester")


def test_a_part_with_a_word_before_it_is_no_other_kind():
    from assistant.portrait.model import Portrait
    from assistant.portrait.vocabulary import Vocabulary
    from assistant.understanding.asked import other_kind
    from assistant.understanding.interpreter import Context

    v = Vocabulary(categories=["Yoga"], category_terms={"yoga mat": "Yoga", "strap": "Yoga", "block": "Yoga"})
    c = Context(portrait=Portrait(category="Yoga", needs="a cork yoga mat"), vocabulary=v)
    assert not other_kind("only ones that come with a carrying strap please, i walk to the class", v, c)
    assert other_kind("and a strap too", v, c)


def test_any_good_asks_a_quality_not_a_thing_present():
    from assistant.understanding.presence import asked_object

    assert asked_object("is it any good for curly hair?") is None
    assert asked_object("is there any padding in the straps?") == "padding"


def test_a_yes_quoting_the_item_that_names_the_part_is_read_again():
    from assistant.understanding.answer import Answer
    from assistant.understanding.answer_checks import part_checked

    yes = Answer("W1", "material", "yes", "steel case with leather band", "")
    assert part_checked(yes, WATCH, "is the strap rubber?", "rubber", VALUES).verdict == "no"
    other = Answer("W1", "features", "yes", "gps", "")
    assert part_checked(other, WATCH, "is the strap rubber?", "rubber", VALUES).verdict == "yes"
