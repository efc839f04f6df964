"""Questions that name a product, focus across turns, reading a question against the row,
capacities, and "show me more" (issue 13). Unit tests on small rows, then the pets catalog
through a real assistant (fake embedder, fake LLM)."""

from __future__ import annotations

import pytest

from assistant.portrait.model import Portrait
from assistant.portrait.vocabulary import Vocabulary
from assistant.understanding import handlers
from assistant.understanding.acts import Act, ActType, Interpretation
from assistant.understanding.answer import answer_question, variants
from assistant.understanding.interpreter import Context
from assistant.understanding.names import ProductNames, strip_name
from assistant.understanding.rowmatch import CatalogValues, read_question
from assistant.understanding.rules import RulesInterpreter, load_cues
from retrieval.catalog.product import Product


def _p(pid, title, brand="", category="", **attributes):
    return Product(id=pid, title=title, brand=brand, category=category, attributes=attributes)


ROWS = [
    _p("a", "Stridewell Ember Men's Lightweight Running Shoes - Olive", "Stridewell", "Shoes > Running Shoes",
       colour="olive", features=["lightweight"]),
    _p("a2", "Stridewell Lightweight Running Shoes Ember (Orange)", "Stridewell", "Shoes > Running Shoes",
       colour="orange", features=["lightweight"]),
    _p("b", "Stridewell Pace Running Shoes - Blue", "Stridewell", "Shoes > Running Shoes", colour="blue"),
    _p("c", "Whiskerwood Umber Senior Dry Cat Food, Turkey Recipe (1.5 kg bag)", "Whiskerwood", "Pets > Cat Food",
       colour="brown", size="1.5 kg bag", life_stage="senior", flavour="turkey",
       features=["grain free", "urinary care"]),
    _p("d", "Kibblecraft Sorrel Kitten Dry Cat Food, Chicken Recipe (4 kg bag)", "Kibblecraft", "Pets > Cat Food",
       colour="brown", size="4 kg bag", life_stage="kitten", flavour="chicken", features=["high protein"]),
    _p("e", "Misty Railways - Family Board Game by Brightwell (Ages 5+)", "Brightwell", "Toys > Board Games",
       age_range="5+", players="3-8"),
    _p("f", "Nordvik Fjord 2-Person Dome Tent - Green", "Nordvik", "Outdoor > Tents", size="2-person",
       features=["waterproof"], weight_g=2100, waterproof_rating_mm=3000),
    _p("g", "Snoutwell Quill Aquarium Kit - Black, 20 L", "Snoutwell", "Pets > Aquarium", material="glass",
       size="20 l", features=["quiet"]),
]
CUES = load_cues()


@pytest.fixture(scope="module")
def names():
    return ProductNames.from_products(ROWS)


@pytest.fixture(scope="module")
def values():
    return CatalogValues.from_products(ROWS)


# -- naming a product --------------------------------------------------------------------------------
def test_a_product_is_found_by_brand_and_model_name(names):
    assert names.find("does the stridewell ember come in blue?").id in ("a", "a2")
    assert names.find("what flavour is the whiskerwood umber senior cat food?").id == "c"


def test_two_rare_title_words_name_a_product_without_its_brand(names):
    assert names.find("is the misty railways game ok for a 10 year old?").id == "e"


def test_plain_product_words_name_nothing(names):
    assert names.find("do you have running shoes?") is None
    assert names.find("is it good for a 10 year old?") is None


def test_a_shown_product_wins_a_tie(names):
    shown = [ROWS[1]]      # the orange Ember is on screen
    assert names.find("is the stridewell ember light?", shown).id == "a2"


def test_variants_are_found_whatever_order_the_title_uses():
    assert {p.id for p in variants(ROWS[0], ROWS)} == {"a", "a2"}


# -- reading the question against the row ------------------------------------------------------------
@pytest.mark.parametrize("question, expected", [
    ("what flavour is it", ("value", "flavour", "turkey")),
    ("is it chicken?", ("no", "flavour", "turkey")),                  # chicken is a flavour elsewhere
    ("does it help with urinary health", ("yes", "features", "urinary care")),
    ("how big is the bag", ("value", "size", "1.5 kg bag")),
    ("is it for a kitten?", ("no", "life_stage", "senior")),
])
def test_the_question_is_read_against_the_row(values, question, expected):
    assert read_question(ROWS[3], question, values, CUES["key_words"], CUES["quantity"]) == expected


