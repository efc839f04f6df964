"""Every LLM backend passes the one contract suite (``tests/llm_contract.py``)."""

from __future__ import annotations

import pytest

from assistant.errors import BackendError, ConfigError
from assistant.llm import FakeChatModel, make_chat_model
from assistant.llm.base import user
from assistant.llm.openai_compat import OpenAICompatibleChatModel, parse_sse
from tests.llm_contract import MESSAGES, ChatModelContract
from tests.openai_stub import StubOpenAIServer


class TestFakeChatModel(ChatModelContract):
    @pytest.fixture
    def model(self):
        return FakeChatModel()


@pytest.fixture
def stub():
    with StubOpenAIServer() as server:
        yield server


class TestOpenAICompatible(ChatModelContract):
    @pytest.fixture
    def model(self, stub):
        m = OpenAICompatibleChatModel(stub.base_url, model="stub-model", api_key="k-123", timeout_s=10)
        yield m
        m.close()


@pytest.mark.slow
class TestTransformersSmolLM2(ChatModelContract):
    """The embedded default model (SmolLM2-135M on CPU), loaded once for the class."""

    @pytest.fixture(scope="class")
    def model(self, tmp_path_factory):
        from assistant.llm.local import TransformersChatModel

        m = TransformersChatModel(cache_dir=tmp_path_factory.mktemp("models"), device="cpu")
        m.warm_up()
        return m

    def test_waiting_for_the_shared_model_is_measured(self, model):
        before = len(model.wait_seconds)
        model.generate(MESSAGES, max_new_tokens=2)
        assert len(model.wait_seconds) == before + 1 and model.wait_seconds[-1] >= 0


# -- OpenAI-compatible specifics --------------------------------------------------------------
def test_openai_sends_model_auth_and_stream_flag(stub):
    m = OpenAICompatibleChatModel(stub.base_url, model="stub-model", api_key="k-123", timeout_s=10)
    assert m.generate([user("hello there")], max_new_tokens=5) == "Stub reply to: hello there"
    assert "".join(m.stream([user("hello there")], max_new_tokens=3)) == "Stub reply to:"
    non_streaming, streaming = stub.requests
    assert non_streaming["model"] == "stub-model" and non_streaming["stream"] is False
    assert non_streaming["max_tokens"] == 5 and non_streaming["temperature"] == 0.0
    assert streaming["stream"] is True
    assert stub.headers[0].get("Authorization") == "Bearer k-123"
    m.close()


def test_openai_base_url_without_v1_is_accepted(stub):
    m = OpenAICompatibleChatModel(stub.base_url.removesuffix("/v1"), timeout_s=10)
    assert m.generate([user("hi")], max_new_tokens=4) == "Stub reply to: hi"


@pytest.mark.parametrize("status", [500, 401])
def test_openai_http_errors_become_backend_errors(stub, status):
    stub.fail_with = status
    m = OpenAICompatibleChatModel(stub.base_url, timeout_s=10)
    with pytest.raises(BackendError, match=str(status)):
        m.generate([user("hi")])
    with pytest.raises(BackendError, match=str(status)):
        list(m.stream([user("hi")]))


def test_openai_unreachable_server_is_a_backend_error():
    m = OpenAICompatibleChatModel("http://127.0.0.1:9/v1", timeout_s=2)
    with pytest.raises(BackendError, match="is it running"):
        m.generate([user("hi")])


def test_openai_requires_a_base_url():
    with pytest.raises(ConfigError, match="base_url"):
        OpenAICompatibleChatModel("")


def test_sse_parser_skips_comments_and_role_deltas():
    lines = [": keep-alive", "", 'data: {"choices":[{"delta":{"role":"assistant"}}]}',
             'data: {"choices":[{"delta":{"content":"A"}}]}', 'data: {"choices":[{"delta":{"content":" b"}}]}',
             "data: [DONE]", 'data: {"choices":[{"delta":{"content":"late"}}]}']
    assert list(parse_sse(iter(lines))) == ["A", " b"]
    with pytest.raises(BackendError, match="malformed"):
        list(parse_sse(iter(["data: {not json"])))


def test_make_chat_model_selects_openai_from_settings(tmp_path, stub):
    from assistant.config import load_settings

    settings = load_settings(home=tmp_path, env={}, overrides={"llm.backend": "openai", "llm.base_url": stub.base_url,
                                                                "llm.model": "m"})
    m = make_chat_model(settings)
    assert isinstance(m, OpenAICompatibleChatModel) and m.name == "openai:m"
    assert m.generate([user("ok")], max_new_tokens=4) == "Stub reply to: ok"
