"""Typos read as the words meant before a message is understood (``retrieval.text.speller``,
``assistant.understanding.spelling``): only to a word the understanding reads, only when the dictionary says the
typed word is no word and the meant one is by far the likeliest. Phrasings and rows of our own."""

from __future__ import annotations

import pytest

from assistant.understanding.rules import RulesInterpreter
from assistant.understanding.spelling import catalog_words, cue_words, speller_for, spelled
from retrieval.catalog.product import Product
from retrieval.text.speller import Speller, dictionary
from tests.test_understanding_conv10b import KITCHEN, _ctx

pytestmark = pytest.mark.skipif(not dictionary("en"), reason="pyspellchecker's English word list is not installed")

GAMES = [Product(id="G1", title="Tallow Hollow Cooperative Forest Game", category="Toys > Board Games",
                 attributes={"players": "2-4", "features": ["cooperative"]}),
         Product(id="G2", title="Brassmoor Quick Dice Duel", category="Toys > Board Games",
                 attributes={"players": "2"})]


@pytest.mark.parametrize("typed, meant", [
    ("which of the two grips beter", "which of the two grips better"),
    ("can 6 peple play", "can 6 people play"),
    ("we havent got one", "we haven't got one"),
    ("agianst the wall", "against the wall"),
])
def test_a_typo_of_a_cue_word_is_read_as_the_word(typed, meant):
    assert spelled(typed, speller_for(KITCHEN)) == meant


@pytest.mark.parametrize("text", [
    "is it ok in the larder",           # a word ("larder"), though one edit from "larger"
    "do the seams hold",                # a word, one edit from "seats"
    "grips on wet pavment",             # payment or pavement: not sure enough, left as written
    "for my abuela in Rzeszów",         # not English, not near a cue word
    "这个水壶可以洗吗",                   # Chinese: as written
])
def test_words_and_unsure_typos_are_left_as_written(text):
    assert spelled(text, speller_for(KITCHEN)) == text


def test_a_typo_of_the_catalogs_word_is_read_as_that_word():
    """A catalog value the dictionary lacks or ranks low is still a form: "cooprative" is the game's cooperative."""
    s = speller_for(GAMES)
    assert "cooperative" in catalog_words(GAMES)
    assert spelled("is the tallow hollow cooprative?", s) == "is the tallow hollow cooperative?"


def test_a_cue_word_the_dictionary_lacks_is_kept_but_attracts_no_typo():
    s = Speller({"mahalo", "people"})
    assert s.correct("mahalo") == "mahalo" and s.correct("mahal") == "mahal"


def test_the_cue_table_words_are_read_from_its_patterns():
    words = cue_words("en")
    assert {"compare", "which", "better"} <= words and not any("\\" in w for w in words)


def test_a_comparison_typed_with_typos_is_a_comparison():
    """ "out of the first two which one grips beter": the misspelt comparative hid the comparison (a refine)."""
    ctx = _ctx(shown=("K1", "K2", "K3"))
    text = spelled("out of the first two which one boils water quicker and is beter", speller_for(KITCHEN))
    assert [a.type.value for a in RulesInterpreter().interpret(text, ctx).acts] == ["compare"]


def test_the_assistant_understands_the_corrected_message(fake_assistant):
    """The whole turn reads the corrected words: its acts, its answer and the history it is stored in."""
    reply = fake_assistant.chat("a waterproof jakcet please", reply=False)
    said = [t["text"] for t in fake_assistant.sessions.history(reply.session_id) if t["role"] == "user"]
    assert said == ["a waterproof jacket please"]


def test_a_typo_between_a_catalog_word_and_a_commoner_one_is_settled_by_its_neighbour():
    """ "sience" is one edit from science (the catalog's) and from since (commoner): beside "kit", as in the title
    "… Science Kit", it is science; alone it stays as typed."""
    kits = [Product(id="S1", title="Tumblewood Junior Science Kit", category="Toys > Science Kits")]
    s = speller_for(kits)
    assert spelled("a sience kit for my son", s) == "a science kit for my son"
    assert spelled("not sience then", s) == "not sience then"
