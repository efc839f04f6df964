"""Session 8 (conv10a): the sixth blind split's answer causes (its odd-numbered conversations read), each on
phrasings, products and categories of our own (none is a blind6 turn's wording); every test fails on the code
before this round (9fad7f9).

- a paraphrase's rival values are the ones products of its kind use (``RowParaphrase(scope=…)``);
- a number of people said as a group or in words ("five of us", "a party of 7", "nine players");
- a quantity a product must take in ("hold", "fits", "enough") is a lower bound, not an equality;
- a word said as the head of a title's compound names it ("watch" → "Smartwatch").
"""

from __future__ import annotations

import numpy as np
import pytest

from assistant.understanding.answer import answer_question
from assistant.understanding.names import ProductNames
from assistant.understanding.paraphrase import RowParaphrase
from assistant.understanding.quantity import people_count
from assistant.understanding.rowmatch import CatalogValues
from retrieval.catalog.product import Product


def _p(pid, title, brand="", category="", **attributes):
    return Product(id=pid, title=title, brand=brand, category=category, attributes=attributes)


SHELTER = _p("t", "Gorse Ridge Dome Shelter", "Gorse", "Outdoor > Tents", colour="green", size="4-person",
             material="polyester", features=["waterproof", "freestanding"])
DAYPACK = _p("d", "Heron Daypack", "Heron", "Outdoor > Backpacks", colour="red", capacity_l=24, max_load_kg=10,
             features=["water resistant", "padded straps"])
GAME = _p("g", "Quarry Lanterns Card Game", "Wickerby", "Toys > Board Games", players="2-6", age_range="8+")
PARTY = _p("pg", "Wickerby Charades Night", "Wickerby", "Toys > Board Games", players="4-10", age_range="10+")
JUG = _p("j", "Tarn Glass Water Jug", "Tarn", "Home > Kitchen", capacity_l=1.2, material="glass")
ROWS = [SHELTER, DAYPACK, GAME, PARTY, JUG]
VALUES = CatalogValues.from_products(ROWS)


def ask(product: Product, question: str, values: CatalogValues = VALUES) -> tuple[str, str | None]:
    a = answer_question(product, None, None, ROWS, question, values)
    return a.verdict, a.fact


_ITEMS = ["waterproof", "water resistant", "freestanding", "padded straps", "green", "red", "polyester", "4-person"]


def _embed(sims: dict[str, float]):
    """A fake embedder: a text not in ``_ITEMS`` (the question) along x, each item at its cosine ``sims`` (0 if
    not given) to it."""
    def embed(texts):
        cos = [None if t not in _ITEMS else sims.get(t, 0.0) for t in texts]
        return np.array([[1.0, 0.0] if c is None else [c, float(np.sqrt(1 - c * c))] for c in cos])
    return embed


@pytest.mark.parametrize("question", ["will it shrug off a cloudburst", "ok in a downpour overnight?",
                                      "does it stay sealed when the weather turns"])
def test_a_value_only_other_kinds_of_product_use_is_no_rival(question):
    # the question is nearest "water resistant" (a daypack's feature), then the shelter's own "waterproof"
    items = _ITEMS
    sims = {"waterproof": 0.64, "water resistant": 0.71, "freestanding": 0.2, "padded straps": 0.1}
    unscoped = RowParaphrase(_embed(sims), items, glosses={})
    assert unscoped.match(SHELTER, question) is None             # 0.07 behind the best value anywhere
    scoped = RowParaphrase(_embed(sims), items, glosses={}, scope=VALUES.category_items)
    assert scoped.match(SHELTER, question)[:2] == ("features", "waterproof")
    # a rival of its own kind still wins: the daypack's "water resistant" is not answered by its straps
    sims_bag = {"padded straps": 0.60, "water resistant": 0.71}
    bag = RowParaphrase(_embed(sims_bag), items, glosses={}, scope=VALUES.category_items)
    assert bag.match(DAYPACK, question)[1] == "water resistant"


def test_category_items_are_the_values_of_that_kind():
    assert VALUES.category_items(SHELTER) == {"green", "polyester", "4-person", "waterproof", "freestanding"}
    assert VALUES.category_items(_p("x", "Loose Item")) is None


@pytest.mark.parametrize("product, question, expected", [
    (SHELTER, "is it roomy enough for five of us", ("no", "4-person")),
    (SHELTER, "is there space in it for three of us?", ("yes", "4-person")),
    (SHELTER, "would a family of four fit inside", ("yes", "4-person")),
    (GAME, "would a party of 7 manage with it", ("no", "2-6")),
    (GAME, "fine for a gang of five on a friday?", ("yes", "2-6")),
    (PARTY, "can nine players join in", ("yes", "4-10")),
    (PARTY, "any good with just three people", ("no", "4-10")),
])
def test_a_number_of_people_said_as_a_group_or_in_words(product, question, expected):
    assert ask(product, question) == expected


