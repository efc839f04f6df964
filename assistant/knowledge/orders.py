"""Order look-up: a tool the shop plugs in, never a guess.

``OrderLookup`` is the seam: any callable ``(OrderQuery) -> OrderStatus | None`` works
(a shop embedding shopguide in Python passes its own function). ``HttpOrders`` calls
an endpoint configured as ``[orders] url`` with a timeout; ``SqliteOrders`` reads a
small table (the demo's, with order 10042). ``None`` means "no such order"; a failing
tool raises ``ToolError``, which the service turns into a polite hand-off — the bot
never makes a status up.

HTTP contract: ``GET {url}?order_id=10042`` (or ``?email=…``) → 200 with the
``OrderStatus`` fields as JSON, or 404 when there is no such order.
"""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from assistant.errors import ToolError


@dataclass(frozen=True)
class OrderQuery:
    order_id: str | None = None
    email: str | None = None

    def __post_init__(self) -> None:
        if not self.order_id and not self.email:
            raise ValueError("an order query needs an order number or an e-mail address")


@dataclass(frozen=True)
class OrderStatus:
    """What the shop's system says about one order; rendered by code, word for word."""

    order_id: str
    status: str                      # e.g. "shipped", "processing", "delivered"
    updated: str = ""                # ISO date of the last change
    carrier: str = ""
    tracking: str = ""
    eta: str = ""
    items: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_json(cls, data: dict) -> "OrderStatus":
        try:
            return cls(order_id=str(data["order_id"]), status=str(data["status"]), updated=str(data.get("updated", "")),
                       carrier=str(data.get("carrier", "")), tracking=str(data.get("tracking", "")),
                       eta=str(data.get("eta", "")), items=tuple(str(i) for i in data.get("items", ()) or ()))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ToolError(f"order look-up answered without order_id/status: {exc}") from None

    def to_json(self) -> dict:
        data = asdict(self)
        data["items"] = list(self.items)
        return data

    def render(self) -> str:
        """"Order 10042 is shipped (updated 2026-11-28), with UPS, tracking 1Z999. Expected by 2026-12-04.\""""
        text = f"Order {self.order_id} is {self.status}"
        if self.updated:
            text += f" (updated {self.updated})"
        if self.carrier:
            text += f", with {self.carrier}"
        if self.tracking:
            text += f", tracking number {self.tracking}"
        text += "."
        if self.eta:
            text += f" Expected by {self.eta}."
        if self.items:
            text += " Items: " + ", ".join(self.items) + "."
        return text


@runtime_checkable
class OrderLookup(Protocol):
    """Find one order; ``None`` when there is none; raise ``ToolError`` when the look-up itself failed."""

    def __call__(self, query: OrderQuery) -> OrderStatus | None: ...


class HttpOrders:
    """The shop's order endpoint (``[orders] url``), with a timeout on every request."""

    def __init__(self, url: str, timeout_s: float = 5.0, token: str = "") -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"orders url must be http(s), not {url!r}")
        self.url, self.timeout_s, self.token = url, timeout_s, token

    def __call__(self, query: OrderQuery) -> OrderStatus | None:
        params = {"order_id": query.order_id} if query.order_id else {"email": query.email}
        sep = "&" if "?" in self.url else "?"
        request = urllib.request.Request(self.url + sep + urllib.parse.urlencode(params),
                                         headers={"Accept": "application/json"})
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                data = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise ToolError(f"order look-up failed: HTTP {exc.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            raise ToolError(f"order look-up failed: {exc}") from None
        if not isinstance(data, dict):
            raise ToolError("order look-up answered something that is not a JSON object")
        return OrderStatus.from_json(data)


class SqliteOrders:
    """Orders in a SQLite table ``orders(order_id, email, status, updated, carrier, tracking, eta, items)``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __call__(self, query: OrderQuery) -> OrderStatus | None:
        if not self.path.exists():
            raise ToolError(f"the orders database {self.path} does not exist")
        try:
            with sqlite3.connect(self.path) as db:
                if query.order_id:
                    row = db.execute("SELECT order_id, status, updated, carrier, tracking, eta, items FROM orders "
                                     "WHERE order_id = ?", (query.order_id,)).fetchone()
                else:   # an e-mail: the most recent order
                    row = db.execute("SELECT order_id, status, updated, carrier, tracking, eta, items FROM orders "
                                     "WHERE lower(email) = lower(?) ORDER BY updated DESC LIMIT 1",
                                     (query.email,)).fetchone()
        except sqlite3.Error as exc:
            raise ToolError(f"order look-up failed: {exc}") from None
        if row is None:
            return None
        oid, status, updated, carrier, tracking, eta, items = row
        return OrderStatus(str(oid), status, updated or "", carrier or "", tracking or "", eta or "",
                           tuple(json.loads(items or "[]")))


DEMO_ORDERS = [
    ("10042", "ann@example.com", "shipped", "2026-11-28", "UPS", "1Z999AA10123456784", "2026-12-04",
     ["Trail jacket"]),
    ("10043", "ben@example.com", "processing", "2026-12-01", "", "", "", ["Ceramic frying pan"]),
    ("10044", "cleo@example.com", "delivered", "2026-11-20", "USPS", "9400100000000000000000", "",
     ["Wireless earbuds", "Phone case"]),
]


def create_demo_orders(path: str | Path) -> Path:
    """Write the invented demo orders table (idempotent)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE IF NOT EXISTS orders (order_id TEXT PRIMARY KEY, email TEXT, status TEXT NOT NULL, "
                   "updated TEXT, carrier TEXT, tracking TEXT, eta TEXT, items TEXT)")
        db.executemany("INSERT OR REPLACE INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [(*row[:7], json.dumps(row[7])) for row in DEMO_ORDERS])
    return path
