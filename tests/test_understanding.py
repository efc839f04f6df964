"""Acts, the rules' decisions, answers from the catalog row, validation and the act handlers."""

from __future__ import annotations

import pytest

from assistant.portrait.model import Portrait
from assistant.understanding.acts import Act, ActType, Interpretation, InvalidAct, acts_json_schema
from assistant.understanding.answer import answer_question, model_name
from assistant.understanding.handlers import apply_search_acts, carried, is_vague, route
from assistant.understanding.rules import RulesInterpreter, likes
from assistant.guide.honesty import CatalogLexicon
from retrieval.catalog.product import Product
from tests.understanding_contract import PRODUCTS, SHOWN, context, vocabulary


def acts_of(text: str, shown: bool = True) -> list[tuple]:
    return [(a.type.value, a.product, a.aspect, a.value) for a in RulesInterpreter().interpret(text, context(shown)).acts]


# -- the act value objects ------------------------------------------------------------------------
def test_act_json_round_trip_and_validation():
    act = Act.from_json({"type": "refine", "slots": {"brands_required": "Lumora", "budget_max": "80", "preferences": []}})
    assert act.slots == {"brands_required": ("Lumora",), "budget_max": 80.0}
    assert Act.from_json(act.to_json()) == act
    with pytest.raises(InvalidAct):
        Act.from_json({"type": "buy_now"})
    with pytest.raises(InvalidAct):
        Act.from_json({"type": "search", "slots": {"colour": "red"}})
    with pytest.raises(InvalidAct):
        Act.from_json({"type": "ask_about", "product": "the second"})


def test_schema_lists_every_act_type():
    schema = acts_json_schema(4)
    item = schema["properties"]["acts"]["items"]
    assert set(item["properties"]["type"]["enum"]) == {t.value for t in ActType}
    assert item["properties"]["product"]["maximum"] == 4


# -- the rules ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("does the second one come in blue?", [("ask_about", 2, "colour", "blue")]),
    ("is it machine washable?", [("ask_about", None, "washable", None)]),
    ("what about the first one, is it good for rain?", [("ask_about", 1, "waterproof", "waterproof")]),
    ("is the last one suitable for a 10 year old?", [("ask_about", 3, "age_range", "10 years")]),
    ("how much is the third one?", [("ask_about", 3, "price", None)]),
])
def test_questions_about_shown_products_are_ask_about(text, expected):
    assert acts_of(text) == expected


def test_a_question_that_points_at_nothing_refines_the_need():
    assert [a[0] for a in acts_of("what about something waterproof?")] == ["refine"]


def test_the_same_words_without_a_shown_list_are_a_search():
    assert [a[0] for a in acts_of("is there a waterproof jacket under $100?", shown=False)] == ["search"]


def test_a_question_naming_another_category_is_a_new_need():
    assert [a[0] for a in acts_of("do you have headphones?")] == ["search"]


@pytest.mark.parametrize("text,types", [
    ("hello!", ["greeting"]), ("thanks", ["chitchat"]), ("let's start over", ["reset"]),
    ("where is my order?", ["shop_question"]), ("can I return it after 30 days?", ["shop_question"]),
    ("show me more", ["show_more"]), ("cheaper", ["cheaper"]), ("something more expensive", ["pricier"]),
    ("more like the second one", ["more_like"]), ("1 vs 3", ["compare"]),
    ("do you sell kayaks?", ["not_carried"]), ("cheaper and not red", ["cheaper", "refine"]),
])
def test_message_kinds(text, types):
    assert [a[0] for a in acts_of(text)] == types


def test_cheaper_than_that_refers_to_one_product_and_a_different_brand_is_a_refinement():
    assert acts_of("that's too expensive") == [("cheaper", 1, None, None)]
    assert acts_of("cheaper") == [("cheaper", None, None, None)]
    kinds = [a[0] for a in acts_of("I like the first one but is there a different brand?")]
    assert "ask_about" not in kinds


def test_slots_hard_and_soft():
    result = RulesInterpreter().interpret("a jacket under $150 from Nordvik, not yellow, she likes bright colours",
                                          context(False))
    slots = result.acts[0].slots
    assert slots["category"] == "Jackets" and slots["budget_max"] == 150.0
    assert slots["brands_required"] == ("Nordvik",)
    assert slots["attributes_excluded"] == ("yellow",)
    assert "bright colours" in slots["preferences"]


