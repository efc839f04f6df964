"""Request and response models of the HTTP API: they are its OpenAPI document.

Kept apart from ``ui.http_api`` (the routes) so each file stays small; field limits here
are the API's validation (422 with the offending field) and its documentation at once.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.assistant import MAX_MESSAGE_CHARS
from assistant.sessions import FEEDBACK_EVENTS

class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    session_id: str | None = Field(None, min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$",
                                   description="choose the id yourself; omitted: a random one")


class SessionOut(BaseModel):
    session_id: str


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, max_length=MAX_MESSAGE_CHARS, description="the shopper's message")
    reply: bool = Field(True, description="false: portrait and products only, no LLM text (fast)")


class ProductOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    title: str
    brand: str
    category: str
    price: float | None
    currency: str
    rating: float | None
    review_count: int
    attributes: dict[str, Any]
    stock: int | None
    image_url: str
    why: str
    violates: list[str] | None = None


class ReplyOut(BaseModel):
    """The same object as ``shopguide ask --json``."""

    model_config = ConfigDict(extra="allow")
    session_id: str
    turn: int
    reply: str
    products: list[ProductOut]
    portrait: dict[str, Any]
    fallback: bool
    notice: str | None
    grounding_issues: list[str]
    timings_ms: dict[str, float]
    acts: list[dict[str, Any]] = Field(default_factory=list, description="the dialogue acts of the turn")
    answer: dict[str, Any] | None = Field(None, description="a product question's answer: product_id, aspect, "
                                          "verdict (yes|no|unknown|value), fact (verbatim catalog value), text")


class BudgetPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: float | None = Field(None, ge=0)
    max: float | None = Field(None, ge=0)
    currency: str | None = Field(None, max_length=8)


class ListPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    liked: list[str] | None = None
    excluded: list[str] | None = None


class AttributesPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    wanted: list[str] | None = None
    unwanted: list[str] | None = None


class PortraitPatch(BaseModel):
    """Fields to change; omitted fields keep their value, ``null`` clears a scalar."""

    model_config = ConfigDict(extra="forbid")
    needs: str | None = Field(None, max_length=MAX_MESSAGE_CHARS)
    category: str | None = Field(None, max_length=300)
    budget: BudgetPatch | None = None
    brands: ListPatch | None = None
    attributes: AttributesPatch | None = None
    recipient: str | None = Field(None, max_length=200)
    occasion: str | None = Field(None, max_length=200)
    style: str | None = Field(None, max_length=200)
    must_haves: list[str] | None = None
    deal_breakers: list[str] | None = None


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    product_id: str = Field(..., min_length=1, max_length=200)
    event: Literal["click", "thumbs_up", "thumbs_down", "add_to_cart", "purchase"]
    position: int | None = Field(None, ge=1, le=1000, description="1-based position of the card")


class ErrorOut(BaseModel):
    detail: str
    error: str


assert set(FeedbackIn.model_fields["event"].annotation.__args__) == set(FEEDBACK_EVENTS)
ERRORS = {code: {"model": ErrorOut} for code in (400, 401, 404, 413, 503)}
