"""Budgets in another currency than the catalog's: converted with configured rates, stated, or asked."""

from __future__ import annotations

import pytest

from assistant.config import CurrencySettings, load_settings
from assistant.currency import budget_in_catalog_currency
from assistant.errors import ConfigError
from assistant.portrait.model import Portrait

RATES = CurrencySettings(rates={"CNY": 0.137, "EUR": 1.08}, as_of="2026-12-01", note="sample rates")


def test_config_section(tmp_path):
    (tmp_path / "config.toml").write_text('[currency]\ncatalog = "USD"\nas_of = "2026-12-01"\n'
                                          'rates = {CNY = 0.137}\n', encoding="utf-8")
    settings = load_settings(home=tmp_path, env={})
    assert settings.currency.rates == {"CNY": 0.137} and settings.currency.as_of == "2026-12-01"
    (tmp_path / "config.toml").write_text('[currency]\nrates = {CNY = "cheap"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="currency.rates"):
        load_settings(home=tmp_path, env={})
    assert load_settings(home=tmp_path / "none", env={}).currency.rates == {}


@pytest.mark.parametrize("lo,hi,currency,expected", [
    (None, 300.0, "CNY", (None, 41.1)),
    (100.0, 200.0, "EUR", (108.0, 216.0)),
    (None, 50.0, "USD", (None, 50.0)),        # the catalog's own currency: unchanged, no note
    (None, None, "CNY", (None, None)),
])
def test_conversion(lo, hi, currency, expected):
    c = budget_in_catalog_currency(Portrait(budget_min=lo, budget_max=hi, currency=currency), RATES)
    assert (c.min, c.max) == expected
    assert (c.note is not None) == (currency != "USD" and hi is not None)
    assert c.question is None


def test_note_states_the_assumption():
    c = budget_in_catalog_currency(Portrait(budget_max=300.0, currency="CNY"), RATES)
    assert c.note == "I read ¥300 as about $41 (rate of 2026-12-01, sample rates)"


def test_no_rate_means_no_filter_and_a_question():
    c = budget_in_catalog_currency(Portrait(budget_max=300.0, currency="GBP"), RATES)
    assert (c.min, c.max) == (None, None)        # never compared as if it were dollars
    assert "GBP" in c.question and "USD" in c.question


def _assistant(tmp_path, fake_index, rates):
    from assistant import Assistant
    from assistant.llm import FakeChatModel
    from assistant.sessions import SessionStore

    settings = load_settings(home=tmp_path / "home", env={}, overrides={
        "llm.backend": "fake", "embedder": "fake", "understanding.llm": False, "currency.rates": rates})
    return Assistant(settings, fake_index, FakeChatModel(), SessionStore(settings.sessions_db))


def test_yuan_budget_filters_in_dollars(tmp_path, fake_index):
    # ¥1000 ≈ $137: the $199 headphones are out, the $49 earbuds are in; read as dollars both would pass
    plan = _assistant(tmp_path, fake_index, {"CNY": 0.137}).plan("s1", "无线耳机，1000元以下")
    assert plan.result.query.max_price == pytest.approx(137.0)
    assert [s.product.id for s in plan.shown] == ["H2"]
    assert any(a.startswith("I read ¥1,000 as about $137") for a in plan.portrait.assumptions)
    assert "under your" not in plan.shown[0].why     # no "$951 under your $1,000 budget"


def test_yuan_budget_without_rate_asks(tmp_path, fake_index):
    plan = _assistant(tmp_path, fake_index, {}).plan("s1", "无线耳机，1000元以下")
    assert plan.result.query.max_price is None
    assert "no exchange rate for CNY" in plan.portrait.question
    assert not any(a.startswith("I read") for a in plan.portrait.assumptions)


def test_demo_config_is_written_once_and_labelled_sample(tmp_path, capsys):
    from ui.cli_index import _write_demo_config

    _write_demo_config(tmp_path)
    text = (tmp_path / "config.toml").read_text(encoding="utf-8")
    assert "SAMPLE" in text and "as_of" in text
    settings = load_settings(home=tmp_path, env={})
    assert settings.currency.rates["CNY"] > 0 and settings.currency.note == "sample rate"
    (tmp_path / "config.toml").write_text("top_k = 3\n", encoding="utf-8")
    _write_demo_config(tmp_path)                         # never overwrites the shop's own file
    assert (tmp_path / "config.toml").read_text(encoding="utf-8") == "top_k = 3\n"
