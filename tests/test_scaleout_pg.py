"""Scale-out for real: one PostgreSQL, one ``chroma run`` server, two ``shopguide serve`` replicas.

A conversation's turns alternate between the replicas (the portrait carries across, turn
order is kept, an ``Idempotency-Key`` retried on the other replica applies once), messages
of one session racing on both replicas are serialized by the database's advisory lock,
deletion on one replica leaves no row in any table, and PostgreSQL restarted under load
gives the JSON 503 during the outage and both replicas recover without a restart.

Needs Debian's ``postgresql`` package (``scripts/test.sh`` installs it when it runs as
root); skips with the reason otherwise. Fake LLM and fake embedder: this is about state,
not models.
"""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.pg_server import PostgresServer, pg_bindir
from tests.replicas import Replica, make_home

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(pg_bindir() is None, reason="PostgreSQL binaries missing: `apt-get install "
                                                              "postgresql` (scripts/test.sh does it as root)")]
httpx = pytest.importorskip("httpx")
pytest.importorskip("psycopg", reason="psycopg missing: `pip install 'psycopg[binary]'`")


@pytest.fixture(scope="module")
def pg():
    with PostgresServer() as server:
        yield server


@pytest.fixture(scope="module")
def chroma(tmp_path_factory):
    from retrieval.index.chroma_server import ChromaServer

    with ChromaServer(tmp_path_factory.mktemp("chroma-server") / "chroma") as server:
        yield server


@pytest.fixture(scope="module")
def home(tmp_path_factory, pg, chroma):
    return make_home(tmp_path_factory.mktemp("replica-home"), pg.url, chroma)


@pytest.fixture(scope="module")
def replicas(home):
    pair = [Replica(home, "a"), Replica(home, "b")]
    try:
        for replica in pair:
            replica.wait_ready()
        yield pair
    finally:
        for replica in pair:
            replica.stop()


def _sql(pg, statement: str, **params):
    from sqlalchemy import create_engine, text

    engine = create_engine(pg.url)
    try:
        with engine.connect() as db:
            return db.execute(text(statement), params).all()
    finally:
        engine.dispose()


def _post(url: str, sid: str, text: str, key: str | None = None) -> httpx.Response:
    headers = {"Idempotency-Key": key} if key else None
    return httpx.post(f"{url}/v1/sessions/{sid}/messages", json={"text": text, "reply": True}, headers=headers,
                      timeout=120)


def test_a_conversation_alternating_between_replicas_keeps_its_portrait_order_and_retries(replicas, pg):
    a, b = replicas
    sid = f"alt-{uuid.uuid4().hex[:8]}"
    assert httpx.post(f"{a.url}/v1/sessions", json={"session_id": sid}).status_code == 201
    assert httpx.post(f"{b.url}/v1/sessions", json={"session_id": sid}).status_code == 409   # one id, one owner

    first = _post(a.url, sid, "a waterproof hiking jacket under $300")
    assert first.status_code == 200, first.text
    second = _post(b.url, sid, "make it under 200")                 # the other replica knows the portrait
    assert second.status_code == 200, second.text
    portrait = second.json()["portrait"]
    assert portrait["budget"]["max"] == 200 and portrait["category"] == first.json()["portrait"]["category"]
    third = _post(a.url, sid, "not Nordvik")
    assert "Nordvik" in third.json()["portrait"]["brands"]["excluded"]
    assert third.json()["portrait"]["budget"]["max"] == 200
    assert [r.json()["turn"] for r in (first, second, third)] == [0, 1, 2]

    # a retry of the same message on the other replica is answered from the database, not applied again
    key = uuid.uuid4().hex
    once = _post(b.url, sid, "in blue please", key)
    again = _post(a.url, sid, "in blue please", key)
    assert once.status_code == again.status_code == 200
    assert again.headers.get("Idempotent-Replayed") == "true" and again.json() == once.json()
    assert once.json()["turn"] == 3

    # the same retry reaching both replicas at once: one applies it, the other returns the stored reply
    key = uuid.uuid4().hex
    with ThreadPoolExecutor(2) as pool:
        both = list(pool.map(lambda r: _post(r.url, sid, "something cheaper", key), (a, b)))
    assert [r.status_code for r in both] == [200, 200] and both[0].json()["turn"] == both[1].json()["turn"] == 4
    rows = _sql(pg, "SELECT idx, role FROM turns WHERE session_id=:s ORDER BY idx, role", s=sid)
    assert [r[0] for r in rows] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]

    shown = once.json()["products"][0]["id"]
    assert httpx.post(f"{a.url}/v1/sessions/{sid}/feedback", json={"product_id": shown, "event": "click"}).status_code == 201
    assert _sql(pg, "SELECT count(*) FROM impressions WHERE session_id=:s", s=sid)[0][0] > 0

    # deletion on one replica: no row left in any table, and the other replica agrees at once
    assert httpx.delete(f"{b.url}/v1/sessions/{sid}").status_code == 204
    from assistant.storage.schema import metadata

    left = {}
    for table in metadata.sorted_tables:
        column = "id" if table.name == "sessions" else "session_id" if "session_id" in table.c else None
        if column:
            left[table.name] = _sql(pg, f"SELECT count(*) FROM {table.name} WHERE {column}=:s", s=sid)[0][0]
    assert set(left) >= {"sessions", "turns", "portraits", "impressions", "feedback", "idempotency", "user_sessions"}
    assert set(left.values()) == {0}, left
    assert httpx.get(f"{a.url}/v1/sessions/{sid}/portrait").status_code == 404


