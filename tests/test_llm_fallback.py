"""The LLM backend failing or hanging: every edge still answers with the code-written guide (issue 17).

The reply is built from catalog facts (``fallback: true``), ``fallback_reason`` says why
(``llm_error`` | ``llm_timeout``), the turn is stored once, and ``[llm] timeout_s`` bounds
the wait. Tried with the fake model raising or sleeping and with the loopback OpenAI stub
answering 500 or hanging. On the old code every one of these was a 502 (or an ``error``
event, or exit code 4).
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from assistant.errors import BackendError
from tests.conftest import SAMPLE_PRODUCTS
from tests.openai_stub import StubOpenAIServer
from ui.http_api import create_app
from tests.chroma_cleanup import close_chroma_clients  # noqa: F401  (autouse)

LOCAL = "http://127.0.0.1"


def _broken(exc: Exception):
    def default(messages):
        raise exc
    return default


def _stored_turns(assistant, session_id: str) -> list[tuple]:
    return sorted((t["turn"], t["role"]) for t in assistant.sessions.history(session_id))


def _assert_facts_reply(data: dict) -> None:
    """The code-written guide: products with their catalog prices in the text, no model prose."""
    assert data["fallback"] is True
    assert data["products"], data
    first = data["products"][0]
    assert first["title"] in data["reply"]
    assert f"{first['price']:.2f}" in data["reply"] or f"{first['price']:g}" in data["reply"]


def _with_timeout(assistant, seconds: float):
    from dataclasses import replace

    assistant.settings = replace(assistant.settings, llm=replace(assistant.settings.llm, timeout_s=seconds))
    return assistant


@pytest.fixture
def client(fake_assistant):
    with TestClient(create_app(fake_assistant, ui=False), base_url=LOCAL) as c:
        yield c


# -- the fake model raising ---------------------------------------------------------------------
@pytest.mark.parametrize("exc", [BackendError("the LLM server is down"), RuntimeError("CUDA out of memory")])
def test_http_json_a_failing_backend_gives_the_facts_reply(client, fake_assistant, exc):
    fake_assistant.llm._default = _broken(exc)
    sid = client.post("/v1/sessions").json()["session_id"]
    r = client.post(f"/v1/sessions/{sid}/messages", json={"text": "waterproof jacket under $150"})
    assert r.status_code == 200, r.text
    data = r.json()
    _assert_facts_reply(data)
    assert data["fallback_reason"] == "llm_error"
    assert all(p["price"] <= 150 for p in data["products"] if not p.get("violates"))
    assert _stored_turns(fake_assistant, sid) == [(0, "assistant"), (0, "user")]
    assert [i["product_id"] for i in fake_assistant.sessions.impressions() if i["session_id"] == sid] == \
        [p["id"] for p in data["products"]]


def test_http_stream_a_failing_backend_ends_with_a_final_event(client, fake_assistant):
    from tests.test_http_api import sse_events

    fake_assistant.llm._default = _broken(BackendError("the LLM server is down"))
    sid = client.post("/v1/sessions").json()["session_id"]
    events = sse_events(client.post(f"/v1/sessions/{sid}/messages:stream", json={"text": "waterproof jacket"}).text)
    kinds = [k for k, _ in events]
    assert kinds[0] == "products" and kinds[-1] == "final" and "error" not in kinds
    final = events[-1][1]
    _assert_facts_reply(final)
    assert final["fallback_reason"] == "llm_error"
    assert "".join(d["text"] for k, d in events if k == "token") == final["reply"]   # streamed == stored
    assert fake_assistant.sessions.turn_count(sid) == 1


def test_a_retried_message_after_a_backend_failure_is_not_applied_twice(client, fake_assistant):
    fake_assistant.llm._default = _broken(BackendError("down"))
    sid = client.post("/v1/sessions").json()["session_id"]
    headers = {"Idempotency-Key": "k-1"}
    first = client.post(f"/v1/sessions/{sid}/messages", json={"text": "a jacket"}, headers=headers)
    again = client.post(f"/v1/sessions/{sid}/messages", json={"text": "a jacket"}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.headers.get("Idempotent-Replayed") == "true" and again.json() == first.json()
    assert fake_assistant.sessions.turn_count(sid) == 1


def test_sentences_already_streamed_stay_when_the_backend_fails_later(fake_assistant):
    """Grounded prose already sent cannot be unsent: it is kept, ``fallback`` stays false, the reason is given."""
    def first_then_fail(messages, max_new_tokens=160, cancel=None):
        yield "The Tidewater Packable Rain Jacket - Yellow is waterproof."
        yield " And"
        raise BackendError("connection reset")

    fake_assistant.llm.stream = first_then_fail
    reply = fake_assistant.chat("a waterproof rain jacket")
    assert reply.fallback is False and reply.fallback_reason == "llm_error"
    assert "Tidewater Packable Rain Jacket - Yellow is waterproof." in reply.text
    assert " And" not in reply.text


def test_a_slow_model_is_cancelled_at_llm_timeout_s(fake_assistant):
    """Without the limit this generation takes 5 minutes; with ``timeout_s`` it is cancelled and the facts answer."""
    from assistant.llm import FakeChatModel

    slow = FakeChatModel(["The Nordvik Ridge Waterproof Hiking Jacket - Red is waterproof and breathable."],
                         piece_delay_s=30)
    fake_assistant.llm = slow
    _with_timeout(fake_assistant, 0.3)
    reply = fake_assistant.chat("waterproof jacket")
    _assert_facts_reply(reply.to_json())
    assert reply.fallback_reason == "llm_timeout"
    assert len(slow.calls) == 1          # one attempt; the second one gets no time left
    assert slow._gen_lock.acquire(timeout=5)   # the cancelled generation gave the model back
    slow._gen_lock.release()


def test_a_grounding_fallback_names_its_reason(fake_assistant):
    from dataclasses import replace

    fake_assistant.settings = replace(fake_assistant.settings,   # both drafts: the retry is off by default
                                      llm=replace(fake_assistant.settings.llm, prose_retries=1))
    fake_assistant.llm.enqueue("Visit our website for a 50% discount!", "Visit our website for a 50% discount!")
    reply = fake_assistant.chat("waterproof jacket")
    assert reply.fallback is True and reply.fallback_reason == "grounding"
    fake_assistant.llm.enqueue("The Nordvik Ridge Waterproof Hiking Jacket - Red is waterproof.")
    kept = fake_assistant.chat("waterproof jacket")
    assert kept.fallback is False and kept.to_json()["fallback_reason"] is None


def test_llm_understanding_mode_falls_back_to_rules_on_any_backend_error(tmp_path, fake_index):
    from assistant import Assistant
    from assistant.config import load_settings
    from assistant.llm import FakeChatModel
    from assistant.sessions import SessionStore

    settings = load_settings(home=tmp_path / "h", env={}, overrides={
        "llm.backend": "fake", "embedder": "fake", "understanding.llm": True, "understanding.mode": "llm"})
    llm = FakeChatModel(default=_broken(RuntimeError("boom")))
    bot = Assistant(settings, fake_index, llm, SessionStore(settings.sessions_db))
    reply = bot.chat("a waterproof jacket under $150")
    assert reply.fallback is True and reply.fallback_reason == "llm_error"
    assert reply.portrait["budget"]["max"] == 150 and reply.products


# -- the other edges: UI, LangChain, `ask --json` ---------------------------------------------------
def test_gradio_ui_shows_the_facts_reply_not_an_error(fake_assistant):
    pytest.importorskip("gradio")
    from ui.gradio_app import build_app

    fake_assistant.llm._default = _broken(BackendError("the LLM server is down"))
    respond = next(fn.fn for fn in build_app(fake_assistant).fns.values()
                   if getattr(fn.fn, "__name__", "") == "respond")
    *_, last = respond("waterproof jacket", [], "", "")
    history, cards, *_ = last
    assert "⚠️" not in history[-1]["content"] and "Nordvik" in history[-1]["content"]
    assert "Nordvik" in cards


def test_langchain_tool_and_runnable_return_the_facts_reply(fake_assistant):
    pytest.importorskip("langchain_core")
    from ui.langchain_tools import ShopguideRunnable, ShopguideTool

    fake_assistant.llm._default = _broken(BackendError("the LLM server is down"))
    data = ShopguideRunnable(fake_assistant).invoke("waterproof jacket")
    _assert_facts_reply(data)
    assert data["fallback_reason"] == "llm_error"
    text, artifact = ShopguideTool(assistant=fake_assistant)._run("waterproof jacket")
    assert artifact["fallback_reason"] == "llm_error" and artifact["products"][0]["title"] in text


@pytest.fixture
def home(tmp_path):
    from ui.cli import main

    catalog = tmp_path / "products.jsonl"
    catalog.write_text("\n".join(json.dumps(p) for p in SAMPLE_PRODUCTS))
    home = tmp_path / "home"
    assert main(["--embedder", "fake", "--llm", "fake", "--data-dir", str(home), "ingest", str(catalog)]) == 0
    return home


@pytest.mark.parametrize("fault", ["http_500", "hang"])
def test_ask_json_against_a_failing_openai_server(home, capsys, monkeypatch, fault):
    """`shopguide ask --json` with the OpenAI-compatible backend answering 500 or hanging: exit 0, facts reply."""
    from ui.cli import main

    with StubOpenAIServer() as stub:
        if fault == "http_500":
            stub.fail_with = 500
        else:
            stub.hang_s = 120.0                           # after the first word of a stream
        monkeypatch.setenv("SHOPGUIDE_LLM_TIMEOUT_S", "1")
        monkeypatch.setenv("SHOPGUIDE_LLM_MAX_RETRIES", "0")
        monkeypatch.setenv("SHOPGUIDE_UNDERSTANDING_LLM", "false")
        capsys.readouterr()
        code = main(["--embedder", "fake", "--llm", "openai", "--llm-url", stub.base_url, "--data-dir", str(home),
                     "ask", "--session", "s1", "waterproof jacket under $150", "--json"])
        out = capsys.readouterr().out
        stub.stop.set()
    assert code == 0
    data = json.loads(out)
    _assert_facts_reply(data)
    assert data["fallback_reason"] == ("llm_error" if fault == "http_500" else "llm_timeout")
    assert stub.requests, "the backend was asked"
