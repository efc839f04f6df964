"""The reply value object: what every edge (CLI, HTTP, UI, LangChain) returns.

``Reply.to_json()`` is the public shape of ``shopguide ask --json`` and
``POST /v1/sessions/{id}/messages``::

    {"session_id": str, "turn": int, "reply": str, "fallback": bool,
     "fallback_reason": "grounding"|"llm_error"|"llm_timeout"|null,
     "products": [{"id", "title", "brand", "category", "price", "currency", "rating",
                   "review_count", "attributes", "stock", "image_url", "why",
                   "violates"?}],
     "portrait": {...}, "notice": str|null, "timings_ms": {...},
     "acts": [{"type", "product", "aspect", "value", "slots"?, "products"?}],
     "answer": {"product_id", "aspect", "verdict", "fact", "text"}|null,
     "sources": [{"id", "document", "section", "text"}],   # shop-knowledge passages a shop answer rests on
     "handoff": {"reason", "summary", "portrait", "products", "session_id"}|null,
     "order": {"order_id", "status", "updated", "carrier", "tracking", "eta", "items"}|null}   # the order tool's record
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from retrieval.catalog.product import Product


@dataclass
class ShownProduct:
    product: Product
    why: str = ""
    violates: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = self.product.to_dict()
        data["why"] = self.why
        if self.violates:
            data["violates"] = list(self.violates)
        return data


@dataclass
class Reply:
    session_id: str
    turn: int
    text: str
    products: list[ShownProduct]
    portrait: dict[str, Any]
    fallback: bool = False
    notice: str | None = None
    grounding_issues: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    acts: list[dict[str, Any]] = field(default_factory=list)    # the dialogue acts of the turn
    answer: dict[str, Any] | None = None                         # a product question's answer
    prose: str = ""   # the LLM-written part of ``text`` as kept (after checks); not in the JSON
    sources: list[dict[str, Any]] = field(default_factory=list)   # customer service: passages cited
    handoff: dict[str, Any] | None = None                         # customer service: passed to a person
    order: dict[str, Any] | None = None                           # customer service: the order tool's record
    service: str = ""   # a customer-service turn's kind: policy | order | ask_order | handoff; not in the JSON
    # why the LLM's prose was replaced (``fallback``) or cut short: grounding | llm_error | llm_timeout
    fallback_reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "turn": self.turn,
            "reply": self.text,
            "products": [p.to_json() for p in self.products],
            "portrait": self.portrait,
            "fallback": self.fallback,
            "fallback_reason": self.fallback_reason,
            "notice": self.notice,
            "grounding_issues": list(self.grounding_issues),
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "acts": [dict(a) for a in self.acts],
            "answer": dict(self.answer) if self.answer else None,
            "sources": [dict(s) for s in self.sources],
            "handoff": dict(self.handoff) if self.handoff else None,
            "order": dict(self.order) if self.order else None,
        }

    @property
    def is_service(self) -> bool:
        """A customer-service answer (policy, order, hand-off): the products shown before stay current."""
        return bool(self.service or self.sources or self.handoff or self.order)


@dataclass
class ReplyEvent:
    """One streamed piece: ``token`` (text delta), ``products`` (cards ready), ``final`` (Reply)."""

    kind: str
    text: str = ""
    reply: Reply | None = None
