"""Request and response models of the HTTP API: they are its OpenAPI document.

Kept apart from ``ui.http_api`` (the routes) so each file stays small; field limits here
are the API's validation (422 with the offending field) and its documentation at once.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from assistant.assistant import MAX_MESSAGE_CHARS
from assistant.sessions import FEEDBACK_EVENTS, SESSION_ID_PATTERN

MAX_AMOUNT = 1e9          # no catalog price is a billion; larger budgets are typos or attacks
MAX_LIST_ITEMS = 50       # brands, attributes, must-haves: a portrait is read by a person


def _encodable(value: str) -> str:
    """Refuse lone surrogates ("\\ud800"): JSON allows them, UTF-8 (SQLite, the response) does not."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode (no lone surrogates)") from None
    return value


Text = Annotated[str, AfterValidator(_encodable)]
Item = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_encodable)]
Items = Annotated[list[Item], Field(max_length=MAX_LIST_ITEMS)]
Amount = Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]

class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    session_id: str | None = Field(None, min_length=1, max_length=128, pattern=SESSION_ID_PATTERN,
                                   description="choose the id yourself (409 when it is taken); omitted: a random one")
    user_id: str | None = Field(None, min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:@-]+$",
                                description="a returning shopper: their long-term profile shapes the picks")


class SessionOut(BaseModel):
    session_id: str


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Text = Field(..., min_length=1, max_length=MAX_MESSAGE_CHARS, description="the shopper's message")
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
    fallback_reason: str | None = Field(None, description="why the LLM's prose was replaced by a sentence built "
                                        "from catalog facts (fallback) or cut short: grounding (it failed the "
                                        "check), llm_error (the backend failed), llm_timeout (llm.timeout_s)")
    notice: str | None
    grounding_issues: list[str]
    timings_ms: dict[str, float]
    acts: list[dict[str, Any]] = Field(default_factory=list, description="the dialogue acts of the turn")
    answer: dict[str, Any] | None = Field(None, description="a product question's answer: product_id, aspect, "
                                          "verdict (yes|no|unknown|value), fact (verbatim catalog value), text")
    sources: list[dict[str, str]] = Field(default_factory=list,
                                          description="shop-knowledge passages a customer-service answer quotes")
    handoff: dict[str, Any] | None = Field(None, description="set when the conversation is passed to a person: "
                                                             "reason, summary, portrait, products, session_id")
    order: dict[str, Any] | None = Field(None, description="the shop's order tool's record when an order was looked "
                                                           "up: order_id, status, updated, carrier, tracking, eta, items")


class BudgetPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: Amount | None = None
    max: Amount | None = None
    currency: Text | None = Field(None, max_length=8)


class ListPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    liked: Items | None = None
    excluded: Items | None = None


class AttributesPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    wanted: Items | None = None
    unwanted: Items | None = None


class PortraitPatch(BaseModel):
    """Fields to change; omitted fields keep their value, ``null`` clears a scalar."""

    model_config = ConfigDict(extra="forbid")
    needs: Text | None = Field(None, max_length=MAX_MESSAGE_CHARS)
    category: Text | None = Field(None, max_length=300)
    budget: BudgetPatch | None = None
    brands: ListPatch | None = None
    attributes: AttributesPatch | None = None
    recipient: Text | None = Field(None, max_length=200)
    occasion: Text | None = Field(None, max_length=200)
    style: Text | None = Field(None, max_length=200)
    must_haves: Items | None = None
    deal_breakers: Items | None = None


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    product_id: Text = Field(..., min_length=1, max_length=200)
    event: Literal["click", "thumbs_up", "thumbs_down", "add_to_cart", "purchase"]
    position: int | None = Field(None, ge=1, le=1000, description="1-based position of the card")


class ErrorOut(BaseModel):
    detail: str
    error: str


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(ErrorOut):
    """422: which fields are wrong and why; the offending input is never echoed (it may hold contact details)."""

    errors: list[FieldError]


assert set(FeedbackIn.model_fields["event"].annotation.__args__) == set(FEEDBACK_EVENTS)
ERRORS = {code: {"model": ErrorOut} for code in (400, 401, 404, 409, 413, 421, 503)}
ERRORS[422] = {"model": ValidationErrorOut}
