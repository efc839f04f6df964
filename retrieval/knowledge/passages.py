"""Split shop documents into passages, one per section (heading + its text).

A customer asks about one thing ("can I return it?"), and a whole policy page matched
to that would bury the answer, so each heading starts a passage. Section names are
kept because the reply cites them ("Returns policy › Refunds").

>>> [(p.section, p.text) for p in split_document("policy.md", "# Returns\\nWithin 30 days.\\n## Refunds\\nTo the card.")]
[('Returns', 'Within 30 days.'), ('Returns › Refunds', 'To the card.')]
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """Sentences of a passage: split after . ! ? before a capital or digit ("$5.00" stays whole).

    >>> sentences("Costs $5.00 each. Free over $75! Ask us.")
    ['Costs $5.00 each.', 'Free over $75!', 'Ask us.']
    """
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


@dataclass(frozen=True)
class Passage:
    """One section of one document; ``id`` is stable for the same document, section and text."""

    document: str
    section: str
    text: str

    @property
    def id(self) -> str:
        return hashlib.sha1(f"{self.document}\x00{self.section}\x00{self.text}".encode()).hexdigest()[:20]

    @property
    def source(self) -> str:
        """How a reply cites it: "policy.md › Returns"."""
        return f"{self.document} › {self.section}" if self.section else self.document

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "document": self.document, "section": self.section, "text": self.text}

    def __repr__(self) -> str:
        return f"Passage({self.source!r}, {self.text[:40]!r})"


def _sections_markdown(text: str) -> list[tuple[list[str], list[str]]]:
    """(heading path, lines) per section; text before the first heading has an empty path."""
    out: list[tuple[list[str], list[str]]] = [([], [])]
    path: list[tuple[int, str]] = []
    for line in text.splitlines():
        m = _MD_HEADING.match(line)
        if m:
            level = len(m.group(1))
            path = [(lv, name) for lv, name in path if lv < level] + [(level, m.group(2).strip())]
            out.append(([name for _, name in path], []))
        else:
            out[-1][1].append(line)
    return out


class _HTMLSections(HTMLParser):
    """h1–h6 start sections; script/style are dropped; block tags end lines."""

    _BLOCK = {"p", "li", "br", "div", "tr", "section", "article"}

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = [""]
        self._skip = 0
        self._heading: int | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = int(tag[1])
            self.lines.append("#" * self._heading + " ")
        elif tag in self._BLOCK:
            self.lines.append("")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = None
            self.lines.append("")
        elif tag in self._BLOCK:
            self.lines.append("")

    def handle_data(self, data):
        if not self._skip:
            self.lines[-1] += " ".join(data.split()) if self._heading else data


def html_to_markdown(html: str) -> str:
    parser = _HTMLSections()
    parser.feed(html)
    return "\n".join(line.strip() for line in parser.lines)


def _plain_to_markdown(text: str) -> str:
    """Plain text: a short line without final punctuation, followed by text, is a heading."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        s = line.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        prev = lines[i - 1].strip() if i else ""
        if s and nxt and not prev and len(s) <= 60 and not s.endswith((".", "!", "?", ",", ";")):
            out.append("## " + s.rstrip(":"))
        else:
            out.append(line)
    return "\n".join(out)


def split_document(name: str, text: str) -> list[Passage]:
    """Passages of one document (``name`` decides the format by its suffix); empty sections dropped."""
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm"):
        text = html_to_markdown(text)
    elif suffix == ".txt":
        text = _plain_to_markdown(text)
    passages = []
    for path, lines in _sections_markdown(text):
        body = " ".join(" ".join(lines).split())
        if body:
            passages.append(Passage(name, " › ".join(path), body))
    return passages


def read_documents(path: str | Path) -> dict[str, list[Passage]]:
    """Passages per document name for a file or a folder of files (``SUFFIXES``), sorted by name."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        names = {f: f.relative_to(path).as_posix() for f in files}
    elif path.is_file():
        if path.suffix.lower() not in SUFFIXES:
            raise ValueError(f"{path.name}: not a knowledge file (expected one of {', '.join(SUFFIXES)})")
        names = {path: path.name}
    else:
        raise FileNotFoundError(f"{path}: no such file or folder")
    # every file is read and checked before anything is written: one bad file refuses the whole add
    return {name: _checked(name, split_document(name, read_text(f, name))) for f, name in names.items()}


MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MIN_LETTER_SHARE = 0.5   # letters among the non-space characters of real prose are ~80%; binary junk ~10-40%


def read_text(path: Path, name: str) -> str:
    """A document's text, or ``ValueError`` naming the file: too large, binary, or not UTF-8.

    Strict on purpose: decoding with replacement characters would index garbage that then
    answers shop questions; a file cut off inside a multi-byte character fails here too.
    """
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise ValueError(f"{name}: {size} bytes is larger than {MAX_DOCUMENT_BYTES // 2**20} MB; split it into sections")
    data = path.read_bytes()
    if b"\x00" in data:
        raise ValueError(f"{name}: binary data (NUL bytes), not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "save it as UTF-8") from None


def _checked(name: str, passages: list[Passage]) -> list[Passage]:
    """Refuse a document with no text, or whose text is mostly not letters (binary junk, tag soup).

    >>> _checked("junk.html", split_document("junk.html", "<<<>>> %%% ### <div>}{}{ ^^ 0x00ff ~~ ||</div>"))
    Traceback (most recent call last):
    ...
    ValueError: junk.html: does not look like text (11% letters); check the file
    """
    text = "".join("".join(p.text.split()) for p in passages)
    if not text:
        raise ValueError(f"{name}: no text found (empty, or markup only); nothing was changed")
    share = sum(c.isalpha() for c in text) / len(text)
    if share < MIN_LETTER_SHARE:
        raise ValueError(f"{name}: does not look like text ({share:.0%} letters); check the file")
    return passages
