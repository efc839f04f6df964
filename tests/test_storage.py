"""assistant.storage: migrations (a pre-migration database upgrades with every row kept), ``shopguide db``, config."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.sessions import SessionStore
from assistant.storage import Database
from assistant.storage.migrate import head
from assistant.users.store import UserStore

# Written by the code before this change (main @ 102032f: sqlite3 with CREATE TABLE IF NOT EXISTS, no
# alembic_version): one session with a turn, portrait, impressions, feedback, an idempotency record,
# and user "ann" with the session linked, one purchase and one profile edit.
LEGACY = Path(__file__).parent / "data" / "legacy_sessions.sqlite"


def _tables(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    try:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        db.close()


def test_a_database_from_before_migrations_upgrades_and_keeps_every_row(tmp_path):
    path = tmp_path / "sessions.sqlite"
    shutil.copy(LEGACY, path)
    assert "alembic_version" not in _tables(path)
    sessions = SessionStore(path)
    assert sessions.exists("legacy-1")        # first use runs the migrations
    assert "alembic_version" in _tables(path) and sessions.database.revision() == head()
    assert [(t["role"], t["text"]) for t in sessions.history("legacy-1")] == [
        ("user", "a tent for two"), ("assistant", "Here are tents.")]
    portrait = sessions.load_portrait("legacy-1")
    assert portrait.budget_max == 200.0 and portrait.category == "Tents"
    assert sessions.last_shown("legacy-1") == ["C1", "C2"]
    assert sessions.stored_reply("legacy-1", "k-1") == {"turn": 0, "reply": "Here are tents."}
    assert [(r["product_id"], r["position"]) for r in sessions.impressions()] == [("C1", 1), ("C2", 2)]
    assert [(r["product_id"], r["event"]) for r in sessions.feedback()] == [("C1", "click")]
    users = UserStore(sessions.database)
    assert users.sessions_of("ann") == ["legacy-1"]
    assert [(e.product_id, e.event, e.ts) for e in users.events("ann")] == [("C1", "purchase", 1700000000.0)]
    assert users.edits("ann") == [("brands", "nordvik", "hide")]
    # and it keeps working: a second turn, then deletion leaves nothing
    sessions.commit_turn("legacy-1", 1, "cheaper", "ok", ["C3"], query="tent")
    assert sessions.turn_count("legacy-1") == 2
    sessions.delete("legacy-1")
    assert set(sessions.row_counts("legacy-1").values()) == {0}


def test_an_empty_database_gets_every_table(tmp_path):
    store = SessionStore(tmp_path / "new.sqlite")
    store.create("s")
    assert {"sessions", "turns", "portraits", "impressions", "feedback", "idempotency", "users", "user_sessions",
            "user_events", "profile_edits", "experiment_assignments", "alembic_version"} <= _tables(tmp_path / "new.sqlite")


def test_upgrade_twice_is_a_no_op(tmp_path):
    database = Database(tmp_path / "x.sqlite")
    assert database.upgrade() == head() and database.upgrade() == head()


def test_db_command_upgrades_and_reports(tmp_path, capsys):
    from ui.cli import main

    home = tmp_path / "home"
    assert main(["--data-dir", str(home), "db", "current", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before["head"] == head() and before["database"].endswith("sessions.sqlite")
    assert main(["--data-dir", str(home), "db", "upgrade", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["revision"] == head()
    assert (home / "sessions.sqlite").exists()


def test_db_command_without_an_action_explains(tmp_path, capsys):
    from ui.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", str(tmp_path), "db"])
    assert exit_.value.code == 2 and "upgrade" in capsys.readouterr().err


def test_database_url_comes_from_config_or_environment(tmp_path):
    assert load_settings(home=tmp_path, env={}).database == tmp_path / "sessions.sqlite"
    url = "postgresql+psycopg://shop@db.internal/shop"
    assert load_settings(home=tmp_path, env={"SHOPGUIDE_DATABASE_URL": url}).database == url
    (tmp_path / "config.toml").write_text(f'[store]\ndatabase_url = "{url}"\n')
    assert load_settings(home=tmp_path, env={}).store.database_url == url
    with pytest.raises(ConfigError, match="database_url"):
        load_settings(home=tmp_path, env={"SHOPGUIDE_DATABASE_URL": "mysql://x/y"})


def test_a_password_never_appears_in_a_storage_message():
    database = Database("postgresql+psycopg://shop:s3cret@127.0.0.1:1/shop")
    assert "s3cret" not in database.where and "s3cret" not in repr(database)


def test_a_retry_that_arrives_after_the_turn_was_stored_is_not_applied_again(fake_assistant):
    """The check under the session lock: what a second replica sees when the first one answered while it waited.
    (In one process the HTTP layer checks first; across replicas only this check sees the stored reply in time.)"""
    from assistant.errors import AlreadyApplied

    sid = fake_assistant.new_session()
    first = fake_assistant.chat("a board game", sid, reply=False, idempotency_key="k-1")
    with pytest.raises(AlreadyApplied) as replay:
        fake_assistant.chat("a board game", sid, reply=False, idempotency_key="k-1")
    assert replay.value.reply == first.to_json()
    assert fake_assistant.sessions.turn_count(sid) == 1


def test_the_session_lock_is_the_thread_lock_alone_on_sqlite(tmp_path):
    store = SessionStore(tmp_path / "s.sqlite")
    with store.session_lock("a"), store.session_lock("a"):   # no database lock to wait for on SQLite
        store.create("a")
    assert store.exists("a")