def test_liked_brand_is_not_required():
    slots = RulesInterpreter().interpret("a jacket, I like Nordvik", context(False)).acts[0].slots
    assert "brands_required" not in slots


def test_likes_map_catalog_values_and_keep_other_words():
    v = vocabulary()
    assert likes("he loves red", v) == ["red"]
    assert likes("she likes science and space", v) == ["science"]
    assert likes("he likes cooking.", v) == ["cooking"]
    assert likes("I like Nordvik jackets", v) == []          # a liked brand, not a free-text preference


def test_not_carried_phrase_keeps_the_shoppers_spelling():
    acts = RulesInterpreter().interpret("Do you have a 4K TV?", context(True)).acts
    assert acts == [Act(ActType.NOT_CARRIED, value="4K TV")]


# -- answers from the catalog row ------------------------------------------------------------------------
SHOE = Product(id="S1", title="Stridewell Ember Running Shoes - Olive", brand="Stridewell",
               attributes={"colour": "olive", "features": ["cushioned", "machine washable"]})
SHOE_ORANGE = Product(id="S2", title="Stridewell Ember Running Shoes - Orange", brand="Stridewell",
                      attributes={"colour": "orange"})
GAME = Product(id="G", title="Castle Quest Board Game", attributes={"age_range": "4+", "players": "2-5"})


def test_colour_no_names_the_variants_the_catalog_has():
    a = answer_question(SHOE, "colour", "blue", [SHOE, SHOE_ORANGE])
    assert (a.verdict, a.fact) == ("no", "olive, orange")
    assert a.text == "No — the Stridewell Ember Running Shoes comes in olive and orange."
    yes = answer_question(SHOE, "colour", "orange", [SHOE, SHOE_ORANGE])
    assert (yes.verdict, yes.fact) == ("yes", "orange")


def test_a_shade_of_the_asked_colour_is_a_yes():
    # found in the UI: "does the second one come in blue?" on a navy shoe was answered "No"
    navy = Product(id="N", title="Corbel Frost Running Shoes - Navy", attributes={"colour": "navy"})
    brown = Product(id="B", title="Corbel Frost Running Shoes - Brown", attributes={"colour": "brown"})
    a = answer_question(navy, "colour", "blue", [navy, brown])
    assert (a.verdict, a.fact) == ("yes", "navy")
    assert a.text == "Yes — the Corbel Frost Running Shoes comes in navy (a shade of blue)."
    assert answer_question(navy, "colour", "green", [navy, brown]).verdict == "no"   # shades are not guessed


def test_age_uses_the_range_not_the_question():
    assert answer_question(GAME, "age_range", "10 years").verdict == "yes"
    assert answer_question(GAME, "age_range", "2 years").verdict == "no"
    assert answer_question(GAME, "age_range", "18 months").fact == "4+"
    assert answer_question(SHOE, "age_range", "10 years").verdict == "unknown"


def test_absence_is_unknown_not_no():
    assert answer_question(SHOE, "washable", None).verdict == "yes"
    assert answer_question(SHOE, "washable", None).fact == "machine washable"
    unknown = answer_question(SHOE_ORANGE, "washable", None)
    assert unknown.verdict == "unknown" and unknown.fact is None and "doesn't say" in unknown.text
    assert answer_question(SHOE, "waterproof", None).verdict == "unknown"


def test_facts_are_verbatim_from_the_row():
    jacket = PRODUCTS[0]
    a = answer_question(jacket, "waterproof", None)
    assert a.verdict == "yes" and a.fact == "waterproof"
    price = answer_question(jacket, "price", None)
    assert price.fact == "$129.99" and price.verdict == "value"


def test_model_name_strips_any_dash_variant():
    assert model_name(Product(id="x", title="Pacera Flux Shoes – Beige")) == "Pacera Flux Shoes"


