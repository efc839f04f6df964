"""Gradio chat UI over a ready ``Assistant``: streamed replies, product cards, portrait panel.

The UI holds no shopping logic: it forwards the message to ``Assistant.stream``, renders
``Reply`` objects (``ui.cards``) and writes portrait edits and 👍/👎/🛒 clicks back
through the same public methods the HTTP API uses. Everything shown that came from the
catalog or the LLM is HTML-escaped first, so a product called ``<script>`` is text.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ui.cards import CSS, cards_html

EXAMPLES = [
    "I need a waterproof jacket for hiking under $150",
    "noise cancelling headphones for my husband, no more than 200 dollars",
    "a board game for family night",
    "running shoes for women between 50 and 100 dollars",
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
    ("Must have", ("must_haves",)),
    ("Deal-breakers", ("deal_breakers",)),
    ("For (recipient)", ("recipient",)),
    ("Occasion", ("occasion",)),
]

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


def portrait_values(portrait: dict[str, Any] | None) -> list[Any]:
    """Portrait JSON → one value per ``PORTRAIT_FIELDS`` entry (lists joined by commas)."""
    values: list[Any] = []
    for _, path in PORTRAIT_FIELDS:
        value: Any = portrait or {}
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        values.append(None if value in ("", None) and path[0] == "budget" else (value if value is not None else ""))
    return values


def portrait_from_values(values: list[Any]) -> dict[str, Any]:
    """The inverse of ``portrait_values``: edited fields → portrait JSON (a patch of every field)."""
    data: dict[str, Any] = {}
    for (_, path), value in zip(PORTRAIT_FIELDS, values):
        if path[0] == "budget":
            value = None if value in (None, "") else float(value)
        elif path[-1] in ("liked", "excluded", "wanted", "unwanted", "must_haves", "deal_breakers"):
            value = [v.strip() for v in str(value or "").split(",") if v.strip()]
        else:
            value = str(value or "").strip() or (None if path[0] != "needs" else "")
        target = data
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
    return data


def build_app(bot):
    """The Gradio ``Blocks`` for ``bot`` (mounted by ``ui.http_api`` or launched alone)."""
    try:
        import gradio as gr
    except ImportError as exc:  # pragma: no cover
        raise ImportError("gradio is not installed; run scripts/setup.sh or `pip install gradio`") from exc
    from assistant.errors import ShopguideError
    from assistant.portrait.model import Portrait

    def respond(message, history, session_id):
        history = list(history or [])
        if not message or not message.strip():
            yield (history, gr.update(), session_id, "", *[gr.update()] * len(PORTRAIT_FIELDS))
            return
        session_id = bot.new_session(session_id or None)
        history.append({"role": "user", "content": chat_text(message)})
        history.append({"role": "assistant", "content": ""})
        cards, portrait, streamed = gr.update(), None, ""
        try:
            for event in bot.stream(message, session_id=session_id):
                if event.kind == "token":
                    streamed += event.text
                    history[-1]["content"] = chat_text(streamed)
                elif event.reply is not None:
                    if event.kind == "final":
                        history[-1]["content"] = chat_text(event.reply.text)
                    cards = cards_html(event.reply.products, session_id, event.reply.notice)
                    portrait = event.reply.portrait
                fields = portrait_values(portrait) if portrait is not None else [gr.update()] * len(PORTRAIT_FIELDS)
                yield (history, cards, session_id, "", *fields)
        except Exception as exc:  # shown in the chat; the session stays usable
            history[-1]["content"] = f"⚠️ {chat_text(str(exc))}"
            yield (history, cards, session_id, "", *[gr.update()] * len(PORTRAIT_FIELDS))

    def new_session():
        return ([], cards_html([]), bot.new_session(), "", *portrait_values({}))

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

    with gr.Blocks(title="shopguide") as app:
        gr.Markdown("## shopguide\nTell me what you need — I'll pick from the catalog and say why.",
                    elem_id="sg-header")
        session = gr.State("")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=300):
                chatbot = gr.Chatbot(label="Chat", show_label=False, height=440, elem_id="sg-chat", buttons=["copy"],
                                     placeholder="Ask for anything in the catalog: a budget, a brand, a feature…")
                with gr.Row():
                    box = gr.Textbox(placeholder="What are you shopping for?", show_label=False,
                                     elem_id="sg-input", scale=5, min_width=180, max_length=4000)
                    send = gr.Button("Send", variant="primary", elem_id="sg-send", scale=1, min_width=80)
                gr.Examples(EXAMPLES, inputs=box, label="Try")
                reset = gr.Button("New session", elem_id="sg-new", size="sm")
            with gr.Column(scale=4, min_width=300):
                cards = gr.HTML(cards_html([]), elem_id="sg-cards", js_on_load=CARDS_JS,
                                server_functions=[record_feedback])
                with gr.Accordion("What I understood (edit me)", open=True, elem_id="sg-portrait"):
                    fields = []
                    with gr.Row():
                        for label, path in PORTRAIT_FIELDS:
                            cls = gr.Number if path[0] == "budget" else gr.Textbox
                            fields.append(cls(label=label, min_width=140, elem_classes=["sg-pfield"]))
                    with gr.Row():
                        save = gr.Button("Save portrait", size="sm", elem_id="sg-save-portrait")
                        clear = gr.Button("Clear portrait", size="sm", elem_id="sg-clear-portrait")
        outputs = [chatbot, cards, session, box, *fields]
        box.submit(respond, [box, chatbot, session], outputs)
        send.click(respond, [box, chatbot, session], outputs)
        reset.click(new_session, None, outputs)
        save.click(save_portrait, [session, *fields], [session, *fields])
        clear.click(clear_portrait, [session], fields)
    return app


def launch(bot, host: str = "127.0.0.1", port: int = 7860, token: str | None = None) -> None:
    """Serve the UI alone; with ``token`` it is the password (any user name)."""
    import hmac

    auth = (lambda _user, password: hmac.compare_digest(password.encode(), token.encode())) if token else None
    app = build_app(bot)
    app.queue().launch(server_name=host, server_port=port, css=CSS, show_error=True, auth=auth)
