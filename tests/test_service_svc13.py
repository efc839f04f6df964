"""Customer-service changes of the svc13 round (dev12, the eighth blind split once promoted). Phrasings of our own,
in no split; an invented shop's knowledge (not the demo policy); fakes only. Each test fails on the code before."""

from __future__ import annotations


import numpy as np
import pytest

from assistant.knowledge.memory import QuestionMemory
from tests.service_helpers import other_shop_service

SHOP = ("# Contact\nCall us at +44 20 7946 0000 or write to help@other-shop.example, weekdays 8 am to 6 pm.\n\n"
        "# Returns\nYou can return unused items within 21 days.")


class _HandsEverythingOff:
    """A learned router that calls every question a hand-off, certain of it."""
    threshold = 0.5

    def predict(self, vector, score, has_order, injection):
        return "handoff", 1.0


@pytest.fixture()
def service():
    return other_shop_service(SHOP, router=_HandsEverythingOff())


# -- the shop's own number or e-mail asked for: the contact sentence, whatever the router thinks ----------------------
@pytest.mark.parametrize("text", [
    "which number should i dial for your customer service",
    "what e-mail do i send my question to, for support",
    "whats the number for your helpline",
])
def test_asking_for_the_shops_number_or_email_gets_them(service, text):
    """dev12 b8-038 (a policy question asking for the support number) was handed off by the learned router: the
    contact details of the shop's side were asked for, and the shop's contact sentence answers that."""
    answer = service.answer(text)
    assert answer.handoff is None and answer.kind == "policy"
    assert "+44 20 7946 0000" in answer.text


@pytest.mark.parametrize("text", [
    "what is the email address of the person who sold me this",
    "which number did the courier ring from",
])
def test_someone_elses_number_or_email_is_not_the_shops(service, text):
    """Without a word for the shop's side, "what number" / "what email" alone decide nothing (here the router's
    hand-off stands)."""
    assert service.answer(text).handoff is not None


# -- the question memory's margin ---------------------------------------------------------------------------------
def _memory(margin: float) -> QuestionMemory:
    m = QuestionMemory(["answered one", "answered two"], ["unanswered one"], "fake", "k", 0.5, margin=margin)
    m.embed_with(lambda texts: [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    return m


def test_an_unanswered_question_nearly_as_close_as_an_answered_one_hands_off_within_the_margin():
    """A question 0.72 from an answered question (about another sentence of the section) and 0.68 from an
    unanswered one: with margin 0 the answered one wins, as before; within a margin of 0.05 the memory hands off."""
    v = np.array([0.72, 0.0, 0.68])
    v = v / np.linalg.norm(v)
    assert not _memory(0.0).uncovered(v)[0]
    hit, sim, text = _memory(0.05).uncovered(v)
    assert hit and text == "unanswered one" and sim == pytest.approx(0.68 / np.hypot(0.72, 0.68), abs=1e-3)
    assert not _memory(0.03).uncovered(v)[0]


def test_the_margin_never_lets_an_unanswered_question_under_the_threshold_decide():
    v = np.array([0.9, 0.0, 0.45])
    v = v / np.linalg.norm(v)            # unanswered at 0.447 < 0.5
    assert not _memory(1.0).uncovered(v)[0]


def test_the_margin_round_trips_through_json_and_defaults_to_zero():
    m = _memory(0.06)
    assert QuestionMemory.from_json(m.to_json()).margin == 0.06
    data = m.to_json()
    del data["margin"]
    assert QuestionMemory.from_json(data).margin == 0.0
