"""Returning shoppers: the user store, long-term profiles, the assistant's personal turn, privacy."""

from __future__ import annotations

import sqlite3

import pytest

from assistant.errors import InputError, UserNotFound
from assistant.users.profile import DAY_S, build_profile
from assistant.users.store import UserEvent, UserStore
from retrieval.query import Query


def test_events_are_idempotent_and_split_by_time(tmp_path):
    store = UserStore(tmp_path / "db.sqlite")
    events = [UserEvent("u1", "J1", "click", 10.0), UserEvent("u1", "J2", "purchase", 20.0)]
    assert store.add_events(events) == 2
    assert store.add_events(events) == 0            # same file imported twice adds nothing
    assert [e.product_id for e in store.events("u1", until=20.0)] == ["J1"]   # until is exclusive
    assert store.exists("u1")


def test_bad_events_are_rejected():
    with pytest.raises(InputError):
        UserEvent("u1", "J1", "teleport", 1.0)
    with pytest.raises(InputError):
        UserEvent("", "J1", "click", 1.0)


def test_profile_decays_explains_and_ignores_the_future(sample_products):
    products = {p.id: p for p in sample_products}
    now = 400 * DAY_S
    events = [UserEvent("u", "J1", "purchase", now - 300 * DAY_S),    # Nordvik, long ago
              UserEvent("u", "J2", "purchase", now - 1 * DAY_S),      # Alpenlite, yesterday
              UserEvent("u", "J3", "purchase", now + 1.0)]            # after "now": must not count
    prof = build_profile("u", events, products.get, now=now, half_life_days=90)
    brands = [a.value for a in prof.top("brand", min_score=0.0)]
    assert brands[:2] == ["alpenlite", "nordvik"] and "tidewater" not in brands
    assert prof.top("brand")[0].because == "because you bought the Alpenlite Storm Shell Jacket - Blue"
    assert prof.score_of("colour", "blue") > prof.score_of("colour", "red") > 0


def test_thumbs_down_and_hidden_values_leave_the_profile(sample_products):
    products = {p.id: p for p in sample_products}
    events = [UserEvent("u", "J2", "click", 1.0), UserEvent("u", "J2", "thumbs_down", 2.0),
              UserEvent("u", "J1", "purchase", 3.0)]
    prof = build_profile("u", events, products.get, now=10.0, edits=[("brand", "Nordvik", "hide")])
    assert prof.score_of("brand", "alpenlite") == 0.0       # 1 click - 2 thumbs down: not an affinity
    assert prof.score_of("brand", "nordvik") == 0.0          # the shopper hid it
    assert prof.score_of("colour", "red") > 0


def test_profile_is_soft_it_never_adds_filters(sample_products):
    products = {p.id: p for p in sample_products}
    prof = build_profile("u", [UserEvent("u", "J2", "purchase", 1.0)], products.get, now=2.0)
    q = Query(text="jacket", brands_exclude=("Alpenlite",), max_price=100)
    soft = prof.apply(q)
    assert soft.brands_liked == () and "blue" in soft.attributes_wanted    # the session's exclusion wins
    assert (soft.brands_exclude, soft.max_price, soft.attributes_required) == (q.brands_exclude, 100, ())
    assert prof.apply(Query(text="jacket")).brands_liked == ("alpenlite",)


def _buy(bot, user, product_id):
    sid = bot.new_session(user_id=user)
    bot.feedback(sid, product_id, "purchase")
    return sid


def test_a_returning_shopper_sees_picks_shaped_by_earlier_purchases(fake_assistant):
    bot = fake_assistant
    anon = bot.chat("a jacket", reply=False)
    assert "profile" not in anon.portrait
    assert [p.product.id for p in anon.products] == ["J3", "J1", "J2"]
    _buy(bot, "ann", "J2")   # Alpenlite, blue, polyester: last in the anonymous order; moves up (soft, not first)
    again = bot.chat("a jacket", reply=False, user_id="ann")
    assert [p.product.id for p in again.products].index("J2") < 2
    cards = {p.product.id: p.why for p in again.products}
    assert cards["J2"].endswith("because you bought the Alpenlite Storm Shell Jacket - Blue")
    assert "because" not in cards["J3"]          # shares only the category: no made-up reason
    profile = again.portrait["profile"]
    assert profile["user_id"] == "ann" and profile["affinities"]["brand"][0]["value"] == "alpenlite"
    # an anonymous session afterwards is unchanged
    assert [p.product.id for p in bot.chat("a jacket", reply=False).products] == [p.product.id for p in anon.products]


