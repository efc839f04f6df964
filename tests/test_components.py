"""Composition-root behaviour: a mismatched ranker model is a clear ConfigError."""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError


def test_mismatched_ranker_model_is_a_config_error(tmp_path, monkeypatch):
    import retrieval.ranking.learned as ranker_module
    from assistant.components import load_default_ranker

    def mismatched(path):
        raise ranker_module.FeatureMismatchError("model features differ from this version's features")

    monkeypatch.setattr(ranker_module, "load_ranker", mismatched)
    settings = load_settings(home=tmp_path, env={})
    with pytest.raises(ConfigError, match="ranker train"):
        load_default_ranker(settings)


def test_missing_ranker_model_means_fused_order(tmp_path):
    from assistant.components import load_default_ranker

    assert load_default_ranker(load_settings(home=tmp_path, env={})) is None
