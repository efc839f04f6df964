"""Session 15: blind13 read once it became tuning data — negated guesses and tags asked as the plain question, a harm
the product copes with, ages said as limits, bounds said as "that high", a choice put as a second question, keyboard
and autocorrect slips, regional greetings and fillers, more ways to ask for more of the shown need or to exchange a
thing. Every phrasing and row here is our own."""

from __future__ import annotations

import pytest

from assistant.portrait.extract import extract_turn
from assistant.understanding.answer import answer_question
from assistant.understanding.cues import expand_contractions, load_cues
from assistant.understanding.polarity import tolerated
from assistant.understanding.verdicts import says_absent, untagged
from tests.test_understanding_conv10b import _ctx, _types, _vocabulary
from retrieval.catalog.product import Product


@pytest.mark.parametrize("text, plain", [
    ("it won't crease in a bag, right?", "will it crease in a bag?"),
    ("the lid isn't plastic is it? i only want glass", "is the lid plastic? i only want glass"),
    ("i suppose it doesn't fold flat?", "does it fold flat?"),
    ("i'm guessing the  won't fit a 15 inch laptop?", "will the fit a 15 inch laptop?"),     # the name taken out
])
def test_a_negated_tag_or_guess_is_asked_as_the_plain_question(text, plain):
    assert untagged(text) == plain


def test_a_negated_guess_about_a_count_is_answered_by_the_range():
    game = Product(id="g", title="Quarry Night Card Game", attributes={"players": "3-8", "age_range": "10+"})
    answer = answer_question(game, None, None, [game], "i take it it won't take 7 players?")
    assert (answer.verdict, answer.fact) == ("yes", "3-8")


@pytest.mark.parametrize("text, copes", [
    ("can it get rained on?", True), ("could they go in the sea", True), ("ok to get splashed?", True),
    ("will it get wet inside", False), ("does water get in", False),
])
def test_a_question_whether_it_copes_with_a_harm(text, copes):
    assert tolerated(text) is copes


def test_a_hyphenated_non_word_keeps_out_only_its_own_word():
    assert not says_absent("non-slip base", "a heavy base?")           # the base is there; slipping is kept out
    assert says_absent("non-slip base", "does the base slide?") is False   # (slide is no word of it: other readings)
    assert says_absent("non-slip base", "will it slip on wood?")


@pytest.mark.parametrize("question, verdict", [
    ("good from 2?", "no"), ("alright from 5?", "yes"),
    ("is it meant for kids as young as four?", "no"), ("would 9 be too old for it", "no"),
    ("is 3 too young for it", "yes"),
])
def test_ages_said_as_a_start_a_lower_limit_or_too_young(question, verdict):
    blocks = Product(id="b", title="Tallow Stacking Blocks", price=12.0, attributes={"age_range": "5+", "material": "wood"})
    assert answer_question(blocks, None, None, [blocks], question).verdict == verdict


def test_go_that_high_holds_the_row_number_at_least_the_one_said():
    bench = Product(id="w", title="Harlow Kettlebell Set", attributes={"weight_kg": 24, "material": "cast iron"})
    said = "i'd like to get to 20 kg one day, does the set go that high"
    assert (answer_question(bench, None, None, [bench], said).verdict) == "yes"
    assert answer_question(bench, None, None, [bench], "i'm aiming for 30 kg, does it go that high").verdict == "no"


def test_a_choice_put_as_a_second_question_is_answered_with_the_value():
    mouse = Product(id="m", title="Pebble Wireless Mouse", attributes={"features": ["rechargeable", "silent click"]})
    answer = answer_question(mouse, "feature", "rechargeable", [mouse], "rechargeable, or does it need aaa batteries?")
    assert (answer.verdict, answer.fact) == ("value", "rechargeable")


def test_the_inside_leg_is_the_inseam():
    trousers = Product(id="t", title="Marsh Chinos", attributes={"size": "28-40", "inseam_in": 32})
    from assistant.understanding.rowmatch import CatalogValues
    answer = answer_question(trousers, None, None, [trousers], "and what is the inside leg on these",
                             CatalogValues.from_products([trousers]))
    assert (answer.verdict, answer.fact) == ("value", "32")


