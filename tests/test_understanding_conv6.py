"""Regression tests of the conv6 round's general causes (each fails on the code before it)."""

from __future__ import annotations

import pytest

from assistant.understanding.rules import RulesInterpreter
from tests.understanding_contract import context


def types(text: str) -> set[str]:
    return {a.type.value for a in RulesInterpreter().interpret(text, context(True)).acts}


@pytest.mark.parametrize("text", ["anything else is fine", "not red please, anything else is fine",
                                  "anything else would be ok"])
def test_anything_else_is_fine_concedes_it_does_not_ask_for_more(text):
    assert "show_more" not in types(text)


@pytest.mark.parametrize("text", ["anything else?", "anything else in blue?", "show me some others"])
def test_anything_else_as_a_question_still_asks_for_more(text):
    assert "show_more" in types(text)
