"""The embeddable HTTP API (JSON under ``/v1``) and the Gradio UI, served by one FastAPI app.

``create_app(assistant, token=None)`` is a thin edge over ``Assistant``: each route calls
one public method and ``assistant.errors`` become status codes (SessionNotFound → 404,
InputError → 400, NotIndexedError/StorageError/SearchUnavailable/Overloaded → 503, BackendError → 502,
ConfigError → 500; a turn never returns 502: a failing LLM gives the code-written guide, ``fallback_reason``)::

    POST   /v1/sessions                         {"user_id"?} → {"session_id": ...} (409 when a chosen id is taken)
    POST   /v1/sessions/{id}/messages           {"text": ...} → the ``shopguide ask --json`` object;
                                                an ``Idempotency-Key`` header makes a retry return the stored reply
    POST   /v1/sessions/{id}/messages:stream    server-sent events: products, token…, final (or error)
    GET    /v1/sessions/{id}/portrait           → portrait JSON
    PATCH  /v1/sessions/{id}/portrait           partial portrait JSON → merged portrait
    DELETE /v1/sessions/{id}/portrait           → 204
    POST   /v1/sessions/{id}/feedback           {"product_id", "event", "position"?} → 201
    DELETE /v1/sessions/{id}                    → 204 (session, turns, portrait, feedback gone)
    /v1/users/{id}/profile|export, /v1/users/{id}  returning shoppers (``ui.http_users``)
    GET    /healthz, /readyz, /openapi.json; the UI at /ui (``/`` redirects there)

Why the per-session ``asyncio.Lock``: asyncio locks are FIFO, so messages of one session
are answered in the order they arrived even though the work runs in a thread pool.
With a token, every ``/v1`` route needs ``Authorization: Bearer <token>`` and the UI asks
for it as its password. Without one, only loopback Host names are served and cross-origin
requests are refused (``ui.http_guard``). Every error, including 422 and an unexpected
500, has the shape ``{"detail", "error"}``; a 422 never echoes the input.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import weakref
from typing import Annotated, Any, AsyncIterator

from fastapi import Depends, FastAPI, Header, Path, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import (AlreadyApplied, BackendError, ConfigError, InputError, NotIndexedError, Overloaded,
                              SearchUnavailable, SessionExists, SessionNotFound, ShopguideError, StorageError)
from assistant.portrait.model import LOCKABLE, Portrait
from assistant.sessions import SESSION_ID_PATTERN
from ui.http_guard import HostGuardMiddleware
from ui.http_users import users_router
from ui.http_models import (ERRORS, ErrorOut, FeedbackIn, MessageIn, PortraitPatch, ReplyOut, SessionIn,
                            SessionOut)

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 64 * 1024
API_VERSION = "1"
_STATUS = {SessionNotFound: 404, SessionExists: 409, AlreadyApplied: 409, InputError: 400, NotIndexedError: 503,
           BackendError: 502, StorageError: 503, SearchUnavailable: 503, Overloaded: 503, ConfigError: 500}
_HTTP_NAMES = {400: "BadRequest", 404: "NotFound", 405: "MethodNotAllowed"}
SessionId = Annotated[str, Path(pattern=SESSION_ID_PATTERN, max_length=128)]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", min_length=1, max_length=128,
                                              pattern=r"^[\x21-\x7e]+$",
                                              description="retry-safe: the same key returns the stored reply")]


# -- request size limit ----------------------------------------------------------------------
class BodyLimitMiddleware:
    """Reject ``/v1`` request bodies over ``limit`` bytes with 413, by header or while reading.

    Bodies without a Content-Length (chunked) are read here first, up to the limit, and
    replayed to the app: a body error raised inside the app would become FastAPI's 400.
    """

    def __init__(self, app, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith("/v1"):
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > self.limit:
                return await self._reject(send)
            return await self.app(scope, receive, send)
        chunks, seen = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # client went away
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.limit:
                return await self._reject(send)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _reject(self, send):
        body = json.dumps({"detail": f"request body is larger than {self.limit} bytes; send a shorter message",
                           "error": "RequestTooLarge"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


# -- the app ----------------------------------------------------------------------------------
def create_app(assistant, token: str | None = None, ui: bool = True, allowed_hosts: tuple[str, ...] = ()) -> FastAPI:
    """FastAPI app serving the JSON API for ``assistant`` and (``ui=True``) the Gradio UI at /ui.

    ``allowed_hosts``: Host names a tokenless server answers besides the loopback ones.
    """
    app = FastAPI(title="shopguide", version=f"{API_VERSION}.0",
                  description="Conversational shopping assistant: sessions, messages (JSON or SSE), "
                              "portrait, feedback. Send `Authorization: Bearer <token>` when the server "
                              "was started with a token.")
    bearer = HTTPBearer(auto_error=False, description="the token given to `shopguide serve --token`")
    locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    async def check_token(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        if not token:
            return
        if credentials is None or not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
            raise _Unauthorized()

    def lock_for(session_id: SessionId) -> asyncio.Lock:
        lock = locks.get(session_id)
        if lock is None:  # kept alive by the requests holding or awaiting it, then dropped
            lock = locks[session_id] = asyncio.Lock()
        return lock

    async def require_session(session_id: SessionId) -> None:
        if not await run_in_threadpool(assistant.sessions.exists, session_id):
            raise SessionNotFound(f"no session {session_id!r}; create one with POST /v1/sessions")

    @app.exception_handler(ShopguideError)
    async def _shopguide_error(request: Request, exc: ShopguideError):
        status = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 500)
        return JSONResponse({"detail": str(exc), "error": type(exc).__name__}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        # FastAPI's default handler echoes the input: that 500s on NaN/Infinity/lone surrogates
        # (not JSON-encodable) and copies e-mails into responses and logs. Locations and reasons only.
        errors = [{"loc": [p if isinstance(p, int) else _printable(p) for p in e.get("loc", ())],
                   "msg": _printable(e.get("msg", "")), "type": _printable(e.get("type", ""))} for e in exc.errors()]
        where = "; ".join(".".join(map(str, e["loc"])) + ": " + e["msg"] for e in errors[:5])
        return JSONResponse({"detail": f"invalid request: {where}", "error": "ValidationError", "errors": errors},
                            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        # FastAPI's own 400 (unparsable body), 404 (no route), 405: same JSON shape as ours
        return JSONResponse({"detail": _printable(exc.detail), "error": _HTTP_NAMES.get(exc.status_code, "HTTPError")},
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return JSONResponse({"detail": "internal error; the server log has the details", "error": "InternalError"},
                            status_code=500)

    @app.exception_handler(_Unauthorized)
    async def _unauthorized(request: Request, exc: Exception):
        return JSONResponse({"detail": "missing or wrong bearer token: send `Authorization: Bearer <token>`",
                             "error": "Unauthorized"}, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    v1 = dict(dependencies=[Depends(check_token)], responses=ERRORS)

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], responses={503: {"model": ErrorOut}})
    async def readyz():
        """Readiness: a catalog is indexed, the session database takes a write, and warm-up has finished."""
        await run_in_threadpool(assistant._require_index)
        await run_in_threadpool(assistant.sessions.check)
        await run_in_threadpool(assistant.check_search)   # a `chroma run` server that stopped answering
        state = getattr(assistant, "warm_state", "ready")
        if state in ("warming", "failed"):
            return JSONResponse({"detail": "warming up: loading models and index" if state == "warming"
                                 else "warm-up failed; see the server log", "error": "NotReady"}, status_code=503)
        return {"status": "ready"}

    @app.post("/v1/sessions", status_code=201, tags=["sessions"], **v1)
    async def create_session(body: SessionIn | None = None) -> SessionOut:
        sid = await run_in_threadpool(lambda: assistant.new_session(body.session_id if body else None,
                                                                    body.user_id if body else None, exist_ok=False))
        return SessionOut(session_id=sid)

    @app.delete("/v1/sessions/{session_id}", status_code=204, tags=["sessions"], **v1)
    async def delete_session(session_id: SessionId) -> Response:
        """Delete the session and everything recorded for it (turns, portrait, impressions, feedback)."""
        async with lock_for(session_id):
            await run_in_threadpool(assistant.delete_session, session_id)
        return Response(status_code=204)

    @app.post("/v1/sessions/{session_id}/messages", tags=["messages"], **v1)
    async def post_message(session_id: SessionId, body: MessageIn, idempotency_key: IdempotencyKey = None) -> ReplyOut:
        """Answer one message: guide text, products with their facts, the updated portrait."""
        async with lock_for(session_id):  # taken before any other await: arrival order
            await require_session(session_id)
            if idempotency_key:
                stored = await run_in_threadpool(assistant.sessions.stored_reply, session_id, idempotency_key)
                if stored is not None:
                    return JSONResponse(stored, headers={"Idempotent-Replayed": "true"})
            try:
                reply = await run_in_threadpool(lambda: assistant.chat(body.text, session_id, body.reply,
                                                                       idempotency_key=idempotency_key))
            except AlreadyApplied as exc:   # the same retry reached another replica first
                return JSONResponse(exc.reply, headers={"Idempotent-Replayed": "true"})
        return JSONResponse(reply.to_json())

    @app.post("/v1/sessions/{session_id}/messages:stream", tags=["messages"], response_class=StreamingResponse,
              responses={200: {"content": {"text/event-stream": {}},
                               "description": "events `products` and `final` (data: the reply object), "
                                              "`token` (data: {\"text\"}), `error` (data: {\"detail\", \"error\", "
                                              "\"status\"})"}, **ERRORS},
              dependencies=v1["dependencies"])
    async def stream_message(session_id: SessionId, body: MessageIn,
                             idempotency_key: IdempotencyKey = None) -> StreamingResponse:
        """The same answer as server-sent events, tokens as they are generated."""
        lock = lock_for(session_id)
        await lock.acquire()  # released by _sse when the turn is done
        try:
            await require_session(session_id)
            await run_in_threadpool(assistant._require_index)
            stored = None
            if idempotency_key:
                stored = await run_in_threadpool(assistant.sessions.stored_reply, session_id, idempotency_key)
        except BaseException:
            lock.release()
            raise
        if stored is not None:
            lock.release()
            return StreamingResponse(iter([_event("final", stored)]), media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache", "Idempotent-Replayed": "true"})
        return StreamingResponse(_sse(assistant, lock, body, session_id, idempotency_key),
                                 media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @app.get("/v1/sessions/{session_id}/portrait", tags=["portrait"], **v1)
    async def get_portrait(session_id: SessionId) -> dict[str, Any]:
        return (await run_in_threadpool(assistant.get_portrait, session_id)).to_json()

    @app.patch("/v1/sessions/{session_id}/portrait", tags=["portrait"], **v1)
    async def patch_portrait(session_id: SessionId, body: PortraitPatch) -> dict[str, Any]:
        """Merge the given fields into the portrait; the next message uses it."""
        async with lock_for(session_id):
            current = (await run_in_threadpool(assistant.get_portrait, session_id)).to_json()
            merged = merge_portrait(current, body.model_dump(exclude_unset=True))
            return (await run_in_threadpool(assistant.set_portrait, session_id, merged)).to_json()

    @app.delete("/v1/sessions/{session_id}/portrait", status_code=204, tags=["portrait"], **v1)
    async def delete_portrait(session_id: SessionId) -> Response:
        async with lock_for(session_id):
            await run_in_threadpool(assistant.clear_portrait, session_id)
        return Response(status_code=204)

    @app.post("/v1/sessions/{session_id}/feedback", status_code=201, tags=["feedback"], **v1)
    async def post_feedback(session_id: SessionId, body: FeedbackIn) -> dict[str, str]:
        """Record a click, 👍/👎, add-to-cart or purchase of a shown product (ranker training data)."""
        async with lock_for(session_id):   # serialised with DELETE of the session
            await run_in_threadpool(assistant.feedback, session_id, body.product_id, body.event, body.position)
        return {"status": "recorded"}

    app.include_router(users_router(assistant, v1["dependencies"], ERRORS))   # /v1/users (ui.http_users)
    if ui:
        _mount_ui(app, assistant, token)
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(HostGuardMiddleware, token=token, allowed_hosts=tuple(allowed_hosts))
    return app


def _printable(value: Any) -> str:
    """``str(value)`` safe to encode as UTF-8 JSON (lone surrogates replaced)."""
    return str(value).encode("utf-8", "replace").decode("utf-8")


class _Unauthorized(Exception):
    pass


def merge_portrait(current: dict[str, Any], patch: dict[str, Any]) -> Portrait:
    """Portrait JSON + a patch (nested objects merged one level) → ``Portrait``.

    ``{"budget": {"max": 80}}`` changes only the maximum; a non-null ``category`` is an
    explicit (hard) category constraint. Constraints the patch sets (budget bounds, excluded
    brands, deal-breakers) are pinned: a shopper message may tighten them, never loosen them
    (``assistant.portrait.locks``); setting one to ``null`` unpins it.
    """
    data = dict(current)
    locked = set(data.get("locked") or [])
    for name, value in (("budget_min", (patch.get("budget") or {}).get("min", ...)),
                        ("budget_max", (patch.get("budget") or {}).get("max", ...)),
                        ("brands_excluded", (patch.get("brands") or {}).get("excluded", ...)),
                        ("deal_breakers", patch.get("deal_breakers", ...))):
        if value is ...:
            continue
        (locked.discard if value is None or value == [] else locked.add)(name)
    data["locked"] = [f for f in LOCKABLE if f in locked]
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    for key in ("must_haves", "deal_breakers"):
        data[key] = data.get(key) or []
    data["needs"] = data.get("needs") or ""
    if "category" in patch:
        data["category_explicit"] = patch["category"] is not None
    budget = data.get("budget") or {}
    if budget.get("min") is not None and budget.get("max") is not None and budget["min"] > budget["max"]:
        raise InputError(f"budget min {budget['min']} is above max {budget['max']}")
    return Portrait.from_json(data)


async def _sse(assistant, lock: asyncio.Lock, body: MessageIn, session_id: str,
               idempotency_key: str | None = None) -> AsyncIterator[bytes]:
    """Server-sent events for one turn; releases the session's (already held) lock at the end."""
    events = assistant.stream(body.text, session_id=session_id, reply=body.reply, idempotency_key=idempotency_key)
    try:
        while True:
            event = await run_in_threadpool(next, events, None)
            if event is None:
                break
            data = {"text": event.text} if event.kind == "token" else event.reply.to_json()
            yield _event(event.kind, data)
    except AlreadyApplied as exc:
        yield _event("final", exc.reply)
    except ShopguideError as exc:
        status = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 500)
        yield _event("error", {"detail": str(exc), "error": type(exc).__name__, "status": status})
    except Exception as exc:  # the stream has started: report in-band, keep the server up
        log.error("stream failed: %s", type(exc).__name__)   # no message: it may quote the shopper's text
        yield _event("error", {"detail": "internal error; the server log has the details", "error": "InternalError",
                               "status": 500})
    finally:
        try:
            await run_in_threadpool(_close, events)  # releases the assistant's own lock if cut short
        finally:
            lock.release()


def _close(events) -> None:
    try:
        events.close()
    except ValueError:  # still running in a worker thread (client gone mid-token); it ends on its own
        pass


def _event(kind: str, data: dict[str, Any]) -> bytes:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode("utf-8")


def _mount_ui(app: FastAPI, assistant, token: str | None) -> None:
    import gradio as gr

    from ui.cards import CSS
    from ui.gradio_app import build_app

    auth = None
    if token:
        def auth(username: str, password: str) -> bool:  # any user name; the token is the password
            return hmac.compare_digest(password.encode(), token.encode())

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse("/ui/")

    gr.mount_gradio_app(app, build_app(assistant).queue(), path="/ui", css=CSS, auth=auth,
                        auth_message="Enter any user name and the server's token as the password.",
                        footer_links=["api"], show_error=True)
