"""Warm-up readiness (/readyz) and prose that reaches the caller sentence by sentence, not in one lump."""

from __future__ import annotations

from fastapi.testclient import TestClient

from assistant.llm import FakeChatModel
from ui.gradio_app import TYPING, streaming_text
from ui.http_api import create_app


class CountingModel(FakeChatModel):
    """Streams word by word and counts the words handed out so far."""

    def __init__(self, text: str) -> None:
        super().__init__([text])
        self.produced = 0

    def stream(self, messages, max_new_tokens: int = 160):
        for piece in super().stream(messages, max_new_tokens):
            self.produced += 1
            yield piece


def test_first_checked_sentence_arrives_before_the_model_finishes(fake_assistant):
    text = "These waterproof jackets suit wet weather. The first pick is a solid choice for the trail."
    model = CountingModel(text)
    fake_assistant.llm = model
    produced_at_first_prose = None
    tokens = []
    for event in fake_assistant.stream("a waterproof jacket under $150"):
        if event.kind == "token":
            tokens.append(event.text)
            if len(tokens) == 2:            # tokens[0] is the code-rendered head, then the prose
                produced_at_first_prose = model.produced
        if event.kind == "final":
            final = event.reply
    assert not final.fallback, final.grounding_issues
    assert tokens[1].strip() == "These waterproof jackets suit wet weather."
    assert model.calls and len(model.calls) == 1            # no retry: the first sentence passed
    assert produced_at_first_prose is not None and produced_at_first_prose < len(text.split(" "))
    assert "".join(tokens) == final.text


def test_readyz_waits_for_warm_up(fake_assistant):
    with TestClient(create_app(fake_assistant, ui=False), base_url="http://127.0.0.1") as client:  # loopback Host (ui.http_guard)
        assert client.get("/readyz").status_code == 200          # cold: loads lazily, still serviceable
        fake_assistant.warm_state = "warming"
        r = client.get("/readyz")
        assert r.status_code == 503 and "warming" in r.json()["detail"]
        fake_assistant.warm_up()
        assert fake_assistant.warm_state == "ready"
        assert client.get("/readyz").json() == {"status": "ready"}
        assert client.get("/healthz").status_code == 200


def test_warm_up_leaves_no_session_and_loads_catalog_structures(fake_assistant):
    def count() -> int:
        with fake_assistant.sessions.database.tx() as db:
            return db.exec_driver_sql("SELECT COUNT(*) FROM sessions").scalar()

    before = count()
    fake_assistant.warm_up()
    assert fake_assistant._lexicon is not None and fake_assistant._terms is not None
    assert fake_assistant.index.derived.path("assistant.lexicon").exists()
    assert count() == before


def test_typing_indicator_follows_streamed_text_until_the_end():
    assert streaming_text("") == TYPING
    shown = streaming_text("Here is **what I understood** <b>")
    assert shown.endswith(TYPING) and "&lt;b&gt;" in shown
