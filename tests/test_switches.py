"""Switches are settings, not hidden conditions: the portrait LLM, learned ranking, cancellation."""

from __future__ import annotations

import threading

import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.llm import FakeChatModel
from assistant.portrait.llm_fill import PortraitLLM


# -- [understanding] llm ------------------------------------------------------------------------
def test_understanding_llm_is_on_by_default_whatever_the_backend(tmp_path):
    for backend in ("fake", "transformers", "openai"):
        assert load_settings(home=tmp_path, env={}, overrides={"llm.backend": backend}).understanding.llm is True


def test_understanding_llm_from_file_env_and_overrides(tmp_path):
    (tmp_path / "config.toml").write_text("[understanding]\nllm = false\n")
    assert load_settings(home=tmp_path, env={}).understanding.llm is False
    assert load_settings(home=tmp_path, env={"SHOPGUIDE_UNDERSTANDING_LLM": "on"}).understanding.llm is True
    assert load_settings(home=tmp_path, env={"SHOPGUIDE_UNDERSTANDING_LLM": "on"},
                         overrides={"understanding.llm": False}).understanding.llm is False


@pytest.mark.parametrize("source", ["file", "env"])
def test_understanding_llm_rejects_non_booleans(tmp_path, source):
    env = {}
    if source == "file":
        (tmp_path / "config.toml").write_text('[understanding]\nllm = "sometimes"\n')
    else:
        env = {"SHOPGUIDE_UNDERSTANDING_LLM": "sometimes"}
    with pytest.raises(ConfigError, match="(?i)understanding.*(true or false|valid bool)"):
        load_settings(home=tmp_path, env=env)
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(home=tmp_path, env={}, overrides={"understanding.rules": True})


@pytest.mark.parametrize("enabled", [True, False])
def test_the_setting_alone_decides_the_portrait_llm_even_for_the_fake_backend(fake_assistant, enabled):
    from assistant import Assistant

    settings = fake_assistant.settings.with_(understanding=type(fake_assistant.settings.understanding)(llm=enabled))
    model = FakeChatModel(['{"recipient": "friend", "occasion": "housewarming", "style": null}'])
    bot = Assistant(settings, fake_assistant.index, model, fake_assistant.sessions)
    assert (bot.portrait_llm is not None) is enabled
    session = bot.new_session()
    portrait = bot.plan(session, "something nice for my bff who just moved").portrait   # stored with the turn, later
    if enabled:
        assert (portrait.recipient, portrait.occasion) == ("friend", "housewarming") and len(model.calls) == 1
    else:
        assert portrait.occasion is None and model.calls == []


def test_portrait_eval_no_llm_flag_maps_onto_the_setting(tmp_path):
    from eval.portrait_eval import build_assistant

    assert build_assistant(tmp_path, use_llm=False, sessions_dir=tmp_path).portrait_llm is None
    assert build_assistant(tmp_path, use_llm=True, sessions_dir=tmp_path).settings.understanding.llm is True


# -- learned ranking unavailable ----------------------------------------------------------------
def _block_xgboost(monkeypatch):
    import retrieval.ranking.learned as learned

    def missing():
        raise ImportError("xgboost is not installed; run scripts/setup.sh or `pip install xgboost-cpu`")

    monkeypatch.setattr(learned, "import_xgboost", missing)


def _model_needing_xgboost(path) -> None:
    """A valid model file whose booster the numpy tree scorer cannot read (so xgboost must)."""
    import json

    from retrieval.ranking.features import FEATURES
    from retrieval.ranking.learned import FORMAT, VERSION

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "features": list(FEATURES),
                                "booster": {"learner": {"gradient_booster": {"name": "gblinear"}}}}))


def test_a_model_without_xgboost_warns_and_says_why(tmp_path, monkeypatch):
    from assistant.components import load_default_ranker
    from retrieval.ranking.learned import LearnedRankingUnavailable, ranker_status

    settings = load_settings(home=tmp_path, env={})
    _model_needing_xgboost(settings.ranker_path)
    _block_xgboost(monkeypatch)
    with pytest.warns(LearnedRankingUnavailable, match="xgboost is not installed.*fused retrieval order"):
        assert load_default_ranker(settings) is None
    usable, why = ranker_status(settings.ranker_path)
    assert not usable and "xgboost is not installed" in why


def test_no_model_file_is_fused_order_without_a_warning(tmp_path, recwarn):
    from assistant.components import load_default_ranker
    from retrieval.ranking.learned import ranker_status

    settings = load_settings(home=tmp_path, env={})
    assert load_default_ranker(settings) is None
    assert not recwarn.list
    usable, why = ranker_status(settings.ranker_path)
    assert not usable and why.startswith("no model at")


def test_ranker_info_reports_why_learned_ranking_is_off(tmp_path, monkeypatch, capsys):
    from ui.cli import main

    _model_needing_xgboost(tmp_path / "ranker" / "current.json")
    _block_xgboost(monkeypatch)
    assert main(["--data-dir", str(tmp_path), "ranker", "info"]) == 0
    assert "learned ranking unavailable: learned ranking is off" in capsys.readouterr().out


# -- a timed-out portrait call is cancelled -----------------------------------------------------
def test_a_timed_out_portrait_call_is_cancelled_and_frees_the_model():
    model = FakeChatModel(['{"recipient": "friend"} ' + "x " * 200], piece_delay_s=5.0)  # ~1000 s uncancelled
    llm = PortraitLLM(model, time_budget_s=0.2, retries=0)
    assert llm.extract("a present for my bff") is None
    assert llm.timeouts == 1
    # cancelled, not abandoned: the model's lock is free as soon as extract returns
    assert model._gen_lock.acquire(blocking=False)
    model._gen_lock.release()
    done = threading.Event()
    threading.Thread(target=lambda: (model.generate([], max_new_tokens=1), done.set()), daemon=True).start()
    assert done.wait(30)
