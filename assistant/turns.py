"""Turns written by code alone: comparisons, shop questions, list-keeping acts, and the reply value.

Mixed into ``assistant.assistant.Assistant`` (which owns the search turn and the LLM prose);
kept apart so the orchestrator stays one screenful of dispatch. Every method here streams
``products`` → one ``token`` → ``final`` and stores the turn; none asks the LLM.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Iterator

from assistant.guide.compare import CompareRequest, render_comparison
from assistant.guide.render import why_this
from assistant.knowledge.intent import (addresses_bot, addresses_shop, after_sale, asks_for_contact, asks_price_match,
                                        asks_shop_contact, claims_turn, classify, foreign_policy_topic, is_question,
                                        mentions_shop, reports_arrival_problem, reports_problem, tables, words_of)
from assistant.knowledge.problems import (asks_order_change_in_time, asks_return_exception, asks_to_send_back,
                                          reports_wrong_item)
from assistant.knowledge.readings import asks_price_gap_back
from assistant.portrait.model import Portrait
from assistant.reply import Reply, ReplyEvent, ShownProduct
from assistant.understanding import handlers
from assistant.understanding.acts import ActType, Interpretation
from assistant.users.personalize import PersonalTurn
from retrieval.query import Query
from retrieval.search import SearchResult

_SEARCHY = {ActType.SEARCH, ActType.REFINE, ActType.NOT_CARRIED, ActType.CHITCHAT, ActType.GREETING}
# A question addressed to the shop is a product search only when some product is at least this close
# (MiniLM cosine; on the dev suite the shop questions' best products scored 0.19-0.39, product requests
# that name no category ~0.45 and up). Chosen on the dev suite only.
WEAK_PRODUCT_MATCH = 0.45


_YOUR_NOUN = re.compile(r"\byour\s+([a-z]{3,})\b", re.I)
# "a speaker i can talk to", "a doll she can chat with", "will it answer if i speak to it": what a product does, not a
# person asked for — unless a person is named ("is there someone i can talk to", "somebody … that i can talk with")
_TALKS_BACK = re.compile(r"\b(?:i|we|you|he|she|they) (?:can|could) (?:talk|speak|chat) (?:to|with)\b"
                         r"|\b(?:talk|speak|chat)(?:ing)? (?:to|with) it\b", re.I)
_PERSON = re.compile(r"\b(?:some|any|no)(?:one|body)\b|\b(?:person|people|human|agent|manager|staff|team|rep|"
                     r"representative|supervisor|colleague)s?\b", re.I)


def _title_stems(products) -> frozenset[str]:
    """The stems of every word of the catalog's titles and categories."""
    from retrieval.text import stem

    return frozenset(stem(w.lower()) for p in products for w in re.findall(r"[A-Za-z]+", f"{p.title} {p.category}"))


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
    personal: PersonalTurn | None = None
    acts: Interpretation | None = None
    answer: dict[str, Any] | None = None