# -- handlers --------------------------------------------------------------------------------------------------
def test_route():
    assert route(Interpretation([Act(ActType.ASK_ABOUT, product=1)])) == "direct"
    assert route(Interpretation([Act(ActType.COMPARE, products=(1, 2))])) == "compare"
    assert route(Interpretation([Act(ActType.CHEAPER), Act(ActType.REFINE)])) == "search"
    assert route(Interpretation([Act(ActType.RESET)])) == "reset"
    assert route(Interpretation([Act(ActType.RESET), Act(ActType.SEARCH, slots={"category": "Tents"})])) == "search"


def test_cheaper_is_below_the_cheapest_shown_not_one_cent_under_the_dearest():
    p = Portrait(category="Jackets")
    apply_search_acts(p, Interpretation([Act(ActType.CHEAPER)]), SHOWN, 2)     # 129.99, 169.00, 79.50
    assert p.budget_max == 79.49 and p.assumptions == ["cheaper than $79.50"]
    q = Portrait(category="Jackets")
    apply_search_acts(q, Interpretation([Act(ActType.CHEAPER, product=2)]), SHOWN, 2)
    assert q.budget_max == 168.99
    r = Portrait(category="Jackets")
    apply_search_acts(r, Interpretation([Act(ActType.PRICIER)]), SHOWN, 2)
    assert r.budget_min == 169.01


def test_required_brand_is_a_hard_constraint():
    p = Portrait(category="Jackets")
    apply_search_acts(p, Interpretation([Act(ActType.SEARCH, slots={"brands_required": ("Nordvik",)})]), [], 0)
    query = p.to_query()
    assert query.brands_include == ("Nordvik",)
    assert query.violations(PRODUCTS[1]) == ["brand Alpenlite is not one of Nordvik"]


def test_carried_uses_catalog_words():
    lexicon = CatalogLexicon.from_products(PRODUCTS)
    assert not carried("4K TV", lexicon)
    assert not carried("kayaks", lexicon)
    assert carried("rain jackets", lexicon) and carried("a frying pan", lexicon)


def test_vague():
    assert is_vague(Portrait(needs="something for my dad", recipient="father"))
    assert not is_vague(Portrait(needs="a tent", category="Tents"))
    assert not is_vague(Portrait(needs="noise cancelling for the commute"))


def test_liked_phrases_map_through_the_embedder_softly():
    import numpy as np

    from assistant.portrait.vocabulary import Vocabulary
    from assistant.understanding.lexicon import PhraseMap

    table = {"cooking": [1, 0, 0, 0], "Cookware": [0.95, 0.05, 0, 0], "Jackets": [0, 1, 0, 0],
             "bright colours": [0, 0, 1, 0.2], "red": [0, 0, 1, 0.25], "yellow": [0, 0, 1, 0.15],
             "black": [0, 0, 0.1, 1]}
    phrases = PhraseMap(lambda texts: np.array([table[t] for t in texts], dtype=float))
    vocab = Vocabulary(categories=["Cookware", "Jackets"], colours=["red", "yellow", "black"])
    p = Portrait(needs="something for my dad", recipient="father")
    acts = Interpretation([Act(ActType.REFINE, slots={"preferences": ("cooking", "bright colours")})])
    apply_search_acts(p, acts, [], 1, vocab, phrases)
    assert p.category is None and "Cookware" in p.likes and p.to_query().categories == ()
    assert "Cookware" in p.search_text()
    # liked colours are likes (soft: the search text), not wanted features a blue product "fails"
    assert {"red", "yellow"} <= set(p.likes) and "black" not in p.likes and p.attributes_wanted == []
    assert "red" in p.search_text()
    assert {"cooking", "bright colours"} <= set(p.likes) and "cooking" in p.search_text()
    p.start_new_need(2)
    assert {"cooking", "bright colours"} <= set(p.likes)     # likes describe the person, not the item
    assert p.to_query().attributes_required == ()     # likes never filter
    assert not is_vague(p)


def test_phrase_map_says_nothing_when_nothing_is_clearly_nearest():
    import numpy as np

    from assistant.understanding.lexicon import PhraseMap

    table = {"science": [0.3, 0.3, 0.9], "Cookware": [1, 0, 0], "Jackets": [0, 1, 0]}
    phrases = PhraseMap(lambda texts: np.array([table[t] for t in texts], dtype=float))
    assert phrases.nearest("science", ["Cookware", "Jackets"]) == []


