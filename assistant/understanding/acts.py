"""Dialogue acts: what one shopper message asks for, as typed values.

A message is interpreted into acts *before* anything is retrieved, so a question about
a shown product never turns into a search filter. One message may carry several acts
("the second one but cheaper and not red" → ``more_like`` + ``cheaper`` + ``refine``).

The JSON of one act is the public contract shared by the engine, the HTTP reply, the
CLI's ``--json`` output and eval turn records::

    {"type": "ask_about", "product": 2, "aspect": "colour", "value": "blue"}

``product`` is the 1-based position in the last shown list (or null), ``aspect`` the
attribute or topic asked about, ``value`` the asked/set value. ``slots`` (search and
refine) and ``products`` (compare) are optional, and so is ``product_id``: the catalog id
of a product the message names ("is the Stridewell Ember waterproof?"), present only
when one was named.

>>> Act.from_json({"type": "ask_about", "product": 2, "aspect": "colour", "value": "blue"})
Act(ask_about, product=2, aspect='colour', value='blue')
>>> Act(ActType.COMPARE, products=(1, 2)).to_json()
{'type': 'compare', 'product': None, 'aspect': None, 'value': None, 'products': [1, 2]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping


class ActType(str, Enum):
    SEARCH = "search"
    REFINE = "refine"
    ASK_ABOUT = "ask_about"
    COMPARE = "compare"
    MORE_LIKE = "more_like"
    SHOW_MORE = "show_more"
    CHEAPER = "cheaper"
    PRICIER = "pricier"
    NOT_CARRIED = "not_carried"
    SHOP_QUESTION = "shop_question"
    GREETING = "greeting"
    CHITCHAT = "chitchat"
    RESET = "reset"


SLOT_KEYS = ("category", "budget_max", "budget_min", "brands_required", "brands_excluded",
             "attributes_excluded", "preferences")
_LIST_SLOTS = {"brands_required", "brands_excluded", "attributes_excluded", "preferences"}


class InvalidAct(ValueError):
    """A mapping is not a valid act (unknown type, wrong field types)."""


@dataclass(frozen=True)
class Act:
    """One typed act. Validation on construction: a bad act never exists."""

    type: ActType
    product: int | None = None
    aspect: str | None = None
    value: str | None = None
    slots: Mapping[str, Any] = field(default_factory=dict)
    products: tuple[int, ...] = ()
    product_id: str | None = None
    product_ids: tuple[str, ...] = ()    # products named, not pointed at ("the Aria or the Helix?"), in order

    def __post_init__(self) -> None:
        if not isinstance(self.type, ActType):
            object.__setattr__(self, "type", _act_type(self.type))
        if self.product is not None and (not isinstance(self.product, int) or self.product == 0):
            raise InvalidAct(f"product must be a non-zero position, not {self.product!r}")
        unknown = set(self.slots) - set(SLOT_KEYS)
        if unknown:
            raise InvalidAct(f"unknown slots {sorted(unknown)}")

    def __repr__(self) -> str:
        extra = [f"{k}={getattr(self, k)!r}" for k in ("product", "aspect", "value") if getattr(self, k) is not None]
        if self.slots:
            extra.append(f"slots={dict(self.slots)!r}")
        if self.products:
            extra.append(f"products={self.products!r}")
        if self.product_id:
            extra.append(f"product_id={self.product_id!r}")
        if self.product_ids:
            extra.append(f"product_ids={self.product_ids!r}")
        return f"Act({self.type.value}{', ' if extra else ''}{', '.join(extra)})"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type.value, "product": self.product, "aspect": self.aspect,
                                "value": self.value}
        if self.slots:
            data["slots"] = {k: (list(v) if k in _LIST_SLOTS else v) for k, v in self.slots.items()}
        if self.products:
            data["products"] = list(self.products)
        if self.product_id:
            data["product_id"] = self.product_id
        if self.product_ids:
            data["product_ids"] = list(self.product_ids)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Act":
        if not isinstance(data, Mapping):
            raise InvalidAct(f"an act is an object, not {type(data).__name__}")
        product = data.get("product")
        if isinstance(product, str) and product.strip().lstrip("-").isdigit():
            product = int(product)
        if product is not None and not isinstance(product, int):
            raise InvalidAct(f"product must be a position, not {product!r}")
        products = data.get("products") or ()
        if not isinstance(products, (list, tuple)) or not all(isinstance(p, int) for p in products):
            raise InvalidAct(f"products must be a list of positions, not {products!r}")
        ids = data.get("product_ids") or ()
        if not isinstance(ids, (list, tuple)) or not all(isinstance(i, str) and i.strip() for i in ids):
            raise InvalidAct(f"product_ids must be a list of product ids, not {ids!r}")
        slots = data.get("slots") or {}
        if not isinstance(slots, Mapping):
            raise InvalidAct("slots must be an object")
        clean: dict[str, Any] = {}
        for key, value in slots.items():
            if value in (None, [], ""):
                continue
            if key in _LIST_SLOTS:
                if not isinstance(value, (list, tuple)):
                    value = [value]
                clean[key] = tuple(str(v) for v in value if str(v).strip())
            elif key in ("budget_max", "budget_min"):
                try:
                    clean[key] = float(value)
                except (TypeError, ValueError):
                    raise InvalidAct(f"{key} must be a number, not {value!r}") from None
            else:
                clean[key] = value if not isinstance(value, str) else value.strip()
        return cls(_act_type(data.get("type")), product=product or None,
                   aspect=_text(data.get("aspect")), value=_text(data.get("value")),
                   slots=clean, products=tuple(products), product_id=_text(data.get("product_id")),
                   product_ids=tuple(i.strip() for i in ids))


def _act_type(value: Any) -> ActType:
    try:
        return ActType(str(value))
    except ValueError:
        raise InvalidAct(f"unknown act type {value!r}") from None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


@dataclass
class Interpretation:
    """The acts of one message, plus what the interpreter had to drop (for eval/metrics)."""

    acts: list[Act]
    source: str = "rules"            # rules | llm | hybrid | fake
    dropped: list[str] = field(default_factory=list)   # "brand 'Acme' is not in the catalog", …
    question: str | None = None      # the question an answer reads when not this message's ("and the other one?")

    @property
    def types(self) -> set[ActType]:
        return {a.type for a in self.acts}

    def first(self, kind: ActType) -> Act | None:
        return next((a for a in self.acts if a.type == kind), None)

    def to_json(self) -> list[dict[str, Any]]:
        return [a.to_json() for a in self.acts]


def acts_json_schema(max_position: int = 10) -> dict[str, Any]:
    """The JSON schema an LLM's output must satisfy: ``{"acts": [act, …]}``.

    Used as ``response_format`` for OpenAI-compatible servers (llama.cpp turns it into a
    grammar) and to validate any other model's output before it is read.
    """
    # Strings and lists are bounded (as anyOf, which lm-format-enforcer and llama.cpp's grammar both
    # honour; a type list loses maxLength in the enforcer): on a GPU, SmolLM2 under constraint filled
    # "aspect" with dates until max_new_tokens cut the JSON off (benchmarks/bench_cuda.py, session 8).
    nullable_str = {"anyOf": [{"type": "string", "maxLength": 80}, {"type": "null"}]}
    words = {"type": "array", "items": {"type": "string", "maxLength": 40}, "maxItems": 6}
    slots = {
        "type": "object",
        "properties": {
            "category": nullable_str,
            "budget_max": {"type": ["number", "null"]},
            "budget_min": {"type": ["number", "null"]},
            "brands_required": words,
            "brands_excluded": words,
            "attributes_excluded": words,
            "preferences": words,
        },
        "additionalProperties": False,
    }
    act = {
        "type": "object",
        "properties": {
            "type": {"type": "string", "enum": [t.value for t in ActType]},
            "product": {"type": ["integer", "null"], "minimum": -1, "maximum": max_position},
            "aspect": nullable_str,
            "value": nullable_str,
            "slots": slots,
            "products": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": max_position},
                         "maxItems": 4},
        },
        "required": ["type"],
        "additionalProperties": False,
    }
    return {"type": "object", "properties": {"acts": {"type": "array", "items": act, "minItems": 1, "maxItems": 4}},
            "required": ["acts"], "additionalProperties": False}
