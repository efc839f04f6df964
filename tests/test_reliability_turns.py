"""Atomic turns, idempotent retries, abandoned streams and storage faults (issue 17).

Storage faults are injected, not provoked: the tests run as root, where ``chmod`` does not
stop writes, and mounting a small tmpfs needs privileges CI lacks. ``FaultyConnection``
is a real ``sqlite3.Connection`` (``factory=``) that raises the error SQLite gives for a
read-only or failing disk (``disk I/O error``, ``attempt to write a readonly database``)
on the statements a test chooses, so the rest of the stack runs unchanged.
"""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from assistant import Assistant
from assistant.errors import StorageError
from assistant.sessions import SessionStore
from ui.http_api import create_app

LOCAL = "http://127.0.0.1"


class Fault:
    """Which statements fail: ``match`` is a substring of the SQL ("" = every statement), ``None`` = none."""

    def __init__(self) -> None:
        self.match: str | None = None
        self.message = "disk I/O error"
        self.hits = 0

    def check(self, sql: str) -> None:
        if self.match is not None and self.match in sql:
            self.hits += 1
            raise sqlite3.OperationalError(self.message)


def faulty_connect(fault: Fault):
    class FaultyCursor(sqlite3.Cursor):   # the store runs its statements through cursors (SQLAlchemy)
        def execute(self, sql, *args):
            fault.check(sql)
            return super().execute(sql, *args)

        def executemany(self, sql, *args):
            fault.check(sql)
            return super().executemany(sql, *args)

    class FaultyConnection(sqlite3.Connection):
        def cursor(self, factory=FaultyCursor):
            return super().cursor(factory)

        def execute(self, sql, *args):
            fault.check(sql)
            return super().execute(sql, *args)

        def executemany(self, sql, *args):
            fault.check(sql)
            return super().executemany(sql, *args)

        def commit(self):
            fault.check("COMMIT")
            return super().commit()

    def connect(path, **kwargs):
        fault.check("CONNECT")
        return sqlite3.connect(path, factory=FaultyConnection, **kwargs)

    return connect


@pytest.fixture
def fault():
    return Fault()


@pytest.fixture
def bot(fake_assistant, fault):
    """The fake assistant with its session store behind the fault injector."""
    fake_assistant.sessions = SessionStore(fake_assistant.settings.sessions_db, connect=faulty_connect(fault))
    return fake_assistant


@pytest.fixture
def client(bot):
    with TestClient(create_app(bot, ui=False), base_url=LOCAL) as c:
        yield c


# -- one transaction per turn ------------------------------------------------------------------
def test_a_failed_turn_changes_nothing(bot, fault):
    sid = bot.new_session()
    bot.chat("a waterproof jacket under $150", sid, reply=False)
    fault.match = "INSERT INTO impressions"          # the last write of the turn fails
    with pytest.raises(StorageError):
        bot.chat("make it under 100", sid, reply=False)
    fault.match = None
    assert bot.sessions.turn_count(sid) == 1
    assert bot.get_portrait(sid).budget_max == 150   # the portrait was not saved ahead of the turn
    assert {i["turn"] for i in bot.sessions.impressions() if i["session_id"] == sid} == {0}


def test_an_abandoned_stream_still_logs_the_shown_cards(bot):
    sid = bot.new_session()
    events = bot.stream("a waterproof jacket under $150", sid)
    products = next(events)
    assert products.kind == "products"
    events.close()                                    # the client went away after the cards
    shown = [p.product.id for p in products.reply.products]
    assert shown
    assert bot.sessions.last_shown(sid) == shown
    logged = [i["product_id"] for i in bot.sessions.impressions() if i["session_id"] == sid]
    assert logged == shown
    assert bot.get_portrait(sid).budget_max == 150
    bot.feedback(sid, shown[0], "click", position=1)  # feedback on a card of the cut turn is kept
    assert [f["product_id"] for f in bot.sessions.feedback() if f["session_id"] == sid] == [shown[0]]


# -- idempotency keys ----------------------------------------------------------------------------
def test_a_retried_message_is_applied_once(client, bot):
    sid = client.post("/v1/sessions").json()["session_id"]
    client.post(f"/v1/sessions/{sid}/messages", json={"text": "a jacket under $150", "reply": False})
    key = {"Idempotency-Key": "msg-7f3a"}
    first = client.post(f"/v1/sessions/{sid}/messages", json={"text": "make it $20 cheaper than that"}, headers=key)
    again = client.post(f"/v1/sessions/{sid}/messages", json={"text": "make it $20 cheaper than that"}, headers=key)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert bot.sessions.turn_count(sid) == 2
    other = client.post(f"/v1/sessions/{sid}/messages", json={"text": "blue please", "reply": False},
                        headers={"Idempotency-Key": "msg-8b21"})
    assert other.json()["turn"] == 2
    stream = client.post(f"/v1/sessions/{sid}/messages:stream", json={"text": "x"}, headers=key)
    assert "event: final" in stream.text and stream.headers["idempotent-replayed"] == "true"
    assert bot.sessions.turn_count(sid) == 3
    bad = client.post(f"/v1/sessions/{sid}/messages", json={"text": "x"}, headers={"Idempotency-Key": "a b"})
    assert bad.status_code == 422


