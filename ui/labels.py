"""The UI's own words in the shopper's language: ``labels("zh")["send"] == "发送"``.

Labels, buttons, placeholders and card captions live in ``ui/lang/<code>.yaml`` (one file
per language, the same keys), never in the code. The language is the UI setting when
one is chosen, otherwise the language of the shopper's last message
(``retrieval.text.detect``), so a shopper who writes Chinese gets a Chinese page.

>>> labels("zh")["fields"]["recipient"], labels("en")["send"]
('送给谁', 'Send')
>>> ui_language("我想给妈妈买保温杯", "auto"), ui_language("a mug", "auto"), ui_language("a mug", "zh")
('zh', 'en', 'zh')
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from retrieval.text.detect import detect_language

# the language setting's choices: (shown name, code); "auto" follows the shopper's messages
CHOICES = (("Auto / 自动", "auto"), ("English", "en"), ("中文", "zh"))


def available() -> list[str]:
    folder = resources.files("ui").joinpath("lang")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=None)
def labels(language: str = "en") -> dict:
    """The label table of ``language`` (English for a language without one)."""
    code = language if language in available() else "en"
    text = resources.files("ui").joinpath("lang", f"{code}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def ui_language(message: str, setting: str = "auto", current: str = "en") -> str:
    """The page's language: the setting, or the language of ``message`` (``current`` when empty)."""
    if setting and setting != "auto":
        return setting if setting in available() else "en"
    if not (message or "").strip():
        return current
    return detect_language(message)
