"""Terminal chat (``shopguide chat``): streamed replies, a product table, slash commands.

Commands: ``/portrait`` (what the assistant believes), ``/history`` (this session's
turns), ``/reset`` (new session), ``/help``, ``/quit``. Catalog text is printed as
plain ``rich.text.Text``, never as markup, so a title like ``[red]`` prints literally.
Line editing and input history come from ``readline`` where available, saved in
``$SHOPGUIDE_HOME/chat_history``.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import sys
from pathlib import Path
from typing import Callable

HELP = "Commands: /portrait  /history  /reset  /help  /quit   (anything else is a message)"


def _readline_history(path: Path | None):
    """Enable arrow-key history; returns a function that saves it (or does nothing)."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return lambda: None
    if path is None:
        return lambda: None
    try:
        readline.read_history_file(path)
    except OSError:
        pass
    readline.set_history_length(1000)

    def save() -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(path)
        except OSError:
            pass

    return save


def product_table(products):
    """A rich ``Table`` of shown products; every cell is plain text."""
    from rich.table import Table
    from rich.text import Text

    from ui.cards import key_attributes, price_text

    table = Table(show_header=True, header_style="bold", expand=True, show_lines=False)
    table.add_column("#", justify="right", width=2)
    table.add_column("product", ratio=3)
    table.add_column("price", justify="right", no_wrap=True)
    table.add_column("rating", no_wrap=True)
    table.add_column("why this pick", ratio=3)
    for i, shown in enumerate(products, start=1):
        p = shown.product
        name = Text(p.title, style="bold")
        name.append(f"\n{p.brand}", style="dim")
        facts = ", ".join(key_attributes(p, 4))
        if facts:
            name.append(f"\n{facts}", style="dim italic")
        why = Text(shown.why)
        if shown.violates:
            why.append(f"\nnot a full match: {'; '.join(shown.violates)}", style="red")
        rating = f"★ {p.rating:.1f} ({p.review_count:,})" if p.rating is not None else ""
        table.add_row(str(i), name, Text(price_text(p), style="green"), Text(rating, style="yellow"), why)
    return table


def _budget_text(low, high) -> str:
    """``(None, 150)`` → ``"up to 150"``; ``(50, 100)`` → ``"50 – 100"``; nothing → ``""``."""
    if low is not None and high is not None:
        return f"{low:g} – {high:g}"
    if high is not None:
        return f"up to {high:g}"
    return f"from {low:g}" if low is not None else ""


