"""OpenAI-compatible HTTP backend: vLLM, llama.cpp server, or any ``/v1/chat/completions``.

This is the scale path when one GPU box is not enough: the assistant stays a thin
client and the serving engine batches requests from many sessions. ``stream`` reads
server-sent events (``data: {...}`` lines, ending with ``data: [DONE]``) with httpx;
``generate`` sends a non-streaming request. Both use greedy decoding by default so
the contract (``"".join(stream(m)) == generate(m)``) holds against a deterministic server.

>>> m = OpenAICompatibleChatModel("http://127.0.0.1:8000/v1", model="smollm2")
>>> m.name
'openai:smollm2'
"""

from __future__ import annotations

import json
import time
from typing import Any, Iterator, Sequence

from assistant.errors import BackendError, ConfigError
from assistant.llm.base import ChatMessage


class OpenAICompatibleChatModel:
    """Chat completions over HTTP; cheap to construct, one pooled client per instance."""

    def __init__(self, base_url: str, model: str = "", api_key: str = "", timeout_s: float = 60.0,
                 temperature: float = 0.0) -> None:
        if not base_url:
            raise ConfigError("llm.base_url is empty: set it to the server's URL, e.g. http://127.0.0.1:8000/v1 "
                              "(SHOPGUIDE_LLM_BASE_URL or --llm-url)")
        if not base_url.startswith(("http://", "https://")):
            raise ConfigError(f"llm.base_url {base_url!r} must start with http:// or https://")
        if timeout_s <= 0:
            raise ConfigError("llm.timeout_s must be positive")
        self.base_url = base_url.rstrip("/")
        self.model = model or "default"
        self.api_key = api_key
        self.timeout_s = timeout_s
        self.temperature = temperature
        self.name = f"openai:{self.model}"
        self._client = None
        self.request_seconds: list[float] = []

    @property
    def url(self) -> str:
        """The completions endpoint; ``base_url`` may or may not already end in ``/v1``."""
        base = self.base_url if self.base_url.endswith("/v1") else self.base_url + "/v1"
        return base + "/chat/completions"

    @property
    def client(self):
        if self._client is None:
            import httpx

            headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
            self._client = httpx.Client(timeout=self.timeout_s, headers=headers)
        return self._client

    def warm_up(self) -> None:
        _ = self.client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _payload(self, messages: Sequence[ChatMessage], max_new_tokens: int, stream: bool) -> dict[str, Any]:
        return {"model": self.model, "messages": [m.to_dict() for m in messages], "max_tokens": max_new_tokens,
                "temperature": self.temperature, "stream": stream}

    def generate(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160) -> str:
        import httpx

        started = time.perf_counter()
        try:
            response = self.client.post(self.url, json=self._payload(messages, max_new_tokens, False))
        except httpx.HTTPError as exc:
            raise BackendError(f"LLM server at {self.base_url} failed: {exc}; is it running?") from exc
        _raise_for_status(response)
        try:
            data = response.json()
            content = data["choices"][0]["message"].get("content") or ""
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise BackendError(f"LLM server returned an unexpected body: {response.text[:200]!r}") from exc
        self.request_seconds.append(time.perf_counter() - started)
        return content

    def generate_json(self, messages: Sequence[ChatMessage], schema: dict[str, Any], max_new_tokens: int = 160) -> str:
        """Output constrained by the server: ``response_format`` with a JSON schema (vLLM, llama.cpp)."""
        import httpx

        payload = self._payload(messages, max_new_tokens, False)
        payload["response_format"] = {"type": "json_schema",
                                      "json_schema": {"name": "acts", "schema": schema, "strict": True}}
        try:
            response = self.client.post(self.url, json=payload)
        except httpx.HTTPError as exc:
            raise BackendError(f"LLM server at {self.base_url} failed: {exc}; is it running?") from exc
        _raise_for_status(response)
        try:
            return response.json()["choices"][0]["message"].get("content") or ""
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise BackendError(f"LLM server returned an unexpected body: {response.text[:200]!r}") from exc

    def stream(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160) -> Iterator[str]:
        import httpx

        started = time.perf_counter()
        try:
            with self.client.stream("POST", self.url, json=self._payload(messages, max_new_tokens, True)) as response:
                if response.status_code >= 400:
                    response.read()
                    _raise_for_status(response)
                for piece in parse_sse(response.iter_lines()):
                    yield piece
        except httpx.HTTPError as exc:
            raise BackendError(f"LLM server at {self.base_url} failed while streaming: {exc}") from exc
        self.request_seconds.append(time.perf_counter() - started)


def parse_sse(lines: Iterator[str]) -> Iterator[str]:
    """Text deltas from OpenAI-style server-sent events.

    >>> list(parse_sse(iter(['data: {"choices":[{"delta":{"content":"Hi"}}]}', '', 'data: [DONE]'])))
    ['Hi']
    """
    for line in lines:
        line = line.strip()
        if not line.startswith("data:"):
            continue   # blank separators, comments (": keep-alive"), event names
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            event = json.loads(data)
        except ValueError as exc:
            raise BackendError(f"LLM server sent a malformed event: {data[:200]!r}") from exc
        if "error" in event:
            raise BackendError(f"LLM server error: {event['error']}")
        for choice in event.get("choices") or []:
            piece = (choice.get("delta") or {}).get("content")
            if piece:
                yield piece


def _raise_for_status(response) -> None:
    if response.status_code >= 400:
        hint = " (check llm.api_key)" if response.status_code in (401, 403) else ""
        raise BackendError(f"LLM server answered HTTP {response.status_code}{hint}: {response.text[:200]}")
