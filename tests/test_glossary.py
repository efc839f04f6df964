"""The feature glossary (``lang/en/glossary.yaml``): loaded, checked, and used by the paraphrase matcher.

The stub embedder below is a bag of "concepts" found by keyword (a fake embedder carries no semantics of
its own): "grip on icy pavements" shares concepts with the gloss "good grip on ice" but none with the
catalog value "slip resistant", so only the gloss can make the match.
"""

import numpy as np
import pytest

from assistant.understanding import paraphrase
from assistant.understanding.answer import answer_question
from assistant.understanding.paraphrase import RowParaphrase, glossary, glosses_of, parse_glossary
from assistant.understanding.rowmatch import CatalogValues
from retrieval.catalog.product import Product

CONCEPTS = [("grip", "traction"), ("ice", "icy"), ("snow",), ("slip",), ("timer", "schedule"), ("program",), ("red",),
            ("olive",), ("leak",)]


def stub_embed(texts):
    out = np.zeros((len(texts), len(CONCEPTS) + 1))
    for row, text in enumerate(texts):
        for i, words in enumerate(CONCEPTS):
            out[row, i] = sum(text.lower().count(w) for w in words)
        out[row, -1] = 0.2
    return out


TABLE = {"slip resistant": ("good grip on ice",), "programmable": ("set a timer",)}
BOOT = Product(id="b1", title="Alder Winter Boot", price=80.0,
               attributes={"colour": "olive", "features": ["Slip-Resistant", "waterproof"]})
SHOE = Product(id="s1", title="Corbel Canvas Shoe", price=40.0, attributes={"colour": "red", "features": ["lace-up"]})
KETTLE = Product(id="k1", title="Meadow Kettle", price=30.0, attributes={"colour": "red", "features": ["programmable"]})
CATALOG = [BOOT, SHOE, KETTLE]


def _values(table=TABLE):
    values = CatalogValues.from_products(CATALOG)
    values.paraphrase = RowParaphrase(stub_embed, list(values.verbatim.values()), glosses=table)
    return values


def test_the_shipped_english_glossary_loads_with_many_terms_across_domains():
    table = glossary("en")
    assert len(table) >= 250
    for term in ("insulated", "slip resistant", "programmable", "freestanding", "noise cancelling", "waterproof",
                 "breathable", "hypoallergenic", "dishwasher safe", "bpa free", "cordless", "foldable",
                 "adjustable", "machine washable", "transparency mode", "ergonomic", "grain free", "chew resistant"):
        assert table[term], term
    assert all(t == " ".join(t.replace("-", " ").split()) and t == t.lower() for t in table)
    assert all(g and g == g.strip() for glosses in table.values() for g in glosses)


@pytest.mark.parametrize("bad", [["a list"], {"insulated": []}, {"insulated": "keeps drinks hot"},
                                 {"insulated": ["keeps drinks hot", 3]}, {"insulated": ["  "]}])
def test_a_malformed_glossary_is_refused_with_the_file_named(bad):
    with pytest.raises(ValueError, match="glossary.yaml"):
        parse_glossary(bad, "lang/xx/glossary.yaml")


def test_a_term_applies_to_a_value_holding_it_as_whole_words_the_most_specific_term_only():
    table = {"non slip": ("good grip",), "slip": ("slides",), "warm": ("cosy",), "keep warm": ("food stays warm",)}
    assert glosses_of("Non-Slip Sole", table) == ["good grip"]
    assert glosses_of("keep warm", table) == ["food stays warm"]          # not the clothes' "warm"
    assert glosses_of("warmth", table) == []                              # whole words, not a prefix
    assert glosses_of("indoor/outdoor", {"indoor outdoor": ("inside and out",)}) == ["inside and out"]


def test_a_value_is_reached_through_its_gloss_and_not_without_it():
    a = answer_question(BOOT, None, None, CATALOG, "will they grip on icy pavements", _values())
    assert (a.verdict, a.fact, a.product_id) == ("yes", "Slip-Resistant", "b1")      # quoted as the row writes it
    a = answer_question(KETTLE, None, None, CATALOG, "can i set a timer on it", _values())
    assert (a.verdict, a.fact) == ("yes", "programmable")
    # the same questions with no glossary: the value text alone shares nothing with them
    assert answer_question(BOOT, None, None, CATALOG, "will they grip on icy pavements", _values({})).verdict \
        == "unknown"
    assert answer_question(KETTLE, None, None, CATALOG, "can i set a timer on it", _values({})).verdict == "unknown"


