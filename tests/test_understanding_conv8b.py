"""Session 7, conv8b: blind4 (promoted to dev) read for acts, targets and kept lists.

Each case failed on the code before the round and stands for a general cause, not one
conversation's phrase: courtesy words ("aww", "that's all i needed"), "got any others" read as
an assortment question, "any other X ones you haven't shown", "ones like <a named product> but
cheaper", a comparative "which one weighs less, the first or the second", a yes/no question after
a leading clause naming a product, "the cheaper of those two" as a pick, "and the other one" after
two products named one message each, "can i cancel", a restated need on a relative turn, "feel
like" read as a liking; and the tent of the session-6 screenshots ("a tent for 2 people" → "the
second one but cheaper" led with a 4-person tent).
"""

from __future__ import annotations

import pytest

from assistant.portrait.model import Portrait
from assistant.understanding.interpreter import Context
from assistant.understanding.rules import RulesInterpreter
from tests.test_understanding_generalise import focused, types
from tests.understanding_contract import SHOWN, vocabulary


def _named(shown=SHOWN, focus: str | None = None, history: tuple[str, ...] = (), **portrait) -> Context:
    from assistant.understanding.names import ProductNames
    from tests.understanding_contract import PRODUCTS

    p = Portrait(needs="a jacket", category="Jackets", category_explicit=True, focus_id=focus, **portrait)
    return Context(p, list(shown), vocabulary(), turn=2, names=ProductNames.from_products(PRODUCTS), history=history)


def _acts(text: str, ctx: Context) -> list[tuple]:
    return [(a.type.value, a.product, a.product_id) for a in RulesInterpreter().interpret(text, ctx).acts]


@pytest.mark.parametrize("text", ["aww perfect ty", "perfect, thats all i needed", "ok that's all i wanted, thanks"])
def test_courtesy_words_and_a_closing_are_chitchat(text):
    assert types(text) == ["chitchat"]


def test_got_any_others_is_more_of_the_shown_need_not_an_assortment_question():
    assert types("got any others?") == ["show_more"]
    assert types("got any tents?") != ["show_more"]


def test_any_other_ones_not_shown_yet_is_show_more_without_restating_the_need():
    ctx = _named(attributes_wanted=["waterproof"])
    assert [a[0] for a in _acts("any other waterproof ones you havent shown me?", ctx)] == ["show_more"]


@pytest.mark.parametrize("text, position, pid", [
    ("can you find ones like the nordvik ridge but cheaper", 1, "J1"),
    ("something like the alpenlite storm shell but cheaper?", 2, "J2"),
])
def test_like_a_named_product_but_cheaper_is_more_like_that_product(text, position, pid):
    acts = _acts(text, _named())
    assert ("more_like", position) in [a[:2] for a in acts]
    assert {a[0] for a in acts} == {"more_like", "cheaper"}


def test_a_more_like_act_with_a_product_id_follows_that_product_even_off_the_list():
    from assistant.understanding.acts import Act, ActType, Interpretation
    from assistant.understanding.handlers import liked_product
    from tests.understanding_contract import PRODUCTS

    lookup = {p.id: p for p in PRODUCTS}.get
    named = Interpretation([Act(ActType.MORE_LIKE, product_id="J4"), Act(ActType.CHEAPER)])
    assert liked_product(named, SHOWN, "J1", lookup).id == "J4"
    pointed = Interpretation([Act(ActType.MORE_LIKE, product=2)])
    assert liked_product(pointed, SHOWN, "J1", lookup).id == "J2"
    assert liked_product(Interpretation([Act(ActType.CHEAPER)]), SHOWN, "J1", lookup) is None


def test_which_one_weighs_less_of_two_positions_is_a_comparison():
    acts = RulesInterpreter().interpret("which one weighs less, the first or the second?", focused("J1")).acts
    assert [(a.type.value, a.products) for a in acts] == [("compare", (1, 2))]


def test_a_yes_no_question_after_a_leading_clause_about_a_named_product():
    acts = _acts("we hike in the rain a lot, is the tidewater packable jacket ok for that", _named())
    assert acts == [("ask_about", 3, "J3")]
    # without a product named, a leading clause with a comma stays a need
    assert "ask_about" not in [a[0] for a in _acts("i hike a lot, is there one under 100", _named())]


