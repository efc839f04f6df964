"""One exception tree for shopguide; edges turn these into exit codes, HTTP statuses, banners.

    ShopguideError
    ├── ConfigError          bad or missing configuration (exit 2, HTTP 500)
    ├── NotIndexedError      no catalog indexed in the data directory yet (exit 3, HTTP 503)
    ├── SessionNotFound      unknown session id (HTTP 404)
    │   └── UserNotFound     unknown user id (HTTP 404)
    ├── SessionExists        creating a session whose id is taken (HTTP 409)
    ├── AlreadyApplied       a retried message (same Idempotency-Key) that another replica already answered
    ├── InputError           the user's request is malformed (exit 2, HTTP 400/422)
    ├── BackendError         the LLM backend failed (exit 4, HTTP 502); a turn answers without it instead
    │   └── LLMTimeout       it did not finish within ``[llm] timeout_s``
    ├── StorageError         the session database cannot be read or written (exit 5, HTTP 503)
    ├── SearchUnavailable    the vector store (a ``chroma run`` server) does not answer (exit 5, HTTP 503)
    ├── Overloaded           the LLM queue is full; retry later (HTTP 503)
    └── ToolError            a tool the shop plugs in (order look-up) failed; becomes a hand-off
"""


class ShopguideError(Exception):
    """Base class: every error shopguide raises on purpose."""

    exit_code = 1


class ConfigError(ShopguideError):
    exit_code = 2


class NotIndexedError(ShopguideError):
    exit_code = 3


class SessionNotFound(ShopguideError):
    exit_code = 2


class UserNotFound(SessionNotFound):
    """Unknown user id; a SessionNotFound so every edge already maps it to 404 / exit 2."""


class InputError(ShopguideError):
    exit_code = 2


class BackendError(ShopguideError):
    exit_code = 4


class LLMTimeout(BackendError):
    """The LLM did not finish within ``[llm] timeout_s``; the generation was cancelled."""


class SessionExists(ShopguideError):
    exit_code = 2


class AlreadyApplied(ShopguideError):
    """The turn with this ``Idempotency-Key`` was stored while this request waited for the session
    (a retry that reached another replica at the same time); ``reply`` is the stored answer."""

    exit_code = 2

    def __init__(self, message: str, reply: dict) -> None:
        super().__init__(message)
        self.reply = reply


class StorageError(ShopguideError):
    """The disk under the session database failed (read-only, full, I/O error); retried on the next call."""

    exit_code = 5


class SearchUnavailable(ShopguideError):
    """The Chroma server behind catalog search does not answer; retried on the next call."""

    exit_code = 5


class Overloaded(ShopguideError):
    exit_code = 4


class ToolError(ShopguideError):
    """A shop-provided tool (order look-up) failed or timed out; the service hands off instead of guessing."""

    exit_code = 4
