"""The grounding checker: names, prices, numbers, attribute claims and pick references."""

from __future__ import annotations

import pytest

from assistant.grounding.check import CatalogTerms, check_grounding, split_sentences
from assistant.portrait.model import Portrait


@pytest.fixture
def terms(sample_products):
    return CatalogTerms.from_products(sample_products, extra_attributes=["waterproof", "windproof", "packable"])


@pytest.fixture
def jackets(sample_products):
    by_id = {p.id: p for p in sample_products}
    return [by_id["J1"], by_id["J3"]]   # Nordvik Ridge $129.99, Tidewater $79.50


def kinds(text, shown, terms, portrait=None, request=""):
    return [i.kind for i in check_grounding(text, shown, portrait or Portrait(budget_max=150), terms,
                                            request=request).issues]


def test_grounded_text_passes(jackets, terms):
    text = ("The Nordvik Ridge Waterproof Hiking Jacket is breathable and costs $129.99. "
            "For less, the Tidewater rain jacket at $79.50 is packable and rated 4.1/5.")
    assert kinds(text, jackets, terms) == []


def test_budget_and_gap_to_budget_are_allowed(jackets, terms):
    assert kinds("Pick 1 stays $20.01 under your $150 budget.", jackets, terms) == []


@pytest.mark.parametrize("text", ["The Nordvik costs only $12 today.", "It is yours for $0.", "Now 99 dollars."])
def test_invented_prices_are_flagged(jackets, terms, text):
    assert "price" in kinds(text, jackets, terms)


def test_a_product_that_is_not_shown_is_flagged_by_brand_and_model_name(jackets, terms):
    assert kinds("You could also get the Alpenlite shell.", jackets, terms) == ["name"]
    assert "name" in kinds("Or the Buds from the other brand.", jackets, terms)


def test_invented_numbers_are_flagged(jackets, terms):
    assert kinds("The Tidewater comes with a 5-year warranty.", jackets, terms) == ["number", "claim"]
    assert kinds("Both are 30% off.", jackets, terms) == ["number"]


def test_numbers_from_the_data_and_the_request_are_allowed(jackets, terms):
    assert kinds("The Nordvik has 320 reviews.", jackets, terms) == []
    assert kinds("Good for your 3 day hike.", jackets, terms, request="a jacket for a 3 day hike") == []


def test_attribute_claims_must_hold_for_the_product_named(jackets, terms):
    # the Tidewater is not breathable; the Nordvik is
    assert kinds("The Tidewater is breathable.", jackets, terms) == ["attribute"]
    assert kinds("The Nordvik is breathable.", jackets, terms) == []
    assert kinds("Pick 2 is windproof.", jackets, terms) == ["attribute"]


def test_attribute_claims_about_the_picks_in_general_need_one_shown_product(jackets, terms):
    assert kinds("These are windproof.", jackets, terms) == ["attribute"]
    assert kinds("These jackets are waterproof.", jackets, terms) == []


def test_negated_attributes_are_not_claims(jackets, terms):
    assert kinds("The Tidewater is not windproof.", jackets, terms) == []


def test_references_beyond_the_shown_picks_are_flagged(jackets, terms):
    assert kinds("Pick 4 is the best.", jackets, terms) == ["reference"]


def test_report_counts_and_messages(jackets, terms):
    report = check_grounding("The Alpenlite costs $12.", jackets, Portrait(), terms)
    assert not report.ok
    assert report.counts() == {"name": 1, "price": 1}
    assert all(isinstance(m, str) and m for m in report.messages())


def test_sentences_split_on_terminators_but_not_decimals():
    assert split_sentences("It costs $129.99. Rated 4.6 stars! Nice?") == ["It costs $129.99.", "Rated 4.6 stars!", "Nice?"]


def test_meta_commentary_about_the_text_is_not_kept(sample_products):
    from assistant.grounding.check import check_grounding

    report = check_grounding("The original text contains two errors that can be easily fixed.", sample_products[:2])
    assert not report.ok
    assert any(issue.kind == "meta" for issue in report.issues)
    assert check_grounding("These jackets keep you dry on the trail.", sample_products[:2]).ok


# Real SmolLM2 drafts that passed the checker before the lexical rules (assistant.grounding.claims).
@pytest.mark.parametrize("text, kind", [
    ("It has an excellent rating on Amazon for the Nordvik.", "name"),
    ("The Shoppe has an excellent selection of jackets.", "name"),
    ("Kent has a great selection of waterproof jackets.", "name"),
    ("A jacket can't exist without the words \"Waterfront\" - that's a typo!", "name"),
    ("The Nordvik beats the Tidewater by Kistrel & Co.", "name"),
    ("The price includes free shipping to your address for these jackets.", "claim"),
    ("This jacket has been verified on the official website of Nordvik.", "claim"),
    ("The second pick was sold out on sale last night!", "claim"),
    ("The Nordvik is rated 4 out of 5 stars.", "rating"),
    ("This jacket has a rating of 7 out of 10.", "rating"),
    ("Seller: the Nordvik jacket is great.", "format"),
    ("**Draft:** the Nordvik jacket is great.", "format"),
    ("See the jackets at https://www.example.com/jackets today.", "format"),
    ("I'm glad to know that you're so passionate about fashion.", "off_topic"),
    ("A great choice!", "off_topic"),
])
def test_what_a_tiny_model_invents_is_flagged(jackets, terms, text, kind):
    assert kind in kinds(text, jackets, terms, request="a waterproof jacket under $150")


@pytest.mark.parametrize("text", [
    "The Nordvik Ridge is waterproof and breathable, a good fit for your hike.",
    "For less, the Tidewater rain jacket is packable.",
    "The Nordvik is rated 4.6 out of 5 by 320 reviewers.",
    "Pick 2 stays well under your budget.",
    "I'd go with the first jacket for rainy days.",
    "If you hike in the rain, the Nordvik jacket is waterproof.",
    "Tidewater makes the cheaper jacket.",
])
def test_plain_grounded_sentences_pass_the_lexical_rules(jackets, terms, text):
    assert kinds(text, jackets, terms, request="a waterproof jacket for hiking, rainy days") == []


def test_names_the_shopper_used_are_not_unknown(jackets, terms):
    text = "The Nordvik jacket is a good gift for Christmas."
    assert "name" in kinds(text, jackets, terms, request="a waterproof jacket")
    assert kinds(text, jackets, terms, request="a waterproof jacket as a christmas gift") == []


def test_a_policy_claim_backed_by_the_product_data_passes(sample_products, terms):
    from retrieval.catalog.product import Product

    p = Product(id="W1", title="Nordvik Ridge Jacket", brand="Nordvik", price=99.0, category="Jackets",
                description="Waterproof shell with a lifetime warranty.")
    assert kinds("The Nordvik jacket comes with a lifetime warranty.", [p], terms) == []
