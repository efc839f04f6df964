"""Terminal chat: streamed replies, product list, /portrait, /reset, /quit."""

from __future__ import annotations

import json


def run_terminal_chat(bot, session_id: str | None = None, input_fn=input, console=None) -> int:
    from rich.console import Console
    from rich.table import Table

    from assistant.errors import ShopguideError

    console = console or Console()
    session_id = bot.new_session(session_id)
    console.print(f"[bold]shopguide[/bold] — session {session_id}. Type /portrait, /reset or /quit.")
    while True:
        try:
            text = input_fn("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            console.print()
            return 0
        if not text:
            continue
        if text in ("/quit", "/exit"):
            return 0
        if text == "/portrait":
            console.print_json(json.dumps(bot.get_portrait(session_id).to_json()))
            continue
        if text == "/reset":
            session_id = bot.new_session()
            console.print(f"new session {session_id}")
            continue
        try:
            console.print("[bold cyan]shopguide>[/bold cyan] ", end="")
            final = None
            for event in bot.stream(text, session_id=session_id):
                if event.kind == "token":
                    console.print(event.text, end="", markup=False, highlight=False)
                elif event.kind == "final":
                    final = event.reply
            console.print()
        except ShopguideError as exc:
            console.print(f"[red]error:[/red] {exc}")
            continue
        if final.fallback or final.grounding_issues:
            console.print(f"[dim](reply rewritten from catalog facts)[/dim]")
        table = Table(show_header=True, header_style="bold")
        for col in ("#", "product", "brand", "price", "rating", "why"):
            table.add_column(col)
        for i, shown in enumerate(final.products, start=1):
            p = shown.product
            table.add_row(str(i), p.title, p.brand, f"{p.price:,.2f} {p.currency}" if p.price is not None else "?",
                          f"{p.rating:.1f}" if p.rating is not None else "", shown.why + (
                              f" [red]({'; '.join(shown.violates)})[/red]" if shown.violates else ""))
        if final.products:
            console.print(table)
        elif final.notice:
            console.print(final.notice)
