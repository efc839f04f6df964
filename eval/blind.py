"""Blind suites: gold labels kept in the repo, the texts they label read from shared data.

A ``kind: blind`` suite file (``eval/suites/webshop-blind/gold.yaml``) holds gold portrait
slots keyed by the index of a text in a shared data file that must never be committed
(``source: shared:webshop/human_goals.json``, a JSON list of strings). Each labelled text
becomes a one-turn conversation ``<suite>-<index>`` in the shared raw format (parsed and
validated by ``eval.conversations``, which calls this module), so the harness and the
portrait evaluator score it like any hand-written conversation.

Why the split: the dev portrait suite is what the rules were tuned on; a number measured
on it says little about shoppers nobody tuned for. The blind labels were written before
the code ran on these texts and must not be used for tuning.

Each entry carries ``sha1`` (first 8 hex digits of the text's SHA-1): if the data file
changes, the suite fails loudly instead of scoring gold against the wrong text.

>>> _digest("i need a long clip-in hair extension which is natural looking")
'22392aa8'
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from eval.schema import SuiteError

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def source_path(ref: str, base: Path) -> Path:
    """``shared:webshop/x.json`` → the shared data folder beside the checkout; else relative to ``base``."""
    if ref.startswith("shared:"):
        return SHARED_DATA / ref[len("shared:"):]
    path = Path(ref).expanduser()
    return path if path.is_absolute() else base / path


def blind_conversations(data: dict[str, Any], file: Path) -> list[dict[str, Any]]:
    """The one-turn conversations (raw mappings) of a ``kind: blind`` suite (see the module docstring)."""
    ref = data.get("source")
    gold = data.get("gold")
    if not isinstance(ref, str) or not isinstance(gold, dict) or not gold:
        raise SuiteError(f"{file}: a blind suite needs `source:` (a JSON list of texts) and a `gold:` mapping")
    path = source_path(ref, file.parent)
    if not path.exists():
        raise SuiteError(f"{file}: the labelled texts are not here: {path} is missing (blind suites read the "
                         "shared data folder ../shared/data beside the checkout at run time; it is never committed)")
    texts = json.loads(path.read_text(encoding="utf-8"))
    name = file.parent.name
    out = []
    for index, entry in sorted(gold.items()):
        where = f"{file}: entry {index}"
        if not isinstance(index, int) or not 0 <= index < len(texts):
            raise SuiteError(f"{where}: the index is not in {path.name} ({len(texts)} texts)")
        if not isinstance(entry, dict):
            raise SuiteError(f"{where}: expected a mapping of gold slots")
        slots = dict(entry)
        expected = str(slots.pop("sha1", ""))
        text = str(texts[index])
        if expected != _digest(text):
            raise SuiteError(f"{where}: sha1 {expected!r} does not match the text ({_digest(text)!r}); "
                             f"{path} changed since labelling")
        out.append({"id": f"{name}-{index}", "tags": ["blind"],
                    "turns": [{"user": text, "expect": {"portrait": slots}}]})
    return out
