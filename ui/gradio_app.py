"""Gradio chat UI over a ready ``Assistant``: streamed replies, product cards, portrait panel.

The UI holds no shopping logic: it forwards the message to ``Assistant.stream``, renders
``Reply`` objects (``ui.cards``) and writes portrait edits and 👍/👎/🛒 clicks back
through the same public methods the HTTP API uses. Everything shown that came from the
catalog or the LLM is HTML-escaped first, so a product called ``<script>`` is text.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from retrieval.text.money import SYMBOLS, format_money
from ui.cards import CSS, cards_html
from ui.labels import CHOICES, labels, ui_language

EXAMPLES = [
    "I need a waterproof jacket for hiking under $150",
    "noise cancelling headphones for my husband, no more than 200 dollars",
    "a board game for family night",
    "running shoes for women between 50 and 100 dollars",
    "我想给妈妈买一个300元以下的保温杯",
]

# Portrait panel fields: (label, portrait JSON path). Lists are edited as comma-separated text.
PORTRAIT_FIELDS: list[tuple[str, tuple[str, ...]]] = [
    ("Looking for", ("needs",)),
    ("Category", ("category",)),
    ("Budget min", ("budget", "min")),
    ("Budget max", ("budget", "max")),
    ("Brands I like", ("brands", "liked")),
    ("Brands to avoid", ("brands", "excluded")),
    ("Features wanted", ("attributes", "wanted")),
    ("Features unwanted", ("attributes", "unwanted")),
    ("Likes (soft)", ("likes",)),
    ("Must have", ("must_haves",)),
    ("Deal-breakers", ("deal_breakers",)),
    ("For (recipient)", ("recipient",)),
    ("Occasion", ("occasion",)),
]
# each field's label key in ui/lang/*.yaml "fields" (the English labels above are en.yaml's)
FIELD_KEYS = ["_".join(path) if path[0] in ("budget", "brands") else path[-1] for _, path in PORTRAIT_FIELDS]

# Runs in the browser once the cards component is mounted: one delegated click handler
# sends 👍/👎/🛒 to the server function ``record_feedback`` (no inline handlers in cards).
CARDS_JS = """
element.addEventListener('click', async (e) => {
  const b = e.target.closest('button.sg-fb');
  if (!b) return;
  const card = b.closest('.sg-card');
  const status = card.querySelector('.sg-status');
  status.textContent = '…';
  try {
    const msg = await server.record_feedback(card.dataset.sessionId || '', b.dataset.productId,
                                             b.dataset.event, parseInt(b.dataset.position || '0'));
    status.textContent = msg;
    b.classList.add('sg-done');
  } catch (err) {
    status.textContent = 'not recorded';
  }
});
"""


def chat_text(text: str) -> str:
    """Escape HTML in a chat message but keep its Markdown (``**bold**``, lists)."""
    return escape(text or "", quote=False)


# shown after the streamed text until the final reply replaces it: the model is still writing
TYPING = '<span class="sg-typing" aria-label="typing">●●●</span>'


def streaming_text(streamed: str) -> str:
    """The assistant's message while a turn is in progress: what arrived so far, then the typing dots."""
    shown = chat_text(streamed)
    return f"{shown}\n\n{TYPING}" if shown.strip() else TYPING


def portrait_values(portrait: dict[str, Any] | None) -> list[Any]:
    """Portrait JSON → one value per ``PORTRAIT_FIELDS`` entry (lists joined by commas)."""
    values: list[Any] = []
    for _, path in PORTRAIT_FIELDS:
        value: Any = portrait or {}
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif path[0] == "budget" and value is not None:
            currency = ((portrait or {}).get("budget") or {}).get("currency")
            # the budget's own currency stays visible, so Save cannot turn ¥300 into $300
            value = (format_money(float(value), currency) if currency in SYMBOLS      # "$68.98"
                     else f"{float(value):g}" + (f" {currency}" if currency else ""))   # "300 CNY"
        values.append("" if value is None else value)
    return values


