"""ASGI guards in front of the app: Host allow-list (DNS rebinding) and same-origin checks.

Why: a server without a token trusts whoever can reach it, which is fine on loopback
only if "reach" really means this machine. A web page on ``evil.example`` whose DNS is
rebound to 127.0.0.1 reaches a loopback server from the shopper's browser with
``Host: evil.example``; refusing every Host that is not a loopback name stops that.
A page on another origin (even another localhost port) must not drive the API or the
UI with the shopper's cookies either, so cross-origin requests are refused (and Gradio's
permissive CORS answers never reach such a page).

    tokenless server:  Host ∈ {localhost, 127.0.0.1, [::1]} (+ ``allowed_hosts``) else 421
    any server:        Origin present and ≠ the Host's origin → 403 for /ui; for /v1 when tokenless

>>> host_name(b"127.0.0.1:8000"), host_name(b"[::1]:80"), host_name(b"Example.com")
('127.0.0.1', '::1', 'example.com')
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def host_name(value: bytes) -> str:
    """The host part of a Host header, lower-cased, brackets and port removed."""
    text = value.decode("latin-1").strip().lower()
    if text.startswith("["):
        return text[1:text.find("]")] if "]" in text else text
    return text.rsplit(":", 1)[0] if text.count(":") == 1 else text


class HostGuardMiddleware:
    """Refuse requests whose Host (or cross-origin Origin) a tokenless/UI server must not serve."""

    def __init__(self, app, token: str | None, allowed_hosts: tuple[str, ...] = ()) -> None:
        self.app, self.token = app, token
        self.allowed = LOOPBACK_HOSTS | {h.lower() for h in allowed_hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        if scope["type"] == "websocket":
            send = _websocket_closer(send)
        host = headers.get(b"host", b"")
        if not self.token and host_name(host) not in self.allowed:
            return await _refuse(send, 421, "MisdirectedRequest",
                                 "this server has no token and answers only loopback host names "
                                 "(localhost, 127.0.0.1, [::1]); start it with --token to serve other names")
        origin = headers.get(b"origin")
        path = scope.get("path", "")
        if origin is not None and not _same_origin(origin, host, scope.get("scheme", "http")):
            if path.startswith("/ui") or (not self.token and path.startswith("/v1")):
                return await _refuse(send, 403, "CrossOriginRefused",
                                     "cross-origin requests are refused; call the API from the server's own origin")
        return await self.app(scope, receive, send)


def _same_origin(origin: bytes, host: bytes, scheme: str) -> bool:
    parts = urlsplit(origin.decode("latin-1").strip())
    default = {"http": 80, "https": 443, "ws": 80, "wss": 443}
    try:
        origin_port = parts.port or default.get(parts.scheme, 0)
    except ValueError:
        return False
    wanted = urlsplit(f"{scheme}://{host.decode('latin-1').strip()}")
    try:
        host_port = wanted.port or default.get(scheme, 0)
    except ValueError:
        return False
    return (parts.hostname or "") == (wanted.hostname or "") and origin_port == host_port


def _websocket_closer(send):
    async def close(message):
        if message["type"] == "http.response.start":
            await send({"type": "websocket.close", "code": 1008})
    return close


async def _refuse(send, status: int, error: str, detail: str) -> None:
    body = json.dumps({"detail": detail, "error": error}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