def test_a_filler_before_a_wh_question_leaves_the_question_asking_the_value():
    coat = Product(id="c", title="Brae Parka", attributes={"material": "recycled polyester"})
    answer = answer_question(coat, "material", "wool", [coat], "sound. what's it made of, she can't wear wool")
    assert (answer.verdict, answer.fact) == ("value", "recycled polyester")


def test_a_size_with_a_gender_word_and_a_tag_is_held_against_the_range():
    boots = Product(id="k", title="Rannoch Boots", attributes={"gender": "women", "size": "US 5-10"})
    assert answer_question(boots, None, None, [boots], "come in a ladies 11?").verdict == "no"
    assert answer_question(boots, None, None, [boots], "and they come in an 8 eh?").verdict == "yes"


@pytest.mark.parametrize("text, plain", [
    ("us it dishwasher safe", "is it dishwasher safe"), ("so dies it have a lid", "so does it have a lid"),
    ("dose it fold", "does it fold"), ("got somthing simular", "got something similar"),
    ("the battery dies after an hour", "the battery dies after an hour"),       # a real "dies" stays
])
def test_keyboard_and_autocorrect_slips_of_question_words(text, plain):
    assert expand_contractions(text) == plain


@pytest.mark.parametrize("text", ["howzit, need a kettle", "aloha! looking for a blender"])
def test_more_greetings_run_into_the_request(text):
    assert _types(text, _ctx(shown=(), focus=None))[0] == "greeting"


@pytest.mark.parametrize("text, act", [
    ("could you bring up a few other kettles", "show_more"),
    ("right, what other blenders do you have", "show_more"),
    ("if it arrives scratched can i return it", "shop_question"),
    ("can we swap the black kettle for the white one after", "shop_question"),
])
def test_more_ways_to_ask_for_more_or_to_exchange(text, act):
    assert act in _types(text, _ctx(shown=("K1", "K2")))


def test_a_thing_named_before_do_you_sell_those_is_what_is_asked_for():
    assert _types("my son keeps asking for a drone, do you sell those", _ctx(shown=("K1", "K2"))) == ["not_carried"]


def test_next_on_the_list_is_a_new_need_and_is_that_separate_is_not():
    vocab = _vocabulary()
    assert extract_turn("kettle done, next on my list: a toaster", vocab).new_need
    assert not extract_turn("does it come with a jug or is that separate", vocab).new_need


def test_the_slips_table_compiles_to_patterns():
    assert all(hasattr(pattern, "sub") for pattern, _ in load_cues()["slips"])


# --- probe round (our own shoppers: pasted lists, jargon, emoji, corrections, half-remembered specs) ---

def test_a_pasted_list_of_questions_reads_as_questions():
    assert expand_contractions("1) does it fold 2) how heavy is it") == "does it fold? how heavy is it"
    assert expand_contractions("a) is it warm b) what's it made of") == "is it warm? what's it made of"
    assert expand_contractions("take size 2) or 3)") == "take size 2) or 3)"       # no question after the mark


def test_the_length_of_a_part_is_the_size_not_another_key_of_that_part():
    knife = Product(id="k", title="Orrin Santoku Knife", attributes={"size": "7 in", "blade_hardness_hrc": 58})
    from assistant.understanding.rowmatch import CatalogValues
    answer = answer_question(knife, None, None, [knife], "what's the blade length", CatalogValues.from_products([knife]))
    assert (answer.verdict, answer.fact) == ("value", "7 in")


def test_yes_or_no_after_a_feature_is_a_yes_no_question():
    from assistant.understanding.rowmatch import CatalogValues
    phones = Product(id="p", title="Oslo Headphones", attributes={"features": ["noise cancelling", "foldable"]})
    answer = answer_question(phones, None, None, [phones], "foldable yes or no", CatalogValues.from_products([phones]))
    assert (answer.verdict, answer.fact) == ("yes", "foldable")


def test_a_fragment_with_a_question_mark_then_why_is_what_is_asked():
    from assistant.understanding.rowmatch import CatalogValues
    knife = Product(id="k", title="Orrin Santoku Knife", attributes={"size": "7 in", "blade_hardness_hrc": 58})
    answer = answer_question(knife, None, None, [knife], "how hard? i need it to stay sharp for a long service",
                             CatalogValues.from_products([knife]))
    assert (answer.verdict, answer.fact) == ("value", "58")


