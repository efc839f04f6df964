"""The HTTP API (``ui.http_api.create_app``) against the fake assistant: every route, auth, limits."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.errors import BackendError
from ui.http_api import MAX_BODY_BYTES, create_app

TOKEN = "s3cret-token"
LOCAL = "http://127.0.0.1"  # a tokenless server answers loopback Host names only


@pytest.fixture
def client(fake_assistant):
    with TestClient(create_app(fake_assistant, ui=False), base_url=LOCAL) as c:
        yield c


@pytest.fixture
def session(client):
    return client.post("/v1/sessions").json()["session_id"]


def sse_events(text: str) -> list[tuple[str, dict]]:
    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


# -- health, sessions -----------------------------------------------------------------------
def test_health_and_readiness(client, tmp_path):
    from assistant import Assistant

    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}
    empty = Assistant.from_config(home=tmp_path / "empty", **{"llm.backend": "fake", "embedder": "fake"})
    with TestClient(create_app(empty, ui=False), base_url=LOCAL) as c:
        assert c.get("/healthz").status_code == 200
        r = c.get("/readyz")
        assert r.status_code == 503 and "shopguide index" in r.json()["detail"]
        sid = c.post("/v1/sessions").json()["session_id"]
        r = c.post(f"/v1/sessions/{sid}/messages", json={"text": "a jacket"})
        assert r.status_code == 503 and r.json()["error"] == "NotIndexedError"
        assert c.post(f"/v1/sessions/{sid}/messages:stream", json={"text": "a jacket"}).status_code == 503


def test_create_session(client):
    r = client.post("/v1/sessions")
    assert r.status_code == 201 and len(r.json()["session_id"]) >= 8
    assert client.post("/v1/sessions", json={"session_id": "shop-42"}).json() == {"session_id": "shop-42"}
    assert client.post("/v1/sessions", json={"session_id": "bad id/with slash"}).status_code == 422
    assert client.post("/v1/sessions", json={"nope": 1}).status_code == 422


# -- messages -------------------------------------------------------------------------------------
def test_message_returns_the_ask_json_object(client, session, fake_assistant):
    fake_assistant.llm.enqueue("Here are a few great jackets for your hike.")
    r = client.post(f"/v1/sessions/{session}/messages", json={"text": "waterproof jacket under $150"})
    assert r.status_code == 200
    data = r.json()
    expected_keys = set(fake_assistant.chat("a board game", session_id="other").to_json())
    assert set(data) == expected_keys
    assert data["session_id"] == session and data["turn"] == 0
    assert "Here are a few great jackets" in data["reply"]
    assert data["portrait"]["budget"]["max"] == 150
    fits = [p for p in data["products"] if not p.get("violates")]
    assert fits and all(p["price"] <= 150 for p in fits)
    assert {"id", "title", "brand", "price", "currency", "rating", "attributes", "why"} <= set(fits[0])
    fast = client.post(f"/v1/sessions/{session}/messages", json={"text": "make it under 100", "reply": False}).json()
    assert fast["reply"] == "" and fast["turn"] == 1 and fast["portrait"]["budget"]["max"] == 100


def test_message_errors(client, session):
    assert client.post("/v1/sessions/nope/messages", json={"text": "hi"}).status_code == 404
    assert client.post(f"/v1/sessions/{session}/messages", json={"text": ""}).status_code == 422
    assert client.post(f"/v1/sessions/{session}/messages", json={"text": "   "}).status_code == 400
    assert client.post(f"/v1/sessions/{session}/messages", json={"txt": "hi"}).status_code == 422
    r = client.post(f"/v1/sessions/{session}/messages", json={"text": "x" * 4001})
    assert r.status_code == 422 and "4000" in json.dumps(r.json())
    r = client.post(f"/v1/sessions/{session}/messages", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422


def test_oversized_requests_are_rejected_with_413(client, session):
    big = json.dumps({"text": "x" * (MAX_BODY_BYTES + 10)})
    r = client.post(f"/v1/sessions/{session}/messages", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "larger than" in r.json()["detail"]

    def chunks():  # no Content-Length: the limit is enforced while reading
        for _ in range(MAX_BODY_BYTES // 1024 + 2):
            yield b" " * 1024

    r = client.post(f"/v1/sessions/{session}/messages", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    r = client.patch(f"/v1/sessions/{session}/portrait", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_backend_failure_answers_from_catalog_facts(fake_assistant, client, session):
    """A failing LLM no longer costs the turn (was a 502): tests/test_llm_fallback.py covers every edge."""
    def broken(messages):
        raise BackendError("the LLM server is down")

    fake_assistant.llm._default = broken
    r = client.post(f"/v1/sessions/{session}/messages", json={"text": "waterproof jacket"})
    assert r.status_code == 200 and r.json()["fallback"] is True and r.json()["fallback_reason"] == "llm_error"
    r = client.post(f"/v1/sessions/{session}/messages:stream", json={"text": "waterproof jacket"})
    events = sse_events(r.text)
    kinds = [k for k, _ in events]
    assert kinds[0] == "products" and kinds[-1] == "final" and "error" not in kinds
    assert events[-1][1]["fallback_reason"] == "llm_error"


def test_stream_sends_products_tokens_then_final(client, session, fake_assistant):
    fake_assistant.llm.enqueue("Here are a few great jackets for your hike.")
    with client.stream("POST", f"/v1/sessions/{session}/messages:stream",
                       json={"text": "waterproof jacket under $150"}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        body = "".join(r.iter_text())
    events = sse_events(body)
    kinds = [k for k, _ in events]
    assert kinds[0] == "products" and kinds[-1] == "final" and set(kinds[1:-1]) == {"token"}
    assert events[0][1]["products"] and events[0][1]["reply"] == ""
    final = events[-1][1]
    assert "".join(d["text"] for k, d in events if k == "token").strip() in final["reply"] or final["fallback"]
    assert "Here are a few great jackets" in final["reply"]
    assert [p["id"] for p in final["products"]] == [p["id"] for p in events[0][1]["products"]]
    assert client.post("/v1/sessions/nope/messages:stream", json={"text": "hi"}).status_code == 404
    assert client.post(f"/v1/sessions/{session}/messages:stream", json={"text": ""}).status_code == 422


def test_messages_of_one_session_are_handled_in_order(fake_assistant):
    def slow_first(messages):  # the first turn is the slowest: without ordering it would finish last
        time.sleep(0.3 if len(fake_assistant.llm.calls) == 1 else 0.01)
        return "Here are some picks."

    fake_assistant.llm._default = slow_first
    app = create_app(fake_assistant, ui=False)
    texts = ["a jacket under $150", "make it under 100", "a red one", "what about blue"]

    async def run():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as c:
            sid = (await c.post("/v1/sessions")).json()["session_id"]
            posts = [c.post(f"/v1/sessions/{sid}/messages", json={"text": t}) for t in texts[:2]]
            posts.append(c.post(f"/v1/sessions/{sid}/messages:stream", json={"text": texts[2]}))
            posts.append(c.post(f"/v1/sessions/{sid}/messages", json={"text": texts[3]}))
            return sid, await asyncio.gather(*posts)

    sid, responses = asyncio.run(run())
    turns = [r.json()["turn"] for r in responses[:2]] + [sse_events(responses[2].text)[-1][1]["turn"],
                                                         responses[3].json()["turn"]]
    assert turns == [0, 1, 2, 3]
    history = [row["text"] for row in fake_assistant.sessions.history(sid) if row["role"] == "user"]
    assert history == texts


# -- portrait -------------------------------------------------------------------------------------
def test_portrait_get_patch_delete(client, session):
    client.post(f"/v1/sessions/{session}/messages", json={"text": "waterproof jacket under $150", "reply": False})
    got = client.get(f"/v1/sessions/{session}/portrait").json()
    assert got["budget"]["max"] == 150
    patched = client.patch(f"/v1/sessions/{session}/portrait",
                           json={"budget": {"max": 90}, "brands": {"excluded": ["Nordvik"]}}).json()
    assert patched["budget"]["max"] == 90 and patched["brands"]["excluded"] == ["Nordvik"]
    assert patched["needs"] == got["needs"]  # untouched fields are kept
    reply = client.post(f"/v1/sessions/{session}/messages", json={"text": "show me jackets", "reply": False}).json()
    fits = [p for p in reply["products"] if not p.get("violates")]
    assert fits and all(p["price"] <= 90 and p["brand"] != "Nordvik" for p in fits)
    assert client.delete(f"/v1/sessions/{session}/portrait").status_code == 204
    cleared = client.get(f"/v1/sessions/{session}/portrait").json()
    assert cleared["budget"]["max"] is None and cleared["brands"]["excluded"] == []


def test_portrait_errors(client, session):
    assert client.get("/v1/sessions/nope/portrait").status_code == 404
    assert client.patch("/v1/sessions/nope/portrait", json={"needs": "x"}).status_code == 404
    assert client.delete("/v1/sessions/nope/portrait").status_code == 404
    assert client.patch(f"/v1/sessions/{session}/portrait", json={"shoe_size": 9}).status_code == 422
    assert client.patch(f"/v1/sessions/{session}/portrait", json={"budget": {"max": -5}}).status_code == 422
    r = client.patch(f"/v1/sessions/{session}/portrait", json={"budget": {"min": 200, "max": 100}})
    assert r.status_code == 400 and "above" in r.json()["detail"]


# -- feedback and deletion -------------------------------------------------------------------------
def test_feedback(client, session, fake_assistant):
    client.post(f"/v1/sessions/{session}/messages", json={"text": "board game", "reply": False})
    r = client.post(f"/v1/sessions/{session}/feedback", json={"product_id": "G1", "event": "add_to_cart", "position": 1})
    assert r.status_code == 201 and r.json() == {"status": "recorded"}
    rows = [f for f in fake_assistant.sessions.feedback() if f["session_id"] == session]
    assert [(f["product_id"], f["event"], f["position"]) for f in rows] == [("G1", "add_to_cart", 1)]
    assert client.post(f"/v1/sessions/{session}/feedback", json={"product_id": "NOPE", "event": "click"}).status_code == 400
    assert client.post(f"/v1/sessions/{session}/feedback", json={"product_id": "G1", "event": "love"}).status_code == 422
    assert client.post(f"/v1/sessions/{session}/feedback", json={"product_id": "G1", "event": "click",
                                                                 "position": 0}).status_code == 422
    assert client.post("/v1/sessions/nope/feedback", json={"product_id": "G1", "event": "click"}).status_code == 404


def test_delete_session_removes_everything(client, session, fake_assistant):
    client.post(f"/v1/sessions/{session}/messages", json={"text": "board game", "reply": False})
    client.post(f"/v1/sessions/{session}/feedback", json={"product_id": "G1", "event": "thumbs_up"})
    assert client.delete(f"/v1/sessions/{session}").status_code == 204
    assert client.get(f"/v1/sessions/{session}/portrait").status_code == 404
    assert client.delete(f"/v1/sessions/{session}").status_code == 404
    assert not [f for f in fake_assistant.sessions.feedback() if f["session_id"] == session]
    assert not [i for i in fake_assistant.sessions.impressions() if i["session_id"] == session]
    assert fake_assistant.sessions.history(session) == []


# -- auth and OpenAPI -------------------------------------------------------------------------------
def test_bearer_token_is_required_when_configured(fake_assistant):
    with TestClient(create_app(fake_assistant, token=TOKEN, ui=False), base_url=LOCAL) as c:
        r = c.post("/v1/sessions")
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert "bearer token" in r.json()["detail"]
        assert c.post("/v1/sessions", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.post("/v1/sessions", headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
        ok = {"Authorization": f"Bearer {TOKEN}"}
        sid = c.post("/v1/sessions", headers=ok).json()["session_id"]
        for method, path, body in [("post", "messages", {"text": "hi"}), ("post", "messages:stream", {"text": "hi"}),
                                   ("get", "portrait", None), ("patch", "portrait", {"needs": "x"}),
                                   ("delete", "portrait", None), ("post", "feedback", {"product_id": "G1", "event": "click"}),
                                   ("delete", "", None)]:
            url = f"/v1/sessions/{sid}/{path}".rstrip("/")
            assert c.request(method, url, json=body).status_code == 401, (method, path)
        assert c.get(f"/v1/sessions/{sid}/portrait", headers=ok).status_code == 200
        assert c.get("/healthz").status_code == 200  # probes need no token
        schemes = c.get("/openapi.json").json()["components"]["securitySchemes"]
        assert schemes["HTTPBearer"]["scheme"] == "bearer"


def test_openapi_document_matches_the_routes(client, fake_assistant):
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    assert set(paths["/v1/sessions"]) == {"post"}
    assert set(paths["/v1/sessions/{session_id}"]) == {"delete"}
    assert set(paths["/v1/sessions/{session_id}/messages"]) == {"post"}
    assert set(paths["/v1/sessions/{session_id}/messages:stream"]) == {"post"}
    assert set(paths["/v1/sessions/{session_id}/portrait"]) == {"get", "patch", "delete"}
    assert set(paths["/v1/sessions/{session_id}/feedback"]) == {"post"}
    assert {"/healthz", "/readyz"} <= set(paths)
    reply_schema = doc["components"]["schemas"]["ReplyOut"]
    assert set(reply_schema["properties"]) == set(fake_assistant.chat("board game").to_json())
    product_schema = doc["components"]["schemas"]["ProductOut"]
    real = fake_assistant.chat("board game").to_json()["products"][0]
    assert set(product_schema["required"]) <= set(real) <= set(product_schema["properties"]) | {"description"}
    stream = paths["/v1/sessions/{session_id}/messages:stream"]["post"]["responses"]["200"]["content"]
    assert "text/event-stream" in stream


def test_ui_is_served_on_the_same_port(fake_assistant):
    with TestClient(create_app(fake_assistant), base_url=LOCAL) as c:
        r = c.get("/", follow_redirects=False)
        assert r.status_code in (302, 307) and r.headers["location"] == "/ui/"
        page = c.get("/ui/")
        assert page.status_code == 200 and "<html" in page.text.lower()
        assert c.get("/v1/sessions/nope/portrait").status_code == 404  # the API still wins over the mount
    with TestClient(create_app(fake_assistant, token=TOKEN), base_url=LOCAL) as c:  # with a token the UI asks for it
        assert c.get("/ui/config").status_code == 401
        assert c.post("/ui/login", data={"username": "shopper", "password": "wrong"}).status_code == 400
        assert c.post("/ui/login", data={"username": "shopper", "password": TOKEN}).json() == {"success": True}
        assert c.get("/ui/config").status_code == 200


def test_serve_refuses_public_host_without_token(capsys):
    from ui.cli import main
    from ui.cli_serve import is_loopback

    assert main(["--llm", "fake", "--embedder", "fake", "serve", "--host", "0.0.0.0", "--port", "9"]) == 2
    assert "without a token" in capsys.readouterr().err
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.com")
