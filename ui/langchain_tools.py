"""LangChain integration: the assistant as a tool and a Runnable, the catalog as a retriever.

Three thin adapters over the public API, for agents that already speak LangChain::

    from assistant import Assistant
    from ui.langchain_tools import ShopguideTool, ProductRetriever
    bot = Assistant.from_config()
    tools = [ShopguideTool(assistant=bot)]                     # give these to any tool-calling agent
    docs = ProductRetriever.from_assistant(bot, max_price=150).invoke("rain jacket")

``ShopguideTool`` returns text an LLM can read (the guide plus one line per product with
its id, price and why it fits) and the full ``Reply`` JSON as the tool message artifact,
so the agent can quote catalog facts without inventing them. Needs only
``langchain-core``; agents themselves (``langchain.agents.create_agent``) are optional.
"""

from __future__ import annotations

from typing import Any, Iterator, Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun, CallbackManagerForToolRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.tools import BaseTool
from pydantic import BaseModel, Field, PrivateAttr

from retrieval.query import Query
from retrieval.search import HybridRetriever


def reply_as_text(reply) -> str:
    """A ``Reply`` as compact text for an LLM: the guide, then one line of facts per product.

    ``"Here are 2 picks…\\nProducts (catalog facts):\\n1. [J3] Tidewater Packable Rain
    Jacket - Yellow | brand Tidewater | $79.50 | rating 4.1 (45) | why: …"``
    """
    from ui.cards import price_text

    lines = [reply.text.strip()] if (reply.text or "").strip() else []
    if reply.products:
        lines.append("Products (catalog facts):")
        for i, shown in enumerate(reply.products, start=1):
            p = shown.product
            rating = f" | rating {p.rating:.1f} ({p.review_count})" if p.rating is not None else ""
            miss = f" | NOT a full match: {'; '.join(shown.violates)}" if shown.violates else ""
            lines.append(f"{i}. [{p.id}] {p.title} | brand {p.brand} | {price_text(p)}{rating} | why: {shown.why}{miss}")
    elif reply.notice:
        lines.append(reply.notice)
    return "\n".join(lines)


class ShopguideInput(BaseModel):
    message: str = Field(..., description="the customer's request in their own words: what they need, budget, "
                                          "brands or features they want or avoid")


class ShopguideTool(BaseTool):
    """Ask shopguide for products; one tool instance keeps one shopping conversation."""

    name: str = "shopguide"
    description: str = (
        "Find products in the shop's catalog for a customer. Input: the customer's request (needs, budget, "
        "brands, features). Output: a short guide and matching products with id, brand, price, rating and "
        "why each fits. Only these facts are true; do not invent others. Follow-up requests refine the search."
    )
    args_schema: type[BaseModel] = ShopguideInput
    response_format: Literal["content", "content_and_artifact"] = "content_and_artifact"
    assistant: Any = Field(exclude=True)
    session_id: str | None = None
    reply: bool = True
    _session: str | None = PrivateAttr(default=None)

    @property
    def current_session(self) -> str:
        """The session this tool talks in (created on first use unless ``session_id`` was given)."""
        if self._session is None:
            self._session = self.assistant.new_session(self.session_id)
        return self._session

    def _run(self, message: str, run_manager: CallbackManagerForToolRun | None = None) -> tuple[str, dict]:
        reply = self.assistant.chat(message, session_id=self.current_session, reply=self.reply)
        return reply_as_text(reply), reply.to_json()


