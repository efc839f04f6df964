"""One turn's pending write: stored whole at the end, or with the text so far when the caller stops reading.

``Assistant.stream`` runs the turn inside a wrapper that owns a ``PendingTurn``: the
orchestrator hands it the plan once it exists and commits it with the final reply; if
the consumer closes the stream early (an HTTP client that hung up after the ``products``
event), the wrapper calls ``abandon()``, which stores the turn with the text streamed so
far — so the shown cards are in ``impressions`` and their feedback is kept. Either way it
is one ``SessionStore.commit_turn`` transaction (portrait, turn rows, impressions,
idempotency record). It also holds the turn's LLM slot (``assistant.admission``) until
the turn ends.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack
from typing import Any

from assistant.errors import ShopguideError

log = logging.getLogger(__name__)


class PendingTurn:
    def __init__(self, sessions, idempotency_key: str | None = None) -> None:
        self.sessions, self.idempotency_key = sessions, idempotency_key
        self.plan: Any = None          # assistant.assistant.TurnPlan, once planned
        self.text = ""
        self.streamed: list[str] = []  # token texts the caller has received
        self.committed = False
        self._held = ExitStack()

    def hold(self, gate) -> float:
        """Take an LLM slot until ``release``; returns the seconds waited for it."""
        return self._held.enter_context(gate())

    def commit(self, body: str, final: Any = None) -> None:
        plan = self.plan
        self.committed = True
        self.sessions.commit_turn(plan.session_id, plan.turn, self.text, body, [s.product.id for s in plan.shown],
                                  portrait=plan.portrait, query=plan.portrait.search_text(),
                                  idempotency_key=self.idempotency_key if final is not None else None,
                                  reply=final.to_json() if final is not None else None)

    def abandon(self) -> None:
        """The caller stopped reading: store what was shown, if the turn got that far."""
        if self.plan is None or self.committed:
            return
        try:
            self.commit("".join(self.streamed))
        except ShopguideError as exc:   # deleted meanwhile, or the disk failed: nothing more to do
            log.warning("turn %s of an abandoned stream not stored: %s", self.plan.turn, type(exc).__name__)

    def release(self) -> None:
        self._held.close()
