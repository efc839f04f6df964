"""``shopguide chat`` in the terminal: a scripted conversation against the fake assistant."""

from __future__ import annotations

import io

from rich.console import Console

from ui.terminal import run_terminal_chat


def _run(bot, lines, session_id=None):
    out = io.StringIO()
    console = Console(file=out, width=140, force_terminal=False, color_system=None)
    script = iter(lines)

    def fake_input(prompt: str) -> str:
        try:
            return next(script)
        except StopIteration:
            raise EOFError from None

    code = run_terminal_chat(bot, session_id=session_id, input_fn=fake_input, console=console)
    return code, out.getvalue()


def test_chat_streams_reply_and_lists_products(fake_assistant):
    fake_assistant.llm.enqueue("Here are a few great jackets for your hike.")
    code, out = _run(fake_assistant, ["waterproof jacket under $150", "/quit"], session_id="t1")
    assert code == 0
    assert out.count("shopguide> ") == 1
    assert "Here are a few great jackets for your hike." in out.split("shopguide> ", 1)[1]
    assert "Tidewater Packable Rain Jacket" in out  # product table
    assert "$79.50" in out
    if "Alpenlite Storm Shell" in out:  # $169 is over budget: only ever as a marked alternative
        assert "not a full match: price $169.00 is over" in " ".join(out.split())


def test_portrait_history_and_reset_commands(fake_assistant):
    code, out = _run(fake_assistant, ["a jacket under $150", "/portrait", "/history", "/reset", "/portrait",
                                      "/nonsense", "/quit"], session_id="t2")
    assert code == 0
    portrait_part = out.split("what I understood", 1)[1]
    assert "budget" in portrait_part and "150" in portrait_part
    assert "[0] user: a jacket under $150" in out
    assert "new session" in out
    # after /reset the second /portrait is empty and the old session is untouched
    assert "nothing yet" in out.split("new session", 1)[1]
    assert fake_assistant.get_portrait("t2").budget_max == 150
    assert "unknown command '/nonsense'" in out


def test_end_of_input_quits_and_errors_are_shown(fake_assistant, tmp_path):
    code, out = _run(fake_assistant, ["x" * 5000])
    assert code == 0
    assert "error: the message is too long" in out


def test_catalog_markup_is_printed_literally(fake_assistant, fake_index):
    from retrieval.catalog.product import Product

    fake_index.ingest([Product.from_dict({"id": "X1", "title": "[red]Loud[/red] <script>Jacket</script>",
                                          "category": "Outdoor & Hiking > Jackets", "brand": "Nordvik",
                                          "price": 20.0, "attributes": {"features": ["waterproof"]}})])
    _, out = _run(fake_assistant, ["[red]Loud[/red] <script>Jacket</script> waterproof", "/quit"])
    assert "[red]Loud[/red] <script>Jacket</script>" in out


def test_reply_bold_markers_are_not_printed_as_asterisks(fake_assistant):
    # found in a pty: "**What I understood:**" and "**Top picks**" printed with their asterisks
    code, out = _run(fake_assistant, ["waterproof jacket under $150", "/quit"], session_id="t9")
    assert code == 0
    reply = out.split("shopguide> ", 1)[1]
    assert "What I understood:" in reply and "**" not in reply


def test_the_chat_command_turns_model_loading_bars_off_before_the_first_reply(monkeypatch):
    # a model loaded lazily on a later turn (the question matcher's embedder) drew "Loading weights" over a reply
    import types
    from transformers.utils import logging as hf_logging
    import ui.cli_chat as cli_chat
    import ui.terminal as terminal

    class Bot:
        def warm_up(self):
            pass

    seen = {}
    monkeypatch.setattr(cli_chat, "_assistant", lambda args: Bot())
    def run(bot, session_id=None):
        seen["bars"] = hf_logging.is_progress_bar_enabled()
        return 0

    monkeypatch.setattr(terminal, "run_terminal_chat", run)
    hf_logging.enable_progress_bar()
    try:
        assert cli_chat.cmd_chat(types.SimpleNamespace(session=None)) == 0
        assert seen["bars"] is False
    finally:
        hf_logging.enable_progress_bar()