def test_a_group_word_that_picks_one_is_no_count():
    assert people_count("is one of them cheaper") == "is one of them cheaper"
    assert people_count("a crew of eight") == "a 8 people"


@pytest.mark.parametrize("product, question, expected", [
    (DAYPACK, "will it hold 20 litres of gear", ("yes", "24")),
    (DAYPACK, "can it carry 8 kg", ("yes", "10")),
    (DAYPACK, "does it fit 30 litres", ("no", "24")),
    (JUG, "is it big enough for 1 litre of lemonade", ("yes", "1.2")),
    (JUG, "is the jug 1 litre", ("no", "1.2")),         # the amount itself: as before, equal or not
])
def test_a_quantity_a_product_takes_in_is_a_lower_bound(product, question, expected):
    assert ask(product, question) == expected


def test_a_word_said_as_the_head_of_a_title_compound_names_it():
    rows = [_p("w1", "Tarrow Breeze Smartwatch - Grey", "Tarrow", "Electronics > Smartwatches"),
            _p("w2", "Tarrow Peak GPS Sports Watch - Black", "Tarrow", "Electronics > Smartwatches"),
            _p("w3", "Tarrow Breeze Earbuds", "Tarrow", "Electronics > Headphones"),
            _p("b1", "Lindel Ridge Daypack 22L", "Lindel", "Outdoor > Backpacks"),
            _p("b2", "Lindel Summit Trail Pack", "Lindel", "Outdoor > Backpacks"),
            *[_p(f"f{i}", f"Filler Item {i} Watch Pack", "Filler", "Misc") for i in range(3)],
            *[_p(f"o{i}", f"Other Thing {i}", "Other", "Misc") for i in range(40)]]
    names = ProductNames.from_products(rows)
    assert names.find("is the tarrow breeze watch waterproof").id == "w1"
    assert names.find("does the tarrow breeze watch track sleep?").id == "w1"
    assert names.find("does the lindel ridge pack have a rain cover").id == "b1"
    assert names.find("is the tarrow peak watch heavy").id == "w2"           # the whole word still wins


KITE = _p("k", "Breezly Stunt Kite", "Breezly", "Toys > Outdoor Play", colour="red", age_range="10+")
RATTLE = _p("r", "Pomi Soft Rattle", "Pomi", "Toys > Baby", colour="yellow", age_range="0-24 months")
GLOVES = _p("gl", "Hollin Expedition Gloves", "Hollin", "Clothing > Gloves", colour="black", temp_rating_c=-15)


def _turn(product, question, earlier):
    from assistant.portrait.model import Portrait
    from assistant.understanding import handlers
    from assistant.understanding.acts import Act, ActType, Interpretation

    rows = [KITE, RATTLE, GLOVES]
    acts = Interpretation([Act(ActType.ASK_ABOUT, product_id=product.id)])
    answer = handlers.direct_turn(acts, rows, Portrait(), rows, question, CatalogValues.from_products(rows),
                                  previous=earlier[0], earlier=earlier).answer
    return answer.verdict, answer.fact


@pytest.mark.parametrize("product, question, earlier, expected", [
    (KITE, "would it suit his age", ["a kite for my grandson, he's 8"], ("no", "10+")),
    (KITE, "and is the breezly one alright for the same age?",
     ["is the other kite fine for a twelve year old", "kites please"], ("yes", "10+")),
    (RATTLE, "safe for a little one that age?", ["a gift for a 6 month old baby"], ("yes", "0-24 months")),
    (GLOVES, "will they cope with that sort of cold", ["gloves for a trip, it drops to minus 20 at night"],
     ("no", "-15")),
    (GLOVES, "are they good for those temperatures?", ["winter gloves, it gets to -10 here"], ("yes", "-15")),
])
def test_a_quantity_said_earlier_is_recalled(product, question, earlier, expected):
    assert _turn(product, question, earlier) == expected


def test_nothing_is_recalled_without_a_pointer_or_an_earlier_quantity():
    from assistant.understanding.recall import recall

    assert recall("is it ok for her?", ["she is 4"]) == "is it ok for her?"
    assert recall("ok for her age?", ["a kite please"]) == "ok for her age?"
    assert recall("is it the same age range as the other?", ["he is 7"]) == "is it the same age range as the other?"


def test_enough_on_a_limit_is_still_the_limit():
    bag = _p("sb", "Corrie Mummy Bag", "Corrie", "Outdoor > Sleeping Bags", temp_rating_c=-5)
    assert answer_question(bag, None, None, [bag], "is it warm enough for -12 nights?",
                           CatalogValues.from_products([bag])).verdict == "no"
    assert answer_question(bag, None, None, [bag], "warm enough for -2, do you think",
                           CatalogValues.from_products([bag])).verdict == "yes"


