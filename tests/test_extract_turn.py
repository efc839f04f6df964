"""One turn → facts: catalog vocabulary, negation scope, recipients, occasions, typos."""

from __future__ import annotations

import pytest

from assistant.portrait.extract import extract_turn
from assistant.portrait.negation import polarity
from assistant.portrait.vocabulary import Vocabulary, find_mentions

VOCAB = Vocabulary(
    brands=["Nordvik", "Lumora", "Vantor", "Kestrel & Co"],
    categories=["Outdoor & Hiking", "Jackets", "Tents", "Electronics", "Headphones", "Shoes", "Sneakers",
                "Running Shoes", "Beauty", "Skincare", "Fragrance"],
    colours=["red", "blue", "grey", "white", "black"],
    materials=["nylon", "organic cotton"],
    features=["waterproof", "hooded", "wireless", "noise cancelling", "bluetooth", "fragrance free", "paraben free"],
    category_parents={"Jackets": "Outdoor & Hiking", "Tents": "Outdoor & Hiking", "Headphones": "Electronics",
                      "Sneakers": "Shoes", "Running Shoes": "Shoes", "Skincare": "Beauty", "Fragrance": "Beauty"},
)


def test_catalog_words_synonyms_and_most_specific_category():
    facts = extract_turn("a gray rain jacket with a hood", VOCAB)
    assert facts.categories == ["Jackets"]
    assert facts.wanted == ["grey", "hooded"]
    assert extract_turn("a jacket", VOCAB).categories == ["Jackets"]       # singular by stem, no listed form
    assert extract_turn("sneaker", VOCAB).categories == ["Sneakers"]
    assert extract_turn("sneakers", VOCAB).categories == ["Sneakers"]
    assert extract_turn("running shoes", VOCAB).categories == ["Running Shoes"]
    assert extract_turn("some shoes", VOCAB).categories == ["Shoes"]


def test_everyday_names_come_from_catalog_titles_not_from_a_word_list():
    from retrieval.catalog.product import Product
    titles = ["Nordvik Rain Coat", "Lumora Rain Coat in Navy", "Vantor Packable Rain Coat", "Nordvik Rain Coat - Olive",
              "Lumora Storm Rain Coat (Red)"]
    products = [Product(id=str(i), title=t, category="Outdoor & Hiking > Jackets") for i, t in enumerate(titles)]
    products.append(Product(id="t", title="Vantor Dome Tent", category="Outdoor & Hiking > Tents"))
    vocab = Vocabulary.from_products(products, {"categories": ["Outdoor & Hiking", "Jackets", "Tents"]})
    assert extract_turn("a rain coat for hiking", vocab).categories == ["Jackets"]
    # the same words mean nothing to a catalog whose titles never use them
    assert extract_turn("a rain coat", VOCAB).categories == []


def test_synonyms_only_when_the_catalog_has_the_target():
    assert extract_turn("a rain coat", Vocabulary(categories=["Tents"])).categories == []


@pytest.mark.parametrize("text, liked, excluded", [
    ("no Nordvik", [], ["Nordvik"]),
    ("anything but Lumora", [], ["Lumora"]),
    ("i hate vantor, show me nordvik", ["Nordvik"], ["Vantor"]),
    ("nothing from kestrel & co please", [], ["Kestrel & Co"]),
    ("I love Lumora", ["Lumora"], []),
    ("no nordvick pls", [], ["Nordvik"]),                     # typo of a catalog brand
])
def test_brand_negation(text, liked, excluded):
    facts = extract_turn(text, VOCAB)
    assert (facts.brands_liked, facts.brands_excluded) == (liked, excluded)


def test_negation_scope_and_lists():
    facts = extract_turn("a jacket, not red or blue, waterproof", VOCAB)
    assert facts.unwanted == ["red", "blue"]
    assert facts.wanted == ["waterproof"]
    facts = extract_turn("a speaker that is not too big, bluetooth", VOCAB)
    assert facts.wanted == ["bluetooth"] and facts.unwanted == []
    assert extract_turn("without a hood", VOCAB).unwanted == ["hooded"]
    assert extract_turn("I'd rather not have red", VOCAB).disliked == ["red"]
    assert extract_turn("red is fine after all", VOCAB).attrs_ok == ["red"]


def test_polarity_of_a_mention():
    text = "no nike, i love adidas"
    assert polarity(text, text.index("nike"), text.index("nike") + 4) == "neg"
    assert polarity(text, text.index("adidas"), text.index("adidas") + 6) == "pos"


def test_negated_ingredient_becomes_a_free_of_feature():
    assert extract_turn("skincare with no parabens", VOCAB).wanted == ["paraben free"]


def test_typos_in_two_word_names():
    facts = extract_turn("fragance free if possible", VOCAB)
    assert facts.wanted == ["fragrance free"] and facts.categories == []