_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY", "元": "CNY"}
_CURRENCY_MARK = re.compile(r"[A-Za-z]{3}|[$€£¥￥元]")


def budget_currency(text: Any) -> str | None:
    """The currency a budget field names (``"300 CNY"``, ``"¥300"``), or None: the catalog's.

    >>> budget_currency("300 CNY"), budget_currency("¥300"), budget_currency("80"), budget_currency(None)
    ('CNY', 'CNY', None, None)
    """
    mark = _CURRENCY_MARK.search(str(text or ""))
    if not mark:
        return None
    return _SIGNS.get(mark.group(0)) or mark.group(0).upper()


def budget_value(text: Any) -> float | None:
    """A budget field → a number, or None when empty.

    The fields are text boxes, not number widgets: a number widget shows an empty budget
    as 0 and sends 0 back, so saving any edit set the budget to $0–$0. No product costs
    $0, so a 0 (or a blank, or a negative) is no budget.

    >>> budget_value(""), budget_value(" $1,250 "), budget_value(0), budget_value("80.5")
    (None, 1250.0, None, 80.5)
    """
    if text is None:
        return None
    cleaned = _CURRENCY_MARK.sub("", str(text)).strip().replace(",", "")
    if not cleaned:
        return None
    value = float(cleaned)   # ValueError → "Portrait not saved: …" in the UI
    return value if value > 0 else None


def portrait_from_values(values: list[Any]) -> dict[str, Any]:
    """The inverse of ``portrait_values``: edited fields → portrait JSON (a patch of every field)."""
    data: dict[str, Any] = {}
    for (_, path), value in zip(PORTRAIT_FIELDS, values):
        if path[0] == "budget":
            if budget_currency(value):
                data.setdefault("budget", {})["currency"] = budget_currency(value)
            value = budget_value(value)
        elif path[-1] in ("liked", "excluded", "wanted", "unwanted", "must_haves", "deal_breakers", "likes"):
            value = [v.strip() for v in str(value or "").split(",") if v.strip()]
        else:
            value = str(value or "").strip() or (None if path[0] != "needs" else "")
        target = data
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
    return data


def profile_markdown(profile: dict[str, Any]) -> str:
    r"""The long-term profile panel: what we learned from earlier visits, and why.

    >>> profile_markdown({"user_id": "ann", "events": 1, "affinities": {"brand": [
    ...     {"value": "alpenlite", "score": 3.0, "because": "because you bought the Alpenlite Corrie"}]}})
    '**ann** — learned from 1 earlier events\n\n- brand: alpenlite (because you bought the Alpenlite Corrie)'
    """
    lines = [f"**{profile.get('user_id')}** — learned from {profile.get('events', 0)} earlier events"]
    for field_name, items in (profile.get("affinities") or {}).items():
        for a in items[:2]:
            if a.get("score", 0) >= 0.5:
                lines.append(f"- {field_name}: {a['value']} ({a['because']})" if a.get("because")
                             else f"- {field_name}: {a['value']}")
    if len(lines) == 1:
        lines.append("- nothing yet: picks are the same as for a new shopper")
    return lines[0] + "\n\n" + "\n".join(lines[1:])


