"""The conversational layer: portrait, guide, LLM backends, sessions, and ``Assistant``.

The names below load on first use (PEP 562), so importing one part of the package
(``assistant.llm.local`` on a GPU box, ``assistant.errors``) does not pull in the whole
pipeline (Chroma, the embedder, the retrieval stack).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - for type checkers and readers
    from assistant.assistant import Assistant
    from assistant.config import Settings, load_settings
    from assistant.errors import ShopguideError
    from assistant.portrait.model import Portrait
    from assistant.reply import Reply

_EXPORTS = {
    "Assistant": "assistant.assistant",
    "Settings": "assistant.config",
    "load_settings": "assistant.config",
    "ShopguideError": "assistant.errors",
    "Portrait": "assistant.portrait.model",
    "Reply": "assistant.reply",
}

__all__ = ["Assistant", "Portrait", "Reply", "Settings", "ShopguideError", "load_settings"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