@pytest.mark.parametrize("text, recipient, occasion", [
    ("I need a birthday gift for my wife", "wife", "birthday"),
    ("christmas present for my 8 year old son", "son", "christmas"),
    ("something for my dad for father's day", "father", "father's day"),
    ("my teenager wants a keyboard", "teenager", None),
    ("secret santa for a coworker", "colleague", "christmas"),
    ("a baby shower gift", None, "baby shower"),
    ("a scooter for a 7 year old", "child", None),
    ("a tent for camping with my kids", None, None),
    ("oh wait it's for my brother, not my sister", "brother", None),
    ("valentines day gift for my girlfriend", "girlfriend", "valentine's day"),
])
def test_recipients_and_occasions(text, recipient, occasion):
    facts = extract_turn(text, VOCAB)
    assert (facts.recipient, facts.occasion) == (recipient, occasion)


def test_cues_for_the_dialogue_layer():
    assert extract_turn("actually make it under 100", VOCAB).correction
    assert extract_turn("also in blue", VOCAB).addition
    assert extract_turn("and something for camping", VOCAB).new_need
    facts = extract_turn("something cheaper than the second one", VOCAB)
    assert (facts.reference, facts.relation) == (2, "cheaper")
    facts = extract_turn("anything cheaper than those?", VOCAB)
    assert (facts.reference, facts.relation) == ("all", "cheaper")
    assert extract_turn("not that brand", VOCAB).relation == "other_brand"
    assert extract_turn("forget the budget", VOCAB).clear_budget
    assert extract_turn("forget the brand", VOCAB).clear_brands


def test_mentions_are_ordered_and_typed():
    kinds = [(m.kind, m.value) for m in find_mentions("nordvik waterproof jacket in blue nylon", VOCAB)]
    assert kinds == [("brand", "Nordvik"), ("feature", "waterproof"), ("category", "Jackets"),
                     ("colour", "blue"), ("material", "nylon")]


def test_title_nouns_become_category_words():
    from retrieval.catalog.product import Product

    lamps = [Product(id=f"L{i}", title=f"Acme Model {i} Desk Lamp in Black", category="Home > Lighting")
             for i in range(5)]
    vocab = Vocabulary.from_products(lamps, {"categories": ["Home", "Lighting"]})
    assert vocab.category_parents == {"Lighting": "Home"}
    assert extract_turn("a desk lamp for reading", vocab).categories == ["Lighting"]


@pytest.mark.parametrize("text, category, wanted", [
    ("a jaket", "Jackets", []),
    ("snekers for running", "Sneakers", []),
    ("a waterprof jacket", "Jackets", ["waterproof"]),
    ("wireles headphnes", "Headphones", ["wireless"]),
])
def test_catalog_typos_come_from_the_fuzzy_matcher(text, category, wanted):
    facts = extract_turn(text, VOCAB)
    assert facts.categories == [category] and facts.wanted == wanted


@pytest.mark.parametrize("text, occasion, correction", [
    ("for her brithday", "birthday", False),
    ("an anniversery gift", "anniversary", False),
    ("a chrismas present", "christmas", False),
    ("acutally make it blue", None, True),
])
def test_cue_word_typos_come_from_the_fuzzy_lookup(text, occasion, correction):
    facts = extract_turn(text, VOCAB)
    assert facts.occasion == occasion and facts.correction is correction


@pytest.mark.parametrize("text", ["nothing over 120 though", "a tough jacket", "shows me jackets"])
def test_real_words_are_not_corrected_into_cue_or_catalog_words(text):
    facts = extract_turn(text, VOCAB)
    assert facts.style in (None, "rugged") and "Shoes" not in facts.categories
    if "though" in text:
        assert facts.budget is not None and facts.budget.max == 120.0 and facts.style is None


def test_title_terms_read_head_nouns_and_skip_generic_heads():
    from assistant.portrait.vocabulary import title_terms
    from retrieval.catalog.product import Product
    rows = [("Tidewater Duvet Cover Set – Orange", "Home > Bedding"), ("Larkfield Duvet Cover Set – White", "Home > Bedding"),
            ("Pipwick Science Kit in White", "Toys > Educational Toys"), ("Quillon Science Kit – Red", "Toys > Educational Toys"),
            ("Lumora Blender in Pink", "Home > Small Appliances"), ("Lumora Blender (Grey)", "Home > Small Appliances"),
            ("Nordvik Blender", "Toys > Building Sets")]
    products = [Product(id=str(i), title=t, category=c) for i, (t, c) in enumerate(rows)]
    terms = title_terms(products, Vocabulary(brands=["Tidewater", "Larkfield", "Pipwick", "Quillon", "Lumora", "Nordvik"]))
    assert terms["duvet cover"] == "Bedding" and terms["science kit"] == "Educational Toys"
    assert "science" not in terms and "set" not in terms and "kit" not in terms
    assert "blender" not in terms          # 2 of 3 in one category: not pure enough to name it