def test_either_or_takes_the_value_the_row_has(values):
    assert read_question(ROWS[7], "is the tank glass or acrylic?", values) == ("value", "material", "glass")


@pytest.mark.parametrize("question", ["how long does it take to assemble?", "where is it made?",
                                      "does it come with a warranty"])
def test_what_the_row_does_not_say_is_unknown(values, question):
    answer = answer_question(ROWS[3], None, None, ROWS, question, values)
    assert answer.verdict == "unknown" and answer.fact is None


def test_key_words_and_everyday_words_find_the_key(values):
    tent = ROWS[6]
    assert answer_question(tent, None, None, ROWS, "how heavy is it", values).fact == "2100"
    assert answer_question(tent, "waterproof", None, ROWS, "what's its waterproof rating", values).fact == "3000"
    rain = answer_question(tent, "waterproof", "waterproof", ROWS, "is it good for rain?", values)
    assert (rain.verdict, rain.fact) == ("yes", "waterproof")      # the listed word before the rating


def test_a_duration_question_is_answered_only_by_a_time():
    # known gap: "how long does it take to charge" on a power bank answered with its mAh capacity
    bank = _p("pb", "Brightwell Duet 5,000mAh Power Bank", "Brightwell", "Electronics > Power Banks",
              capacity_mah=5000, features=["usb-c"])
    phone = _p("hp", "Quillon Aria Headphones", "Quillon", "Electronics > Headphones", battery_life_h=30)
    rows = [bank, phone]
    vals = CatalogValues.from_products(rows)
    charge = answer_question(bank, "battery", None, rows, "how long does it take to charge the first one?", vals)
    assert charge.verdict == "unknown" and charge.fact is None and "5000" in charge.text
    last = answer_question(phone, "battery", None, rows, "how long does the battery last", vals)
    assert (last.verdict, last.fact) == ("value", "30")
    assert answer_question(bank, "battery", None, rows, "what's the battery capacity", vals).fact == "5000"


def test_a_colour_question_lists_every_variant(values):
    answer = answer_question(ROWS[0], None, None, ROWS, "does the stridewell ember come in blue?", values)
    assert answer.verdict == "no" and "orange" in answer.fact and "olive" in answer.fact


# -- the rules --------------------------------------------------------------------------------------
def _ctx(shown=(), focus=None, portrait=None, names=None, values=None):
    p = portrait or Portrait(category="Cat Food")
    p.focus_id = focus
    vocab = Vocabulary(brands=sorted({r.brand for r in ROWS}), categories=["Cat Food", "Tents", "Running Shoes"])
    return Context(p, list(shown), vocab, names=names, values=values)


def test_a_question_naming_a_product_is_ask_about_with_its_id(names, values):
    shown = [ROWS[4]]
    acts = RulesInterpreter().interpret("what flavour is the Whiskerwood Umber senior cat food?",
                                        _ctx(shown, names=names, values=values)).acts
    assert [a.type for a in acts] == [ActType.ASK_ABOUT] and acts[0].product_id == "c"
    assert acts[0].product is None                  # not on the shown list: no position
    assert acts[0].to_json()["product_id"] == "c"


def test_a_pasted_title_with_its_colour_is_not_a_colour_question(names, values):
    # found in the UI: "is the Fjellborn Sierra 2-Person … Tent - Pink easy to set up?" → "Yes — it comes in pink."
    text = "is the Nordvik Fjord 2-Person Dome Tent - Green easy to pitch?"
    acts = RulesInterpreter().interpret(text, _ctx([ROWS[6]], names=names, values=values,
                                                   portrait=Portrait(category="Tents"))).acts
    assert [a.type for a in acts] == [ActType.ASK_ABOUT] and acts[0].product_id == "f"
    assert acts[0].aspect != "colour" and acts[0].value != "green", acts[0]
    answer = answer_question(ROWS[6], acts[0].aspect, acts[0].value, ROWS, strip_name(text, ROWS[6]), values)
    assert "green" not in (answer.fact or "") and answer.verdict == "unknown", answer
    assert "the that of" not in answer.text and answer.text.startswith("The catalog doesn't say"), answer.text
    rain = "is the Nordvik Fjord 2-Person Dome Tent - Green waterproof?"
    acts = RulesInterpreter().interpret(rain, _ctx([ROWS[6]], names=names, values=values,
                                                   portrait=Portrait(category="Tents"))).acts
    assert answer_question(ROWS[6], acts[0].aspect, acts[0].value, ROWS, strip_name(rain, ROWS[6]),
                           values).verdict == "yes"


