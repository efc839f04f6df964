"""The product record every stage shares, and its validation.

A product is plain catalog data: the LLM never writes any of it, the cards and the
grounding check read it. ``Product.from_dict`` is the one place a raw mapping becomes a
product, so bad data is rejected here with a reason instead of deep in the pipeline.

>>> Product.from_dict({"id": "A1", "title": "Trail Shell", "price": "129.5"}).price
129.5
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_FIELDS = (
    "id", "title", "description", "category", "brand", "price", "currency",
    "rating", "review_count", "attributes", "stock", "image_url",
)
MAX_TITLE = 300
MAX_DESCRIPTION = 5000


class InvalidProduct(ValueError):
    """A raw record cannot become a product; ``field`` names the culprit."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason


@dataclass(frozen=True)
class Product:
    """One catalog item. ``price`` is in major units (dollars, euros), None if unknown."""

    id: str
    title: str
    description: str = ""
    category: str = ""
    brand: str = ""
    price: float | None = None
    currency: str = "USD"
    rating: float | None = None
    review_count: int = 0
    attributes: dict[str, Any] = field(default_factory=dict)
    stock: int | None = None
    image_url: str = ""

    def __repr__(self) -> str:
        return f"Product({self.id!r}, {self.title[:40]!r}, {self.price} {self.currency})"

    def __hash__(self) -> int:  # attributes is a dict; identity is the id
        return hash(self.id)

    @property
    def in_stock(self) -> bool:
        """Unknown stock counts as available: catalogs without stock data still work."""
        return self.stock is None or self.stock > 0

    @property
    def top_category(self) -> str:
        return self.category.split(">")[0].strip()

    @property
    def features(self) -> list[str]:
        value = self.attributes.get("features", [])
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]

    def attribute_text(self) -> str:
        """Attributes flattened to words, for keyword search and attribute matching."""
        parts = []
        for key, value in self.attributes.items():
            if isinstance(value, list):
                parts.extend(str(v) for v in value)
            elif key.startswith(("colour", "color", "material", "size", "gender")):
                parts.append(str(value))
            else:
                parts.append(f"{key.replace('_', ' ')} {value}")
        return " ".join(parts)

    def search_text(self) -> str:
        """The text that is embedded and keyword-indexed."""
        return " | ".join(
            p for p in (self.title, self.brand, self.category, self.description, self.attribute_text()) if p
        )

    def content_hash(self) -> str:
        """Changes whenever anything that is indexed or shown changes."""
        payload = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Product":
        """Validate and normalise a mapping that uses the schema's field names.

        Unknown keys become attributes, so no data is lost silently.
        """
        pid = _text(raw.get("id"), "id", 200)
        if not pid:
            raise InvalidProduct("id", "missing id")
        title = _text(raw.get("title"), "title", MAX_TITLE)
        if not title:
            raise InvalidProduct("title", "missing title")
        attributes = raw.get("attributes") or {}
        if isinstance(attributes, str):
            try:
                attributes = json.loads(attributes) if attributes.strip() else {}
            except json.JSONDecodeError as exc:
                raise InvalidProduct("attributes", f"not valid JSON ({exc.msg})") from None
        if not isinstance(attributes, dict):
            raise InvalidProduct("attributes", "must be an object of name → value")
        attributes = {str(k): _attr_value(v) for k, v in attributes.items() if _attr_value(v) is not None}
        for key, value in raw.items():
            if key not in SCHEMA_FIELDS and _attr_value(value) is not None:
                attributes.setdefault(str(key), _attr_value(value))
        return cls(
            id=pid,
            title=title,
            description=_text(raw.get("description"), "description", MAX_DESCRIPTION),
            category=_text(raw.get("category"), "category", 300),
            brand=_text(raw.get("brand"), "brand", 120),
            price=_number(raw.get("price"), "price", minimum=0.0),
            currency=(_text(raw.get("currency"), "currency", 8) or "USD").upper(),
            rating=_number(raw.get("rating"), "rating", minimum=0.0, maximum=5.0),
            review_count=int(_number(raw.get("review_count"), "review_count", minimum=0.0) or 0),
            attributes=attributes,
            stock=_int_or_none(_number(raw.get("stock"), "stock", minimum=0.0)),
            image_url=_text(raw.get("image_url"), "image_url", 200_000),
        )


def _text(value: Any, name: str, limit: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidProduct(name, "invalid UTF-8") from None
    text = str(value).strip()
    if "\ufffd" in text:
        raise InvalidProduct(name, "invalid UTF-8 (replacement characters)")
    if len(text) > limit:
        raise InvalidProduct(name, f"too long ({len(text)} > {limit} characters)")
    return text


def _number(value: Any, name: str, minimum: float | None = None, maximum: float | None = None) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidProduct(name, f"not a number: {value!r}")
    try:
        number = float(str(value).replace(",", "").lstrip("$€£")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise InvalidProduct(name, f"not a number: {value!r}") from None
    if math.isnan(number):
        return None
    if math.isinf(number):
        raise InvalidProduct(name, "infinite")
    if minimum is not None and number < minimum:
        raise InvalidProduct(name, f"negative or too small: {number}")
    if maximum is not None and number > maximum:
        raise InvalidProduct(name, f"too large: {number} > {maximum}")
    return round(number, 2)


def _int_or_none(value: float | None) -> int | None:
    return None if value is None else int(value)


def _attr_value(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return str(value)
