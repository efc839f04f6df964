"""The conversational layer: portrait, guide, LLM backends, sessions, and ``Assistant``."""

from assistant.assistant import Assistant
from assistant.config import Settings, load_settings
from assistant.errors import ShopguideError
from assistant.portrait.model import Portrait
from assistant.reply import Reply

__all__ = ["Assistant", "Portrait", "Reply", "Settings", "ShopguideError", "load_settings"]