def test_its_and_a_bare_wh_question_point_at_the_product_in_focus(names, values):
    ctx = _ctx([ROWS[4]], focus="c", names=names, values=values)
    for text in ("what's its flavour", "what sizes", "how big is the bag?"):
        assert RulesInterpreter().interpret(text, ctx).types == {ActType.ASK_ABOUT}, text


def test_battery_last_is_not_the_last_one(names):
    acts = RulesInterpreter().interpret("how long does the battery last", _ctx([ROWS[2], ROWS[0], ROWS[1]], focus="b",
                                                                              names=names)).acts
    # not the last one shown: the one in focus (first here), which the act names by its place on the list
    assert acts[0].type == ActType.ASK_ABOUT and acts[0].product == 1


def test_a_capacity_is_read_in_the_catalogs_spelling(values):
    acts = RulesInterpreter().interpret("a tent for 2 people", _ctx(values=values, portrait=Portrait())).acts
    assert acts[0].slots["preferences"] == ("2-person",)


@pytest.mark.parametrize("text, types", [
    ("hello, i need a tent", {ActType.GREETING, ActType.SEARCH}),
    ("thanks! anything under 30?", {ActType.CHITCHAT, ActType.REFINE}),
    ("any others?", {ActType.SHOW_MORE}),
    ("show me the premium ones", {ActType.PRICIER}),
    ("which is better, the first or the second?", {ActType.COMPARE}),
    ("the second one but cheaper", {ActType.MORE_LIKE, ActType.CHEAPER}),
    ("just browsing really", {ActType.CHITCHAT}),
])
def test_act_cues(text, types):
    shown = [Product(id=str(i), title=f"Shoe {i}", price=10.0 * i) for i in range(1, 4)]
    assert RulesInterpreter().interpret(text, _ctx(shown, portrait=Portrait(category="Running Shoes"))).types == types


# -- the handler -------------------------------------------------------------------------------------
def test_focus_stays_on_a_named_product_off_the_list(values):
    portrait = Portrait()
    shown = [ROWS[4]]
    ask = Interpretation([Act(ActType.ASK_ABOUT, product_id="c")])
    first = handlers.direct_turn(ask, shown, portrait, ROWS, "what flavour is it?", values)
    assert first.answer.product_id == "c" and first.answer.fact == "turkey" and portrait.focus_id == "c"
    assert first.shown == shown and first.keep_list
    again = handlers.direct_turn(Interpretation([Act(ActType.ASK_ABOUT)]), shown, portrait, ROWS,
                                 "is it chicken?", values)
    assert (again.answer.product_id, again.answer.verdict, again.answer.fact) == ("c", "no", "turkey")


# -- end to end on the pets catalog ------------------------------------------------------------------
@pytest.fixture(scope="module")
def pets_bot(tmp_path_factory):
    from assistant import Assistant
    from assistant.components import build_components
    from assistant.config import load_settings
    from assistant.sessions import SessionStore
    from eval.catalogs.pets import write_pets_catalog
    from retrieval.catalog.loader import load_catalog

    tmp = tmp_path_factory.mktemp("named")
    settings = load_settings(home=tmp / "home", env={}, overrides={"llm.backend": "fake", "embedder": "fake"})
    index, llm, _, ranker = build_components(settings)
    index.ingest(load_catalog(write_pets_catalog(tmp / "pets.jsonl")).products)
    bot = Assistant(settings, index, llm, SessionStore(tmp / "sessions.sqlite"), ranker)
    yield bot
    bot.sessions.close()


def _ids(reply):
    return [s.product.id for s in reply.products]


def test_a_named_question_is_answered_and_focus_follows_it(pets_bot):
    first = pets_bot.chat("i need dry food for my senior cat, grain free", session_id="n1")
    reply = pets_bot.chat("what flavour is the Whiskerwood Umber senior cat food?", session_id="n1")
    assert reply.acts[0]["type"] == "ask_about" and reply.answer["product_id"] == "PET-0042"
    assert reply.answer["verdict"] == "value" and reply.answer["fact"] == "turkey"
    assert _ids(reply) == _ids(first)                                # the list stays
    assert pets_bot.get_portrait("n1").brands_liked == []            # naming a brand is not liking it
    follow = pets_bot.chat("is it chicken?", session_id="n1")         # "it": the named product, still
    assert (follow.answer["product_id"], follow.answer["verdict"], follow.answer["fact"]) == ("PET-0042", "no",
                                                                                          "turkey")


