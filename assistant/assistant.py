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
from pathlib import Path
from typing import Any, Iterator

from assistant.admission import LLMGate
from assistant.config import Settings, load_settings
from assistant.derived import derived
from assistant.currency import apply_to_query
from assistant.guide.locale import guide_parts_zh
from retrieval.text.detect import detect_language
from assistant.errors import AlreadyApplied, ConfigError, InputError, NotIndexedError
from assistant.portrait.dialogue import apply_turn
from assistant.portrait.extract import Vocabulary
from assistant.guide.compare import CompareRequest, parse_compare
from assistant.knowledge.problems import asks_return_exception
from assistant.guide.compose import guide_parts, honesty_step
from assistant.grounding.check import CatalogTerms, check_grounding
from assistant.guide.fallback import fallback_intro
from assistant.guide.prompt import build_messages, warm_up_messages
from assistant.guide.render import why_this
from assistant.guide.honesty import CatalogLexicon
from assistant.llm import ChatModel
from assistant.portrait.locks import enforce_locks
from assistant.portrait.model import Portrait
from assistant.privacy import redact
from assistant.search_health import StoreUnavailable, as_search_error, check_search
from assistant.guide.prose import ProseResult, ProseWriter
from assistant.reply import Reply, ReplyEvent, ShownProduct
from assistant.sessions import SessionStore
from assistant.session_api import SessionMethods
from assistant.users.personalize import Personalizer, with_profile_reason
from assistant.users.service import ShopperService
from assistant.users.store import UserStore
from assistant.turnlog import PendingTurn
from assistant.turns import CodeWrittenTurns, TurnPlan, _serviced  # noqa: F401  (TurnPlan: part of this module's API)
from assistant.understanding import act_model, handlers
from assistant.understanding.acts import Act, ActType, Interpretation
from assistant.understanding.interpreter import Context, Interpreter
from assistant.understanding.recipient_fit import for_age, for_recipient
from assistant.understanding.spelling import spelled
from retrieval.index.catalog_index import CatalogIndex
from retrieval.ranking.base import FusedOrderRanker, Ranker
from retrieval.query import Query
from retrieval.search import HybridRetriever

log = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = 4000
PROSE_TOKENS = 60   # two short sentences; keeps CPU latency low (see benchmarks/bench_ttft.py)


