"""The LLM fallback: strict parsing, closed lists, bounded, and merged under the rules."""

from __future__ import annotations

from assistant.portrait.dialogue import apply_turn
from assistant.llm import FakeChatModel
from assistant.portrait.model import Portrait
from assistant.portrait.llm_fill import LLMSlots, PortraitLLM, merge_llm, parse_slots
from tests.test_extract_turn import VOCAB


def test_strict_parser_accepts_only_listed_values():
    assert parse_slots('Sure! {"recipient": "bestie", "occasion": "housewarming", "style": null}') == \
        LLMSlots("friend", "housewarming", None)
    assert parse_slots('{"recipient": "a dragon", "occasion": null}') is None
    assert parse_slots('{"budget": 10}') is None
    assert parse_slots("no json here") is None
    assert parse_slots('{"recipient": ') is None


def test_bad_answer_is_retried_once_then_dropped():
    model = FakeChatModel(["I think it is for a friend", '{"recipient": "friend", "occasion": null, "style": null}'])
    assert PortraitLLM(model).extract("a present for my bff") == LLMSlots("friend", None, None)
    assert len(model.calls) == 2
    model = FakeChatModel(["nope", "still nope", '{"recipient": "friend"}'])
    llm = PortraitLLM(model)
    assert llm.extract("a present for my bff") is None
    assert len(model.calls) == 2 and llm.failures == 1


def test_time_budget_bounds_the_calls():
    model = FakeChatModel(['{"recipient": "friend"}'])
    assert PortraitLLM(model, time_budget_s=0.0).extract("a present for my bff") is None
    assert model.calls == []


def test_backend_errors_mean_no_answer():
    class Broken:
        name = "broken"

        def generate(self, messages, max_new_tokens=40, cancel=None):
            raise RuntimeError("model exploded")

    llm = PortraitLLM(Broken())
    assert llm.extract("a present for my bff") is None
    assert llm.failures == 1 and llm.timeouts == 0


def test_llm_only_consulted_when_rules_found_no_recipient_or_occasion():
    model = FakeChatModel(['{"recipient": "friend", "occasion": null, "style": null}'])
    llm = PortraitLLM(model)
    p = Portrait()
    apply_turn(p, "a birthday gift for my wife under $80", 0, VOCAB, llm=llm)
    assert model.calls == [] and p.recipient == "wife"
    apply_turn(p, "a waterproof jacket", 1, VOCAB, llm=llm)
    assert model.calls == []


def test_llm_fills_empty_soft_slots_and_never_overwrites_rules():
    model = FakeChatModel(['{"recipient": "friend", "occasion": "housewarming", "style": null}'])
    p = Portrait()
    apply_turn(p, "a present for my bff under $40, no Vantor", 0, VOCAB, llm=PortraitLLM(model))
    assert (p.recipient, p.occasion) == ("friend", "housewarming")
    assert p.budget_max == 40 and p.brands_excluded == ["Vantor"]
    assert p.sources["recipient_from_llm"] == 0
    kept = Portrait(recipient="wife")
    assert merge_llm(kept, LLMSlots("friend", "birthday", None), 3) == ["occasion"]
    assert kept.recipient == "wife"
