"""Every LLM backend passes the one contract suite (``tests/llm_contract.py``)."""

from __future__ import annotations

import pytest

from assistant.errors import BackendError, ConfigError
from assistant.llm import FakeChatModel, make_chat_model
from assistant.llm.base import ChatMessage, Role, system, user
from assistant.llm.openai_compat import OpenAICompatibleChatModel
from tests.llm_contract import MESSAGES, ChatModelContract
from tests.openai_stub import StubOpenAIServer


class TestFakeChatModel(ChatModelContract):
    @pytest.fixture
    def model(self):
        return FakeChatModel()

    @pytest.fixture
    def slow_model(self):
        return FakeChatModel([" ".join(["word"] * self.LONG)], piece_delay_s=0.2)   # 80 s unless cancelled


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

    @pytest.fixture
    def slow_model(self, stub):
        stub.hang_s, stub.hang_times = 60.0, 1    # the first stream stalls after one word
        m = OpenAICompatibleChatModel(stub.base_url, model="stub-model", timeout_s=120)
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

    def test_reused_prefill_changes_no_output_and_the_retry_computes_only_its_tail(self, model):
        """The retry prompt (first prompt + draft + problem) computes a few dozen tokens, not all
        of them again, and greedy output is the same with the prefix cache as without it."""
        first = [system("You are a friendly shop assistant. Write 2 short sentences about the picks. "
                        "Use only facts listed in the picks."),
                 user("Picks: 1. Nordvik Larch Jacket by Nordvik, $99.99 (waterproof, hooded)\n"
                      "2. Fjord Packable Jacket by Kestrel, $77.95 (waterproof, packable)")]
        retry = first + [ChatMessage(Role.ASSISTANT, "The Larch is $89."),
                         user("That draft has a problem: $89 is not in the picks. Write the 2 sentences again.")]
        seen: list[tuple[int, int]] = []
        model.on_prefill = lambda prompt, computed: seen.append((prompt, computed))
        try:
            saved, model.prefix = model.prefix, None
            plain = [model.generate(m, max_new_tokens=12) for m in (first, retry)]
            model.prefix = type(saved)()
            cached = [model.generate(m, max_new_tokens=12) for m in (first, retry)]
        finally:
            model.on_prefill, model.prefix = None, saved
        assert cached == plain
        (p1, c1), (p2, c2) = seen[2:]
        assert c1 == p1                      # nothing cached yet: the whole first prompt
        assert p2 > p1 and c2 < p2 - p1 + 12   # the retry: only what follows the first prompt's own tokens

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
    assert stub.headers[0].get("authorization") == "Bearer k-123"
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


@pytest.mark.parametrize("status", [429, 503])
def test_openai_rate_limits_and_unavailable_are_retried(stub, status):
    stub.fail_with, stub.fail_times = status, 2
    m = OpenAICompatibleChatModel(stub.base_url, timeout_s=10, max_retries=2)
    assert m.generate([user("hi")], max_new_tokens=4) == "Stub reply to: hi"
    assert len(stub.requests) == 3
    stub.requests.clear()
    assert "".join(m.stream([user("hi")], max_new_tokens=4)) == "Stub reply to: hi"
    assert len(stub.requests) == 3


def test_openai_gives_up_after_max_retries(stub):
    stub.fail_with = 503
    m = OpenAICompatibleChatModel(stub.base_url, timeout_s=10, max_retries=1)
    with pytest.raises(BackendError, match="503"):
        m.generate([user("hi")])
    assert len(stub.requests) == 2


def test_openai_a_hung_server_times_out_as_a_backend_error(stub):
    stub.hang_s = 30.0
    m = OpenAICompatibleChatModel(stub.base_url, timeout_s=0.5, max_retries=0)
    with pytest.raises(BackendError, match="timed out"):
        m.generate([user("hi")])
    with pytest.raises(BackendError, match="timed out"):   # a stream that stalls after its first word
        list(m.stream([user("hi")], max_new_tokens=4))


def test_openai_cancel_closes_the_stream_on_the_server(stub):
    import threading

    stub.hang_s = 30.0
    cancel = threading.Event()
    m = OpenAICompatibleChatModel(stub.base_url, timeout_s=10)
    pieces = []
    for piece in m.stream([user("one two three four five")], max_new_tokens=8, cancel=cancel):
        pieces.append(piece)
        cancel.set()
    assert pieces == ["Stub"]
    stub.stop.set()                       # end the hang: the server now sees the client gone
    stub.streams_ended.get(timeout=10)
    assert stub.disconnects == 1


