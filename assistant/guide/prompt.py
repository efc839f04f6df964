"""The prompt for the guide's prose: template data from ``prompts/guide.yaml`` filled with facts.

Catalog and shopper text enter the prompt as data between ``<data>`` tags, so both are
sanitised first: a product description cannot close the tag and speak as the system.
"""

from __future__ import annotations

import re

from assistant.guide.render import picks_block, understood_text
from assistant.llm.base import ChatMessage, Role, system, user
from assistant.portrait.model import Portrait
from prompts import load_prompt
from retrieval.catalog.product import Product


def build_messages(request: str, portrait: Portrait, products: list[Product], problem: str = "",
                   draft: str = ""):
    """Prompt messages for the prose; with ``problem``, the regeneration that points it out."""
    prompt = load_prompt("guide")
    sys_text, user_text = prompt.render(
        request=sanitize(request), understood=sanitize(understood_text(portrait)),
        picks=sanitize(picks_block(products)),
    )
    shots = [m for u, a in prompt.examples for m in (user(u), ChatMessage(Role.ASSISTANT, a))]
    messages = [system(sys_text), *shots, user(user_text)]
    if problem:
        fix_sys, fix_user = load_prompt("guide_fix").render(problem=sanitize(problem))
        messages += [ChatMessage(Role.ASSISTANT, sanitize(draft)), user(fix_user)]
    return messages


def warm_up_messages():
    """A guide prompt with no picks: generating one token from it at start leaves the fixed
    system text and worked example in the model's prefix cache, so the first real turn
    computes only its own part (``assistant.llm.prefix_cache``)."""
    return build_messages("", Portrait(), [])


def sanitize(text: str) -> str:
    """Catalog/user text is data: strip the tags that delimit data in the prompt."""
    return re.sub(r"</?\s*data\s*>", "", text, flags=re.IGNORECASE)
