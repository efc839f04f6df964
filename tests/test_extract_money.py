"""Money phrasings → (min, max, currency); sizes, counts and weights are never budgets."""

from __future__ import annotations

import pytest

from retrieval.text.money import extract_budget


@pytest.mark.parametrize("text, lo, hi, currency", [
    ("I need a waterproof jacket for hiking under $150", None, 150, "USD"),
    ("between 50 and 80 dollars", 50, 80, "USD"),
    ("no more than 100", None, 100, "USD"),
    ("150 bucks", None, 150, "USD"),
    ("€80", None, 80, "EUR"),
    ("around 60", None, 72, "USD"),              # "around X" → up to 1.2 X
    ("budget around 100", None, 120, "USD"),
    ("under a hundred bucks", None, 100, "USD"),
    ("fifty dollars max", None, 50, "USD"),
    ("$40 or less", None, 40, "USD"),
    ("90 tops", None, 90, "USD"),
    ("$100-200 with gps", 100, 200, "USD"),
    ("from 30 to 60", 30, 60, "USD"),
    ("at least $200", 200, None, "USD"),
    ("over 150 though, I want something decent", 150, None, "USD"),
    ("nothing over 120 though", None, 120, "USD"),
    ("a kettle for under £40", None, 40, "GBP"),
    ("shampoo less than 19.99", None, 19.99, "USD"),
    ("i can spend 45 on a water bottle", None, 45, "USD"),
    ("my budget is 300", None, 300, "USD"),
    ("and price lower than 40.00 dollars", None, 40, "USD"),
    ("under 1k", None, 1000, "USD"),
    ("sub-$100", None, 100, "USD"),
])
def test_money_phrasings(text, lo, hi, currency):
    b = extract_budget(text)
    assert b is not None
    assert (b.min, b.max, b.currency) == (lo, hi, currency)


@pytest.mark.parametrize("text", [
    "hair extensions that are at least 14 inches long",
    "about 36 appetizers",
    "pick a size between 10.5 and 11",
    "tv stand for tvs up to 48 inches",
    "a 1.5 pound jar",
    "an i5 processor with at least 16gb of ram",
    "a pack of 4",
    "a 40mm watch",
    "usda organic black tea",
    "no more than 2 players",
    "a throw blanket at least 50 by 60 inches",
    "a jigsaw puzzle with 1000 pieces",
    "",
])
def test_numbers_that_are_not_money(text):
    assert extract_budget(text) is None


def test_bare_numbers_count_only_when_a_budget_is_being_revised():
    assert extract_budget("make it 35") is None
    assert extract_budget("make it 35", assume_money=True).max == 35
    revised = extract_budget("let's say 60 to 120 instead", assume_money=True)
    assert (revised.min, revised.max) == (60, 120)
    assert extract_budget("size 9 please", assume_money=True) is None