def test_show_more_leaves_out_everything_shown(pets_bot):
    first = pets_bot.chat("a dog toy", session_id="m1")
    second = pets_bot.chat("show me more", session_id="m1")
    third = pets_bot.chat("show me more", session_id="m1")
    assert second.acts[0]["type"] == "show_more" and _ids(second)
    assert not set(_ids(third)) & (set(_ids(first)) | set(_ids(second)))


def test_a_capacity_preference_becomes_a_wanted_attribute():
    portrait = Portrait(category="Tents")
    acts = Interpretation([Act(ActType.REFINE, slots={"preferences": ("2-person",)})])
    handlers.apply_search_acts(portrait, acts, [], 1, Vocabulary(features=["waterproof"]))
    assert portrait.attributes_wanted == ["2-person"] and "2-person" not in portrait.likes


def test_a_feature_missing_from_the_list_is_unknown_not_no(values):
    answer = answer_question(ROWS[3], "feature", "reflective", ROWS, "is it reflective", values)
    assert answer.verdict == "unknown"


def test_a_plural_names_the_catalog_value(values):
    assert read_question(ROWS[3], "is it ok for kittens?", values) == ("no", "life_stage", "senior")


def test_tell_me_about_gives_the_row_and_features_are_a_key(values):
    overview = answer_question(ROWS[3], None, None, ROWS, "tell me about the second one", values)
    assert overview.verdict == "value" and "flavour: turkey" in overview.fact
    assert answer_question(ROWS[3], None, None, ROWS, "what are its features", values).fact == \
        "grain free, urinary care"


@pytest.mark.parametrize("text", ["who makes the second one", "tell me about the second one"])
def test_more_question_forms_are_ask_about(text):
    shown = [Product(id=str(i), title=f"Shoe {i}") for i in range(1, 4)]
    acts = RulesInterpreter().interpret(text, _ctx(shown, portrait=Portrait(category="Running Shoes"))).acts
    assert [(a.type, a.product) for a in acts] == [(ActType.ASK_ABOUT, 2)]


def test_how_long_does_the_battery_last_on_the_first_one_points_at_the_first():
    shown = [Product(id=str(i), title=f"Bank {i}") for i in range(1, 4)]
    acts = RulesInterpreter().interpret("how long does the battery last on the first one",
                                        _ctx(shown, portrait=Portrait(category="Power Banks"))).acts
    assert [(a.type, a.product) for a in acts] == [(ActType.ASK_ABOUT, 1)]


def test_weight_and_stock_questions_are_not_read_as_price(values):
    tent = ROWS[6]
    assert answer_question(tent, "weight", None, ROWS, "how much does the second weigh", values).fact == "2100"
    stocked = Product(id="s", title="Stocked", stock=7)
    assert answer_question(stocked, "stock", None, ROWS, "how many are left in stock", values).verdict == "value"
    assert RulesInterpreter().cues["aspects"]["weight"].search("how much does it weigh")


@pytest.mark.parametrize("text", ["i dont want anything with fragrance", "nothing with fragrance please"])
def test_a_negated_category_word_is_not_a_new_search(text):
    vocab = Vocabulary(categories=["Fragrance", "Bath & Body"])
    acts = RulesInterpreter().interpret(text, Context(Portrait(category="Bath & Body"), [], vocab)).acts
    assert [a.type for a in acts] == [ActType.REFINE] and "category" not in acts[0].slots


def test_a_question_pasting_a_shown_title_is_not_about_the_title_colour(pets_bot):
    # found in the UI: a pick's full title ends in its colour ("… Tent - Pink"); pasting it into
    # "is the … easy to set up?" was answered "Yes — it comes in pink"
    first = pets_bot.chat("a dog toy", session_id="t1")
    product = next(s.product for s in first.products
                   if str(s.product.attributes.get("colour", "")).lower() in s.product.title.lower())
    colour = str(product.attributes["colour"]).lower()
    reply = pets_bot.chat(f"is the {product.title} easy to clean?", session_id="t1")
    assert reply.acts[0]["type"] == "ask_about" and reply.answer["product_id"] == product.id
    assert reply.acts[0].get("aspect") != "colour" and colour not in (reply.answer["fact"] or "").lower(), reply.answer
