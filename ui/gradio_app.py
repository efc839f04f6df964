"""Gradio chat UI over a ready ``Assistant``: streamed replies, product cards, portrait panel."""

from __future__ import annotations

import json

from ui.cards import CSS, cards_html

EXAMPLES = [
    "I need a waterproof jacket for hiking under $150",
    "noise cancelling headphones for my husband, no more than 200 dollars",
    "a board game for family night",
    "running shoes for women between 50 and 100 dollars",
]


def build_app(bot):
    try:
        import gradio as gr
    except ImportError as exc:  # pragma: no cover
        raise ImportError("gradio is not installed; run scripts/setup.sh or `pip install gradio`") from exc

    def respond(message, history, session_id):
        history = list(history or [])
        if not message or not message.strip():
            yield history, gr.update(), gr.update(), session_id, ""
            return
        session_id = bot.new_session(session_id or None)
        history.append({"role": "user", "content": message})
        history.append({"role": "assistant", "content": ""})
        cards = gr.update()
        portrait = gr.update()
        try:
            for event in bot.stream(message, session_id=session_id):
                if event.kind == "products":
                    cards = cards_html(event.reply.products)
                    portrait = event.reply.portrait
                elif event.kind == "token":
                    history[-1]["content"] += event.text
                elif event.kind == "final":
                    history[-1]["content"] = event.reply.text
                    cards = cards_html(event.reply.products)
                    portrait = event.reply.portrait
                yield history, cards, portrait, session_id, ""
        except Exception as exc:  # shown as a banner, the chat stays usable
            history[-1]["content"] = f"⚠️ {exc}"
            yield history, cards, portrait, session_id, ""

    def new_session():
        return [], cards_html([]), {}, bot.new_session(), ""

    with gr.Blocks(title="shopguide") as app:
        gr.Markdown("## 🛍️ shopguide — your shopping assistant")
        session = gr.State("")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="Chat", height=420)
                box = gr.Textbox(placeholder="What are you shopping for?", show_label=False, elem_id="sg-input")
                with gr.Row():
                    send = gr.Button("Send", variant="primary", elem_id="sg-send")
                    reset = gr.Button("New session")
                gr.Examples(EXAMPLES, inputs=box)
            with gr.Column(scale=2):
                cards = gr.HTML(cards_html([]), elem_id="sg-cards")
                portrait = gr.JSON(label="What I understood", value={})
        outputs = [chatbot, cards, portrait, session, box]
        box.submit(respond, [box, chatbot, session], outputs)
        send.click(respond, [box, chatbot, session], outputs)
        reset.click(new_session, None, outputs)
    return app


def launch(bot, host: str = "127.0.0.1", port: int = 7860) -> None:
    app = build_app(bot)
    app.queue().launch(server_name=host, server_port=port, css=CSS, show_error=True)
