"""The contract every ``ChatModel`` backend passes (real, served or fake).

Subclass ``ChatModelContract`` and provide a ``model`` fixture; pytest collects the
inherited tests for each backend (see ``tests/test_llm_backends.py``). ``SHORT`` is
the token budget used, kept small so the real model stays quick on CPU. The cancel
tests use ``slow_model`` (override it where ``model`` is too fast to cancel mid-way)
and ``LONG``, a budget the test would never wait out.
"""

from __future__ import annotations

import threading

import pytest

from assistant.llm.base import ChatMessage, ChatModel, Role, system, user

MESSAGES = [system("You are a helpful shop assistant. Answer briefly."),
            user("Suggest a colour for a rain jacket.")]


class ChatModelContract:
    SHORT = 8

    @pytest.fixture
    def model(self) -> ChatModel:  # pragma: no cover - overridden
        raise NotImplementedError

    def test_satisfies_the_protocol(self, model):
        assert isinstance(model, ChatModel)
        assert isinstance(model.name, str) and model.name

    def test_generate_returns_text(self, model):
        text = model.generate(MESSAGES, max_new_tokens=self.SHORT)
        assert isinstance(text, str)
        assert text.strip()

    def test_stream_yields_pieces_that_join_to_generate(self, model):
        pieces = list(model.stream(MESSAGES, max_new_tokens=self.SHORT))
        assert pieces and all(isinstance(p, str) for p in pieces)
        assert "".join(pieces) == model.generate(MESSAGES, max_new_tokens=self.SHORT)

    def test_greedy_output_is_deterministic(self, model):
        first = model.generate(MESSAGES, max_new_tokens=self.SHORT)
        assert model.generate(MESSAGES, max_new_tokens=self.SHORT) == first

    def test_max_new_tokens_bounds_the_output(self, model):
        one = model.generate(MESSAGES, max_new_tokens=1)
        more = model.generate(MESSAGES, max_new_tokens=self.SHORT)
        assert len(one) <= len(more)
        assert len(one.split()) <= 2

    def test_accepts_a_multi_turn_conversation(self, model):
        messages = MESSAGES + [ChatMessage(Role.ASSISTANT, "Yellow is easy to see."), user("And for a child?")]
        assert isinstance(model.generate(messages, max_new_tokens=self.SHORT), str)

    def test_concurrent_requests_are_safe(self, model):
        results: list[str] = []
        errors: list[BaseException] = []

        def ask() -> None:
            try:
                results.append(model.generate(MESSAGES, max_new_tokens=self.SHORT))
            except BaseException as exc:  # collected for the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=ask) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert not errors
        assert len(results) == 3 and len(set(results)) == 1

    # -- cancellation ------------------------------------------------------------------------
    LONG = 400

    @pytest.fixture
    def slow_model(self, model) -> ChatModel:
        return model

    def test_a_cancel_set_before_the_call_generates_nothing(self, model):
        cancel = threading.Event()
        cancel.set()
        assert model.generate(MESSAGES, max_new_tokens=self.SHORT, cancel=cancel) == ""
        assert list(model.stream(MESSAGES, max_new_tokens=self.SHORT, cancel=cancel)) == []
        assert model.generate(MESSAGES, max_new_tokens=self.SHORT).strip()   # the next call is unaffected

    def test_cancel_stops_a_running_generation_and_frees_the_model(self, slow_model):
        cancel, started = threading.Event(), threading.Event()
        pieces: list[str] = []
        errors: list[BaseException] = []

        def consume() -> None:
            try:
                for piece in slow_model.stream(MESSAGES, max_new_tokens=self.LONG, cancel=cancel):
                    pieces.append(piece)
                    started.set()
            except BaseException as exc:  # collected for the assertion below
                errors.append(exc)
            finally:
                started.set()

        worker = threading.Thread(target=consume)
        worker.start()
        assert started.wait(120), "the generation never produced a first piece"
        at_cancel = len(pieces)
        cancel.set()                     # from another thread, as a deadline would
        worker.join(timeout=60)
        assert not worker.is_alive(), "a cancelled generation kept running"
        assert not errors
        assert 1 <= at_cancel and len(pieces) <= at_cancel + 2   # stopped within a piece or two, not at LONG

        # the model (and its lock) is free again: a fresh call completes
        after: list[str] = []
        follow = threading.Thread(target=lambda: after.append(slow_model.generate(MESSAGES, max_new_tokens=1)))
        follow.start()
        follow.join(timeout=60)
        assert not follow.is_alive() and after and after[0].strip()