def test_messages_racing_on_both_replicas_get_distinct_turns_in_order(replicas, pg):
    """Without a lock across replicas two turns would read the same turn count and overwrite each other."""
    a, b = replicas
    sid = f"race-{uuid.uuid4().hex[:8]}"
    httpx.post(f"{a.url}/v1/sessions", json={"session_id": sid})
    texts = [f"a board game {i}" for i in range(8)]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda i: _post((a, b)[i % 2].url, sid, texts[i]), range(8)))
    assert all(r.status_code == 200 for r in got), [r.text for r in got if r.status_code != 200]
    assert sorted(r.json()["turn"] for r in got) == list(range(8))
    rows = _sql(pg, "SELECT idx, text FROM turns WHERE session_id=:s AND role='user' ORDER BY idx", s=sid)
    assert [r[0] for r in rows] == list(range(8)) and sorted(r[1] for r in rows) == sorted(texts)


def _error_shape(response: httpx.Response) -> bool:
    try:
        return response.status_code == 503 and response.json()["error"] == "StorageError"
    except ValueError:
        return False


def test_postgres_restarted_under_load_gives_503_then_both_replicas_recover(replicas, pg):
    a, b = replicas
    pids = [r.process.pid for r in replicas]
    sids = [f"load-{i}-{uuid.uuid4().hex[:6]}" for i in range(6)]
    for i, sid in enumerate(sids):
        assert httpx.post(f"{(a, b)[i % 2].url}/v1/sessions", json={"session_id": sid}).status_code == 201
    statuses: list[tuple[int, bool]] = []
    failures: list[str] = []
    stop = threading.Event()

    def shopper(i: int) -> None:
        turn = 0
        while not stop.is_set():
            try:
                r = _post((a, b)[(i + turn) % 2].url, sids[i], f"a tent {turn}")
                ok = r.status_code == 200 or _error_shape(r)
                statuses.append((r.status_code, ok))
                if not ok:
                    failures.append(f"{r.status_code} {r.text[:200]}")
            except httpx.HTTPError as exc:     # a dropped connection would be a failure too
                statuses.append((0, False))
                failures.append(type(exc).__name__)
            turn += 1

    threads = [threading.Thread(target=shopper, args=(i,)) for i in range(len(sids))]
    for thread in threads:
        thread.start()
    time.sleep(4)
    pg.restart()
    time.sleep(4)
    stop.set()
    for thread in threads:
        thread.join(timeout=180)
    logs = [line for r in replicas for line in r.log.read_text().splitlines() if "unexpected" in line]
    assert len(statuses) > len(sids) and not failures, (failures, logs)

    # a deterministic outage: every replica answers the JSON 503 and /readyz says why
    pg.stop()
    try:
        for replica in replicas:
            r = _post(replica.url, sids[0], "a tent during the outage")
            assert _error_shape(r), r.text
            ready = httpx.get(f"{replica.url}/readyz", timeout=30)
            assert ready.status_code == 503 and ready.json()["error"] == "StorageError"
            assert "s3cret" not in ready.text and "Traceback" not in ready.text
    finally:
        pg.start()
    for replica in replicas:   # the same processes recover by themselves
        assert httpx.get(f"{replica.url}/readyz", timeout=30).status_code == 200
        assert _post(replica.url, sids[1], "a tent after the restart").status_code == 200
    assert [r.process.pid for r in replicas] == pids and all(r.process.poll() is None for r in replicas)
    served = sum(1 for s, _ in statuses if s == 200)
    print(f"\nPostgreSQL restart under load: {len(statuses)} requests, {served} answered, "
          f"{len(statuses) - served} JSON 503, 0 other")


def test_db_command_on_postgres(pg, monkeypatch, capsys, tmp_path):
    import json

    from assistant.storage.migrate import head
    from ui.cli import main

    monkeypatch.setenv("SHOPGUIDE_DATABASE_URL", pg.url)
    assert main(["--data-dir", str(tmp_path), "db", "upgrade", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["revision"] == head() and out["database"].startswith("postgresql+psycopg://shop@127.0.0.1")
    assert not (tmp_path / "sessions.sqlite").exists()
