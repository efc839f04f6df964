"""Which language a message is written in: ``detect_language(text) -> "zh" | "en"``.

Per message, not per session: a shopper may switch. Chinese grammar carries a mixed
message ("想要一个 waterproof 的 jacket": the English words are product words), so any
run of two or more CJK characters makes a message Chinese; a lone character (a brand
written "小米" is two, a stray "的" is one) in English text does not.

>>> [detect_language(s) for s in ("a waterproof jacket", "想要一个 waterproof 的 jacket", "保温杯", "ok 的")]
['en', 'zh', 'zh', 'en']
"""

from __future__ import annotations

import re

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def detect_language(text: str) -> str:
    return "zh" if _CJK_RUN.search(text or "") else "en"