def portrait_panel(portrait: dict):
    """The portrait as a two-column table of the fields that are set."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    budget = portrait.get("budget") or {}
    rows = [
        ("looking for", portrait.get("needs")), ("category", portrait.get("category")),
        ("budget", _budget_text(budget.get("min"), budget.get("max"))),
        ("likes brands", ", ".join((portrait.get("brands") or {}).get("liked") or [])),
        ("avoids brands", ", ".join((portrait.get("brands") or {}).get("excluded") or [])),
        ("wants", ", ".join((portrait.get("attributes") or {}).get("wanted") or [])),
        ("doesn't want", ", ".join((portrait.get("attributes") or {}).get("unwanted") or [])),
        ("must have", ", ".join(portrait.get("must_haves") or [])),
        ("deal-breakers", ", ".join(portrait.get("deal_breakers") or [])),
        ("for", portrait.get("recipient")), ("occasion", portrait.get("occasion")),
    ]
    shown = [(k, v) for k, v in rows if v]
    for key, value in shown or [("", "nothing yet — tell me what you are looking for")]:
        table.add_row(key, Text(str(value)))
    return table


def warm_up_quietly(bot, console) -> None:
    """Load the embedder and the LLM before the first prompt, under a spinner.

    Model libraries draw their own loading bars on stderr ("Loading weights: 100%|████|");
    drawn during the first turn they landed on top of the streamed reply. Here they are
    swallowed (shown only if loading fails), and the first reply starts at once.
    """
    from rich.text import Text

    from assistant.errors import ShopguideError

    warm = getattr(bot, "warm_up", None)
    if warm is None:
        return
    captured = io.StringIO()
    try:
        with console.status("loading models…"), contextlib.redirect_stderr(captured):
            warm()
    except ShopguideError as exc:   # e.g. nothing indexed yet: say it now, the prompt still opens
        console.print(Text(f"error: {exc}", style="red"))
    except Exception:
        sys.stderr.write(captured.getvalue())
        raise


def run_terminal_chat(bot, session_id: str | None = None, input_fn: Callable[[str], str] = input,
                      console=None, history_file: Path | None = None) -> int:
    """Read messages until /quit or end of input; returns the exit code (0)."""
    from rich.console import Console
    from rich.panel import Panel
    from rich.rule import Rule
    from rich.text import Text

    console = console or Console()
    if history_file is None and input_fn is input:
        history_file = Path(bot.settings.home) / "chat_history"
    save_history = _readline_history(history_file) if input_fn is input else (lambda: None)
    session_id = bot.new_session(session_id)
    warm_up_quietly(bot, console)
    console.print(Panel.fit(Text.assemble(("shopguide", "bold magenta"), " — your shopping assistant\n",
                                          (f"session {session_id}\n", "dim"), (HELP, "dim"))))
    try:
        while True:
            try:
                text = input_fn("you> ").strip()
            except (EOFError, KeyboardInterrupt):
                console.print()
                return 0
            if not text:
                continue
            command = text.lower()
            if command in ("/quit", "/exit", "/q"):
                return 0
            if command == "/help":
                console.print(HELP, style="dim")
                continue
            if command == "/portrait":
                console.print(Panel(portrait_panel(bot.get_portrait(session_id).to_json()),
                                    title="what I understood", expand=False))
                continue
            if command == "/history":
                turns = bot.sessions.history(session_id)
                if not turns:
                    console.print("no messages yet", style="dim")
                for row in turns:
                    style = "bold" if row["role"] == "user" else ""
                    console.print(Text.assemble((f"[{row['turn']}] {row['role']}: ", "cyan"), (row["text"], style)))
                continue
            if command == "/reset":
                session_id = bot.new_session()
                console.print(Rule(f"new session {session_id}", style="dim"))
                continue
            if text.startswith("/"):
                console.print(f"unknown command {text.split()[0]!r}. {HELP}", style="yellow", markup=False)
                continue
            _turn(bot, text, session_id, console)
    finally:
        save_history()


def _turn(bot, text: str, session_id: str, console) -> None:
    """One message: tokens as they stream, then the (possibly rewritten) intro and the products."""
    from rich.text import Text

    from assistant.errors import ShopguideError

    console.print(Text("shopguide> ", style="bold magenta"), end="")
    final, streamed, bold, held = None, "", BoldStream(), TableHold()
    try:
        for event in bot.stream(text, session_id=session_id):
            if event.kind == "token":
                streamed += event.text
                console.print(bold.feed(held.feed(event.text)), end="")
            elif event.kind == "final":
                final = event.reply
    except ShopguideError as exc:
        console.print()
        console.print(Text(f"error: {exc}", style="red"))
        return
    console.print(bold.feed("", end=True))
    if final is not None and final.text.strip() != streamed.strip():  # the draft was replaced (grounding check)
        if streamed.strip():
            console.print(Text("(rewritten from catalog facts)", style="dim"))
        held = TableHold()
        console.print(BoldStream().feed(held.feed(final.text), end=True))
    table = held.table()
    if table is not None:
        console.print(table)     # a comparison's Markdown table, as a table
    if final is None:
        return
    if final.products:
        console.print(product_table(final.products))
    elif final.notice:
        console.print(Text(final.notice, style="yellow"))


class TableHold:
    """The lines of a Markdown pipe table (a comparison) held back from the streamed text and shown as a rich table.

    >>> h = TableHold()
    >>> h.feed("Cheaper: the first.\\n\\n| | 1. A | 3. B |\\n|---|"), h.feed("---|---|\\n| Price | $5 | $9 |\\n")
    ('Cheaper: the first.\\n\\n', '')
    >>> t = h.table(); [c.header for c in t.columns], t.row_count
    (['', '1. A', '3. B'], 1)
    """

    def __init__(self) -> None:
        self.rows: list[str] = []
        self.held: str | None = None
        self.at_start = True

    def feed(self, text: str) -> str:
        out = []
        for piece in re.split(r"(\n)", text):
            if piece == "\n":
                if self.held is not None:
                    self.rows.append(self.held)
                else:
                    out.append("\n")
                self.held, self.at_start = None, True
            elif piece:
                if self.held is not None:
                    self.held += piece
                elif self.at_start and piece.lstrip().startswith("|"):
                    self.held = piece
                else:
                    out.append(piece)
                self.at_start = False
        return "".join(out)

    def table(self):
        """The held rows as a rich ``Table`` (header, then the rows; the ``---`` line dropped), or None."""
        from rich.table import Table

        rows = [[html.unescape(c.strip()) for c in r.strip().strip("|").split("|")]
                for r in self.rows + ([self.held] if self.held else [])]
        rows = [r for r in rows if not all(re.fullmatch(r"-+", c) for c in r)]
        if len(rows) < 2:
            return None
        table = Table(show_header=True, header_style="bold")
        for cell in rows[0]:
            table.add_column(cell)
        for row in rows[1:]:
            table.add_row(*row)
        return table


class BoldStream:
    """Streamed reply text → ``rich.text.Text`` with the reply's ``**bold**`` shown bold, not as asterisks.

    The text stays plain text (catalog words are never read as markup); a ``*`` at the end of
    one token waits for the next, since "**" can arrive split in two.

    >>> b = BoldStream()
    >>> [(t.plain, [str(s.style) for s in t.spans]) for t in (b.feed("**What I under"), b.feed("stood:*"),
    ...                                                       b.feed("* tents [red]"), b.feed("", end=True))]
    [('What I under', ['bold']), ('stood:', ['bold']), (' tents [red]', []), ('', [])]
    >>> [t.plain for t in (b.feed("rc &am"), b.feed("p; vehicles \\(kids\\)"), b.feed("", end=True))]
    ['rc ', '& vehicles (kids)', '']
    """

    def __init__(self) -> None:
        self.bold = False
        self.pending = ""

    def feed(self, text: str, end: bool = False):
        from rich.text import Text

        text = self.pending + text
        self.pending = ""
        if not end and text.endswith("*") and not text.endswith("**"):
            text, self.pending = text[:-1], "*"
        split = re.search(r"(?:&[a-z#0-9]{0,7}|\\)$", text) if not end else None
        if split:       # an escape cut in two ("&am" + "p;") waits for its end
            text, self.pending = text[:split.start()], text[split.start():] + self.pending
        out = Text()
        for i, part in enumerate(text.split("**")):
            if i:
                self.bold = not self.bold
            if part:
                # the reply's Markdown escapes ("rc &amp; vehicles", "\(", from ``escape_markdown``) read as the text
                out.append(html.unescape(re.sub(r"\\([\\`*_\[\]()#!|~])", r"\1", part)),
                           style="bold" if self.bold else None)
        if end:
            self.bold = False
        return out

