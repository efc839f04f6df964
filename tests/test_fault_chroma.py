"""The Chroma server killed mid-conversation (issue 17): a clear 503, then recovery without a restart.

With ``[store] kind = "server"`` dense search asks the ``chroma run`` server on every turn
(exact numpy search is the embedded store's path only, ``CatalogIndex.exact_search``), so
a dead server cannot be worked around: the turn is refused with JSON 503
``SearchUnavailable`` ("catalog search unavailable: …"), nothing of it is stored, ``/readyz``
says 503 too, and once the server is back the same process answers again (chromadb's
HTTP client reconnects on the next request). On the old code the turn was a 500
``InternalError`` (an ``httpx.ConnectError`` nobody caught) and ``/readyz`` said ready.
"""

from __future__ import annotations

import json
import signal

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SAMPLE_PRODUCTS
from tests.test_http_api import sse_events
from ui.http_api import create_app
from tests.chroma_cleanup import close_chroma_clients  # noqa: F401  (autouse)

pytestmark = pytest.mark.slow
LOCAL = "http://127.0.0.1"


def _kill(server) -> None:
    """SIGKILL, as a crash or the OOM killer would: no shutdown, no goodbye."""
    process = server._process
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    server._process = None


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A data directory whose catalog lives in a `chroma run` server, ingested through the real CLI."""
    try:
        from retrieval.index.chroma_server import ChromaServer, chroma_executable

        chroma_executable()
    except Exception as exc:   # noqa: BLE001 - the reason is the skip message
        pytest.skip(f"needs the `chroma` command of chromadb: {exc}")
    from ui.cli import main

    server = ChromaServer(tmp_path / "chroma-server").start()
    monkeypatch.setenv("SHOPGUIDE_STORE", "server")
    monkeypatch.setenv("SHOPGUIDE_STORE_HOST", server.host)
    monkeypatch.setenv("SHOPGUIDE_STORE_PORT", str(server.port))
    catalog = tmp_path / "products.jsonl"
    catalog.write_text("\n".join(json.dumps(p) for p in SAMPLE_PRODUCTS))
    home = tmp_path / "home"
    assert main(["--embedder", "fake", "--llm", "fake", "--data-dir", str(home), "ingest", str(catalog)]) == 0
    yield home, server
    server.stop()


def test_chroma_server_killed_between_turns_then_restarted(served):
    from assistant import Assistant

    home, server = served
    bot = Assistant.from_config(home=home, **{"llm.backend": "fake", "embedder": "fake", "understanding.llm": False})
    assert not bot.index.exact_search          # the server is the query path
    with TestClient(create_app(bot, ui=False), base_url=LOCAL) as client:
        sid = client.post("/v1/sessions").json()["session_id"]
        first = client.post(f"/v1/sessions/{sid}/messages", json={"text": "waterproof jacket under $150"})
        assert first.status_code == 200 and first.json()["products"]
        assert client.get("/readyz").status_code == 200

        _kill(server)
        r = client.post(f"/v1/sessions/{sid}/messages", json={"text": "make it under 100"})
        assert r.status_code == 503, r.text
        assert r.json()["error"] == "SearchUnavailable"
        assert r.json()["detail"].startswith("catalog search unavailable: the Chroma server at")
        events = sse_events(client.post(f"/v1/sessions/{sid}/messages:stream", json={"text": "in blue"}).text)
        assert events[-1][0] == "error" and events[-1][1]["status"] == 503
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["error"] == "SearchUnavailable"
        assert bot.sessions.turn_count(sid) == 1                       # the refused turns left nothing
        assert bot.get_portrait(sid).budget_max == 150
        assert client.post(f"/v1/sessions/{sid}/feedback", json={"product_id": first.json()["products"][0]["id"],
                                                                 "event": "click"}).status_code == 201

        server.start()                                                 # same path, same port
        assert client.get("/readyz").status_code == 200
        again = client.post(f"/v1/sessions/{sid}/messages", json={"text": "make it under 100"})
        assert again.status_code == 200, again.text
        data = again.json()
        assert data["turn"] == 1 and data["portrait"]["budget"]["max"] == 100
        assert data["products"] and all(p["price"] <= 100 for p in data["products"] if not p.get("violates"))


def test_ask_json_with_the_chroma_server_down_exits_5_with_one_line(served, capsys):
    from ui.cli import main

    home, server = served
    _kill(server)
    capsys.readouterr()
    code = main(["--embedder", "fake", "--llm", "fake", "--data-dir", str(home), "ask", "a jacket", "--json"])
    err = capsys.readouterr().err
    assert code == 5 and "catalog search unavailable" in err and "Traceback" not in err