def test_validated_llm_slots_reach_the_query():
    p = Portrait()
    acts = Interpretation([Act(ActType.SEARCH, slots={"category": "Jackets", "budget_max": 120.0,
                                                      "brands_excluded": ("Nordvik",),
                                                      "attributes_excluded": ("yellow",)})], source="llm")
    apply_search_acts(p, acts, [], 0)
    q = p.to_query()
    assert (q.categories, q.max_price, q.brands_exclude, q.attributes_excluded) == \
        (("Jackets",), 120.0, ("Nordvik",), ("yellow",))
    yellow = next(x for x in PRODUCTS if x.id == "J3")       # $79.50, within budget, but yellow
    assert q.violations(yellow) == ["is yellow"]


def test_a_gift_puts_products_for_the_other_gender_last():
    # found in the UI: "a gift for my niece" + "she likes bright colours" led with a men's fragrance set
    from assistant.understanding.recipient_fit import for_recipient, product_gender

    men = Product(id="m", title="Maison Verde Fragrance Gift Set – Nectar X", attributes={"gender": "men"})
    titled = Product(id="t", title="Alpenlite Swift Men's Running Shoes – Purple")
    unisex = Product(id="u", title="Corbel Tote", attributes={"gender": "unisex"})
    women = Product(id="w", title="Aurelle Women's Fragrance Gift Set")
    assert [product_gender(p) for p in (men, titled, unisex, women)] == ["men", "men", None, "women"]
    rows = [men, titled, unisex, women]
    assert [p.id for p in for_recipient(rows, "niece", key=lambda p: p)] == ["u", "w", "m", "t"]
    assert [p.id for p in for_recipient(rows, "father", key=lambda p: p)] == ["m", "t", "u", "w"]
    assert [p.id for p in for_recipient(rows, "friend", key=lambda p: p)] == ["m", "t", "u", "w"]   # unknown: as is
    assert [p.id for p in for_recipient(rows, None, key=lambda p: p)] == ["m", "t", "u", "w"]


def test_the_counted_noun_of_how_many_names_the_key():
    from assistant.understanding.rowmatch import CatalogValues, read_question
    from assistant.understanding.rules import load_cues

    game = Product(id="g", title="Misty Railways Board Game", attributes={"players": "3-8", "play_time_min": 15})
    cues = load_cues()
    assert read_question(game, "how many people can play misty railways?", CatalogValues.from_products([game]),
                         cues["key_words"], cues["quantity"]) == ("value", "players", "3-8")


def test_dimensions_and_temperature_questions_name_their_keys():
    from assistant.understanding.rowmatch import CatalogValues, read_question
    from assistant.understanding.rules import load_cues

    mat = Product(id="m", title="Pivot Yoga Mat", attributes={"size": "183 x 61 cm", "thickness_mm": 2})
    bag = Product(id="b", title="Fjord Sleeping Bag", attributes={"temp_rating_c": -9, "weight_g": 800})
    cues = load_cues()
    values = CatalogValues.from_products([mat, bag])
    assert read_question(mat, "what are its dimensions?", values, cues["key_words"])[1:] == ("size", "183 x 61 cm")
    assert read_question(bag, "what temperature is it rated to?", values, cues["key_words"])[1:] == ("temp_rating_c", "-9")
    assert not cues["aspects"]["rating"].search("what temperature is it rated to")


def test_which_of_them_is_the_lightest_is_a_comparison():
    acts = RulesInterpreter().interpret("which of them is the lightest?", context(True)).acts
    assert [a.type for a in acts] == [ActType.COMPARE]
    assert acts[0].products and len(acts[0].products) >= 2


def test_a_life_stage_is_checked_against_the_age_range():
    toy = Product(id="t", title="Cosmo Building Set", attributes={"age_range": "4+"})
    game = Product(id="g", title="Moonlit Card Game", attributes={"age_range": "8+"})
    assert (answer_question(toy, "age_range", None, [toy], question="is it ok for a toddler?").verdict) == "no"
    teen = answer_question(game, "age_range", None, [game], question="is that one ok for a teenager?")
    assert (teen.verdict, teen.fact) == ("yes", "8+")
    assert RulesInterpreter().interpret("is the first one ok for a teenager?", context(True)).acts[0].aspect == "age_range"