def test_a_gloss_never_puts_a_value_into_a_row_that_lacks_it():
    values = _values()
    assert values.paraphrase.match(SHOE, "will they grip on icy pavements") is None
    a = answer_question(SHOE, None, None, CATALOG, "will they grip on icy pavements", values)
    assert a.verdict == "unknown" and a.fact is None          # absence stays "the catalog doesn't say", not "no"


def test_a_glosss_words_count_as_shared_words_for_a_weak_match(monkeypatch):
    monkeypatch.setattr(paraphrase, "STRONG", 0.999)          # every match is "weak": the shared-word rule decides
    values = _values()
    assert values.paraphrase.shares_word("grip on icy pavements", "Slip-Resistant")
    assert not paraphrase.shares_word("grip on icy pavements", "Slip-Resistant")
    assert values.paraphrase.match(BOOT, "will they grip on icy pavements")[1] == "Slip-Resistant"
    # the same concept through a gloss without a word of the question ("traction" ~ "grip" to the stub): refused
    other = _values({"slip resistant": ("traction in snow",)})
    assert other.paraphrase.match(BOOT, "will they grip on icy pavements") is None


@pytest.mark.slow
def test_minilm_reaches_the_dev_paraphrases_through_the_glossary_on_demo_rows():
    """Dev questions (eval/suites/dialogue conv6 / blind2) on the demo catalog, with the real MiniLM."""
    from retrieval.demo.catalog import generate_catalog
    from retrieval.index.embedder import make_embedder

    products = {r["id"]: Product.from_dict(r) for r in generate_catalog()}
    values = CatalogValues.from_products(products.values())
    embed = make_embedder("minilm").embed
    values.paraphrase = RowParaphrase(embed, list(values.verbatim.values()))
    bare = CatalogValues.from_products(products.values())
    bare.paraphrase = RowParaphrase(embed, list(bare.verbatim.values()), glosses={})
    cases = [("SG-00252", "will it keep my coffee hot", "insulated"),
             ("SG-00027", "will they grip on icy pavements", "slip resistant"),
             ("SG-00544", "can i set a timer on it", "programmable"),
             ("SG-00043", "does it stand up on its own without pegs", "freestanding"),
             ("SG-00758", "can it stand up on its own without stakes?", "freestanding")]
    catalog = list(products.values())
    for pid, question, fact in cases:
        a = answer_question(products[pid], None, None, catalog, question, values)
        assert (a.verdict, a.fact) == ("yes", fact), (question, a)
    # the first three were "the catalog doesn't say" without the glossary (issue 13)
    for pid, question, _fact in cases[:3]:
        assert answer_question(products[pid], None, None, catalog, question, bare).verdict == "unknown", question
    # a near-miss stays unknown
    assert answer_question(products["SG-00043"], None, None, catalog, "does it come with a warranty", values) \
        .verdict == "unknown"


def test_past_max_items_texts_in_all_the_values_are_compared_alone(monkeypatch):
    """The glosses must not push a turn's one-off embedding past the cap that keeps it short."""
    monkeypatch.setattr(paraphrase, "MAX_ITEMS", 3)
    para = RowParaphrase(stub_embed, ["Slip-Resistant", "programmable"], glosses=TABLE)     # 2 values + 2 glosses
    assert para.items == ["Slip-Resistant", "programmable"] and para.glosses == {}
    monkeypatch.setattr(paraphrase, "MAX_ITEMS", 4)
    assert RowParaphrase(stub_embed, ["Slip-Resistant", "programmable"], glosses=TABLE).glosses


def test_coverage_counts_the_features_a_glossary_term_names():
    from eval.glossary_coverage import coverage

    rows = [Product(id="1", title="A", attributes={"features": ["Non-Slip Sole", "zorbified"], "colour": "red"}),
            Product(id="2", title="B", attributes={"features": ["machine washable"]})]
    out = coverage(rows)
    assert (out["features"], out["features_covered"], out["values"]) == (3.0, 2.0, 4.0)
    assert out["feature_coverage"] == pytest.approx(2 / 3)
