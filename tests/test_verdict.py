"""The verdict of yes/no product questions: no wrong "yes", and "no" when the row decides it (issue 13).

Each test fails on the code before the fix it names; the probe generator is tested on a tiny catalog.
"""

from __future__ import annotations

import numpy as np

from assistant.understanding.answer import answer_question
from assistant.understanding.paraphrase import RowParaphrase
from assistant.understanding.rowmatch import CatalogValues, read_question
from eval.verdict_probe import generate, load_templates, score
from retrieval.catalog.product import Product

TOY = Product(id="1", title="Fetchly Willow Laser Toy - Grey", category="Toys",
              attributes={"colour": "grey", "material": "plastic", "life_stage": "kitten", "features": ["interactive"]})
FOOD = Product(id="2", title="Purrfield Rowan Senior Wet Cat Food", category="Food",
               attributes={"colour": "brown", "material": "chunks in gravy", "life_stage": "senior",
                           "features": ["no artificial colours"]})
PLUSH = Product(id="3", title="Fetchly Juniper Squeaky Plush - Orange", category="Toys",
                attributes={"colour": "orange", "material": "recycled polyester", "features": ["squeaker"]})
OTHER = Product(id="4", title="Muddypaw Fleece Toy - Blue", category="Toys",
                attributes={"colour": "blue", "material": "plush polyester", "life_stage": "adult",
                            "features": ["machine washable"]})
SHOE = Product(id="5", title="Kestrel Flux Canvas Sneakers - Pink", category="Shoes",
               attributes={"colour": "pink", "material": "canvas", "features": ["lightweight"]})
SOCK = Product(id="6", title="Brooke Bamboo Socks - White", category="Shoes",
               attributes={"colour": "white", "material": "bamboo viscose", "features": ["breathable"]})
BOTTLE = Product(id="7", title="Tarn Bottle - Red", category="Bottles",
                 attributes={"colour": "red", "material": "stainless steel", "features": ["leak-proof"]})
JUG = Product(id="8", title="Tarn Jug - Red", category="Bottles",
              attributes={"colour": "red", "material": "metal and plastic", "features": ["dishwasher safe"]})
ROWS = [TOY, FOOD, PLUSH, OTHER, SHOE, SOCK, BOTTLE, JUG]
VALUES = CatalogValues.from_products(ROWS)


def test_or_not_stays_a_yes_no_question():
    # was ('value', 'life_stage', 'kitten'): "X or not" read as "which of two"
    assert read_question(TOY, "is it kitten or not?", VALUES) == ("yes", "life_stage", "kitten")
    assert read_question(TOY, "is it adult or not?", VALUES) == ("no", "life_stage", "kitten")


def test_a_named_key_and_its_value_decide_even_when_the_value_is_a_title_word():
    # was None ("senior" is a word of the title, so it was not taken as the asked thing)
    assert read_question(FOOD, "is the life stage senior?", VALUES) == ("yes", "life_stage", "senior")
    assert read_question(FOOD, "is the life stage adult?", VALUES) == ("no", "life_stage", "senior")


def test_another_whole_value_of_the_same_key_is_no_not_a_yes_by_a_shared_word():
    # was ('yes', 'material', 'recycled polyester'): the shared word "polyester"
    assert read_question(PLUSH, "is it plush polyester?", VALUES) == ("no", "material", "recycled polyester")
    assert read_question(PLUSH, "is it recycled polyester?", VALUES) == ("yes", "material", "recycled polyester")


def test_a_word_that_begins_another_value_is_no_unless_the_glossary_says_it_of_the_row():
    # was None → "the catalog doesn't say": bamboo only begins "bamboo viscose"
    assert read_question(SHOE, "is it bamboo?", VALUES) == ("no", "material", "canvas")
    # "metal" begins "metal and plastic", but the glossary says stainless steel is metal: not a "no"
    assert read_question(BOTTLE, "is it metal?", VALUES) != ("no", "material", "stainless steel")


def test_a_feature_list_without_the_asked_feature_is_not_a_no():
    assert read_question(TOY, "is it squeaker?", VALUES) is None
    # the interpreter reads "colours" as the colour aspect; the asked thing is a feature: doesn't say (was: no, grey)
    assert answer_question(TOY, "colour", "no artificial colours", ROWS, "does it have no artificial colours?",
                           VALUES).verdict == "unknown"