# the even half of blind6, read after its held-out number was taken (tuned on from here)
KETTLEBELLS = _p("kb", "Bramble Adjustable Kettlebell", "Bramble", "Sports > Weights", weight_kg=36, material="cast iron")
FLASK = _p("fl", "Sorrel Steel Flask", "Sorrel", "Home > Drinkware", capacity_l=0.75, material="stainless steel")


@pytest.mark.parametrize("product, question, expected", [
    (KETTLEBELLS, "will it go up to 32 kg", ("yes", "36")),
    (KETTLEBELLS, "do they go up to 20kg?", ("yes", "36")),
    (KETTLEBELLS, "can the weight go as high as 30 kg", ("yes", "36")),
])
def test_going_up_to_a_quantity_is_a_lower_bound(product, question, expected):
    assert ask(product, question, CatalogValues.from_products([product])) == expected
    assert ask(product, "does it go up to 40 kg", CatalogValues.from_products([product])) == ("no", "36")


@pytest.mark.parametrize("product, question, expected", [
    (FLASK, "will the flask hold a whole litre of soup", ("no", "0.75")),
    (JUG, "is there room for a full litre in it", ("yes", "1.2")),
    (FLASK, "does it take one full litre", ("no", "0.75")),
])
def test_a_full_unit_is_one_of_it(product, question, expected):
    assert ask(product, question, CatalogValues.from_products([product])) == expected


@pytest.mark.parametrize("product, question, expected", [
    (DAYPACK, "how much does the heron daypack hold", "24"),
    (DAYPACK, "how much load can it carry", "10"),
    (KETTLEBELLS, "how much does it weigh at the heaviest", "36"),
])
def test_how_much_of_a_named_amount_is_no_price(product, question, expected):
    a = answer_question(product, "price", None, ROWS, question, CatalogValues.from_products([product]))
    assert (a.verdict, a.fact) == ("value", expected)
    assert answer_question(product, "price", None, ROWS, "how much is it", VALUES).verdict == "value"


@pytest.mark.parametrize("question", ["can i slot a water reservoir in it", "does a water pouch with a tube fit inside",
                                      "room for my water bag and its hose?"])
def test_a_clearly_nearer_paraphrase_beats_a_shared_word(question):
    pack = _p("hp", "Ousel Trail Pack", "Ousel", "Outdoor > Backpacks", colour="green",
              features=["water resistant", "hydration compatible"])
    items = ["water resistant", "hydration compatible", "green"]
    near = {"hydration compatible": 0.73, "water resistant": 0.36, "green": 0.05}

    def embed(texts):
        cos = [near.get(t) for t in texts]
        return np.array([[1.0, 0.0] if c is None else [c, float(np.sqrt(1 - c * c))] for c in cos])
    values = CatalogValues.from_products([pack])
    values.paraphrase = RowParaphrase(embed, items, glosses={})
    a = answer_question(pack, None, None, [pack], question, values)
    assert (a.verdict, a.fact) == ("yes", "hydration compatible")


def test_a_shared_word_that_is_the_asked_feature_stays():
    pack = _p("hp", "Ousel Trail Pack", "Ousel", "Outdoor > Backpacks", features=["water resistant", "hydration compatible"])
    near = {"hydration compatible": 0.60, "water resistant": 0.95}

    def embed(texts):
        cos = [near.get(t) for t in texts]
        return np.array([[1.0, 0.0] if c is None else [c, float(np.sqrt(1 - c * c))] for c in cos])
    values = CatalogValues.from_products([pack])
    values.paraphrase = RowParaphrase(embed, list(near), glosses={})
    a = answer_question(pack, None, None, [pack], "will it keep the water out", values)
    assert (a.verdict, a.fact) == ("yes", "water resistant")


QUILT = _p("q1", "Hollow Fell Quilt", "Hollow", "Home > Bedding", colour="white", material="microfibre fill, cotton cover")
QUILT2 = _p("q2", "Loft Goose Quilt", "Loft", "Home > Bedding", colour="white", material="goose feather fill, cotton cover")
QUILT3 = _p("q3", "Marram Wool Quilt", "Marram", "Home > Bedding", colour="grey", material="wool fill, cotton cover")


@pytest.mark.parametrize("question, expected", [
    ("is it stuffed with feathers? the filling i mean", ("no", "microfibre fill, cotton cover")),
    ("is the fill goose", ("no", "microfibre fill, cotton cover")),
    ("wool filling?", ("no", "microfibre fill, cotton cover")),
    ("is the fill microfibre", ("yes", "microfibre fill, cotton cover")),     # the row's own word: still yes
])
def test_a_word_that_tells_another_value_apart_is_a_no(question, expected):
    rows = [QUILT, QUILT2, QUILT3]
    a = answer_question(QUILT, None, None, rows, question, CatalogValues.from_products(rows))
    assert (a.verdict, a.fact) == expected
