"""Hand-off to a person: the reply's ``handoff`` object and the optional webhook.

The shop's agents pick the conversation up from the ``Handoff``: why the bot stopped,
a short summary of what the customer said, the portrait and the products discussed.
The webhook is fire-and-report: a failing POST is logged and counted, never shown as
an error to the customer, who still gets the hand-off message.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Sequence

log = logging.getLogger(__name__)


class HandoffReason(str, Enum):
    REQUESTED = "requested"          # the customer asked for a person
    COMPLAINT = "complaint"
    ACCOUNT = "account"              # the bot cannot see or change accounts
    UNANSWERABLE = "unanswerable"    # nothing in the shop's knowledge answers it
    KNOWLEDGE_UNAVAILABLE = "knowledge_unavailable"   # the knowledge index cannot be read
    ORDER_UNAVAILABLE = "order_unavailable"   # no order tool, or it failed
    ORDER_NOT_FOUND = "order_not_found"


@dataclass(frozen=True)
class Handoff:
    reason: HandoffReason
    summary: str
    portrait: dict[str, Any] = field(default_factory=dict)
    products: tuple[dict[str, Any], ...] = ()
    session_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"reason": self.reason.value, "summary": self.summary, "portrait": self.portrait,
                "products": list(self.products), "session_id": self.session_id}

    def __repr__(self) -> str:
        return f"Handoff({self.reason.value}, {self.summary[:40]!r})"


def summarize(messages: Sequence[str], limit: int = 300) -> str:
    """The customer's last messages, oldest first, cut to ``limit`` characters from the end.

    >>> summarize(["hi", "where is my order?", "I want a person"])
    'Customer said: "hi" / "where is my order?" / "I want a person"'
    """
    said = " / ".join(f'"{m.strip()}"' for m in messages if m.strip())
    if len(said) > limit:
        said = "…" + said[-limit:]
    return f"Customer said: {said}" if said else "No messages yet."


class Webhook:
    """POST the hand-off as JSON to the shop's URL (``[service] webhook_url``), with a timeout."""

    def __init__(self, url: str, timeout_s: float = 5.0) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"webhook url must be http(s), not {url!r}")
        self.url, self.timeout_s = url, timeout_s
        self.failures = 0

    def __call__(self, handoff: Handoff) -> bool:
        body = json.dumps(handoff.to_json()).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                ok = 200 <= response.status < 300
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            log.warning("hand-off webhook %s failed: %s", self.url, exc)
            ok = False
        self.failures += int(not ok)
        return ok