def test_the_cheaper_of_those_two_is_a_pick_among_the_two_just_named():
    ctx = _named(focus="J2", history=("is the nordvik ridge waterproof?", "and the alpenlite storm shell?"))
    acts = _acts("i'll go with the cheaper of those two. does it come in red?", ctx)
    assert acts == [("ask_about", 1, "J1")]          # J1 129.99 < J2 169.00; no "cheaper" search


def test_the_other_one_after_two_products_named_one_message_each():
    ctx = _named(focus="J2", history=("how heavy is the nordvik ridge", "is the alpenlite storm shell made of nylon?"))
    result = RulesInterpreter().interpret("and the other one?", ctx)
    assert [(a.type.value, a.product_id) for a in result.acts] == [("ask_about", "J1")]
    assert result.question == ctx.previous


def test_cancelling_is_a_shop_question_but_noise_cancelling_is_not():
    assert types("if i order today can i still cancel it tomorrow?") == ["shop_question"]
    assert "shop_question" not in types("can it cancel noise?")


def test_more_like_a_position_that_names_the_current_category_adds_no_refine():
    assert [a.type.value for a in RulesInterpreter().interpret("show me more like that first jacket",
                                                               focused("J1")).acts] == ["more_like"]
    # a new value still refines
    acts = RulesInterpreter().interpret("more like the first jacket but in blue", focused("J1")).acts
    assert {a.type.value for a in acts} == {"more_like", "refine"}


def test_feel_like_is_not_a_liking():
    assert types("ty, any pricier ones? i want it to feel like a proper gift") == ["chitchat", "pricier"]
    assert "refine" in types("she likes hiking")


# -- the tent: the need kept on a relative turn ----------------------------------------------------------

TENTS = [
    ("T1", "Alpenlite Solstice 2-Person Camping Tent", 414.99, "2-person"),
    ("T2", "Alpenlite 2-Person Backpacking Tent Northern", 229.99, "2-person"),
    ("T3", "Tidewater Solstice Plus 3-Person Dome Tent", 119.99, "3-person"),
    ("T4", "Alpenlite Moraine 4-Person Dome Tent", 79.95, "4-person"),
    ("T5", "Alpenlite Solstice 4-Person Backpacking Tent", 219.99, "4-person"),
    ("T6", "Nordvik Arete 2-Person Backpacking Tent", 114.99, "2-person"),
    ("T7", "Nordvik Corrie 2-Person Lightweight Tent", 109.99, "2-person"),
]


def test_same_need_puts_the_wanted_values_the_liked_product_has_first():
    from assistant.understanding.acts import Act, ActType, Interpretation
    from assistant.understanding.handlers import same_need
    from retrieval.catalog.product import Product

    tents = [Product(id=i, title=t, price=p, category="Outdoor > Tents", attributes={"capacity": c})
             for i, t, p, c in TENTS]
    liked = tents[1]
    more = Interpretation([Act(ActType.MORE_LIKE, product=2), Act(ActType.CHEAPER, product=2)])
    portrait = Portrait(category="Tents", attributes_wanted=["2-person"])
    ranked = same_need([tents[3], tents[5], tents[4], tents[6]], more, portrait, liked, key=lambda p: p)
    assert [p.id for p in ranked] == ["T6", "T7", "T4", "T5"]          # order kept within each group
    # a new search is ranked as retrieval ranked it
    new = Interpretation([Act(ActType.SEARCH)])
    assert [p.id for p in same_need(tents[3:], new, portrait, None, key=lambda p: p)] == ["T4", "T5", "T6", "T7"]