class Assistant(CodeWrittenTurns, SessionMethods):
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
        self.regeneration_count = 0
        self._terms: CatalogTerms | None = None
        self._lexicon: CatalogLexicon | None = None
        users = UserStore(getattr(sessions, "database", sessions.path))   # the same database as the sessions
        self.personalizer = Personalizer(users, lambda: self.index.products,
                                         settings.collaborative_path, settings.users.half_life_days,
                                         settings.experiments)
        self.shoppers = ShopperService(self.personalizer, sessions, settings.users.retention_days)
        self.warm_state = "cold"   # cold (loads lazily) | warming | ready | failed; /readyz reads it
        self.llm_gate = LLMGate(slots=max(1, settings.llm.concurrency), queue=max(0, settings.llm.queue_limit),
                                timeout_s=settings.llm.timeout_s)
        self._interpreter: Interpreter | None = None

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def from_config(cls, home: str | Path | None = None, settings: Settings | None = None, **overrides: Any) -> "Assistant":
        """Build the assistant for a data directory (cheap; models load on first use)."""
        from assistant.components import build_components

        settings = settings or load_settings(home=home, overrides=overrides)
        index, llm, sessions, ranker = build_components(settings)
        return cls(settings, index, llm, sessions, ranker)

    def warm_up(self) -> None:
        """Load everything a turn touches now instead of on the first message.

        Embedder, Chroma, BM25, catalog structures, the portrait matcher, the ranker's
        first scoring and the LLM (with one generated token: the first generation pays
        one-off kernel set-up). ``warm_state`` is ``ready`` only after all of it.
        """
        self.warm_state = "warming"
        try:
            self._require_index()
            self.prepare_catalog()
            self.index.store.count()   # opens Chroma (and its HNSW index) now
            scratch = self.sessions.create(None)
            try:
                self.plan(scratch, "warm up")   # embedder, retrieval, ranker, portrait matcher
            finally:
                self.sessions.delete(scratch)
            warm = getattr(self.llm, "warm_up", None)
            if warm:
                warm()
            if self.settings.llm.backend == "transformers":
                # one token from the guide's own prompt: kernels set up, and its fixed prefix cached
                for _ in self.llm.stream(warm_up_messages(), max_new_tokens=1):
                    pass
        except BaseException:
            self.warm_state = "failed"
            raise
        self.warm_state = "ready"

    def prepare_catalog(self) -> None:
        """Build (or load) every structure derived from the catalog; ingest calls this so queries never do."""
        self.index.constraint_masks()
        if self.index.exact_search:   # an index ingested before exact search existed
            self.index.vector_matrix()
        _ = self.vocabulary, self.catalog_terms, self.lexicon

    def _require_index(self) -> None:
        if not self.index.exists():
            raise NotIndexedError(
                f"no catalog is indexed in {self.settings.index_dir}; run `shopguide index` "
                "(demo catalog) or `shopguide ingest FILE`"
            )
        from retrieval.index.catalog_index import EmbedderMismatch

        try:
            self.index.check_embedder()
        except EmbedderMismatch as exc:
            raise ConfigError(str(exc)) from None

    def check_search(self) -> None:
        """``SearchUnavailable`` when a ``chroma run`` server that queries need does not answer (``/readyz``)."""
        check_search(self.index)

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocab is None:
            self._vocab = derived(self.index, "assistant.vocabulary", lambda: Vocabulary.from_products(
                self.index.products.values(), self.index.vocabulary()))
        return self._vocab

    @property
    def customer_service(self):
        """Shop questions: knowledge passages, the order tool, hand-off (``assistant.knowledge``); built on first use."""
        if not hasattr(self, "_customer_service"):
            from assistant.components import build_service

            self._customer_service = build_service(self.settings, self.index.embedder, self.llm)
        return self._customer_service

    @property
    def portrait_llm(self):
        """LLM fallback for recipient/occasion phrasing the rules miss (None when ``[understanding] llm`` is off)."""
        if not hasattr(self, "_portrait_llm"):
            from assistant.portrait.llm_fill import make_portrait_llm

            self._portrait_llm = make_portrait_llm(self.llm, self.settings.understanding.llm)
        return self._portrait_llm

    # -- one turn --------------------------------------------------------------------------------
    def chat(self, text: str, session_id: str | None = None, reply: bool = True, user_id: str | None = None,
             idempotency_key: str | None = None) -> Reply:
        """Answer one message; ``reply=False`` skips the LLM (portrait + retrieval only).

        ``user_id`` ties the session to a returning shopper (once is enough)."""
        final = None
        for event in self.stream(text, session_id=session_id, reply=reply, user_id=user_id,
                                 idempotency_key=idempotency_key):
            if event.kind == "final":
                final = event.reply
        assert final is not None
        return final

    def stream(self, text: str, session_id: str | None = None, reply: bool = True,
               user_id: str | None = None, idempotency_key: str | None = None) -> Iterator[ReplyEvent]:
        """Yield ``products`` (cards ready), ``token`` deltas, then ``final`` with the checked reply.

        The joined ``token`` texts equal the final reply text: code-rendered parts are
        streamed whole, the LLM prose one grounding-checked sentence at a time
        (``assistant.guide.prose``). ``timings_ms`` has ``first_token_ms`` (first reply token
        to the caller) and ``first_llm_token_ms`` (the model's first token).

        The turn is stored in one transaction at the end, or with the text streamed so far
        when the caller stops reading (``assistant.turnlog``); with ``idempotency_key`` the
        final reply is stored too. A full LLM queue raises ``Overloaded`` before any event.
        """
        pending = PendingTurn(self.sessions, idempotency_key)
        events = self._stream(text, session_id, reply, pending, user_id)
        try:
            for event in events:
                if event.kind == "token":
                    pending.streamed.append(event.text)
                yield event
        except GeneratorExit:   # the caller stopped reading: keep what was shown
            pending.abandon()
            raise
        except StoreUnavailable as exc:   # the Chroma server is down: 503, nothing stored, retried next turn
            raise as_search_error(exc) from None
        finally:
            events.close()      # releases the session lock
            pending.release()   # and the LLM slot

    def _stream(self, text: str, session_id: str | None, reply: bool, pending: PendingTurn,
                user_id: str | None = None) -> Iterator[ReplyEvent]:
        text = private = (text or "").strip()
        if self.settings.redact_contacts:   # what is stored, logged and interpreted; the order tool sees `private`
            text = redact(text)
        if not text:
            raise InputError("the message is empty")
        if len(text) > MAX_MESSAGE_CHARS:
            raise InputError(f"the message is too long ({len(text)} > {MAX_MESSAGE_CHARS} characters)")
        self._require_index()
        text = spelled(text, self.speller)     # what is understood, stored and answered: "frist" read as first
        session_id = self._open_session(session_id, user_id)   # retention runs on new_session, not per turn
        with self._session_lock(session_id):
            if pending.idempotency_key:   # a retry that another replica answered while this one waited
                stored = self.sessions.stored_reply(session_id, pending.idempotency_key)
                if stored is not None:
                    raise AlreadyApplied("this Idempotency-Key was already answered", stored)
            started = time.perf_counter()
            acts = self.interpret(session_id, text)
            if {ActType.ASK_ABOUT, ActType.SHOP_QUESTION} <= acts.types:     # "is it washable? and delivery?"
                yield from self._stream_both(session_id, text, acts, started)
                return
            # "a cosy hoodie for her, and is shipping free?": the need's list, then the shop's answer; not a return the
            # Returns rule excepts by name ("bought the case with initials cut into it … can it go back?", svc29)
            shop = (ActType.SEARCH in acts.types and ActType.SHOP_QUESTION in acts.types
                    and not asks_return_exception(text))
            if not shop and (self._is_service_turn(acts, text) or self._answers_order_question(session_id, private)):
                yield from self._stream_service(session_id, text, started, acts, private_text=private)
                return
            way = handlers.route(acts)
            if way == "compare":
                act = acts.first(ActType.COMPARE)
                request = CompareRequest(act.products, act.aspect, act.product_ids) \
                    if len(act.products) >= 2 or len(act.product_ids) >= 2 else \
                    parse_compare(text, len(self.sessions.last_shown(session_id)))
                if request is not None:
                    yield from self._stream_comparison(session_id, text, request, started, acts)
                    return
            if way in ("direct", "reset"):
                yield from self._stream_direct(session_id, text, acts, started)
                return
            plan = self.plan(session_id, text, acts)
            if plan.result is None:     # a vague message: one question, no product dump
                service = self._shop_answer(plan, acts) if shop else None
                ask = plan.portrait.question or handlers.CHITCHAT_REPLY
                body = f"{ask}\n\n{service.text}" if service else ask
                yield from self._finish_direct(plan, body, [], started, service)
                return
            self._apply_honesty(plan)
            pending.plan, pending.text = plan, text
            if reply:   # a full queue: Overloaded (503) before anything is shown
                plan.timings_ms["llm_wait_ms"] = pending.hold(self.llm_gate) * 1000
            yield ReplyEvent("products", reply=self._reply(plan, "", False))
            body, prose = "", ProseResult()
            if reply:
                matches = [s for s in plan.shown if not s.violates]
                head, tail = self._compose_parts(plan)
                plan.timings_ms["first_token_ms"] = (time.perf_counter() - started) * 1000
                yield ReplyEvent("token", text=head)
                parts = [head]
                # the bundled model does not write Chinese: a Chinese reply keeps its code sentence
                if matches and detect_language(text) != "zh":
                    t = time.perf_counter()
                    writer = ProseWriter(self.llm, max_new_tokens=min(self.settings.llm.max_new_tokens, PROSE_TOKENS),
                                         timeout_s=self.settings.llm.timeout_s,
                                         retries=self.settings.llm.prose_retries)
                    pieces: list[str] = []
                    for piece in writer.stream(lambda problem, draft: build_messages(text, plan.portrait, [
                            s.product for s in matches], problem, draft),
                            lambda sentence: self._check(sentence, matches, plan.portrait, text),
                            lambda: fallback_intro(plan.portrait, [s.product for s in matches])):
                        piece = piece if pieces else "\n\n" + piece
                        pieces.append(piece)
                        yield ReplyEvent("token", text=piece)
                    prose = writer.result
                    if prose.first_llm_token_s is not None:
                        plan.timings_ms["first_llm_token_ms"] = (prose.first_llm_token_s - started) * 1000
                    plan.timings_ms["llm_ms"] = (time.perf_counter() - t) * 1000
                    parts.append("".join(pieces))
                    self.fallback_count += int(prose.fallback)
                    self.regeneration_count += int(prose.attempts > 1)
                if tail:
                    yield ReplyEvent("token", text="\n\n" + tail)
                    parts.append("\n\n" + tail)
                body = "".join(parts)
                self.reply_count += 1
            service = self._shop_answer(plan, acts) if shop else None
            if service is not None:
                yield ReplyEvent("token", text=("\n\n" if body else "") + service.text)
                body = f"{body}\n\n{service.text}" if body else service.text
            plan.timings_ms["total_ms"] = (time.perf_counter() - started) * 1000
            final = self._reply(plan, body, prose.fallback, prose.issues)
            final = _serviced(final, service) if service is not None else final
            final.prose, final.fallback_reason = prose.text, prose.fallback_reason
            pending.commit(body, final)
            self.personalizer.record(plan.personal, session_id, [s.product.id for s in plan.shown])
            yield ReplyEvent("final", text=body, reply=final)

    def plan(self, session_id: str, text: str, acts: Interpretation | None = None) -> TurnPlan:
        """Everything code decides for a turn: portrait, constraints, candidates, picks."""
        timings: dict[str, float] = {}
        turn = self.sessions.turn_count(session_id)
        t = time.perf_counter()
        acts = acts or Interpretation([Act(ActType.SEARCH)])
        # "start over, i need a tent": the new need starts from nothing (no recipient or budget carried over)
        portrait = Portrait() if ActType.RESET in acts.types else self.sessions.load_portrait(session_id)
        pinned = Portrait.from_json(portrait.to_json())
        search = acts.first(ActType.SEARCH)
        same = search is not None and str(search.slots.get("category", "")).lower() == (portrait.category or "").lower()
        if search is not None and portrait.category and (same or not search.slots and not search.value):
            # a search (a new need) in the category the need already has: "ok now show me coffee makers" after a
            # kettle, both Small Appliances — the kettle's words, budget and features are not the new need's (nor
            # those of a need of no kind the catalog names: "boots next — men's, wide feet")
            portrait.start_new_need(turn)
        before = [p for p in map(self.index.get, self.sessions.last_shown(session_id)) if p is not None]
        only_more = acts.types == {ActType.SHOW_MORE}
        if not only_more:       # "show me more" changes nothing about the need
            apply_turn(portrait, text, turn, self.vocabulary, shown=before, llm=self.portrait_llm)
            handlers.apply_search_acts(portrait, acts, before, turn, self.vocabulary, self.phrases,
                                       text=text, values=self.catalog_values)
        enforce_locks(pinned, portrait)   # app-set constraints: a message may tighten, never loosen
        # stored with the turn (``PendingTurn.commit``), not here: a turn is saved whole or not at all
        timings["portrait_ms"] = (time.perf_counter() - t) * 1000
        personal = self.personalizer.turn(session_id)
        if handlers.is_vague(portrait):
            return TurnPlan(session_id, turn, text, portrait, [], None, None, timings, personal=personal, acts=acts)
        query = self._query(portrait, acts, before, session_id)
        query = apply_to_query(query, portrait, self.settings.currency)   # ¥300 → about $41, or ask
        query = personal.apply(query) if personal else query     # soft preferences only, never filters
        t = time.perf_counter()
        result = self.retriever.search(query)
        timings["retrieval_ms"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        ranked = self.personalizer.rerank(personal, self.ranker.rank(query, result.candidates))
        ranked = for_recipient(ranked, portrait.recipient, key=lambda c: c.product)   # no men's set for a niece
        ranked = for_age(ranked, portrait.needs, key=lambda c: c.product)     # no 14+ puzzle first for an 8 year old
        ranked = handlers.same_need(ranked, acts, portrait, handlers.liked_product(
            acts, before, portrait.focus_id, self.index.get), key=lambda c: c.product)   # "the 2nd but cheaper": 2-person
        ranked = handlers.cheapest_first(ranked, acts, text, query, key=lambda c: c.product)   # "the cheapest …"
        timings["rerank_ms"] = (time.perf_counter() - t) * 1000
        top = ranked[: self.settings.top_k]
        shown = [ShownProduct(c.product, why=with_profile_reason(why_this(c.product, portrait), personal, c.product)) for c in top]
        notice = None
        if not shown:
            notice = "Nothing in the catalog satisfies all of your requirements."
        return TurnPlan(session_id, turn, text, portrait, shown, result, notice, timings, personal=personal, acts=acts)

    # -- understanding: acts before retrieval ------------------------------------------------------
    @property
    def interpreter(self) -> Interpreter:
        if self._interpreter is None:
            from assistant.understanding.llm import make_interpreter

            self._interpreter = make_interpreter(self.settings.understanding.mode, self.llm)
        return self._interpreter

    @property
    def phrases(self):
        """Shopper phrases → catalog colours/categories through the embedder (cached)."""
        if not hasattr(self, "_phrases"):
            from assistant.understanding.lexicon import PhraseMap

            self._phrases = PhraseMap(self.index.embedder.embed)
        return self._phrases

    def _second_opinion(self, text: str, acts: Interpretation, context: Context) -> Interpretation:
        """A message the rules read nothing in (``act_model.unread``): the learned act model's reading when it
        is sure (``[understanding] learned_acts``; only with the embedder it was trained for). A short opening
        clause the rules read nothing in ("morning! moisturiser for dry skin") is a greeting or chitchat of its
        own when the model is as sure."""
        if not self.settings.understanding.learned_acts:
            return acts
        lead = act_model.leading_clause(text)
        courtesy = bool(acts.types & set(act_model.COURTESY))
        if not act_model.unread(acts) and (lead is None or courtesy):
            return acts
        if not hasattr(self, "_act_model"):
            self._act_model = act_model.LearnedActs.load(self.index.embedder.name)
        if self._act_model is None:
            return acts
        from assistant.understanding.rules import RulesInterpreter, load_cues

        if not act_model.unread(acts):
            if act_model.unread(RulesInterpreter().interpret(lead, context)):
                kinds = self._act_model.courtesy(self.index.embedder.embed([lead])[0])
                acts.acts = [Act(k) for k in kinds] + acts.acts
            return acts
        focus = context.portrait.focus_id
        ids = [p.id for p in context.shown]
        pointed = (ids.index(focus) + 1 if focus in ids else None, focus) \
            if focus and act_model.put_as_question(text) else None
        narrows = bool(load_cues()["narrows"].search(text.lower()))
        return self._act_model.second_opinion(acts, self.index.embedder.embed([text])[0], pointed, narrows)

    def interpret(self, session_id: str, text: str) -> Interpretation:
        """The acts of ``text``, read against the portrait and the list shown last."""
        shown = [p for p in map(self.index.get, self.sessions.last_shown(session_id)) if p is not None]
        said = [t["text"] for t in self.sessions.history(session_id) if t["role"] == "user"]
        context = Context(self.sessions.load_portrait(session_id), shown, self.vocabulary, self.sessions.turn_count(
            session_id), names=self.product_names, values=self.catalog_values, history=tuple(said[-4:]))
        acts = self.interpreter.interpret(text, context)
        acts = self._second_opinion(text, acts, context)
        missing = acts.first(ActType.NOT_CARRIED)
        if missing is not None and handlers.carried(missing.value or text, self.lexicon):
            acts.acts = [Act(ActType.SEARCH)]       # keyword evidence: the catalog does use that word
        search = acts.first(ActType.SEARCH)
        if missing is None and search is not None and search.value and len(acts.acts) == 1 \
                and not handlers.carried(search.value, self.lexicon):
            # "do you sell car seats?": the words matched a category loosely, but no title uses "seats"
            acts.acts = [Act(ActType.NOT_CARRIED, value=search.value)]
        # "also need a sun hat" beside a list: nothing of the catalog (a first message is said plainly by the guide)
        thing = handlers.unnamed_need(text, acts, self.lexicon) if shown else None
        acts.acts = [Act(ActType.NOT_CARRIED, value=thing)] if thing else acts.acts
        return acts

    def _query(self, portrait: Portrait, acts: Interpretation, before: list, session_id: str | None = None) -> Query:
        """The portrait's query; "show me more" leaves out everything shown in the session so far
        (not only the last list: a second "more" must not bring the first list back), "more like #2"
        follows #2."""
        query = portrait.to_query(k=self.settings.candidates)
        if ActType.SHOW_MORE in acts.types and before:
            seen = [p.id for p in before]
            if session_id is not None:
                seen += [pid for t in self.sessions.history(session_id) if t["role"] == "assistant"
                         for pid in t["products"]]
            query = query.with_(exclude_ids=tuple(dict.fromkeys(seen)))
        liked = handlers.liked_product(acts, before, portrait.focus_id, self.index.get)
        if liked is not None:
            query = query.with_(text=f"{query.text} {liked.title}".strip(), exclude_ids=(liked.id,))
        return query

    # -- the guide: honesty, composition, grounding, comparison ------------------------------------------
    @property
    def catalog_terms(self) -> CatalogTerms:
        if self._terms is None:
            v = self.vocabulary
            self._terms = derived(self.index, "assistant.catalog_terms", lambda: CatalogTerms.from_products(
                self.index.products.values(), extra_attributes=v.features + v.colours + v.materials))
        return self._terms

    @property
    def lexicon(self) -> CatalogLexicon:
        if self._lexicon is None:
            self._lexicon = derived(self.index, "assistant.lexicon",
                                    lambda: CatalogLexicon.from_products(self.index.products.values()))
        return self._lexicon

    def guide_stats(self) -> dict[str, float]:
        """Replies written, deterministic fallbacks and regenerations since start (for eval and /metrics)."""
        return {"replies": self.reply_count, "fallbacks": self.fallback_count,
                "fallback_rate": self.fallback_count / self.reply_count if self.reply_count else 0.0,
                "regenerations": self.regeneration_count}

    def _check(self, text: str, matches: list[ShownProduct], portrait: Portrait, request: str):
        return check_grounding(text, [s.product for s in matches], portrait, self.catalog_terms, request=request)

    def _apply_honesty(self, plan: TurnPlan) -> None:
        """Nothing (or too little) satisfies the hard constraints: say so, add alternatives with ``violates``."""
        honesty = honesty_step(plan.portrait, plan.result, plan.shown, self.retriever, self.lexicon,
                               self.settings.top_k)
        if honesty.not_carried:
            plan.shown = []
        if honesty.alternatives:
            plan.shown = plan.shown + honesty.alternatives
        if honesty.notice:
            plan.notice = honesty.notice

    def _compose_parts(self, plan: TurnPlan) -> tuple[str, str]:
        matches = [s for s in plan.shown if not s.violates]
        alternatives = [s for s in plan.shown if s.violates]
        if detect_language(plan.text) == "zh":     # the reply follows the shopper's language
            return guide_parts_zh(plan.portrait, matches, alternatives, plan.notice)
        return guide_parts(plan.portrait, matches, alternatives, plan.notice)