def test_an_either_or_the_title_settles():
    from assistant.understanding.answer_kinds import title_choice
    mat = Product(id="m", title="Kora Travel Yoga Mat - Foldable")
    assert title_choice(mat, "is it foldable or rollable") == "Foldable"
    assert title_choice(mat, "is it pink or blue") is None


def test_said_roughly_a_tenth_either_way_is_the_same_amount():
    bag = Product(id="b", title="Cairn Sleeping Bag", attributes={"weight_g": 950})
    assert answer_question(bag, None, None, [bag], "it weighs about a kilo?").verdict == "yes"
    assert answer_question(bag, None, None, [bag], "does it weigh a kilo?").verdict == "no"


def test_a_no_quoting_a_key_the_question_names_no_value_of_is_dropped():
    from assistant.understanding.answer_kinds import off_key
    from assistant.understanding.rowmatch import CatalogValues
    rows = [Product(id="s", title="Tor Speaker", attributes={"material": "ABS plastic", "features": ["waterproof"]}),
            Product(id="t", title="Tor Mini", attributes={"material": "aluminium", "features": ["bluetooth"]})]
    values = CatalogValues.from_products(rows)
    assert off_key("no", "material", "waterproof?", values)
    assert not off_key("no", "material", "is it aluminium?", values)
    assert not off_key("no", "features", "waterproof?", values)


@pytest.mark.parametrize("text, act", [
    ("got a mic for calls?", "ask_about"),
    ("bluetooth right", "ask_about"),
    ("heavy? i carry it to work", "ask_about"),
    ("what if it doesn't fit", "shop_question"),
])
def test_short_follow_ups_after_an_answer(text, act):
    from dataclasses import replace
    ctx = replace(_ctx(focus="K2"), history=("is the ovenly crisp kettle glass?",))
    assert act in _types(text, ctx)


def test_a_brand_written_last_in_the_title_and_typed_first_is_the_name():
    from assistant.understanding.names import strip_name
    gift = Product(id="g", title="Pure Scent Gift Box by Alder", brand="Alder", attributes={"scent_family": "woody"})
    assert "alder" not in strip_name("the alder pure scent, woody or floral?", gift)


def test_the_choice_asked_is_the_values_beside_the_or():
    from assistant.understanding.rowmatch import CatalogValues, read_question
    rows = [Product(id="g", title="Pure Scent Gift Set by Alder", attributes={"features": ["gift set"], "scent_family": "woody"}),
            Product(id="h", title="Ember Scent by Alder", attributes={"features": ["refillable"], "scent_family": "floral"})]
    got = read_question(rows[0], "the gift set, does it smell woody or floral?", CatalogValues.from_products(rows))
    assert got is not None and got[2] == "woody"


def test_a_size_said_of_her_or_him_is_held_against_the_range():
    clogs = Product(id="c", title="Tarn Clogs", attributes={"gender": "women", "size": "US 6-11"})
    assert answer_question(clogs, None, None, [clogs], "she's a 7, will that be ok").verdict == "yes"
    assert answer_question(clogs, None, None, [clogs], "he's a 12, will that be ok").verdict == "no"


def test_a_person_named_only_as_the_owner_of_something_asks_no_gender():
    from assistant.understanding.verdicts import gender_asked
    clogs = Product(id="c", title="Tarn Clogs", attributes={"gender": "women", "size": "US 6-11"})
    assert gender_asked(clogs, "will they be ok on her stone floor", people=True) is None
    assert gender_asked(clogs, "would they fit my dad", people=True) == ("no", "gender", "women")


def test_the_youngest_guest_is_an_age_said():
    game = Product(id="g", title="Harbour Lights Board Game", attributes={"players": "2-6", "age_range": "8+"})
    assert answer_question(game, None, None, [game], "what about the age, our youngest player is 6").verdict == "no"


def test_what_if_it_is_too_small_is_a_shop_question_and_a_bare_choice_after_an_answer_asks_it():
    from dataclasses import replace
    ctx = replace(_ctx(focus="K2"), history=("is the ovenly crisp kettle glass?",))
    assert _types("what if it's too big", ctx) == ["shop_question"]
    assert _types("glass or plastic", ctx) == ["ask_about"]


