"""OpenAI-compatible HTTP backend: vLLM, llama.cpp server, or any ``/v1/chat/completions``.

This is the scale path when one GPU box is not enough: the assistant stays a thin
client and the serving engine batches requests from many sessions. The wire protocol
(server-sent events, error bodies, retries on 429/5xx with backoff and ``Retry-After``,
timeouts) is the kept ``openai`` client's job, not ours: it is what vLLM and the
llama.cpp server are tested against. Greedy decoding by default, so the contract
(``"".join(stream(m)) == generate(m)``) holds against a deterministic server.

Cancellation (``cancel`` set by another thread, e.g. the portrait fill's time budget)
closes the HTTP stream, which tells the server to stop generating, and returns the
text received so far; ``generate`` streams internally so it can be cancelled the same
way.

>>> m = OpenAICompatibleChatModel("http://127.0.0.1:8000/v1", model="smollm2")
>>> m.name
'openai:smollm2'
"""

from __future__ import annotations

import threading
import time
from typing import Any, Iterator, Sequence

from assistant.errors import BackendError, ConfigError, LLMTimeout
from assistant.llm.base import ChatMessage


class OpenAICompatibleChatModel:
    """Chat completions over HTTP; cheap to construct, one pooled client per instance."""

    def __init__(self, base_url: str, model: str = "", api_key: str = "", timeout_s: float = 60.0,
                 temperature: float = 0.0, max_retries: int = 2) -> None:
        if not base_url:
            raise ConfigError("llm.base_url is empty: set it to the server's URL, e.g. http://127.0.0.1:8000/v1 "
                              "(SHOPGUIDE_LLM_BASE_URL or --llm-url)")
        if not base_url.startswith(("http://", "https://")):
            raise ConfigError(f"llm.base_url {base_url!r} must start with http:// or https://")
        if timeout_s <= 0:
            raise ConfigError("llm.timeout_s must be positive")
        if max_retries < 0:
            raise ConfigError("llm.max_retries must be 0 or more")
        self.base_url = base_url.rstrip("/")
        self.model = model or "default"
        self.api_key = api_key
        self.timeout_s = timeout_s
        self.temperature = temperature
        self.max_retries = max_retries
        self.name = f"openai:{self.model}"
        self._client = None
        self.request_seconds: list[float] = []
        # how this server takes a JSON schema: OpenAI's "json_schema" (vLLM, llama.cpp's llama-server) or
        # llama-cpp-python's "json_object" + "schema"; learnt from the first refusal, then kept
        self.json_dialect = "json_schema"

    @property
    def api_base(self) -> str:
        """The ``/v1`` root; ``base_url`` may or may not already end in ``/v1``."""
        return self.base_url if self.base_url.endswith("/v1") else self.base_url + "/v1"

    @property
    def client(self):
        if self._client is None:
            try:
                import openai
            except ImportError as exc:  # pragma: no cover - install hint
                raise ConfigError("the openai backend needs the openai client: pip install 'openai>=1.40'") from exc
            # an empty key still has to be a string (local servers ignore it); passing every value
            # explicitly keeps the client from falling back to OPENAI_* environment variables
            self._client = openai.OpenAI(base_url=self.api_base, api_key=self.api_key or "none",
                                         organization="", project="", timeout=self.timeout_s,
                                         max_retries=self.max_retries)
        return self._client

    def warm_up(self) -> None:
        _ = self.client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _request(self, messages: Sequence[ChatMessage], max_new_tokens: int) -> dict[str, Any]:
        return {"model": self.model, "messages": [m.to_dict() for m in messages], "max_tokens": max_new_tokens,
                "temperature": self.temperature}

    def generate(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160,
                 cancel: threading.Event | None = None) -> str:
        if cancel is not None:
            return "".join(self.stream(messages, max_new_tokens, cancel=cancel))
        started = time.perf_counter()
        with _backend_errors(self.base_url):
            completion = self.client.chat.completions.create(**self._request(messages, max_new_tokens), stream=False)
        try:
            content = completion.choices[0].message.content or ""
        except (AttributeError, IndexError, TypeError) as exc:
            raise BackendError(f"LLM server returned an unexpected body: {str(completion)[:200]!r}") from exc
        self.request_seconds.append(time.perf_counter() - started)
        return content

    def generate_json(self, messages: Sequence[ChatMessage], schema: dict[str, Any], max_new_tokens: int = 160) -> str:
        """Output constrained by the server: ``response_format`` with a JSON schema.

        OpenAI's form (``{"type": "json_schema", ...}``: vLLM, llama.cpp's ``llama-server``) is sent
        first; a server that rejects it by naming ``response_format`` (llama-cpp-python's server takes
        ``{"type": "json_object", "schema": ...}``) is asked again in that form, and the form that worked
        is kept for the next requests.
        """
        started = time.perf_counter()
        try:
            completion = self._create_json(messages, schema, max_new_tokens)
        except BackendError as exc:
            if self.json_dialect != "json_schema" or not _rejects_response_format(exc):
                raise
            self.json_dialect = "json_object"
            completion = self._create_json(messages, schema, max_new_tokens)
        try:
            content = completion.choices[0].message.content or ""
        except (AttributeError, IndexError, TypeError) as exc:
            raise BackendError(f"LLM server returned an unexpected body: {str(completion)[:200]!r}") from exc
        self.request_seconds.append(time.perf_counter() - started)
        return content

    def _create_json(self, messages: Sequence[ChatMessage], schema: dict[str, Any], max_new_tokens: int):
        if self.json_dialect == "json_schema":
            response_format = {"type": "json_schema", "json_schema": {"name": "acts", "schema": schema, "strict": True}}
        else:
            response_format = {"type": "json_object", "schema": schema}
        with _backend_errors(self.base_url):
            return self.client.chat.completions.create(**self._request(messages, max_new_tokens), stream=False,
                                                       response_format=response_format)

    def stream(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160,
               cancel: threading.Event | None = None) -> Iterator[str]:
        if cancel is not None and cancel.is_set():
            return
        started = time.perf_counter()
        with _backend_errors(self.base_url):
            events = self.client.chat.completions.create(**self._request(messages, max_new_tokens), stream=True)
            # a watcher closes the stream when ``cancel`` is set, which unblocks a read that waits on the server
            done = threading.Event()
            if cancel is not None:
                threading.Thread(target=_close_on, args=(cancel, done, events), daemon=True,
                                 name="openai-cancel").start()
            try:
                for event in events:
                    if cancel is not None and cancel.is_set():
                        return
                    for choice in event.choices or []:
                        piece = choice.delta.content if choice.delta else None
                        if piece:
                            yield piece
            except Exception:
                if cancel is not None and cancel.is_set():
                    return      # the read failed because we closed the stream
                raise
            finally:
                done.set()
                events.close()
        self.request_seconds.append(time.perf_counter() - started)