def test_a_number_in_a_question_is_held_against_the_row_in_its_units():
    pan = Product(id="p", title="Copperleaf Maple Plus Pan", attributes={"weight_g": 3400, "features": ["lightweight"]})
    bag = Product(id="b", title="Solstice Sleeping Bag", attributes={"weight_g": 1400, "features": ["lightweight"]})
    maker = Product(id="c", title="Maple Coffee Maker", attributes={"capacity_cups": 4})
    bells = Product(id="d", title="Kinetic 32 kg Dumbbells", attributes={"weight_kg": 32, "features": ["adjustable"]})
    got = answer_question(pan, "weight", None, [pan], question="is it heavier than 1kg?")
    assert (got.verdict, got.fact) == ("yes", "3400")
    got = answer_question(bag, None, None, [bag], question="is it lighter than 1 kg?")
    assert (got.verdict, got.fact) == ("no", "1400")       # not "yes, lightweight"
    assert answer_question(bag, None, None, [bag], question="is it under 4 lbs?").verdict == "yes"
    got = answer_question(maker, None, None, [maker], question="does it make 12 cups?")
    assert (got.verdict, got.fact) == ("no", "4")
    assert answer_question(bells, None, None, [bells], question="are the kinetic 32 kg dumbbells adjustable?").fact != "32"


def test_a_material_word_the_catalog_uses_inside_values_decides_no():
    from assistant.understanding.rowmatch import CatalogValues, read_question

    socks = Product(id="s", title="Arden Crew Socks", attributes={"material": "recycled polyester blend"})
    other = Product(id="o", title="Hiker Socks", attributes={"material": "merino wool"})
    values = CatalogValues.from_products([socks, other])
    assert read_question(socks, "are they wool?", values) == ("no", "material", "recycled polyester blend")
    assert read_question(other, "are they wool?", values) == ("yes", "material", "merino wool")
    assert read_question(socks, "are they comfy?", values) is None      # an unknown word stays unknown


def test_a_model_number_tells_two_models_of_one_name_apart():
    from assistant.understanding.names import ProductNames

    orbit = Product(id="o", title="Vantor Orbit Noise Cancelling Wireless Earbuds", brand="Vantor")
    orbit2 = Product(id="o2", title="Vantor Orbit 2 Bluetooth Wireless Earbuds - Blue", brand="Vantor")
    filler = [Product(id=f"f{i}", title=f"Filler Model{i} Earbuds", brand="Filler") for i in range(30)]
    names = ProductNames.from_products([orbit, orbit2] + filler)
    assert names.find("how many hours does the vantor orbit 2 last?", shown=[orbit]).id == "o2"


def test_the_acts_schema_bounds_free_text_under_constraint():
    """On a GPU, SmolLM2 under constraint filled "aspect" with dates until the token budget cut the JSON
    off (session 8): the schema's strings are bounded in a form lm-format-enforcer honours."""
    enforcer = pytest.importorskip("lmformatenforcer")
    parser = enforcer.JsonSchemaParser(acts_json_schema(3))
    for ch in '{"acts": [{"type": "ask_about", "aspect": "' + "x" * 80:
        assert ch in parser.get_allowed_characters()
        parser = parser.add_character(ch)
    assert parser.get_allowed_characters() == '"'
    for ch in '", "slots": {"preferences": ["' + "y" * 40:
        parser = parser.add_character(ch)
    assert parser.get_allowed_characters() == '"'


def test_a_comma_before_a_closing_brace_is_repaired_and_nothing_else():
    from assistant.understanding.llm import parse_acts

    assert [a.type.value for a in parse_acts('{"acts": [{"type": "more_like",\n}]}')] == ["more_like"]
    assert [a.type.value for a in parse_acts('{"acts": [{"type": "greeting"},]}')] == ["greeting"]
    with pytest.raises(InvalidAct):
        parse_acts('{"acts": [{"type": "greeting" "value": 1}]}')
