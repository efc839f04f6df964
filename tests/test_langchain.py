"""LangChain integration: a real agent loop (fake chat model with tool calls) calls shopguide."""

from __future__ import annotations

import re

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from ui.langchain_tools import ProductRetriever, ShopguideRunnable, ShopguideTool


class ToolCallingFakeModel(GenericFakeChatModel):
    """Scripted tool calls from ``messages``; once a tool answered, it answers from that tool output.

    Why a subclass: an agent loop needs ``bind_tools`` and a final answer that depends on
    what the tool returned, which a purely scripted model cannot produce.
    """

    def bind_tools(self, tools, **kwargs):
        self.__dict__.setdefault("bound_tools", []).extend(getattr(t, "name", t) for t in tools)
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        last = messages[-1]
        if isinstance(last, ToolMessage):
            first = next(line for line in last.content.splitlines() if re.match(r"1\. \[", line))
            pid, title, _, price = re.match(r"1\. \[(.+?)\] (.+?) \| brand (.+?) \| (\S+)", first).groups()
            answer = f"I recommend the {title} ({price}, product {pid}) from our catalog."
            return ChatResult(generations=[ChatGeneration(message=AIMessage(content=answer))])
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


def test_agent_loop_calls_shopguide_and_uses_its_answer(fake_assistant):
    agents = pytest.importorskip("langchain.agents", reason="langchain (dev extra) provides create_agent")
    tool = ShopguideTool(assistant=fake_assistant)
    model = ToolCallingFakeModel(messages=iter([
        AIMessage(content="", tool_calls=[{"name": "shopguide", "id": "call_1",
                                           "args": {"message": "waterproof hiking jacket under $150"}}]),
    ]))
    agent = agents.create_agent(model, tools=[tool], system_prompt="You are the shop's customer-service agent.")

    state = agent.invoke({"messages": [HumanMessage("Hi! I need a rain jacket for hiking, max $150.")]})

    messages = state["messages"]
    tool_messages = [m for m in messages if isinstance(m, ToolMessage)]
    assert len(tool_messages) == 1 and tool_messages[0].name == "shopguide"
    artifact = tool_messages[0].artifact  # the full Reply JSON travels with the tool message
    top = artifact["products"][0]
    assert all(p["price"] <= 150 for p in artifact["products"] if not p.get("violates"))
    assert not top.get("violates")
    assert artifact["portrait"]["budget"]["max"] == 150
    final = messages[-1]
    assert isinstance(final, AIMessage) and not final.tool_calls
    assert top["title"] in final.content and top["id"] in final.content
    assert f"${top['price']:,.2f}" in final.content
    # the conversation happened in a real shopguide session
    history = fake_assistant.sessions.history(tool.current_session)
    assert history[0]["text"] == "waterproof hiking jacket under $150"


def test_tool_keeps_one_conversation(fake_assistant):
    tool = ShopguideTool(assistant=fake_assistant, reply=False)
    tool.invoke({"message": "a jacket under $150"})
    text = tool.invoke({"message": "make it under 100"})
    assert "Products (catalog facts):" in text
    assert fake_assistant.get_portrait(tool.current_session).budget_max == 100
    lines = [line for line in text.splitlines() if re.match(r"\d+\. \[", line)]
    fits = [float(re.search(r"\| \$(\d+\.\d\d)", line).group(1)) for line in lines if "NOT a full match" not in line]
    assert fits and all(p <= 100 for p in fits)
    assert all("over the $100.00 budget" in line for line in lines if "NOT a full match" in line)


def test_runnable_invoke_and_stream(fake_assistant):
    fake_assistant.llm.enqueue("Here are a few great jackets for your hike.", "More jackets for you.")
    shop = ShopguideRunnable(fake_assistant)
    first = shop.invoke("waterproof jacket under $150")
    assert "Here are a few great jackets" in first["reply"] and first["products"]
    events = list(shop.stream({"text": "under 100"}))
    assert events[-1]["kind"] == "final"
    assert "More jackets for you." in "".join(e["text"] for e in events if e["kind"] == "token")
    final = events[-1]["reply"]
    assert final["session_id"] == first["session_id"] and final["turn"] == 1
    with pytest.raises(TypeError, match="message string"):
        shop.invoke(42)


def test_retriever_applies_filters(fake_assistant):
    retriever = ProductRetriever.from_assistant(fake_assistant, k=5, max_price=150)
    docs = retriever.invoke("waterproof jacket")
    assert docs and all(d.metadata["price"] <= 150 for d in docs)
    assert "J4" not in [d.id for d in docs]  # out of stock
    assert [d.metadata["rank"] for d in docs] == list(range(1, len(docs) + 1))
    narrowed = retriever.invoke("waterproof jacket", brands_exclude=["Nordvik"], max_price=100)
    assert narrowed and all(d.metadata["brand"] != "Nordvik" and d.metadata["price"] <= 100 for d in narrowed)
    headphones = ProductRetriever.from_assistant(fake_assistant, categories=("Headphones",)).invoke("wireless")
    assert {d.id for d in headphones} <= {"H1", "H2"} and headphones
    with pytest.raises(ValueError, match="unknown filter"):
        retriever.invoke("jacket", colour="red")


def test_example_customer_service_agent_runs_offline(fake_assistant):
    pytest.importorskip("langchain.agents", reason="langchain (dev extra) provides create_agent")
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "examples" / "customer_service_agent.py"
    spec = importlib.util.spec_from_file_location("customer_service_agent", path)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    state = example.build_agent(fake_assistant).invoke({"messages": [HumanMessage("a board game for family night")]})
    tool_reply = [m for m in state["messages"] if isinstance(m, ToolMessage)][0].artifact
    top = tool_reply["products"][0]
    assert f"{top['title']} by {top['brand']}" in state["messages"][-1].content
