"""The examples in module docstrings run, so they cannot drift from the code."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["assistant.grounding.claims", "assistant.grounding.check", "assistant.llm.fake",
           "assistant.users.profile", "assistant.users.events_io", "assistant.users.experiments",
           "assistant.users.experiment_report", "retrieval.ranking.collaborative", "retrieval.ranking.personal"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