def test_second_probe_round_follow_ups():
    from assistant.understanding.answer_kinds import part_named, property_first
    pack = Product(id="d", title="Ridge Daypack", attributes={"capacity_l": 32, "features": ["padded hip belt"]})
    assert answer_question(pack, None, None, [pack], "30 litres or so?").verdict == "yes"         # said roughly
    assert answer_question(pack, None, None, [pack], "30 litres?").verdict == "no"
    assert property_first("weight? i walk a lot") == "weight?"
    assert part_named(pack, "is the strap leather") and not part_named(pack, "is it leather")
    knife = Product(id="k", title="Orrin Santoku Knife", attributes={"material": "steel", "features": ["full tang"]})
    assert answer_question(knife, None, None, [knife], "is the handle wood").verdict == "unknown"


@pytest.mark.parametrize("text", ["hip belt padded? my back is bad", "it folds flat right? small flat",
                                  "weight? walking a lot"])
def test_a_short_question_then_why_asks_about_the_one_in_focus(text):
    from dataclasses import replace
    ctx = replace(_ctx(focus="K2"), history=("is the ovenly crisp kettle glass?",))
    assert _types(text, ctx) == ["ask_about"]


def test_a_product_named_by_its_title_beats_a_value_that_points_at_a_shown_one():
    # K3 (a toaster) is named; "the glass ones" (K2 on the list is glass) is a comparison, not a pick off the list
    ctx = _ctx(shown=("K1", "K2"))
    from assistant.understanding.rules import RulesInterpreter
    acts = RulesInterpreter().interpret("the brewhaus dawn toaster - is it like the glass ones you see in cafes?", ctx)
    assert acts.first(acts.acts[0].type).product_id == "K3"


def test_a_word_that_only_begins_like_another_is_no_shared_word():
    from assistant.understanding.paraphrase import shares_word
    from retrieval.text import same_word
    assert not same_word("free", "freezer") and same_word("grip", "grippy") and same_word("hood", "hooded")
    assert not shares_word("put it in the freezer", "bpa free")
    assert shares_word("stand up on its own", "freestanding") and shares_word("will it slip", "non-slip")
    bottle = Product(id="b", title="Fen Bottle", attributes={"features": ["bpa free", "insulated"]})
    assert answer_question(bottle, None, None, [bottle], "can i put it in the freezer").verdict == "unknown"


def test_what_if_is_no_wh_question():
    from assistant.understanding.wh import asks_which
    assert not asks_which("what if it rains all day, will it keep us dry")
    assert asks_which("what is it made of")


def test_a_bare_word_asked_right_after_an_answer_asks_the_one_in_focus():
    from dataclasses import replace
    ctx = replace(_ctx(focus="K2"), history=("is the ovenly crisp kettle glass?",))
    assert _types("cordless?", ctx) == ["ask_about"]


def test_fourth_probe_round():
    from assistant.understanding.answer_kinds import title_choice
    maker = Product(id="c", title="Alder Drip Coffee Maker", category="Home > Coffee Makers",
                    attributes={"features": ["auto shut-off"]})
    assert title_choice(maker, "does it do tea as well or only coffee") is None      # the kind's own word
    shoes = Product(id="s", title="Fell Runner Shoes", attributes={"colour": "beige", "size": "US 7-12"})
    from assistant.understanding.rowmatch import CatalogValues
    assert answer_question(shoes, "colour", "wide", [shoes], "do they come in wide",
                           CatalogValues.from_products([shoes])).verdict == "unknown"
    from dataclasses import replace
    ctx = replace(_ctx(focus="K2"), history=("is the ovenly crisp kettle glass?",))
    assert _types("cordless? the kids use it too", ctx) == ["ask_about"]


def test_an_either_or_the_title_settles_for_a_product_with_a_category():
    from assistant.understanding.answer_kinds import title_choice
    phones = Product(id="h", title="Nexo On-Ear Headphones Solo", category="Electronics > Headphones")
    assert title_choice(phones, "are those over ear or on ear") == "On-Ear"
