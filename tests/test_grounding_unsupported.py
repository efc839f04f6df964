"""The checker rejects safety claims, referrals to other shops, shop policy and prose that answers nothing."""

from __future__ import annotations

import pytest

from assistant.grounding.check import CatalogTerms, check_grounding
from assistant.portrait.model import Portrait
from retrieval.catalog.product import Product

PAN = Product(id="K1", title="Brightwell Non-Stick Frying Pan", brand="Brightwell", price=34.99,
              category="Home & Kitchen > Cookware", attributes={"features": ["non-stick", "dishwasher safe"]})
FREE = Product(id="K2", title="Brightwell PFAS-Free Pan", brand="Brightwell", price=39.99, category="Home & Kitchen > Cookware",
               description="Free of harmful chemicals.", attributes={"features": ["pfas free"]})


def kinds(text: str, shown=(PAN,), request: str = "a frying pan") -> list[str]:
    portrait = Portrait(category="Cookware", needs=request)
    report = check_grounding(text, list(shown), portrait, CatalogTerms.from_products(list(shown)), request=request)
    return [i.kind for i in report.issues]


@pytest.mark.parametrize("text,kind", [
    ("The Brightwell pan may have been leaking into the environment.", "safety"),
    ("The Brightwell pan is made with harmful chemicals.", "safety"),
    ("You could buy from a supplier who offers these pans.", "referral"),
    ("Other stores have more frying pans.", "referral"),
    ("The Brightwell pan comes with free returns within 30 days.", "policy"),
    # session 20, SmolLM2 beside a hoodie list: a cause no row states
    ("The Brightwell pan is a great option to support local women's shelters.", "cause"),
    ("All proceeds from the Brightwell pan go to charity.", "cause"),
])
def test_unsupported_claims_are_rejected(text, kind):
    assert kind in kinds(text)


def test_a_claim_the_products_own_text_makes_is_allowed():
    assert "safety" not in kinds("The Brightwell pan is free of harmful chemicals.", shown=(FREE,))


def test_plain_grounded_prose_passes():
    assert kinds("The Brightwell Non-Stick Frying Pan is dishwasher safe.") == []


def test_prose_that_answers_nothing_is_rejected():
    assert "unanswered" in kinds("I hope you have a lovely day. Weather is nice today.")