def test_a_new_user_gets_the_anonymous_order(fake_assistant):
    anon = fake_assistant.chat("headphones", reply=False)
    new = fake_assistant.chat("headphones", reply=False, user_id="newbie")
    assert [p.product.id for p in new.products] == [p.product.id for p in anon.products]
    assert new.portrait["profile"]["events"] == 0


def test_session_of_another_user_is_refused(fake_assistant):
    sid = fake_assistant.new_session(user_id="a")
    with pytest.raises(InputError):
        fake_assistant.new_session(sid, user_id="b")


def test_profile_edit_export_and_delete_leave_no_row(fake_assistant):
    bot = fake_assistant
    sid = _buy(bot, "bob", "J1")
    bot.chat("a jacket", session_id=sid, reply=False)
    bot.chat("a board game", reply=False, user_id="bob")
    assert bot.shoppers.profile("bob")["affinities"]["brand"][0]["value"] == "nordvik"
    edited = bot.shoppers.edit("bob", "brand", "Nordvik", "hide")
    assert all(a["value"] != "nordvik" for a in edited["affinities"]["brand"])
    exported = bot.shoppers.export("bob")
    assert exported["user_events"] and len(exported["session_data"]) == 2
    sessions = bot.personalizer.users.sessions_of("bob")
    bot.shoppers.delete("bob")
    db = sqlite3.connect(bot.settings.sessions_db)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert {"users", "user_events", "sessions", "feedback", "impressions"} <= set(tables)
    for table in tables:
        for row in db.execute(f"SELECT * FROM {table}"):
            assert not {"bob", *sessions} & {str(v) for v in row}, (table, row)
    with pytest.raises(UserNotFound):
        bot.shoppers.profile("bob")


def test_retention_purges_old_raw_events(tmp_path):
    from assistant.users.service import ShopperService

    store = UserStore(tmp_path / "db.sqlite")
    store.add_events([UserEvent("u", "A", "click", 0.0), UserEvent("u", "B", "click", 100 * DAY_S)])

    class _P:
        users = store

    service = ShopperService(_P(), sessions=None, retention_days=30)
    assert service.apply_retention(now=101 * DAY_S) == 1
    assert [e.product_id for e in store.events("u")] == ["B"]
    assert ShopperService(_P(), sessions=None, retention_days=0).apply_retention(now=1e12) == 0


def test_experiment_variant_is_recorded_and_off_variant_is_not_personalised(tmp_path, fake_index):
    from assistant import Assistant
    from assistant.config import load_settings
    from assistant.llm import FakeChatModel
    from assistant.sessions import SessionStore
    from assistant.users.experiments import Experiment

    home = tmp_path / "h"
    home.mkdir()
    (home / "config.toml").write_text('[experiments.p1]\nvariants = ["control", "personal"]\noff = ["control"]\n')
    settings = load_settings(home=home, env={}, overrides={"llm.backend": "fake", "embedder": "fake"})
    bot = Assistant(settings, fake_index, FakeChatModel(), SessionStore(settings.sessions_db))
    exp = settings.experiments[0]
    assert exp == Experiment("p1", ("control", "personal"), ("control",))
    users = {v: next(f"user{i}" for i in range(100) if exp.assign(f"user{i}") == v) for v in exp.variants}
    for variant, user in users.items():
        _buy(bot, user, "J2")
        reply = bot.chat("a jacket", reply=False, user_id=user)
        assert reply.portrait["profile"]["variant"] == f"p1={variant}"
        assert reply.portrait["profile"]["personalized"] is (variant == "personal")
        assert ("because you bought" in " ".join(p.why for p in reply.products)) is (variant == "personal")
        tags = {e.variant for e in bot.personalizer.users.events(user) if e.event == "impression"}
        assert tags == {f"p1={variant}"}


def test_bad_experiment_config_is_a_config_error(tmp_path):
    from assistant.config import load_settings
    from assistant.errors import ConfigError

    (tmp_path / "config.toml").write_text('[experiments.p1]\nvariants = ["only"]\n')
    with pytest.raises(ConfigError):
        load_settings(home=tmp_path, env={})


def test_assignment_is_deterministic_and_balanced():
    from assistant.users.experiments import Experiment

    exp = Experiment("e", ("a", "b"), salt="s")
    picks = [exp.assign(f"u{i}") for i in range(2000)]
    assert picks == [exp.assign(f"u{i}") for i in range(2000)]
    assert 900 < picks.count("a") < 1100
    assert [Experiment("e", ("a", "b"), salt="t").assign(f"u{i}") for i in range(50)] != picks[:50]