# -- storage faults --------------------------------------------------------------------------------
@pytest.mark.parametrize("message", ["disk I/O error", "attempt to write a readonly database",
                                     "database or disk is full"])
def test_a_broken_disk_is_a_json_503_and_the_server_recovers(client, bot, fault, message):
    sid = client.post("/v1/sessions").json()["session_id"]
    assert client.post(f"/v1/sessions/{sid}/messages", json={"text": "a board game", "reply": False}).status_code == 200
    fault.match, fault.message = "", message          # every statement fails from now on
    for method, path, body in [("post", f"/v1/sessions/{sid}/messages", {"text": "a tent"}),
                               ("post", f"/v1/sessions/{sid}/messages:stream", {"text": "a tent"}),
                               ("patch", f"/v1/sessions/{sid}/portrait", {"needs": "x"}),
                               ("post", f"/v1/sessions/{sid}/feedback", {"product_id": "G1", "event": "click"}),
                               ("post", "/v1/sessions", None)]:
        r = client.request(method, path, json=body)
        assert r.status_code == 503, (path, r.status_code, r.text)
        assert r.json()["error"] == "StorageError" and "writable" in r.json()["detail"]
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["error"] == "StorageError"
    fault.match = None                                 # the disk is back: no restart needed
    assert client.get("/readyz").json() == {"status": "ready"}
    r = client.post(f"/v1/sessions/{sid}/messages", json={"text": "a tent", "reply": False})
    assert r.status_code == 200 and r.json()["turn"] == 1


def test_a_store_that_cannot_open_recovers_later(tmp_path, fault):
    store = SessionStore(tmp_path / "s.sqlite", connect=faulty_connect(fault))
    fault.match = "CONNECT"
    with pytest.raises(StorageError):
        store.create("a")
    fault.match = None
    assert store.create("a") == "a" and store.exists("a")


def test_a_client_that_hangs_up_after_the_cards_leaves_them_logged(fake_assistant):
    """Over a real socket: read ``products``, hang up while the LLM is still writing; the turn is stored."""
    import threading
    import time

    import httpx

    from assistant.llm import FakeChatModel
    from tests.load_driver import ServerThread

    class SlowLLM(FakeChatModel):
        release = threading.Event()

        def stream(self, messages, max_new_tokens=160):
            self.release.wait(30)
            yield from super().stream(messages, max_new_tokens)

    fake_assistant.llm = SlowLLM()
    with ServerThread(create_app(fake_assistant, ui=False)) as url:
        sid = httpx.post(f"{url}/v1/sessions").json()["session_id"]
        with httpx.stream("POST", f"{url}/v1/sessions/{sid}/messages:stream",
                          json={"text": "a waterproof jacket under $150"}) as r:
            assert next(r.iter_lines()) == "event: products"
        time.sleep(0.2)
        SlowLLM.release.set()                    # the model finishes after the client is gone
        for _ in range(500):                     # the server notices the hang-up asynchronously
            if fake_assistant.sessions.turn_count(sid):
                break
            time.sleep(0.02)
        logged = [i["product_id"] for i in fake_assistant.sessions.impressions() if i["session_id"] == sid]
        assert logged and fake_assistant.sessions.last_shown(sid) == logged
        assert fake_assistant.get_portrait(sid).budget_max == 150
        assert httpx.post(f"{url}/v1/sessions/{sid}/messages", json={"text": "in blue", "reply": False}).json()["turn"] == 1


def test_retention_deletes_idle_sessions_with_all_their_rows(tmp_path, fake_index):
    from assistant.config import load_settings
    from assistant.llm import FakeChatModel

    settings = load_settings(home=tmp_path / "home", env={}, overrides={
        "llm.backend": "fake", "embedder": "fake", "retention_days": 30})
    bot = Assistant(settings, fake_index, FakeChatModel(), SessionStore(settings.sessions_db))
    bot.chat("a board game", "old-one", reply=False)
    bot.feedback("old-one", "G1", "click")
    bot.chat("a tent", "fresh", reply=False)
    with bot.sessions.database.tx() as db:
        db.exec_driver_sql("UPDATE sessions SET updated = updated - 31 * 86400 WHERE id='old-one'")
    bot.new_session()                                  # retention runs when sessions are created
    assert not any(bot.sessions.row_counts("old-one").values())
    assert bot.sessions.exists("fresh") and bot.sessions.turn_count("fresh") == 1