def build_app(bot, language: str = "auto"):
    """The Gradio ``Blocks`` for ``bot`` (mounted by ``ui.http_api`` or launched alone).

    ``language``: "auto" (labels follow the shopper's messages) or a code of ``ui/lang``;
    the page's language menu changes it per browser session.
    """
    try:
        import gradio as gr
    except ImportError as exc:  # pragma: no cover
        raise ImportError("gradio is not installed; run scripts/setup.sh or `pip install gradio`") from exc
    from assistant.errors import ShopguideError
    from assistant.portrait.model import Portrait

    def respond(message, history, session_id, user_id="", setting="auto", current="en"):
        history = list(history or [])
        language = ui_language(message, setting, current or "en")   # the shopper's language labels the page
        if not message or not message.strip():
            yield (history, gr.update(), session_id, "", *[gr.update()] * len(PORTRAIT_FIELDS), language, gr.update())
            return
        user_id = (user_id or "").strip() or None     # a returning shopper: their history shapes the picks
        try:
            session_id = bot.new_session(session_id or None, user_id)
        except ShopguideError:                           # the session belongs to someone else: start a new one
            session_id = bot.new_session(None, user_id)
        history.append({"role": "user", "content": chat_text(message)})
        history.append({"role": "assistant", "content": TYPING})
        cards, portrait, streamed, profile_md = gr.update(), None, "", ""
        try:
            for event in bot.stream(message, session_id=session_id):
                if event.kind == "token":
                    streamed += event.text
                    history[-1]["content"] = streaming_text(streamed)
                elif event.reply is not None:
                    if event.kind == "final":
                        history[-1]["content"] = chat_text(event.reply.text)
                    if event.kind == "final" and event.reply.is_service:
                        cards = gr.update()   # a shop answer: the products shown before are still what "it" means
                    elif not (event.kind == "products" and not event.reply.products):
                        cards = cards_html(event.reply.products, session_id, event.reply.notice, language)
                    portrait = event.reply.portrait
                    if portrait.get("profile"):
                        profile_md = profile_markdown(portrait["profile"])
                fields = portrait_values(portrait) if portrait is not None else [gr.update()] * len(PORTRAIT_FIELDS)
                yield (history, cards, session_id, "", *fields, language, profile_md)
        except Exception as exc:  # shown in the chat; the session stays usable
            history[-1]["content"] = f"⚠️ {chat_text(str(exc))}"
            yield (history, cards, session_id, "", *[gr.update()] * len(PORTRAIT_FIELDS), language, gr.update())

    def new_session(current="en"):
        return ([], cards_html([], language=current), bot.new_session(), "", *portrait_values({}), current, "")

    def relabel(language, setting="auto"):
        """Every label of the page in ``language`` (after a message, or when the setting changes)."""
        language = ui_language("", setting, language or "en")
        words = labels(language)
        field_updates = [gr.update(label=words["fields"][key], placeholder=words["any"] if key.startswith("budget")
                                   else None) for key in FIELD_KEYS]
        return (gr.update(value=words["header"]), gr.update(placeholder=words["chat_placeholder"]),
                gr.update(placeholder=words["input_placeholder"]), gr.update(value=words["send"]),
                gr.update(value=words["new_session"]), gr.update(label=words["portrait"]), *field_updates,
                gr.update(value=words["save_portrait"]), gr.update(value=words["clear_portrait"]),
                gr.update(label=words["returning"]),
                gr.update(label=words["shopper_id"], placeholder=words["shopper_id_placeholder"]),
                gr.update(label=words["language"]), language)

    def save_portrait(session_id, *values):
        session_id = bot.new_session(session_id or None)
        try:
            portrait = Portrait.from_json(portrait_from_values(list(values)))
        except (TypeError, ValueError) as exc:
            gr.Warning(f"Portrait not saved: {exc}")
            return (session_id, *[gr.update()] * len(PORTRAIT_FIELDS))
        portrait.category_explicit = bool(portrait.category)
        bot.set_portrait(session_id, portrait)
        gr.Info("Saved — your next message uses this.")
        return (session_id, *portrait_values(bot.get_portrait(session_id).to_json()))

    def clear_portrait(session_id):
        if session_id:
            bot.clear_portrait(session_id)
        return portrait_values({})

    def record_feedback(*args) -> str:
        # Gradio hands a server function the JS call's arguments as one list
        if len(args) == 1 and isinstance(args[0], (list, tuple)):
            args = tuple(args[0])
        try:
            session_id, product_id, event, position = args
            position = int(position or 0)
            bot.feedback(session_id, product_id, event, position=position or None)
        except (ValueError, TypeError, ShopguideError) as exc:  # the card shows it; nothing else breaks
            return f"not recorded: {exc}"
        return {"thumbs_up": "thanks!", "thumbs_down": "noted", "add_to_cart": "added to cart"}.get(event, "recorded")

    first = language if language != "auto" else "en"
    words = labels(first)
    with gr.Blocks(title="shopguide") as app:
        header = gr.Markdown(words["header"], elem_id="sg-header")
        session = gr.State("")
        page_language = gr.State(first)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=300):
                chatbot = gr.Chatbot(label="Chat", show_label=False, height=440, elem_id="sg-chat", buttons=["copy"],
                                     placeholder=words["chat_placeholder"])
                with gr.Row():
                    box = gr.Textbox(placeholder=words["input_placeholder"], show_label=False,
                                     elem_id="sg-input", scale=5, min_width=180, max_length=4000)
                    send = gr.Button(words["send"], variant="primary", elem_id="sg-send", scale=1, min_width=80)
                gr.Examples(EXAMPLES, inputs=box, label=words["examples"])
                with gr.Row():
                    reset = gr.Button(words["new_session"], elem_id="sg-new", size="sm")
                    setting = gr.Dropdown([list(c) for c in CHOICES], value=language, label=words["language"],
                                          elem_id="sg-lang", min_width=120)
            with gr.Column(scale=4, min_width=300):
                cards = gr.HTML(cards_html([], language=first), elem_id="sg-cards", js_on_load=CARDS_JS,
                                server_functions=[record_feedback])
                with gr.Accordion(words["portrait"], open=True, elem_id="sg-portrait") as portrait_panel:
                    fields = []
                    with gr.Row():
                        for key, (_, path) in zip(FIELD_KEYS, PORTRAIT_FIELDS):
                            # budgets are text too: a number widget turns "empty" into 0 (see budget_value)
                            budget = path[0] == "budget"
                            fields.append(gr.Textbox(label=words["fields"][key], min_width=140,
                                                     elem_classes=["sg-pfield"],
                                                     placeholder=words["any"] if budget else None,
                                                     max_lines=1 if budget else None))  # one line: an <input>
                    with gr.Row():
                        save = gr.Button(words["save_portrait"], size="sm", elem_id="sg-save-portrait")
                        clear = gr.Button(words["clear_portrait"], size="sm", elem_id="sg-clear-portrait")
                with gr.Accordion(words["returning"], open=False, elem_id="sg-user") as user_panel:
                    user = gr.Textbox(label=words["shopper_id"], elem_id="sg-user-id", max_length=128,
                                      placeholder=words["shopper_id_placeholder"])
                    profile = gr.Markdown("", elem_id="sg-profile")
        outputs = [chatbot, cards, session, box, *fields, page_language, profile]
        label_outputs = [header, chatbot, box, send, reset, portrait_panel, *fields, save, clear, user_panel, user,
                         setting, page_language]
        box.submit(respond, [box, chatbot, session, user, setting, page_language], outputs).then(
            relabel, [page_language, setting], label_outputs)
        send.click(respond, [box, chatbot, session, user, setting, page_language], outputs).then(
            relabel, [page_language, setting], label_outputs)
        reset.click(new_session, [page_language], outputs)
        setting.change(relabel, [page_language, setting], label_outputs)
        save.click(save_portrait, [session, *fields], [session, *fields])
        clear.click(clear_portrait, [session], fields)
    return app


def launch(bot, host: str = "127.0.0.1", port: int = 7860, token: str | None = None) -> None:
    """Serve the UI alone; with ``token`` it is the password (any user name)."""
    import hmac

    auth = (lambda _user, password: hmac.compare_digest(password.encode(), token.encode())) if token else None
    app = build_app(bot)
    app.queue().launch(server_name=host, server_port=port, css=CSS, show_error=True, auth=auth)
