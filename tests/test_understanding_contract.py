"""The interpreter contract on the rules, the fake, the LLM interpreter over the stub, and SmolLM2 (slow)."""

from __future__ import annotations

import json

import pytest

from assistant.llm import FakeChatModel
from assistant.understanding.acts import Act
from assistant.understanding.interpreter import FakeInterpreter
from assistant.understanding.llm import HybridInterpreter, LLMInterpreter
from assistant.understanding.rules import RulesInterpreter
from tests.openai_stub import StubOpenAIServer
from tests.understanding_contract import CASES, InterpreterContract, context


def _gold_json(message: str) -> str:
    """What a capable schema-constrained model answers: the rules' acts, as the model's JSON."""
    for text, shown, _types, _first in CASES:
        if text == message:
            return json.dumps({"acts": RulesInterpreter().interpret(text, context(shown)).to_json()})
    return json.dumps({"acts": [{"type": "search", "slots": {"brands_required": ["Acme"], "budget_max": 5}}]})


def _message(body: dict) -> str:
    last = [m["content"] for m in body["messages"] if m["role"] == "user"][-1]
    return last.split('Message: "', 1)[1].rsplit('"', 1)[0]


class TestRules(InterpreterContract):
    @pytest.fixture
    def interpreter(self):
        return RulesInterpreter()


class TestFake(InterpreterContract):
    """The fake answers from a script: it checks the contract's plumbing, not understanding."""

    @pytest.fixture
    def interpreter(self):
        class Scripted(FakeInterpreter):
            def interpret(self, text, ctx):
                raw = json.loads(_gold_json(text))["acts"]
                self.enqueue(*[Act.from_json(a) for a in raw if "Acme" not in a.get("slots", {}).get("brands_required", [])])
                return super().interpret(text, ctx)
        return Scripted()


class TestLLMOverStub(InterpreterContract):
    """The OpenAI-compatible path end to end: prompt → response_format → parse → validate."""

    @pytest.fixture
    def interpreter(self):
        from assistant.llm.openai_compat import OpenAICompatibleChatModel

        with StubOpenAIServer() as stub:
            stub.json_reply = lambda body: _gold_json(_message(body))
            model = OpenAICompatibleChatModel(stub.base_url, model="stub")
            yield LLMInterpreter(model)
            model.close()
            assert all(r["response_format"]["type"] == "json_schema" for r in stub.requests)


class TestHybridOverFake(InterpreterContract):
    @pytest.fixture
    def interpreter(self):
        return HybridInterpreter(LLMInterpreter(FakeChatModel(default=lambda m: _gold_json(_message_of(m)))))


def _message_of(messages) -> str:
    return messages[-1].content.split('Message: "', 1)[1].rsplit('"', 1)[0]


@pytest.mark.slow
class TestSmolLM2(InterpreterContract):
    """The bundled 135M model under lm-format-enforcer: valid acts always; accuracy is measured."""

    semantic = False

    @pytest.fixture(scope="class")
    def interpreter(self, tmp_path_factory):
        from assistant.llm.local import TransformersChatModel

        model = TransformersChatModel(cache_dir=tmp_path_factory.mktemp("models"), threads=2)   # never the checkout
        return LLMInterpreter(model, max_new_tokens=120)


def test_invented_values_are_dropped_and_counted():
    model = FakeChatModel(['{"acts": [{"type": "search", "slots": {"brands_required": ["Acme"], '
                           '"category": "Kayaks", "budget_max": 80, "attributes_excluded": ["purple"]}}]}'])
    interpreter = LLMInterpreter(model)
    result = interpreter.interpret("a jacket under $80 but not from acme", context(False))
    assert result.source == "llm"
    assert result.acts[0].slots == {"budget_max": 80.0}
    assert len(result.dropped) == 3 and interpreter.dropped_total == 3


def test_unparseable_output_is_retried_then_falls_back_to_the_rules():
    model = FakeChatModel(["Sure! Here are the acts.", "still no json"])
    interpreter = LLMInterpreter(model, retries=1)
    result = interpreter.interpret("hi", context(False))
    assert [a.type.value for a in result.acts] == ["greeting"]
    assert "llm failed" in result.source and interpreter.failures == 1
    assert "rejected" in model.calls[1][-1].content          # the retry says what was wrong


def test_a_valid_model_answer_changes_the_acts():
    model = FakeChatModel(['{"acts": [{"type": "refine", "slots": {"brands_excluded": ["Nordvik"]}}]}'])
    result = LLMInterpreter(model).interpret("none of that nordvik stuff", context(True))
    assert result.acts[0].slots == {"brands_excluded": ("Nordvik",)}


def test_hybrid_asks_the_llm_only_when_the_rules_leave_it_unresolved():
    model = FakeChatModel(default=lambda m: '{"acts": [{"type": "search", "slots": {"category": "Headphones"}}]}')
    hybrid = HybridInterpreter(LLMInterpreter(model))
    assert hybrid.interpret("does the second one come in blue?", context(True)).source == "rules"
    assert hybrid.llm_calls == 0
    result = hybrid.interpret("something to block out the noise on my commute", context(False))
    assert hybrid.llm_calls == 1 and result.source == "hybrid"
    assert result.acts[0].slots == {"category": "Headphones"}
