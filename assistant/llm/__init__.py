"""LLM backends behind one protocol; ``make_chat_model`` picks one from settings."""

from __future__ import annotations

from assistant.llm.base import ChatMessage, ChatModel, Role, system, user
from assistant.llm.fake import FakeChatModel

__all__ = ["ChatMessage", "ChatModel", "FakeChatModel", "Role", "make_chat_model", "system", "user"]


def make_chat_model(settings) -> ChatModel:
    """Build the configured backend (cheap: weights load on first use)."""
    llm = settings.llm
    if llm.backend == "fake":
        return FakeChatModel()
    if llm.backend == "openai":
        from assistant.llm.openai_compat import OpenAICompatibleChatModel

        return OpenAICompatibleChatModel(base_url=llm.base_url, model=llm.model, api_key=llm.api_key,
                                         timeout_s=llm.timeout_s, temperature=llm.temperature,
                                         max_retries=llm.max_retries)
    from assistant.llm.local import TransformersChatModel

    return TransformersChatModel(model=llm.model, cache_dir=settings.models_dir, device=llm.device,
                                 quantization=llm.quantization, temperature=llm.temperature)