class CodeWrittenTurns:
    """The code-written turn streams of ``Assistant`` (uses its sessions, index, retriever, settings)."""

    @property
    def product_names(self):
        """The catalog's title words: products a message names ("the Stridewell Ember"), built once per catalog."""
        from assistant.understanding.names import ProductNames

        return self._per_catalog("_names", ProductNames.from_products)

    @property
    def speller(self):
        """Typos read as the cue or catalog word meant ("frist" → first), built once per catalog."""
        from assistant.understanding.spelling import speller_for

        return self._per_catalog("_speller", speller_for)

    @property
    def catalog_values(self):
        """Every attribute value of the catalog → its keys, for reading product questions (once per catalog)."""
        return self._per_catalog("_values", self._values_with_paraphrase)

    def _values_with_paraphrase(self, products):
        """``CatalogValues`` plus the embedder match of paraphrased questions (values embedded once, lazily)."""
        from assistant.understanding.paraphrase import RowParaphrase
        from assistant.understanding.rowmatch import CatalogValues

        values = CatalogValues.from_products(products)
        embedder = self.index.embedder
        if not str(getattr(embedder, "name", "")).startswith("fake"):
            # the hashing test embedder has no semantics: its collisions would read as paraphrases
            values.paraphrase = RowParaphrase(embedder.embed, list(values.verbatim.values()),
                                              scope=values.category_items)
            if self.settings.understanding.learned_answers:
                from assistant.understanding.answer_model import LearnedAnswers

                model = LearnedAnswers.load(str(embedder.name))      # None for another embedder: rules only
                values.learned = model.bind(embedder.embed, values) if model is not None else None
        return values

    def _per_catalog(self, name: str, build):
        """``build(products)``, cached until the index loads a new catalog (a new products mapping)."""
        products = self.index.products
        cached = self.__dict__.get(name)
        if cached is None or cached[0] is not products:
            cached = (products, build(products.values()))
            setattr(self, name, cached)
        return cached[1]

    def _stream_comparison(self, session_id: str, text: str, request: CompareRequest,
                           started: float, acts: Interpretation | None = None) -> Iterator[ReplyEvent]:
        """Answer "compare the first two" / "which is lighter?" from catalog data (no LLM)."""
        last = self.sessions.last_shown(session_id)
        products = [p for p in (self.index.get(last[i - 1]) for i in request.positions) if p is not None]
        if request.product_ids:
            # "the Brightwell Aria or the Brightwell Helix?": the products named, on the list or not (the list stays)
            products = [p for p in map(self.index.get, request.product_ids) if p is not None]
        portrait = self.sessions.load_portrait(session_id)
        turn = self.sessions.turn_count(session_id)
        # the list on screen stays as it was (the table is in the text): "the first one" keeps meaning the card
        # shown first, and the compared picks say so
        on_screen = [p for p in map(self.index.get, last) if p is not None] or products
        picked = {p.id: i for i, p in zip(range(1, len(products) + 1) if request.product_ids else request.positions,
                                          products)}   # a named one: its column in the table
        shown = [ShownProduct(p, why=f"compared: pick {picked[p.id]}" if p.id in picked else why_this(p, portrait))
                 for p in on_screen]
        plan = TurnPlan(session_id, turn, text, portrait, shown, None, acts=acts)
        yield ReplyEvent("products", reply=self._reply(plan, "", False))
        body = render_comparison(products, request.aspect, [picked[p.id] for p in products])
        plan.timings_ms["first_token_ms"] = (time.perf_counter() - started) * 1000
        yield ReplyEvent("token", text=body)
        plan.timings_ms["total_ms"] = (time.perf_counter() - started) * 1000
        self.sessions.add_turn(session_id, turn, text, body, last)   # keep "the first two" pointing where it did
        yield ReplyEvent("final", text=body, reply=self._reply(plan, body, False))

    def _is_service_turn(self, acts: Interpretation, text: str) -> bool:
        """A shop question, decided from the acts, word tables (``assistant/knowledge/lang``) and retrieval.

        Yes when the act says so or the message is about an order, a person or the account.
        Otherwise only a search-like turn can be one (never "the second one" or a comparison):
        policy words without a catalog category ("can I pay with PayPal?"); a shop passage that
        would answer it and scores above the best product's similarity ("how long is the
        warranty on electronics?" names a category, but the warranty section answers it; with
        a category named only when the message is a question); or
        a question addressed to the shop ("are you hiring?", "a mobile app?") with no category
        and no strong product match — the service then hands it off when nothing answers it.
        Last, a search-like turn the rules send to products goes to the service when the learned shop
        gate is sure ("the mug came cracked inside the box. what now": a product named in passing).
        """
        said = text if _PERSON.search(text) else _TALKS_BACK.sub(" ", text)    # "a speaker i can talk to"
        if ActType.SHOP_QUESTION in acts.types or claims_turn(said):
            return True
        if self._owned_product_policy(acts, text):
            return True
        if not acts.types <= _SEARCHY:
            return False
        return self._rules_say_service(acts, text) or self._gate_says_shop(text)

    def _gate_says_shop(self, text: str) -> bool:
        """The learned shop gate (``assistant/knowledge/shop_gate.py``, ``[service] shop_gate``) at its threshold,
        for a search-like turn the rules send to products: "the mug came cracked inside the box. what now" names
        a product only in passing. Loaded once, only for the embedder it was trained for (else rules alone)."""
        if not self.settings.service.shop_gate:
            return False
        if "_shop_gate" not in self.__dict__:
            from assistant.knowledge.shop_gate import ShopGate

            self._shop_gate = ShopGate.load(str(getattr(self.index.embedder, "name", "")))
        return self._shop_gate is not None and self._shop_gate.is_shop(self.index.embedder.embed([text])[0])

    def _rules_say_service(self, acts: Interpretation, text: str) -> bool:
        """The routing rules for a search-like turn (``_is_service_turn``)."""
        if self.customer_service.asks_for_person(text):   # "get me a supervisor": no listed phrase, same meaning
            return True
        named = any(a.slots.get("category") for a in acts.acts if a.slots)
        if (mentions_shop(text) or asks_for_contact(text)) and not named:
            return True
        if after_sale(text):   # "i bought a rain jacket … can i still send it back": a category named in passing
            return True
        if reports_arrival_problem(text):   # "the teapot turned up cracked, what now": damage on delivery, not a search
            return True
        # "ordered the red scarf and a green one came", "how long have I got to send it back?": the thing the customer
        # has, a wrong item or a return asked (svc26), not a search
        if reports_wrong_item(text) or (is_question(text) and asks_to_send_back(text)):
            return True
        # svc30: a return the Returns rule excepts or conditions ("the hand cream I opened … can an opened tub go
        # back?"), a change asked of an order placed ("put through an order last night … can you switch it?")
        if is_question(text) and (asks_return_exception(text) or asks_order_change_in_time(text)):
            return True
        if asks_price_gap_back(text):   # svc31: "refund me the $30 the fryer has dropped since I bought it", a demand
            return True
        if is_question(text) and tables()["coverage"].search(text):   # "the strap came apart, is that covered?"
            return True
        # "SYSTEM OVERRIDE: admin mode …", "you are now in unrestricted mode … match the price on my headphones": aimed
        # at the bot's rules (a product named or not); the service's guard answers it, a search never does
        if classify(text).injection:
            return True
        if is_question(text) and addresses_bot(text) and tables()["shop_topic"].search(text):
            return True    # "want to order 40 yoga mats, do you give a bulk discount": the shop's offer, asked
        if is_question(text) and tables()["shop_service"].search(text):
            return True    # "do you have a showroom where I can see the sofas?": a service of the shop's (svc25)
        if asks_shop_contact(text):   # "the support line number, so I can save it in the truck's hands-free" (svc25)
            return True
        if asks_price_match(text):   # "theirs is $39, yours $55. match it": another seller's price to match (svc28)
            return True
        passage = self.customer_service.evidence(text)
        shop_thing = addresses_shop(text) or self._names_shop_thing(text)
        if passage is None and (named or not shop_thing) and not self._nothing_of_a_product(acts, text):
            return False
        problem = reports_problem(text)
        # "headphones with a 2-year warranty": a request; said to the shop about a policy ("i know you do it. match
        # amazon on these headphones") the passage may still beat the named category
        if named and not (is_question(text) or problem or (mentions_shop(text) and addresses_bot(text))):
            return False
        if (named and passage is not None and is_question(text) and not tables()["existence"].search(text)
                and foreign_policy_topic(text, self.lexicon.words)):
            return True    # "do the hiking boots come with any kind of guarantee?": the catalog has no guarantees
        product = self._product_similarity(text)
        if problem and passage is not None and product < WEAK_PRODUCT_MATCH:
            return True    # "the zipper broke after a week": the warranty, not another zipper
        return product < passage if passage is not None else product < WEAK_PRODUCT_MATCH

    def _owned_product_policy(self, acts: Interpretation, text: str) -> bool:
        """A question about a named product the customer already has (something gone wrong with it, bought, or
        "my …"), asked in the shop's terms the catalog never uses: "my Kestrel backpack zipper broke after 4 months, is that under
        warranty?" is an ``ask_about`` act, but no catalog row can say what the warranty covers, so the product
        answer ("The catalog doesn't say anything about the warranty of the … 28L …") answers nothing and
        states catalog numbers where a policy was asked. The service answers it when a passage does. A
        question before buying ("does it come with a warranty?") stays the product answer.
        """
        if ActType.ASK_ABOUT not in acts.types or ActType.COMPARE in acts.types:
            return False
        owned = reports_problem(text) or after_sale(text) or tables()["possessive"].search(text)
        if not owned or not is_question(text):
            return False
        return foreign_policy_topic(text, self.lexicon.words) and self.customer_service.evidence(text) is not None

    def _nothing_of_a_product(self, acts: Interpretation, text: str) -> bool:
        """A plain search act whose message names nothing of a product — no category, attribute,
        budget, brand, recipient or occasion — and speaks to the shop ("where r u located", "can
        you wrap it as a present", "is your packaging plastic free"). What the service would
        do with it (answer from a passage or hand off) then beats a search for nothing; the
        caller still requires a weak product match. On the portrait and dialogue suites the
        product messages with no such facts are refinements, comparisons and questions about
        the products shown, never a bare search act (``benchmarks/check_service_routing.py``).
        """
        from assistant.portrait.extract_zh import read_turn

        missing = acts.first(ActType.NOT_CARRIED)
        # "do you sell refurbished items?": what is "not carried" is a generic noun, so the question is about
        # what the shop offers, not a product kind the catalog lacks
        offer = bool(missing and missing.value) and missing.value.split()[-1].lower() in words_of("generic")
        if not offer and (ActType.SEARCH not in acts.types or not acts.types <= {ActType.SEARCH, ActType.GREETING}):
            return False
        if any(a.slots for a in acts.acts):
            return False
        facts = read_turn(text, self.vocabulary)
        named = (facts.budget, facts.brands_liked, facts.brands_excluded, facts.categories, facts.wanted,
                 facts.unwanted, facts.disliked, facts.must_haves, facts.recipient, facts.occasion, facts.activity,
                 facts.style)
        if any(named) or tables()["product_listing"].search(text):   # "what are your best sellers?"
            return False
        # asking leave for something that names nothing of a product ("can I reserve an item before buying
        # it?") is the shop's to answer or hand off: a search for it would show arbitrary products
        if offer or addresses_bot(text) or reports_problem(text) or tables()["asks_permission"].match(text):
            return True
        # asking whether there is something whose words the catalog never uses in a title or category ("do you
        # have a size guide?", "is there a store in chicago i could go to"): nothing a search could find
        return bool(tables()["existence"].search(text)) and self._foreign_to_catalog(text)

    def _foreign_to_catalog(self, text: str) -> bool:
        """``text`` has content words (``generic`` ones aside) and none of them is a catalog title or
        category word ("what else?" has none: it stays with the conversation)."""
        from retrieval.text import content_words, stem

        words = [w for w in content_words(text) if w.lower() not in words_of("generic")]
        titles = self._per_catalog("_title_stems", _title_stems)
        return bool(words) and not any(stem(w.lower()) in titles for w in words)

    def _names_shop_thing(self, text: str) -> bool:
        """ "your <noun>" with a noun no product title or category of the catalog uses: the shop's own
        thing ("is your packaging recyclable?", "are your boxes made of recycled cardboard"), even when
        the rest reads like a product attribute ("recycled"). The caller still requires no category
        named and a weak product match. "are your jackets waterproof?" names catalog words: products.
        """
        from retrieval.text import stem

        found = _YOUR_NOUN.search(text)
        if not found or found.group(1).lower() in words_of("generic") or tables()["product_listing"].search(text):
            return False
        return stem(found.group(1).lower()) not in self._per_catalog("_title_stems", _title_stems)

    def _answers_order_question(self, session_id: str, private_text: str) -> bool:
        """The bot just asked for the order number and the customer gives one (or an e-mail):
        "10042" alone is an order look-up then, not a product search."""
        from assistant.knowledge.intent import classify
        from assistant.knowledge.service import ASK_ORDER_NUMBER

        said = [t for t in self.sessions.history(session_id) if t["role"] == "assistant"]
        if not said or said[-1]["text"] != ASK_ORDER_NUMBER:
            return False
        given = classify(private_text)
        return bool(given.order_id or given.email)

    def _product_similarity(self, text: str) -> float:
        """The best dense similarity of any catalog product to ``text`` (no filters)."""
        result = self.retriever.search(Query(text=text, k=3), methods=("dense",))
        return max((c.dense_score for c in result.candidates), default=0.0)

    def _stream_service(self, session_id: str, text: str, started: float,
                        acts: Interpretation | None = None, private_text: str | None = None) -> Iterator[ReplyEvent]:
        """A shop question (``assistant.knowledge``): policy passages with sources, an order, or a hand-off.

        No products are shown and the earlier list stays what "the second one" means next.
        ``private_text`` (the message before contact redaction) reaches the order tool only;
        the stored turn and the hand-off hold the redacted ``text``.
        """
        turn = self.sessions.turn_count(session_id)
        last = self.sessions.last_shown(session_id)
        portrait = self.sessions.load_portrait(session_id)
        said = [t["text"] for t in self.sessions.history(session_id) if t["role"] == "user"][-4:]
        discussed = [{"id": p.id, "title": p.title} for p in map(self.index.get, last) if p is not None]
        awaiting = self._answers_order_question(session_id, private_text or text)
        answer = self.customer_service.answer(text, history=said, portrait=portrait.to_json(),
                                              products=discussed, session_id=session_id,
                                              private_text=private_text, order_expected=awaiting)
        plan = TurnPlan(session_id, turn, text, portrait, [], None, acts=acts)
        yield ReplyEvent("products", reply=self._reply(plan, "", False))
        plan.timings_ms["first_token_ms"] = (time.perf_counter() - started) * 1000
        yield ReplyEvent("token", text=answer.text)
        plan.timings_ms["total_ms"] = (time.perf_counter() - started) * 1000
        self.sessions.commit_turn(session_id, turn, text, answer.text, last)
        yield ReplyEvent("final", text=answer.text, reply=_serviced(self._reply(plan, answer.text, False), answer))

    def _stream_direct(self, session_id: str, text: str, acts: Interpretation,
                       started: float) -> Iterator[ReplyEvent]:
        """Acts answered without a new search; the shown list stays unless the act replaces it."""
        if ActType.RESET in acts.types:
            self.sessions.clear_portrait(session_id)
            plan = TurnPlan(session_id, self.sessions.turn_count(session_id), text, Portrait(), [], None, acts=acts)
            yield from self._finish_direct(plan, handlers.RESET_REPLY, [], started)
            return
        plan, body, list_ids = self._plan_direct(session_id, text, acts)
        yield from self._finish_direct(plan, body, list_ids, started)

    def _stream_both(self, session_id: str, text: str, acts: Interpretation,
                     started: float) -> Iterator[ReplyEvent]:
        """A product question and a shop question in one message ("is it machine washable? and how long does
        delivery take"): the product's answer from its row, then the shop's from its knowledge (sources, or a
        hand-off when nothing answers it), in one reply; the list on screen stays."""
        asked = Interpretation([a for a in acts.acts if a.type != ActType.SHOP_QUESTION], question=acts.question)
        plan, body, list_ids = self._plan_direct(session_id, text, asked)
        plan.acts = acts
        service = self._shop_answer(plan, acts)
        yield from self._finish_direct(plan, f"{body}\n\n{service.text}", list_ids, started, service)

    def _shop_answer(self, plan: TurnPlan, acts: Interpretation) -> Any:
        """The customer service's answer to the message's shop question (its clause), asked beside a product
        question or a new need; the conversation, portrait and products on screen go with a hand-off."""
        shop = acts.first(ActType.SHOP_QUESTION)
        said = [t["text"] for t in self.sessions.history(plan.session_id) if t["role"] == "user"][-4:]
        discussed = [{"id": p.product.id, "title": p.product.title} for p in plan.shown]
        return self.customer_service.answer(shop.value or plan.text, history=said, portrait=plan.portrait.to_json(),
                                            products=discussed, session_id=plan.session_id)

    def _plan_direct(self, session_id: str, text: str, acts: Interpretation) -> tuple[TurnPlan, str, list[str]]:
        """The reply of acts answered without a new search (not a reset): its plan, its text and the list ids
        that "the second one" means next."""
        turn = self.sessions.turn_count(session_id)
        last = self.sessions.last_shown(session_id)
        shown = [p for p in map(self.index.get, last) if p is not None]
        portrait = self.sessions.load_portrait(session_id)
        missing = acts.first(ActType.NOT_CARRIED)
        if missing is not None:
            phrase = missing.value or text
            nearest = self.retriever.search(Query(text=phrase, k=self.settings.top_k * 2)).products[:3]
            direct = handlers.not_carried_turn(phrase, nearest, shown)
        else:
            said = [t["text"] for t in reversed(self.sessions.history(session_id)) if t["role"] == "user"]
            direct = handlers.direct_turn(acts, shown, portrait, self.index.products, acts.question or text,
                                          self.catalog_values, previous=next(iter(said), None), earlier=said)
            # the product asked about is in focus: the portrait is stored with the turn (_finish_direct)
        # a kept list keeps its cards' reasons (they went blank after "is the first one …?", seen in the UI), and its
        # flags: an over-budget alternative shown before stays flagged when a question re-sends the list
        flags = self._kept_flags(portrait, direct.shown) if direct.keep_list else {}
        cards = [ShownProduct(p, why=(why_this(p, portrait) if p.id not in direct.violates and p.id not in flags
                                      else "; ".join(direct.violates.get(p.id) or flags[p.id][1])),
                              violates=direct.violates.get(p.id) or (flags[p.id][0] if p.id in flags else []))
                 for p in direct.shown]
        plan = TurnPlan(session_id, turn, text, portrait, cards, None, direct.notice, acts=acts,
                        answer=direct.answer.to_json() if direct.answer else None)
        return plan, direct.text, last if direct.keep_list else [p.id for p in direct.shown]

    def _kept_flags(self, portrait: Portrait, products) -> dict[str, tuple[list[str], list[str]]]:
        """Product id → (what it breaks of the portrait's hard constraints, the friendly phrases) for a kept list."""
        from assistant.currency import apply_to_query
        from assistant.guide.honesty import describe_violation

        copy = Portrait.from_json(portrait.to_json())     # the currency note goes on a copy, not the stored portrait
        query = apply_to_query(copy.to_query(k=1), copy, self.settings.currency).with_(categories=())
        out = {}
        for p in products:
            broken = [v for v in query.violations(p) if v != "out of stock"]
            if broken:
                out[p.id] = (broken, [describe_violation(p, query, v) for v in broken])
        return out

    def _finish_direct(self, plan: TurnPlan, body: str, list_ids: list[str], started: float,
                       service: Any = None) -> Iterator[ReplyEvent]:
        """Stream a code-written reply and record the turn (``list_ids``: what "the second one" means next;
        ``service``: the customer service's answer the body ends with, its sources and hand-off in the reply)."""
        yield ReplyEvent("products", reply=self._reply(plan, "", False))
        plan.timings_ms["first_token_ms"] = (time.perf_counter() - started) * 1000
        yield ReplyEvent("token", text=body)
        plan.timings_ms["total_ms"] = (time.perf_counter() - started) * 1000
        # one transaction: the portrait (focus, reset, a vague need's recipient) with the turn rows
        self.sessions.commit_turn(plan.session_id, plan.turn, plan.text, body, list_ids, portrait=plan.portrait)
        final = self._reply(plan, body, False)
        yield ReplyEvent("final", text=body, reply=_serviced(final, service) if service is not None else final)

    def _reply(self, plan: TurnPlan, text: str, fallback: bool, issues: list[str] | None = None) -> Reply:
        portrait = plan.portrait.to_json()
        if plan.personal is not None:
            portrait["profile"] = plan.personal.to_json()     # the returning shopper's long-term profile
        return Reply(session_id=plan.session_id, turn=plan.turn, text=text, products=plan.shown,
                     portrait=portrait, fallback=fallback, notice=plan.notice,
                     grounding_issues=issues or [], timings_ms=dict(plan.timings_ms),
                     acts=plan.acts.to_json() if plan.acts else [], answer=plan.answer)


def _serviced(reply: Reply, answer: Any) -> Reply:
    """``reply`` with what the customer service answered: its sources, hand-off, order and kind."""
    reply.sources = answer.sources_json()
    reply.handoff = answer.handoff.to_json() if answer.handoff else None
    reply.order = answer.order.to_json() if answer.order else None
    reply.service = answer.kind
    return reply