def test_openai_unreachable_server_is_a_backend_error():
    m = OpenAICompatibleChatModel("http://127.0.0.1:9/v1", timeout_s=2, max_retries=0)
    with pytest.raises(BackendError, match="is it running"):
        m.generate([user("hi")])


def test_openai_requires_a_base_url():
    with pytest.raises(ConfigError, match="base_url"):
        OpenAICompatibleChatModel("")


def test_make_chat_model_selects_openai_from_settings(tmp_path, stub):
    from assistant.config import load_settings

    settings = load_settings(home=tmp_path, env={}, overrides={"llm.backend": "openai", "llm.base_url": stub.base_url,
                                                                "llm.model": "m"})
    m = make_chat_model(settings)
    assert isinstance(m, OpenAICompatibleChatModel) and m.name == "openai:m"
    assert m.generate([user("ok")], max_new_tokens=4) == "Stub reply to: ok"


SCHEMA = {"type": "object", "properties": {"acts": {"type": "array"}}, "required": ["acts"]}


def test_openai_json_schema_is_sent_the_openai_way_first(stub):
    m = OpenAICompatibleChatModel(stub.base_url, timeout_s=10, max_retries=0)
    assert m.generate_json([user("hi")], SCHEMA) == '{"acts": [{"type": "search"}]}'
    assert [r["response_format"]["type"] for r in stub.requests] == ["json_schema"]
    assert stub.requests[0]["response_format"]["json_schema"]["schema"] == SCHEMA


def test_openai_json_schema_falls_back_to_llama_cpp_pythons_form_and_keeps_it(stub):
    """llama-cpp-python's server refuses "json_schema" (HTTP 500 naming response_format) and takes
    {"type": "json_object", "schema": ...}: the client asks again in that form, once, and remembers it."""
    stub.json_forms = ("json_object",)
    m = OpenAICompatibleChatModel(stub.base_url, timeout_s=10, max_retries=0)
    assert m.generate_json([user("hi")], SCHEMA) == '{"acts": [{"type": "search"}]}'
    assert m.generate_json([user("again")], SCHEMA) == '{"acts": [{"type": "search"}]}'
    assert [r["response_format"]["type"] for r in stub.requests] == ["json_schema", "json_object", "json_object"]
    assert stub.requests[1]["response_format"]["schema"] == SCHEMA
    assert m.json_dialect == "json_object"


def test_openai_json_other_server_errors_are_not_retried_in_another_form(stub):
    stub.fail_with = 500
    m = OpenAICompatibleChatModel(stub.base_url, timeout_s=10, max_retries=0)
    with pytest.raises(BackendError, match="500"):
        m.generate_json([user("hi")], SCHEMA)
    assert len(stub.requests) == 1 and m.json_dialect == "json_schema"


def test_auto_quantization_keeps_a_small_model_in_bf16_on_cuda_and_fp32_on_cpu():
    """NF4 changed SmolLM2-135M's greedy text from the first tokens on an H200 (session 8, bench_cuda.py):
    ``auto`` quantizes only weights of 2 GiB or more; on CPU it never does."""
    torch = pytest.importorskip("torch")
    from assistant.llm.local import NF4_FROM_BYTES, load_kwargs

    assert load_kwargs("auto", cuda=True, weights=540_000_000) == {"dtype": torch.bfloat16}
    assert load_kwargs("auto", cuda=False, weights=16 * 2**30) == {"dtype": torch.float32}
    assert load_kwargs("bf16", cuda=False) == {"dtype": torch.bfloat16}
    big = load_kwargs("auto", cuda=True, weights=NF4_FROM_BYTES) if _has_bnb() else None
    if big is not None:      # with bitsandbytes: NF4 for a large model
        assert big["quantization_config"].bnb_4bit_quant_type == "nf4"
    else:                    # without it: bf16, never an error for `auto`
        assert load_kwargs("auto", cuda=True, weights=NF4_FROM_BYTES) == {"dtype": torch.bfloat16}


def test_weights_bytes_counts_weight_files_only(tmp_path):
    from assistant.llm.local import weights_bytes

    (tmp_path / "model-00001.safetensors").write_bytes(b"x" * 10)
    (tmp_path / "pytorch_model.bin").write_bytes(b"x" * 5)
    (tmp_path / "tokenizer.json").write_bytes(b"x" * 100)
    assert weights_bytes(tmp_path) == 15


def _has_bnb() -> bool:
    import importlib.util

    return importlib.util.find_spec("bitsandbytes") is not None
