"""Load and queueing (issue 17): many sessions at once on loopback, and the LLM's bounded queue.

Timings are printed, never asserted (the CI machine is shared); what is asserted is
that nothing failed and nothing leaked between sessions. Figures in docs/reliability.md.
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from fastapi.testclient import TestClient

from assistant import Assistant
from assistant.config import load_settings
from assistant.errors import Overloaded
from assistant.llm import FakeChatModel
from assistant.sessions import SessionStore
from tests.load_driver import ServerThread, run_load
from ui.http_api import create_app


def test_32_sessions_of_10_turns_with_no_failures_and_no_leaks(fake_assistant, capsys):
    with ServerThread(create_app(fake_assistant, ui=False)) as url:
        report = asyncio.run(run_load(url, sessions=32, turns=10, reply=True))
    with capsys.disabled():
        print("\nload (fake LLM, loopback):", report.summary())
    assert report.requests == 320
    assert report.failures == 0 and report.leaks == 0, report.errors[:5]
    for n in range(32):   # every stored user message carries its own session's marker only
        sid = next(s for s in _session_ids(fake_assistant) if s.startswith(f"load-{n}-"))
        texts = [t["text"] for t in fake_assistant.sessions.history(sid) if t["role"] == "user"]
        assert len(texts) == 10 and all(f"tag{n:03d}zz" in t for t in texts)


def _session_ids(bot) -> list[str]:
    return [row["session_id"] for row in bot.sessions.impressions()]


class BlockingLLM(FakeChatModel):
    """Generates only once ``release`` is set; ``started`` tells the test a turn holds the model."""

    def __init__(self) -> None:
        super().__init__()
        self.release, self.started = threading.Event(), threading.Event()

    def stream(self, messages, max_new_tokens=160):
        self.started.set()
        self.release.wait(30)
        yield from super().stream(messages, max_new_tokens)


def test_a_full_llm_queue_answers_503_and_reports_the_wait(tmp_path, fake_index):
    settings = load_settings(home=tmp_path / "home", env={}, overrides={
        "llm.backend": "fake", "embedder": "fake", "llm.concurrency": 1, "llm.queue_limit": 1})
    llm = BlockingLLM()
    bot = Assistant(settings, fake_index, llm, SessionStore(settings.sessions_db))
    results: dict[str, object] = {}

    def chat(name: str) -> None:
        try:
            results[name] = bot.chat("a waterproof jacket", session_id=name)
        except Overloaded as exc:
            results[name] = exc

    first = threading.Thread(target=chat, args=("first",))
    first.start()
    assert llm.started.wait(30)                     # "first" holds the only slot
    second = threading.Thread(target=chat, args=("second",))
    second.start()
    for _ in range(3000):                           # "second" fills the queue of one
        if bot.llm_gate.waiting == 1:
            break
        second.join(0.01)
    assert bot.llm_gate.waiting == 1
    with TestClient(create_app(bot, ui=False), base_url="http://127.0.0.1") as c:
        sid = c.post("/v1/sessions").json()["session_id"]
        r = c.post(f"/v1/sessions/{sid}/messages", json={"text": "a board game"})
        assert r.status_code == 503 and r.json()["error"] == "Overloaded" and "busy" in r.json()["detail"]
        fast = c.post(f"/v1/sessions/{sid}/messages", json={"text": "a board game", "reply": False})
        assert fast.status_code == 200                # products-only turns never queue
    llm.release.set()
    first.join(30)
    second.join(30)
    assert not isinstance(results["first"], Exception) and not isinstance(results["second"], Exception)
    assert "llm_wait_ms" in results["second"].timings_ms and "llm_wait_ms" in results["first"].timings_ms
    assert bot.llm_gate.refused == 1 and bot.llm_gate.running == 0 and bot.llm_gate.waiting == 0