def test_the_second_tent_but_cheaper_leads_with_the_asked_person_count(tmp_path):
    from assistant import Assistant
    from assistant.config import load_settings
    from assistant.llm import FakeChatModel
    from assistant.sessions import SessionStore
    from retrieval.catalog.product import Product
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.store import MemoryStore

    products = [Product(id=i, title=t, brand=t.split()[0], price=p, currency="USD", category="Outdoor & Hiking > Tents",
                        description=f"A {c} tent.", attributes={"capacity": c, "colour": "green"})
                for i, t, p, c in TENTS]
    index = CatalogIndex(tmp_path / "index", FakeEmbedder(), store=MemoryStore())
    index.ingest(products)
    settings = load_settings(home=tmp_path / "home", env={}, overrides={"llm.backend": "fake", "embedder": "fake",
                                                                         "understanding.llm": False})
    bot = Assistant(settings, index, FakeChatModel(), SessionStore(settings.sessions_db))
    first = bot.chat("a tent for 2 people", session_id="t")
    second = first.products[1].product
    assert second.attributes["capacity"] == "2-person"
    reply = bot.chat("the second one but cheaper", session_id="t")
    assert [a["type"] for a in reply.acts] == ["more_like", "cheaper"]
    shown = [p.product for p in reply.products]
    assert shown and all(p.price < second.price for p in shown)
    capacities = [p.attributes["capacity"] for p in shown]
    cheaper_pairs = sum(1 for p in products if p.attributes["capacity"] == "2-person" and p.price < second.price)
    assert capacities[:cheaper_pairs] == ["2-person"] * cheaper_pairs       # every cheaper 2-person tent first


# -- a row value said in front of a name names the product, it is not the question ----------------------

def test_a_colour_in_front_of_a_name_is_part_of_the_name_and_the_previous_question_is_repeated():
    from assistant.portrait.vocabulary import Vocabulary
    from assistant.understanding.handlers import direct_turn
    from assistant.understanding.names import ProductNames
    from assistant.understanding.rowmatch import CatalogValues
    from retrieval.catalog.product import Product

    swift = Product(id="A", title="Alpenlite Swift Trail Running Shoes", brand="Alpenlite", price=90.0,
                    category="Shoes > Running Shoes", attributes={"colour": "orange", "heel_drop_mm": 10})
    strider = Product(id="B", title="Fernhollow Strider Trail Running Shoes - Purple", brand="Fernhollow", price=80.0,
                      category="Shoes > Running Shoes", attributes={"colour": "purple", "heel_drop_mm": 6})
    fillers = [Product(id=f"f{i}", title=f"Filler Runner {i} Shoes", brand="Filler", category="Shoes > Running Shoes",
                       attributes={"colour": "black"}) for i in range(30)]
    catalog = [swift, strider] + fillers
    vocab = Vocabulary(categories=["Running Shoes"], colours=["orange", "purple", "black"],
                       brands=["Alpenlite", "Fernhollow", "Filler"])
    previous = "what's the heel to toe drop on the orange alpenlite swift"
    portrait = Portrait(needs="trail running shoes", category="Running Shoes", category_explicit=True, focus_id="A")
    ctx = Context(portrait, fillers[:4], vocab, turn=3, names=ProductNames.from_products(catalog), history=(previous,))
    text = "and on the purple fernhollow strider?"
    result = RulesInterpreter().interpret(text, ctx)
    ask = result.first(result.acts[0].type)
    assert (ask.type.value, ask.product_id, ask.value) == ("ask_about", "B", None)     # not "is it purple?"
    turn = direct_turn(result, fillers[:4], portrait, catalog, result.question or text,
                       values=CatalogValues.from_products(catalog), previous=previous)
    assert turn.answer.product_id == "B" and turn.answer.verdict == "value" and "6" in str(turn.answer.fact)


@pytest.mark.parametrize("question, verdict", [
    ("he's 6, is the jollyfox doodle car ok for him?", "no"),
    ("our youngest is 9, is the jollyfox doodle car ok for her", "yes"),
])
def test_an_age_said_of_the_person_without_years_old_is_held_against_the_age_range(question, verdict):
    from assistant.understanding.answer import answer_question
    from retrieval.catalog.product import Product

    car = Product(id="C", title="JollyFox Doodle RC Car", brand="JollyFox", category="Toys > RC & Vehicles",
                  attributes={"age_range": "8+", "colour": "red"})
    answer = answer_question(car, "age_range", None, [car], question, None)
    assert (answer.verdict, answer.fact) == (verdict, "8+")
