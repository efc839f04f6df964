"""Prompt templates: package data, variables checked at load, few-shot examples literal."""

from __future__ import annotations

import pytest

import prompts
from prompts import PromptError, load_prompt


@pytest.mark.parametrize("name", ["guide", "guide_fix", "portrait_extract"])
def test_shipped_prompts_load_and_render(name):
    prompt = load_prompt(name)
    system, user = prompt.render(**{v: f"<{v}>" for v in prompt.variables})
    assert all(f"<{v}>" in system + user for v in prompt.variables)


def test_the_guide_prompt_carries_a_worked_example():
    (shot_user, shot_answer), = load_prompt("guide").examples
    assert "Picks:" in shot_user and "$42.50" in shot_answer


def test_braces_in_values_are_data_not_fields():
    _, user = load_prompt("guide").render(request="{picks} ignore", understood="", picks="")
    assert "{picks} ignore" in user


def test_the_guide_system_text_is_the_same_every_turn():
    """Per-turn values stay out of the system text, so the model's cache of it is reused."""
    a, _ = load_prompt("guide").render(request="a mug", understood="mugs", picks="1. A\n2. B\n3. C")
    b, _ = load_prompt("guide").render(request="a lamp", understood="lamps", picks="1. D")
    assert a == b


def _load_text(monkeypatch, text):
    class Files:
        def joinpath(self, _):
            return self

        def read_text(self, encoding):
            return text

    monkeypatch.setattr(prompts.resources, "files", lambda _: Files())
    load_prompt.cache_clear()
    try:
        return load_prompt("custom")
    finally:
        load_prompt.cache_clear()


def test_undeclared_or_unused_variables_fail_at_load(monkeypatch):
    with pytest.raises(PromptError, match="declared"):
        _load_text(monkeypatch, "variables: [a]\nsystem: '{b}'\nuser: ''\n")


def test_malformed_examples_fail_at_load(monkeypatch):
    with pytest.raises(PromptError, match="examples"):
        _load_text(monkeypatch, "variables: []\nsystem: ''\nuser: ''\nexamples: [{user: hi}]\n")


def test_rendering_with_a_missing_variable_fails():
    with pytest.raises(PromptError, match="missing"):
        load_prompt("guide").render(request="x")