def test_machine_washable_is_not_answered_by_dishwasher_safe():
    # was ('yes', 'dishwasher safe')
    answer = answer_question(JUG, "washable", "machine washable", ROWS, "is it machine washable?", VALUES)
    assert answer.verdict == "unknown"
    assert answer_question(JUG, "washable", None, ROWS, "is it dishwasher safe?", VALUES).verdict == "yes"


def _embedder(table: dict[str, list[float]]):
    def embed(texts):
        return np.array([table.get(t, [0.0, 0.0, 0.0, 1.0]) for t in texts], dtype=float)
    return embed


def test_a_reworded_value_of_a_key_the_row_has_is_no_quoting_the_row():
    rows = [SHOE, Product(id="9", title="Corbel Oxford Shoes - Brown", category="Shoes",
                          attributes={"colour": "brown", "material": "leather", "features": ["lightweight"]})]
    values = CatalogValues.from_products(rows)
    table = {"leather": [1.0, 0.0, 0.0, 0.0], "animal hide": [0.95, 0.05, 0.0, 0.0], "canvas": [0.0, 1.0, 0.0, 0.0],
             "lightweight": [0.0, 0.0, 1.0, 0.0]}
    values.paraphrase = RowParaphrase(_embedder(table), list(values.verbatim.values()), glosses={})
    answer = answer_question(SHOE, None, None, rows, "is it animal hide?", values)
    # was 'unknown': the phrase is clearly the catalog's "leather", and the row's material is canvas
    assert (answer.verdict, answer.aspect, answer.fact) == ("no", "material", "canvas")
    assert "canvas" in answer.text
    # a phrase as near an item of another key (a feature) decides nothing
    table["animal hide"] = [0.7, 0.0, 0.7, 0.0]
    values.paraphrase = RowParaphrase(_embedder(table), list(values.verbatim.values()), glosses={})
    assert answer_question(SHOE, None, None, rows, "is it animal hide?", values).verdict != "no"


def test_probe_generator_writes_yes_no_and_doesnt_say_from_the_rows():
    probes = generate(ROWS, sample=len(ROWS), seed=1, templates=load_templates(),
                      glosses=lambda item: ["keeps it tidy"] if item == "leak-proof" else [])
    by = {(p.product_id, p.gold, p.value) for p in probes}
    assert ("3", "yes", "recycled polyester") in by
    assert ("3", "no", "plastic") in by or ("3", "no", "plush polyester") in by     # another toy's material
    assert ("7", "yes", "leak-proof") in by and any(p.kind == "gloss" and "keeps it tidy" in p.question
                                                    for p in probes)
    assert ("1", "unknown", "squeaker") in by or ("1", "unknown", "machine washable") in by
    for p in probes:           # gold follows from the rows: a "no" value is never in the row
        row = dict(ROWS[int(p.product_id) - 1].attributes)
        if p.gold == "no":
            assert row[p.key] != p.value
        if p.gold == "unknown":
            assert p.value not in row.get("features", [])
    metrics = score([{"gold": "no", "said": "yes"}, {"gold": "unknown", "said": "unknown"},
                     {"gold": "yes", "said": "yes"}, {"gold": "yes", "said": "value"}])
    assert metrics["wrong_yes_rate"] == 0.5 and metrics["yes_accuracy"] == 0.5 and metrics["no_accuracy"] == 0.0


def test_a_person_count_against_the_rows_capacity_is_yes_or_no():
    tent = Product(id="10", title="Alpenlite Solstice Camping Tent - Olive", category="Tents",
                   attributes={"colour": "olive", "size": "2-person", "features": ["freestanding"]})
    rows = [tent, Product(id="11", title="Nordvik Tarn Tent", category="Tents", attributes={"size": "4-person"})]
    values = CatalogValues.from_products(rows)
    # was ('value', '2-person') / 'unknown': the row's number decides
    no = answer_question(tent, "size", None, rows, "does it fit 4 people?", values)
    assert (no.verdict, no.fact) == ("no", "2-person")
    assert answer_question(tent, None, None, rows, "is it for 4 people?", values).verdict == "no"
    assert answer_question(tent, None, None, rows, "is it big enough for 2 adults?", values).verdict == "yes"


def test_a_count_in_the_products_own_name_is_not_the_question():
    tent = Product(id="12", title="Alpenlite Solstice 2-Person Tent - Olive", category="Tents",
                   attributes={"colour": "olive", "size": "2-person"})
    answer = answer_question(tent, "colour", "black", [tent], "does the alpenlite solstice 2 person tent come in black",
                             CatalogValues.from_products([tent]))
    assert (answer.verdict, answer.fact) == ("no", "olive")
