"""A LangChain customer-service agent that answers product questions through shopguide.

    python examples/customer_service_agent.py "I need a rain jacket for hiking, max $150"
    python examples/customer_service_agent.py --model openai:gpt-4o-mini "..."   # any tool-calling model

Without ``--model`` the agent runs offline with a scripted stand-in model that calls the
``shopguide`` tool once and answers from its output, so the whole loop (agent → tool →
shopguide → agent) can be seen on a laptop with only the demo index
(``shopguide index``). With ``--model`` the named model (``langchain.chat_models.init_chat_model``
syntax; its provider package must be installed) decides when to call the tool.
Needs ``pip install langchain`` (the project's ``dev`` extra) for ``create_agent``.
"""

from __future__ import annotations

import argparse
import re

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult

SYSTEM_PROMPT = (
    "You are the customer-service agent of an online shop. For any product question, call the "
    "`shopguide` tool with the customer's request. Recommend only products it returns, quote their "
    "price and id exactly, and say so when nothing fits. Be brief and friendly."
)


class ScriptedAgentModel(GenericFakeChatModel):
    """Offline stand-in for a tool-calling LLM: forwards the customer's words to the tool, then
    answers from the tool's first product line."""

    def bind_tools(self, tools, **kwargs):
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        last = messages[-1]
        if isinstance(last, HumanMessage):
            call = {"name": "shopguide", "id": "call_1", "args": {"message": last.content}}
            message = AIMessage(content="", tool_calls=[call])
        else:
            assert isinstance(last, ToolMessage)
            match = re.search(r"^1\. \[(.+?)\] (.+?) \| brand (.+?) \| (\S+)", last.content, re.M)
            if match:
                pid, title, brand, price = match.groups()
                text = (f"Our best match is the {title} by {brand} for {price} (item {pid}). "
                        "Would you like more options or a different budget?")
            else:
                text = "Sorry, nothing in our catalog matches that. Could you relax one of your requirements?"
            message = AIMessage(content=text)
        return ChatResult(generations=[ChatGeneration(message=message)])


def build_agent(bot, model=None):
    """A LangChain agent whose one tool is ``bot`` (an ``assistant.Assistant``)."""
    from langchain.agents import create_agent

    from ui.langchain_tools import ShopguideTool

    model = model or ScriptedAgentModel(messages=iter(()))
    return create_agent(model, tools=[ShopguideTool(assistant=bot)], system_prompt=SYSTEM_PROMPT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("question", nargs="?", default="I need a waterproof jacket for hiking under $150")
    parser.add_argument("--model", help="a tool-calling chat model, e.g. openai:gpt-4o-mini (default: offline script)")
    parser.add_argument("--data-dir", help="shopguide data directory (default $SHOPGUIDE_HOME)")
    args = parser.parse_args()

    from assistant import Assistant

    bot = Assistant.from_config(home=args.data_dir)
    model = None
    if args.model:
        from langchain.chat_models import init_chat_model

        model = init_chat_model(args.model)
    state = build_agent(bot, model).invoke({"messages": [HumanMessage(args.question)]})
    for message in state["messages"]:
        if isinstance(message, ToolMessage):
            print(f"[tool {message.name}]\n{message.content}\n")
    print(f"[agent]\n{state['messages'][-1].content}")


if __name__ == "__main__":
    main()
