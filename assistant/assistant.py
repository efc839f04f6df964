"""The orchestrator: one chat turn through portrait → query → retrieve → rank → guide.

``Assistant`` is the explicit public API every edge uses (CLI, Gradio, HTTP, LangChain)::

    from assistant import Assistant
    bot = Assistant.from_config()                    # reads $SHOPGUIDE_HOME
    print(bot.chat("a waterproof jacket under $150").text)

Decisions are made here in code (constraints, ranking, which products are shown);
the LLM only writes the introduction, which is grounding-checked before it is kept.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from assistant.config import Settings, load_settings
from assistant.errors import InputError, NotIndexedError
from assistant.extract import Vocabulary, update_portrait
from assistant.guide import build_messages, check_grounding, fallback_intro, render_picks, why_this
from assistant.llm import ChatModel, make_chat_model
from assistant.portrait import Portrait
from assistant.reply import Reply, ReplyEvent, ShownProduct
from assistant.sessions import SessionStore
from retrieval.index import CatalogIndex
from retrieval.rank import FusedOrderRanker, Ranker
from retrieval.search import HybridRetriever, SearchResult

log = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = 4000


@dataclass
class TurnPlan:
    """Everything decided in code for one turn, before any text is written."""

    session_id: str
    turn: int
    text: str
    portrait: Portrait
    shown: list[ShownProduct]
    result: SearchResult | None
    notice: str | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)


class Assistant:
    def __init__(self, settings: Settings, index: CatalogIndex, llm: ChatModel, sessions: SessionStore,
                 ranker: Ranker | None = None) -> None:
        self.settings = settings
        self.index = index
        self.llm = llm
        self.sessions = sessions
        self.ranker: Ranker = ranker or FusedOrderRanker()
        self.retriever = HybridRetriever(index)
        self._vocab: Vocabulary | None = None
        self._session_locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self.fallback_count = 0
        self.reply_count = 0

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def from_config(cls, home: str | Path | None = None, settings: Settings | None = None, **overrides: Any) -> "Assistant":
        """Build the assistant for a data directory (cheap; models load on first use)."""
        from assistant.components import build_components

        settings = settings or load_settings(home=home, overrides=overrides)
        index, llm, sessions, ranker = build_components(settings)
        return cls(settings, index, llm, sessions, ranker)

    def warm_up(self) -> None:
        """Load the embedder, index and LLM now instead of on the first message."""
        self._require_index()
        self.index.embedder.embed(["warm up"])
        _ = self.index.keyword
        warm = getattr(self.llm, "warm_up", None)
        if warm:
            warm()

    def _require_index(self) -> None:
        if not self.index.exists():
            raise NotIndexedError(
                f"no catalog is indexed in {self.settings.index_dir}; run `shopguide index` "
                "(demo catalog) or `shopguide ingest FILE`"
            )

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocab is None:
            self._vocab = Vocabulary.from_dict(self.index.vocabulary())
        return self._vocab

    # -- sessions ------------------------------------------------------------------------------
    def new_session(self, session_id: str | None = None) -> str:
        return self.sessions.create(session_id)

    def _session_lock(self, session_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._session_locks.setdefault(session_id, threading.Lock())

    def get_portrait(self, session_id: str) -> Portrait:
        self.sessions.require(session_id)
        return self.sessions.load_portrait(session_id)

    def set_portrait(self, session_id: str, portrait: Portrait) -> Portrait:
        self.sessions.require(session_id)
        self.sessions.save_portrait(session_id, portrait)
        return portrait

    def clear_portrait(self, session_id: str) -> None:
        self.sessions.require(session_id)
        self.sessions.clear_portrait(session_id)

    def delete_session(self, session_id: str) -> None:
        self.sessions.delete(session_id)

    def feedback(self, session_id: str, product_id: str, event: str, position: int | None = None) -> None:
        self.sessions.require(session_id)
        if self.index.get(product_id) is None:
            raise InputError(f"unknown product id {product_id!r}")
        self.sessions.record_feedback(session_id, product_id, event, position=position)

    # -- one turn --------------------------------------------------------------------------------
    def chat(self, text: str, session_id: str | None = None, reply: bool = True) -> Reply:
        """Answer one message; ``reply=False`` skips the LLM (portrait + retrieval only)."""
        final = None
        for event in self.stream(text, session_id=session_id, reply=reply):
            if event.kind == "final":
                final = event.reply
        assert final is not None
        return final

    def stream(self, text: str, session_id: str | None = None, reply: bool = True) -> Iterator[ReplyEvent]:
        """Yield ``products`` (cards ready), ``token`` deltas, then ``final`` with the checked reply."""
        text = (text or "").strip()
        if not text:
            raise InputError("the message is empty")
        if len(text) > MAX_MESSAGE_CHARS:
            raise InputError(f"the message is too long ({len(text)} > {MAX_MESSAGE_CHARS} characters)")
        self._require_index()
        session_id = self.sessions.create(session_id)
        with self._session_lock(session_id):
            started = time.perf_counter()
            plan = self.plan(session_id, text)
            yield ReplyEvent("products", reply=self._reply(plan, "", False))
            intro, fallback, issues = "", False, []
            if reply:
                t = time.perf_counter()
                first = None
                pieces: list[str] = []
                products = [s.product for s in plan.shown]
                if products:
                    for piece in self.llm.stream(build_messages(text, plan.portrait, products),
                                                 max_new_tokens=self.settings.llm.max_new_tokens):
                        if first is None:
                            first = time.perf_counter()
                            plan.timings_ms["first_token_ms"] = (first - started) * 1000
                        pieces.append(piece)
                        yield ReplyEvent("token", text=piece)
                    intro = "".join(pieces).strip()
                    report = check_grounding(intro, products, plan.portrait, self.vocabulary.brands,
                                             self.vocabulary.features)
                    issues = report.issues
                    if not intro or issues:
                        intro, fallback = fallback_intro(plan.portrait, products), True
                else:
                    intro, fallback = fallback_intro(plan.portrait, products), True
                plan.timings_ms["llm_ms"] = (time.perf_counter() - t) * 1000
                self.reply_count += 1
                self.fallback_count += int(fallback)
            body = self._compose(intro, plan) if reply else ""
            plan.timings_ms["total_ms"] = (time.perf_counter() - started) * 1000
            final = self._reply(plan, body, fallback, issues)
            self.sessions.add_turn(session_id, plan.turn, text, body, [s.product.id for s in plan.shown])
            self.sessions.record_impressions(session_id, plan.turn, plan.portrait.search_text(),
                                             [s.product.id for s in plan.shown])
            yield ReplyEvent("final", text=body, reply=final)

    def plan(self, session_id: str, text: str) -> TurnPlan:
        """Everything code decides for a turn: portrait, constraints, candidates, picks."""
        timings: dict[str, float] = {}
        turn = self.sessions.turn_count(session_id)
        t = time.perf_counter()
        portrait = self.sessions.load_portrait(session_id)
        update_portrait(portrait, text, turn, self.vocabulary)
        self.sessions.save_portrait(session_id, portrait)
        timings["portrait_ms"] = (time.perf_counter() - t) * 1000
        query = portrait.to_query(k=self.settings.candidates)
        t = time.perf_counter()
        result = self.retriever.search(query)
        timings["retrieval_ms"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        ranked = self.ranker.rank(query, result.candidates)
        timings["rerank_ms"] = (time.perf_counter() - t) * 1000
        top = ranked[: self.settings.top_k]
        shown = [ShownProduct(c.product, why=why_this(c.product, portrait)) for c in top]
        notice = None
        if not shown:
            notice = "Nothing in the catalog satisfies all of your requirements."
        return TurnPlan(session_id, turn, text, portrait, shown, result, notice, timings)

    def _compose(self, intro: str, plan: TurnPlan) -> str:
        if not plan.shown:
            return intro if not plan.notice else f"{plan.notice} {intro}".strip()
        return f"{intro}\n\n{render_picks([s.product for s in plan.shown], plan.portrait)}"

    def _reply(self, plan: TurnPlan, text: str, fallback: bool, issues: list[str] | None = None) -> Reply:
        return Reply(session_id=plan.session_id, turn=plan.turn, text=text, products=plan.shown,
                     portrait=plan.portrait.to_json(), fallback=fallback, notice=plan.notice,
                     grounding_issues=issues or [], timings_ms=dict(plan.timings_ms))