class ShopguideRunnable(Runnable[Any, dict]):
    """``Assistant.chat`` as a Runnable: ``str`` or ``{"text", "session_id"?}`` → the reply JSON.

    ``stream`` yields ``{"kind": "token", "text": ...}`` pieces, then ``{"kind": "final",
    "reply": {...}}``, so it composes with LCEL (``prompt | llm | StrOutputParser() | shop``).
    """

    def __init__(self, assistant, session_id: str | None = None, reply: bool = True) -> None:
        self.assistant = assistant
        self.session_id = session_id
        self.reply = reply

    def _args(self, value: Any) -> tuple[str, str | None]:
        if isinstance(value, str):
            return value, self.session_id
        if isinstance(value, dict) and isinstance(value.get("text"), str):
            return value["text"], value.get("session_id") or self.session_id
        raise TypeError('input must be a message string or {"text": ..., "session_id": ...}')

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> dict:
        return self._call_with_config(self._invoke, input, config)

    def _invoke(self, value: Any) -> dict:
        text, session = self._args(value)
        reply = self.assistant.chat(text, session_id=session, reply=self.reply)
        self.session_id = self.session_id or reply.session_id  # later calls continue the conversation
        return reply.to_json()

    def stream(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[dict]:
        text, session = self._args(input)
        for event in self.assistant.stream(text, session_id=session, reply=self.reply):
            if event.kind == "token":
                yield {"kind": "token", "text": event.text}
            elif event.kind == "final":
                self.session_id = self.session_id or event.reply.session_id
                yield {"kind": "final", "reply": event.reply.to_json()}


_FILTERS = ("min_price", "max_price", "categories", "brands_include", "brands_exclude",
            "attributes_required", "attributes_excluded", "in_stock")


class ProductRetriever(BaseRetriever):
    """Hybrid (dense + BM25) search over the product index with hard filters, as Documents.

    Filters set on the retriever apply to every query; keyword arguments to ``invoke``
    override them for one call: ``retriever.invoke("jacket", max_price=100)``. Every
    returned product satisfies them (``retrieval.query.Query.violations`` re-checks).
    ``page_content`` is the product's searchable text; ``metadata`` is its catalog record.
    """

    index: Any = Field(exclude=True)
    k: int = Field(4, ge=1, le=100)
    min_price: float | None = None
    max_price: float | None = None
    categories: tuple[str, ...] = ()
    brands_include: tuple[str, ...] = ()
    brands_exclude: tuple[str, ...] = ()
    attributes_required: tuple[str, ...] = ()
    attributes_excluded: tuple[str, ...] = ()
    in_stock: bool = True

    @classmethod
    def from_assistant(cls, assistant, **kwargs: Any) -> "ProductRetriever":
        return cls(index=assistant.index, **kwargs)

    def query_for(self, text: str, **overrides: Any) -> Query:
        unknown = set(overrides) - set(_FILTERS) - {"k"}
        if unknown:
            raise ValueError(f"unknown filter(s) {sorted(unknown)}; use {', '.join(_FILTERS)} or k")
        values = {name: getattr(self, name) for name in _FILTERS}
        values.update(overrides)
        for name in _FILTERS:
            if isinstance(values[name], (list, str)) and name not in ("in_stock",):
                values[name] = (values[name],) if isinstance(values[name], str) else tuple(values[name])
        k = int(values.pop("k", self.k))
        return Query(text=text, k=k, **values)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                **kwargs: Any) -> list[Document]:
        result = HybridRetriever(self.index).search(self.query_for(query, **kwargs))
        docs = []
        for rank, cand in enumerate(result.candidates, start=1):
            meta = cand.product.to_dict()
            meta.pop("description", None)
            meta.update(rank=rank, score=round(cand.score, 6))
            docs.append(Document(page_content=cand.product.search_text(), metadata=meta, id=cand.product.id))
        return docs


class ShopKnowledgeRetriever(BaseRetriever):
    """The shop's own knowledge (policies, FAQ) as Documents, best passage first.

    ``page_content`` is the passage text; ``metadata`` has ``document``, ``section``,
    ``source`` ("returns.md › Refunds"), ``dense`` and ``keyword`` scores and ``relevant``
    (above the service's ``min_score``), so an agent can drop what the bot itself would
    not answer from. ``from_assistant(bot)`` uses the assistant's customer service.
    """

    knowledge: Any = Field(exclude=True)
    k: int = Field(3, ge=1, le=50)
    min_score: float = 0.42

    @classmethod
    def from_assistant(cls, assistant, **kwargs: Any) -> "ShopKnowledgeRetriever":
        service = assistant.customer_service
        kwargs.setdefault("min_score", service.min_score)
        return cls(knowledge=service.knowledge, **kwargs)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                **kwargs: Any) -> list[Document]:
        docs = []
        for hit in self.knowledge.search(query, int(kwargs.get("k", self.k))):
            p = hit.passage
            docs.append(Document(page_content=p.text, id=p.id, metadata={
                "document": p.document, "section": p.section, "source": p.source, "dense": round(hit.dense, 4),
                "keyword": round(hit.keyword, 4), "relevant": hit.dense >= self.min_score}))
        return docs


class ShopQuestionInput(BaseModel):
    question: str = Field(..., description="the customer's question about the shop: returns, refunds, shipping, "
                                           "warranty, payment, contact, or an order (with its number)")


class ShopServiceTool(BaseTool):
    """The customer-service answer: policy quoted with its source, an order status, or a hand-off."""

    name: str = "shop_service"
    description: str = (
        "Answer a customer's question about the shop itself (returns, refunds, shipping, warranty, payment, "
        "contact, order status by order number) from the shop's own policy and order system. The answer names "
        "its source; when it says the question is handed off to a person, tell the customer that and do not "
        "answer it yourself. Never state a shop policy that this tool did not return."
    )
    args_schema: type[BaseModel] = ShopQuestionInput
    response_format: Literal["content", "content_and_artifact"] = "content_and_artifact"
    service: Any = Field(exclude=True)

    @classmethod
    def from_assistant(cls, assistant, **kwargs: Any) -> "ShopServiceTool":
        return cls(service=assistant.customer_service, **kwargs)

    def _run(self, question: str, run_manager: CallbackManagerForToolRun | None = None) -> tuple[str, dict]:
        answer = self.service.answer(question)
        artifact = {"reply": answer.text, "kind": answer.kind, "sources": answer.sources_json(),
                    "handoff": answer.handoff.to_json() if answer.handoff else None,
                    "order": answer.order.to_json() if answer.order else None}
        return answer.text, artifact