def _close_on(cancel: threading.Event, done: threading.Event, events) -> None:
    while not done.is_set():
        if cancel.wait(0.05):
            _shutdown_socket(events)   # closing alone does not wake a read blocked on the socket
            events.close()
            return


def _shutdown_socket(events) -> None:
    """Shut the stream's socket down so a ``recv`` blocked in another thread returns at once."""
    import socket

    try:
        stream = events.response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
    except (AttributeError, OSError):   # another transport, or already closed: closing the stream still helps
        pass


def _rejects_response_format(exc: BackendError) -> bool:
    """The server refused the request because of the ``response_format`` form (HTTP 400/422/500 naming it)."""
    cause = exc.__cause__
    status = getattr(cause, "status_code", None)
    body = f"{getattr(cause, 'message', '')} {getattr(cause, 'body', '')}"
    return status in (400, 422, 500) and ("response_format" in body or "json_schema" in body)


class _backend_errors:
    """Turns the client's exceptions into ``BackendError`` with a hint for the operator."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None or not isinstance(exc, Exception) or isinstance(exc, BackendError):
            return False
        import openai

        if isinstance(exc, openai.APITimeoutError):
            raise LLMTimeout(f"LLM server at {self.base_url} timed out (llm.timeout_s)") from exc
        if isinstance(exc, openai.APIConnectionError):
            raise BackendError(f"LLM server at {self.base_url} failed: {exc}; is it running?") from exc
        if isinstance(exc, openai.APIStatusError):
            hint = " (check llm.api_key)" if exc.status_code in (401, 403) else ""
            raise BackendError(f"LLM server answered HTTP {exc.status_code}{hint}: {str(exc.message)[:200]}") from exc
        if isinstance(exc, openai.OpenAIError):
            raise BackendError(f"LLM server at {self.base_url} failed: {exc}") from exc
        return False
